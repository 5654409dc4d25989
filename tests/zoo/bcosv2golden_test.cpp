// Golden tests of the B-cos-v2 model zoo (../shared/golden/bcosv2): every case is imported through the functions
// `bcos convert --from bcos-v2` uses (inferBcosV2Architecture, bcosV2Description, importBcosV2Network), saved and
// reloaded as our model file, then checked against the logits and explanations B-cos-v2's own code computed.
// Every shape, setting and class count comes from the case's JSON and tensors.
#include "core/explain/rgba.h"
#include "core/explain/wxx.h"
#include "core/models/bcosv2/bcosv2vit.h"
#include "core/models/bcosv2/bcosv2zoo.h"
#include "core/models/foreignmodel.h"
#include "core/models/loadweights.h"
#include "core/models/modelfile.h"
#include "core/models/vit.h"
#include "core/nn/detachable.h"
#include "tests/support/golden.h"
#include "tests/support/tempdir.h"
#include "tests/support/tensorcompare.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <set>
#include <utility>

namespace bcos {
namespace {

const std::string kCases[] = {"v2_resnet_basic", "v2_resnet_bottleneck", "v2_resnext",       "v2_densenet",
                              "v2_vgg_bnu",      "v2_convnext_pn",       "v2_convnext_bnu",  "v2_simple_vit",
                              "v2_vitc",         "v2_standard_vit"};

/// The case's tolerance for `quantity` (a name in one of the JSON's "tolerances" keys, e.g. "logits_pre_bias").
struct Tolerance {
    double rtol = 0;
    double atolRel = 0;
};

class BcosV2Golden : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override
    {
        golden = std::make_unique<test::GoldenCase>("bcosv2/" + GetParam());
        const auto &model = golden->json().at("model");
        bcos = model.at("is_bcos").get<bool>();
        for (const auto &item : golden->contents().tensors)
            if (item.key().rfind("weights.", 0) == 0)
                weights.insert(item.key().substr(8), item.value());
        // The same path as `bcos convert --from bcos-v2 --arch arch.json`: importBcosV2, open, write our model file,
        // open that again.
        const core::RecognizedModel imported = core::importBcosV2(weights, importRequest(), GetParam());
        description = imported.description;
        core::saveModel(dir / "model.safetensors", *core::openRecognizedModel(imported));
        network = core::loadModel(dir / "model.safetensors");
    }

    /// What a user tells `bcos convert`: an architecture JSON file with the layout the weights' keys and shapes
    /// give (checked against the case's constructor), completed by what is not in the shapes (ViT heads), and
    /// B and the logit bias of the case (not in the weights either).
    core::BcosV2ImportRequest importRequest()
    {
        const auto &model = golden->json().at("model");
        const auto &kwargs = model.at("constructor").at("kwargs");
        const auto layout = core::inferBcosV2Architecture(weights);
        EXPECT_TRUE(layout.has_value()) << "key layout not recognised";
        core::BcosV2ImportRequest request;
        if (!layout)
            return request;
        EXPECT_EQ(layout->bcos, bcos);
        nlohmann::json arch = layout->arch;
        EXPECT_EQ(arch.at("num_classes"), kwargs.at("num_classes"));
        for (const char *field : {"layers", "inplanes", "groups", "width_per_group", "growth_rate", "block_config",
                                  "num_init_features", "bn_size", "patch_size", "dim", "depth", "mlp_dim", "conv_stem"})
            if (kwargs.contains(field) && arch.contains(field))
                EXPECT_EQ(arch.at(field), kwargs.at(field)) << field;
        if (kwargs.contains("heads")) // not in the shapes
            arch["heads"] = kwargs.at("heads");
        if (kwargs.contains("image_size"))
            arch["image_size"] = kwargs.at("image_size");
        const auto &norms = model.at("norm_layers");
        if (!norms.empty() && arch.contains("norm"))
            EXPECT_EQ(arch.at("norm_eps"), norms.front().at("eps"));
        {
            std::ofstream out(dir / "arch.json");
            out << arch.dump(2);
        }
        request.arch = (dir / "arch.json").string();
        if (bcos) {
            const auto &layer = kwargs.contains("conv_layer") ? kwargs.at("conv_layer") : kwargs.at("linear_layer");
            request.b = layer.at("kwargs").at("b").get<double>();
            maxOut = layer.at("kwargs").at("max_out").get<int64_t>();
            request.logitBias = model.at("logit_bias").get<double>();
        }
        return request;
    }

