#pragma once

#include "core/enumnames.h"
#include "core/train/agc.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace bcos::core {

/// What is trained (B-cosification paper, Sec. 4): a standard net from scratch (pretrain, cross-entropy),
/// a B-cosified standard net fine-tuned (bcosify), a randomly initialised B-cos net (scratch), a B-cos
/// CLIP image encoder distilled from a teacher with the SigLIP loss (clip-distill), or a B-cosified network
/// distilled from its frozen original without labels (distill: labels, when the data has them, are only
/// used to report accuracy).
enum class TrainMode { Pretrain, Bcosify, Scratch, ClipDistill, Distill };
enum class OptimizerKind { Adam, AdamW, Sgd };
/// Auto: cross-entropy for Pretrain, uniform-off-label BCE otherwise (the paper's recipe).
enum class LossKind { Auto, UniformOffLabelsBce, Bce, CrossEntropy };

/// The names on the command line, in run logs and checkpoints (core/enumnames.h).
inline constexpr EnumNames<TrainMode, 5> kTrainModeNames{{{TrainMode::Pretrain, "pretrain"},
                                                          {TrainMode::Bcosify, "bcosify"},
                                                          {TrainMode::Scratch, "scratch"},
                                                          {TrainMode::ClipDistill, "clip-distill"},
                                                          {TrainMode::Distill, "distill"}}};
/// The logit term of `distill` (core/train/losses.h): BCE of the student's logits against the teacher's softened
/// softmax (the default: a B-cos network's confidence is the sigmoid of its logit, as in the B-cos recipe's BCE
/// training, and this target calibrates it), or the KL divergence of the softened distributions (shift-invariant:
/// it leaves the logits' level, and so the sigmoid confidence, free).
enum class DistillLoss { Kl, Bce };
inline constexpr EnumNames<DistillLoss, 2> kDistillLossNames{{{DistillLoss::Kl, "kl"}, {DistillLoss::Bce, "bce"}}};
inline constexpr EnumNames<OptimizerKind, 3> kOptimizerNames{
    {{OptimizerKind::Adam, "adam"}, {OptimizerKind::AdamW, "adamw"}, {OptimizerKind::Sgd, "sgd"}}};
inline constexpr EnumNames<LossKind, 4> kLossKindNames{{{LossKind::Auto, "auto"},
                                                        {LossKind::UniformOffLabelsBce, "uniform-bce"},
                                                        {LossKind::Bce, "bce"},
                                                        {LossKind::CrossEntropy, "ce"}}};

/// Training parameters with the paper's defaults (Adam, lr 1e-4, cosine schedule, no warmup, AGC 0.01/1e-3,
/// BCE with uniform off-labels, batch 64, no weight decay).
struct TrainOptions {
    TrainMode mode = TrainMode::Bcosify;
    int64_t epochs = 10;
    int64_t batchSize = 64;
    OptimizerKind optimizer = OptimizerKind::Adam;
    double learningRate = 1e-4;
    double weightDecay = 0.0;
    double momentum = 0.9;          ///< SGD only
    bool cosineSchedule = true;     ///< per-step cosine decay to minLearningRate after warmup
    double minLearningRate = 0.0;
    int64_t warmupEpochs = 0;       ///< linear warmup from 0
    bool agc = true;
    AgcOptions agcOptions;
    LossKind loss = LossKind::Auto;
    std::optional<double> offLabel; ///< UniformOffLabelsBce: off value (unset: 1/K)
    int sigLipCosScaling = 0;       ///< clip-distill: 3 for the token variant
    DistillLoss distillLoss = DistillLoss::Bce; ///< distill: the logit term
    double distillTemperature = 1.0;           ///< distill: softening temperature T of both distributions
    double logitWeight = 1.0;                  ///< distill: weight of the logit term
    double featureWeight = 0.0;                ///< distill: weight of the feature term (cosine, last feature map)

    uint64_t seed = 0;
    std::string device = "auto";    ///< "auto" (CUDA when available, else CPU), "cpu", "cuda", "cuda:1"
    bool bf16 = false;              ///< CUDA autocast to bfloat16 (ignored, and reported, on CPU)
    bool channelsLast = false;      ///< NHWC memory format (CUDA only; reported as ignored on CPU)
    /// Each training step (forward, loss, backward, AGC, optimiser update) replayed as one CUDA graph after a few
    /// steps run one by one (CUDA only, one process; reported as ignored otherwise). See Trainer::graphStep().
    bool cudaGraphs = false;
    int threads = 0;                ///< LibTorch intra-op threads; 0 leaves the current setting
    int loaderWorkers = 2;
    int prefetchBatches = 4;
    int64_t imageSize = 0;          ///< training/eval crop side; 0 keeps the dataset's native size
    bool augment = true;            ///< random resized crop + flip in training (only when imageSize > 0: flip)
    bool syncBatchNorm = false;     ///< data-parallel: BatchNorm statistics over the global batch (TrainHooks::group)

    int64_t logEvery = 10;          ///< observer StepMetrics every N steps
    std::filesystem::path runDirectory; ///< metrics and checkpoints; empty = nothing is written
    bool checkpointEveryEpoch = true;
    bool resume = false;            ///< continue from runDirectory/checkpoint.pt
};

std::string trainModeName(TrainMode mode);
/// "pretrain", "bcosify", "scratch", "clip-distill", "distill"; Error{InvalidArgument} otherwise.
TrainMode parseTrainMode(const std::string &name);
std::string optimizerName(OptimizerKind kind);
/// "adam", "adamw", "sgd"; Error{InvalidArgument} otherwise.
OptimizerKind parseOptimizer(const std::string &name);
/// "auto", "uniform-bce", "bce", "ce".
std::string lossKindName(LossKind kind);
/// The loss actually used (resolves Auto by mode).
LossKind effectiveLoss(const TrainOptions &options);

/// The learning rate at global step `step` (0-based): linear warmup over warmupEpochs, then cosine decay
/// from learningRate to minLearningRate at the last step (or constant when cosineSchedule is off).
double scheduledLearningRate(const TrainOptions &options, int64_t step, int64_t stepsPerEpoch);

} // namespace bcos::core
