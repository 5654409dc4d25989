#include "graphtraining.h"

#include "core/models/simplecnn.h"
#include "tests/support/tensordataset.h"

#include <torch/torch.h>

namespace bcos::test {

core::Network graphTestNetwork()
{
    torch::manual_seed(21);
    core::SimpleCnnOptions options;
    options.numClasses = 4;
    options.widths = {8, 8};
    options.bcos = true;
    return core::buildSimpleCnn(options);
}

std::shared_ptr<core::Dataset> graphTestData()
{
    return colourDataset(88, 9);
}

core::TrainOptions graphTestOptions(const std::filesystem::path &run, const std::string &device)
{
    core::TrainOptions options;
    options.mode = core::TrainMode::Scratch;
    options.epochs = 2;
    options.batchSize = 16;
    options.learningRate = 1e-2;
    options.seed = 5;
    options.runDirectory = run;
    options.logEvery = 1;
    options.device = device;
    return options;
}

} // namespace bcos::test
