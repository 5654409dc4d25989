#include "trainsetup.h"

#include "core/train/losses.h"
#include "core/train/multitensoroptim.h"

#include <torch/torch.h>

namespace bcos::core {

std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const TrainOptions &options,
                                                       const std::vector<at::Tensor> &parameters)
{
    switch (options.optimizer) {
    case OptimizerKind::Adam:
        return std::make_unique<MultiTensorAdam>(
            parameters, torch::optim::AdamOptions(options.learningRate).weight_decay(options.weightDecay));
    case OptimizerKind::AdamW:
        return std::make_unique<MultiTensorAdamW>(
            parameters, torch::optim::AdamWOptions(options.learningRate).weight_decay(options.weightDecay));
    case OptimizerKind::Sgd:
        break;
    }
    return std::make_unique<MultiTensorSgd>(parameters, torch::optim::SGDOptions(options.learningRate)
                                                               .momentum(options.momentum)
                                                               .weight_decay(options.weightDecay));
}

LoaderOptions trainLoaderOptions(const TrainOptions &options)
{
    LoaderOptions loader;
    loader.batchSize = options.batchSize;
    loader.workers = options.loaderWorkers;
    loader.prefetchBatches = options.prefetchBatches;
    loader.seed = options.seed;
    loader.augment.size = options.imageSize;
    loader.augment.train = options.augment;
    return loader;
}

at::Tensor classifierLoss(const TrainOptions &options, const at::Tensor &logits, const at::Tensor &labels)
{
    switch (effectiveLoss(options)) {
    case LossKind::CrossEntropy:
        return crossEntropy(logits, labels);
    case LossKind::Bce:
        return binaryCrossEntropy(logits, labels);
    case LossKind::Auto:
    case LossKind::UniformOffLabelsBce:
        break;
    }
    return uniformOffLabelsBceWithLogits(logits, labels, options.offLabel);
}

} // namespace bcos::core
