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

/// What the caller contributes to unpickling: extra allowed globals and how to call them.
struct UnpickleHooks {
    /// Globals (as "module.name") besides the built-in containers that may appear in the pickle.
    std::vector<std::string> allowedGlobals;
    /// BINPERSID: turns a persistent id into a value (torch: the storage tuple into a storage).
    std::function<PickleValuePtr(const PickleValue &persistentId)> persistentLoad;
    /// REDUCE on one of `allowedGlobals` with an argument tuple.
    std::function<PickleValuePtr(const std::string &global, const PickleValue &arguments)> reduce;
};

/// Limits against hostile pickles.
struct UnpickleLimits {
    std::size_t maxStack = 1u << 22;
    std::size_t maxMemo = 1u << 22;
};

/// Decodes a pickle (protocol 2 as torch.save writes it, plus the protocol 3-4 framing opcodes) without ever
/// executing or importing anything. Only the opcodes a state dict needs are understood and only these
/// globals are accepted: collections.OrderedDict, a few plain-data dict types (Lightning's AttributeDict,
/// argparse.Namespace) and `hooks.allowedGlobals`. Any other global gives Error{Unsupported}
/// "ORIGIN: pickle references forbidden global 'os.system' (...)"; unknown opcodes, truncation and stack
/// misuse give Error{Format} naming `origin` and the byte offset.
/// The returned root owns the whole decoded graph: values inside it stay valid while the root is referenced
/// (containers that form reference cycles are emptied when the root is released).
PickleValuePtr unpickle(std::string_view bytes, std::string_view origin, const UnpickleHooks &hooks,
                        const UnpickleLimits &limits = {});

} // namespace bcos::core
