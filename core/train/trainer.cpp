#include "trainer.h"

#include "core/buildinfo.h"
#include "core/compat.h"
#include "core/data/dataloader.h"
#include "core/device.h"
#include "core/error.h"
#include "core/io/safetensors.h"
#include "core/models/modelfile.h"
#include "core/train/agc.h"
#include "core/gpu.h"
#include "core/train/dataparallel.h"
#include "core/train/distributedgroup.h"
#include "core/train/losses.h"
#include "core/train/multitensoroptim.h"
#include "core/train/runlog.h"
#include "core/train/trainsetup.h"

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
/// Steps whose metrics may wait on the device before the host reads them, when logEvery is larger.
constexpr size_t kMaxPendingSteps = 64;
/// --cuda-graphs: steps of one batch shape run one by one before the step is captured (cuDNN's algorithm search,
/// the optimiser's state and the allocator's blocks come before the capture, as in PyTorch's whole-network recipe).
constexpr int kGraphWarmupSteps = 3;

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

/// Student tokens [L, B, D] or features [B, D] -> unit features [B, D] (token mean for the cosine metric).
at::Tensor unitFeatures(const at::Tensor &embedding)
{
    const auto features = embedding.dim() == 3 ? embedding.mean(0) : embedding;
    return torch::nn::functional::normalize(features, torch::nn::functional::NormalizeFuncOptions().dim(-1));
}

/// Per-step (window) or per-epoch sums of the training metrics.
struct MetricSums {
    double stepLoss = 0.0;  ///< sum of batch mean losses
    double imageLoss = 0.0; ///< sum of batch mean losses weighted by batch size
    int64_t images = 0, correct = 0, steps = 0;

    void add(double loss, int64_t batchSize, int64_t batchCorrect)
    {
        stepLoss += loss;
        imageLoss += loss * static_cast<double>(batchSize);
        images += batchSize;
        correct += batchCorrect;
        ++steps;
    }
};

/// distill: logits, and with `features` the last feature map they are computed from (ClassifierImpl::features()).
struct DistillOutputs {
    at::Tensor logits;
    at::Tensor features;
};

DistillOutputs distillForward(NetworkImpl &network, const at::Tensor &input, bool features)
{
    if (!features)
        return {network.forward(input), {}};
    DistillOutputs out;
    out.features = network.model().features(network.normalizeInput(input));
    out.logits = network.model().classify(out.features); // as forward() computes them
    if (network.isBcos())
        out.logits = out.logits + network.logitBias();
    return out;
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
    std::unique_ptr<DataParallel> parallel; ///< set when this process is one rank of a group
    TrainPosition position;
    int64_t stepsPerEpoch = 0;
    int64_t totalSteps = 0;

    // Progress of this call: ETA and throughput exclude time spent paused.
    Clock::time_point runStart;
    int64_t firstStep = 0;
    double pausedSeconds = 0.0;
    bool pauseNoted = false; ///< a data-parallel run said once that it cannot pause
    double learningRate = 0.0;
    MetricSums epochSums, window;
    Clock::time_point windowStart;

    /// A step whose loss and top-1 count the device has not been asked for yet (see settleSteps()).
    struct PendingStep {
        at::Tensor loss;    ///< 0-d, the batch's mean loss
        at::Tensor correct; ///< 0-d int64; undefined without logits (clip-distill)
        int64_t images = 0;
        int64_t epoch = 0, batchIndex = 0, globalStep = 0; ///< where it ran (globalStep before it)
    };
    std::vector<PendingStep> pending;

    /// --cuda-graphs: the captured step and what it reads and writes (see Trainer::graphStep()).
    struct Graphed {
        bool enabled = false;
        std::unique_ptr<GraphStream> stream; ///< warm-ups, capture and replays on one stream (a GPU)
        std::unique_ptr<ReplayableWork> step;
        std::unique_ptr<GraphedUpdate> update;
        at::Tensor images, labels;           ///< inputs: each batch is copied into them
        at::Tensor loss, correct;            ///< outputs: rewritten by each replay
        std::vector<int64_t> warmShape;      ///< the batch shape of the warm-up steps
        int warmSteps = 0;
        bool shapeNoted = false;             ///< a batch of another shape was reported once
    } graphed;
};

