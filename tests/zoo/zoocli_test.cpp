// `bcos inspect` and `bcos convert --from ...` on the real checkpoint fixtures (../shared/fixtures/checkpoints),
// and --num-classes taken from the weights' head.
#include "core/models/foreignmodel.h"
#include "core/models/modelfile.h"
#include "core/workflows/modelloader.h"
#include "tests/support/buildpaths.h"
#include "tests/support/errorof.h"
#include "tests/support/clirun.h"
#include "tests/support/golden.h"
#include "tests/support/tempdir.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <array>
#include <cstdlib>
#include <fstream>

namespace bcos {
namespace {

std::filesystem::path fixture(const std::string &name)
{
    const char *env = std::getenv("BCOS_FIXTURES_DIR");
    const std::filesystem::path dir =
        env && *env ? std::filesystem::path(env) : test::goldenDir().parent_path() / "fixtures" / "checkpoints";
    return dir / name;
}

test::CliRun bcos(const std::string &arguments, const test::TempDir &dir)
{
    return test::runCli(test::cliPath(), arguments, dir.path());
}

TEST(ZooCli, InspectNamesPublishedModelsAndSkippedGlobals)
{
    test::TempDir dir;
    auto run = bcos("inspect '" + fixture("bcosv2_resnet_state_dict.pth").string() + "'", dir);
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_NE(run.out.find("recognised: B-cos-v2 zoo model (bcosv2_resnet, 10 classes, B=2; recognised by key layout)"),
              std::string::npos) << run.out;
    run = bcos("inspect '" + fixture("lightning_bcosified_resnet.ckpt").string() + "'", dir);
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_NE(run.out.find("foreign globals (inert placeholders, never called): pathlib.PosixPath"), std::string::npos)
        << run.out;
    EXPECT_NE(run.out.find("recognised: B-cosification release resnet_18 (resnet, 10 classes, B=2; recognised by "
                           "Lightning checkpoint layout)"),
              std::string::npos) << run.out;
    run = bcos("inspect '" + fixture("torchvision_resnet18_10cls.pth").string() + "'", dir);
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_EQ(run.out.find("recognised:"), std::string::npos) << run.out;
}

TEST(ZooCli, ConvertFromBcosV2AndBcosificationWritesModelFiles)
{
    test::TempDir dir;
    auto run = bcos("convert --from bcos-v2 --arch resnet_18 --weights '" + fixture("bcosv2_resnet_state_dict.pth").string()
                        + "' --out '" + (dir / "v2.safetensors").string() + "'",
                    dir);
    // resnet_18 is 64 wide; the fixture is 8 wide: the diff names the first layer that does not fit.
    EXPECT_EQ(run.status, 1);
    EXPECT_NE(run.err.find("do not fit the model"), std::string::npos) << run.err;
    run = bcos("convert --from bcos-v2 --weights '" + fixture("bcosv2_resnet_state_dict.pth").string() + "' --out '"
                   + (dir / "v2.safetensors").string() + "'",
               dir);
    ASSERT_EQ(run.status, 0) << run.err;
    core::ModelDescription d = core::readModelDescription(dir / "v2.safetensors");
    EXPECT_EQ(d.family(), "bcosv2_resnet");
    EXPECT_EQ(d.numClasses(), 10);
    EXPECT_EQ(d.preprocessing.resizeSize, 256);
    EXPECT_EQ(d.preprocessing.std, (std::array<double, 3>{1, 1, 1}));
    EXPECT_TRUE(d.bcos.meanFree);
    run = bcos("convert --from bcosification --weights '" + fixture("lightning_bcosified_resnet.ckpt").string()
                   + "' --out '" + (dir / "bcosified.safetensors").string() + "'",
               dir);
    ASSERT_EQ(run.status, 0) << run.err;
    d = core::readModelDescription(dir / "bcosified.safetensors");
    EXPECT_EQ(d.family(), "resnet");
    EXPECT_EQ(d.bcos.b, 2.0);
    EXPECT_EQ(d.preprocessing.name, "imagenet");
    run = bcos("convert --from bcosification --weights '" + fixture("bcosv2_resnet_state_dict.pth").string()
                   + "' --out '" + (dir / "x.safetensors").string() + "'",
               dir);
    EXPECT_EQ(run.status, 1);
    EXPECT_EQ(run.err, "bcos convert: " + fixture("bcosv2_resnet_state_dict.pth").string()
                           + ": not a B-cosification release file: it is a bcos-v2 file\n");
}

TEST(ZooCli, NumClassesComeFromTheWeightsHead)
{
    test::TempDir dir;
    std::ofstream(dir / "arch.json") << R"({"family": "resnet", "block": "basic", "layers": [2, 2, 2, 2], "inplanes": 8})";
    const auto run = bcos("convert --arch '" + (dir / "arch.json").string() + "' --weights '"
                              + fixture("torchvision_resnet18_10cls.pth").string() + "' --out '"
                              + (dir / "m.safetensors").string() + "'",
                          dir);
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_NE(run.err.find("note: 10 classes, from the weights' classifier head"), std::string::npos) << run.err;
    EXPECT_EQ(core::readModelDescription(dir / "m.safetensors").numClasses(), 10);
}

TEST(ZooModels, PublishedFilesOpenWithoutAnArchitecture)
{
    const auto zoo = core::recognizeModelFile(fixture("bcosv2_resnet_state_dict.pth"));
    ASSERT_TRUE(zoo.has_value());
    EXPECT_EQ(zoo->kind, "bcos-v2");
    EXPECT_EQ(zoo->description.architecture.at("family"), "bcosv2_resnet");
    EXPECT_EQ(zoo->description.numClasses(), 10);
    core::Network network = core::openRecognizedModel(*zoo);
    EXPECT_EQ(network->forward(network->encode(torch::rand({1, 3, 64, 64}))).sizes(), (std::vector<int64_t>{1, 10}));

    const auto release = core::recognizeModelFile(fixture("lightning_bcosified_resnet.ckpt"));
    ASSERT_TRUE(release.has_value());
    EXPECT_EQ(release->kind, "bcosification");
    EXPECT_EQ(release->description.architecture.at("family"), "resnet");
    EXPECT_EQ(release->description.numClasses(), 10);
    EXPECT_EQ(release->description.bcos.b, 2.0);
    network = core::openRecognizedModel(*release);
    EXPECT_EQ(network->forward(network->encode(torch::rand({1, 3, 64, 64}))).sizes(), (std::vector<int64_t>{1, 10}));

    EXPECT_FALSE(core::recognizeModelFile(fixture("torchvision_resnet18_10cls.pth")).has_value());
}

TEST(ZooModels, PublishedFilesOpenThroughTheModelLoaderWithoutAnArchitecture)
{
    // The loader of `bcos predict --model` and the studio's drop / File > Open.
    EXPECT_FALSE(core::needsArchitecture(fixture("bcosv2_resnet_state_dict.pth")));
    EXPECT_FALSE(core::needsArchitecture(fixture("lightning_bcosified_resnet.ckpt")));
    EXPECT_TRUE(core::needsArchitecture(fixture("torchvision_resnet18_10cls.pth")));
    core::ModelFileRequest request;
    request.path = fixture("bcosv2_resnet_state_dict.pth");
    core::LoadedModelFile loaded = core::loadModelFile(request);
    EXPECT_EQ(loaded.description.family(), "bcosv2_resnet");
    EXPECT_EQ(loaded.network->description().numClasses(), 10);
    EXPECT_EQ(loaded.notice.rfind("opened as B-cos-v2 zoo model", 0), 0u) << loaded.notice;
    request.path = fixture("lightning_bcosified_resnet.ckpt");
    EXPECT_EQ(core::loadModelFile(request).network->description().family(), "resnet");
    request.path = fixture("torchvision_resnet18_10cls.pth");
    EXPECT_EQ(test::errorOf([&] { core::loadModelFile(request); }),
              request.path.string() + ": not a B-cos Studio model file, a B-cos-v2 zoo file or a B-cosification "
              "release (other weights need an architecture: bcos convert --arch ARCH --weights FILE)");
}

TEST(ZooModels, ForeignWeightsTakeTheClassCountFromTheirHead)
{
    // `bcos predict --arch ARCH --weights FILE` without --num-classes, and the studio's "Classes: from the weights".
    test::TempDir dir;
    std::ofstream(dir / "arch.json") << R"({"family": "resnet", "block": "basic", "layers": [2, 2, 2, 2], "inplanes": 8})";
    core::ModelFileRequest request;
    request.path = fixture("torchvision_resnet18_10cls.pth");
    request.architecture = core::ForeignArchitecture{(dir / "arch.json").string(), std::nullopt, {}, {}};
    const core::LoadedModelFile loaded = core::loadModelFile(request);
    EXPECT_EQ(loaded.network->description().numClasses(), 10);
    EXPECT_EQ(loaded.notice, "note: 10 classes, from the weights' classifier head (" + (dir / "arch.json").string()
                                 + " declares 1000); give --num-classes to override");
    request.architecture->numClasses = 12; // given: used as it is, and the weights do not fit
    EXPECT_NE(test::errorOf([&] { core::loadModelFile(request); }).find("fc.weight"), std::string::npos);
}

TEST(ZooCli, ConvertFromBcosV2RefusesAnUnknownZooName)
{
    test::TempDir dir;
    const auto run = bcos("convert --from bcos-v2 --arch resnet_19 --weights '"
                              + fixture("bcosv2_resnet_state_dict.pth").string() + "' --out '"
                              + (dir / "v2.safetensors").string() + "'",
                          dir);
    EXPECT_EQ(run.status, 1);
    EXPECT_NE(run.err.find("--arch 'resnet_19' is not a B-cos-v2 zoo name (resnet_18, resnet_34, "), std::string::npos)
        << run.err;
}

} // namespace
} // namespace bcos
