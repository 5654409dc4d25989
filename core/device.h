#pragma once

#include <c10/core/Device.h>

#include <string>

namespace bcos::core {

/// True for the names resolveDevice accepts: "auto", "cpu", "cuda", "cuda:N" (N: 1 to 4 digits).
bool isDeviceName(const std::string &name);

/// The device a user named (`--device`, the studio's device box, TrainOptions::device): "auto" (cuda:0 when
/// CUDA is available, else the CPU), "cpu", "cuda" (= cuda:0 for a single process) or "cuda:N".
/// Error{InvalidArgument}:
///   "device 'gpu': expected cpu, cuda, cuda:N or auto"
///   "device 'cuda' requested but no CUDA device is available"
///   "device 'cuda:3' requested but this machine has 2 CUDA devices (cuda:0 to cuda:1)"
c10::Device resolveDevice(const std::string &name);

} // namespace bcos::core
