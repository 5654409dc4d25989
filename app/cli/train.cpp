// bcos train: the training engine from the command line, with a progress line, metrics files and
// checkpoint-on-Ctrl-C.
#include "commands.h"

#include "app/cli/args.h"
#include "app/cli/trainconsole.h"
#include "app/cli/trainlauncher.h"
#include "app/cli/trainnetwork.h"
#include "core/error.h"
#include "core/io/weightsfile.h"
#include "core/train/clipdistill.h"
#include "core/train/distributedconfig.h"
#include "core/train/distributedgroup.h"
#include "core/train/trainer.h"
#include "core/workflows/datasetspec.h"

#include <fmt/format.h>
#include <torch/torch.h>

#include <fstream>
#include <thread>

namespace bcos::cli {
namespace {

namespace fs = std::filesystem;
using core::ErrorCode;

constexpr const char *kUsage = R"(usage: bcos train --mode pretrain|bcosify|scratch|clip-distill|distill --arch ARCH
                  --data DIR|idx:DIR|cifar:DIR --epochs N --out RUN_DIR [options]

  --arch ARCH          a preset (resnet50, densenet121, ...), an architecture JSON file ({"family": ...}),
                       or simplecnn[:W1,W2,...] (conv stage widths); num_classes comes from the data
  --weights FILE       pretrain: start from these standard weights; bcosify (required): the standard network
                       to B-cosify, a model file written by bcos (then --arch may be left out) or a
                       state dict (.safetensors, .pth, .ckpt) of --arch
  --b B                B-cos alignment exponent (2)  --logit-bias X   (-log(999))
  --keep-biases        keep (folded) biases          --mean-free      mean-free input normalisation
  --resume             continue RUN_DIR/checkpoint.pt (same options as the interrupted run)
  --lr X               learning rate (1e-4)          --batch-size N   (64)
  --optimizer NAME     adam | adamw | sgd (adam)     --weight-decay X (0)
  --warmup-epochs N    linear warmup (0)             --no-cosine      constant learning rate
  --no-agc             disable adaptive gradient clipping (on: 0.01, eps 1e-3)
  --loss NAME          auto | uniform-bce | bce | ce (auto: ce for pretrain, uniform-bce otherwise)
  --off-label X        off-label value of uniform-bce (1/K)
  --seed N             (0)                           --device auto|cpu|cuda[:i] (auto)
  --bf16               CUDA bfloat16 autocast        --channels-last  NHWC on CUDA
  --cuda-graphs        replay each step as one CUDA graph after 3 warm-up steps (CUDA, one process)
  --threads N          LibTorch intra-op threads     --workers N      data loading threads (2)
  --image-size N       crop side (0: native size)    --no-augment     no random crop/flip
  --val-fraction F     image folders without train/ and val/: fraction held out (0.1)
  --train-limit N      use only the first N training images; --val-limit N likewise
  --train-offset N     skip the first N training images (then --train-limit counts from there)
  --log-every N        progress every N steps (10)
  --class-names FILE   one class name per line, stored in the model (default: the dataset's names)

Data-parallel training (docs/distributed.md): every rank trains on its shard of each epoch at --batch-size,
gradients are averaged; rank 0 writes RUN_DIR. Under torchrun or SLURM (RANK, WORLD_SIZE, MASTER_ADDR, ...)
this command joins their process group by itself.
  --nproc-per-node N   start N local ranks (one GPU each when there are GPUs, else Gloo on the CPU)
  --master-port P      rendezvous port of --nproc-per-node on 127.0.0.1 (0: a free one; default 0)
  --sync-bn            synchronise BatchNorm statistics across ranks (SyncBatchNorm; default: per rank)
  --dist-timeout S     a rank that died or hangs ends the run after S seconds (300)
  --backend B          auto, gloo or nccl: the process group (auto: NCCL for GPU ranks when built, else Gloo)

The run's final network is RUN_DIR/model.safetensors, a model file for bcos explain/predict/evaluate.
clip-distill: --weights is an OpenAI CLIP ResNet (.pt TorchScript or a state dict, image-encoder keys bare or
under "visual.") and --arch the encoder: RN50 or a JSON file {"family": "clip_resnet", "layers": [...],
"output_dim": D, "heads": H, "input_resolution": R, "width": W}. The B-cosified, attention-unpooled copy is
trained towards the frozen original with the SigLIP loss (scale 10, bias -10, cosine power 3 on the tokens);
labels are not used (--class-names are stored, for prompts), images are resized to R (--image-size defaults to
R). RUN_DIR/model.safetensors is a CLIP model file for bcos localize and bcos evaluate clip-mosaic (the text
tower is copied along when --weights has one).
distill (B-cosification without labels): --weights is the pretrained standard network (a model file written by
bcos, or a state dict of --arch), the frozen teacher; its B-cosified copy, the student, learns to reproduce the
teacher's outputs on the images of --data, which need no labels (an image folder without class folders is a set
of unlabelled images). Labels, when the data has them and they are the teacher's classes, only report accuracy;
validation also reports how often the student's top-1 class is the teacher's.
  --distill-loss NAME  bce: BCE of the student's logits against softmax(teacher/T), the B-cos recipe's loss,
                       which calibrates the student's sigmoid confidence (default); kl: T^2 KL(softmax(teacher/T)
                       || softmax(student/T)), which leaves the logits' level free
  --temperature T      softening temperature (1)     --logit-weight W  weight of that term (1)
  --feature-weight W   + W x (1 - cosine) of the student's and the teacher's last feature maps, per location (0)
  --num-classes K      the teacher's classes when its weights have no recognisable classifier head
Ctrl-C or SIGTERM saves a checkpoint and exits with status 130; --resume continues from it.
)";

