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
#include <fmt/ranges.h>

#include <array>
#include <cstring>
#include <fstream>
#include <unordered_map>
#include <utility>

namespace bcos::core {
namespace {

using Kind = PickleValue::Kind;

constexpr std::array kStateDictKeys{"state_dict", "model_state_dict", "model"};
constexpr int kMaxDepth = 32;
constexpr std::size_t kMaxVisits = std::size_t(1) << 20;

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

std::string keyText(const PickleValue &key)
{
    return key.kind == Kind::String ? key.text : key.repr();
}

std::string joinName(const std::string &prefix, const std::string &key)
{
    return prefix.empty() ? key : prefix + "." + key;
}

/// Turns the decoded pickle into a WeightsFile. Every walk is bounded (depth, visited values) so that
/// shared or cyclic containers in a hostile pickle cannot make it exponential or endless.
class Collector {
public:
    Collector(WeightsFile &out, const std::string &origin) : m_out(out), m_origin(origin) {}

    /// Tensors of a state dict entry (dicts flattened with ".", lists by index); other values are problems.
    void tensors(const std::string &name, const PickleValue &value, int depth)
    {
        visit();
        if (value.kind == Kind::Tensor) {
            const std::string key = name.empty() ? "tensor" : name;
            if (m_out.tensors.contains(key))
                m_out.problems.push_back(fmt::format("tensor '{}' appears twice; the first one is kept", key));
            else
                m_out.tensors.insert(key, value.materialize());
        } else if (value.kind == Kind::Dict && depth < kMaxDepth) {
            for (const auto &[key, item] : value.entries)
                tensors(joinName(name, keyText(*key)), *item, depth + 1);
        } else if ((value.kind == Kind::List || value.kind == Kind::Tuple) && depth < kMaxDepth && containsTensor(value)) {
            for (std::size_t i = 0; i < value.items.size(); ++i)
                tensors(joinName(name, std::to_string(i)), *value.items[i], depth + 1);
        } else {
            m_out.problems.push_back(fmt::format("'{}' is a {} ({}), not a tensor; skipped", name, value.kindName(),
                                                 value.repr(60)));
        }
    }

    /// A checkpoint entry beside the weights: scalars and tensor-free containers become metadata.
    void metadata(const std::string &name, const PickleValue &value, int depth)
    {
        visit();
        if (containsTensor(value))
            m_out.problems.push_back(fmt::format("'{}' ({}) holds tensors that are not model weights; skipped", name,
                                                 value.kindName()));
        else if (value.kind == Kind::Dict && depth < kMaxDepth)
            for (const auto &[key, item] : value.entries)
                metadata(joinName(name, keyText(*key)), *item, depth + 1);
        else
            m_out.metadata.set(name, value.kind == Kind::String ? value.text : value.repr());
    }

    /// Whether a tensor is reachable within kMaxDepth levels; each container is examined once (memoised,
    /// cycle-safe; results cut short by the depth limit are not memoised).
    bool containsTensor(const PickleValue &value, int depth = 0)
    {
        if (value.kind == Kind::Tensor)
            return true;
        if (depth > kMaxDepth) {
            m_truncated = true;
            return false;
        }
        const auto known = m_contains.find(&value);
        if (known != m_contains.end())
            return known->second;
        visit();
        const bool outerTruncated = std::exchange(m_truncated, false);
        m_contains[&value] = false; // a cycle back to this value adds nothing
        bool found = false;
        for (const auto &item : value.items)
            found = found || containsTensor(*item, depth + 1);
        for (const auto &entry : value.entries)
            found = found || containsTensor(*entry.second, depth + 1);
        if (found || !m_truncated)
            m_contains[&value] = found;
        else
            m_contains.erase(&value);
        m_truncated = m_truncated || outerTruncated;
        return found;
    }

private:
    void visit()
    {
        if (++m_visits > kMaxVisits)
            fail(ErrorCode::Format, "{}: the pickle has more than {} nested entries (shared or recursive "
                 "containers?)", m_origin, kMaxVisits);
    }

    WeightsFile &m_out;
    const std::string &m_origin;
    std::size_t m_visits = 0;
    bool m_truncated = false;
    std::unordered_map<const PickleValue *, bool> m_contains;
};

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
    WeightsFile weights;
    Collector collect(weights, origin);
    const bool lightning = root.get("pytorch-lightning_version") || (root.get("state_dict") && root.get("global_step"));
    weights.format = lightning ? "lightning-ckpt" : "torch-zip";
    PickleValuePtr selected;
    for (const char *key : kStateDictKeys) {
        const auto value = root.get(key);
        if (value && value->kind == Kind::Dict && collect.containsTensor(*value)) {
            selected = value;
            weights.metadata.set("state_dict_key", key);
            collect.tensors("", *selected, 0);
            break;
        }
    }
    if (root.kind != Kind::Dict) // a bare tensor or a list of tensors
        collect.tensors("", root, 0);
    for (const auto &[key, value] : root.entries) {
        if (value == selected)
            continue;
        if (!selected && collect.containsTensor(*value))
            collect.tensors(keyText(*key), *value, 0);
        else
            collect.metadata(keyText(*key), *value, 0);
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
        return WeightsFile{std::move(contents.tensors), std::move(contents.metadata), "safetensors", {}, {}};
    }
    const ZipReader zip(path);
    if (isTorchScriptArchive(zip)) {
        auto contents = readTorchScript(path);
        return WeightsFile{std::move(contents.tensors), std::move(contents.metadata), "torchscript", {}, {}};
    }
    std::vector<std::string> foreign;
    const PickleValuePtr root = readTorchArchive(zip, &foreign);
    WeightsFile weights = fromPickle(*root, origin);
    weights.foreignGlobals = std::move(foreign);
    return weights;
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
    if (!weights.foreignGlobals.empty())
        out += fmt::format("foreign globals (inert placeholders, never called): {}\n",
                           fmt::join(weights.foreignGlobals, ", "));
    return out;
}

} // namespace bcos::core
