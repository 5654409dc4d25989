#pragma once

#include "core/explain/explainer.h"
#include "core/explain/memorychunks.h"

#include <c10/core/Device.h>

namespace bcos::core {

/// Images per explanation pass at most: on the CPU larger passes got no faster (W(x)x of a B-cos ResNet-18 at 224 px,
/// 2 cores: 1, 4, 8, 16 images per pass gave 19.8, 26.6, 26.4, 23.6 images/s; `bcos-bench explain --batch B`); on a
/// GPU large batches are what keeps it busy.
constexpr int64_t kMaxExplainChunkCpu = 8;
constexpr int64_t kMaxExplainChunkCuda = 256;
/// The chunk when the memory of a pass could not be measured.
constexpr int64_t kDefaultExplainChunk = 8;

/// kMaxExplainChunkCuda on a CUDA device, kMaxExplainChunkCpu otherwise.
int64_t explainChunkCap(const c10::Device &device);

struct ChunkedExplanation {
    Explanation explanation; ///< as explain() of the whole batch
    MemoryChunk chunk;       ///< how the batch was split (bytesPerItem: bytes per image)
};

/// explain() of request.images in passes of `chunk` images, concatenated (targets and progress follow the passes):
/// the result of one explain() of the whole batch (an eval-mode network explains each image on its own; equal to
/// fp32 rounding, as batch sizes change the order of sums), with the memory of one pass. `chunk` 0: chosen from the
/// memory available (forEachChunk: the first image is measured unless `knownBytesPerImage` > 0; at most
/// explainChunkCap()). request.progress is also asked between passes; a cancel, there or inside a pass, is
/// Error{Cancelled} "explanation cancelled after K of N images" (K: the images of the passes done). Throws what explain() throws; Error{InvalidArgument} for a negative chunk or targets of another length.
ChunkedExplanation explainInChunks(NetworkImpl &network, ExplainMethod method, const ExplainRequest &request,
                                   int64_t chunk = 0, int64_t knownBytesPerImage = -1);

} // namespace bcos::core
