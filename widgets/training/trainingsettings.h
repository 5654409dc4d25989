#pragma once

#include <QImage>
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
    QString precision = QStringLiteral("fp32"); ///< "fp32" or "bf16" (CUDA autocast; core reports it on the CPU)
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

} // namespace bcos::widgets
