#include "modelloading.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace bcos::widgets {
namespace {

std::string lowerExtension(const std::string &path)
{
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext;
}

} // namespace

bool needsArchitecture(const std::string &path)
{
    const std::string ext = lowerExtension(path);
    return ext == ".pth" || ext == ".pt" || ext == ".ckpt";
}

bool isModelFile(const std::string &path)
{
    return needsArchitecture(path) || lowerExtension(path) == ".safetensors";
}

} // namespace bcos::widgets
