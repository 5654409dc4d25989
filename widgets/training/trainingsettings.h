#pragma once

#include "core/train/trainoptions.h"
#include "core/workflows/datasetspec.h"

#include <QImage>
#include <QJsonObject>
#include <QString>
#include <QVector>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace bcos::widgets {

struct LoadedModel;

/// The training form. Defaults are the reference's ImageNet B-cosification recipe
/// (bcos/experiments/ImageNet/bcosification): B = 2, Adam lr 1e-4 with cosine annealing, 90 epochs,
/// batch 64 per GPU, adaptive gradient clipping on.
struct TrainingSettings {
    double b = 2.0;
    double learningRate = 1e-4;
    int epochs = 90;
    int batchSize = 64;
    bool adaptiveGradientClipping = true;
    bool bf16 = false;                          ///< CUDA bfloat16 autocast (core reports it on the CPU)
    bool cudaGraphs = false;                    ///< steps replayed as CUDA graphs (core reports it where unused)
    QString device = QStringLiteral("cpu");     ///< "cpu" or "cuda:<k>"; "cuda" with localRanks > 1
    /// Data-parallel ranks in this process (the device box's "all GPUs of this machine": one rank per GPU,
    /// batchSize each; core::runLocalRanks). 1: a single trainer.
    int localRanks = 1;
    core::DatasetKind datasetKind = core::DatasetKind::ImageFolder;
    QString datasetPath;
    /// What is trained (B-cosification paper, Sec. 4): the loaded standard model B-cosified then fine-tuned
    /// (Bcosify), fine-tuned as it is (Pretrain), a B-cos network of its architecture from scratch, or B-cosified
    /// and distilled from the loaded model without labels (Distill). ClipDistill is the CLI's (it needs an OpenAI
    /// CLIP file, not a loaded classifier).
    core::TrainMode mode = core::TrainMode::Bcosify;
    int maxSamples = 0;                       ///< train on the first N samples only (0 = all; quick runs)

    // Filled by the window when training starts (TrainingController's context provider), not by the form:
    std::shared_ptr<LoadedModel> model;       ///< the loaded standard model (its architecture and weights)
    /// Reads the pinned images whose W(x)x is drawn after each epoch: called once, on the training thread (it may
    /// decode files); empty = no probes.
    std::function<QVector<QImage>()> probes;
    QString runDirectory;                     ///< metrics, checkpoints and the final model (empty = none)
};

/// The form's fields as JSON (the run folder's studio-settings.json and the remembered form): "b",
/// "learningRate", "epochs", "batchSize", "agc", "bf16", "cudaGraphs", "device", "dataset" ("folder"/"idx"/"cifar"),
/// "datasetPath", "mode" ("bcosify"/"pretrain"/"scratch"/"distill"), "maxSamples", "localRanks". The context fields are
/// not stored.
QJsonObject trainingSettingsToJson(const TrainingSettings &settings);
/// Reads what trainingSettingsToJson() wrote; a missing or unreadable field keeps `defaults`' value.
TrainingSettings trainingSettingsFromJson(const QJsonObject &json, const TrainingSettings &defaults = {});

/// The `bcos train` arguments of the same run (the cluster launch scripts; docs/distributed.md): mode, the loaded
/// model's file as --weights, the form's recipe, the dataset, --out the run directory (RUN_DIR when empty).
/// core::Error{Unsupported} for what the command line cannot express: a model that is no file of its own
/// (a conversion in memory), or --mode scratch (its --arch is the loaded model's architecture, not a file).
std::vector<std::string> trainCommandArguments(const TrainingSettings &settings);

/// The demo's training recipe: B-cosify the demo DenseNet on Fashion-MNIST (IDX, fashionMnistDir()), 2 epochs of
/// 20 000 images at learning rate 1e-3: about a minute on 2 cores, from ~10 % to ~70 % validation top-1.
TrainingSettings demoTrainingSettings();

/// The studio's runs folder: <AppLocalDataLocation>/runs, one sub-folder per run (yyyyMMdd-HHmmss).
QString defaultRunsDirectory();
/// The file in a run folder that holds the form's settings of the run.
inline constexpr const char *kRunSettingsFile = "studio-settings.json";

} // namespace bcos::widgets
