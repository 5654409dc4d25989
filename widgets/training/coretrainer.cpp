#include "coretrainer.h"

#include "core/error.h"
#include "core/models/loadweights.h"
#include "core/train/distributedgroup.h"
#include "core/train/localranks.h"
#include "core/train/trainer.h"
#include "core/workflows/datasetspec.h"
#include "core/workflows/trainingnetwork.h"
#include "widgets/session/modelloading.h"

#include <QDir>

namespace bcos::widgets {
namespace {

core::TrainData openData(const TrainingSettings &settings)
{
    core::DatasetSpec spec;
    spec.path = settings.datasetPath.toStdString();
    if (spec.path.empty())
        core::fail(core::ErrorCode::InvalidArgument, "choose the dataset folder in the training form");
    spec.kind = settings.datasetKind;
    spec.trainLimit = spec.valLimit = settings.maxSamples;
    return core::openDataset(spec);
}

/// Bcosify, Distill and Pretrain start from the loaded model's weights, Scratch only from its architecture.
core::TrainingNetworkSpec networkSpec(const TrainingSettings &settings, std::unique_lock<std::mutex> &lock)
{
    if (!settings.model)
        core::fail(core::ErrorCode::InvalidArgument,
                   "load a standard model first: training starts from its architecture (and weights)");
    const LoadedModel &model = *settings.model;
    core::TrainingNetworkSpec spec;
    spec.mode = settings.mode;
    spec.description = model.description;
    spec.origin = model.path;
    spec.bcos = spec.mode == core::TrainMode::Scratch ? model.description.bcos : core::BcosSettings{};
    spec.bcos.b = settings.b;
    if (spec.mode != core::TrainMode::Scratch) { // the weights are shared with the loaded model, not copied
        if (!model.network)
            core::fail(core::ErrorCode::InvalidArgument, "{}: only classifiers can be B-cosified here", model.path);
        if (spec.mode == core::TrainMode::Distill && model.network->isBcos())
            core::fail(core::ErrorCode::InvalidArgument, "{}: already a B-cos network; distilling without labels "
                       "needs the standard network to learn from", model.path);
        lock = std::unique_lock(*model.mutex);
        spec.weights = core::stateDict(model.network->model());
    }
    return spec;
}

core::Network makeNetwork(const TrainingSettings &settings)
{
    std::unique_lock<std::mutex> lock;
    const core::TrainingNetworkSpec spec = networkSpec(settings, lock);
    core::Network network = core::buildTrainingNetwork(spec);
    if (spec.mode == core::TrainMode::Bcosify)
        network->description().provenance["bcosified_from"] = settings.model->path;
    return network;
}

core::DistillTask makeDistillation(const TrainingSettings &settings)
{
    std::unique_lock<std::mutex> lock;
    const core::TrainingNetworkSpec spec = networkSpec(settings, lock);
    core::DistillTask task = core::buildDistillation(spec);
    task.student->description().provenance["distilled_from"] = settings.model->path;
    return task;
}

core::TrainOptions makeOptions(const TrainingSettings &settings, const core::NetworkImpl &network)
{
    core::TrainOptions options;
    options.mode = settings.mode;
    options.epochs = settings.epochs;
    options.batchSize = settings.batchSize;
    options.learningRate = settings.learningRate;
    options.agc = settings.adaptiveGradientClipping;
    options.device = settings.device.isEmpty() ? "cpu" : settings.device.toStdString();
    options.bf16 = settings.bf16;
    options.cudaGraphs = settings.cudaGraphs;
    // The chart's points: every step on the CPU (reading the loss costs nothing there); every 8th on a GPU, where
    // each read waits for the device and keeps it from queueing the next steps (the Trainer reads them in one go).
    options.logEvery = options.device.rfind("cuda", 0) == 0 ? 8 : 1;
    if (settings.datasetKind == core::DatasetKind::ImageFolder) // decoded photos: crop to what the model expects
        options.imageSize = network.description().preprocessing.inputSize;
    options.runDirectory = settings.runDirectory.toStdString();
    return options;
}

/// One trainer: the whole run, or one rank of it (`group`; rank 0 reports to the studio, all obey its control).
core::TrainReport trainRank(const TrainingSettings &settings, const core::TrainHooks &hooks,
                            const std::shared_ptr<core::DistributedGroup> &group)
{
    core::TrainData data = openData(settings);
    core::DistillTask distillation;
    if (settings.mode == core::TrainMode::Distill)
        distillation = makeDistillation(settings);
    else
        core::checkTrainingLabels(settings.mode, *data.train);
    core::Network network = distillation.student ? distillation.student : makeNetwork(settings);
    core::TrainOptions options = makeOptions(settings, *network);
    core::TrainHooks trainHooks = hooks;
    if (group) {
        options.device = group->config().device; // cuda:<rank> with GPUs (core::runLocalRanks)
        trainHooks.group = group;
        if (group->rank() != 0)
            trainHooks.observer = nullptr;
    }
    if (!settings.probes || !network->isBcos() || options.device != "cpu")
        trainHooks.probe = nullptr; // W(x)x of the probes: B-cos networks, rendered on the CPU
    if (distillation.student) {
        core::Trainer trainer(options, std::move(data), std::move(distillation), trainHooks);
        return trainer.run();
    }
    core::Trainer trainer(options, std::move(data), network, trainHooks);
    return trainer.run();
}

} // namespace

void trainWithCore(const TrainingSettings &settings, const core::TrainHooks &hooks)
{
    if (!settings.runDirectory.isEmpty())
        QDir().mkpath(settings.runDirectory);
    core::TrainReport report;
    if (settings.localRanks > 1) { // "all GPUs of this machine": one rank per GPU, as threads of the studio
        core::runLocalRanks(settings.localRanks, std::chrono::minutes(5),
                            [&](const std::shared_ptr<core::DistributedGroup> &group) {
                                core::TrainReport rankReport = trainRank(settings, hooks, group);
                                if (group->rank() == 0)
                                    report = std::move(rankReport);
                            },
                            settings.device.isEmpty() ? std::string("cpu") : settings.device.toStdString());
    } else {
        report = trainRank(settings, hooks, nullptr);
    }
    if (!hooks.observer)
        return;
    if (report.outcome != core::TrainOutcome::Completed)
        hooks.observer->onMessage(report.message);
    else if (!report.finalModel.empty())
        hooks.observer->onMessage(
            QObject::tr("model written to %1").arg(QString::fromStdString(report.finalModel.string())).toStdString());
}

} // namespace bcos::widgets
