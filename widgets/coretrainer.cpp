#include "coretrainer.h"

#include "core/error.h"
#include "core/models/loadweights.h"
#include "core/train/trainer.h"
#include "core/workflows/datasetspec.h"
#include "core/workflows/trainingnetwork.h"
#include "widgets/explanationrenderer.h"
#include "widgets/modelloading.h"

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
            const RenderedColumn probes = renderColumn(net, ViewSettings::defaults(QStringLiteral("wxx"), {}), settings.probes);
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
