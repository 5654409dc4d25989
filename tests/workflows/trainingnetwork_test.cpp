// core/workflows/trainingnetwork: the network of a training run for each mode, as bcos train and the studio build it.
#include "core/error.h"
#include "core/models/family.h"
#include "core/models/loadweights.h"
#include "core/workflows/trainingnetwork.h"
#include "tests/support/errorof.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

namespace bcos {
namespace {

using test::errorOf;

core::ModelDescription tinyResNet()
{
    core::ModelDescription description;
    description.architecture = {{"family", "resnet"}, {"block", "basic"}, {"layers", {1, 1, 1, 1}}, {"num_classes", 3}};
    return description;
}

/// A standard tiny ResNet's weights (seeded).
core::TensorMap standardWeights()
{
    torch::manual_seed(11);
    return core::stateDict(core::buildNetwork(tinyResNet())->model());
}

TEST(TrainingNetwork, PretrainBuildsOrLoadsTheStandardNetwork)
{
    core::TrainingNetworkSpec spec;
    spec.mode = core::TrainMode::Pretrain;
    spec.description = tinyResNet();
    spec.description.bcos.enabled = true; // ignored: pretraining trains the standard network
    core::Network fresh = core::buildTrainingNetwork(spec);
    EXPECT_FALSE(fresh->isBcos());
    EXPECT_TRUE(fresh->is_training());

    spec.weights = standardWeights();
    core::Network loaded = core::buildTrainingNetwork(spec);
    EXPECT_FALSE(loaded->isBcos());
    EXPECT_TRUE(loaded->is_training());
    const core::TensorMap state = core::stateDict(loaded->model());
    EXPECT_TRUE(torch::equal(state["conv1.weight"], spec.weights["conv1.weight"]));
    EXPECT_TRUE(torch::equal(state["fc.bias"], spec.weights["fc.bias"]));
}

TEST(TrainingNetwork, BcosifyConvertsTheStandardWeights)
{
    core::TrainingNetworkSpec spec;
    spec.mode = core::TrainMode::Bcosify;
    spec.description = tinyResNet();
    spec.weights = standardWeights();
    spec.bcos.b = 1.5;
    core::Network network = core::buildTrainingNetwork(spec);
    EXPECT_TRUE(network->isBcos());
    EXPECT_TRUE(network->is_training());
    EXPECT_EQ(network->description().bcos.b, 1.5);
    // B-cosification, Sec. 3: the first conv sees [x, 1-x] and gets [W, -W] / 2.
    const at::Tensor w = spec.weights["conv1.weight"];
    EXPECT_TRUE(torch::allclose(core::stateDict(network->model())["conv1.linear.weight"],
                                torch::cat({w, -w}, 1) / 2));
}

TEST(TrainingNetwork, ScratchIsAFreshBcosNetworkOrStartsFromBcosWeights)
{
    core::TrainingNetworkSpec spec;
    spec.mode = core::TrainMode::Scratch;
    spec.description = tinyResNet();
    spec.bcos.logitBias = -1.0;
    torch::manual_seed(5);
    core::Network first = core::buildTrainingNetwork(spec);
    EXPECT_TRUE(first->isBcos());
    EXPECT_TRUE(first->is_training());
    EXPECT_EQ(first->description().bcos.logitBias, -1.0);

    spec.weights = core::stateDict(*first);
    torch::manual_seed(6);
    core::Network resumed = core::buildTrainingNetwork(spec);
    EXPECT_TRUE(torch::equal(core::stateDict(resumed->model())["conv1.linear.weight"],
                             core::stateDict(first->model())["conv1.linear.weight"]));
}

TEST(TrainingNetwork, ErrorsNameTheWeightsAndTheMode)
{
    core::TrainingNetworkSpec spec;
    spec.mode = core::TrainMode::Bcosify;
    spec.description.architecture = {{"family", "simplecnn"}, {"num_classes", 3}};
    spec.weights = core::stateDict(core::buildNetwork(spec.description)->model());
    EXPECT_EQ(errorOf([&] { core::buildTrainingNetwork(spec); }),
              "simplecnn networks cannot be B-cosified; train a B-cos one with --mode scratch");

    spec.mode = core::TrainMode::Pretrain;
    spec.description = tinyResNet();
    spec.origin = "w.safetensors";
    EXPECT_EQ(errorOf([&] { core::buildTrainingNetwork(spec); }).rfind("weights from w.safetensors do not fit the model: ", 0),
              0u);

    spec.mode = core::TrainMode::ClipDistill;
    EXPECT_EQ(errorOf([&] { core::buildTrainingNetwork(spec); }),
              "training mode 'clip-distill' has no classifier network (see makeClipDistillation)");
}

} // namespace
} // namespace bcos
