#include "checkpoint.h"

#include "core/error.h"
#include "core/io/atomicfile.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <fstream>
#include <sstream>

namespace bcos::core {
namespace {

constexpr int64_t kFormatVersion = 1;

} // namespace

void saveCheckpoint(const std::filesystem::path &path, torch::nn::Module &module, torch::optim::Optimizer &optimizer,
                    const TrainPosition &position)
{
    torch::serialize::OutputArchive archive;
    torch::serialize::OutputArchive model;
    module.save(model);
    archive.write("model", model);
    torch::serialize::OutputArchive optim;
    optimizer.save(optim);
    archive.write("optimizer", optim);
    archive.write("format_version", torch::tensor(kFormatVersion));
    archive.write("position", torch::tensor({position.epoch, position.batch, position.globalStep,
                                             static_cast<int64_t>(position.seed)}));
    {
        auto generator = at::detail::getDefaultCPUGenerator();
        std::lock_guard<std::mutex> lock(generator.mutex());
        archive.write("cpu_rng_state", generator.get_state());
    }
    std::ostringstream bytes;
    archive.save_to(bytes);
    writeFileAtomically(path, [&](std::ostream &out) { out << bytes.str(); });
}

TrainPosition loadCheckpoint(const std::filesystem::path &path, torch::nn::Module &module,
                             torch::optim::Optimizer &optimizer)
{
    if (!std::filesystem::is_regular_file(path))
        fail(ErrorCode::Io, "no checkpoint to resume from: {} does not exist", path.string());
    TrainPosition position;
    translateTorchErrors("checkpoint " + path.string(), [&] {
        torch::serialize::InputArchive archive;
        archive.load_from(path.string());
        torch::Tensor version;
        archive.read("format_version", version);
        if (version.item<int64_t>() != kFormatVersion)
            fail(ErrorCode::Format, "{}: checkpoint format {} is not supported (expected {})", path.string(),
                 version.item<int64_t>(), kFormatVersion);
        torch::serialize::InputArchive model;
        archive.read("model", model);
        module.load(model);
        torch::serialize::InputArchive optim;
        archive.read("optimizer", optim);
        optimizer.load(optim);
        torch::Tensor stored;
        archive.read("position", stored);
        if (stored.numel() != 4)
            fail(ErrorCode::Format, "{}: malformed training position", path.string());
        position = {stored[0].item<int64_t>(), stored[1].item<int64_t>(), stored[2].item<int64_t>(),
                    static_cast<uint64_t>(stored[3].item<int64_t>())};
        torch::Tensor rng;
        archive.read("cpu_rng_state", rng);
        auto generator = at::detail::getDefaultCPUGenerator();
        std::lock_guard<std::mutex> lock(generator.mutex());
        generator.set_state(rng);
    });
    return position;
}

} // namespace bcos::core
