#include "trainer.h"

#include "core/compat.h"
#include "core/data/dataloader.h"
#include "core/error.h"
#include "core/io/safetensors.h"
#include "core/models/modelfile.h"
#include "core/train/agc.h"
#include "core/train/gpumemory.h"
#include "core/train/losses.h"
#include "core/train/runlog.h"

#include <fmt/format.h>
#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <thread>

namespace bcos::core {
namespace {

using Clock = std::chrono::steady_clock;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// Enables CUDA bf16 autocast for its lifetime (no-op when disabled).
class AutocastScope {
public:
    explicit AutocastScope(bool enabled)
        : m_enabled(enabled)
    {
        if (m_enabled)
            compat::setCudaAutocast(true, at::kBFloat16);
    }
    ~AutocastScope()
    {
        if (!m_enabled)
            return;
        compat::setCudaAutocast(false, at::kBFloat16);
        at::autocast::clear_cache();
    }

private:
    bool m_enabled;
};

torch::Device resolveDevice(const std::string &name)
{
    if (name == "auto")
        return torch::cuda::is_available() ? torch::Device(torch::kCUDA, 0) : torch::Device(torch::kCPU);
    compat::Optional<torch::Device> device;
    translateTorchErrors("device '" + name + "'", [&] { device = torch::Device(name); });
    if (device->is_cuda() && !torch::cuda::is_available())
        fail(ErrorCode::InvalidArgument, "device '{}' requested but no CUDA device is available", name);
    return *device;
}

std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const TrainOptions &options,
                                                       const std::vector<at::Tensor> &parameters)
{
    switch (options.optimizer) {
    case OptimizerKind::Adam:
        return std::make_unique<torch::optim::Adam>(
            parameters, torch::optim::AdamOptions(options.learningRate).weight_decay(options.weightDecay));
    case OptimizerKind::AdamW:
        return std::make_unique<torch::optim::AdamW>(
            parameters, torch::optim::AdamWOptions(options.learningRate).weight_decay(options.weightDecay));
    case OptimizerKind::Sgd:
        break;
    }
    return std::make_unique<torch::optim::SGD>(parameters, torch::optim::SGDOptions(options.learningRate)
                                                               .momentum(options.momentum)
                                                               .weight_decay(options.weightDecay));
}

at::Tensor classifierLoss(LossKind kind, const TrainOptions &options, const at::Tensor &logits,
                          const at::Tensor &labels)
{
    switch (kind) {
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

/// Student tokens [L, B, D] or features [B, D] -> unit features [B, D] (token mean for the cosine metric).
at::Tensor unitFeatures(const at::Tensor &embedding)
{
    const auto features = embedding.dim() == 3 ? embedding.mean(0) : embedding;
    return torch::nn::functional::normalize(features, torch::nn::functional::NormalizeFuncOptions().dim(-1));
}

} // namespace

struct Trainer::Running {
    torch::Device device{torch::kCPU};
    bool autocast = false;
    bool channelsLast = false;
    std::vector<at::Tensor> parameters;
    std::unique_ptr<torch::optim::Optimizer> optimizer;
    std::unique_ptr<DataLoader> trainLoader;
    std::unique_ptr<DataLoader> valLoader;
    std::unique_ptr<RunLog> log;
    TrainPosition position;
    int64_t stepsPerEpoch = 0;
};

Trainer::Trainer(TrainOptions options, TrainData data, Network network, TrainHooks hooks)
    : m_options(std::move(options))
    , m_data(std::move(data))
    , m_network(std::move(network))
    , m_module(m_network.ptr())
    , m_hooks(std::move(hooks))
{
    if (m_options.mode == TrainMode::ClipDistill)
        fail(ErrorCode::InvalidArgument, "clip-distill trains a CLIP student: construct the Trainer with a ClipDistillTask");
}

Trainer::Trainer(TrainOptions options, TrainData data, ClipDistillTask task, TrainHooks hooks)
    : m_options(std::move(options))
    , m_data(std::move(data))
    , m_clip(std::move(task))
    , m_module(m_clip.student)
    , m_hooks(std::move(hooks))
{
    if (m_options.mode != TrainMode::ClipDistill)
        fail(ErrorCode::InvalidArgument, "a ClipDistillTask needs mode clip-distill, got {}", trainModeName(m_options.mode));
    if (!m_module || !m_clip.studentEmbed || !m_clip.teacherEmbed)
        fail(ErrorCode::InvalidArgument, "clip-distill needs a student module and student/teacher embedding functions");
}

Trainer::~Trainer() = default;

std::filesystem::path Trainer::checkpointPath(const std::filesystem::path &runDirectory)
{
    return runDirectory / "checkpoint.pt";
}

void Trainer::message(const std::string &text) const
{
    if (m_hooks.observer)
        m_hooks.observer->onMessage(text);
}

void Trainer::setUp(Running &s)
{
    if (!m_data.train)
        fail(ErrorCode::InvalidArgument, "no training data");
    if (m_options.epochs <= 0 || m_options.logEvery <= 0)
        fail(ErrorCode::InvalidArgument, "epochs and log interval must be positive (got {} and {})", m_options.epochs,
             m_options.logEvery);
    if (m_options.threads > 0)
        at::set_num_threads(m_options.threads);
    s.device = resolveDevice(m_options.device);
    TrainStartInfo info;
    s.autocast = m_options.bf16 && s.device.is_cuda();
    s.channelsLast = m_options.channelsLast && s.device.is_cuda();
    if (m_options.bf16 && !s.autocast)
        info.notes.push_back("bf16 autocast is only effective on CUDA; training in float32");
    if (m_options.channelsLast && !s.channelsLast)
        info.notes.push_back("channels_last is only effective on CUDA; keeping the contiguous (NCHW) layout");
    if (!m_options.resume)
        torch::manual_seed(m_options.seed);

    m_module->to(s.device);
    for (auto &parameter : m_module->parameters()) {
        if (s.channelsLast && parameter.dim() == 4)
            parameter.set_data(parameter.data().contiguous(at::MemoryFormat::ChannelsLast));
        if (parameter.requires_grad())
            s.parameters.push_back(parameter);
    }
    s.optimizer = makeOptimizer(m_options, s.parameters);

    LoaderOptions loader;
    loader.batchSize = m_options.batchSize;
    loader.workers = m_options.loaderWorkers;
    loader.prefetchBatches = m_options.prefetchBatches;
    loader.seed = m_options.seed;
    loader.augment.size = m_options.imageSize;
    loader.augment.train = m_options.augment;
    s.trainLoader = std::make_unique<DataLoader>(m_data.train, loader);
    s.stepsPerEpoch = s.trainLoader->batchesPerEpoch();
    if (m_data.val) {
        loader.shuffle = false;
        loader.augment.train = false;
        s.valLoader = std::make_unique<DataLoader>(m_data.val, loader);
    }
    s.log = std::make_unique<RunLog>(m_options.runDirectory);
    if (m_options.resume) {
        if (m_options.runDirectory.empty())
            fail(ErrorCode::InvalidArgument, "resuming needs the run directory of the interrupted run");
        const auto path = checkpointPath(m_options.runDirectory);
        s.position = loadCheckpoint(path, *m_module, *s.optimizer);
        if (s.position.seed != m_options.seed)
            fail(ErrorCode::Mismatch, "{} was written with seed {}, but this run uses seed {}; resume with the same seed",
                 path.string(), s.position.seed, m_options.seed);
    }
    s.position.seed = m_options.seed;

    info.device = s.device.str();
    info.precision = s.autocast ? "bfloat16 autocast" : "float32";
    info.channelsLast = s.channelsLast;
    info.intraOpThreads = at::get_num_threads();
    info.interOpThreads = at::get_num_interop_threads();
    info.loaderWorkers = m_options.loaderWorkers;
    info.trainSize = m_data.train->size();
    info.valSize = m_data.val ? m_data.val->size() : 0;
    info.stepsPerEpoch = s.stepsPerEpoch;
    info.startEpoch = s.position.epoch;
    info.startBatch = s.position.batch;
    if (m_hooks.observer)
        m_hooks.observer->onStart(info);
    for (const auto &note : info.notes)
        message(note);
}

at::Tensor Trainer::computeLoss(const at::Tensor &images, const at::Tensor &labels, at::Tensor *logitsOut)
{
    if (m_options.mode == TrainMode::ClipDistill) {
        at::Tensor teacher;
        {
            torch::NoGradGuard noGrad;
            teacher = unitFeatures(m_clip.teacherEmbed(images));
        }
        auto student = m_clip.studentEmbed(images).to(torch::kFloat);
        student = torch::nn::functional::normalize(student, torch::nn::functional::NormalizeFuncOptions().dim(-1));
        return sigLipLoss(student, teacher, 10.0, -10.0, m_options.sigLipCosScaling);
    }
    auto input = m_network->encode(images);
    if (input.is_cuda() && m_options.channelsLast)
        input = input.contiguous(at::MemoryFormat::ChannelsLast);
    at::Tensor logits;
    {
        AutocastScope autocast(m_options.bf16 && input.is_cuda());
        logits = m_network->forward(input);
    }
    logits = logits.to(torch::kFloat);
    if (logitsOut)
        *logitsOut = logits.detach();
    return classifierLoss(effectiveLoss(m_options), m_options, logits, labels);
}

EpochMetrics Trainer::validate(Running &s, int64_t epoch)
{
    EpochMetrics metrics;
    metrics.epoch = epoch;
    metrics.valLoss = metrics.valTop1 = metrics.valTop5 = metrics.valCosine = kNaN;
    if (!s.valLoader)
        return metrics;
    torch::NoGradGuard noGrad;
    m_module->eval();
    double lossSum = 0.0, cosineSum = 0.0;
    int64_t seen = 0, top1 = 0, top5 = 0;
    s.valLoader->startEpoch(0);
    while (auto batch = s.valLoader->next()) {
        const auto images = batch->images.to(s.device);
        const auto labels = batch->labels.to(s.device);
        const int64_t n = labels.size(0);
        at::Tensor logits;
        lossSum += computeLoss(images, labels, &logits).item<double>() * static_cast<double>(n);
        if (m_options.mode == TrainMode::ClipDistill) {
            const auto student = unitFeatures(m_clip.studentEmbed(images).to(torch::kFloat));
            const auto teacher = unitFeatures(m_clip.teacherEmbed(images).to(torch::kFloat));
            cosineSum += (student * teacher).sum(-1).sum().item<double>();
        } else {
            top1 += countCorrectTopK(logits, labels, 1);
            top5 += countCorrectTopK(logits, labels, 5);
        }
        seen += n;
    }
    m_module->train();
    metrics.valLoss = lossSum / static_cast<double>(seen);
    if (m_options.mode == TrainMode::ClipDistill) {
        metrics.valCosine = cosineSum / static_cast<double>(seen);
    } else {
        metrics.valTop1 = static_cast<double>(top1) / static_cast<double>(seen);
        metrics.valTop5 = static_cast<double>(top5) / static_cast<double>(seen);
    }
    return metrics;
}

bool Trainer::waitWhilePaused() const
{
    auto *control = m_hooks.control;
    if (!control)
        return true;
    bool announced = false;
    while (control->pause.load() && !control->cancel.load()) {
        if (!announced)
            message("paused");
        announced = true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (announced && !control->cancel.load())
        message("resumed");
    return !control->cancel.load();
}

void Trainer::writeFinalModel(TrainReport &report) const
{
    if (m_options.runDirectory.empty())
        return;
    report.finalModel = m_options.runDirectory / "model.safetensors";
    if (m_network) { // our model file (core/models/modelfile.h), loadable with loadModel()
        NetworkImpl &network = *m_network.ptr();
        network.description().provenance["train_mode"] = trainModeName(m_options.mode);
        saveModel(report.finalModel, network);
        return;
    }
    if (m_clip.saveModel) {
        m_clip.saveModel(report.finalModel);
        return;
    }
    TensorMap tensors;
    for (const auto &item : m_module->named_parameters())
        tensors.insert(item.key(), item.value().detach().to(torch::kCPU).contiguous());
    for (const auto &item : m_module->named_buffers())
        tensors.insert(item.key(), item.value().detach().to(torch::kCPU).contiguous());
    Metadata metadata;
    metadata.set("bcos.train_mode", trainModeName(m_options.mode));
    writeSafetensors(report.finalModel, tensors, metadata);
}

TrainReport Trainer::run()
{
    TrainReport report;
    translateTorchErrors("training", [&] { report = trainLoop(); });
    return report;
}

TrainReport Trainer::trainLoop()
{
    Running s;
    setUp(s);
    TrainReport report;
    report.position = s.position;
    if (m_options.resume) // the checkpoint resumed from is the last good one until this run writes another
        report.checkpoint = checkpointPath(m_options.runDirectory);
    const int64_t totalSteps = m_options.epochs * s.stepsPerEpoch;
    const auto checkpoint = [&](const TrainPosition &position) {
        if (m_options.runDirectory.empty())
            return;
        report.checkpoint = checkpointPath(m_options.runDirectory);
        saveCheckpoint(report.checkpoint, *m_module, *s.optimizer, position);
        if (m_hooks.observer)
            m_hooks.observer->onCheckpoint(report.checkpoint);
    };
    const auto runStart = Clock::now();
    const int64_t firstStep = s.position.globalStep;
    double pausedSeconds = 0.0;
    double learningRate = m_options.learningRate;

    m_module->train();
    for (int64_t epoch = s.position.epoch; epoch < m_options.epochs; ++epoch) {
        const auto epochStart = Clock::now();
        s.trainLoader->startEpoch(epoch, epoch == s.position.epoch ? s.position.batch : 0);
        double epochLoss = 0.0, windowLoss = 0.0;
        int64_t epochSeen = 0, epochCorrect = 0, epochSteps = 0, windowSeen = 0, windowCorrect = 0, windowSteps = 0;
        auto windowStart = Clock::now();
        while (auto batch = s.trainLoader->next()) {
            const auto pauseStart = Clock::now();
            if (!waitWhilePaused()) {
                report.outcome = TrainOutcome::Cancelled;
                report.position = {epoch, batch->index, s.position.globalStep, m_options.seed};
                checkpoint(report.position);
                report.message = fmt::format("cancelled at epoch {}, step {}; checkpoint saved", epoch + 1,
                                             batch->index);
                message(report.message);
                return report;
            }
            pausedSeconds += secondsSince(pauseStart);
            learningRate = scheduledLearningRate(m_options, s.position.globalStep, s.stepsPerEpoch);
            for (auto &group : s.optimizer->param_groups())
                group.options().set_lr(learningRate);

            const auto images = batch->images.to(s.device);
            const auto labels = batch->labels.to(s.device);
            s.optimizer->zero_grad();
            at::Tensor logits;
            const auto loss = computeLoss(images, labels, &logits);
            const int64_t correct = logits.defined() ? countCorrectTopK(logits, labels, 1) : -1;
            const double lossValue = loss.item<double>();
            if (!std::isfinite(lossValue)) {
                report.outcome = TrainOutcome::Diverged;
                report.position = {epoch, batch->index, s.position.globalStep, m_options.seed};
                report.message = fmt::format("the loss became {} at epoch {}, step {}; training stopped{}", lossValue,
                                             epoch + 1, batch->index + 1,
                                             report.checkpoint.empty() ? std::string()
                                                                       : " (the last checkpoint is kept)");
                message(report.message);
                return report;
            }
            loss.backward();
            if (m_options.agc)
                adaptiveClipGrad(s.parameters, m_options.agcOptions);
            s.optimizer->step();
            ++s.position.globalStep;

            const int64_t n = labels.size(0);
            epochLoss += lossValue * static_cast<double>(n);
            windowLoss += lossValue;
            epochSeen += n;
            windowSeen += n;
            epochCorrect += std::max<int64_t>(correct, 0);
            windowCorrect += std::max<int64_t>(correct, 0);
            ++epochSteps;
            ++windowSteps;
            if (s.position.globalStep % m_options.logEvery == 0) {
                StepMetrics step;
                step.epoch = epoch;
                step.stepInEpoch = batch->index + 1;
                step.stepsPerEpoch = s.stepsPerEpoch;
                step.globalStep = s.position.globalStep;
                step.totalSteps = totalSteps;
                step.loss = windowLoss / static_cast<double>(windowSteps);
                step.top1 = correct < 0 ? kNaN : static_cast<double>(windowCorrect) / static_cast<double>(windowSeen);
                step.imagesPerSecond = static_cast<double>(windowSeen) / std::max(1e-9, secondsSince(windowStart));
                step.learningRate = learningRate;
                const double perStep = (secondsSince(runStart) - pausedSeconds)
                    / static_cast<double>(s.position.globalStep - firstStep);
                step.etaSeconds = perStep * static_cast<double>(totalSteps - s.position.globalStep);
                step.batchSize = m_options.batchSize;
                step.bcosB = m_network && m_network->isBcos() ? m_network->description().bcos.b : 0.0;
                step.gpuMemoryBytes = s.device.is_cuda() ? cudaMemoryInUse(std::max<int>(0, s.device.index())) : -1;
                s.log->appendStep(step);
                if (m_hooks.observer)
                    m_hooks.observer->onStep(step);
                windowLoss = 0.0;
                windowSeen = windowCorrect = windowSteps = 0;
                windowStart = Clock::now();
            }
        }

        auto metrics = validate(s, epoch);
        metrics.trainLoss = epochSeen > 0 ? epochLoss / static_cast<double>(epochSeen) : kNaN;
        metrics.trainTop1 = m_options.mode == TrainMode::ClipDistill || epochSeen == 0
            ? kNaN
            : static_cast<double>(epochCorrect) / static_cast<double>(epochSeen);
        metrics.learningRate = learningRate;
        metrics.seconds = secondsSince(epochStart);
        s.log->appendEpoch(metrics);
        s.position = {epoch + 1, 0, s.position.globalStep, m_options.seed};
        report.position = s.position;
        if (m_options.checkpointEveryEpoch || epoch + 1 == m_options.epochs)
            checkpoint(s.position);
        if (m_hooks.probe && m_network) {
            m_module->eval();
            m_hooks.probe(*m_network, epoch);
            m_module->train();
        }
        report.epochs.push_back(metrics);
        if (m_hooks.observer)
            m_hooks.observer->onEpoch(metrics);
    }
    writeFinalModel(report);
    return report;
}

} // namespace bcos::core
