// Losses and adaptive gradient clipping against the authors' reference (golden "loss" case).
#include "core/error.h"
#include "core/train/agc.h"
#include "core/train/losses.h"
#include "tests/support/golden.h"
#include "tests/support/tensorcompare.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace bcos {
namespace {

constexpr double kRtol = 1e-5;
constexpr double kAtolRel = 1e-6;

/// The number written as `key=VALUE` in a JSON description string
/// ("UniformOffLabelsBCEWithLogitsLoss(off_label=0.002)"), or nullopt when it is not there.
std::optional<double> numberInText(const std::string &text, const std::string &key)
{
    std::smatch match;
    const std::regex pattern("(^|[^A-Za-z0-9_])" + key + "\\s*=\\s*([-+]?[0-9.]+([eE][-+]?[0-9]+)?)");
    if (!std::regex_search(text, match, pattern))
        return std::nullopt;
    return std::stod(match[2].str());
}

/// The integers k of every stored tensor named `prefix` k `suffix` ("expected.siglip_cos" 3 ".loss"), in order.
std::vector<int64_t> indicesInTensorNames(const test::GoldenCase &golden, const std::string &prefix,
                                          const std::string &suffix)
{
    std::vector<int64_t> indices;
    for (const auto &item : golden.contents().tensors) {
        const std::string &name = item.key();
        if (name.size() <= prefix.size() + suffix.size() || name.rfind(prefix, 0) != 0
            || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
            continue;
        const std::string digits = name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
        if (!digits.empty() && std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
            indices.push_back(std::stoll(digits));
    }
    std::sort(indices.begin(), indices.end());
    return indices;
}

class LossGolden : public ::testing::Test {
protected:
    static void SetUpTestSuite() { s_case = std::make_unique<test::GoldenCase>("loss"); }
    static void TearDownTestSuite() { s_case.reset(); }
    static const test::GoldenCase &golden() { return *s_case; }

    /// Evaluates `loss` on a fresh leaf copy of `input`, compares the loss and d(sum loss)/d(input).
    static void expectLossAndGrad(const std::string &name, const at::Tensor &input, const std::string &gradName,
                                  const std::function<at::Tensor(const at::Tensor &)> &loss)
    {
        auto leaf = input.clone().requires_grad_(true);
        const auto value = loss(leaf);
        value.sum().backward();
        const auto expected = golden().tensor("expected." + name + ".loss");
        EXPECT_TRUE(test::allCloseGolden(value.detach(), expected, kRtol, kAtolRel, expected.dim() > 0)) << name;
        EXPECT_TRUE(test::allCloseGolden(leaf.grad(), golden().tensor("expected." + name + "." + gradName), kRtol,
                                         kAtolRel))
            << name;
    }

private:
    static inline std::unique_ptr<test::GoldenCase> s_case;
};

TEST_F(LossGolden, UniformOffLabelsVariants)
{
    const auto logits = golden().tensor("input.logits");
    const auto targets = golden().tensor("input.targets");
    const auto dense = golden().tensor("input.dense_targets");
    expectLossAndGrad("uniform_off", logits, "grad_logits",
                      [&](const at::Tensor &x) { return core::uniformOffLabelsBceWithLogits(x, targets); });
    expectLossAndGrad("uniform_off_dense", logits, "grad_logits",
                      [&](const at::Tensor &x) { return core::uniformOffLabelsBceWithLogits(x, dense); });
    // off_label is only in the JSON's description of the loss: "UniformOffLabelsBCEWithLogitsLoss(off_label=0.002)".
    const auto offLabel = numberInText(golden().json().at("losses").at("uniform_off_offlabel").get<std::string>(),
                                       "off_label");
    ASSERT_TRUE(offLabel.has_value()) << golden().json()["losses"]["uniform_off_offlabel"];
    expectLossAndGrad("uniform_off_offlabel", logits, "grad_logits", [&](const at::Tensor &x) {
        return core::uniformOffLabelsBceWithLogits(x, targets, *offLabel);
    });
    expectLossAndGrad("uniform_off_none", logits, "grad_logits", [&](const at::Tensor &x) {
        return core::uniformOffLabelsBceWithLogits(x, targets, std::nullopt, core::Reduction::None);
    });
    expectLossAndGrad("bce", logits, "grad_logits",
                      [&](const at::Tensor &x) { return core::binaryCrossEntropy(x, targets); });
}

TEST_F(LossGolden, SigLip)
{
    const double scale = golden().tensor("input.siglip.logit_scale").item<double>();
    const double bias = golden().tensor("input.siglip.logit_bias").item<double>();
    const auto text = golden().tensor("input.siglip.text_features");
    expectLossAndGrad("siglip", golden().tensor("input.siglip.image_features"), "grad_image",
                      [&](const at::Tensor &x) { return core::sigLipLoss(x, text, scale, bias); });
    // The cos_scaling variants: one per stored expected.siglip_cos<k>.loss (the JSON text names k as cos_scaling=k).
    const auto powers = indicesInTensorNames(golden(), "expected.siglip_cos", ".loss");
    ASSERT_FALSE(powers.empty()) << "no expected.siglip_cos<k>.loss in the golden case";
    const auto &losses = golden().json().at("losses");
    if (losses.contains("siglip_cos")) {
        const auto named = numberInText(losses["siglip_cos"].get<std::string>(), "cos_scaling");
        if (named)
            EXPECT_TRUE(std::find(powers.begin(), powers.end(), int64_t(*named)) != powers.end()) << *named;
    }
    for (const int64_t power : powers)
        expectLossAndGrad("siglip_cos" + std::to_string(power), golden().tensor("input.siglip.image_tokens"),
                          "grad_image",
                          [&](const at::Tensor &x) { return core::sigLipLoss(x, text, scale, bias, int(power)); });
}

TEST_F(LossGolden, AdaptiveGradientClippingPerParameter)
{
    const auto &params = golden().json()["agc"]["params"];
    ASSERT_EQ(params.size(), indicesInTensorNames(golden(), "input.agc.", ".param").size());
    ASSERT_FALSE(params.empty());
    // clip_factor and eps are only in the JSON's description: "adaptive_clip_grad_([p], clip_factor=0.01, eps=1e-3".
    const std::string reference = golden().json()["agc"]["reference"].get<std::string>();
    const auto clipFactor = numberInText(reference, "clip_factor"), eps = numberInText(reference, "eps");
    ASSERT_TRUE(clipFactor.has_value()) << reference;
    ASSERT_TRUE(eps.has_value()) << reference;
    std::vector<at::Tensor> tensors;
    for (const auto &entry : params) {
        const std::string prefix = "input.agc." + std::to_string(entry["index"].get<int>());
        auto parameter = golden().tensor(prefix + ".param").clone().requires_grad_(true);
        parameter.mutable_grad() = golden().tensor(prefix + ".grad").clone();
        EXPECT_EQ(parameter.sizes().vec(), entry["shape"].get<std::vector<int64_t>>()) << prefix;
        tensors.push_back(parameter);
    }
    tensors.push_back(torch::ones({3}, torch::requires_grad())); // no gradient: skipped
    core::adaptiveClipGrad(tensors, {*clipFactor, *eps});
    for (size_t i = 0; i < params.size(); ++i) {
        const auto &entry = params[i];
        const std::string prefix = "agc." + std::to_string(entry["index"].get<int>());
        const auto expected = golden().tensor("expected." + prefix + ".grad");
        EXPECT_TRUE(test::allCloseGolden(tensors[i].grad(), expected, kRtol, kAtolRel, false)) << prefix;
        const auto changed = tensors[i].grad().ne(golden().tensor("input." + prefix + ".grad")).sum();
        EXPECT_EQ(changed.item<int64_t>(), entry["changed_elements"].get<int64_t>()) << prefix;
    }
    EXPECT_FALSE(tensors.back().grad().defined());
}

TEST(Losses, GroupedClippingEqualsPerParameterClipping)
{
    torch::manual_seed(4);
    std::vector<at::Tensor> together, alone;
    for (int i = 0; i < 5; ++i) {
        auto p = torch::randn({6, 3, 3, 3}) * (0.1 * (i + 1));
        auto g = torch::randn({6, 3, 3, 3}) * (0.001 * (i + 1));
        together.push_back(p.clone().requires_grad_(true));
        together.back().mutable_grad() = g.clone();
        alone.push_back(p.clone().requires_grad_(true));
        alone.back().mutable_grad() = g.clone();
    }
    core::adaptiveClipGrad(together);
    for (auto &parameter : alone)
        core::adaptiveClipGrad({parameter});
    for (size_t i = 0; i < alone.size(); ++i)
        EXPECT_TRUE(torch::allclose(together[i].grad(), alone[i].grad(), 1e-6, 1e-12)) << i;
}

TEST(Losses, RejectsMismatchedTargets)
{
    const auto logits = torch::zeros({2, 3});
    try {
        core::uniformOffLabelsBceWithLogits(logits, torch::zeros({3}, torch::kLong));
        FAIL() << "expected an error";
    } catch (const core::Error &error) {
        EXPECT_EQ(error.code(), core::ErrorCode::InvalidArgument);
        EXPECT_STREQ(error.what(),
                     "UniformOffLabelsBCEWithLogitsLoss: expected targets [2] (int64) or [2, 3], got [3]");
    }
    EXPECT_THROW(core::sigLipLoss(torch::zeros({2, 4}), torch::zeros({3, 4})), core::Error);
    EXPECT_THROW(core::unitwiseNorm(torch::zeros({2, 2, 2, 2, 2})), core::Error);
}

TEST(Losses, CrossEntropyAndTopK)
{
    const auto logits = torch::tensor({{2.0f, 1.0f, 0.0f}, {0.0f, 0.5f, 3.0f}});
    const auto targets = torch::tensor({1, 2}, torch::kLong);
    const auto expected = -(torch::log_softmax(logits, 1)[0][1] + torch::log_softmax(logits, 1)[1][2]) / 2;
    EXPECT_NEAR(core::crossEntropy(logits, targets).item<double>(), expected.item<double>(), 1e-6);
    EXPECT_NEAR(core::crossEntropy(logits, torch::one_hot(targets, 3).to(torch::kFloat)).item<double>(),
                expected.item<double>(), 1e-6);
    EXPECT_EQ(core::correctTopK(logits, targets, 1).item<int64_t>(), 1);
    EXPECT_EQ(core::correctTopK(logits, targets, 2).item<int64_t>(), 2);
    EXPECT_EQ(core::correctTopK(logits, targets, 5).item<int64_t>(), 2);
}

} // namespace
} // namespace bcos
