#include "coretrainer.h"

#include "core/data/cifardataset.h"
#include "core/data/idxdataset.h"
#include "core/error.h"
#include "core/imaging/imagefolder.h"
#include "core/models/family.h"
#include "core/models/loadweights.h"
#include "core/bcosify/bcosify.h"
#include "core/train/trainer.h"
#include "widgets/session/modelloading.h"

#include <QDir>

namespace bcos::widgets {
namespace {

core::TrainData openData(const TrainingSettings &settings)
{
    const std::string path = settings.datasetPath.toStdString();
    if (path.empty())
        core::fail(core::ErrorCode::InvalidArgument, "choose the dataset folder in the training form");
    core::TrainData data;
    switch (settings.datasetKind) {
    case DatasetKind::Idx:
        data = {std::make_shared<core::IdxDataset>(path, true), std::make_shared<core::IdxDataset>(path, false)};
        break;
    case DatasetKind::Cifar:
        data = {std::make_shared<core::CifarDataset>(path, true), std::make_shared<core::CifarDataset>(path, false)};
        break;
    case DatasetKind::Folder: {
        const imaging::ImageFolderSplit split = imaging::openImageFolder(path, 0.1, 0);
        data = {split.train, split.val};
        break;
    }
    }
    if (settings.maxSamples > 0) {
        data.train = core::headSubset(data.train, settings.maxSamples);
        if (data.val)
            data.val = core::headSubset(data.val, settings.maxSamples);
    }
    return data;
}

core::Network makeNetwork(const TrainingSettings &settings)
{
    if (!settings.model)
        core::fail(core::ErrorCode::InvalidArgument,
                   "load a standard model first: training starts from its architecture (and weights)");
    const LoadedModel &model = *settings.model;
    switch (settings.mode) {
    case TrainingMode::Bcosify:
        return core::Network(bcosifyLoadedModel(model, settings.b).network);
    case TrainingMode::Pretrain: {
        std::lock_guard lock(*model.mutex);
        return core::loadStandardNetwork(model.description, core::stateDict(model.network->model()), model.path);
    }
    case TrainingMode::Scratch: {
        core::ModelDescription description = model.description;
        description.bcos.enabled = true;
        description.bcos.b = settings.b;
        return core::buildNetwork(description);
    }
    }
    core::fail(core::ErrorCode::InvalidArgument, "unknown training mode");
}

core::TrainOptions makeOptions(const TrainingSettings &settings, const core::NetworkImpl &network)
{
    core::TrainOptions options;
    options.mode = settings.mode == TrainingMode::Bcosify ? core::TrainMode::Bcosify
        : settings.mode == TrainingMode::Pretrain         ? core::TrainMode::Pretrain
                                                          : core::TrainMode::Scratch;
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
