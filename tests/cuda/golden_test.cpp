// The golden cases on CUDA: the standard and B-cosified networks' logits, W(x)x explanations and CLIP text
// localisation computed on the GPU match the authors' numbers and the same computation on the CPU, within the
// golden README's tolerances (10x looser on the GPU with TF32 off, as the README says). Shapes, B, the logit bias
// and the cosine powers come from each case's JSON and tensors.
#include "core/eval/clipmosaic.h"
#include "core/explain/cliplocalize.h"
#include "core/explain/explainchunks.h"
#include "core/explain/wxx.h"
#include "core/models/bcosifyclip.h"
#include "core/models/clipimage.h"
#include "core/models/clipmodelfile.h"
#include "core/models/loadweights.h"
#include "tests/cuda/cudatest.h"
#include "tests/models/goldenmodels.h"
#include "tests/support/tensorcompare.h"

#include <torch/torch.h>

#include <limits>

namespace bcos {
namespace {

const char *const kModelCases[] = {"resnet_basic", "resnet_bottleneck", "densenet", "vit_simple", "vitc"};

/// A result computed on the device against the golden `expected` and against the same computation `onCpu`, with
/// the README's (rtol, atolRel) times `looser`.
void expectClose(const at::Tensor &onDevice, const at::Tensor &onCpu, const at::Tensor &expected, double rtol,
                 double atolRel, double looser, const std::string &what)
{
    const at::Tensor got = onDevice.cpu();
    EXPECT_TRUE(test::allCloseGolden(got, expected, rtol * looser, atolRel * looser)) << what << " vs golden";
    EXPECT_TRUE(test::allCloseGolden(got, onCpu, rtol * looser, atolRel * looser)) << what << " vs CPU";
}

class CudaGolden : public test::CudaTestWithParam<const char *> {};

TEST_P(CudaGolden, StandardLogits)
{
    const test::GoldenCase golden(GetParam());
    core::Network network = test::goldenStandardNetwork(golden);
    torch::NoGradGuard noGrad;
    const at::Tensor input = network->encode(golden.tensor("input.image"));
    const at::Tensor onCpu = network->forward(input);
    network->to(device());
    const at::Tensor onDevice = network->forward(input.to(device()));
    EXPECT_EQ(onDevice.device(), device());
    expectClose(onDevice, onCpu, golden.tensor("expected.standard.logits"), 1e-4, 1e-5, looser(), "standard logits");
}

TEST_P(CudaGolden, BcosLogitsAndExplanations)
{
    const test::GoldenCase golden(GetParam());
    core::Network network = test::goldenBcosNetwork(golden, test::goldenBcosSettings(golden));
    const at::Tensor images = golden.tensor("input.image");
    const core::WxxResult onCpu = core::explainWxx(*network, images);
    network->to(device());
    const core::WxxResult onDevice = core::explainWxx(*network, images.to(device()));
    const double bias = network->logitBias();
    EXPECT_TRUE(torch::equal(onDevice.targets.cpu(), golden.tensor("expected.explain.class")));
    EXPECT_EQ(onDevice.dynamicWeights.device(), device());
    expectClose(onDevice.logits - bias, onCpu.logits - bias, golden.tensor("expected.bcosified.logits_pre_bias"), 1e-4,
                1e-5, looser(), "pre-bias logits");
    expectClose(onDevice.dynamicWeights, onCpu.dynamicWeights, golden.tensor("expected.explain.W"), 1e-3, 5e-5,
                looser(), "W(x)");
    expectClose(onDevice.contributions, onCpu.contributions, golden.tensor("expected.explain.contribution_map"), 1e-3,
                5e-5, looser(), "contribution map");
}

/// The golden images, repeated into a batch, explained in passes chosen from the GPU's free memory (the first image
/// measured): the pass size is that of the device's memory (more than one image), and the maps are the golden ones.
TEST_P(CudaGolden, ExplanationPassesSizedByTheDevicesMemory)
{
    const test::GoldenCase golden(GetParam());
    core::Network network = test::goldenBcosNetwork(golden, test::goldenBcosSettings(golden));
    network->to(device());
    const at::Tensor images = golden.tensor("input.image");
    const int64_t copies = 12;
    core::ExplainRequest request;
    request.images = images.repeat({copies, 1, 1, 1}).to(device());
    const core::ChunkedExplanation chunked = core::explainInChunks(*network, core::ExplainMethod::Wxx, request);
    if (device().is_cuda()) {
        EXPECT_GT(chunked.chunk.bytesPerItem, 0);
        EXPECT_GT(chunked.chunk.availableBytes, 0);
        EXPECT_GT(chunked.chunk.size, 1);
        EXPECT_LE(chunked.chunk.size, core::kMaxExplainChunkCuda);
    }
    const at::Tensor expected = golden.tensor("expected.explain.contribution_map").repeat({copies, 1, 1});
    EXPECT_TRUE(test::allCloseGolden(chunked.explanation.attributions.cpu(), expected, 1e-3 * looser(), 5e-5 * looser()));
}

INSTANTIATE_TEST_SUITE_P(Cases, CudaGolden, ::testing::ValuesIn(kModelCases),
                         [](const ::testing::TestParamInfo<const char *> &info) { return std::string(info.param); });

class CudaClipGolden : public test::CudaTest {};

TEST_F(CudaClipGolden, LocalisationForEveryPower)
{
    const test::GoldenCase golden("clip");
    core::BcosSettings settings;
    settings.enabled = true;
    settings.b = golden.json().at("bcosify").at("B").get<double>();
    auto encoder = core::buildClipImageEncoder(golden.json().at("arch"), settings);
    core::loadStateDict(*encoder, core::bcosifyClipWeights(encoder->options(), golden.standardStateDict(), settings),
                        "clip");
    encoder->eval();
    const at::Tensor image6 = golden.tensor("input.image6");
    const at::Tensor text = golden.tensor("input.text_embedding");
    const auto powers = golden.json().at("localisation").at("powers").get<std::vector<double>>();
    ASSERT_FALSE(powers.empty());
    std::vector<core::ClipLocalization> onCpu;
    for (int64_t i = 0; i < image6.size(0); ++i)
        onCpu.push_back(core::ClipLocalization::compute(*encoder, image6[i], text));
    encoder->to(device());
    for (int64_t i = 0; i < image6.size(0); ++i) {
        SCOPED_TRACE("image " + std::to_string(i));
        // The image and text stay on the CPU, as the studio and `bcos localize --device cuda` hand them over: the
        // passes run where the encoder is, and so do the results until to() moves them.
        const auto onDevice = core::ClipLocalization::compute(*encoder, image6[i], text);
        EXPECT_EQ(onDevice.cosines().device(), device());
        EXPECT_EQ(onDevice.perLocationWeights().device(), device());
        const auto moved = onDevice.to(c10::kCPU);
        EXPECT_EQ(moved.perLocationWeights().device(), c10::Device(c10::kCPU));
        EXPECT_TRUE(torch::equal(moved.perLocationWeights(), onDevice.perLocationWeights().cpu()));
        // The slider's weighted sum on the CPU copy: the same L terms (weights <= 1 in sum) added on another device,
        // so within L float roundings of the largest |W|.
        const double sumBound = double(moved.cosines().numel()) * std::numeric_limits<float>::epsilon();
        EXPECT_TRUE(test::allCloseGolden(moved.mapForPower(powers[0]), onDevice.mapForPower(powers[0]).cpu(), sumBound,
                                         sumBound))
            << "the slider's weighted sum on the CPU copy";

        expectClose(onDevice.cosines().unsqueeze(0), onCpu[i].cosines().unsqueeze(0),
                    golden.tensor("expected.cosines").slice(0, i, i + 1), 1e-4, 1e-5, looser(), "cosines");
        // On the GPU the automatic passes are batched; the one-forward passes (the CPU's) must agree on it too.
        EXPECT_EQ(onDevice.passes(), core::ClipPasses::Batched);
        const auto oneForward =
            core::ClipLocalization::compute(*encoder, image6[i], text, {0, core::ClipPasses::OneForward});
        for (double p : powers) {
            const at::Tensor expectedW = golden.tensor(fmt::format("expected.p{}.W", p)).slice(0, i, i + 1);
            expectClose(onDevice.mapForPower(p).unsqueeze(0), onCpu[i].mapForPower(p).unsqueeze(0), expectedW, 1e-3,
                        5e-5, looser(), fmt::format("W for cosine power {}", p));
            expectClose(oneForward.mapForPower(p).unsqueeze(0), onCpu[i].mapForPower(p).unsqueeze(0), expectedW, 1e-3,
                        5e-5, looser(), fmt::format("W for cosine power {}, one forward pass on the GPU", p));
        }
    }
    // clip-mosaic's explainer (`bcos evaluate clip-mosaic --device cuda`): the passes on the encoder's device, the
    // maps back on the images' device.
    core::ClipModel model;
    model.image = encoder;
    const at::Tensor images = image6.slice(1, 0, 3);
    const at::Tensor targets = torch::zeros({images.size(0)}, torch::kLong);
    const at::Tensor maps = core::clipPromptExplainer(model, text.unsqueeze(0), powers[0])(images, targets);
    EXPECT_EQ(maps.device(), c10::Device(c10::kCPU));
    for (int64_t i = 0; i < image6.size(0); ++i)
        expectClose(maps.slice(0, i, i + 1), onCpu[i].contributionsForPower(powers[0]).unsqueeze(0),
                    golden.tensor(fmt::format("expected.p{}.contribution_map", powers[0])).slice(0, i, i + 1), 1e-3,
                    5e-5, looser(), "clip-mosaic's map");
}

} // namespace
} // namespace bcos
