// The detachable layers of the ViT conversion are dynamic linear in explanation mode: with the dynamic terms
// detached, f(x) = sum(c * layer(x)) satisfies grad_x f . x == f (no biases), which fails in normal mode.
#include "core/models/vit.h"
#include "core/nn/detachable.h"
#include "core/nn/detachablegelu.h"
#include "core/nn/detachablegroupnorm.h"
#include "core/nn/detachablelayernorm.h"
#include "core/nn/vitattention.h"
#include "tests/support/tensorcompare.h"

#include <torch/torch.h>
#include <gtest/gtest.h>

namespace bcos {
namespace {

// |grad . x - f| / |f| for f = sum(c * layer(x)) with a fixed random c.
template <class Layer>
double linearityGap(Layer &layer, const at::Tensor &input, bool explanation)
{
    core::setExplanationMode(*layer, explanation);
    const at::Tensor x = input.clone().requires_grad_(true);
    const at::Tensor y = layer->forward(x);
    torch::manual_seed(11);
    const at::Tensor f = (torch::randn_like(y) * y).sum();
    const at::Tensor grad = torch::autograd::grad({f}, {x})[0];
    core::setExplanationMode(*layer, false);
    return std::abs((grad * x).sum().item<double>() - f.item<double>()) / std::abs(f.item<double>());
}

TEST(Detachable, LayerNormIsDynamicLinearOnlyInExplanationMode)
{
    torch::manual_seed(0);
    core::DetachableLayerNormOptions options;
    options.normalizedSize = 12;
    options.bias = false;
    core::DetachableLayerNorm norm(options);
    torch::NoGradGuard noGrad;
    norm->weight.uniform_(0.5, 1.5);
    torch::AutoGradMode grad(true);
    const at::Tensor x = torch::randn({3, 5, 12}) + 0.7;
    EXPECT_LT(linearityGap(norm, x, true), 1e-5);
    EXPECT_GT(linearityGap(norm, x, false), 0.5); // LN is scale invariant: grad . x = 0 in normal mode
    // Both modes compute the same values.
    core::setExplanationMode(*norm, true);
    const at::Tensor detached = norm->forward(x);
    core::setExplanationMode(*norm, false);
    EXPECT_TRUE(test::allCloseAbs(detached, norm->forward(x), 1e-5));
}

TEST(Detachable, GroupNormAndGeluAreDynamicLinearInExplanationMode)
{
    torch::manual_seed(1);
    core::DetachableGroupNorm2dOptions options;
    options.numChannels = 6;
    options.bias = false;
    core::DetachableGroupNorm2d norm(options);
    const at::Tensor x = torch::randn({2, 6, 4, 5}) + 0.3;
    EXPECT_LT(linearityGap(norm, x, true), 1e-5);
    core::setExplanationMode(*norm, true);
    EXPECT_TRUE(test::allCloseAbs(norm->forward(x), torch::group_norm(x, 1), 1e-5));
    core::setExplanationMode(*norm, false);

    core::DetachableGelu gelu;
    EXPECT_LT(linearityGap(gelu, x, true), 1e-5);
    EXPECT_GT(linearityGap(gelu, x, false), 1e-3);
    EXPECT_TRUE(test::allCloseAbs(gelu->forward(x), torch::gelu(x), 1e-6));
}

TEST(Detachable, AttentionDetachesQueriesAndKeys)
{
    torch::manual_seed(2);
    core::BcosSettings bcos;
    bcos.enabled = true;
    core::VitAttention attention(16, 2, 8, bcos);
    const at::Tensor x = torch::randn({2, 5, 16});
    EXPECT_LT(linearityGap(attention, x, true), 1e-4);
    EXPECT_GT(linearityGap(attention, x, false), 1e-3);
}

TEST(VitPresets, TinyPresetsRunAtTheirResolution)
{
    torch::NoGradGuard noGrad;
    core::BcosSettings bcos;
    bcos.enabled = true;
    auto vitc = core::vitFamily().build({{"family", "vit"}, {"preset", "vitc_ti_patch1_14"}, {"num_classes", 5}}, bcos);
    vitc->eval();
    // The 4-conv stem downsamples 224 by 16 to the 14 x 14 token grid.
    EXPECT_EQ(vitc->features(torch::rand({1, 6, 224, 224})).sizes(), (std::vector<int64_t>{1, 192, 14, 14}));
    auto vit = core::vitFamily().build({{"family", "vit"}, {"preset", "vit_tiny_patch16_224"}, {"depth", 1}}, core::BcosSettings{});
    EXPECT_EQ(vit->forward(torch::rand({1, 3, 224, 224})).sizes(), (std::vector<int64_t>{1, 1000}));
}

} // namespace
} // namespace bcos
