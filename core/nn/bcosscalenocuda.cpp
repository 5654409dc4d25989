// The device side of fusedBcosScale in a build without the CUDA kernels (BCOS_WITH_CUDA=OFF): applyBcosScale never
// asks for it (fusedCudaKernelsBuilt() is false); a direct call on CUDA tensors says what the build lacks.
#include "bcosscaledevice.h"

#include "core/error.h"

namespace bcos::core {
namespace {

[[noreturn]] void unavailable()
{
    fail(ErrorCode::Unsupported, "fused B-cos scale: this build has no CUDA kernels (configure with "
         "-DBCOS_WITH_CUDA=ON against a CUDA LibTorch, with nvcc)");
}

} // namespace

bool fusedCudaKernelsBuilt() { return false; }

void cudaBcosScaleForward(const at::Tensor &, const at::Tensor &, const at::Tensor &, const bcosmath::ScaleShape &)
{
    unavailable();
}

void cudaBcosScaleBackward(const at::Tensor &, const at::Tensor &, const at::Tensor &, bool, const at::Tensor &,
                           const at::Tensor &, const bcosmath::ScaleShape &)
{
    unavailable();
}

} // namespace bcos::core
