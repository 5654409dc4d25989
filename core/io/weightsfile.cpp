#include "weightsfile.h"

#include "core/error.h"
#include "core/io/pickle.h"
#include "core/io/safetensors.h"
#include "core/io/torchfile.h"
#include "core/io/torchscript.h"
#include "core/io/zipreader.h"
#include "core/shape.h"

#include <ATen/core/Tensor.h>
#include <fmt/format.h>

#include <array>
#include <cstring>
#include <fstream>

namespace bcos::core {
namespace {

using Kind = PickleValue::Kind;

constexpr std::array kStateDictKeys{"state_dict", "model_state_dict", "model"};
constexpr int kMaxDepth = 32;

enum class Container { Zip, Safetensors };

Container detectContainer(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        fail(ErrorCode::Io, "{}: cannot open: {}", path.string(), std::strerror(errno));
    std::array<unsigned char, 9> head{};
    in.read(reinterpret_cast<char *>(head.data()), head.size());
    const auto count = static_cast<std::size_t>(in.gcount());
    if (count == 0)
        fail(ErrorCode::Format, "{}: file is empty", path.string());
    if (count >= 4 && head[0] == 'P' && head[1] == 'K' && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6)))
        return Container::Zip;
    if (head[0] == 0x80 && count >= 2 && head[1] <= 5)
        fail(ErrorCode::Unsupported, "{}: legacy (pre-1.6, non-zip) torch.save format is not supported; re-save it "
             "with a current torch.save", path.string());
    if (count == head.size() && head[8] == '{')
        return Container::Safetensors;
    fail(ErrorCode::Format, "{}: not a weights file: unrecognised content (expected safetensors, a torch.save zip "
         "archive, a Lightning .ckpt or a TorchScript .pt)", path.string());
}

bool containsTensor(const PickleValue &value, int depth = 0)
{
    if (depth > kMaxDepth)
        return false;
    if (value.kind == Kind::Tensor)
        return true;
    for (const auto &item : value.items)
        if (containsTensor(*item, depth + 1))
            return true;
    for (const auto &entry : value.entries)
        if (containsTensor(*entry.second, depth + 1))
            return true;
    return false;
}

std::string keyText(const PickleValue &key)
{
    return key.kind == Kind::String ? key.text : key.repr();
}

std::string joinName(const std::string &prefix, const std::string &key)
{
    return prefix.empty() ? key : prefix + "." + key;
}

std::string scalarText(const PickleValue &value)
{
    return value.kind == Kind::String ? value.text : value.repr();
}

/// Collects the tensors of a state dict entry (nested dicts flattened with "."); other values become problems.
void collectTensors(const std::string &name, const PickleValue &value, WeightsFile &out, int depth)
{
    if (value.kind == Kind::Tensor) {
        if (out.tensors.contains(name))
            out.problems.push_back(fmt::format("tensor '{}' appears twice; the first one is kept", name));
        else
            out.tensors.insert(name, value.tensor);
    } else if (value.kind == Kind::Dict && depth < kMaxDepth) {
        for (const auto &[key, item] : value.entries)
            collectTensors(joinName(name, keyText(*key)), *item, out, depth + 1);
    } else {
        out.problems.push_back(fmt::format("'{}' is a {} ({}), not a tensor; skipped", name, value.kindName(),
                                           value.repr(60)));
    }
}

/// A checkpoint entry beside the weights: scalars and tensor-free containers become metadata.
void collectMetadata(const std::string &name, const PickleValue &value, WeightsFile &out, int depth)
{
    if (containsTensor(value))
        out.problems.push_back(fmt::format("'{}' ({}) holds tensors that are not model weights; skipped", name,
                                           value.kindName()));
    else if (value.kind == Kind::Dict && depth < kMaxDepth)
        for (const auto &[key, item] : value.entries)
            collectMetadata(joinName(name, keyText(*key)), *item, out, depth + 1);
    else
        out.metadata.set(name, scalarText(value));
}

