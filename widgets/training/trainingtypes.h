#pragma once

#include <QImage>
#include <QMetaType>
#include <QString>
#include <QVector>

#include <memory>

namespace bcos::widgets {

struct LoadedModel;

enum class DatasetKind { Folder, Idx, Cifar };
/// What is trained (B-cosification paper, Sec. 4): the loaded standard model B-cosified then fine-tuned,
/// the loaded standard model fine-tuned as it is, or a B-cos network of its architecture from scratch.
enum class TrainingMode { Bcosify, Pretrain, Scratch };

/// The training form. Defaults are the reference's ImageNet B-cosification recipe
/// (bcos/experiments/ImageNet/bcosification): B = 2, Adam lr 1e-4 with cosine annealing, 90 epochs,
/// batch 64 per GPU, adaptive gradient clipping on.
struct TrainingSettings {
    double b = 2.0;
    double learningRate = 1e-4;
    int epochs = 90;
    int batchSize = 64;
    bool adaptiveGradientClipping = true;
    QString precision = QStringLiteral("fp32"); ///< "fp32", "bf16", "fp16"
    QString device = QStringLiteral("cpu");     ///< "cpu" or "cuda:<k>"
    DatasetKind datasetKind = DatasetKind::Folder;
    QString datasetPath;
    TrainingMode mode = TrainingMode::Bcosify;
    int maxSamples = 0;                       ///< train on the first N samples only (0 = all; quick runs)

    // Filled by the window when training starts (TrainingController's context provider), not by the form:
    std::shared_ptr<LoadedModel> model;       ///< the loaded standard model (its architecture and weights)
    QVector<QImage> probes;                   ///< pinned images whose W(x)x is drawn after each epoch
    QString runDirectory;                     ///< metrics, checkpoints and the final model (empty = none)
};

/// Reported after each optimiser step.
struct StepMetrics {
    int epoch = 0;            ///< 0-based
    int step = 0;             ///< global step, 1-based
    int stepsPerEpoch = 1;
    int totalSteps = 1;
    double loss = 0.0;
    double accuracy = 0.0;    ///< training top-1 of the batch, in [0, 1]
    double imagesPerSecond = 0.0;
    double learningRate = 0.0;
    qint64 gpuMemoryBytes = -1; ///< CUDA device memory in use; -1 on the CPU (unknown)
};

/// Reported after each epoch's validation.
struct EpochMetrics {
    int epoch = 0;            ///< 0-based
    double trainLoss = 0.0;
    double trainAccuracy = 0.0;
    double valAccuracy = 0.0; ///< top-1 in [0, 1]
    double seconds = 0.0;
};

} // namespace bcos::widgets

Q_DECLARE_METATYPE(bcos::widgets::StepMetrics)
Q_DECLARE_METATYPE(bcos::widgets::EpochMetrics)
