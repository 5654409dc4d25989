#include "core/train/clipdistill.h"

#include "core/bcosify/bcosifyclip.h"
#include "core/error.h"
#include "core/io/safetensors.h"
#include "core/models/loadweights.h"
#include "core/shape.h"

#include <torch/torch.h>

namespace bcos::core {
namespace {

/// Whether `key` belongs to CLIP's text tower (OpenAI top-level names).
bool isTextTowerKey(const std::string &key)
{
    for (const char *prefix :
         {"token_embedding.", "positional_embedding", "transformer.", "ln_final.", "text_projection", "logit_scale"})
        if (key.rfind(prefix, 0) == 0)
            return true;
    return false;
}

void checkImages(const at::Tensor &images, int64_t resolution)
{
    if (images.dim() != 4 || images.size(1) != 3 || images.size(2) != resolution || images.size(3) != resolution)
        fail(ErrorCode::InvalidArgument,
             "clip-distill: images must be [B, 3, {0}, {0}] (the encoder's input_resolution), got {1}; "
             "use --image-size {0}",
             resolution, shapeString(images.sizes()));
}

} // namespace

ClipDistillation makeClipDistillation(const nlohmann::json &arch, const TensorMap &weights, BcosSettings bcos,
                                      const std::string &origin)
{
    ClipDistillation d;
    TensorMap image;
    for (const auto &item : weights) {
        const std::string &key = item.key();
        if (key.rfind("visual.", 0) == 0)
            image.insert(key.substr(7), item.value());
        else if (isTextTowerKey(key))
            d.textTower.insert(key, item.value());
        else
            image.insert(key, item.value());
    }
    auto description = arch;
    description["family"] = "clip_resnet";
    BcosSettings standard;
    standard.enabled = false;
    d.teacher = buildClipImageEncoder(description, standard);
    loadStateDict(*d.teacher, image, origin);
    d.teacher->eval();
    for (auto &parameter : d.teacher->parameters())
        parameter.set_requires_grad(false);

    bcos.enabled = true;
    d.student = buildClipImageEncoder(description, bcos);
    loadStateDict(*d.student, bcosifyClipWeights(d.student->options(), image, bcos), origin);

    d.description.architecture = d.student->options().toJson();
    d.description.bcos = bcos;
    d.description.preprocessing = Preprocessing::clip();
    d.description.preprocessing.inputSize = d.student->options().inputResolution;
    d.description.preprocessing.resizeSize = 0;
    d.description.provenance["mode"] = "clip-distill";
    d.description.provenance["source"] = origin;
    return d;
}

ClipDistillTask ClipDistillation::task()
{
    const int64_t resolution = student->options().inputResolution;
    const auto clip = Preprocessing::clip();
    const auto mean = torch::tensor(std::vector<double>(clip.mean.begin(), clip.mean.end())).view({1, 3, 1, 1});
    const auto stdev = torch::tensor(std::vector<double>(clip.std.begin(), clip.std.end())).view({1, 3, 1, 1});
    ClipDistillTask t;
    t.student = student.ptr();
    auto studentModule = student;
    t.studentEmbed = [studentModule, resolution](const at::Tensor &images) mutable {
        checkImages(images, resolution);
        return studentModule->forward(torch::cat({images, 1 - images}, 1));
    };
    auto teacherModule = teacher;
    t.teacherEmbed = [teacherModule, resolution, mean, stdev](const at::Tensor &images) mutable {
        checkImages(images, resolution);
        teacherModule->to(images.device());
        const auto options = images.options();
        return teacherModule->forward((images - mean.to(options)) / stdev.to(options));
    };
    const ClipDistillation self = *this;
    t.saveModel = [self](const std::filesystem::path &path) { self.save(path); };
    return t;
}

void ClipDistillation::save(const std::filesystem::path &path) const
{
    TensorMap tensors;
    for (const auto &item : student->named_parameters())
        tensors.insert("model." + item.key(), item.value().detach().to(torch::kCPU).contiguous());
    for (const auto &item : student->named_buffers())
        tensors.insert("model." + item.key(), item.value().detach().to(torch::kCPU).contiguous());
    for (const auto &item : textTower)
        tensors.insert("text." + item.key(), item.value().to(torch::kCPU).contiguous());
    Metadata metadata;
    metadata.set("format", "bcos-model-v1");
    metadata.set("bcos.model", description.toJson().dump());
    writeSafetensors(path, tensors, metadata);
}

} // namespace bcos::core
