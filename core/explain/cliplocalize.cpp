#include "cliplocalize.h"

#include "core/error.h"
#include "core/explain/rgba.h"
#include "core/models/clipimage.h"
#include "core/models/moduledevice.h"
#include "core/nn/detachable.h"
#include "core/shape.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <optional>

namespace bcos::core {

ClippedContributions clipContributions(const at::Tensor &contributions, double percentile)
{
    // numpy.percentile (linear) of |c| in double, as the reference clips a numpy array.
    const at::Tensor magnitude = contributions.abs().flatten().to(at::kDouble);
    const double cutoff = torch::quantile(magnitude, percentile / 100).item<double>();
    ClippedContributions out;
    out.clipped = contributions.clamp(-cutoff, cutoff);
    out.vrange = out.clipped.abs().max().item<double>();
    return out;
}

namespace {

void checkInputs(const ClipModifiedResNetImpl &encoder, const at::Tensor &image6, const at::Tensor &text)
{
    if (!encoder.isBcos())
        fail(ErrorCode::InvalidArgument, "text localisation needs a B-cosified CLIP image encoder (unpooled tokens)");
    if (image6.dim() != 3 || image6.size(0) != 6)
        fail(ErrorCode::InvalidArgument, "text localisation expects image6 [6, H, W] ([x, 1-x]), got {}",
             shapeString(image6.sizes()));
    if (text.dim() != 1 || text.size(0) != encoder.options().outputDim)
        fail(ErrorCode::InvalidArgument, "text embedding must be [{}], got {}", encoder.options().outputDim,
             shapeString(text.sizes()));
}

/// Cosines [L, B] of the encoder's tokens (re-normalised, not detached) with the unit text vector.
at::Tensor cosinesOf(ClipModifiedResNetImpl &encoder, const at::Tensor &images6, const at::Tensor &unitText)
{
    const at::Tensor tokens = encoder.forward(images6); // [L, B, D]
    return torch::matmul(tokens / tokens.norm(2, -1, true), unitText);
}

void checkPower(double power)
{
    if (!(power >= 0) || std::isinf(power))
        fail(ErrorCode::InvalidArgument, "cosine power must be a finite number >= 0, got {}", power);
}

/// a_l(p) for cosines [L] (see ClipLocalization).
at::Tensor weightsFor(const at::Tensor &cosines, double power)
{
    checkPower(power);
    const int64_t length = cosines.size(0);
    if (power == 0) {
        at::Tensor a = torch::zeros_like(cosines);
        const int64_t best = cosines.argmax().item<int64_t>();
        if (cosines[best].item<double>() > 0)
            a[best] = 1;
        return a;
    }
    return cosines.abs().pow(power - 1) / double(length);
}

at::Tensor unitText(const at::Tensor &text, const at::TensorOptions &options)
{
    const at::Tensor t = text.to(options);
    return t / t.norm();
}

} // namespace

ClipPasses resolveClipPasses(const ClipLocalizationOptions &options, const c10::Device &device)
{
    if (options.passes != ClipPasses::Automatic)
        return options.passes;
    return options.chunkSize > 0 || !device.is_cpu() ? ClipPasses::Batched : ClipPasses::OneForward;
}

namespace {

/// What the passes of ClipLocalization::compute give: W_l [L, 6, H, W], cos_l [L] and the chunk.
struct LocationMaps {
    at::Tensor weights;
    at::Tensor cosines;
    ClipChunkChoice chunk;
};

/// Reports `done` of `length` locations to options.progress; Error{Cancelled} when it says stop.
void reportPasses(const ClipLocalizationOptions &options, int64_t done, int64_t length)
{
    if (options.progress && !options.progress(done, length))
        fail(ErrorCode::Cancelled, "CLIP localisation cancelled after {} of {} locations", done, length);
}

/// ClipPasses::OneForward: the trunk's graph of one forward pass is kept for a backward pass per location.
LocationMaps oneForward(ClipModifiedResNetImpl &encoder, const at::Tensor &image6, const at::Tensor &textUnit,
                        const ClipLocalizationOptions &options)
{
    const at::Tensor x = image6.unsqueeze(0).clone().requires_grad_(true);
    const at::Tensor cos = cosinesOf(encoder, x, textUnit).select(1, 0); // [L]
    const int64_t length = cos.size(0);
    std::vector<at::Tensor> weights;
    for (int64_t l = 0; l < length; ++l) { // the last pass frees the graph
        weights.push_back(torch::autograd::grad({cos[l]}, {x}, {}, /*retain_graph=*/l + 1 < length)[0]);
        reportPasses(options, l + 1, length);
    }
    LocationMaps out{torch::cat(weights, 0), cos.detach(), {}};
    out.chunk.size = 1;
    return out;
}

/// ClipPasses::Batched with `chunkSize` copies per pass (0: chosen from the memory the first location takes).
LocationMaps batched(ClipModifiedResNetImpl &encoder, const at::Tensor &image6, const at::Tensor &textUnit,
                     const ClipLocalizationOptions &options)
{
    const int64_t chunkSize = options.chunkSize;
    const c10::Device device = image6.device();
    LocationMaps out;
    std::vector<at::Tensor> weights;
    const bool automatic = chunkSize <= 0;
    int64_t chunk = automatic ? 1 : chunkSize; // automatic: the first pass explains one location and measures
    int64_t length = -1;
    for (int64_t start = 0; length < 0 || start < length; start += chunk) {
        if (start > 0 && automatic && out.chunk.size == 0) {
            out.chunk.size = clipChunkFor(out.chunk.bytesPerItem, out.chunk.availableBytes, length - start,
                                          device.is_cuda() ? kMaxClipChunkCuda : kMaxClipChunkCpu);
            chunk = out.chunk.size;
        }
        const int64_t count = length < 0 ? chunk : std::min(chunk, length - start);
        std::optional<MemoryProbe> memory; // the first pass of an automatic chunk measures what a location takes
        if (start == 0 && automatic)
            memory.emplace(device);
        // `count` copies of the image: copy b explains location start + b (BN is in eval mode, copies are independent).
        const at::Tensor batch = image6.unsqueeze(0).expand({count, -1, -1, -1}).clone().requires_grad_(true);
        const at::Tensor cos = cosinesOf(encoder, batch, textUnit); // [L, count]
        if (length < 0) {
            length = cos.size(0);
            out.cosines = cos.select(1, 0).detach();
        }
        const int64_t used = std::min(count, length - start);
        const at::Tensor picked = cos.slice(0, start, start + used).diagonal(); // cos_{start+b} of copy b
        const at::Tensor grad = torch::autograd::grad({picked.sum()}, {batch})[0];
        weights.push_back(grad.slice(0, 0, used));
        if (start == 0 && automatic) {
            out.chunk.bytesPerItem = memory->taken();
            out.chunk.availableBytes = availableMemory(device);
        }
        reportPasses(options, start + used, length);
    }
    if (!automatic)
        out.chunk.size = chunkSize;
    else if (out.chunk.size == 0) // one location in all
        out.chunk.size = 1;
    out.weights = torch::cat(weights, 0);
    return out;
}

} // namespace

ClipLocalization ClipLocalization::compute(ClipModifiedResNetImpl &encoder, const at::Tensor &image6,
                                           const at::Tensor &text, const ClipLocalizationOptions &options)
{
    checkInputs(encoder, image6, text);
    encoder.eval(); // batch independence of the copies of Batched passes needs eval-mode BN
    ExplanationModeGuard guard(encoder);
    torch::AutoGradMode enable(true);
    ClipLocalization out;
    out.m_image6 = image6.detach().to(moduleDevice(encoder)); // the passes run where the encoder is
    const at::Tensor t = unitText(text, out.m_image6.options());
    out.m_passes = resolveClipPasses(options, out.m_image6.device());
    LocationMaps maps = out.m_passes == ClipPasses::OneForward ? oneForward(encoder, out.m_image6, t, options)
                                                               : batched(encoder, out.m_image6, t, options);
    out.m_weights = std::move(maps.weights);
    out.m_cosines = std::move(maps.cosines);
    out.m_chunk = maps.chunk;
    out.m_contributions = (out.m_weights * out.m_image6.unsqueeze(0)).sum(1);
    return out;
}

ClipLocalization ClipLocalization::to(const c10::Device &device) const
{
    ClipLocalization moved = *this;
    moved.m_image6 = m_image6.to(device);
    moved.m_cosines = m_cosines.to(device);
    moved.m_weights = m_weights.to(device);
    moved.m_contributions = m_contributions.to(device);
    return moved;
}

at::Tensor ClipLocalization::locationWeights(double power) const { return weightsFor(m_cosines, power); }

double ClipLocalization::explained(double power) const
{
    return (locationWeights(power) * m_cosines).sum().item<double>();
}

at::Tensor ClipLocalization::mapForPower(double power) const
{
    return torch::tensordot(locationWeights(power), m_weights, {0}, {0});
}

at::Tensor ClipLocalization::contributionsForPower(double power) const
{
    return torch::tensordot(locationWeights(power), m_contributions, {0}, {0});
}

LocalizationMaps ClipLocalization::mapsForPower(double power, int64_t smooth) const
{
    LocalizationMaps maps;
    maps.explained = explained(power);
    maps.weights = mapForPower(power);
    maps.contributions = contributionsForPower(power);
    maps.clipped = clipContributions(maps.contributions);
    maps.rgba = gradientToRgba(m_image6, maps.weights, smooth);
    return maps;
}

LocalizationMaps localizeDirect(ClipModifiedResNetImpl &encoder, const at::Tensor &image6, const at::Tensor &text,
                                double power, int64_t smooth)
{
    checkInputs(encoder, image6, text);
    checkPower(power);
    encoder.eval();
    ExplanationModeGuard guard(encoder);
    torch::AutoGradMode enable(true);
    const at::Tensor image = image6.detach().to(moduleDevice(encoder));
    const at::Tensor x = image.unsqueeze(0).clone().requires_grad_(true);
    const at::Tensor cos = cosinesOf(encoder, x, unitText(text, image.options())).select(1, 0); // [L]
    const at::Tensor explained = (weightsFor(cos.detach(), power) * cos).sum();
    LocalizationMaps maps;
    maps.explained = explained.item<double>();
    maps.weights = torch::autograd::grad({explained}, {x})[0][0];
    maps.contributions = (maps.weights * image).sum(0);
    maps.clipped = clipContributions(maps.contributions);
    maps.rgba = gradientToRgba(image, maps.weights, smooth);
    return maps;
}

} // namespace bcos::core
