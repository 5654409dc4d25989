#include "core/device.h"

#include "core/error.h"

#include <torch/cuda.h>

#include <cctype>

namespace bcos::core {
namespace {

/// "cuda:N" with N decimal digits only (LibTorch also accepts other device types, which we do not run on).
bool isCudaIndex(const std::string &name)
{
    constexpr std::string_view prefix = "cuda:";
    if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0 || name.size() > prefix.size() + 4)
        return false;
    for (size_t i = prefix.size(); i < name.size(); ++i)
        if (!std::isdigit(static_cast<unsigned char>(name[i])))
            return false;
    return true;
}

} // namespace

bool isDeviceName(const std::string &name)
{
    return name == "auto" || name == "cpu" || name == "cuda" || isCudaIndex(name);
}

c10::Device resolveDevice(const std::string &name)
{
    if (name == "cpu")
        return c10::Device(c10::kCPU);
    if (!isDeviceName(name))
        fail(ErrorCode::InvalidArgument, "device '{}': expected cpu, cuda, cuda:N or auto", name);
    const bool available = torch::cuda::is_available();
    if (name == "auto")
        return available ? c10::Device(c10::kCUDA, 0) : c10::Device(c10::kCPU);
    if (!available)
        fail(ErrorCode::InvalidArgument, "device '{}' requested but no CUDA device is available", name);
    if (name == "cuda")
        return c10::Device(c10::kCUDA);
    const int index = std::stoi(name.substr(5));
    const int count = static_cast<int>(torch::cuda::device_count());
    if (index >= count)
        fail(ErrorCode::InvalidArgument, "device '{}' requested but this machine has {} CUDA device{} (cuda:0 to cuda:{})",
             name, count, count == 1 ? "" : "s", count - 1);
    return c10::Device(c10::kCUDA, static_cast<c10::DeviceIndex>(index));
}

} // namespace bcos::core
