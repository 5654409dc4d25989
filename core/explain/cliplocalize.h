#pragma once

#include "core/explain/rgba.h"

#include "core/explain/memorychunks.h"

#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <cstdint>
#include <functional>

namespace bcos::core {

class ClipModifiedResNetImpl;

/// Contributions clipped at the `percentile` of |contributions| (numpy's linear percentile) and their max |.|
/// (the reference's vrange). contributions [H, W].
struct ClippedContributions {
    at::Tensor clipped; ///< [H, W]
    double vrange = 0;
};
ClippedContributions clipContributions(const at::Tensor &contributions, double percentile = 99.5);

/// Everything text_localisation.py's compute_attributions returns for one power, plus W and the raw map.
struct LocalizationMaps {
    double explained = 0;     ///< the explained scalar (see ClipLocalization::explained)
    at::Tensor weights;       ///< W = d explained / d image6, [6, H, W]
    at::Tensor contributions; ///< sum_c W * image6, [H, W]
    ClippedContributions clipped;
    at::Tensor rgba;          ///< [H, W, 4]
};

/// How ClipLocalization::compute gets the L per-location maps W_l.
enum class ClipPasses {
    /// OneForward on the CPU; Batched on a GPU, or wherever ClipLocalizationOptions::chunkSize is given.
    Automatic,
    /// One forward pass of the image, then one backward pass per location through its kept graph: the trunk runs
    /// forward once instead of once per location. On 2 CPU cores, CLIP RN50 at 224 px: 8.2 s instead of 12.0 s
    /// for the 49 locations, 0.6 GB peak memory instead of 2.0 GB (tests/bench/README.md).
    OneForward,
    /// Chunks of copies of the image, copy b explaining location start + b: a forward and a backward pass per
    /// chunk (larger batches for a GPU).
    Batched,
};

struct ClipLocalizationOptions {
    /// Batched: locations whose gradients are computed in one batched pass (copies of the image in one batch). 0:
    /// chosen from the memory available (see ClipChunkChoice).
    int64_t chunkSize = 0;
    ClipPasses passes = ClipPasses::Automatic;
    /// Optional: called with (locations done, all locations) after each pass (a location's backward pass, or a chunk
    /// of locations); returning false stops compute() with Error{Cancelled}. A CLIP RN50 at 224 px takes seconds
    /// on a CPU: a studio worker shows the progress and lets the user cancel inside one image.
    std::function<bool(int64_t, int64_t)> progress;
};

/// The passes Automatic stands for on `device` with `options` (OneForward or Batched; others as given).
ClipPasses resolveClipPasses(const ClipLocalizationOptions &options, const c10::Device &device);

/// How compute() chose its chunk for Batched passes when ClipLocalizationOptions::chunkSize is 0
/// (core/explain/memorychunks.h): the first pass explains one location and measures the memory it took
/// (MemoryProbe); the rest run in chunks of half the available memory / that, at least 1 and at most the device's
/// cap: 8 on the CPU, where larger batches got slower (CLIP RN50 at 224 px on 2 cores: chunks of 4, 8, 16, 24 took
/// 7.1, 6.7, 7.5, 10.0 s), 64 on CUDA. Without a measurement (a profiler already running, no /proc/meminfo, a failed
/// device query) the chunk is min(kDefaultClipChunk, cap). bytesPerItem is the bytes per location.
using ClipChunkChoice = MemoryChunk;
constexpr int64_t kDefaultClipChunk = 16;
constexpr int64_t kMaxClipChunkCpu = 8;
constexpr int64_t kMaxClipChunkCuda = 64;

/// The chunk for `bytesPerLocation` and `availableBytes` (either -1: min(kDefaultClipChunk, cap)), at most `cap`
/// and `locations`, at least 1.
inline int64_t clipChunkFor(int64_t bytesPerLocation, int64_t availableBytes, int64_t locations, int64_t cap)
{
    return chunkForMemory(bytesPerLocation, availableBytes, locations, cap, kDefaultClipChunk);
}

/// CLIP text-prompt localisation with a B-cosified, unpooled CLIP image encoder (B-cosification paper, Sec. 5.3).
/// cos_l = <t, tokens_l / ||tokens_l||> for each layer4 location l (tokens are re-normalised without detaching,
/// as the reference does, so gradients are projected). For a cosine power p the explained scalar is
///   p > 0: mean_l cos_l * |cos_l|^(p-1)   (the |.|^(p-1) factor detached; p = 1 is the plain mean; the reference
///          uses cos^(p-1) and has NaNs for fractional p and negative cosines, |.| extends it continuously),
///   p = 0: max_l cos_l if positive, else 0 (the reference's argmax mode).
/// Because every weight is detached, W(p) = sum_l a_l(p) W_l with per-location maps W_l = d cos_l / d image6.
/// compute() runs the network forward once and backward once per location (or forward and backward once per chunk
/// of locations, batched over copies of the image: ClipPasses) and keeps W_l; afterwards mapForPower(p) is a weighted
/// sum without any network pass (the GUI's instant cosine-power slider).
class ClipLocalization {
public:
    /// image6 [6, H, W] (= [x, 1-x], x in [0, 1]); text [D] (normalised here), on any device: the passes run where
    /// the encoder's weights are, and the result's tensors live there (to() moves them). Runs in explanation mode,
    /// eval. Throws Error{InvalidArgument} for wrong shapes or a standard (not B-cos) encoder.
    static ClipLocalization compute(ClipModifiedResNetImpl &encoder, const at::Tensor &image6, const at::Tensor &text,
                                    const ClipLocalizationOptions &options = {});

