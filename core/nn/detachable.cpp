#include "detachable.h"

#include <torch/nn/module.h>

namespace bcos::core {

void setExplanationMode(torch::nn::Module &root, bool on)
{
    for (const auto &module : root.modules(/*include_self=*/true)) {
        if (auto *layer = dynamic_cast<Detachable *>(module.get()))
            layer->setDetach(on);
    }
}

ExplanationModeGuard::ExplanationModeGuard(torch::nn::Module &root)
    : m_root(root)
{
    setExplanationMode(m_root, true);
}

ExplanationModeGuard::~ExplanationModeGuard() { setExplanationMode(m_root, false); }

} // namespace bcos::core
