#include "coretrainer.h"

#include "core/data/cifardataset.h"
#include "core/data/idxdataset.h"
#include "core/error.h"
#include "core/imaging/imagefolder.h"
#include "core/models/family.h"
#include "core/models/loadweights.h"
#include "core/bcosify/bcosify.h"
#include "core/train/trainer.h"
#include "widgets/jobs/explanationrenderer.h"
#include "widgets/session/modelloading.h"

#include <QDir>

namespace bcos::widgets {
namespace {

/// Core observer -> TrainingHooks. Pause blocks here and cancel is handed to the trainer's TrainControl:
/// with logEvery = 1 both are honoured between any two optimisation steps.
class HooksObserver : public core::TrainObserver {
public:
    HooksObserver(TrainingHooks &hooks, core::TrainControl &control)
        : m_hooks(hooks)
        , m_control(control)
    {
    }
    void onStart(const core::TrainStartInfo &info) override
    {
        m_hooks.message(QObject::tr("%1 training images, %2 validation images on %3 (%4)")
                            .arg(info.trainSize).arg(info.valSize)
                            .arg(QString::fromStdString(info.device), QString::fromStdString(info.precision)));
        for (const std::string &note : info.notes)
            m_hooks.message(QString::fromStdString(note));
    }
    void onStep(const core::StepMetrics &m) override
    {
        m_hooks.step({static_cast<int>(m.epoch), static_cast<int>(m.globalStep), static_cast<int>(m.stepsPerEpoch),
                      static_cast<int>(m.totalSteps), m.loss, m.top1, m.imagesPerSecond, m.learningRate,
                      m.gpuMemoryBytes});
        m_hooks.waitWhilePaused();
        m_control.cancel.store(m_hooks.cancelled());
    }
    void onEpoch(const core::EpochMetrics &m) override
    {
        m_hooks.epoch({static_cast<int>(m.epoch), m.trainLoss, m.trainTop1, m.valTop1, m.seconds});
        m_control.cancel.store(m_hooks.cancelled());
    }
    void onMessage(const std::string &text) override { m_hooks.message(QString::fromStdString(text)); }

private:
    TrainingHooks &m_hooks;
    core::TrainControl &m_control;
};

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
    options.bf16 = settings.precision != QLatin1String("fp32");
    options.logEvery = 1;
    if (settings.datasetKind == DatasetKind::Folder) // decoded photos: crop to what the model expects
        options.imageSize = network.description().preprocessing.inputSize;
    options.runDirectory = settings.runDirectory.toStdString();
    return options;
}

} // namespace

void trainWithCore(const TrainingSettings &settings, TrainingHooks &hooks)
{
    core::TrainData data = openData(settings);
    core::Network network = makeNetwork(settings);
    const core::TrainOptions options = makeOptions(settings, *network);
    if (!settings.runDirectory.isEmpty())
        QDir().mkpath(settings.runDirectory);
    core::TrainControl control;
    HooksObserver observer(hooks, control);
    core::TrainHooks trainHooks;
    trainHooks.observer = &observer;
    trainHooks.control = &control;
    const bool cpu = options.device == "cpu";
    if (!settings.probes.isEmpty() && network->isBcos() && cpu)
        trainHooks.probe = [&settings, &hooks](core::NetworkImpl &net, int64_t epoch) {
            const RenderedColumn probes =
                renderColumn(net, ColumnSpec::explanation(core::ExplainMethod::Wxx, true, ModelRole::Bcos), settings.probes);
            hooks.probe(static_cast<int>(epoch), probes.images);
        };
    core::Trainer trainer(options, std::move(data), network, trainHooks);
    const core::TrainReport report = trainer.run();
    if (report.outcome != core::TrainOutcome::Completed)
        hooks.message(QString::fromStdString(report.message));
    else if (!report.finalModel.empty())
        hooks.message(QObject::tr("model written to %1").arg(QString::fromStdString(report.finalModel.string())));
}

} // namespace bcos::widgets
