#include "coretrainer.h"

#include "core/error.h"
#include "core/models/loadweights.h"
#include "core/train/trainer.h"
#include "core/workflows/datasetspec.h"
#include "core/workflows/trainingnetwork.h"
#include "widgets/session/modelloading.h"

#include <QDir>

namespace bcos::widgets {
namespace {

core::TrainMode coreMode(TrainingMode mode)
{
    switch (mode) {
    case TrainingMode::Bcosify: return core::TrainMode::Bcosify;
    case TrainingMode::Pretrain: return core::TrainMode::Pretrain;
    case TrainingMode::Scratch: break;
    }
    return core::TrainMode::Scratch;
}

core::TrainData openData(const TrainingSettings &settings)
{
    core::DatasetSpec spec;
    spec.path = settings.datasetPath.toStdString();
    if (spec.path.empty())
        core::fail(core::ErrorCode::InvalidArgument, "choose the dataset folder in the training form");
    spec.kind = settings.datasetKind == DatasetKind::Idx  ? core::DatasetKind::Idx
        : settings.datasetKind == DatasetKind::Cifar      ? core::DatasetKind::Cifar
                                                          : core::DatasetKind::ImageFolder;
    spec.trainLimit = spec.valLimit = settings.maxSamples;
    return core::openDataset(spec);
}

/// Bcosify and Pretrain start from the loaded model's weights, Scratch only from its architecture.
core::Network makeNetwork(const TrainingSettings &settings)
{
    if (!settings.model)
        core::fail(core::ErrorCode::InvalidArgument,
                   "load a standard model first: training starts from its architecture (and weights)");
    const LoadedModel &model = *settings.model;
    core::TrainingNetworkSpec spec;
    spec.mode = coreMode(settings.mode);
    spec.description = model.description;
    spec.origin = model.path;
    spec.bcos = spec.mode == core::TrainMode::Scratch ? model.description.bcos : core::BcosSettings{};
    spec.bcos.b = settings.b;
    std::unique_lock<std::mutex> lock; // the weights are shared with the loaded model, not copied
    if (spec.mode != core::TrainMode::Scratch) {
        if (!model.network)
            core::fail(core::ErrorCode::InvalidArgument, "{}: only classifiers can be B-cosified here", model.path);
        lock = std::unique_lock(*model.mutex);
        spec.weights = core::stateDict(model.network->model());
    }
    core::Network network = core::buildTrainingNetwork(spec);
    if (spec.mode == core::TrainMode::Bcosify)
        network->description().provenance["bcosified_from"] = model.path;
    return network;
}

core::TrainOptions makeOptions(const TrainingSettings &settings, const core::NetworkImpl &network)
{
    core::TrainOptions options;
    options.mode = coreMode(settings.mode);
    options.epochs = settings.epochs;
    options.batchSize = settings.batchSize;
    options.learningRate = settings.learningRate;
    options.agc = settings.adaptiveGradientClipping;
    options.device = settings.device.isEmpty() ? "cpu" : settings.device.toStdString();
    options.bf16 = settings.precision == QLatin1String("bf16");
    options.logEvery = 1;
    if (settings.datasetKind == DatasetKind::Folder) // decoded photos: crop to what the model expects
        options.imageSize = network.description().preprocessing.inputSize;
    options.runDirectory = settings.runDirectory.toStdString();
    return options;
}

} // namespace

void trainWithCore(const TrainingSettings &settings, const core::TrainHooks &hooks)
{
    core::TrainData data = openData(settings);
    core::Network network = makeNetwork(settings);
    const core::TrainOptions options = makeOptions(settings, *network);
    if (!settings.runDirectory.isEmpty())
        QDir().mkpath(settings.runDirectory);
    core::TrainHooks trainHooks = hooks;
    if (settings.probes.isEmpty() || !network->isBcos() || options.device != "cpu")
        trainHooks.probe = nullptr; // W(x)x of the probes: B-cos networks, rendered on the CPU
    core::Trainer trainer(options, std::move(data), network, trainHooks);
    const core::TrainReport report = trainer.run();
    if (!hooks.observer)
        return;
    if (report.outcome != core::TrainOutcome::Completed)
        hooks.observer->onMessage(report.message);
    else if (!report.finalModel.empty())
        hooks.observer->onMessage(
            QObject::tr("model written to %1").arg(QString::fromStdString(report.finalModel.string())).toStdString());
}

} // namespace bcos::widgets
