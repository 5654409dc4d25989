// The ATen side of the fused CUDA kernels (BCOS_WITH_CUDA=ON): checks the tensors fusedBcosScale hands over, launches
// bcosscale.cu's kernels on the tensors' device and current stream, and reports a failed launch as core::Error.
#include "core/nn/bcosscaledevice.h"

#include "core/error.h"
#include "core/nn/cuda/bcosscalekernels.h"

#include <c10/cuda/CUDAGuard.h>
#include <c10/cuda/CUDAStream.h>

namespace bcos::core {
namespace {

using cudakernels::ScaleDtype;

ScaleDtype kernelDtype(const at::Tensor &out)
{
    if (out.scalar_type() == at::kFloat)
        return ScaleDtype::Float32;
    if (out.scalar_type() == at::kBFloat16)
        return ScaleDtype::BFloat16;
    fail(ErrorCode::Unsupported, "fused B-cos scale: out is {}, the CUDA kernels take float32 or bfloat16",
         c10::toString(out.scalar_type()));
}

/// `t` is what the kernels read or write: contiguous, on out's device, of `type` and `numel` elements.
void check(const at::Tensor &t, const char *name, const at::Tensor &out, at::ScalarType type, int64_t numel)
{
    if (!t.is_cuda() || t.device() != out.device() || !t.is_contiguous() || t.scalar_type() != type
        || t.numel() != numel)
        fail(ErrorCode::InvalidArgument, "fused B-cos scale: {} must be a contiguous {} tensor of {} elements on {} "
             "(got {} on {}, {} elements{})", name, c10::toString(type), numel, out.device().str(),
             c10::toString(t.scalar_type()), t.device().str(), t.numel(), t.is_contiguous() ? "" : ", strided");
}

void checkLaunch(cudaError_t error, const char *pass)
{
    if (error != cudaSuccess)
        fail(ErrorCode::Internal, "fused B-cos scale: the CUDA {} kernel failed to launch: {} ({})", pass,
             cudaGetErrorString(error), cudaGetErrorName(error));
}

} // namespace

bool fusedCudaKernelsBuilt() { return true; }

void cudaBcosScaleForward(const at::Tensor &out, const at::Tensor &norm, const at::Tensor &y,
                          const bcosmath::ScaleShape &shape)
{
    const ScaleDtype dtype = kernelDtype(out);
    const int64_t numel = shape.outer * shape.channels * shape.inner;
    check(out, "out", out, out.scalar_type(), numel);
    check(norm, "norm", out, at::kFloat, shape.outer * shape.inner);
    check(y, "y", out, out.scalar_type(), numel);
    const c10::cuda::CUDAGuard guard(out.device());
    checkLaunch(cudakernels::launchBcosScaleForward(dtype, out.data_ptr(), norm.data_ptr<float>(), y.data_ptr(), shape,
                                                    c10::cuda::getCurrentCUDAStream(out.device().index()).stream()),
                "forward");
}

void cudaBcosScaleBackward(const at::Tensor &grad, const at::Tensor &out, const at::Tensor &norm, bool detach,
                           const at::Tensor &gradOut, const at::Tensor &gradNorm, const bcosmath::ScaleShape &shape)
{
    const ScaleDtype dtype = kernelDtype(out);
    const int64_t numel = shape.outer * shape.channels * shape.inner;
    check(grad, "grad", out, out.scalar_type(), numel);
    check(out, "out", out, out.scalar_type(), numel);
    check(norm, "norm", out, at::kFloat, shape.outer * shape.inner);
    check(gradOut, "gradOut", out, out.scalar_type(), numel);
    if (gradNorm.defined())
        check(gradNorm, "gradNorm", out, at::kFloat, shape.outer * shape.inner);
    if (detach && gradNorm.defined())
        fail(ErrorCode::InvalidArgument, "fused B-cos scale: a detached factor gives norm no gradient");
    const c10::cuda::CUDAGuard guard(out.device());
    checkLaunch(cudakernels::launchBcosScaleBackward(
                    dtype, grad.data_ptr(), out.data_ptr(), norm.data_ptr<float>(), detach, gradOut.data_ptr(),
                    gradNorm.defined() ? gradNorm.data_ptr<float>() : nullptr, shape,
                    c10::cuda::getCurrentCUDAStream(out.device().index()).stream()),
                "backward");
}

} // namespace bcos::core
