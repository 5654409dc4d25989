// Catalogue rows for our model files (bcos predict --model) and architecture JSON files (bcos train --arch).
#include "tests/badinput/badinputcase.h"
#include "tests/badinput/inputbuilders.h"

#include "core/io/safetensors.h"
#include "core/models/family.h"
#include "core/models/loadweights.h"
#include "core/models/network.h"

#include <torch/torch.h>

#include <nlohmann/json.hpp>

namespace bcos::test {
namespace {

std::string predict(const std::filesystem::path &dir, const std::filesystem::path &model)
{
    return "predict --model " + model.string() + " --input " + writeTinyImages(dir / "images.safetensors").string()
        + " --out " + (dir / "out.safetensors").string();
}

/// A model-file row: writes the tiny model, lets `edit` change its tensors and metadata, then predicts with it.
BadInputCase editedModel(std::string name, std::string what, std::function<void(core::SafetensorsContents &)> edit,
                         std::string message, int status = 1)
{
    BadInputCase row{std::move(name), "model file (.safetensors)", std::move(what), {}, {}, status, std::move(message)};
    row.cli = [edit](const std::filesystem::path &dir) {
        auto contents = core::readSafetensors(writeTinyModel(dir / "model.safetensors"));
        edit(contents);
        core::writeSafetensors(dir / "edited.safetensors", contents.tensors, contents.metadata);
        return predict(dir, dir / "edited.safetensors");
    };
    return row;
}

void setDescription(core::SafetensorsContents &contents, const std::function<void(nlohmann::json &)> &edit)
{
    auto description = nlohmann::json::parse(contents.metadata.value("bcos.model"));
    edit(description);
    contents.metadata.set("bcos.model", description.dump());
}

const std::string kFirstWeight = "model.features.0.linear.weight";

/// A train row whose --arch is DIR/arch.json with `json` as its content.
BadInputCase archRow(std::string name, std::string what, std::string json, std::string message)
{
    BadInputCase row{std::move(name), "architecture JSON", std::move(what), {}, {}, 1, std::move(message)};
    row.cli = [json](const std::filesystem::path &dir) {
        writeFile(dir / "arch.json", json);
        writeIdxDirectory(dir / "idx", 8);
        return "train --mode scratch --arch " + (dir / "arch.json").string() + " --data idx:" + (dir / "idx").string()
            + " --epochs 1 --batch-size 4 --workers 0 --out " + (dir / "run").string();
    };
    return row;
}

} // namespace

std::vector<BadInputCase> modelFileCases()
{
    std::vector<BadInputCase> rows;
    rows.push_back(editedModel(
        "model.plain-safetensors", "a state dict without our metadata", [](auto &c) { c.metadata = {}; },
        "bcos predict: {dir}/edited.safetensors: not a B-cos Studio model file (metadata "
        "'format' is '', expected 'bcos-model-v1')"));
    rows.push_back(editedModel(
        "model.description-not-json", "metadata 'bcos.model' is not JSON",
        [](auto &c) { c.metadata.set("bcos.model", "{oops"); },
        "bcos predict: {dir}/edited.safetensors: metadata 'bcos.model' is not valid JSON "
        "([json.exception.parse_error.101] parse error at line 1, column 2: syntax error while parsing "
        "object key - invalid literal; last read: '{o'; expected string literal)"));
    rows.push_back(editedModel(
        "model.description-field", "the description's architecture is a number",
        [](auto &c) { setDescription(c, [](auto &j) { j["architecture"] = 5; }); },
        "bcos predict: {dir}/edited.safetensors: field 'architecture' must be an object with a 'family'"));
    rows.push_back(editedModel(
        "model.integer-field-beyond-64-bits", "the description's max_out is 1e104 (a JSON number no integer holds)",
        [](auto &c) { setDescription(c, [](auto &j) { j["bcos"]["max_out"] = 1e104; }); },
        "bcos predict: {dir}/edited.safetensors: bcos: field 'max_out' has the wrong type (1e+104)"));
    rows.push_back(editedModel(
        "model.b-below-one", "the description's alignment exponent B is 0.5",
        [](auto &c) { setDescription(c, [](auto &j) { j["bcos"]["b"] = 0.5; }); },
        "bcos predict: {dir}/edited.safetensors: bcos: B = 0.5: the alignment exponent must be a finite number of "
        "at least 1 (1: a linear network)"));
    rows.push_back(editedModel(
        "model.input-size-zero", "the description's input_size is 0",
        [](auto &c) { setDescription(c, [](auto &j) { j["preprocessing"]["input_size"] = 0; }); },
        "bcos predict: {dir}/edited.safetensors: preprocessing: field 'input_size' must be a positive number of pixels, "
        "got 0"));
    rows.push_back(editedModel(
        "model.resize-below-input", "the description resizes the shorter side to 4 pixels before a crop of 8",
        [](auto &c) { setDescription(c, [](auto &j) { j["preprocessing"]["resize_size"] = 4; }); },
        "bcos predict: {dir}/edited.safetensors: preprocessing: field 'resize_size' must be 0 (the shorter side to "
        "input_size) or at least input_size (8), got 4"));
    rows.push_back(editedModel(
        "model.missing-weight", "one weight tensor removed",
        [](auto &c) {
            core::TensorMap kept;
            for (const auto &item : c.tensors)
                if (item.key() != kFirstWeight)
                    kept.insert(item.key(), item.value());
            c.tensors = kept;
        },
        "bcos predict: weights from {dir}/edited.safetensors do not fit the model: 1 missing key "
        "(model.features.0.linear.weight)"));
    rows.push_back(editedModel(
        "model.class-count-mismatch", "the description says 5 classes, the weights have 10",
        [](auto &c) { setDescription(c, [](auto &j) { j["architecture"]["num_classes"] = 5; }); },
        "bcos predict: weights from {dir}/edited.safetensors do not fit the model: 1 shape mismatch "
        "(model.classifier.linear.weight: file [10, 8, 1, 1], model [5, 8, 1, 1])"));
    rows.push_back(editedModel(
        "model.nan-weights", "one NaN and one Inf in the first convolution",
        [](auto &c) {
            c.tensors[kFirstWeight].view(-1)[0] = std::nan("");
            c.tensors[kFirstWeight].view(-1)[1] = INFINITY;
        },
        "bcos predict: weights from {dir}/edited.safetensors: tensor 'model.features.0.linear.weight' holds "
        "2 NaN/Inf values of 216 (corrupt or diverged weights)"));
    rows.push_back(editedModel(
        "model.integer-weights", "the first convolution stored as I64 (wrong dtype)",
        [](auto &c) { c.tensors[kFirstWeight] = c.tensors[kFirstWeight].to(torch::kLong); },
        "bcos predict: weights from {dir}/edited.safetensors: tensor 'model.features.0.linear.weight' has "
        "dtype Long, but the model expects floating-point weights"));
    rows.push_back(editedModel(
        "model.half-weights", "weights stored as F16 (unusual, valid: converted to float32)",
        [](auto &c) {
            for (auto &item : c.tensors)
                if (item.value().is_floating_point())
                    item.value() = item.value().to(torch::kHalf);
        },
        "{dir}/images.safetensors[0]: class 6 10.0 % (logit -6.9067)", 0));

    BadInputCase nanState{
        "weights.nan-state-dict",
        "standard weights (--weights)",
        "a torchvision-style DenseNet state dict with one Inf (bcos convert)",
        {},
        {},
        1,
        "bcos convert: weights from {dir}/densenet.safetensors: tensor 'features.conv0.weight' holds 1 "
        "NaN/Inf value of 1176 (corrupt or diverged weights)"};
    nanState.cli = [](const std::filesystem::path &dir) {
        const nlohmann::json arch = {{"family", "densenet"},   {"growth_rate", 4}, {"block_config", {1}},
                                     {"num_init_features", 8}, {"bn_size", 2},     {"num_classes", 3}};
        writeFile(dir / "densenet.json", arch.dump());
        core::ModelDescription description;
        description.architecture = arch;
        torch::manual_seed(1);
        core::Network network = core::buildNetwork(description);
        core::TensorMap weights;
        for (const auto &item : core::stateDict(network->model()))
            weights.insert(item.key(), item.value().detach().clone());
        weights["features.conv0.weight"].view(-1)[3] = INFINITY;
        core::writeSafetensors(dir / "densenet.safetensors", weights);
        return "convert --arch " + (dir / "densenet.json").string() + " --weights "
            + (dir / "densenet.safetensors").string() + " --out " + (dir / "bcos.safetensors").string();
    };
    rows.push_back(nanState);

    rows.push_back(
        archRow("arch.not-json", "a truncated JSON object", R"({"family": "densenet", )",
                "bcos train: {dir}/arch.json: not valid JSON ([json.exception.parse_error.101] parse error at line "
                "1, column 24: syntax error while parsing object key - unexpected end of input; expected string "
                "literal)"));
    rows.push_back(archRow("arch.not-object", "a JSON array", "[1, 2]",
                           "bcos train: {dir}/arch.json: the architecture must be a JSON object"));
    rows.push_back(archRow(
        "arch.unknown-family", "family 'nosuch'", R"({"family": "nosuch"})",
        "bcos train: {dir}/arch.json: unknown model family 'nosuch' (known: resnet, densenet, vit, simplecnn, "
        "bcosv2_resnet, bcosv2_densenet, bcosv2_vgg, bcosv2_convnext, bcosv2_vit)"));
    rows.push_back(archRow(
        "arch.negative-field", "growth_rate -3",
        R"({"family": "densenet", "growth_rate": -3, "block_config": [2], "num_init_features": 16, "bn_size": 2})",
        "bcos train: {dir}/arch.json: field 'growth_rate' must be a positive integer, got -3"));
    rows.push_back(archRow(
        "arch.huge-network", "num_init_features 10^12 (hostile: the first convolution alone needs 1 PiB)",
        R"({"family": "densenet", "growth_rate": 32, "block_config": [6], "num_init_features": 1000000000000, "bn_size": 4})",
        "bcos train: building the densenet network: out of memory: could not allocate 1.0 PiB"));
    BadInputCase missing{
        "arch.missing-file",
        "architecture JSON",
        "--arch names no preset and no file",
        {},
        {},
        1,
        "bcos train: unknown architecture '{dir}/absent.json': neither a preset (resnet18, resnet34, "
        "resnet50, resnet101, resnet152, resnext50_32x4d, resnext101_32x8d, wide_resnet50_2, "
        "wide_resnet101_2, densenet121, densenet161, densenet169, densenet201, simple_vit_b_patch16_224, "
        "simple_vit_l_patch16_224, simple_vit_s_patch16_224, simple_vit_ti_patch16_224, vitc_b_patch1_14, "
        "vitc_l_patch1_14, vitc_s_patch1_14, vitc_ti_patch1_14) nor a JSON file"};
    missing.cli = [](const std::filesystem::path &dir) {
        writeIdxDirectory(dir / "idx", 8);
        return "train --mode scratch --arch " + (dir / "absent.json").string() + " --data idx:" + (dir / "idx").string()
            + " --epochs 1 --out " + (dir / "run").string();
    };
    rows.push_back(missing);
    return rows;
}

} // namespace bcos::test
