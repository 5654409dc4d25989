#include "cnnweights.h"

#include "core/error.h"
#include "core/models/loadweights.h"
#include "core/nn/batchnormuncentered.h"
#include "core/nn/bcosconv2d.h"
#include "core/shape.h"

#include <torch/torch.h>

#include <set>

namespace bcos::core {
namespace {

class Converter {
public:
    Converter(const TensorMap &standard, TensorMap &out)
        : m_standard(standard)
        , m_out(out)
    {
    }

    at::Tensor source(const std::string &key) const
    {
        const at::Tensor *found = m_standard.find(key);
        if (!found)
            fail(ErrorCode::Mismatch, "cannot B-cosify: the standard weights have no '{}'", key);
        return found->to(torch::kFloat);
    }

    void set(const std::string &key, const at::Tensor &value)
    {
        at::Tensor *target = m_out.find(key);
        if (!target)
            fail(ErrorCode::Internal, "B-cosify: the B-cos model has no '{}'", key);
        if (target->sizes() != value.sizes())
            fail(ErrorCode::Mismatch, "cannot B-cosify '{}': the converted weight has shape {}, the B-cos model {}",
                 key, shapeString(value.sizes()), shapeString(target->sizes()));
        *target = value.to(target->dtype()).contiguous();
        m_assigned.insert(key);
    }

    bool assigned(const std::string &key) const { return m_assigned.count(key) > 0; }

    void conv(const std::string &path, const std::string &from, const BcosConv2dImpl &layer)
    {
        const auto &o = layer.options();
        at::Tensor w = source(from + ".weight");
        if (w.dim() == 2) // the classifier Linear becomes a 1x1 conv (applied before global pooling)
            w = w.view({w.size(0), w.size(1), 1, 1});
        if (o.inChannels == 2 * w.size(1) && w.size(1) == 3) // conv(xn, [W,-W]/2) == conv(a, W) for xn = [a, -a]
            w = torch::cat({w, -w}, 1) / 2;
        if (o.maxOut > 1)
            w = w.repeat_interleave(o.maxOut, 0);
        set(path + "linear.weight", w);
        if (o.bias) {
            at::Tensor b = source(from + ".bias");
            set(path + "linear.bias", o.maxOut > 1 ? b.repeat_interleave(o.maxOut, 0) : b);
        }
    }

    void norm(const std::string &path, const std::string &from, const BatchNormUncentered2dImpl &layer)
    {
        const at::Tensor gamma = source(from + ".weight");
        const at::Tensor mean = source(from + ".running_mean");
        const at::Tensor var = source(from + ".running_var");
        set(path + "weight", gamma);
        set(path + "running_mean", mean);
        set(path + "running_var", var);
        set(path + "num_batches_tracked", torch::zeros({}, torch::kLong));
        if (layer.options().bias) {
            // BnUncV2 folds the centring into the bias (same operation order as the reference).
            const at::Tensor std = (var + layer.options().eps).sqrt();
            set(path + "bias", source(from + ".bias") - (mean / std) * gamma);
        }
    }

private:
    const TensorMap &m_standard;
    TensorMap &m_out;
    std::set<std::string> m_assigned;
};

} // namespace

TensorMap bcosifyCnnWeights(torch::nn::Module &bcosModel, const TensorMap &standardWeights,
                            const ModulePathMap &standardPath)
{
    TensorMap out;
    for (const auto &item : stateDict(bcosModel))
        out.insert(item.key(), item.value().detach().clone());
    Converter converter(standardWeights, out);
    for (const auto &item : bcosModel.named_modules("", /*include_self=*/false)) {
        const std::string path = item.key() + ".";
        const std::string from = standardPath(item.key());
        if (const auto *conv = dynamic_cast<const BcosConv2dImpl *>(item.value().get()))
            converter.conv(path, from, *conv);
        else if (const auto *norm = dynamic_cast<const BatchNormUncentered2dImpl *>(item.value().get()))
            converter.norm(path, from, *norm);
    }
    for (const auto &item : out) {
        const std::string &key = item.key();
        const bool learntB = key.size() > 2 && key.compare(key.size() - 2, 2, ".b") == 0;
        if (!converter.assigned(key) && !learntB)
            fail(ErrorCode::Internal, "B-cosify: no conversion rule for '{}'", key);
    }
    return out;
}

} // namespace bcos::core
