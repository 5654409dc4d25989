#include "trainoptions.h"

#include "core/error.h"

#include <cmath>

namespace bcos::core {

std::string trainModeName(TrainMode mode)
{
    switch (mode) {
    case TrainMode::Pretrain:
        return "pretrain";
    case TrainMode::Bcosify:
        return "bcosify";
    case TrainMode::Scratch:
        return "scratch";
    case TrainMode::ClipDistill:
        break;
    }
    return "clip-distill";
}

TrainMode parseTrainMode(const std::string &name)
{
    for (const auto mode : {TrainMode::Pretrain, TrainMode::Bcosify, TrainMode::Scratch, TrainMode::ClipDistill})
        if (trainModeName(mode) == name)
            return mode;
    fail(ErrorCode::InvalidArgument, "unknown training mode '{}' (expected pretrain, bcosify, scratch or clip-distill)",
         name);
}

std::string optimizerName(OptimizerKind kind)
{
    switch (kind) {
    case OptimizerKind::Adam:
        return "adam";
    case OptimizerKind::AdamW:
        return "adamw";
    case OptimizerKind::Sgd:
        break;
    }
    return "sgd";
}

OptimizerKind parseOptimizer(const std::string &name)
{
    for (const auto kind : {OptimizerKind::Adam, OptimizerKind::AdamW, OptimizerKind::Sgd})
        if (optimizerName(kind) == name)
            return kind;
    fail(ErrorCode::InvalidArgument, "unknown optimizer '{}' (expected adam, adamw or sgd)", name);
}

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
