#include "tinymodel.h"

#include "core/models/family.h"
#include "core/models/modelfile.h"

#include <torch/torch.h>

namespace bcos::test {

core::Network tinyNetwork(int64_t classes, int64_t inputSize)
{
    core::ModelDescription description;
    description.architecture = {{"family", "simplecnn"}, {"num_classes", classes}, {"widths", {4, 8}}};
    description.bcos.enabled = true;
    description.preprocessing.inputSize = inputSize;
    description.preprocessing.resizeSize = inputSize;
    torch::manual_seed(7);
    return core::buildNetwork(description);
}

std::filesystem::path writeTinyModel(const std::filesystem::path &file, int64_t classes, int64_t inputSize)
{
    core::saveModel(file, *tinyNetwork(classes, inputSize));
    return file;
}

} // namespace bcos::test
