#pragma once
// Precompiled for bcos_core and its tests: the expensive LibTorch headers, shared by most TUs.
#include <torch/torch.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
