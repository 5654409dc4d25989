#pragma once

#include <c10/core/Device.h>
#include <torch/nn/module.h>

namespace bcos::core {

/// The device a module's weights are on (the CPU for a module without parameters): where its inputs must go.
inline c10::Device moduleDevice(const torch::nn::Module &module)
{
    const auto parameters = module.parameters();
    return parameters.empty() ? c10::Device(c10::kCPU) : parameters.front().device();
}

} // namespace bcos::core
