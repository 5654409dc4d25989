// core/train/trainoptions: the names of modes, optimizers and losses (command line, run logs, checkpoints).
#include "core/error.h"
#include "core/train/trainoptions.h"
#include "tests/support/errorof.h"

#include <gtest/gtest.h>

namespace bcos {
namespace {

using test::errorOf;

TEST(TrainOptionsNames, RoundTripEveryValue)
{
    for (const auto &[mode, name] : core::kTrainModeNames) {
        EXPECT_EQ(core::trainModeName(mode), name);
        EXPECT_EQ(core::parseTrainMode(std::string(name)), mode);
    }
    for (const auto &[kind, name] : core::kOptimizerNames) {
        EXPECT_EQ(core::optimizerName(kind), name);
        EXPECT_EQ(core::parseOptimizer(std::string(name)), kind);
    }
    EXPECT_EQ(core::trainModeName(core::TrainMode::ClipDistill), "clip-distill");
    EXPECT_EQ(core::optimizerName(core::OptimizerKind::AdamW), "adamw");
    EXPECT_EQ(core::lossKindName(core::LossKind::UniformOffLabelsBce), "uniform-bce");
    EXPECT_EQ(core::lossKindName(core::LossKind::CrossEntropy), "ce");
}

TEST(TrainOptionsNames, UnknownNamesListTheValidOnes)
{
    EXPECT_EQ(errorOf([] { core::parseTrainMode("sideways"); }),
              "unknown training mode 'sideways' (expected pretrain, bcosify, scratch, clip-distill or distill)");
    EXPECT_EQ(errorOf([] { core::parseOptimizer("rmsprop"); }),
              "unknown optimizer 'rmsprop' (expected adam, adamw or sgd)");
    EXPECT_EQ(core::namesWithOr(core::kLossKindNames), "auto, uniform-bce, bce or ce"); // bcos train --loss
}

} // namespace
} // namespace bcos