core::TrainData openData(const std::string &text, const Args &args, uint64_t seed)
{
    core::DatasetSpec spec = core::parseDatasetSpec(text);
    spec.valFraction = args.number("val-fraction", spec.valFraction);
    if (!(spec.valFraction >= 0.0 && spec.valFraction < 1.0))
        throw UsageError{fmt::format("--val-fraction must be at least 0 and below 1, got {}", spec.valFraction)};
    spec.seed = seed;
    spec.trainOffset = args.integerAtLeast("train-offset", 0, 0);
    spec.trainLimit = args.integerAtLeast("train-limit", 0, 0);
    spec.valLimit = args.integerAtLeast("val-limit", 0, 0);
    return core::openDataset(spec);
}

core::LossKind parseLoss(const std::string &name)
{
    if (const auto loss = core::enumFromName(core::kLossKindNames, name))
        return *loss;
    throw UsageError{"--loss " + name + ": expected " + core::namesWithOr(core::kLossKindNames)};
}

core::TrainOptions trainOptionsFrom(const Args &args)
{
    core::TrainOptions options;
    options.mode = core::parseTrainMode(args.required("mode"));
    args.required("epochs");
    options.epochs = args.integerAtLeast("epochs", 0, 1);
    options.runDirectory = args.required("out");
    options.resume = args.has("resume");
    options.learningRate = args.number("lr", options.learningRate);
    if (!(options.learningRate > 0.0))
        throw UsageError{fmt::format("--lr must be a positive number, got {}", options.learningRate)};
    options.batchSize = args.integerAtLeast("batch-size", options.batchSize, 1);
    options.optimizer = core::parseOptimizer(args.valueOr("optimizer", "adam"));
    options.weightDecay = args.numberAtLeast("weight-decay", options.weightDecay, 0.0);
    options.warmupEpochs = args.integerAtLeast("warmup-epochs", options.warmupEpochs, 0);
    options.cosineSchedule = !args.has("no-cosine");
    options.agc = !args.has("no-agc");
    options.loss = parseLoss(args.valueOr("loss", "auto"));
    if (args.has("off-label"))
        options.offLabel = args.number("off-label", 0.0);
    if (!(options.offLabel.value_or(0.0) >= 0.0 && options.offLabel.value_or(0.0) < 1.0))
        throw UsageError{fmt::format("--off-label must be at least 0 and below 1 (the other classes' target), got {}",
                                     *options.offLabel)};
    options.seed = seedOption(args, 0);
    options.device = args.device("auto");
    options.bf16 = args.has("bf16");
    options.channelsLast = args.has("channels-last");
    options.cudaGraphs = args.has("cuda-graphs");
    options.threads = static_cast<int>(args.integerIn("threads", 0, 0, 4096));
    options.loaderWorkers = workersOption(args, options.loaderWorkers);
    options.imageSize = args.integerAtLeast("image-size", 0, 0);
    options.augment = !args.has("no-augment");
    options.syncBatchNorm = args.has("sync-bn");
    options.logEvery = args.integerAtLeast("log-every", options.logEvery, 1);
    const std::string distillLoss = args.valueOr("distill-loss", "bce");
    if (const auto loss = core::enumFromName(core::kDistillLossNames, distillLoss))
        options.distillLoss = *loss;
    else
        throw UsageError{"--distill-loss " + distillLoss + ": expected " + core::namesWithOr(core::kDistillLossNames)};
    options.distillTemperature = args.number("temperature", options.distillTemperature);
    if (!(options.distillTemperature > 0.0))
        throw UsageError{"--temperature must be a positive number"};
    options.logitWeight = args.number("logit-weight", options.logitWeight);
    options.featureWeight = args.number("feature-weight", options.featureWeight);
    if (options.logitWeight < 0.0 || options.featureWeight < 0.0 || options.logitWeight + options.featureWeight <= 0.0)
        throw UsageError{"--logit-weight and --feature-weight must be non-negative and not both 0"};
    return options;
}

