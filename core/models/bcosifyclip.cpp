#include "bcosifyclip.h"

#include "core/models/bcosifyvit.h"
#include "core/error.h"
#include "core/models/clipimage.h"
#include "core/nn/batchnormuncentered.h"
#include "core/shape.h"

#include <torch/torch.h>

#include <regex>

namespace bcos::core {

TensorMap bcosifyClipWeights(const ClipResNetOptions &options, const TensorMap &standard, const BcosSettings &settings)
{
    BcosSettings bcos = settings;
    bcos.enabled = true;
    ClipModifiedResNetImpl model(options, bcos);
    // BcosSequential renumbers downsample "-1, 0, 1" (avgpool, conv, BN) to "0, 1, 2".
    static const std::regex downsample(R"(^(.*\.downsample\.)([12])(\..*)$)");
    const auto sourceKey = [](const std::string &key) {
        std::smatch match;
        if (!std::regex_match(key, match, downsample))
            return key;
        return match[1].str() + std::to_string(std::stoi(match[2].str()) - 1) + match[3].str();
    };
    TensorMap out = transferToBcos(model, standard, bcos, sourceKey);

    const at::Tensor w = out["conv1.linear.weight"];
    if (w.dim() != 4 || w.size(1) != 3)
        fail(ErrorCode::Mismatch, "standard weights: 'conv1.weight' has shape {}, expected [out, 3, 3, 3]",
             shapeString(w.sizes()));
    out["conv1.linear.weight"] = torch::cat({w, -w}, 1) / 2;

    if (bcos.keepBiases) {
        for (const auto &item : model.named_modules("", /*include_self=*/false)) {
            const auto *bn = dynamic_cast<const BatchNormUncentered2dImpl *>(item.value().get());
            if (!bn)
                continue;
            const std::string p = item.key() + ".";
            const at::Tensor scale = out[p + "weight"] / (out[p + "running_var"] + bn->options().eps).sqrt();
            out[p + "bias"] = out[p + "bias"] - out[p + "running_mean"] * scale;
        }
    }
    return out;
}

} // namespace bcos::core
