#include "trainoptions.h"

#include "core/error.h"

#include <cmath>

namespace bcos::core {

std::string trainModeName(TrainMode mode) { return std::string(enumName(kTrainModeNames, mode)); }

TrainMode parseTrainMode(const std::string &name)
{
    if (const auto mode = enumFromName(kTrainModeNames, name))
        return *mode;
    fail(ErrorCode::InvalidArgument, "unknown training mode '{}' (expected {})", name, namesWithOr(kTrainModeNames));
}

std::string optimizerName(OptimizerKind kind) { return std::string(enumName(kOptimizerNames, kind)); }

OptimizerKind parseOptimizer(const std::string &name)
{
    if (const auto kind = enumFromName(kOptimizerNames, name))
        return *kind;
    fail(ErrorCode::InvalidArgument, "unknown optimizer '{}' (expected {})", name, namesWithOr(kOptimizerNames));
}

std::string lossKindName(LossKind kind) { return std::string(enumName(kLossKindNames, kind)); }

LossKind effectiveLoss(const TrainOptions &options)
{
    if (options.loss != LossKind::Auto)
        return options.loss;
    return options.mode == TrainMode::Pretrain ? LossKind::CrossEntropy : LossKind::UniformOffLabelsBce;
}

double scheduledLearningRate(const TrainOptions &options, int64_t step, int64_t stepsPerEpoch)
{
    const int64_t warmup = options.warmupEpochs * stepsPerEpoch;
    const int64_t total = options.epochs * stepsPerEpoch;
    if (step < warmup)
        return options.learningRate * static_cast<double>(step + 1) / static_cast<double>(warmup);
    if (!options.cosineSchedule || total - warmup <= 1)
        return options.learningRate;
    const double progress = static_cast<double>(step - warmup) / static_cast<double>(total - warmup - 1);
    const double cosine = 0.5 * (1.0 + std::cos(M_PI * std::min(progress, 1.0)));
    return options.minLearningRate + (options.learningRate - options.minLearningRate) * cosine;
}

} // namespace bcos::core
