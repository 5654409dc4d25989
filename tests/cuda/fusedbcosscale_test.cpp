// The fused B-cos scale kernel (core/nn/cuda/bcosscale.cu) on CUDA: against the ATen composition in values and
// gradients for every layout and dtype of the B-cos layers (the checks the CPU suite runs on the reference loops),
// and a whole B-cos ResNet-18 trained one step and explained (W(x)x) with the fused path on and off.
#include "core/explain/wxx.h"
#include "core/models/family.h"
#include "core/nn/fusedbcosscale.h"
#include "tests/cuda/cudatest.h"
#include "tests/support/bcosscalecheck.h"
#include "tests/support/tensorcompare.h"

#include <torch/torch.h>

namespace bcos {
namespace {

class FusedBcosScaleCuda : public test::CudaTest {
protected:
    void SetUp() override
    {
        test::CudaTest::SetUp();
        if (IsSkipped())
            return;
        if (device().is_cuda() && !core::fusedCudaKernelsBuilt())
            GTEST_SKIP() << "this build has no fused CUDA kernels (configured with BCOS_WITH_CUDA=OFF)";
        m_enabled = core::fusedKernelsEnabled();
    }
    void TearDown() override { core::setFusedKernels(m_enabled); }

private:
    bool m_enabled = true;
};

TEST_F(FusedBcosScaleCuda, KernelMatchesTheCompositionInValuesAndGradients)
{
    for (const auto &bcosCase : test::bcosScaleCases())
        for (const auto dtype : {torch::kFloat, torch::kBFloat16})
            for (const bool detach : {false, true})
                EXPECT_TRUE(test::checkFusedBcosScale(bcosCase, device(), dtype, detach, /*exactValues=*/true))
                    << bcosCase.name << ", " << dtype << (detach ? ", detached" : "");
}

TEST_F(FusedBcosScaleCuda, LargeMapsMatchTheComposition)
{
    // Sizes of ResNet's first stages: grid-stride loops and the NCHW backward's blocks over many positions.
    const test::BcosScaleCase cases[] = {{"stem NCHW", {16, 64, 56, 56}, {16, 1, 56, 56}},
                                         {"stem channels-last", {16, 64, 56, 56}, {16, 1, 56, 56}, true},
                                         {"last stage NCHW", {16, 512, 7, 7}, {16, 1, 7, 7}},
                                         {"classifier", {64, 1000}, {64, 1}}};
    for (const auto &bcosCase : cases)
        for (const auto dtype : {torch::kFloat, torch::kBFloat16})
            EXPECT_TRUE(test::checkFusedBcosScale(bcosCase, device(), dtype, false, /*exactValues=*/true))
                << bcosCase.name << ", " << dtype;
}

struct StepResult {
    at::Tensor logits;
    std::vector<at::Tensor> gradients;
    core::WxxResult explanation;
};

/// One forward and backward of a seeded B-cos ResNet-18 on a seeded batch, and a W(x)x explanation.
StepResult resnetStep(const c10::Device &device, bool fused)
{
    core::setFusedKernels(fused);
    torch::manual_seed(17);
    core::ModelDescription description;
    description.architecture = core::resolveArchitecture("resnet18");
    description.bcos.enabled = true;
    core::Network network = core::buildNetwork(description);
    network->to(device);
    network->train();
    const at::Tensor images = torch::rand({4, 3, 96, 96}).to(device);
    StepResult result;
    result.logits = network->forward(network->encode(images));
    result.logits.square().mean().backward();
    for (const auto &parameter : network->parameters())
        result.gradients.push_back(parameter.grad().defined() ? parameter.grad().clone() : at::Tensor());
    result.explanation = core::explainWxx(*network, images);
    return result;
}

TEST_F(FusedBcosScaleCuda, ResNet18TrainsAndExplainsAsWithoutTheFusedPath)
{
    const StepResult fused = resnetStep(device(), true);
    const StepResult composed = resnetStep(device(), false);
    // The forward values are the composition's bit for bit; the gradients differ by a few fp32 roundings per layer
    // (2|out|/norm in one product instead of two terms), grown through 18 layers.
    EXPECT_TRUE(test::allCloseGolden(fused.logits, composed.logits, 1e-5 * looser(), 1e-6 * looser()));
    ASSERT_EQ(fused.gradients.size(), composed.gradients.size());
    for (std::size_t i = 0; i < fused.gradients.size(); ++i) {
        ASSERT_EQ(fused.gradients[i].defined(), composed.gradients[i].defined()) << "parameter " << i;
        if (fused.gradients[i].defined())
            EXPECT_TRUE(test::allCloseGolden(fused.gradients[i], composed.gradients[i], 1e-4 * looser(),
                                             1e-5 * looser(), /*perLeadingIndex=*/false))
                << "parameter " << i;
    }
    EXPECT_TRUE(torch::equal(fused.explanation.targets, composed.explanation.targets));
    EXPECT_TRUE(test::allCloseGolden(fused.explanation.dynamicWeights, composed.explanation.dynamicWeights,
                                     1e-4 * looser(), 1e-5 * looser()));
    EXPECT_TRUE(test::allCloseGolden(fused.explanation.contributions, composed.explanation.contributions,
                                     1e-4 * looser(), 1e-5 * looser()));
}

} // namespace
} // namespace bcos