void addKeyPrefix(WeightsFile &weights)
{
    for (const char *prefix : {"model.", "module."}) {
        bool all = !weights.tensors.is_empty();
        for (const auto &item : weights.tensors)
            all = all && item.key().rfind(prefix, 0) == 0;
        if (all)
            weights.metadata.set("key_prefix", prefix);
    }
}

WeightsFile fromPickle(const PickleValue &root, const std::string &origin)
{
    if (root.kind != Kind::Dict)
        fail(ErrorCode::Unsupported, "{}: the file holds a {}, not a dict of tensors", origin, root.kindName());
    WeightsFile weights;
    const bool lightning = root.get("pytorch-lightning_version") || (root.get("state_dict") && root.get("global_step"));
    weights.format = lightning ? "lightning-ckpt" : "torch-zip";
    PickleValuePtr selected;
    std::string selectedKey;
    for (const char *key : kStateDictKeys) {
        const auto value = root.get(key);
        if (value && value->kind == Kind::Dict && containsTensor(*value)) {
            selected = value;
            selectedKey = key;
            break;
        }
    }
    if (selected) {
        weights.metadata.set("state_dict_key", selectedKey);
        collectTensors("", *selected, weights, 0);
    }
    for (const auto &[key, value] : root.entries) {
        if (value == selected)
            continue;
        if (!selected && containsTensor(*value))
            collectTensors(keyText(*key), *value, weights, 0);
        else
            collectMetadata(keyText(*key), *value, weights, 0);
    }
    if (weights.tensors.is_empty())
        fail(ErrorCode::Format, "{}: the file holds no tensors", origin);
    addKeyPrefix(weights);
    return weights;
}

std::string dtypeName(at::ScalarType type)
{
    try {
        return safetensorsDtypeName(type);
    } catch (const Error &) {
        return c10::toString(type);
    }
}

} // namespace

WeightsFile loadWeightsFile(const std::filesystem::path &path)
{
    const std::string origin = path.string();
    if (detectContainer(path) == Container::Safetensors) {
        auto contents = readSafetensors(path);
        return WeightsFile{std::move(contents.tensors), std::move(contents.metadata), "safetensors", {}};
    }
    const ZipReader zip(path);
    if (isTorchScriptArchive(zip)) {
        auto contents = readTorchScript(path);
        return WeightsFile{std::move(contents.tensors), std::move(contents.metadata), "torchscript", {}};
    }
    return fromPickle(*readTorchArchive(zip), origin);
}

TensorMap stripKeyPrefix(const TensorMap &tensors, const std::string &prefix)
{
    TensorMap out;
    for (const auto &item : tensors)
        if (item.key().rfind(prefix, 0) == 0)
            out.insert(item.key().substr(prefix.size()), item.value());
    return out;
}

std::string describeWeightsFile(const WeightsFile &weights)
{
    std::uint64_t elements = 0;
    std::uint64_t bytes = 0;
    std::size_t nameWidth = 4;
    for (const auto &item : weights.tensors) {
        elements += static_cast<std::uint64_t>(item.value().numel());
        bytes += static_cast<std::uint64_t>(item.value().numel()) * item.value().element_size();
        nameWidth = std::max(nameWidth, item.key().size());
    }
    std::string out = fmt::format("format: {}\ntensors: {} ({} elements, {} bytes)\n", weights.format,
                                  weights.tensors.size(), elements, bytes);
    for (const auto &item : weights.tensors) {
        const at::Tensor &tensor = item.value();
        out += fmt::format("  {:<{}}  {:<5} {:<18} {}\n", item.key(), nameWidth, dtypeName(tensor.scalar_type()),
                           shapeString(tensor.sizes()), tensor.numel() * tensor.element_size());
    }
    out += fmt::format("metadata: {}\n", weights.metadata.size());
    for (const auto &[key, value] : weights.metadata)
        out += fmt::format("  {}: {}\n", key, value);
    out += fmt::format("problems: {}\n", weights.problems.size());
    for (const auto &problem : weights.problems)
        out += fmt::format("  {}\n", problem);
    return out;
}

} // namespace bcos::core
