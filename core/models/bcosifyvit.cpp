#include "bcosifyvit.h"

#include "core/error.h"
#include "core/models/vit.h"
#include "core/models/loadweights.h"
#include "core/nn/bcosconv2d.h"
#include "core/nn/bcoslinear.h"
#include "core/shape.h"

#include <torch/torch.h>

#include <vector>

namespace bcos::core {

namespace {

bool endsWith(const std::string &text, const std::string &suffix)
{
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

} // namespace

TensorMap transferToBcos(const torch::nn::Module &bcosModel, const TensorMap &standard, const BcosSettings &settings,
                         const std::function<std::string(const std::string &)> &sourceKey)
{
    std::vector<std::string> wrappers; // paths of BcosLinear / BcosConv2d modules ("" never: the root is a model)
    for (const auto &item : bcosModel.named_modules("", /*include_self=*/false)) {
        if (dynamic_cast<const BcosLinearImpl *>(item.value().get()) || dynamic_cast<const BcosConv2dImpl *>(item.value().get()))
            wrappers.push_back(item.key());
    }
    TensorMap out;
    for (const auto &item : stateDict(bcosModel)) {
        const std::string &key = item.key();
        std::string source = key;
        for (const auto &path : wrappers) {
            const std::string prefix = path + ".linear.";
            if (key.rfind(prefix, 0) == 0) {
                source = path + "." + key.substr(prefix.size());
                break;
            }
        }
        if (endsWith(key, "num_batches_tracked")) {
            out.insert(key, torch::zeros({}, torch::kLong));
            continue;
        }
        if (key == "b" || endsWith(key, ".b")) {
            out.insert(key, torch::full({}, settings.b));
            continue;
        }
        if (sourceKey)
            source = sourceKey(source);
        const at::Tensor *value = standard.find(source);
        if (!value)
            fail(ErrorCode::Mismatch, "standard weights: missing '{}' (needed for the B-cos weight '{}')", source, key);
        out.insert(key, value->to(at::kFloat).clone());
    }
    return out;
}

TensorMap bcosifyVitWeights(const VitOptions &options, const TensorMap &standard, const BcosSettings &settings)
{
    BcosSettings bcos = settings;
    bcos.enabled = true;
    VitImpl model(options, bcos);
    // The B-cos first layer sees 2*C channels; transfer everything else, then build it from the 3-channel weight.
    const std::string first = options.convStem.empty() ? "to_patch_embedding.linear.linear.weight"
                                                        : "to_patch_embedding.conv_stem.0.linear.weight";
    const std::string firstSource = options.convStem.empty() ? "to_patch_embedding.linear.weight"
                                                              : "to_patch_embedding.conv_stem.0.weight";
    TensorMap out = transferToBcos(model, standard, bcos);
    const at::Tensor w = out[first];
    const int64_t c = options.channels;
    at::Tensor w6;
    if (options.convStem.empty()) {
        // [out, p*p*c] in (p1 p2 c) order -> [out, p*p, 2c] with [w/2, -w/2] per pixel.
        if (w.dim() != 2 || w.size(1) % c != 0)
            fail(ErrorCode::Mismatch, "standard weights: '{}' has shape {}, expected [dim, p*p*{}]", firstSource,
                 shapeString(w.sizes()), c);
        const at::Tensor perPixel = w.view({w.size(0), -1, c}) / 2;
        w6 = torch::cat({perPixel, -perPixel}, 2).reshape({w.size(0), -1});
    } else {
        if (w.dim() != 4 || w.size(1) != c)
            fail(ErrorCode::Mismatch, "standard weights: '{}' has shape {}, expected [out, {}, 3, 3]", firstSource,
                 shapeString(w.sizes()), c);
        w6 = torch::cat({w, -w}, 1) / 2;
    }
    out[first] = w6;
    return out;
}

} // namespace bcos::core
