#include "checkpoint.h"

#include "core/error.h"
#include "core/io/atomicfile.h"
#include "core/shape.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <fstream>
#include <sstream>

namespace bcos::core {
namespace {

constexpr int64_t kFormatVersion = 1;

void checkShapes(torch::nn::Module &module, const std::vector<std::pair<std::string, std::vector<int64_t>>> &expected,
                 const std::filesystem::path &path)
{
    auto tensors = module.named_parameters();
    for (const auto &item : module.named_buffers())
        tensors.insert(item.key(), item.value());
    for (const auto &[name, shape] : expected) {
        const at::Tensor *loaded = tensors.find(name);
        if (loaded && loaded->sizes().vec() != shape)
            fail(ErrorCode::Mismatch, "{}: tensor '{}' has shape {} in the checkpoint but {} in this run's network; "
                 "resume with the options of the interrupted run", path.string(), name, shapeString(loaded->sizes()),
                 shapeString(shape));
    }
}

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
                                             static_cast<int64_t>(position.seed), position.globalBatch}));
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
    {
        char magic[4] = {};
        std::ifstream(path, std::ios::binary).read(magic, sizeof magic);
        if (std::string(magic, sizeof magic) != std::string("PK\x03\x04", 4))
            fail(ErrorCode::Format, "{}: not a checkpoint written by bcos train (expected a LibTorch archive)",
                 path.string());
    }
    // Module::load() silently adopts the stored shapes; a run resumed with other options must fail instead.
    std::vector<std::pair<std::string, std::vector<int64_t>>> shapes;
    for (const auto &item : module.named_parameters())
        shapes.emplace_back(item.key(), item.value().sizes().vec());
    for (const auto &item : module.named_buffers())
        shapes.emplace_back(item.key(), item.value().sizes().vec());
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
        checkShapes(module, shapes, path);
        torch::serialize::InputArchive optim;
        archive.read("optimizer", optim);
        try {
            optimizer.load(optim);
        } catch (const c10::Error &) {
            fail(ErrorCode::Mismatch, "{}: the optimizer state does not fit this run's optimizer; resume with the "
                 "options of the interrupted run", path.string());
        }
        torch::Tensor stored;
        archive.read("position", stored);
        if (stored.numel() != 4 && stored.numel() != 5) // 4: written before the global batch was stored
            fail(ErrorCode::Format, "{}: malformed training position", path.string());
        position = {stored[0].item<int64_t>(), stored[1].item<int64_t>(), stored[2].item<int64_t>(),
                    static_cast<uint64_t>(stored[3].item<int64_t>()), stored.numel() == 5 ? stored[4].item<int64_t>() : 0};
        torch::Tensor rng;
        archive.read("cpu_rng_state", rng);
        auto generator = at::detail::getDefaultCPUGenerator();
        std::lock_guard<std::mutex> lock(generator.mutex());
        generator.set_state(rng);
    });
    return position;
}

} // namespace bcos::core
