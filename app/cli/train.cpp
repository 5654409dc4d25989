// bcos train: the training engine from the command line, with a progress line, metrics files and
// checkpoint-on-Ctrl-C.
#include "commands.h"

#include "app/cli/args.h"
#include "core/data/augment.h"
#include "core/data/cifardataset.h"
#include "core/data/idxdataset.h"
#include "core/error.h"
#include "core/bcosify/bcosify.h"
#include "core/io/weightsfile.h"
#include "core/models/family.h"
#include "core/models/loadweights.h"
#include "core/models/modelfile.h"
#include "core/train/clipdistill.h"
#include "core/train/simplecnn.h"
#include "core/train/trainer.h"

#ifdef BCOS_HAVE_OPENCV
#include "core/imaging/imagefolder.h"
#endif

#include <fmt/format.h>

#include <fstream>
#include <torch/torch.h>

#include <cmath>
#include <csignal>
#include <cstdio>
#include <sstream>
#include <unistd.h>

namespace bcos::cli {
namespace {

namespace fs = std::filesystem;
using core::ErrorCode;

constexpr const char *kUsage = R"(usage: bcos train --mode pretrain|bcosify|scratch|clip-distill --arch ARCH
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
  --threads N          LibTorch intra-op threads     --workers N      data loading threads (2)
  --image-size N       crop side (0: native size)    --no-augment     no random crop/flip
  --val-fraction F     image folders without train/ and val/: fraction held out (0.1)
  --train-limit N      use only the first N training images; --val-limit N likewise
  --log-every N        progress every N steps (10)
  --class-names FILE   one class name per line, stored in the model (default: the dataset's names)

The run's final network is RUN_DIR/model.safetensors, a model file for bcos explain/predict/evaluate.
clip-distill: --weights is an OpenAI CLIP ResNet (.pt TorchScript or a state dict, image-encoder keys bare or
under "visual.") and --arch the encoder: RN50 or a JSON file {"family": "clip_resnet", "layers": [...],
"output_dim": D, "heads": H, "input_resolution": R, "width": W}. The B-cosified, attention-unpooled copy is
trained towards the frozen original with the SigLIP loss (scale 10, bias -10, cosine power 3 on the tokens);
labels are not used, images are resized to R (--image-size defaults to R). RUN_DIR/model.safetensors is a CLIP
model file for bcos localize (the text tower is copied along when --weights has one).
Ctrl-C or SIGTERM saves a checkpoint and exits with status 130; --resume continues from it.
)";

/// What --arch names: simplecnn[:W1,W2,...], or a model-zoo preset / architecture JSON file.
struct ArchSpec {
    std::string text;   ///< as given (empty: take the architecture from the --weights model file)
    std::string family; ///< "simplecnn" or "" (model zoo)
    std::vector<int64_t> widths;
    int64_t numClasses = 0;
    core::BcosSettings bcos; ///< B, logit bias, ... for bcosify and scratch (enabled is set per mode)
};

ArchSpec parseArch(const std::string &text)
{
    ArchSpec spec;
    spec.text = text;
    if (text != "simplecnn" && text.rfind("simplecnn:", 0) != 0)
        return spec;
    spec.family = "simplecnn";
    const auto colon = text.find(':');
    if (colon != std::string::npos) {
        std::stringstream list(text.substr(colon + 1));
        for (std::string item; std::getline(list, item, ',');) {
            try {
                spec.widths.push_back(std::stoll(item));
            } catch (const std::exception &) {
                throw UsageError{"--arch " + text + ": expected comma-separated stage widths after ':'"};
            }
        }
    }
    return spec;
}

/// Standard weights and the description of their network: one of our model files holding a standard network,
/// or a foreign file (safetensors, .pth, .ckpt, TorchScript) whose architecture --arch names.
struct StandardSource {
    core::ModelDescription description;
    core::TensorMap weights;
};

StandardSource standardSource(const ArchSpec &arch, const fs::path &weights)
{
    core::WeightsFile file = core::loadWeightsFile(weights);
    StandardSource source;
    if (file.format == "safetensors" && file.metadata.value("format") == "bcos-model-v1") {
        source.description = core::readModelDescription(weights);
        if (source.description.bcos.enabled)
            core::fail(ErrorCode::InvalidArgument, "{}: already a B-cos network; --mode bcosify needs a standard one",
                       weights.string());
        if (source.description.numClasses() != arch.numClasses)
            core::fail(ErrorCode::Mismatch, "{}: the model has {} classes, the data {}", weights.string(),
                       source.description.numClasses(), arch.numClasses);
    } else {
        if (arch.text.empty())
            throw UsageError{"--arch is required unless --weights is a model file written by bcos"};
        source.description.architecture = core::resolveArchitecture(arch.text, arch.numClasses);
    }
    source.weights = std::move(file.tensors);
    return source;
}

/// The one place where `bcos train` turns (mode, --arch, --weights) into a network:
/// pretrain: the standard network of --arch (simplecnn or the model zoo), optionally from --weights;
/// bcosify: --weights (standard) B-cosified with the B-cos settings; scratch: a fresh B-cos network.
/// Stores what the network was trained on in its description: class names (the dataset's, or one per line
/// of `classNamesFile`) and the input geometry (the crop side, or the dataset's native size), so that
/// predict/explain prepare images the way training did.
void recordDataDescription(core::ModelDescription &description, const core::Dataset &data, int64_t imageSize,
                           const std::optional<std::string> &classNamesFile)
{
    description.classNames = data.classNames();
    if (classNamesFile) {
        std::ifstream in(*classNamesFile);
        if (!in)
            core::fail(ErrorCode::Io, "{}: cannot read the class names file", *classNamesFile);
        std::vector<std::string> names;
        for (std::string line; std::getline(in, line);)
            if (!line.empty())
                names.push_back(line);
        if (static_cast<int64_t>(names.size()) != data.numClasses())
            core::fail(ErrorCode::InvalidArgument, "{}: {} class names for a dataset with {} classes",
                       *classNamesFile, names.size(), data.numClasses());
        description.classNames = std::move(names);
    }
    // The trainer's evaluation transform (core/data/augment.h): shorter side to round(size * 256/224), centre
    // crop `size`; at the native size nothing is resized.
    const int64_t side = imageSize > 0 ? imageSize : data.get(0).image.size(-1);
    description.preprocessing.inputSize = side;
    description.preprocessing.resizeSize =
        imageSize > 0 ? static_cast<int64_t>(std::lround(side * core::AugmentOptions{}.evalResizeRatio)) : side;
}


core::Network buildNetworkFor(core::TrainMode mode, const ArchSpec &arch, const fs::path &weights)
{
    core::Network network{nullptr};
    if (arch.family == "simplecnn") {
        if (mode == core::TrainMode::Bcosify)
            core::fail(ErrorCode::Unsupported, "--arch simplecnn cannot be B-cosified; use --mode scratch");
        core::SimpleCnnOptions options;
        options.numClasses = arch.numClasses;
        if (!arch.widths.empty())
            options.widths = arch.widths;
        options.bcos = mode == core::TrainMode::Scratch;
        options.b = arch.bcos.b;
        network = core::buildSimpleCnn(options);
        if (!weights.empty())
            core::loadStateDict(*network, core::loadWeightsFile(weights).tensors, weights.string());
    } else if (mode == core::TrainMode::Bcosify) {
        if (weights.empty())
            throw UsageError{"--mode bcosify needs --weights (standard weights or a standard bcos model file)"};
        const StandardSource source = standardSource(arch, weights);
        network = core::bcosify(source.description, source.weights, arch.bcos, weights.string());
    } else if (mode == core::TrainMode::Pretrain && !weights.empty()) {
        const StandardSource source = standardSource(arch, weights);
        network = core::loadStandardNetwork(source.description, source.weights, weights.string());
    } else {
        if (arch.text.empty())
            throw UsageError{"missing required option --arch"};
        core::ModelDescription description;
        description.architecture = core::resolveArchitecture(arch.text, arch.numClasses);
        if (mode == core::TrainMode::Scratch) {
            description.bcos = arch.bcos;
            description.bcos.enabled = true;
        }
        network = core::buildNetwork(description);
        if (!weights.empty())
            core::loadStateDict(*network, core::loadWeightsFile(weights).tensors, weights.string());
    }
    network->description().provenance = {{"command", "bcos train"},
                                          {"mode", core::trainModeName(mode)},
                                          {"arch", arch.text},
                                          {"weights", weights.string()}};
    network->train();
    return network;
}

core::TrainData openData(const std::string &spec, const Args &args, uint64_t seed)
{
    core::TrainData data;
    if (spec.rfind("idx:", 0) == 0) {
        data.train = std::make_shared<core::IdxDataset>(spec.substr(4), true);
        data.val = std::make_shared<core::IdxDataset>(spec.substr(4), false);
    } else if (spec.rfind("cifar:", 0) == 0) {
        data.train = std::make_shared<core::CifarDataset>(spec.substr(6), true);
        data.val = std::make_shared<core::CifarDataset>(spec.substr(6), false);
    } else {
#ifdef BCOS_HAVE_OPENCV
        const auto folders = imaging::openImageFolder(spec, args.number("val-fraction", 0.1), seed);
        data.train = folders.train;
        data.val = folders.val;
#else
        core::fail(ErrorCode::Unsupported, "--data {}: image folders need OpenCV (bcos_imaging), not built", spec);
#endif
    }
    data.train = core::headSubset(data.train, args.integer("train-limit", 0));
    if (data.val)
        data.val = core::headSubset(data.val, args.integer("val-limit", 0));
    return data;
}

core::LossKind parseLoss(const std::string &name)
{
    if (name == "auto")
        return core::LossKind::Auto;
    if (name == "uniform-bce")
        return core::LossKind::UniformOffLabelsBce;
    if (name == "bce")
        return core::LossKind::Bce;
    if (name == "ce")
        return core::LossKind::CrossEntropy;
    throw UsageError{"--loss " + name + ": expected auto, uniform-bce, bce or ce"};
}

std::string duration(double seconds)
{
    const auto total = static_cast<int64_t>(seconds + 0.5);
    return fmt::format("{}:{:02}:{:02}", total / 3600, total / 60 % 60, total % 60);
}

/// Prints progress: one updating line on a terminal, plain lines otherwise.
class ProgressPrinter : public core::TrainObserver {
public:
    explicit ProgressPrinter(bool tty) : m_tty(tty) {}

