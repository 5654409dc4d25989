#include "trainingsettings.h"

#include "widgets/session/demodata.h"

#include "core/enumnames.h"
#include "core/error.h"
#include "widgets/session/modelloading.h"

#include <fmt/format.h>

#include <QFileInfo>
#include <QStandardPaths>

#include <algorithm>

namespace bcos::widgets {
namespace {

/// The modes the studio trains (clip-distill is the CLI's).
constexpr core::EnumNames<core::TrainMode, 4> kStudioModes{{{core::TrainMode::Bcosify, "bcosify"},
                                                             {core::TrainMode::Pretrain, "pretrain"},
                                                             {core::TrainMode::Scratch, "scratch"},
                                                             {core::TrainMode::Distill, "distill"}}};

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
            {QStringLiteral("cudaGraphs"), s.cudaGraphs},
            {QStringLiteral("device"), s.device},
            {QStringLiteral("dataset"), QString::fromStdString(std::string(core::enumName(core::kDatasetKindNames, s.datasetKind)))},
            {QStringLiteral("datasetPath"), s.datasetPath},
            {QStringLiteral("mode"), QString::fromStdString(std::string(core::enumName(kStudioModes, s.mode)))},
            {QStringLiteral("maxSamples"), s.maxSamples},
            {QStringLiteral("localRanks"), s.localRanks}};
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
    s.cudaGraphs = json.value(QStringLiteral("cudaGraphs")).toBool(s.cudaGraphs);
    s.device = json.value(QStringLiteral("device")).toString(s.device);
    s.datasetKind = enumFromJson(json, "dataset", core::kDatasetKindNames, s.datasetKind);
    s.datasetPath = json.value(QStringLiteral("datasetPath")).toString(s.datasetPath);
    s.mode = enumFromJson(json, "mode", kStudioModes, s.mode);
    s.maxSamples = json.value(QStringLiteral("maxSamples")).toInt(s.maxSamples);
    s.localRanks = std::max(1, json.value(QStringLiteral("localRanks")).toInt(s.localRanks));
    return s;
}

std::vector<std::string> trainCommandArguments(const TrainingSettings &s)
{
    if (!s.model || s.model->path.empty() || !QFileInfo::exists(QString::fromStdString(s.model->path)))
        core::fail(core::ErrorCode::Unsupported, "a launch script needs the loaded model as a file of its own{}",
                   s.model ? " (" + s.model->path + " is not one)" : std::string(": load a standard model first"));
    if (s.mode == core::TrainMode::Scratch)
        core::fail(core::ErrorCode::Unsupported, "a launch script covers bcosify, distill and pretrain; for scratch write "
                   "bcos train --mode scratch --arch <architecture JSON> yourself");
    std::vector<std::string> arguments{"--mode", std::string(core::enumName(kStudioModes, s.mode)),
                                       "--weights", s.model->path,
                                       "--data", core::datasetSpecText(s.datasetKind, s.datasetPath.toStdString()),
                                       "--epochs", std::to_string(s.epochs),
                                       "--batch-size", std::to_string(s.batchSize),
                                       "--lr", fmt::format("{}", s.learningRate),
                                       "--b", fmt::format("{}", s.b)};
    if (!s.adaptiveGradientClipping)
        arguments.push_back("--no-agc");
    if (s.bf16)
        arguments.push_back("--bf16");
    // (cudaGraphs is left out: a cluster run is data-parallel, where the trainer steps eagerly.)
    if (s.maxSamples > 0)
        arguments.insert(arguments.end(), {"--train-limit", std::to_string(s.maxSamples), "--val-limit",
                                           std::to_string(s.maxSamples)});
    if (s.datasetKind == core::DatasetKind::ImageFolder) // the studio crops photos to the model's input size
        arguments.insert(arguments.end(), {"--image-size", std::to_string(s.model->description.preprocessing.inputSize)});
    arguments.insert(arguments.end(), {"--out", s.runDirectory.isEmpty() ? std::string("RUN_DIR") : s.runDirectory.toStdString()});
    return arguments;
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
