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
