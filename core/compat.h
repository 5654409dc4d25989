#pragma once
// The one place where LibTorch 1.13 (Debian 12) and LibTorch 2.x (CUDA machines) differ.
// Everything else in the project uses these names and stays version-agnostic.

#include <torch/csrc/api/include/torch/version.h>

#include <ATen/autocast_mode.h>
#include <c10/util/Optional.h>

#include <string>

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

} // namespace bcos::compat
