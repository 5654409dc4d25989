#pragma once

#include <QJsonObject>
#include <QImage>
#include <QString>
#include <QVector>

#include <ATen/core/Tensor.h>

#include <atomic>
#include <functional>

namespace bcos::core {
class NetworkImpl;
}

namespace bcos::widgets {

/// How one explanation column is computed and drawn (stored in ViewColumn::params, part of the cache key).
struct ViewSettings {
    QString method = QStringLiteral("wxx"); ///< "wxx" (colour W(x)x), "contributions", "gradcam", "ixg", "intgrad"
    QString model = QStringLiteral("bcos"); ///< which of the Document's models: "bcos" or "standard"
    int target = -1;                        ///< explained class; -1 = the predicted one
    QString colormap = QStringLiteral("bwr"); ///< core colour map name (maps only)
    double alpha = 1.0;                     ///< map opacity over the input (maps only)
    double percentile = 99.5;               ///< clip percentile (maps) / alpha percentile (W(x)x)
    int smooth = 0;                         ///< odd box-filter side in pixels, 0 = off (W(x)x: alpha smoothing)
    bool sharedScale = false;               ///< one colour scale for all rows instead of per image
    QString background = QStringLiteral("black"); ///< W(x)x: "black" or "white" behind the rgba map

    QJsonObject toJson() const;
    static ViewSettings fromJson(const QJsonObject &json);
    /// The defaults of a method ("wxx", "contributions", "gradcam", "ixg", "intgrad") for `model`.
    static ViewSettings defaults(const QString &method, const QString &model);
};

/// One class and its softmax probability.
struct ClassScore {
    int index = 0;
    double probability = 0.0;
};

/// The rendered cells of one column plus the model's top-k classes per image.
struct RenderedColumn {
    QVector<QImage> images;              ///< one per input, the input's size, RGB888
    QVector<QVector<ClassScore>> topK;   ///< per input, best first (k = min(5, classes))
    QVector<at::Tensor> maps;            ///< per input, the raw attribution [H, W] float on the CPU before
                                         ///< smoothing/colouring (the contributions for W(x)x)
};

/// Runs the explanation `settings` for `inputs` (all the same size, as ImageRecord::input) on `network` and
/// renders the cells. Worker threads only (tensor work); the caller serialises use of one network.
/// Throws core::Error for a method the network cannot do (W(x)x on a standard network) or bad settings.
RenderedColumn renderColumn(core::NetworkImpl &network, const ViewSettings &settings, const QVector<QImage> &inputs,
                            const std::atomic<bool> *cancelled = nullptr);

/// The top-k classes (softmax, best first, k = min(5, classes)) of `network` for `inputs` (all the same size):
/// a forward pass without gradients, in chunks. Worker threads only; the caller serialises use of the network.
/// `progress(fraction)` is called after each chunk. Throws core::Error{Cancelled} when `cancelled` is set
/// between chunks.
QVector<QVector<ClassScore>> predictClasses(core::NetworkImpl &network, const QVector<QImage> &inputs,
                                            const std::atomic<bool> *cancelled = nullptr,
                                            const std::function<void(double)> &progress = {});

} // namespace bcos::widgets
