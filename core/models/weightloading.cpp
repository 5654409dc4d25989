#include "weightloading.h"

#include "core/error.h"
#include "core/shape.h"

#include <torch/torch.h>

namespace bcos::core {

TensorMap stateDict(const torch::nn::Module &module)
{
    // PyTorch's state_dict order: each module's own parameters, then its own buffers, then its children.
    // (named_modules(include_self) needs a shared_ptr, so the root's own tensors are taken first by hand.)
    TensorMap out;
    const auto addOwn = [&out](const torch::nn::Module &owner, const std::string &prefix) {
        for (const auto &item : owner.named_parameters(/*recurse=*/false))
            out.insert(prefix + item.key(), item.value());
        for (const auto &item : owner.named_buffers(/*recurse=*/false))
            out.insert(prefix + item.key(), item.value());
    };
    addOwn(module, "");
    for (const auto &sub : module.named_modules("", /*include_self=*/false))
        addOwn(*sub.value(), sub.key() + ".");
    return out;
}

void loadStateDict(torch::nn::Module &module, const TensorMap &weights, const std::string &origin)
{
    const TensorMap target = stateDict(module);
    for (const auto &item : weights) {
        if (!target.contains(item.key()))
            fail(ErrorCode::Mismatch, "{}: unexpected weight '{}' (not part of the architecture)", origin, item.key());
    }
    torch::NoGradGuard noGrad;
    for (const auto &item : target) {
        const at::Tensor *source = weights.find(item.key());
        if (!source)
            fail(ErrorCode::Mismatch, "{}: missing weight '{}' (expected shape {})", origin, item.key(),
                 shapeString(item.value().sizes()));
        if (source->sizes() != item.value().sizes())
            fail(ErrorCode::Mismatch, "{}: weight '{}' has shape {}, expected {}", origin, item.key(),
                 shapeString(source->sizes()), shapeString(item.value().sizes()));
        item.value().copy_(source->to(item.value().options()));
    }
}

} // namespace bcos::core
