#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bcos::core {

struct PickleValue;
using PickleValuePtr = std::shared_ptr<PickleValue>;

/// A value decoded by the restricted unpickler. Containers are shared (pickle memo semantics), so a
/// dict built by EMPTY_DICT and later filled by SETITEMS is the same object everywhere it is referenced.
struct PickleValue {
    /// Opaque: an inert placeholder for a global outside the allow-list (pathlib.PosixPath, numpy scalars,
    /// os.system): the global itself and whatever REDUCE/NEWOBJ/BUILD would make of it; `text` names the global.
    /// Nothing is ever called: the arguments are dropped.
    enum class Kind { None, Bool, Int, Float, String, Bytes, Tuple, List, Dict, Global, Tensor, Opaque };

    Kind kind = Kind::None;
    bool boolean = false;
    std::int64_t integer = 0;
    double real = 0.0;
    std::string text;                  ///< String/Bytes contents; Global: "module.name"; Dict: its class if not dict
    std::vector<PickleValuePtr> items; ///< Tuple/List elements
    std::vector<std::pair<PickleValuePtr, PickleValuePtr>> entries; ///< Dict entries in insertion order
    /// Tensor: a tensor or a storage (1-D, as many elements as the storage). Undefined until materialize()
    /// when the reader decodes lazily (torch archives: only the tensors a caller asks for are read).
    mutable at::Tensor tensor;
    std::function<at::Tensor()> loader; ///< Tensor: reads the tensor on first materialize() (lazy readers)
    at::ScalarType dtype = at::kFloat;  ///< Tensor: dtype and shape, known before materialising
    std::vector<std::int64_t> shape;

    PickleValue() = default;
    PickleValue(const PickleValue &) = delete;
    PickleValue &operator=(const PickleValue &) = delete;
    /// Releases nested containers iteratively: a hostile pickle nesting a million tuples cannot overflow the
    /// call stack on destruction.
    ~PickleValue();

    static PickleValuePtr make(Kind kind);
    static PickleValuePtr makeString(std::string text, Kind kind = Kind::String);
    static PickleValuePtr makeTensor(at::Tensor tensor);
    /// A tensor of `dtype` and `shape` read by `loader` on first materialize().
    static PickleValuePtr makeLazyTensor(at::ScalarType dtype, std::vector<std::int64_t> shape,
                                         std::function<at::Tensor()> loader);
    /// Tensor: the tensor, read now if lazy (errors of the reader propagate); undefined for other kinds.
    const at::Tensor &materialize() const;

    /// The dict entry with this string key, or nullptr.
    PickleValuePtr get(std::string_view key) const;
    /// A short Python-like rendering for messages and metadata (long containers are abbreviated).
    std::string repr(std::size_t maxLength = 200) const;
    std::string_view kindName() const;
};

} // namespace bcos::core
