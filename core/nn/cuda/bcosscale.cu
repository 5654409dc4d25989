// The fused B-cos scale kernels (B = 2): one launch forward, one backward, instead of ATen's ~3 + ~7 elementwise
// kernels (issue "GPU II"). The math is bcosscalemath.h's, shared with the CPU reference loops.
#include "core/nn/cuda/bcosscalekernels.h"

#include <cuda_runtime.h>

#include <algorithm>
#include <cstdint>

namespace bcos::core::cudakernels {
namespace {

using bcosmath::ScaleShape;

constexpr int kThreads = 256;
constexpr int kWarp = 32;
constexpr int kMaxBlocks = 65535;

/// Which norm an element of a contiguous [outer, channels, inner] tensor reads: its [outer, inner] position.
template <class Index>
__device__ Index normIndex(Index k, Index channels, Index inner)
{
    return k / (channels * inner) * inner + k % inner;
}

template <class T, class Index>
__global__ void forwardKernel(const typename T::Storage *out, const float *norm, typename T::Storage *y, Index count,
                              Index channels, Index inner)
{
    for (Index k = Index(blockIdx.x) * blockDim.x + threadIdx.x; k < count; k += Index(blockDim.x) * gridDim.x)
        y[k] = bcosmath::scaleForward<T>(out[k], norm[normIndex(k, channels, inner)]);
}

/// The gradient of out alone (detached, or a norm that needs none): elementwise.
template <class T, class Index>
__global__ void gradOutKernel(const typename T::Storage *grad, const typename T::Storage *out, const float *norm,
                              bool detach, typename T::Storage *gradOut, Index count, Index channels, Index inner)
{
    for (Index k = Index(blockIdx.x) * blockDim.x + threadIdx.x; k < count; k += Index(blockDim.x) * gridDim.x)
        gradOut[k] = bcosmath::scaleGradOut<T>(grad[k], out[k], norm[normIndex(k, channels, inner)], detach);
}

/// Both gradients for inner == 1 (channels-last convolutions, linear layers, tokens): one warp per row of channels,
/// which are contiguous; the warp sums the row's norm gradient with shuffles.
template <class T>
__global__ void rowsBackwardKernel(const typename T::Storage *grad, const typename T::Storage *out, const float *norm,
                                   typename T::Storage *gradOut, float *gradNorm, int64_t rows, int64_t channels)
{
    const int lane = threadIdx.x % kWarp;
    const int64_t warps = int64_t(gridDim.x) * (blockDim.x / kWarp);
    for (int64_t row = int64_t(blockIdx.x) * (blockDim.x / kWarp) + threadIdx.x / kWarp; row < rows; row += warps) {
        const float n = norm[row];
        const int64_t base = row * channels;
        float sum = 0;
        for (int64_t c = lane; c < channels; c += kWarp) {
            gradOut[base + c] = bcosmath::scaleGradOut<T>(grad[base + c], out[base + c], n, false);
            sum += bcosmath::scaleGradNormTerm<T>(grad[base + c], out[base + c]);
        }
        for (int offset = kWarp / 2; offset > 0; offset /= 2)
            sum += __shfl_xor_sync(0xffffffffu, sum, offset);
        if (lane == 0)
            gradNorm[row] = bcosmath::scaleGradNorm(sum, n);
    }
}

/// Both gradients for inner > 1 (NCHW convolutions): a block is 32 positions (threadIdx.x, coalesced) by kSlices
/// slices of the channels (threadIdx.y); the slices' partial sums meet in shared memory.
constexpr int kSlices = kThreads / kWarp;

template <class T>
__global__ void columnsBackwardKernel(const typename T::Storage *grad, const typename T::Storage *out,
                                      const float *norm, typename T::Storage *gradOut, float *gradNorm, int64_t outer,
                                      int64_t channels, int64_t inner)
{
    __shared__ float partial[kSlices][kWarp + 1];
    const int64_t i = int64_t(blockIdx.x) * kWarp + threadIdx.x;
    for (int64_t a = blockIdx.y; a < outer; a += gridDim.y) {
        float sum = 0;
        if (i < inner) {
            const float n = norm[a * inner + i];
            for (int64_t c = threadIdx.y; c < channels; c += kSlices) {
                const int64_t k = (a * channels + c) * inner + i;
                gradOut[k] = bcosmath::scaleGradOut<T>(grad[k], out[k], n, false);
                sum += bcosmath::scaleGradNormTerm<T>(grad[k], out[k]);
            }
        }
        partial[threadIdx.y][threadIdx.x] = sum;
        __syncthreads();
        if (threadIdx.y == 0 && i < inner) {
            float total = 0;
            for (int s = 0; s < kSlices; ++s)
                total += partial[s][threadIdx.x];
            gradNorm[a * inner + i] = bcosmath::scaleGradNorm(total, norm[a * inner + i]);
        }
        __syncthreads();
    }
}

unsigned elementwiseBlocks(int64_t count)
{
    return unsigned(std::min<int64_t>((count + kThreads - 1) / kThreads, kMaxBlocks));
}

template <class T, class Index>
void forward(const void *out, const float *norm, void *y, const ScaleShape &s, cudaStream_t stream)
{
    using S = typename T::Storage;
    const Index count = Index(s.outer * s.channels * s.inner);
    forwardKernel<T, Index><<<elementwiseBlocks(count), kThreads, 0, stream>>>(
        static_cast<const S *>(out), norm, static_cast<S *>(y), count, Index(s.channels), Index(s.inner));
}

template <class T, class Index>
void gradOut(const void *grad, const void *out, const float *norm, bool detach, void *gradOut, const ScaleShape &s,
             cudaStream_t stream)
{
    using S = typename T::Storage;
    const Index count = Index(s.outer * s.channels * s.inner);
    gradOutKernel<T, Index><<<elementwiseBlocks(count), kThreads, 0, stream>>>(
        static_cast<const S *>(grad), static_cast<const S *>(out), norm, detach, static_cast<S *>(gradOut), count,
        Index(s.channels), Index(s.inner));
}

template <class T>
void backward(const void *grad, const void *out, const float *norm, bool detach, void *gradOutput, float *gradNorm,
              const ScaleShape &s, cudaStream_t stream)
{
    using S = typename T::Storage;
    const int64_t count = s.outer * s.channels * s.inner;
    if (!gradNorm) {
        if (count <= INT32_MAX)
            gradOut<T, uint32_t>(grad, out, norm, detach, gradOutput, s, stream);
        else
            gradOut<T, int64_t>(grad, out, norm, detach, gradOutput, s, stream);
    } else if (s.inner == 1) {
        const int64_t rowsPerBlock = kThreads / kWarp;
        const auto blocks = unsigned(std::min<int64_t>((s.outer + rowsPerBlock - 1) / rowsPerBlock, kMaxBlocks));
        rowsBackwardKernel<T><<<blocks, kThreads, 0, stream>>>(static_cast<const S *>(grad),
                                                               static_cast<const S *>(out), norm,
                                                               static_cast<S *>(gradOutput), gradNorm, s.outer,
                                                               s.channels);
    } else {
        const dim3 blocks(unsigned((s.inner + kWarp - 1) / kWarp), unsigned(std::min<int64_t>(s.outer, kMaxBlocks)));
        columnsBackwardKernel<T><<<blocks, dim3(kWarp, kSlices), 0, stream>>>(
            static_cast<const S *>(grad), static_cast<const S *>(out), norm, static_cast<S *>(gradOutput), gradNorm,
            s.outer, s.channels, s.inner);
    }
}

} // namespace

cudaError_t launchBcosScaleForward(ScaleDtype dtype, const void *out, const float *norm, void *y,
                                   const ScaleShape &shape, cudaStream_t stream)
{
    const int64_t count = shape.outer * shape.channels * shape.inner;
    if (count == 0)
        return cudaSuccess;
    const bool narrow = count <= INT32_MAX; // 32-bit index arithmetic where it fits
    if (dtype == ScaleDtype::BFloat16)
        narrow ? forward<bcosmath::BFloat16, uint32_t>(out, norm, y, shape, stream)
               : forward<bcosmath::BFloat16, int64_t>(out, norm, y, shape, stream);
    else
        narrow ? forward<bcosmath::Float32, uint32_t>(out, norm, y, shape, stream)
               : forward<bcosmath::Float32, int64_t>(out, norm, y, shape, stream);
    return cudaGetLastError();
}

cudaError_t launchBcosScaleBackward(ScaleDtype dtype, const void *grad, const void *out, const float *norm, bool detach,
                                    void *gradOut, float *gradNorm, const ScaleShape &shape, cudaStream_t stream)
{
    if (shape.outer * shape.channels * shape.inner == 0)
        return cudaSuccess;
    if (dtype == ScaleDtype::BFloat16)
        backward<bcosmath::BFloat16>(grad, out, norm, detach, gradOut, detach ? nullptr : gradNorm, shape, stream);
    else
        backward<bcosmath::Float32>(grad, out, norm, detach, gradOut, detach ? nullptr : gradNorm, shape, stream);
    return cudaGetLastError();
}

} // namespace bcos::core::cudakernels