/// --arch for clip-distill: a CLIP preset name (RN50) or a JSON file with the encoder's fields.
nlohmann::json clipArchitecture(const std::string &text)
{
    if (text.empty())
        throw UsageError{"--mode clip-distill needs --arch (RN50 or a clip_resnet JSON file)"};
    if (!fs::exists(text))
        return core::ClipResNetOptions::preset(text).toJson();
    std::ifstream in(text);
    nlohmann::json arch;
    try {
        in >> arch;
    } catch (const nlohmann::json::exception &error) {
        core::fail(ErrorCode::Format, "{}: not valid JSON ({})", text, error.what());
    }
    return core::ClipResNetOptions::fromJson(arch).toJson();
}

/// What every mode prints at the end; the exit status.
int finishRun(const core::TrainReport &report, const core::TrainOptions &options, bool leader)
{
    switch (report.outcome) {
    case core::TrainOutcome::Completed:
        if (leader)
            fmt::print("done: {} (metrics in {})\n", report.finalModel.string(), options.runDirectory.string());
        return 0;
    case core::TrainOutcome::Cancelled:
        if (leader)
            fmt::print("checkpoint {}; continue with --resume\n", report.checkpoint.string());
        return 130;
    case core::TrainOutcome::Diverged:
        break;
    }
    if (leader)
        fmt::print(stderr, "bcos train: {}\n", report.message);
    return 1;
}

std::chrono::seconds distributedTimeout(const Args &args)
{
    const int64_t seconds = args.integer("dist-timeout", 300);
    if (seconds <= 0)
        throw UsageError{"--dist-timeout must be a positive number of seconds"};
    return std::chrono::seconds(seconds);
}

core::DistributedBackend distributedBackend(const Args &args)
{
    const std::string name = args.valueOr("backend", "auto");
    if (const auto backend = core::enumFromName(core::kDistributedBackendNames, name))
        return *backend;
    throw UsageError{"--backend " + name + ": expected " + core::namesWithOr(core::kDistributedBackendNames)};
}

/// The process group when torchrun, SLURM or `--nproc-per-node` started this process as one rank (null
/// otherwise); the rank's device follows its local rank.
std::shared_ptr<core::DistributedGroup> joinGroup(const Args &args, core::TrainOptions &options)
{
    auto config = core::distributedConfigFromEnvironment(core::processEnvironment());
    if (!config)
        return nullptr;
    config->timeout = distributedTimeout(args);
    options.device = core::rankDevice(options.device, config->localRank, static_cast<int>(torch::cuda::device_count()));
    config->device = options.device;
    config->backend = core::resolveBackend(distributedBackend(args), options.device, core::builtBackends());
    return core::DistributedGroup::join(*config);
}

