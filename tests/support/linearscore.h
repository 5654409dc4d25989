#pragma once

#include "core/eval/metrics/metricinput.h"

#include <ATen/core/Tensor.h>

#include <cstdint>

namespace bcos::test {

/// A linear "model" for the metric tests: score(x) = sum_{c,h,w} w[h, w] x[c, h, w] + bias, evaluated in float32
/// like a network. Its exact attribution is known: a = sum_c w x (Input x Gradient and, with a zero baseline,
/// Integrated Gradients), and removing a set of pixels (zeros baseline) lowers the score by their summed a.
struct LinearScore {
    at::Tensor weights; ///< [H, W] float32
    double bias = 0.0;
    mutable int64_t largestBatch = 0; ///< the most images one call has seen (memory bound checks)
    mutable int64_t calls = 0;

    core::ScoreFunction function() const;
    /// The exact attribution maps [N, H, W] (double) of images [N, 3, H, W].
    at::Tensor attribution(const at::Tensor &images) const;
    /// sum_c |w x| per pixel [N, H, W] (double): the magnitudes a score sums, for rounding tolerances.
    at::Tensor magnitude(const at::Tensor &images) const;
};

/// Seeded images [n, 3, h, w] uniform in [0, 1) and weights [h, w] standard normal.
at::Tensor seededImages(int64_t n, int64_t h, int64_t w, uint64_t seed);
LinearScore seededLinearScore(int64_t h, int64_t w, uint64_t seed);

} // namespace bcos::test
