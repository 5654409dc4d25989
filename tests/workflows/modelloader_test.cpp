// core/workflows/modelloader: the one model-file loader of bcos and the studio.
#include "core/error.h"
#include "core/io/safetensors.h"
#include "core/models/clipmodelfile.h"
#include "core/models/family.h"
#include "core/models/loadweights.h"
#include "core/workflows/modelloader.h"
#include "tests/badinput/inputbuilders.h"
#include "tests/support/errorof.h"
#include "tests/support/tempdir.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <fstream>

namespace bcos {
namespace {

namespace fs = std::filesystem;
using test::errorOf;

const nlohmann::json kArch = {{"family", "simplecnn"}, {"num_classes", 3}, {"widths", {4}}};

/// A standard simplecnn (3 classes) and its backbone weights as a foreign safetensors file (no metadata).
core::Network writeForeignWeights(const fs::path &file)
{
    core::ModelDescription description;
    description.architecture = kArch;
    torch::manual_seed(3);
    core::Network network = core::buildNetwork(description);
    network->eval();
    core::writeSafetensors(file, core::stateDict(network->model()));
    return network;
}

TEST(ModelLoader, ReadsForeignWeightsAndRefusesFilesWithoutTensors)
{
    test::TempDir dir;
    core::Network original = writeForeignWeights(dir / "w.safetensors");
    const core::TensorMap expected = core::stateDict(original->model());
    const core::TensorMap weights = core::readForeignWeights(dir / "w.safetensors");
    ASSERT_EQ(weights.size(), expected.size());
    for (const auto &item : expected)
        EXPECT_TRUE(torch::equal(weights[item.key()], item.value())) << item.key();
    core::writeSafetensors(dir / "none.safetensors", core::TensorMap());
    EXPECT_EQ(errorOf([&] { core::readForeignWeights(dir / "none.safetensors"); }),
              (dir / "none.safetensors").string() + ": no weight tensors found (safetensors file)");
}

TEST(ModelLoader, LoadsOurModelFileAsAClassifier)
{
    test::TempDir dir;
    const fs::path file = test::writeTinyModel(dir / "model.safetensors", 5, 8);
    const core::LoadedModelFile loaded = core::loadModelFile({file});
    ASSERT_FALSE(loaded.network.is_empty());
    EXPECT_EQ(loaded.clip, nullptr);
    EXPECT_TRUE(loaded.network->isBcos());
    EXPECT_EQ(loaded.description.numClasses(), 5);
    EXPECT_EQ(loaded.description.family(), "simplecnn");
    EXPECT_FALSE(loaded.network->is_training());
}

TEST(ModelLoader, LoadsForeignWeightsWithTheirArchitecture)
{
    test::TempDir dir;
    core::Network original = writeForeignWeights(dir / "w.safetensors");
    std::ofstream(dir / "arch.json") << kArch.dump();
    core::ForeignArchitecture architecture;
    architecture.spec = (dir / "arch.json").string();
    architecture.numClasses = 3;
    architecture.preprocessing = core::Preprocessing::clip();
    architecture.classNames = {"a", "b", "c"};
    core::LoadedModelFile loaded = core::loadModelFile({dir / "w.safetensors", architecture});
    ASSERT_FALSE(loaded.network.is_empty());
    EXPECT_FALSE(loaded.network->isBcos());
    EXPECT_EQ(loaded.description.classNames, architecture.classNames);
    EXPECT_EQ(loaded.description.preprocessing.name, "clip");
    EXPECT_EQ(loaded.description.provenance.at("weights"), (dir / "w.safetensors").string());
    EXPECT_EQ(loaded.description.provenance.at("arch"), architecture.spec);
    torch::manual_seed(1);
    const at::Tensor images = torch::rand({2, 3, 8, 8});
    torch::NoGradGuard noGrad;
    EXPECT_TRUE(torch::equal(loaded.network->model().forward(images), original->model().forward(images)));
}

TEST(ModelLoader, ForeignWeightsWithoutTensorsAreRefusedForEveryFrontEnd)
{
    test::TempDir dir;
    core::writeSafetensors(dir / "none.safetensors", core::TensorMap());
    core::ForeignArchitecture architecture;
    architecture.spec = "resnet18";
    EXPECT_EQ(errorOf([&] { core::loadModelFile({dir / "none.safetensors", architecture}); }),
              (dir / "none.safetensors").string() + ": no weight tensors found (safetensors file)");
}

TEST(ModelLoader, WithoutArchitectureForeignWeightsGetTheModelFileError)
{
    test::TempDir dir;
    writeForeignWeights(dir / "w.safetensors");
    core::ModelFileRequest request;
    request.path = dir / "w.safetensors";
    request.acceptClip = false;
    EXPECT_EQ(errorOf([&] { core::loadModelFile(request); }),
              request.path.string()
                  + ": not a B-cos Studio model file (metadata 'format' is '', expected 'bcos-model-v1')");
}

TEST(ModelLoader, TellsWhichFilesNeedAnArchitecture)
{
    test::TempDir dir;
    writeForeignWeights(dir / "w.safetensors");
    test::writeTinyModel(dir / "ours.safetensors");
    EXPECT_TRUE(core::needsArchitecture(dir / "w.safetensors"));
    EXPECT_FALSE(core::needsArchitecture(dir / "ours.safetensors"));
    EXPECT_FALSE(core::needsArchitecture(dir / "missing.safetensors")); // unreadable: the loader says why
    EXPECT_TRUE(core::needsArchitecture("/x/r.pth"));
    EXPECT_TRUE(core::needsArchitecture("/x/r.ckpt"));
    EXPECT_FALSE(core::needsArchitecture("/x/photo.png"));
    EXPECT_TRUE(core::hasModelFileExtension("/x/R.PT"));
    EXPECT_TRUE(core::hasModelFileExtension("/x/w.safetensors"));
    EXPECT_FALSE(core::hasModelFileExtension("/x/photo.png"));
}

} // namespace
} // namespace bcos