/// --nproc-per-node N: the arguments of the N workers (the launcher's own options removed, --threads split).
std::vector<std::string> workerArguments(const std::vector<std::string> &arguments, int processes)
{
    std::vector<std::string> worker;
    bool threads = false;
    const auto startsWith = [](const std::string &text, const char *prefix) { return text.rfind(prefix, 0) == 0; };
    for (size_t i = 0; i < arguments.size(); ++i) {
        if (arguments[i] == "--nproc-per-node" || arguments[i] == "--master-port") {
            ++i;
            continue;
        }
        if (startsWith(arguments[i], "--nproc-per-node=") || startsWith(arguments[i], "--master-port="))
            continue;
        threads = threads || arguments[i] == "--threads" || startsWith(arguments[i], "--threads=");
        worker.push_back(arguments[i]);
    }
    if (!threads) { // N ranks share the cores, as torchrun's OMP_NUM_THREADS does
        const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
        worker.insert(worker.end(), {"--threads", std::to_string(std::max(1u, cores / static_cast<unsigned>(processes)))});
    }
    return worker;
}

int launch(const Args &args, const std::vector<std::string> &arguments)
{
    LaunchOptions launch;
    const int64_t processes = args.integer("nproc-per-node", 1);
    if (processes < 1 || processes > 1024)
        throw UsageError{"--nproc-per-node expects the number of local ranks (1 or more)"};
    const int64_t port = args.integer("master-port", 0);
    if (port < 0 || port > 65535)
        throw UsageError{"--master-port expects a TCP port number (0-65535; 0 picks a free one)"};
    if (core::distributedConfigFromEnvironment(core::processEnvironment()))
        throw UsageError{"--nproc-per-node starts its own ranks; leave it out under torchrun or SLURM (RANK/WORLD_SIZE "
                         "or SLURM_NTASKS are set)"};
    launch.processes = static_cast<int>(processes);
    launch.masterPort = static_cast<int>(port);
    launch.timeout = distributedTimeout(args);
    return launchLocalWorkers(workerArguments(arguments, launch.processes), launch);
}

int runClipDistill(const Args &args, core::TrainOptions options, std::shared_ptr<core::DistributedGroup> group)
{
    const auto arch = clipArchitecture(args.valueOr("arch", ""));
    const int64_t resolution = arch.at("input_resolution").get<int64_t>();
    if (options.imageSize != 0 && options.imageSize != resolution)
        throw UsageError{fmt::format("--image-size {} differs from the CLIP encoder's input_resolution {}",
                                     options.imageSize, resolution)};
    options.imageSize = resolution;
    options.sigLipCosScaling = 3;
    const std::string weightsPath = args.required("weights");
    core::BcosSettings bcos;
    bcos.b = args.numberAtLeast("b", bcos.b, 1.0);
    bcos.meanFree = args.has("mean-free");
    auto distillation = core::makeClipDistillation(arch, core::loadWeightsFile(weightsPath).tensors, bcos, weightsPath);
    if (args.has("class-names")) // labels are not trained on, but the names serve prompts (bcos evaluate clip-mosaic)
        distillation.student.description.classNames = readClassNames(args.required("class-names"));
    const auto data = openData(args.required("data"), args, options.seed);

    const bool leader = !group || group->rank() == 0;
    core::TrainReport report;
    {
        TrainConsole console(!leader);
        auto hooks = console.hooks();
        hooks.group = std::move(group);
        core::Trainer trainer(options, data, distillation.task(), hooks);
        report = trainer.run();
    }
    return finishRun(report, options, leader);
}

