#pragma once
// The one place where LibTorch 1.13 (Debian 12) and LibTorch 2.x (CUDA machines) differ.
// Everything else in the project uses these names and stays version-agnostic.

#include <torch/csrc/api/include/torch/version.h>

#include <ATen/Functions.h>
#include <ATen/autocast_mode.h>
#include <c10/util/Optional.h>

#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

namespace bcos::compat {

constexpr int kTorchMajor = TORCH_VERSION_MAJOR;
constexpr int kTorchMinor = TORCH_VERSION_MINOR;

inline std::string torchVersion()
{
    return std::to_string(TORCH_VERSION_MAJOR) + "." + std::to_string(TORCH_VERSION_MINOR) + "."
        + std::to_string(TORCH_VERSION_PATCH);
}

// c10::optional is std::optional from 2.x on, its own type in 1.13.
template <class T>
using Optional = c10::optional<T>;
inline constexpr auto nullopt = c10::nullopt;

/// Enables or disables CUDA autocast (bf16/fp16 mixed precision) for the current thread.
inline void setCudaAutocast(bool enabled, at::ScalarType dtype)
{
#if TORCH_VERSION_MAJOR >= 2 && TORCH_VERSION_MINOR >= 4
    at::autocast::set_autocast_enabled(at::kCUDA, enabled);
    at::autocast::set_autocast_dtype(at::kCUDA, dtype);
#else
    at::autocast::set_enabled(enabled);
    at::autocast::set_autocast_gpu_dtype(dtype);
#endif
}

/// destinations[i].copy_(sources[i]) for every i: one multi-tensor copy where LibTorch has it (2.2 on: a launch or
/// two for all on a GPU), one copy per tensor before.
inline void copyEach(at::TensorList destinations, at::TensorList sources)
{
    if (destinations.empty())
        return;
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 2)
    at::_foreach_copy_(destinations, sources);
#else
    for (size_t i = 0; i < destinations.size(); ++i)
        destinations[i].copy_(sources[i]);
#endif
}

/// tensors[i] *= scalar for every i, `scalar` a 0-d tensor on their device (read there: a CUDA graph replays it with
/// the value it holds then): one multi-tensor operation from LibTorch 2.1 on, one per tensor before.
inline void mulEach(at::TensorList tensors, const at::Tensor &scalar)
{
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 1)
    at::_foreach_mul_(tensors, scalar);
#else
    for (const auto &tensor : tensors)
        tensor.mul_(scalar);
#endif
}

/// tensors[i] * scalar for every i, as new tensors (see mulEach()).
inline std::vector<at::Tensor> timesEach(at::TensorList tensors, const at::Tensor &scalar)
{
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 1)
    return at::_foreach_mul(tensors, scalar);
#else
    std::vector<at::Tensor> products;
    products.reserve(tensors.size());
    for (const auto &tensor : tensors)
        products.push_back(tensor * scalar);
    return products;
#endif
}

/// tensors[i] /= scalar for every i, as mulEach().
inline void divEach(at::TensorList tensors, const at::Tensor &scalar)
{
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 2)
    at::_foreach_div_(tensors, scalar);
#else
    for (const auto &tensor : tensors)
        tensor.div_(scalar);
#endif
}

/// The key of a parameter's state in torch::optim::Optimizer::state_ (pass decltype(state_)::key_type): its
/// TensorImpl's address, printed to a string in LibTorch 1.x (as c10::guts::to_string prints it), the pointer in 2.x.
template <class Key, class Impl>
Key optimizerStateKey(Impl *impl)
{
    if constexpr (std::is_same_v<Key, std::string>) {
        std::ostringstream text;
        text << static_cast<const void *>(impl);
        return text.str();
    } else {
        return impl;
    }
}

} // namespace bcos::compat
