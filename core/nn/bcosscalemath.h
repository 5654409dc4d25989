#pragma once
// The per-element math of the fused B-cos scale for B = 2 (B-cos v2, Eq. 3 with |cos|^(B-1) = |out| / norm), shared
// by the CPU reference loops (g++) and the CUDA kernels (nvcc): plain C++ without LibTorch, so nvcc never sees
// LibTorch's headers. Values are loaded to fp32, computed in fp32 and stored in the output's dtype, rounding where
// the ATen composition rounds (applyBcosScale: the factor |out| / norm is rounded to out's dtype, then multiplied
// in out's dtype, i.e. in fp32 and rounded once, as ATen computes bf16 * bf16).

#include <cmath>
#include <cstdint>
#include <cstring>

#ifdef __CUDACC__
#define BCOS_HOST_DEVICE __host__ __device__
#else
#define BCOS_HOST_DEVICE
#endif

namespace bcos::core::bcosmath {

/// A tensor of the fused path as [outer, channels, inner] in memory: the norm broadcasts over `channels` and is
/// [outer, inner]. NCHW conv outputs are [N, C, H*W], channels-last ones [N*H*W, C, 1], linear [N, C, 1], ViT
/// tokens [N*T, C, 1].
struct ScaleShape {
    int64_t outer = 0;
    int64_t channels = 0;
    int64_t inner = 0;
};

/// The bits of `value` as a `To` of the same size (memcpy: a register move on host and device).
template <class To, class From>
BCOS_HOST_DEVICE inline To bitCast(From value)
{
    static_assert(sizeof(To) == sizeof(From), "bitCast between types of one size");
    To bits;
    memcpy(&bits, &value, sizeof bits);
    return bits;
}

/// fp32 storage: loads and stores are exact.
struct Float32 {
    using Storage = float;
    BCOS_HOST_DEVICE static float load(float value) { return value; }
    BCOS_HOST_DEVICE static float store(float value) { return value; }
};

/// bf16 storage as its 16 bits (c10::BFloat16's and __nv_bfloat16's layout): stores round to nearest even, as
/// c10::BFloat16 does (NaN becomes the quiet NaN 0x7FC0).
struct BFloat16 {
    using Storage = uint16_t;
    BCOS_HOST_DEVICE static float load(uint16_t value) { return bitCast<float>(uint32_t(value) << 16); }
    BCOS_HOST_DEVICE static uint16_t store(float value)
    {
        if (value != value)
            return UINT16_C(0x7FC0);
        const uint32_t bits = bitCast<uint32_t>(value);
        return uint16_t((bits + (((bits >> 16) & 1u) + UINT32_C(0x7FFF))) >> 16);
    }
};

/// |out| / norm rounded to out's dtype: the factor the ATen composition multiplies by (scale.to(out's dtype)).
template <class T>
BCOS_HOST_DEVICE inline float roundedFactor(float out, float norm)
{
    return T::load(T::store(fabsf(out) / norm));
}

/// y = out * |out| / norm, rounded as the ATen composition rounds it.
template <class T>
BCOS_HOST_DEVICE inline typename T::Storage scaleForward(typename T::Storage out, float norm)
{
    const float o = T::load(out);
    return T::store(roundedFactor<T>(o, norm) * o);
}

/// d loss / d out for one element: g * 2|out| / norm, or g * |out| / norm with `detach` (the factor is a constant;
/// then it is the composition's g * scale.to(out's dtype) exactly).
template <class T>
BCOS_HOST_DEVICE inline typename T::Storage scaleGradOut(typename T::Storage grad, typename T::Storage out, float norm,
                                                         bool detach)
{
    const float g = T::load(grad);
    const float o = T::load(out);
    return T::store(detach ? g * roundedFactor<T>(o, norm) : g * (2.0f * fabsf(o) / norm));
}

/// One channel's term of d loss / d norm's sum: g * out * |out| (summed over the channels, then gradNorm()).
template <class T>
BCOS_HOST_DEVICE inline float scaleGradNormTerm(typename T::Storage grad, typename T::Storage out)
{
    const float o = T::load(out);
    return T::load(grad) * o * fabsf(o);
}

/// d loss / d norm = -sum_C(g * out * |out|) / norm^2 (not detached only).
BCOS_HOST_DEVICE inline float scaleGradNorm(float termSum, float norm) { return -termSum / (norm * norm); }

} // namespace bcos::core::bcosmath