namespace {

/// Zeroes the parameters' gradients where they are (a captured step's buffers stay the gradients).
void zeroGradients(const std::vector<at::Tensor> &parameters)
{
    std::vector<at::Tensor> grads;
    for (const auto &parameter : parameters)
        if (parameter.grad().defined())
            grads.push_back(parameter.grad());
    if (!grads.empty())
        at::_foreach_zero_(grads);
}

} // namespace

void checkTrainingLabels(TrainMode mode, const Dataset &data)
{
    if (mode != TrainMode::Distill && mode != TrainMode::ClipDistill && !data.hasLabels())
        fail(ErrorCode::InvalidArgument, "--mode {} learns from labels, and the training images have none (no class "
             "folders); --mode distill trains without labels", trainModeName(mode));
}

Trainer::Trainer(TrainOptions options, TrainData data, Network network, TrainHooks hooks)
    : m_options(std::move(options))
    , m_data(std::move(data))
    , m_network(std::move(network))
    , m_module(m_network.ptr())
    , m_hooks(std::move(hooks))
{
    if (m_options.mode == TrainMode::ClipDistill)
        fail(ErrorCode::InvalidArgument, "clip-distill trains a CLIP student: construct the Trainer with a ClipDistillTask");
    if (m_options.mode == TrainMode::Distill)
        fail(ErrorCode::InvalidArgument, "distill trains a student towards a teacher: construct the Trainer with a DistillTask");
}

Trainer::Trainer(TrainOptions options, TrainData data, DistillTask task, TrainHooks hooks)
    : m_options(std::move(options))
    , m_data(std::move(data))
    , m_network(std::move(task.student))
    , m_teacher(std::move(task.teacher))
    , m_module(m_network.ptr())
    , m_hooks(std::move(hooks))
{
    if (m_options.mode != TrainMode::Distill)
        fail(ErrorCode::InvalidArgument, "a DistillTask needs mode distill, got {}", trainModeName(m_options.mode));
    if (!m_network || !m_teacher)
        fail(ErrorCode::InvalidArgument, "distill needs a student and a teacher network");
    if (!m_network->isBcos() || m_teacher->isBcos())
        fail(ErrorCode::InvalidArgument, "distill trains a B-cos student towards a standard teacher");
    const int64_t classes = m_network->description().numClasses(), teacherClasses = m_teacher->description().numClasses();
    if (classes != teacherClasses)
        fail(ErrorCode::Mismatch, "distill: the student has {} classes, the teacher {}", classes, teacherClasses);
    if (!(m_options.distillTemperature > 0.0) || m_options.logitWeight < 0.0 || m_options.featureWeight < 0.0 ||
        m_options.logitWeight + m_options.featureWeight <= 0.0)
        fail(ErrorCode::InvalidArgument, "distill: the temperature must be positive and the logit and feature weights "
             "non-negative, not both 0 (got T {}, weights {} and {})", m_options.distillTemperature,
             m_options.logitWeight, m_options.featureWeight);
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
    s.autocast = m_options.bf16 && s.device.is_cuda();
    s.channelsLast = m_options.channelsLast && s.device.is_cuda();
    if (!m_options.resume)
        torch::manual_seed(m_options.seed);

    checkTrainingLabels(m_options.mode, *m_data.train);
    // Accuracy is reported where the labels are the network's classes; distill may run on images without labels,
    // or whose labels are other classes than the teacher's.
    m_reportsAccuracy = m_options.mode != TrainMode::ClipDistill && m_data.train->hasLabels() &&
        (!m_network || m_data.train->numClasses() == m_network->description().numClasses());
    if (m_options.mode == TrainMode::Distill && m_data.train->hasLabels() && !m_reportsAccuracy)
        message(fmt::format("the data's {} classes are not the teacher's {}: its labels are not used and accuracy is "
                            "not reported", m_data.train->numClasses(), m_network->description().numClasses()));
    if (m_teacher) {
        m_teacher->to(s.device);
        m_teacher->eval();
        for (auto &parameter : m_teacher->parameters())
            parameter.set_requires_grad(false);
    }
    m_module->to(s.device);
    for (auto &parameter : m_module->parameters()) {
        if (s.channelsLast && parameter.dim() == 4)
            parameter.set_data(parameter.data().contiguous(at::MemoryFormat::ChannelsLast));
        if (parameter.requires_grad())
            s.parameters.push_back(parameter);
    }
    s.optimizer = makeOptimizer(m_options, s.parameters);
    if (m_hooks.group)
        s.parallel = std::make_unique<DataParallel>(m_hooks.group, *m_module, s.parameters, m_options.syncBatchNorm);
    else if (m_options.syncBatchNorm)
        message("--sync-bn has no effect in a single process");

    s.graphed.enabled = m_options.cudaGraphs && !s.parallel && (s.device.is_cuda() || m_hooks.captureStep);
    if (s.graphed.enabled && s.device.is_cuda())
        s.graphed.stream = std::make_unique<GraphStream>(std::max<int>(0, s.device.index()));

    LoaderOptions loader = trainLoaderOptions(m_options);
    loader.pinMemory = s.device.is_cuda(); // the batches' copies below then do not wait for the GPU
    if (s.parallel)
        s.parallel->shard(loader, true);
    s.trainLoader = std::make_unique<DataLoader>(m_data.train, loader);
    s.stepsPerEpoch = s.trainLoader->batchesPerEpoch();
    s.totalSteps = m_options.epochs * s.stepsPerEpoch;
    if (m_data.val) {
        loader.shuffle = false;
        loader.augment.train = false;
        if (s.parallel)
            s.parallel->shard(loader, false);
        s.valLoader = std::make_unique<DataLoader>(m_data.val, loader);
    }
    s.log = std::make_unique<RunLog>(leader() ? m_options.runDirectory : std::filesystem::path());
    if (m_options.resume)
        resumeFromCheckpoint(s);
    s.position.seed = m_options.seed;
    s.position.globalBatch = m_options.batchSize * (s.parallel ? s.parallel->worldSize() : 1);
    if (s.parallel)
        s.parallel->broadcastState();
    announceStart(s);
}

