#include "bcosv2zoo.h"

#include "core/error.h"
#include "core/models/family.h"
#include "core/models/loadweights.h"

#include <torch/torch.h>

#include <cmath>
#include <filesystem>

namespace bcos::core {
namespace {

using nlohmann::json;

json resnet(const char *block, std::vector<int> layers, int groups = 1, int width = 64)
{
    return {{"family", "bcosv2_resnet"}, {"block", block}, {"layers", layers}, {"inplanes", 64}, {"groups", groups},
            {"width_per_group", width}, {"num_classes", 1000}, {"norm", "bnu"}, {"norm_eps", 1e-5}};
}

json densenet(int growth, std::vector<int> blocks, int init)
{
    return {{"family", "bcosv2_densenet"}, {"growth_rate", growth}, {"block_config", blocks},
            {"num_init_features", init}, {"bn_size", 4}, {"num_classes", 1000}, {"norm", "bnu"}, {"norm_eps", 1e-5}};
}

json convnext(bool base, bool positionNorm)
{
    const json setting = base ? json{{128, 256, 3}, {256, 512, 3}, {512, 1024, 27}, {1024, nullptr, 3}}
                              : json{{96, 192, 3}, {192, 384, 3}, {384, 768, 9}, {768, nullptr, 3}};
    return {{"family", "bcosv2_convnext"}, {"block_setting", setting}, {"num_classes", 1000},
            {"norm", positionNorm ? "pn" : "bnu"}, {"norm_eps", positionNorm ? 1e-6 : 1e-5}};
}

json vit(int dim, int depth, int heads, bool stem)
{
    json arch{{"family", "bcosv2_vit"}, {"image_size", stem ? json{14, 14} : json{224, 224}},
              {"patch_size", stem ? 1 : 16}, {"dim", dim}, {"depth", stem ? depth - 1 : depth}, {"heads", heads},
              {"mlp_dim", 4 * dim}, {"num_classes", 1000}};
    if (stem)
        arch["conv_stem"] = dim == 192   ? json{24, 48, 96, 192}
                            : dim == 384 ? json{48, 96, 192, 384}
                                         : json{64, 128, 128, 256, 256, 512};
    return arch;
}

std::vector<BcosV2ZooEntry> makeZoo()
{
    std::vector<BcosV2ZooEntry> zoo{
        {"resnet_18", "resnet_18-68b4160fff.pth", resnet("basic", {2, 2, 2, 2})},
        {"resnet_34", "resnet_34-a63425a03e.pth", resnet("basic", {3, 4, 6, 3})},
        {"resnet_50", "resnet_50-ead259efe4.pth", resnet("bottleneck", {3, 4, 6, 3})},
        {"resnet_101", "resnet_101-84c3658278.pth", resnet("bottleneck", {3, 4, 23, 3})},
        {"resnet_152", "resnet_152-42051a77c1.pth", resnet("bottleneck", {3, 8, 36, 3})},
        {"resnext_50_32x4d", "resnext_50_32x4d-57af241ab9.pth", resnet("bottleneck", {3, 4, 6, 3}, 32, 4)},
        {"densenet_121", "densenet_121-b8daf96afb.pth", densenet(32, {6, 12, 24, 16}, 64)},
        {"densenet_161", "densenet_161-9e9ea51353.pth", densenet(48, {6, 12, 36, 24}, 96)},
        {"densenet_169", "densenet_169-7037ee0604.pth", densenet(32, {6, 12, 32, 32}, 64)},
        {"densenet_201", "densenet_201-00ac87066f.pth", densenet(32, {6, 12, 48, 32}, 64)},
        {"vgg_11_bnu", "vgg_11_bnu-34036029f0.pth",
         {{"family", "bcosv2_vgg"}, {"cfg", {64, "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"}},
          {"classifier_width", 4096}, {"num_classes", 1000}, {"norm", "bnu"}, {"norm_eps", 1e-5}}},
        // bcos_final_long: stochastic depth in training only, Resize(232) for evaluation.
        {"resnet_50_long", "resnet_50_long-ef38a88533.pth", resnet("bottleneck", {3, 4, 6, 3}), true, 232},
        {"resnet_152_long", "resnet_152_long-0b4b434939.pth", resnet("bottleneck", {3, 8, 36, 3}), true, 232},
        {"densenet_121_long", "densenet_121_long-5175461597.pth", densenet(32, {6, 12, 24, 16}, 64), true, 232},
        {"convnext_tiny_pn", "convnext_tiny_pn-539b1bfb37.pth", convnext(false, true), true, 232},
        {"convnext_base_pn", "convnext_base_pn-b0495852c6.pth", convnext(true, true), true, 232},
        {"convnext_tiny_bnu", "convnext_tiny_bnu-dbd7f5ef9d.pth", convnext(false, false), true, 232},
        {"convnext_base_bnu", "convnext_base_bnu-7c32a704b3.pth", convnext(true, false), true, 232},
    };
    const std::vector<std::tuple<std::string, int, int, int>> sizes{
        {"ti", 192, 12, 3}, {"s", 384, 12, 6}, {"b", 768, 12, 12}, {"l", 1024, 14, 16}};
    for (const bool bcos : {true, false})
        for (const bool stem : {false, true})
            for (const auto &[size, dim, depth, heads] : sizes) {
                const std::string name = std::string(bcos ? "bcos_" : "standard_")
                    + (stem ? "vitc_" + size + "_patch1_14" : "simple_vit_" + size + "_patch16_224");
                std::string file;
                if (name == "bcos_simple_vit_ti_patch16_224")
                    file = name + "-4b0824b1c1.pth";
                else if (name == "bcos_vitc_ti_patch1_14")
                    file = name + "-ddd6193a77.pth";
                else if (name == "standard_simple_vit_ti_patch16_224")
                    file = name + "-2ae8c65a39.pth";
                zoo.push_back({name, file, vit(dim, depth, heads, stem), bcos, 256});
            }
    for (auto &entry : zoo)
        entry.arch["name"] = entry.name;
    return zoo;
}

// ------------------------------------------------------------------------------------------ recognition

/// Shape lookups on a state dict; every miss is a "does not fit" (std::nullopt upstream).
class Keys {
public:
    explicit Keys(const TensorMap &weights) : m_weights(weights) {}
    bool has(const std::string &key) const { return m_weights.contains(key); }
    int64_t size(const std::string &key, int64_t dim) const
    {
        const at::Tensor *t = m_weights.find(key);
        return t && t->dim() > dim ? t->size(dim) : 0;
    }
    int64_t dims(const std::string &key) const
    {
        const at::Tensor *t = m_weights.find(key);
        return t ? t->dim() : -1;
    }
    /// How many "<prefix><i><suffix>" keys exist for i = first, first + 1, ...
    int64_t count(const std::string &prefix, const std::string &suffix, int64_t first = 0) const
    {
        int64_t n = 0;
        while (has(prefix + std::to_string(first + n) + suffix))
            ++n;
        return n;
    }

private:
    const TensorMap &m_weights;
};

std::optional<BcosV2Layout> resnetLayout(const Keys &k)
{
    const int64_t inplanes = k.size("bn1.weight", 0);
    if (k.dims("conv1.linear.weight") != 4 || k.size("conv1.linear.weight", 1) != 6 || inplanes == 0
        || !k.has("fc.linear.weight"))
        return std::nullopt;
    const int64_t m = k.size("conv1.linear.weight", 0) / inplanes;
    std::vector<int64_t> layers;
    for (int64_t l = 1; k.has("layer" + std::to_string(l) + ".0.conv1.linear.weight"); ++l)
        layers.push_back(k.count("layer" + std::to_string(l) + ".", ".conv1.linear.weight"));
    if (layers.empty() || m == 0)
        return std::nullopt;
    const bool bottleneck = k.has("layer1.0.conv3.linear.weight");
    json arch{{"family", "bcosv2_resnet"}, {"block", bottleneck ? "bottleneck" : "basic"}, {"layers", layers},
              {"inplanes", inplanes}, {"num_classes", k.size("fc.linear.weight", 0) / m}};
    if (bottleneck) {
        const int64_t width = k.size("layer1.0.bn1.weight", 0);
        const int64_t perGroup = k.size("layer1.0.conv2.linear.weight", 1);
        const int64_t groups = perGroup ? width / perGroup : 1;
        arch["groups"] = groups;
        arch["width_per_group"] = width * 64 / (inplanes * groups);
    }
    arch["norm"] = k.has("bn1.running_var") ? "bnu" : "pn";
    return BcosV2Layout{arch, true, m};
}

std::optional<BcosV2Layout> densenetLayout(const Keys &k)
{
    const int64_t init = k.size("features.norm0.weight", 0);
    const std::string first = "features.denseblock1.denselayer1.";
    if (k.size("features.conv0.linear.weight", 1) != 6 || init == 0 || !k.has("classifier.linear.weight")
        || !k.has(first + "conv2.linear.weight"))
        return std::nullopt;
    const int64_t m = k.size("features.conv0.linear.weight", 0) / init;
    const int64_t growth = k.size(first + "conv2.linear.weight", 0) / std::max<int64_t>(m, 1);
    std::vector<int64_t> blocks;
    for (int64_t b = 1; k.has("features.denseblock" + std::to_string(b) + ".denselayer1.conv1.linear.weight"); ++b)
        blocks.push_back(k.count("features.denseblock" + std::to_string(b) + ".denselayer", ".conv1.linear.weight", 1));
    if (m == 0 || growth == 0)
        return std::nullopt;
    json arch{{"family", "bcosv2_densenet"}, {"growth_rate", growth}, {"block_config", blocks},
              {"num_init_features", init}, {"bn_size", k.size(first + "norm2.weight", 0) / growth},
              {"num_classes", k.size("classifier.linear.weight", 0) / m},
              {"norm", k.has("features.norm0.running_var") ? "bnu" : "pn"}};
    return BcosV2Layout{arch, true, m};
}

std::optional<BcosV2Layout> vggLayout(const Keys &k)
{
    if (k.size("features.0.linear.weight", 2) != 3 || k.size("features.0.linear.weight", 1) != 6
        || k.size("classifier.0.linear.weight", 2) != 7 || !k.has("classifier.2.linear.weight"))
        return std::nullopt;
    const int64_t m = k.size("features.0.linear.weight", 0) / std::max<int64_t>(k.size("features.1.weight", 0), 1);
    json cfg = json::array();
    int64_t last = 0;
    for (int64_t i = 0; i < 4096; ++i)
        if (k.has("features." + std::to_string(i) + ".linear.weight"))
            last = i;
    for (int64_t i = 0; i <= last;) {
        if (k.has("features." + std::to_string(i) + ".linear.weight")) {
            cfg.push_back(k.size("features." + std::to_string(i + 1) + ".weight", 0));
            i += 2;
        } else {
            cfg.push_back("M");
            i += 1;
        }
    }
    cfg.push_back("M");
    if (m == 0)
        return std::nullopt;
    json arch{{"family", "bcosv2_vgg"}, {"cfg", cfg}, {"classifier_width", k.size("classifier.0.linear.weight", 0) / m},
              {"num_classes", k.size("classifier.2.linear.weight", 0) / m},
              {"norm", k.has("features.1.running_var") ? "bnu" : "pn"}};
    return BcosV2Layout{arch, true, m};
}

std::optional<BcosV2Layout> convnextLayout(const Keys &k)
{
    const int64_t stem = k.size("features.1.weight", 0);
    if (k.size("features.0.linear.weight", 2) != 4 || stem == 0 || !k.has("features.2.0.layer_scale")
        || !k.has("classifier.1.linear.weight"))
        return std::nullopt;
    const int64_t m = k.size("features.0.linear.weight", 0) / stem;
    json setting = json::array();
    for (int64_t s = 2; k.has("features." + std::to_string(s) + ".0.layer_scale");) {
        const std::string stage = "features." + std::to_string(s) + ".";
        const int64_t channels = k.size(stage + "0.layer_scale", 0);
        const std::string down = "features." + std::to_string(s + 1) + ".1.linear.weight";
        const bool downsample = k.has(down);
        setting.push_back({channels, downsample ? json(k.size(down, 0) / std::max<int64_t>(m, 1)) : json(),
                           k.count(stage, ".layer_scale")});
        s += downsample ? 2 : 1;
    }
    if (m == 0)
        return std::nullopt;
    const bool bnu = k.has("features.1.running_var");
    json arch{{"family", "bcosv2_convnext"}, {"block_setting", setting},
              {"num_classes", k.size("classifier.1.linear.weight", 0) / m}, {"norm", bnu ? "bnu" : "pn"},
              {"norm_eps", bnu ? 1e-5 : 1e-6}};
    return BcosV2Layout{arch, true, m};
}

std::optional<BcosV2Layout> vitLayout(const Keys &k)
{
    const bool bcos = k.has("0.to_patch_embedding.linear.linear.weight");
    if (!bcos && !(k.has("to_patch_embedding.linear.weight") && k.has("to_patch_embedding.linear.bias")))
        return std::nullopt;
    const std::string p = bcos ? "0." : "";
    const std::string w = bcos ? ".linear.weight" : ".weight";
    const int64_t dim = k.size(p + "linear_head.norm.weight", 0);
    if (dim == 0)
        return std::nullopt;
    const int64_t m = k.size(p + "to_patch_embedding.linear" + w, 0) / dim;
    std::vector<int64_t> stem;
    int64_t channels = bcos ? 6 : 3, downsampling = 1;
    for (int64_t i = 0; k.has(p + "to_patch_embedding.conv_stem." + std::to_string(3 * i) + w); ++i) {
        const int64_t out = k.size(p + "to_patch_embedding.conv_stem." + std::to_string(3 * i + 1) + ".weight", 0);
        downsampling *= out > channels ? 2 : 1;
        stem.push_back(out);
        channels = out;
    }
    const int64_t patchArea = k.size(p + "to_patch_embedding.linear" + w, 1) / channels;
    const auto patch = static_cast<int64_t>(std::lround(std::sqrt(double(patchArea))));
    if (m == 0 || patch * patch != patchArea)
        return std::nullopt;
    const int64_t heads = dim == 192 ? 3 : dim == 384 ? 6 : dim == 768 ? 12 : dim == 1024 ? 16 : std::max<int64_t>(1, dim / 64);
    const int64_t image = 224 / downsampling;
    json arch{{"family", "bcosv2_vit"}, {"image_size", {image, image}}, {"patch_size", patch}, {"dim", dim},
              {"depth", k.count(p + "transformer.encoder_", ".attn.norm.weight")}, {"heads", heads},
              {"mlp_dim", k.size(p + "transformer.encoder_0.ff.net.linear1" + w, 0) / m},
              {"num_classes", k.size(p + "linear_head.linear" + w, 0) / m}};
    if (!stem.empty())
        arch["conv_stem"] = stem;
    return BcosV2Layout{arch, bcos, m};
}

} // namespace

const std::vector<BcosV2ZooEntry> &bcosV2Zoo()
{
    static const std::vector<BcosV2ZooEntry> zoo = makeZoo();
    return zoo;
}

std::optional<BcosV2ZooEntry> findBcosV2ZooEntry(const std::string &nameOrFile)
{
    std::string stem = std::filesystem::path(nameOrFile).filename().string();
    for (const char *extension : {".pth", ".pt"})
        if (stem.size() > std::strlen(extension) && stem.compare(stem.size() - std::strlen(extension), std::string::npos, extension) == 0)
            stem.resize(stem.size() - std::strlen(extension));
    for (const auto &entry : bcosV2Zoo())
        if (stem == entry.name || stem.rfind(entry.name + "-", 0) == 0)
            return entry;
    return std::nullopt;
}

std::vector<std::string> bcosV2ZooNames()
{
    std::vector<std::string> names;
    for (const auto &entry : bcosV2Zoo())
        names.push_back(entry.name);
    return names;
}

ModelDescription bcosV2Description(const nlohmann::json &arch, bool bcos, int64_t resizeSize,
                                   const BcosSettings &settings)
{
    ModelDescription d;
    d.architecture = canonicalArchitecture(arch, "architecture");
    if (arch.contains("name"))
        d.architecture["name"] = arch["name"];
    d.preprocessing.inputSize = 224;
    d.preprocessing.resizeSize = resizeSize;
    if (bcos) {
        // B-cos-v2 feeds AddInverse()(x) = [x, 1-x] straight into the network: no Normalize.
        d.bcos = settings;
        d.bcos.enabled = true;
        d.bcos.meanFree = true;
        d.preprocessing.name = "bcos-v2";
        d.preprocessing.mean = {0, 0, 0};
        d.preprocessing.std = {1, 1, 1};
    }
    return d;
}

std::optional<BcosV2Layout> inferBcosV2Architecture(const TensorMap &weights)
{
    const Keys keys(weights);
    for (auto layout : {resnetLayout, densenetLayout, vggLayout, convnextLayout, vitLayout})
        if (auto found = layout(keys)) {
            if (found->arch.contains("norm") && !found->arch.contains("norm_eps")) // the zoo's defaults
                found->arch["norm_eps"] = found->arch["norm"] == "pn" ? 1e-6 : 1e-5;
            return found;
        }
    return std::nullopt;
}

Network importBcosV2Network(const ModelDescription &description, const TensorMap &weights, const std::string &origin)
{
    Network network = buildNetwork(description);
    loadStateDict(*network, weights, origin);
    network->eval();
    return network;
}

} // namespace bcos::core
