#include "trainingsettings.h"

#include "widgets/session/demodata.h"

#include "core/enumnames.h"

#include <QStandardPaths>

namespace bcos::widgets {
namespace {

/// The modes the studio trains (clip-distill is the CLI's).
constexpr core::EnumNames<core::TrainMode, 3> kStudioModes{{{core::TrainMode::Bcosify, "bcosify"},
                                                             {core::TrainMode::Pretrain, "pretrain"},
                                                             {core::TrainMode::Scratch, "scratch"}}};

template <class Enum, size_t N>
Enum enumFromJson(const QJsonObject &json, const char *key, const core::EnumNames<Enum, N> &names, Enum fallback)
{
    const std::string text = json.value(QLatin1String(key)).toString().toStdString();
    const auto value = core::enumFromName(names, text);
    return value ? *value : fallback;
}

} // namespace

QJsonObject trainingSettingsToJson(const TrainingSettings &s)
{
    return {{QStringLiteral("b"), s.b},
            {QStringLiteral("learningRate"), s.learningRate},
            {QStringLiteral("epochs"), s.epochs},
            {QStringLiteral("batchSize"), s.batchSize},
            {QStringLiteral("agc"), s.adaptiveGradientClipping},
            {QStringLiteral("bf16"), s.bf16},
            {QStringLiteral("device"), s.device},
            {QStringLiteral("dataset"), QString::fromStdString(std::string(core::enumName(core::kDatasetKindNames, s.datasetKind)))},
            {QStringLiteral("datasetPath"), s.datasetPath},
            {QStringLiteral("mode"), QString::fromStdString(std::string(core::enumName(kStudioModes, s.mode)))},
            {QStringLiteral("maxSamples"), s.maxSamples}};
}

TrainingSettings trainingSettingsFromJson(const QJsonObject &json, const TrainingSettings &defaults)
{
    TrainingSettings s = defaults;
    s.b = json.value(QStringLiteral("b")).toDouble(s.b);
    s.learningRate = json.value(QStringLiteral("learningRate")).toDouble(s.learningRate);
    s.epochs = json.value(QStringLiteral("epochs")).toInt(s.epochs);
    s.batchSize = json.value(QStringLiteral("batchSize")).toInt(s.batchSize);
    s.adaptiveGradientClipping = json.value(QStringLiteral("agc")).toBool(s.adaptiveGradientClipping);
    s.bf16 = json.value(QStringLiteral("bf16")).toBool(s.bf16);
    s.device = json.value(QStringLiteral("device")).toString(s.device);
    s.datasetKind = enumFromJson(json, "dataset", core::kDatasetKindNames, s.datasetKind);
    s.datasetPath = json.value(QStringLiteral("datasetPath")).toString(s.datasetPath);
    s.mode = enumFromJson(json, "mode", kStudioModes, s.mode);
    s.maxSamples = json.value(QStringLiteral("maxSamples")).toInt(s.maxSamples);
    return s;
}

TrainingSettings demoTrainingSettings()
{
    TrainingSettings s;
    s.mode = core::TrainMode::Bcosify;
    s.datasetKind = core::DatasetKind::Idx;
    s.datasetPath = fashionMnistDir();
    s.epochs = 2;
    s.learningRate = 1e-3;
    s.maxSamples = 20000;
    return s;
}

QString defaultRunsDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/runs");
}

} // namespace bcos::widgets
