#include "explainchunks.h"

#include "core/error.h"
#include "core/shape.h"

#include <torch/torch.h>

#include <vector>

namespace bcos::core {
namespace {

/// Concatenates the passes' tensors of one field; undefined when the method leaves it undefined.
at::Tensor concatenated(const std::vector<Explanation> &parts, at::Tensor Explanation::*field)
{
    std::vector<at::Tensor> tensors;
    for (const Explanation &part : parts) {
        if (!(part.*field).defined())
            return {};
        tensors.push_back(part.*field);
    }
    return tensors.size() == 1 ? tensors.front() : torch::cat(tensors);
}

} // namespace

int64_t explainChunkCap(const c10::Device &device)
{
    return device.is_cuda() ? kMaxExplainChunkCuda : kMaxExplainChunkCpu;
}

ChunkedExplanation explainInChunks(NetworkImpl &network, ExplainMethod method, const ExplainRequest &request,
                                   int64_t chunk, int64_t knownBytesPerImage)
{
    if (chunk < 0)
        fail(ErrorCode::InvalidArgument, "explanation chunk: expected images per pass >= 1, or 0 to choose from the "
                                         "memory available; got {}", chunk);
    if (!request.images.defined() || request.images.dim() != 4 || request.images.size(0) == 0)
        fail(ErrorCode::InvalidArgument, "ExplainRequest.images: expected [N, 3, H, W] with N >= 1, got {}",
             request.images.defined() ? shapeString(request.images.sizes()) : std::string("no tensor"));
    const int64_t total = request.images.size(0);
    if (request.targets && (request.targets->dim() != 1 || request.targets->size(0) != total))
        fail(ErrorCode::InvalidArgument, "ExplainRequest.targets: expected [{}] integer classes, got {}", total,
             shapeString(request.targets->sizes()));
    std::vector<Explanation> parts;
    ChunkedExplanation result;
    result.chunk = forEachChunk(
        request.images.device(), total, chunk, explainChunkCap(request.images.device()), kDefaultExplainChunk,
        [&](int64_t start, int64_t count) {
            if (start > 0 && request.progress && !request.progress(start * 1000, total * 1000))
                fail(ErrorCode::Cancelled, "explanation cancelled after {} of {} images", start, total);
            ExplainRequest pass = request;
            pass.images = request.images.slice(0, start, start + count);
            if (request.targets)
                pass.targets = request.targets->slice(0, start, start + count);
            if (request.progress) // the pass's units, scaled to images: (done, total) in thousandths of an image
                pass.progress = [&request, start, count, total](int64_t done, int64_t units) {
                    const int64_t share = units > 0 ? done * 1000 * count / units : 0;
                    return request.progress(start * 1000 + share, total * 1000);
                };
            try {
                parts.push_back(explain(network, method, pass));
            } catch (const Error &error) { // a method's own "k of n steps" would be of this pass only
                if (error.code() == ErrorCode::Cancelled)
                    fail(ErrorCode::Cancelled, "explanation cancelled after {} of {} images", start, total);
                throw;
            }
        },
        knownBytesPerImage);
    Explanation &out = result.explanation;
    out.method = method;
    out.logits = concatenated(parts, &Explanation::logits);
    out.targets = concatenated(parts, &Explanation::targets);
    out.attributions = concatenated(parts, &Explanation::attributions);
    out.perChannel = concatenated(parts, &Explanation::perChannel);
    out.cam = concatenated(parts, &Explanation::cam);
    return result;
}

} // namespace bcos::core