void Trainer::resumeFromCheckpoint(Running &s)
{
    if (m_options.runDirectory.empty())
        fail(ErrorCode::InvalidArgument, "resuming needs the run directory of the interrupted run");
    const auto path = checkpointPath(m_options.runDirectory);
    s.position = loadCheckpoint(path, *m_module, *s.optimizer);
    if (s.position.seed != m_options.seed)
        fail(ErrorCode::Mismatch, "{} was written with seed {}, but this run uses seed {}; resume with the same seed",
             path.string(), s.position.seed, m_options.seed);
    // Another world size (or batch size): continue after the images the interrupted run consumed in its epoch
    // (rounded down to whole steps of this run) and keep the schedule's place within the epoch.
    const int64_t globalBatch = m_options.batchSize * (s.parallel ? s.parallel->worldSize() : 1);
    if (s.position.globalBatch > 0 && s.position.globalBatch != globalBatch) {
        const int64_t images = s.position.batch * s.position.globalBatch;
        s.position.batch = std::min(images / globalBatch, s.stepsPerEpoch);
        s.position.globalStep = s.position.epoch * s.stepsPerEpoch + s.position.batch;
        message(fmt::format("the checkpoint was written at {} images per step, this run takes {}: continuing epoch {} "
                            "at step {} of {}", s.position.globalBatch, globalBatch, s.position.epoch + 1,
                            s.position.batch, s.stepsPerEpoch));
    }
}

bool Trainer::leader() const
{
    return !m_hooks.group || m_hooks.group->rank() == 0;
}

void Trainer::announceStart(const Running &s) const
{
    TrainStartInfo info;
    if (m_options.bf16 && !s.autocast)
        info.notes.push_back("bf16 autocast is only effective on CUDA; training in float32");
    if (m_options.channelsLast && !s.channelsLast)
        info.notes.push_back("channels_last is only effective on CUDA; keeping the contiguous (NCHW) layout");
    if (m_options.cudaGraphs && !s.graphed.enabled)
        info.notes.push_back(s.parallel ? "CUDA graphs are not used in a data-parallel run (its gradient all-reduce "
                                          "runs during backward); the steps run one by one"
                                        : "CUDA graphs need a CUDA device; the steps run one by one");
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
    if (m_options.mode == TrainMode::Distill)
        return distillationLoss(images, logitsOut);
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
    return classifierLoss(m_options, logits, labels);
}

