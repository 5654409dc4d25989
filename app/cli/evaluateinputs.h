#pragma once

#include "core/data/augment.h"
#include "core/data/dataset.h"
#include "core/io/safetensors.h"
#include "core/models/modeldescription.h"
#include "core/models/network.h"

#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace bcos::cli {

class Args;

/// The images a model-based `bcos evaluate` scores, read when they are needed rather than held (a test split of
/// 50,000 ImageNet images is 30 GB as one tensor): chunk after chunk in order, each image decoded and prepared by
/// --workers loader threads ahead of the network, or a selection (the grids of the pointing games). Each image is
/// prepared on its own, so a folder of images of many sizes is fine.
class EvaluationImages {
public:
    /// `transform`: how each image of `data` is prepared (evalAugmentOptions(), or size 0: as it is).
    EvaluationImages(std::shared_ptr<const core::Dataset> data, core::AugmentOptions transform, int workers);
    int64_t size() const { return m_data->size(); }
    /// False for a folder without class folders: every label is -1.
    bool hasLabels() const { return m_data->hasLabels(); }
    /// [N] int64 on the CPU, without decoding any image.
    at::Tensor labels() const;

    /// read(begin, end) -> images [end - begin, 3, S, S] float32 and labels [end - begin] int64 on the reader's
    /// device, for consecutive chunks [0, b), [b, 2b), ... of the reader's batch size b (the last one shorter),
    /// in order, each once; the workers prepare the next chunks meanwhile. Throws Error{Internal} out of order.
    using ChunkReader = std::function<std::pair<at::Tensor, at::Tensor>(int64_t begin, int64_t end)>;
    ChunkReader reader(int64_t batchSize, c10::Device device) const;
    /// Calls each(begin, images, labels) for every chunk of reader(batchSize, device), in order.
    using ChunkVisitor = std::function<void(int64_t begin, const at::Tensor &images, const at::Tensor &labels)>;
    void forEachChunk(int64_t batchSize, c10::Device device, const ChunkVisitor &each) const;
    /// The images of `indices`, each prepared and then passed through `fit` when given: [k, 3, s, s] on the CPU.
    at::Tensor gather(const std::vector<int64_t> &indices,
                      const std::function<at::Tensor(const at::Tensor &)> &fit = {}) const;

private:
    std::shared_ptr<const core::Dataset> m_data;
    core::AugmentOptions m_transform;
    int m_workers = 2;
};

/// What the model-based `bcos evaluate` subcommands run on.
struct ModelInputs {
    core::Network network{nullptr};
    std::shared_ptr<const EvaluationImages> images; ///< prepared for the model (see loadModelInputs)
    c10::Device device{c10::kCPU};
};

/// --model (a classifier's model file, in eval mode on --device) and its images: --data idx:DIR|cifar:DIR|FOLDER
/// (the test split, its first --limit N images, each prepared as training evaluated it) or --images
/// I.safetensors ('images' [N, 3, H, W] in [0, 1], 'labels' [N], used as they are), read by --workers threads
/// (default 2). Throws UsageError for neither or both, Error{Mismatch} for labels beyond the model's classes.
ModelInputs loadModelInputs(const Args &args);

/// Throws Error{InvalidArgument} naming --data and `what` when `images` have no labels (a folder of loose images):
/// accuracy, the grid selections and --target label need them.
void requireLabels(const Args &args, const EvaluationImages &images, const std::string &what);

/// The test split of `spec` (idx:DIR, cifar:DIR, or a folder of class folders: its val/ beside train/, else all
/// its images), its first `limit` images (0: all), as a dataset (images decoded when read, at their own size).
/// Throws Error{InvalidArgument} for an empty split, UsageError for limit < 0.
std::shared_ptr<const core::Dataset> testSplit(const std::string &spec, int64_t limit);

/// `data` (the images of --data `spec`) with labels that mean the classes `classNames` (in that order; none: named
/// by their index, "0", "1", ...) of `classCount`, as core::classOrder reads them: by name where every class of
/// `data` has one of those names (a folder of some of a model's classes, in any order), else as they are where the
/// class counts agree (CIFAR, a folder of all the classes in sorted order). Labels of a dataset without class names
/// (IDX) are class indices: below `classCount`. Unlabelled images pass. Throws Error{Mismatch} naming --data, both
/// class lists and `whose` ("the model") otherwise: a folder of 3 of 1000 classes scored its labels 0..2 as tench,
/// goldfish and great white shark.
std::shared_ptr<const core::Dataset> matchClasses(std::shared_ptr<const core::Dataset> data, const std::string &spec,
                                                  const std::vector<std::string> &classNames, int64_t classCount,
                                                  const std::string &whose);

/// A required tensor of a safetensors file, with the file, the name and the expected layout in the error.
at::Tensor requireTensor(const core::SafetensorsContents &contents, const std::string &path, const std::string &name,
                         const std::string &expected);

/// The trainer's evaluation transform for a model (core/data/augment.h): the shorter side resized to
/// preprocessing.resizeSize (0: to inputSize), then the centre inputSize x inputSize crop.
core::AugmentOptions evalAugmentOptions(const core::Preprocessing &preprocessing);
/// Images [N, 3, h, w] through evalAugmentOptions(): [N, 3, inputSize, inputSize], as training evaluated them, so
/// accuracies match training's.
at::Tensor evalTransform(const at::Tensor &images, const core::Preprocessing &preprocessing);

/// --batch-size (default 64); UsageError unless positive.
int64_t batchOption(const Args &args);

} // namespace bcos::cli