    at::Tensor cosines() const { return m_cosines; }              ///< [L]
    at::Tensor perLocationWeights() const { return m_weights; }   ///< W_l, [L, 6, H, W]
    at::Tensor perLocationContributions() const { return m_contributions; } ///< [L, H, W]
    const at::Tensor &image6() const { return m_image6; }
    /// A copy whose tensors are on `device` (the studio keeps its maps on the CPU after a pass on the GPU: the
    /// slider's weighted sums stay instant there, and GPU memory is not held per image and prompt).
    ClipLocalization to(const c10::Device &device) const;
    /// The passes compute() ran (OneForward or Batched).
    ClipPasses passes() const { return m_passes; }
    /// The chunk compute() used (chosen or given); OneForward: size 1 (a backward pass per location), nothing
    /// measured (-1).
    const ClipChunkChoice &chunk() const { return m_chunk; }

    /// The location weights a_l(p) with W(p) = sum_l a_l W_l: [L]. Throws Error{InvalidArgument} for p < 0 or NaN.
    at::Tensor locationWeights(double power) const;
    double explained(double power) const;
    /// W(p) [6, H, W]: a weighted sum of the stored per-location maps (no network pass).
    at::Tensor mapForPower(double power) const;
    /// sum_c W(p) * image6 [H, W], also a weighted sum.
    at::Tensor contributionsForPower(double power) const;
    /// All outputs of the reference for one power (RGBA with the given smoothing).
    LocalizationMaps mapsForPower(double power, int64_t smooth = 0) const;

private:
    at::Tensor m_image6;
    at::Tensor m_cosines;
    at::Tensor m_weights;
    at::Tensor m_contributions;
    ClipChunkChoice m_chunk;
    ClipPasses m_passes = ClipPasses::Batched;
};

/// The reference algorithm run directly for one power (one forward and one backward pass): the check for
/// ClipLocalization's weighted sums. Same inputs as ClipLocalization::compute; the maps live on the encoder's device.
LocalizationMaps localizeDirect(ClipModifiedResNetImpl &encoder, const at::Tensor &image6, const at::Tensor &text,
                                double power, int64_t smooth = 0);

} // namespace bcos::core
