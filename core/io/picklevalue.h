#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
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
    enum class Kind { None, Bool, Int, Float, String, Bytes, Tuple, List, Dict, Global, Tensor };

    Kind kind = Kind::None;
    bool boolean = false;
    std::int64_t integer = 0;
    double real = 0.0;
    std::string text;                  ///< String/Bytes contents; Global: "module.name"; Dict: its class if not dict
    std::vector<PickleValuePtr> items; ///< Tuple/List elements
    std::vector<std::pair<PickleValuePtr, PickleValuePtr>> entries; ///< Dict entries in insertion order
    at::Tensor tensor;                 ///< Tensor: a tensor or a storage (1-D, as many elements as the storage)

    PickleValue() = default;
    PickleValue(const PickleValue &) = delete;
    PickleValue &operator=(const PickleValue &) = delete;
    /// Releases nested containers iteratively: a hostile pickle nesting a million tuples cannot overflow the
    /// call stack on destruction.
    ~PickleValue();

    static PickleValuePtr make(Kind kind);
    static PickleValuePtr makeString(std::string text, Kind kind = Kind::String);
    static PickleValuePtr makeTensor(at::Tensor tensor);

    /// The dict entry with this string key, or nullptr.
    PickleValuePtr get(std::string_view key) const;
    /// A short Python-like rendering for messages and metadata (long containers are abbreviated).
    std::string repr(std::size_t maxLength = 200) const;
    std::string_view kindName() const;
};

} // namespace bcos::core