at::Tensor Trainer::distillationLoss(const at::Tensor &images, at::Tensor *logitsOut, at::Tensor *teacherLogitsOut)
{
    const bool features = m_options.featureWeight > 0.0;
    const auto prepare = [this](at::Tensor input) {
        return input.is_cuda() && m_options.channelsLast ? input.contiguous(at::MemoryFormat::ChannelsLast) : input;
    };
    AutocastScope autocast(m_options.bf16 && images.is_cuda());
    // The same images through both networks, each with its own input encoding ([x, 1-x] for the B-cos student).
    DistillOutputs teacher, student;
    {
        torch::NoGradGuard noGrad;
        teacher = distillForward(*m_teacher, prepare(m_teacher->encode(images)), features);
    }
    student = distillForward(*m_network, prepare(m_network->encode(images)), features);
    const auto studentLogits = student.logits.to(torch::kFloat);
    const auto teacherLogits = teacher.logits.to(torch::kFloat);
    if (logitsOut)
        *logitsOut = studentLogits.detach();
    if (teacherLogitsOut)
        *teacherLogitsOut = teacherLogits;
    at::Tensor loss = torch::zeros({}, studentLogits.options());
    if (m_options.logitWeight > 0.0) {
        const auto term = m_options.distillLoss == DistillLoss::Kl
            ? distillationKl(studentLogits, teacherLogits, m_options.distillTemperature)
            : distillationBce(studentLogits, teacherLogits, m_options.distillTemperature);
        loss = loss + m_options.logitWeight * term;
    }
    if (features)
        loss = loss + m_options.featureWeight *
                featureCosineLoss(student.features.to(torch::kFloat), teacher.features.to(torch::kFloat));
    return loss;
}

EpochMetrics Trainer::validate(Running &s, int64_t epoch)
{
    EpochMetrics metrics;
    metrics.epoch = epoch;
    metrics.valLoss = metrics.valTop1 = metrics.valTop5 = metrics.valCosine = metrics.valAgreement = kNaN;
    if (!s.valLoader)
        return metrics;
    torch::NoGradGuard noGrad;
    m_module->eval();
    // The sums stay on the device (loss * n, cosine, top-1, top-5, agreement, in float64) and are read once after
    // the last batch: no host round trip per validation batch on a GPU.
    at::Tensor sums;
    int64_t seen = 0;
    s.valLoader->startEpoch(0);
    while (auto batch = s.valLoader->next()) {
        const auto images = batch->images.to(s.device, /*non_blocking=*/true);
        const auto labels = batch->labels.to(s.device, /*non_blocking=*/true);
        const int64_t n = labels.size(0);
        at::Tensor logits, teacherLogits;
        const auto loss = m_teacher ? distillationLoss(images, &logits, &teacherLogits)
                                    : computeLoss(images, labels, &logits);
        const auto zero = torch::zeros({}, loss.options().dtype(torch::kDouble));
        at::Tensor cosine = zero, top1 = zero, top5 = zero, agree = zero;
        if (m_options.mode == TrainMode::ClipDistill) {
            const auto student = unitFeatures(m_clip.studentEmbed(images).to(torch::kFloat));
            const auto teacher = unitFeatures(m_clip.teacherEmbed(images).to(torch::kFloat));
            cosine = (student * teacher).sum(-1).sum().to(torch::kDouble);
        } else if (m_reportsAccuracy) {
            top1 = correctTopK(logits, labels, 1).to(torch::kDouble);
            top5 = correctTopK(logits, labels, 5).to(torch::kDouble);
        }
        if (m_teacher)
            agree = logits.argmax(1).eq(teacherLogits.argmax(1)).sum().to(torch::kDouble);
        const auto batchSums = torch::stack({loss.detach().to(torch::kDouble) * static_cast<double>(n), cosine, top1,
                                             top5, agree});
        sums = sums.defined() ? sums + batchSums : batchSums;
        seen += n;
    }
    double lossSum = 0.0, cosineSum = 0.0;
    int64_t top1 = 0, top5 = 0, agree = 0;
    if (sums.defined()) {
        const auto host = sums.cpu();
        const double *values = host.data_ptr<double>();
        lossSum = values[0];
        cosineSum = values[1];
        top1 = static_cast<int64_t>(values[2]);
        top5 = static_cast<int64_t>(values[3]);
        agree = static_cast<int64_t>(values[4]);
    }
    m_module->train();
    if (s.parallel) { // each rank saw its shard of the validation set
        std::vector<double> sums{lossSum, cosineSum, static_cast<double>(seen), static_cast<double>(top1),
                                 static_cast<double>(top5), static_cast<double>(agree)};
        s.parallel->sum(sums, "the validation metrics' reduction");
        lossSum = sums[0];
        cosineSum = sums[1];
        seen = static_cast<int64_t>(sums[2]);
        top1 = static_cast<int64_t>(sums[3]);
        top5 = static_cast<int64_t>(sums[4]);
        agree = static_cast<int64_t>(sums[5]);
    }
    metrics.valLoss = lossSum / static_cast<double>(seen);
    if (m_options.mode == TrainMode::ClipDistill) {
        metrics.valCosine = cosineSum / static_cast<double>(seen);
    } else if (m_reportsAccuracy) {
        metrics.valTop1 = static_cast<double>(top1) / static_cast<double>(seen);
        metrics.valTop5 = static_cast<double>(top5) / static_cast<double>(seen);
    }
    if (m_teacher)
        metrics.valAgreement = static_cast<double>(agree) / static_cast<double>(seen);
    return metrics;
}

