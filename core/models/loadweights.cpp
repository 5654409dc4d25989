#include "loadweights.h"

#include "core/error.h"
#include "core/shape.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <torch/torch.h>

#include <algorithm>

namespace bcos::core {
namespace {

constexpr size_t kListCap = 5;

void collect(const torch::nn::Module &module, const std::string &prefix, TensorMap &out)
{
    for (const auto &item : module.named_parameters(/*recurse=*/false))
        out.insert(prefix + item.key(), item.value());
    for (const auto &item : module.named_buffers(/*recurse=*/false))
        out.insert(prefix + item.key(), item.value());
    for (const auto &child : module.named_children())
        collect(*child.value(), prefix + child.key() + ".", out);
}

bool startsWith(const std::string &text, const std::string &prefix) { return text.rfind(prefix, 0) == 0; }

bool allStartWith(const TensorMap &map, const std::string &prefix)
{
    return !map.is_empty()
        && std::all_of(map.begin(), map.end(), [&](const auto &item) { return startsWith(item.key(), prefix); });
}

bool isBatchCounter(const std::string &key)
{
    const std::string suffix = "num_batches_tracked";
    return key.size() >= suffix.size() && key.compare(key.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string cappedList(const std::vector<std::string> &items)
{
    if (items.size() <= kListCap)
        return fmt::format("{}", fmt::join(items, ", "));
    return fmt::format("{}, and {} more", fmt::join(items.begin(), items.begin() + kListCap, ", "),
                       items.size() - kListCap);
}

std::string countOf(size_t n, const char *singular, const char *plural)
{
    return fmt::format("{} {}", n, n == 1 ? singular : plural);
}

/// Refuses values that would load silently but poison every prediction: integer or boolean tensors where the
/// model has floating-point weights, and NaN/Inf entries.
void checkValues(const std::string &key, const at::Tensor &file, const at::Tensor &model, const std::string &origin)
{
    if (!at::isFloatingType(model.scalar_type()))
        return;
    if (!at::isFloatingType(file.scalar_type()))
        fail(ErrorCode::Mismatch, "weights from {}: tensor '{}' has dtype {}, but the model expects floating-point "
             "weights", origin, key, c10::toString(file.scalar_type()));
    const int64_t bad = file.numel() - at::isfinite(file).sum().item<int64_t>();
    if (bad > 0)
        fail(ErrorCode::Numerical, "weights from {}: tensor '{}' holds {} NaN/Inf {} of {} (corrupt or diverged "
             "weights)", origin, key, bad, bad == 1 ? "value" : "values", file.numel());
}

} // namespace

TensorMap stateDict(const torch::nn::Module &module)
{
    TensorMap out;
    collect(module, "", out);
    return out;
}

TensorMap adaptKeys(const TensorMap &weights, const torch::nn::Module &module)
{
    const TensorMap expected = stateDict(module);
    TensorMap current = weights;
    for (bool changed = true; changed;) {
        changed = false;
        for (const std::string prefix : {"module.", "state_dict.", "model."}) {
            if (!allStartWith(current, prefix) || allStartWith(expected, prefix))
                continue;
            TensorMap stripped;
            for (const auto &item : current)
                stripped.insert(item.key().substr(prefix.size()), item.value());
            current = std::move(stripped);
            changed = true;
        }
    }
    // A backbone checkpoint loaded into a Network (whose keys all read "model.<...>").
    if (allStartWith(expected, "model.") && !allStartWith(current, "model.")) {
        TensorMap prefixed;
        for (const auto &item : current)
            prefixed.insert("model." + item.key(), item.value());
        return prefixed;
    }
    return current;
}

void loadStateDict(torch::nn::Module &module, const TensorMap &weights, const std::string &origin)
{
    const TensorMap source = adaptKeys(weights, module);
    TensorMap target = stateDict(module);
    std::vector<std::string> missing, unexpected, shapes;
    for (const auto &item : target) {
        const at::Tensor *found = source.find(item.key());
        if (!found) {
            if (!isBatchCounter(item.key()))
                missing.push_back(item.key());
        } else if (found->sizes() != item.value().sizes() && !isBatchCounter(item.key())) {
            shapes.push_back(fmt::format("{}: file {}, model {}", item.key(), shapeString(found->sizes()),
                                         shapeString(item.value().sizes())));
        }
    }
    for (const auto &item : source)
        if (!target.contains(item.key()) && !isBatchCounter(item.key()))
            unexpected.push_back(item.key());
    if (!missing.empty() || !unexpected.empty() || !shapes.empty()) {
        std::vector<std::string> parts;
        if (!missing.empty())
            parts.push_back(fmt::format("{} ({})", countOf(missing.size(), "missing key", "missing keys"),
                                        cappedList(missing)));
        if (!unexpected.empty())
            parts.push_back(fmt::format("{} ({})", countOf(unexpected.size(), "unexpected key", "unexpected keys"),
                                        cappedList(unexpected)));
        if (!shapes.empty())
            parts.push_back(fmt::format("{} ({})", countOf(shapes.size(), "shape mismatch", "shape mismatches"),
                                        cappedList(shapes)));
        fail(ErrorCode::Mismatch, "weights from {} do not fit the model: {}", origin, fmt::join(parts, "; "));
    }
    for (const auto &item : target)
        if (const at::Tensor *found = source.find(item.key()))
            checkValues(item.key(), *found, item.value(), origin);
    torch::NoGradGuard noGrad;
    for (auto &item : target) {
        const at::Tensor *found = source.find(item.key());
        if (found && found->sizes() == item.value().sizes())
            item.value().copy_(*found);
    }
}

} // namespace bcos::core
