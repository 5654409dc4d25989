// Unusual but valid images decode to the documented result (core readImage) and bcos predict accepts them.
#include "tests/badinput/imagecases.h"
#include "tests/badinput/inputbuilders.h"
#include "tests/support/buildpaths.h"
#include "tests/support/clirun.h"
#include "tests/support/tempdir.h"

#include "core/imaging/imageio.h"
#include "core/io/safetensors.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

namespace bcos::test {
namespace {

class UnusualImage : public ::testing::TestWithParam<UnusualImageCase> { };

TEST_P(UnusualImage, DecodesToTheDocumentedResult)
{
    const UnusualImageCase &row = GetParam();
    TempDir dir;
    const auto file = dir / row.fileName;
    row.write(file);
    row.check(imaging::readImage(file));
}

TEST_P(UnusualImage, BytesAreTheFloatDecodeRounded)
{
    // readImageBytes (the studio's decoder) and readImage (the CLI's) must show a model the same pixels.
    const UnusualImageCase &row = GetParam();
    TempDir dir;
    const auto file = dir / row.fileName;
    row.write(file);
    const at::Tensor bytes = imaging::readImageBytes(file);
    const at::Tensor expected = imaging::readImage(file).mul(255).round().to(torch::kByte).permute({1, 2, 0});
    ASSERT_EQ(bytes.sizes(), expected.sizes());
    EXPECT_EQ(bytes.scalar_type(), torch::kByte);
    EXPECT_TRUE(torch::equal(bytes, expected));
}

TEST_P(UnusualImage, PredictAcceptsIt)
{
    const UnusualImageCase &row = GetParam();
    TempDir dir;
    row.write(dir / row.fileName);
    const auto model = writeTinyModel(dir / "model.safetensors");
    const CliRun run = runCli(cliPath(),
                              "predict --model " + model.string() + " --input " + (dir / row.fileName).string()
                                  + " --out " + (dir / "out.safetensors").string(),
                              dir.path());
    ASSERT_EQ(run.status, 0) << run.out << run.err;
    const auto out = core::readSafetensors(dir / "out.safetensors");
    EXPECT_EQ(out.tensors["logits"].sizes(), (std::vector<int64_t>{1, 10}));
    EXPECT_TRUE(out.tensors["logits"].isfinite().all().item<bool>());
}

INSTANTIATE_TEST_SUITE_P(Catalogue, UnusualImage, ::testing::ValuesIn(unusualImageCases()),
                         [](const auto &info) { return gtestName(info.param.name); });

} // namespace
} // namespace bcos::test