    Tolerance tolerance(const std::string &quantity) const
    {
        for (const auto &[key, value] : golden->json().at("tolerances").items())
            if (value.is_object() && value.contains("rtol") && (", " + key + ",").find(", " + quantity + ",") != std::string::npos)
                return {value.at("rtol").get<double>(), value.value("atol_rel", value.value("atol", 0.0))};
        ADD_FAILURE() << "no tolerance for " << quantity;
        return {};
    }

    at::Tensor image6() const { return golden->tensor("input.image6"); }

    std::unique_ptr<test::GoldenCase> golden;
    bool bcos = true;
    int64_t maxOut = 1;
    core::TensorMap weights;
    core::ModelDescription description;
    test::TempDir dir;
    core::Network network{nullptr};
};

TEST_P(BcosV2Golden, DescriptionHasTheZooSettings)
{
    const auto &json = golden->json();
    const auto &transform = json.at("input").at("eval_transform_args");
    EXPECT_EQ(description.bcos.enabled, bcos);
    EXPECT_EQ(description.numClasses(), json.at("model").at("constructor").at("kwargs").at("num_classes").get<int64_t>());
    EXPECT_EQ(description.preprocessing.inputSize, transform.at("crop_size").get<int64_t>());
    // The zoo table knows the published file and its evaluation resize (232 for bcos_final_long).
    const auto entry = core::findBcosV2ZooEntry(json.at("zoo_entry").at("file_name").get<std::string>());
    ASSERT_TRUE(entry.has_value()) << json.at("zoo_entry").dump();
    EXPECT_EQ(entry->resizeSize, transform.at("resize_size").get<int64_t>());
    EXPECT_EQ(entry->bcos, bcos);
    EXPECT_EQ(entry->arch.at("family"), description.family());
    if (!bcos)
        return;
    EXPECT_EQ(description.bcos.maxOut, maxOut);
    EXPECT_EQ(description.bcos.logitBias, json.at("model").at("logit_bias").get<double>());
    // [x, 1-x] straight into the network: no mean/std.
    EXPECT_EQ(description.preprocessing.mean, (std::array<double, 3>{0, 0, 0}));
    EXPECT_EQ(description.preprocessing.std, (std::array<double, 3>{1, 1, 1}));
}

TEST_P(BcosV2Golden, LoadedWeightsAreTheStoredOnesBitForBit)
{
    const core::TensorMap state = core::stateDict(network->model());
    ASSERT_EQ(state.size(), weights.size());
    for (const auto &item : weights) {
        const at::Tensor *got = state.find(item.key());
        ASSERT_NE(got, nullptr) << item.key();
        EXPECT_TRUE(torch::equal(*got, item.value())) << item.key();
    }
}

TEST_P(BcosV2Golden, LogitsMatchTheReference)
{
    torch::NoGradGuard noGrad;
    const Tolerance tol = tolerance("logits");
    if (!bcos) {
        const at::Tensor logits = network->forward(golden->tensor("input.image_normalized"));
        EXPECT_TRUE(test::allCloseGolden(logits, golden->tensor("expected.logits"), tol.rtol, tol.atolRel));
        EXPECT_TRUE(torch::equal(logits.argmax(1), golden->tensor("expected.prediction")));
        return;
    }
    EXPECT_TRUE(network->encode(golden->tensor("input.image")).equal(image6()));
    const at::Tensor logits = network->forward(image6());
    EXPECT_TRUE(test::allCloseGolden(logits - network->logitBias(), golden->tensor("expected.logits_pre_bias"), tol.rtol,
                                     tol.atolRel));
    EXPECT_TRUE(test::allCloseGolden(logits, golden->tensor("expected.logits"), tol.rtol, tol.atolRel));
    EXPECT_TRUE(torch::equal(logits.argmax(1), golden->tensor("expected.prediction")));
}

TEST_P(BcosV2Golden, DynamicWeightsContributionsAndRgbaMatchTheReference)
{
    const Tolerance tolW = tolerance("dynamic_weights");
    if (!bcos) { // the standard ViT: plain input gradient of the argmax logit w.r.t. the normalised image
        const at::Tensor input = golden->tensor("input.image_normalized").clone().requires_grad_(true);
        const at::Tensor logits = network->forward(input);
        logits.gather(1, logits.argmax(1, true)).sum().backward();
        EXPECT_TRUE(test::allCloseGolden(input.grad(), golden->tensor("expected.input_gradient"), tolW.rtol, tolW.atolRel));
        return;
    }
    const core::WxxResult result = core::explainWxx(*network, golden->tensor("input.image"));
    EXPECT_TRUE(torch::equal(result.targets, golden->tensor("expected.explained_class")));
    const at::Tensor explained = result.logits.gather(1, result.targets.unsqueeze(1)).squeeze(1);
    const Tolerance tolLogit = tolerance("explained_logit");
    EXPECT_TRUE(test::allCloseGolden(explained, golden->tensor("expected.explained_logit"), tolLogit.rtol,
                                     tolLogit.atolRel, false));
    const at::Tensor w = golden->tensor("expected.dynamic_weights");
    EXPECT_TRUE(test::allCloseGolden(result.dynamicWeights, w, tolW.rtol, tolW.atolRel));
    // The map sums W * x over 6 channels: its error follows the magnitudes summed.
    EXPECT_TRUE(test::allCloseToSum(result.contributions, golden->tensor("expected.contribution_map"),
                                    (w * image6()).abs().sum(1), tolW.rtol, tolW.atolRel));
    const Tolerance tolStored = tolerance("explanation_rgba*, recomputed from the stored dynamic_weights and image6");
    const Tolerance tolOwn = tolerance("explanation_rgba*, end to end from your own dynamic_weights");
    for (const auto &[name, smooth] : {std::pair{"expected.explanation_rgba", 15}, {"expected.explanation_rgba_smooth0", 0}}) {
        const at::Tensor stored = core::gradientToRgba(image6(), w, smooth);
        EXPECT_TRUE(test::allCloseGolden(stored, golden->tensor(name), tolStored.rtol, tolStored.atolRel)) << name;
        const at::Tensor own = core::gradientToRgba(image6(), result.dynamicWeights, smooth);
        EXPECT_TRUE(test::allCloseRgba(own, golden->tensor(name), w, tolW.rtol, tolW.atolRel, tolOwn.atolRel)) << name;
    }
}

TEST_P(BcosV2Golden, DynamicLinearityHolds)
{
    const Tolerance tol = tolerance("logits");
    if (!bcos) { // a standard network is not dynamic linear: its biases and GELUs leave a remainder
        const at::Tensor input = golden->tensor("input.image_normalized").slice(0, 0, 1).clone().requires_grad_(true);
        const at::Tensor logits = network->forward(input);
        const at::Tensor logit = logits[0][logits.argmax(1).item<int64_t>()];
        logit.backward();
        const at::Tensor terms = input.grad() * input;
        EXPECT_FALSE(test::allCloseToSum(terms.sum().reshape({1, 1}), logit.detach().reshape({1, 1}),
                                         terms.abs().sum().reshape({1, 1}), tol.rtol, tol.atolRel));
        return;
    }
    auto *vit = dynamic_cast<core::BcosV2VitImpl *>(&network->model());
    const at::Tensor x = image6();
    for (int64_t n = 0; n < x.size(0); ++n) {
        const at::Tensor input = x.slice(0, n, n + 1).clone().requires_grad_(true);
        core::ExplanationModeGuard explanation(*network);
        at::Tensor positional;
        at::Tensor logits;
        if (vit) { // the sin-cos table is a constant input of its own: its contribution belongs to the sum
            const std::vector<int64_t> grid = vit->features(input.detach()).sizes().vec(); // not a view of a temporary
            positional = core::vitSinCosEmbedding(grid[2], grid[3], grid[1], input.options()).requires_grad_(true);
            logits = vit->forwardWithPositionalEmbedding(input, positional);
        } else {
            logits = network->model().forward(network->normalizeInput(input));
        }
        const at::Tensor target = logits.argmax(1);
        const at::Tensor logit = logits[0][target.item<int64_t>()];
        logit.backward();
        at::Tensor terms = (input.grad() * input).flatten();
        if (vit)
            terms = torch::cat({terms, (positional.grad() * positional).flatten()});
        // Float error of a sum grows with the magnitudes summed, not with the (possibly cancelling) result; the
        // bound is the case's logit tolerance applied to those magnitudes.
        const at::Tensor sum = terms.sum().reshape({1, 1});
        EXPECT_TRUE(test::allCloseToSum(sum, logit.detach().reshape({1, 1}), terms.abs().sum().reshape({1, 1}),
                                        tol.rtol, tol.atolRel))
            << "image " << n;
    }
}

INSTANTIATE_TEST_SUITE_P(Cases, BcosV2Golden, ::testing::ValuesIn(kCases));

TEST(BcosV2GoldenSet, EveryCaseInTheFolderIsTested)
{
    std::set<std::string> listed(std::begin(kCases), std::end(kCases));
    for (const auto &entry : std::filesystem::directory_iterator(test::goldenDir() / "bcosv2"))
        if (entry.path().extension() == ".safetensors")
            EXPECT_TRUE(listed.count(entry.path().stem().string())) << entry.path();
}

} // namespace
} // namespace bcos
