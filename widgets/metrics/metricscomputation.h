#pragma once

#include "core/eval/metrics/metricrun.h"
#include "core/eval/metrics/statistics.h"
#include "core/explain/explainer.h"
#include "widgets/session/imagevalues.h"
#include "widgets/session/inputreader.h"

#include <QHash>
#include <QImage>
#include <QString>
#include <QStringList>
#include <QVector>

#include <atomic>
#include <functional>
#include <vector>

namespace bcos::core {
class NetworkImpl;
}

namespace bcos::widgets {

/// What the Metrics view computes: every metric of every method on a set of images.
struct MetricsRequest {
    std::vector<core::ExplainMethod> methods;
    bool randomFloor = false;          ///< also score seeded random maps (seed 0): columns METRIC/random
    std::vector<core::Metric> metrics; ///< per-image metrics (core::checkStorableMetric)
    InputReader inputs;                ///< reads the model's inputs (a chunk at a time, on the worker)
    QStringList paths;                 ///< the images' record paths (the values' keys)
    QVector<int> labels;               ///< per path; -1: unlabelled
    int chunkSize = 32;                ///< images explained and scored at a time (bounds memory)
};

/// The per-image values of MetricsRequest.
struct MetricsOutcome {
    QVector<ValueColumn> columns;
    QHash<QString, ImageValueRow> rows;
    QVector<ImageLoadError> unreadable; ///< images whose input could not be read again (no values)
};

/// Runs the request on `network` chunk after chunk (core::explainStoreChunk: the same values as `bcos explain
/// --out STORE/ --metrics ...`), the predicted class explained. Worker threads only; the caller serialises use
/// of the network. `progress(fraction)` as each chunk's steps go (the whole request's share done, in [0, 1], growing);
/// Error{Cancelled} when `cancelled` is set.
MetricsOutcome computeMetrics(core::NetworkImpl &network, const MetricsRequest &request,
                              const std::atomic<bool> &cancelled, const std::function<void(double)> &progress = {});

/// One value column summarised over the images.
struct ColumnSummary {
    ValueColumn column;
    core::MeanInterval interval; ///< mean and 95 % percentile-bootstrap interval (2000 resamples, seed 0)
    int leftOut = 0;             ///< images without a value (all-zero maps)
    QVector<double> meanCurve;   ///< the mean per-image curve at column.curveX; empty without curves
};

/// Summaries of every column over `rows` (the images with a value in it). Worker threads: the
/// bootstrap costs 2000 x N per column.
QVector<ColumnSummary> summariseValues(const QVector<ValueColumn> &columns, const QVector<ImageValueRow> &rows);

} // namespace bcos::widgets
