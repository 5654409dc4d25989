#include "core/train/clipdistill.h"

#include "core/error.h"
#include "core/models/loadweights.h"
#include "core/shape.h"

#include <torch/torch.h>

namespace bcos::core {
namespace {

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
    auto architecture = ClipResNetOptions::fromJson(arch).toJson();
    ClipDistillation d;
    BcosSettings standard;
    standard.enabled = false;
    d.teacher = buildClipImageEncoder(architecture, standard);
    loadStateDict(*d.teacher, splitClipWeights(weights).image, origin);
    d.teacher->eval();
    for (auto &parameter : d.teacher->parameters())
        parameter.set_requires_grad(false);

    ModelDescription description;
    description.architecture = architecture;
    description.bcos = bcos;
    description.bcos.enabled = true;
    description.preprocessing = Preprocessing::clip();
    description.preprocessing.inputSize = d.teacher->options().inputResolution;
    description.preprocessing.resizeSize = 0;
    description.provenance["mode"] = "clip-distill";
    description.provenance["source"] = origin;
    d.student = buildClipModel(description, weights, origin);
    return d;
}

ClipDistillTask ClipDistillation::task()
{
    const int64_t resolution = student.image->options().inputResolution;
    const auto clip = Preprocessing::clip();
    const auto mean = torch::tensor(std::vector<double>(clip.mean.begin(), clip.mean.end())).view({1, 3, 1, 1});
    const auto stdev = torch::tensor(std::vector<double>(clip.std.begin(), clip.std.end())).view({1, 3, 1, 1});
    ClipDistillTask t;
    t.student = student.image.ptr();
    auto studentModule = student.image;
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
    saveClipModel(path, student);
}

} // namespace bcos::core
