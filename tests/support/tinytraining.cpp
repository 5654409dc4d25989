#include "tinytraining.h"

#include "core/models/simplecnn.h"
#include "tests/support/tensordataset.h"

#include <torch/torch.h>

namespace bcos::test {

core::Network tinyTrainingNetwork(bool bcos, uint64_t seed)
{
    torch::manual_seed(seed);
    core::SimpleCnnOptions options;
    options.numClasses = 4;
    options.widths = {8, 8};
    options.bcos = bcos;
    return core::buildSimpleCnn(options);
}

core::Network graphTestNetwork()
{
    return tinyTrainingNetwork(true, 21);
}

std::shared_ptr<core::Dataset> graphTestData()
{
    return colourDataset(88, 9);
}

core::TrainOptions tinyTrainingOptions(const std::filesystem::path &run)
{
    core::TrainOptions options;
    options.mode = core::TrainMode::Scratch;
    options.epochs = 2;
    options.batchSize = 16;
    options.learningRate = 1e-2;
    options.seed = 7;
    options.runDirectory = run;
    options.logEvery = 2;
    options.loaderWorkers = 2;
    return options;
}

core::TrainOptions graphTestOptions(const std::filesystem::path &run, const std::string &device)
{
    auto options = tinyTrainingOptions(run);
    options.seed = 5;
    options.logEvery = 1;
    options.device = device;
    return options;
}

} // namespace bcos::test
