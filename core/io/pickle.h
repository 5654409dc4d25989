#pragma once

#include "picklevalue.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace bcos::core {

/// What the caller contributes to unpickling: extra allowed globals and how to call them.
struct UnpickleHooks {
    /// Globals (as "module.name") besides the built-in containers that may appear in the pickle.
    std::vector<std::string> allowedGlobals;
    /// BINPERSID: turns a persistent id into a value (torch: the storage tuple into a storage).
    std::function<PickleValuePtr(const PickleValue &persistentId)> persistentLoad;
    /// REDUCE on one of `allowedGlobals` with an argument tuple.
    std::function<PickleValuePtr(const std::string &global, const PickleValue &arguments)> reduce;
    /// Receives each global outside the allow-list once, in order of appearance (optional).
    std::vector<std::string> *foreignGlobals = nullptr;
};

/// Limits against hostile pickles.
struct UnpickleLimits {
    std::size_t maxStack = 1u << 22;
    std::size_t maxMemo = 1u << 22;
};

/// Decodes a pickle (protocol 2 as torch.save writes it, plus the protocol 3-4 framing opcodes) without ever
/// executing or importing anything. Only the opcodes a state dict needs are understood. Globals on the
/// allow-list are interpreted: collections.OrderedDict, a few plain-data dict types (Lightning's AttributeDict,
/// argparse.Namespace) and `hooks.allowedGlobals` (called through `hooks.reduce`). Any other global
/// (pathlib.PosixPath, numpy scalars, os.system, builtins.eval) becomes an inert PickleValue::Kind::Opaque
/// placeholder: REDUCE, NEWOBJ and BUILD on it give another placeholder and drop their arguments, so nothing
/// is ever called; its name goes to `hooks.foreignGlobals`. Storage types outside the allow-list (complex,
/// quantized) give Error{Unsupported}; unknown opcodes, truncation and stack misuse give Error{Format} naming
/// `origin` and the byte offset.
/// The returned root owns the whole decoded graph: values inside it stay valid while the root is referenced
/// (containers that form reference cycles are emptied when the root is released).
PickleValuePtr unpickle(std::string_view bytes, std::string_view origin, const UnpickleHooks &hooks,
                        const UnpickleLimits &limits = {});

} // namespace bcos::core
