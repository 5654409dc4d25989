#pragma once

#include "core/eval/metrics/metricinput.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <vector>

namespace bcos::core {

/// MoRF removes the most relevant pixels first (a faithful map makes the score fall: lower is better), LeRF the
/// least relevant first (the score should stay: higher is better).
enum class RoadOrder { MostRelevantFirst, LeastRelevantFirst };

struct RoadOptions {
    RoadOrder order = RoadOrder::MostRelevantFirst;
    /// Percentages of the pixels removed, each in (0, 100): the paper's 10, 20, ..., 90.
    std::vector<double> percentiles{10, 20, 30, 40, 50, 60, 70, 80, 90};
    /// Standard deviation of the Gaussian noise added to every imputed pixel, in [0, 1] image units.
    double noise = 0.01;
    uint64_t seed = 0;      ///< the noise of image n at percentile j is a function of (seed, n, j) only
    int64_t batchSize = 64; ///< imputed images per score call
};

struct RoadResult {
    at::Tensor percentiles; ///< [P] double, as given
    at::Tensor scores;      ///< [N, P] double: the target score of each imputed image
    at::Tensor mean;        ///< [N] double: scores averaged over the percentiles (the per-image ROAD value)
};

/// Throws Error{InvalidArgument} "ROAD MoRF|LeRF: ..." for no percentiles, one outside (0, 100), a negative or
/// infinite noise or a batch size < 1.
void checkRoadOptions(const RoadOptions &options);

/// ROAD, RemOve And Debias (Rong et al., ICML 2022): for each percentile p, remove round(p/100 H W) pixels of
/// image n in MoRF or LeRF order of the attribution (signed, ties in raster order), fill them by noisy linear
/// imputation (linearImputation() plus N(0, noise^2) per imputed pixel and channel, so the removal pattern does
/// not leak the ranking) and score the result: s_{n,p} = score(impute(x_n, removed_p), target_n). Unlike
/// ROAR the model is not retrained. images [N, 3, H, W] in [0, 1], targets [N], maps [N, H, W]; the N P imputed
/// images are built and scored in chunks of options.batchSize. An all-zero map (no order) is refused, bad
/// percentiles or options throw Error{InvalidArgument}; `progress` counts scored images and may cancel.
RoadResult road(const ScoreFunction &score, const at::Tensor &images, const at::Tensor &targets, const at::Tensor &maps,
                const RoadOptions &options, const MetricProgress &progress = {});

} // namespace bcos::core