    void onStart(const core::TrainStartInfo &info) override
    {
        fmt::print("device {}, precision {}, channels_last {}, threads {} intra-op / {} inter-op, {} loader workers\n",
                   info.device, info.precision, info.channelsLast ? "on" : "off", info.intraOpThreads,
                   info.interOpThreads, info.loaderWorkers);
        fmt::print("{} training / {} validation images, {} steps per epoch{}\n", info.trainSize, info.valSize,
                   info.stepsPerEpoch,
                   info.startEpoch > 0 || info.startBatch > 0
                       ? fmt::format(", resuming at epoch {} step {}", info.startEpoch + 1, info.startBatch)
                       : std::string());
        std::fflush(stdout);
    }
    void onStep(const core::StepMetrics &m) override
    {
        const std::string acc = std::isnan(m.top1) ? std::string("-") : fmt::format("{:.1f}%", 100 * m.top1);
        auto line = fmt::format("epoch {} step {}/{}  loss {:.4f}  acc {}  {:.0f} img/s  lr {:.3g}  ETA {}",
                                m.epoch + 1, m.stepInEpoch, m.stepsPerEpoch, m.loss, acc, m.imagesPerSecond,
                                m.learningRate, duration(m.etaSeconds));
        if (m.gpuMemoryBytes >= 0)
            line += fmt::format("  GPU {:.1f} GiB", static_cast<double>(m.gpuMemoryBytes) / (1 << 30));
        if (m_tty)
            fmt::print("\r\033[K{}", line);
        else
            fmt::print("{}\n", line);
        m_open = m_tty;
        std::fflush(stdout);
    }
    void onEpoch(const core::EpochMetrics &m) override
    {
        endLine();
        fmt::print("epoch {} done in {}: train loss {:.4f} acc {:.2f}%", m.epoch + 1, duration(m.seconds), m.trainLoss,
                   100 * m.trainTop1);
        if (!std::isnan(m.valTop1))
            fmt::print(", val loss {:.4f} top-1 {:.2f}% top-5 {:.2f}%", m.valLoss, 100 * m.valTop1, 100 * m.valTop5);
        if (!std::isnan(m.valCosine))
            fmt::print(", val cosine {:.4f}", m.valCosine);
        fmt::print("\n");
        std::fflush(stdout);
    }
    void onMessage(const std::string &message) override
    {
        endLine();
        fmt::print("{}\n", message);
    }
    void endLine()
    {
        if (m_open)
            fmt::print("\n");
        m_open = false;
    }

private:
    bool m_tty;
    bool m_open = false;
};

/// Set by the signal handler; std::atomic<bool> is lock-free, so storing to it is async-signal-safe.
std::atomic<bool> *g_cancelFlag = nullptr;

extern "C" void requestCancel(int)
{
    if (g_cancelFlag)
        g_cancelFlag->store(true);
}

/// Routes SIGINT/SIGTERM to `flag` while alive, then restores the previous handlers.
class SignalScope {
public:
    explicit SignalScope(std::atomic<bool> &flag)
    {
        g_cancelFlag = &flag;
        struct sigaction action {};
        action.sa_handler = requestCancel;
        sigemptyset(&action.sa_mask);
        sigaction(SIGINT, &action, &m_previousInt);
        sigaction(SIGTERM, &action, &m_previousTerm);
    }
    ~SignalScope()
    {
        sigaction(SIGINT, &m_previousInt, nullptr);
        sigaction(SIGTERM, &m_previousTerm, nullptr);
        g_cancelFlag = nullptr;
    }

private:
    struct sigaction m_previousInt {};
    struct sigaction m_previousTerm {};
};

core::TrainOptions trainOptionsFrom(const Args &args)
{
    core::TrainOptions options;
    options.mode = core::parseTrainMode(args.required("mode"));
    options.epochs = args.integer("epochs", 0);
    if (options.epochs <= 0)
        throw UsageError{"--epochs must be a positive number"};
    options.runDirectory = args.required("out");
    options.resume = args.has("resume");
    options.learningRate = args.number("lr", options.learningRate);
    options.batchSize = args.integer("batch-size", options.batchSize);
    options.optimizer = core::parseOptimizer(args.valueOr("optimizer", "adam"));
    options.weightDecay = args.number("weight-decay", options.weightDecay);
    options.warmupEpochs = args.integer("warmup-epochs", options.warmupEpochs);
    options.cosineSchedule = !args.has("no-cosine");
    options.agc = !args.has("no-agc");
    options.loss = parseLoss(args.valueOr("loss", "auto"));
    if (args.has("off-label"))
        options.offLabel = args.number("off-label", 0.0);
    options.seed = static_cast<uint64_t>(args.integer("seed", 0));
    options.device = args.valueOr("device", "auto");
    options.bf16 = args.has("bf16");
    options.channelsLast = args.has("channels-last");
    options.threads = static_cast<int>(args.integer("threads", 0));
    options.loaderWorkers = static_cast<int>(args.integer("workers", options.loaderWorkers));
    options.imageSize = args.integer("image-size", 0);
    options.augment = !args.has("no-augment");
    options.logEvery = args.integer("log-every", options.logEvery);
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
int finishRun(const core::TrainReport &report, const core::TrainOptions &options)
{
    switch (report.outcome) {
    case core::TrainOutcome::Completed:
        fmt::print("done: {} (metrics in {})\n", report.finalModel.string(), options.runDirectory.string());
        return 0;
    case core::TrainOutcome::Cancelled:
        fmt::print("checkpoint {}; continue with --resume\n", report.checkpoint.string());
        return 130;
    case core::TrainOutcome::Diverged:
        break;
    }
    fmt::print(stderr, "bcos train: {}\n", report.message);
    return 1;
}

int runClipDistill(const Args &args, core::TrainOptions options)
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
    bcos.b = args.number("b", bcos.b);
    bcos.meanFree = args.has("mean-free");
    auto distillation = core::makeClipDistillation(arch, core::loadWeightsFile(weightsPath).tensors, bcos, weightsPath);
    const auto data = openData(args.required("data"), args, options.seed);

    ProgressPrinter printer(isatty(fileno(stdout)) != 0);
    core::TrainControl control;
    core::TrainReport report;
    {
        SignalScope signals(control.cancel);
        core::Trainer trainer(options, data, distillation.task(), {&printer, &control});
        report = trainer.run();
    }
    printer.endLine();
    return finishRun(report, options);
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
                     "image-size", "val-fraction", "train-limit", "val-limit", "log-every", "class-names"},
                    {"resume", "no-cosine", "no-agc", "bf16", "channels-last", "no-augment", "keep-biases", "mean-free"});
    const auto options = trainOptionsFrom(args);
    if (options.mode == core::TrainMode::ClipDistill)
        return runClipDistill(args, options);
    const auto data = openData(args.required("data"), args, options.seed);

    auto arch = parseArch(args.valueOr("arch", ""));
    arch.numClasses = data.train->numClasses();
    arch.bcos.b = args.number("b", arch.bcos.b);
    arch.bcos.logitBias = args.number("logit-bias", arch.bcos.logitBias);
    arch.bcos.keepBiases = args.has("keep-biases");
    arch.bcos.meanFree = args.has("mean-free");
    torch::manual_seed(options.seed);
    auto network = buildNetworkFor(options.mode, arch, args.valueOr("weights", ""));
    recordDataDescription(network->description(), *data.train, options.imageSize, args.value("class-names"));

    ProgressPrinter printer(isatty(fileno(stdout)) != 0);
    core::TrainControl control;
    core::TrainReport report;
    {
        SignalScope signals(control.cancel);
        core::Trainer trainer(options, data, network, {&printer, &control});
        report = trainer.run();
    }
    printer.endLine();
    return finishRun(report, options);
}

} // namespace bcos::cli