bool Trainer::waitWhilePaused() const
{
    auto *control = m_hooks.control;
    if (!control)
        return true;
    bool announced = false;
    while (control->pause.load() && !control->cancel.load()) {
        if (!announced) {
            // The model so far, so that a paused run can be looked at (the studio opens it beside the others).
            const std::filesystem::path model = writeModel();
            message(model.empty() ? std::string("paused") : fmt::format("paused; the model so far is in {}", model.string()));
            if (!model.empty() && m_hooks.observer)
                m_hooks.observer->onModelWritten(model, false);
        }
        announced = true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (announced && !control->cancel.load())
        message("resumed");
    return !control->cancel.load();
}

void Trainer::writeFinalModel(TrainReport &report) const
{
    report.finalModel = writeModel();
    if (!report.finalModel.empty() && m_hooks.observer)
        m_hooks.observer->onModelWritten(report.finalModel, true);
}

std::filesystem::path Trainer::writeModel() const
{
    if (m_options.runDirectory.empty() || !leader())
        return {};
    const std::filesystem::path path = m_options.runDirectory / "model.safetensors";
    if (m_network) { // our model file (core/models/modelfile.h), loadable with loadModel()
        NetworkImpl &network = *m_network.ptr();
        network.description().provenance["train_mode"] = trainModeName(m_options.mode);
        saveModel(path, network);
        return path;
    }
    if (m_clip.saveModel) {
        m_clip.saveModel(path);
        return path;
    }
    TensorMap tensors;
    for (const auto &item : m_module->named_parameters())
        tensors.insert(item.key(), item.value().detach().to(torch::kCPU).contiguous());
    for (const auto &item : m_module->named_buffers())
        tensors.insert(item.key(), item.value().detach().to(torch::kCPU).contiguous());
    Metadata metadata;
    metadata.set("bcos.train_mode", trainModeName(m_options.mode));
    writeSafetensors(path, tensors, metadata);
    return path;
}

TrainReport Trainer::run()
{
    flushDenormals(); // the studio trains on a worker thread
    TrainReport report;
    try {
        translateTorchErrors("training", [&] { report = trainLoop(); });
    } catch (const Error &error) {
        // Out of memory (CPU or GPU): say which two settings decide the memory of a step.
        const std::string_view message = error.what();
        if (error.code() != ErrorCode::Numerical || message.find(": out of memory") == std::string_view::npos)
            throw;
        const std::string size = m_options.imageSize > 0 ? std::to_string(m_options.imageSize) : "the data's own";
        throw Error(ErrorCode::Numerical, fmt::format("{}; lower the batch size (now {}) or the image size (now {})",
                                                      message, m_options.batchSize, size));
    }
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
    s.runStart = Clock::now();
    s.firstStep = s.position.globalStep;
    s.learningRate = m_options.learningRate;

    m_module->train();
    for (int64_t epoch = s.position.epoch; epoch < m_options.epochs; ++epoch) {
        const auto epochStart = Clock::now();
        if (!trainEpoch(s, epoch, report))
            return report; // cancelled or diverged
        finishEpoch(s, epoch, secondsSince(epochStart), report);
    }
    writeFinalModel(report);
    return report;
}

bool Trainer::trainEpoch(Running &s, int64_t epoch, TrainReport &report)
{
    s.trainLoader->startEpoch(epoch, epoch == s.position.epoch ? s.position.batch : 0);
    s.epochSums = s.window = MetricSums{};
    s.windowStart = Clock::now();
    while (auto batch = s.trainLoader->next()) {
        const auto pauseStart = Clock::now();
        if (stopRequested(s)) {
            if (!settleSteps(s, report))
                return false; // diverged before the cancel: the last checkpoint stays
            report.outcome = TrainOutcome::Cancelled;
            report.position = {epoch, batch->index, s.position.globalStep, m_options.seed, s.position.globalBatch};
            saveCheckpoint(s, report.position, report);
            report.message = fmt::format("cancelled at epoch {}, step {}; checkpoint saved", epoch + 1, batch->index);
            message(report.message);
            return false;
        }
        s.pausedSeconds += secondsSince(pauseStart);
        trainStep(s, *batch, epoch);
        // The host waits for the device only here: every logEvery steps (or 64, whichever comes first).
        const bool logNow = s.position.globalStep % m_options.logEvery == 0;
        if (logNow || s.pending.size() >= kMaxPendingSteps) {
            if (!settleSteps(s, report))
                return false;
            if (logNow)
                reportStep(s, epoch, batch->index);
        }
    }
    return settleSteps(s, report);
}

bool Trainer::settleSteps(Running &s, TrainReport &report)
{
    if (s.pending.empty())
        return true;
    const auto count = s.pending.size();
    std::vector<at::Tensor> losses, corrects;
    for (const auto &step : s.pending) {
        losses.push_back(step.loss.detach().to(torch::kDouble));
        if (step.correct.defined())
            corrects.push_back(step.correct);
    }
    const auto lossHost = torch::stack(losses).to(torch::kCPU).contiguous();
    const auto correctHost = corrects.empty() ? at::Tensor() : torch::stack(corrects).to(torch::kCPU).contiguous();
    // Per step: loss x images, images, correct -- summed over the ranks gives the global batch's mean loss.
    std::vector<double> values(3 * count);
    for (size_t i = 0; i < count; ++i) {
        const auto images = static_cast<double>(s.pending[i].images);
        values[3 * i] = lossHost.data_ptr<double>()[i] * images;
        values[3 * i + 1] = images;
        values[3 * i + 2] = correctHost.defined() ? static_cast<double>(correctHost.data_ptr<int64_t>()[i]) : 0.0;
    }
    if (s.parallel) // every rank sees the same (finite or not) values
        s.parallel->sum(values, "the step metrics' reduction");
    auto pending = std::move(s.pending);
    s.pending.clear();
    for (size_t i = 0; i < count; ++i) {
        const double loss = values[3 * i] / values[3 * i + 1];
        if (!std::isfinite(loss)) { // the steps from here on ran on bad weights: none of it is kept
            const auto &step = pending[i];
            report.outcome = TrainOutcome::Diverged;
            report.position = {step.epoch, step.batchIndex, step.globalStep, m_options.seed, s.position.globalBatch};
            // A NaN's sign bit means nothing, and LibTorch 2.x's kernels set it: "nan", never "-nan".
            report.message = fmt::format("the loss became {} at epoch {}, step {}; training stopped{}",
                                         std::isnan(loss) ? std::fabs(loss) : loss, step.epoch + 1,
                                         step.batchIndex + 1,
                                         report.checkpoint.empty() ? std::string() : " (the last checkpoint is kept)");
            message(report.message);
            return false;
        }
        const auto images = static_cast<int64_t>(values[3 * i + 1]);
        const auto correct = static_cast<int64_t>(values[3 * i + 2]);
        s.epochSums.add(loss, images, correct);
        s.window.add(loss, images, correct);
    }
    return true;
}

bool Trainer::stopRequested(Running &s)
{
    if (!s.parallel)
        return !waitWhilePaused();
    const bool cancel = m_hooks.control && m_hooks.control->cancel.load();
    if (m_hooks.control && m_hooks.control->pause.load() && !s.pauseNoted) {
        s.pauseNoted = true;
        message("pausing is not available in a data-parallel run; it goes on (cancel stops it with a checkpoint)");
    }
    return s.parallel->anyRank(cancel, "the stop check");
}

void Trainer::trainStep(Running &s, const Batch &batch, int64_t epoch)
{
    s.learningRate = scheduledLearningRate(m_options, s.position.globalStep, s.stepsPerEpoch);
    for (auto &group : s.optimizer->param_groups())
        group.options().set_lr(s.learningRate);

    Running::PendingStep step;
    step.images = batch.labels.size(0);
    step.epoch = epoch;
    step.batchIndex = batch.index;
    step.globalStep = s.position.globalStep;
    if (s.graphed.enabled && graphStep(s, batch, step.loss, step.correct)) {
        s.pending.push_back(std::move(step));
        ++s.position.globalStep;
        return;
    }

    const auto images = batch.images.to(s.device, /*non_blocking=*/true);
    const auto labels = batch.labels.to(s.device, /*non_blocking=*/true);
    if (s.graphed.step) // the graph's gradient buffers stay the parameters' gradients
        zeroGradients(s.parameters);
    else
        clearGradients(s.parameters);
    if (s.parallel)
        s.parallel->beginStep();
    at::Tensor logits;
    const auto loss = computeLoss(images, labels, &logits);
    step.loss = loss.detach();
    if (m_reportsAccuracy) // clip-distill has no logits, unlabelled data nothing to compare with
        step.correct = correctTopK(logits, labels, 1);
    s.pending.push_back(std::move(step));
    loss.backward();
    if (s.parallel)
        s.parallel->finishBackward();
    if (m_options.agc)
        adaptiveClipGrad(s.parameters, m_options.agcOptions);
    s.optimizer->step();
    ++s.position.globalStep;
}

bool Trainer::graphStep(Running &s, const Batch &batch, at::Tensor &loss, at::Tensor &correct)
{
    auto &g = s.graphed;
    if (!g.step) {
        const auto shape = batch.images.sizes().vec();
        if (shape != g.warmShape) {
            g.warmShape = shape;
            g.warmSteps = 0;
        }
        if (g.warmSteps++ < kGraphWarmupSteps || !captureGraph(s, batch))
            return false;
    } else if (batch.images.sizes() != g.images.sizes() || batch.labels.sizes() != g.labels.sizes()) {
        if (!g.shapeNoted) // the last, smaller batch of an epoch: once per run is enough
            message(fmt::format("CUDA graphs: a batch of {} images ran without the graph (it holds batches of {}); "
                                "further batches of other shapes do so silently", batch.images.size(0),
                                g.images.size(0)));
        g.shapeNoted = true;
        return false;
    } else {
        g.images.copy_(batch.images, /*non_blocking=*/true);
        g.labels.copy_(batch.labels, /*non_blocking=*/true);
        g.update->prepare();
    }
    g.step->replay();
    loss = g.loss.detach().clone(); // the next replay rewrites the graph's outputs
    if (g.correct.defined())
        correct = g.correct.clone();
    return true;
}

bool Trainer::captureGraph(Running &s, const Batch &batch)
{
    auto &g = s.graphed;
    const auto off = [&](const std::string &why) {
        g.enabled = false;
        g.step.reset();
        g.update.reset();
        clearGradients(s.parameters); // whatever a failed capture left there
        message(fmt::format("CUDA graphs: {}; the steps run one by one from here on", why));
        return false;
    };
    std::string whyNot;
    g.update = makeGraphedUpdate(*s.optimizer, &whyNot);
    if (!g.update)
        return off("the optimiser step cannot be captured (" + whyNot + ")");
    g.images = torch::empty(batch.images.sizes(), batch.images.options().device(s.device));
    g.labels = torch::empty(batch.labels.sizes(), batch.labels.options().device(s.device));
    g.images.copy_(batch.images, /*non_blocking=*/true);
    g.labels.copy_(batch.labels, /*non_blocking=*/true);
    g.update->prepare();
    const auto work = [this, &s] {
        auto &graph = s.graphed;
        // Without gradients, backward gives each parameter a buffer of its own, which every replay rewrites (a
        // replay computes them afresh, as this work does each time it runs).
        clearGradients(s.parameters);
        at::Tensor logits;
        graph.loss = computeLoss(graph.images, graph.labels, &logits);
        if (m_reportsAccuracy)
            graph.correct = correctTopK(logits, graph.labels, 1);
        graph.loss.backward();
        if (m_options.agc)
            adaptiveClipGrad(s.parameters, m_options.agcOptions);
        graph.update->apply();
    };
    try {
        if (m_hooks.captureStep)
            g.step = m_hooks.captureStep(work);
        else
            g.step = std::make_unique<CapturedWork>(work, /*warmups=*/0);
    } catch (const std::exception &e) {
        g.update->rollback();
        return off(fmt::format("the training step could not be captured ({})", e.what()));
    }
    size_t withGradients = 0;
    for (const auto &parameter : s.parameters)
        withGradients += parameter.grad().defined() ? 1 : 0;
    if (withGradients != g.update->parameterCount()) {
        g.update->rollback();
        return off(fmt::format("{} parameters get gradients, the optimiser had stepped {} of them",
                               withGradients, g.update->parameterCount()));
    }
    message(fmt::format("CUDA graphs: from step {} on, each step of {} images replays as one graph ({} warm-up steps "
                        "ran one by one)", s.position.globalStep + 1, batch.images.size(0), kGraphWarmupSteps));
    return true;
}

void Trainer::reportStep(Running &s, int64_t epoch, int64_t batchIndex)
{
    StepMetrics step;
    step.epoch = epoch;
    step.stepInEpoch = batchIndex + 1;
    step.stepsPerEpoch = s.stepsPerEpoch;
    step.globalStep = s.position.globalStep;
    step.totalSteps = s.totalSteps;
    step.loss = s.window.stepLoss / static_cast<double>(s.window.steps);
    step.top1 = !m_reportsAccuracy
        ? kNaN
        : static_cast<double>(s.window.correct) / static_cast<double>(s.window.images);
    step.imagesPerSecond = static_cast<double>(s.window.images) / std::max(1e-9, secondsSince(s.windowStart));
    step.learningRate = s.learningRate;
    const double perStep =
        (secondsSince(s.runStart) - s.pausedSeconds) / static_cast<double>(s.position.globalStep - s.firstStep);
    step.etaSeconds = perStep * static_cast<double>(s.totalSteps - s.position.globalStep);
    step.batchSize = m_options.batchSize * (s.parallel ? s.parallel->worldSize() : 1);
    step.bcosB = m_network && m_network->isBcos() ? m_network->description().bcos.b : 0.0;
    step.gpuMemoryBytes = s.device.is_cuda() ? cudaMemoryInUse(std::max<int>(0, s.device.index())) : -1;
    s.log->appendStep(step);
    if (m_hooks.observer)
        m_hooks.observer->onStep(step);
    s.window = MetricSums{};
    s.windowStart = Clock::now();
}

void Trainer::finishEpoch(Running &s, int64_t epoch, double seconds, TrainReport &report)
{
    auto metrics = validate(s, epoch);
    const MetricSums &sums = s.epochSums;
    metrics.trainLoss = sums.images > 0 ? sums.imageLoss / static_cast<double>(sums.images) : kNaN;
    metrics.trainTop1 = !m_reportsAccuracy || sums.images == 0
        ? kNaN
        : static_cast<double>(sums.correct) / static_cast<double>(sums.images);
    metrics.learningRate = s.learningRate;
    metrics.seconds = seconds;
    s.log->appendEpoch(metrics);
    s.position = {epoch + 1, 0, s.position.globalStep, m_options.seed, s.position.globalBatch};
    report.position = s.position;
    if (m_options.checkpointEveryEpoch || epoch + 1 == m_options.epochs)
        saveCheckpoint(s, s.position, report);
    if (m_hooks.probe && m_network && leader()) {
        m_module->eval();
        m_hooks.probe(*m_network, epoch);
        m_module->train();
    }
    report.epochs.push_back(metrics);
    if (m_hooks.observer)
        m_hooks.observer->onEpoch(metrics);
}

void Trainer::saveCheckpoint(Running &s, const TrainPosition &position, TrainReport &report) const
{
    if (m_options.runDirectory.empty())
        return;
    report.checkpoint = checkpointPath(m_options.runDirectory);
    if (!leader())
        return;
    core::saveCheckpoint(report.checkpoint, *m_module, *s.optimizer, position);
    if (m_hooks.observer)
        m_hooks.observer->onCheckpoint(report.checkpoint);
}

} // namespace bcos::core