int runDistill(const Args &args, core::TrainOptions options, std::shared_ptr<core::DistributedGroup> group)
{
    const auto data = openData(args.required("data"), args, options.seed);
    auto arch = parseArch(args.valueOr("arch", ""));
    arch.bcos.b = args.numberAtLeast("b", arch.bcos.b, 1.0);
    arch.bcos.logitBias = args.number("logit-bias", arch.bcos.logitBias);
    arch.bcos.keepBiases = args.has("keep-biases");
    arch.bcos.meanFree = args.has("mean-free");
    std::optional<int64_t> numClasses;
    if (args.has("num-classes")) {
        numClasses = args.integerAtLeast("num-classes", 0, 1);
    }
    torch::manual_seed(options.seed);
    core::DistillTask task = buildDistillationFor(arch, args.valueOr("weights", ""), *data.train, numClasses);
    recordDataDescription(task.student->description(), *data.train, options.imageSize, args.value("class-names"));
    auto &provenance = task.student->description().provenance;
    provenance["distill_loss"] = std::string(core::enumName(core::kDistillLossNames, options.distillLoss));
    provenance["temperature"] = options.distillTemperature;
    provenance["logit_weight"] = options.logitWeight;
    provenance["feature_weight"] = options.featureWeight;

    const bool leader = !group || group->rank() == 0;
    core::TrainReport report;
    {
        TrainConsole console(!leader);
        auto hooks = console.hooks();
        hooks.group = std::move(group);
        core::Trainer trainer(options, data, std::move(task), hooks);
        report = trainer.run();
    }
    return finishRun(report, options, leader);
}

} // namespace

int runTrain(const std::vector<std::string> &arguments)
{
    if (std::find(arguments.begin(), arguments.end(), "--help") != arguments.end()) {
        fmt::print("{}", kUsage);
        return 0;
    }
    const Args args(arguments,
                    {"mode", "arch", "weights", "data", "epochs", "out", "lr", "batch-size", "optimizer",
                     "weight-decay", "warmup-epochs", "loss", "off-label", "b", "logit-bias", "seed", "device", "threads", "workers",
                     "image-size", "val-fraction", "train-offset", "train-limit", "val-limit", "log-every", "class-names",
                     "nproc-per-node", "master-port", "dist-timeout", "backend", "distill-loss", "temperature", "logit-weight",
                     "feature-weight", "num-classes"},
                    {"resume", "no-cosine", "no-agc", "bf16", "channels-last", "cuda-graphs", "no-augment", "keep-biases",
                     "mean-free", "sync-bn"});
    args.rejectPositionals();
    auto options = trainOptionsFrom(args);
    if (args.has("nproc-per-node")) {
        // A misspelt or impossible --backend is the launcher's error (rank 0's device), not N workers' failures.
        core::resolveBackend(distributedBackend(args),
                             core::rankDevice(options.device, 0, static_cast<int>(torch::cuda::device_count())),
                             core::builtBackends());
        return launch(args, arguments);
    }
    auto group = joinGroup(args, options);
    if (options.mode == core::TrainMode::ClipDistill)
        return runClipDistill(args, options, std::move(group));
    if (options.mode == core::TrainMode::Distill)
        return runDistill(args, options, std::move(group));
    const auto data = openData(args.required("data"), args, options.seed);
    core::checkTrainingLabels(options.mode, *data.train);

    auto arch = parseArch(args.valueOr("arch", ""));
    arch.numClasses = data.train->numClasses();
    arch.bcos.b = args.numberAtLeast("b", arch.bcos.b, 1.0);
    arch.bcos.logitBias = args.number("logit-bias", arch.bcos.logitBias);
    arch.bcos.keepBiases = args.has("keep-biases");
    arch.bcos.meanFree = args.has("mean-free");
    torch::manual_seed(options.seed);
    auto network = buildNetworkFor(options.mode, arch, args.valueOr("weights", ""));
    recordDataDescription(network->description(), *data.train, options.imageSize, args.value("class-names"));

    const bool leader = !group || group->rank() == 0;
    core::TrainReport report;
    {
        TrainConsole console(!leader);
        auto hooks = console.hooks();
        hooks.group = std::move(group);
        core::Trainer trainer(options, data, network, hooks);
        report = trainer.run();
    }
    return finishRun(report, options, leader);
}

} // namespace bcos::cli
