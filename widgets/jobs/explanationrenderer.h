#pragma once

#include "widgets/session/viewcolumn.h"

#include <QImage>
#include <QString>
#include <QVector>

#include <ATen/core/Tensor.h>

#include <atomic>
#include <optional>

namespace bcos::core {
class NetworkImpl;
}

namespace bcos::widgets {

/// One class and its softmax probability.
struct ClassScore {
    int index = 0;
    double probability = 0.0;
};

/// How a map cell's colours relate to the attribution values: `low` is drawn as the colour map's first
/// entry, `high` as its last (core::scaleRanges). Symmetric (signed) maps have low = -high.
struct ColourScale {
    QString colormap;      ///< core colour map name ("bwr"...)
    double low = 0.0;
    double high = 0.0;
    bool perImage = true;  ///< each image has its own range (ViewSettings::sharedScale off)
};

/// A map cell carries its colour scale as QImage text ("bcos.colormap", "bcos.low", "bcos.high",
/// "bcos.perImage"), so the image and the values it shows travel together (cache, grid, export).
void setColourScale(QImage &image, const ColourScale &scale);
/// The scale set by setColourScale(); nullopt for images without one (inputs, colour W(x)x).
std::optional<ColourScale> colourScale(const QImage &image);

/// The rendered cells of one column plus the model's top-k classes per image.
struct RenderedColumn {
    QVector<QImage> images;              ///< one per input, the input's size, RGB888; maps carry their
                                         ///< ColourScale (setColourScale)
    QVector<QVector<ClassScore>> topK;   ///< per input, best first (k = min(5, classes))
    QVector<at::Tensor> maps;            ///< per input, the raw attribution [H, W] float on the CPU before
                                         ///< smoothing/colouring (the contributions for W(x)x)
};

/// Runs the explanation column `spec` (Kind::Explanation) for `inputs` (all the same size, as
/// ImageRecord::input) on `network`, on the device its weights are on, and renders the cells (on the CPU).
/// Worker threads only (tensor work); the caller serialises use of one network. Throws core::Error for a method
/// the network cannot do (W(x)x on a standard network) or bad settings.
RenderedColumn renderColumn(core::NetworkImpl &network, const ColumnSpec &spec, const QVector<QImage> &inputs,
                            const std::atomic<bool> *cancelled = nullptr);

/// The maps of one column read from an explanation store, per input: `maps` [H, W] float (the contributions for
/// W(x)x), `rgba` [H, W, 4] uint8 (the colour W(x)x image; only for that column), `logits` [K].
struct StoredColumn {
    QVector<at::Tensor> maps;
    QVector<at::Tensor> rgba;
    QVector<at::Tensor> logits;
};

/// Renders stored maps as renderColumn() renders computed ones (same colours, scales and cell texts), without a
/// network. Worker threads only.
RenderedColumn renderStoredColumn(const ColumnSpec &spec, const QVector<QImage> &inputs, const StoredColumn &stored);

/// The top-k classes (softmax, best first, k = min(5, classes)) of logits [N, K].
QVector<QVector<ClassScore>> topClassesOf(const at::Tensor &logits);

/// The top-k classes (softmax, best first, k = min(5, classes)) of `network` for `inputs` (all the same size): one
/// forward pass without gradients, so the caller picks the batch (PredictionJobs reads its inputs batch by batch).
/// Worker threads only; the caller serialises use of the network.
QVector<QVector<ClassScore>> predictClasses(core::NetworkImpl &network, const QVector<QImage> &inputs);

} // namespace bcos::widgets
