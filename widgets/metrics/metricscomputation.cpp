#include "metricscomputation.h"

#include "core/error.h"
#include "core/eval/storechunk.h"
#include "core/models/moduledevice.h"
#include "core/models/network.h"
#include "widgets/jobs/tensorimage.h"
#include "widgets/session/storeimport.h"

#include <torch/torch.h>

#include <cmath>

namespace bcos::widgets {

MetricsOutcome computeMetrics(core::NetworkImpl &network, const MetricsRequest &request,
                              const std::atomic<bool> &cancelled, const std::function<void(double)> &progress)
{
    core::StoreChunkRequest chunkRequest;
    for (const auto method : request.methods) {
        core::StoreMethod run;
        run.method = method;
        chunkRequest.methods.push_back(run);
    }
    chunkRequest.metrics = request.metrics;
    if (request.randomFloor) // one object for all chunks: their draws follow each other, image after image
        chunkRequest.randomFloor = core::makeRandomFloor(0);
    chunkRequest.keepGoing = [&cancelled] { return !cancelled.load(); };
    MetricsOutcome outcome;
    nlohmann::json options;
    outcome.columns = valueColumnsFrom(core::storeValueColumns(chunkRequest, options), options);
    const int total = static_cast<int>(request.paths.size());
    const int chunk = std::max(1, request.chunkSize);
    const bool wasTraining = network.is_training();
    network.eval();
    for (int first = 0; first < total; first += chunk) {
        if (cancelled.load())
            core::fail(core::ErrorCode::Cancelled, "computing the metrics was cancelled");
        const int count = std::min(chunk, total - first);
        if (progress) // a chunk's steps (its methods, its metrics) count their share of its images
            chunkRequest.progress = [&progress, first, count, total](double part) {
                progress((first + count * part) / total);
            };
        const InputReader::Batch inputs = request.inputs.read(request.paths.mid(first, count));
        outcome.unreadable += inputs.errors;
        std::vector<int64_t> labels;
        QStringList paths;
        for (const int i : inputs.indices) {
            labels.push_back(request.labels[first + i]);
            paths << request.paths[first + i];
        }
        if (!inputs.inputs.isEmpty()) {
            const at::Tensor images = tensorFromImages(inputs.inputs).to(core::moduleDevice(network));
            const core::TensorMap tensors =
                core::explainStoreChunk(network, images, torch::tensor(labels, torch::kLong), chunkRequest);
            appendChunkValues(tensors, outcome.columns, paths, outcome.rows);
        }
        if (progress)
            progress(double(first + count) / total);
    }
    network.train(wasTraining);
    return outcome;
}

QVector<ColumnSummary> summariseValues(const QVector<ValueColumn> &columns, const QVector<ImageValueRow> &rows)
{
    QVector<ColumnSummary> summaries;
    for (int c = 0; c < columns.size(); ++c) {
        ColumnSummary summary;
        summary.column = columns[c];
        std::vector<double> values;
        QVector<double> curveSum(columns[c].curveX.size(), 0.0);
        int curves = 0;
        for (const ImageValueRow &row : rows) {
            const double value = c < row.values.size() ? row.values[c] : std::nan("");
            if (std::isnan(value)) {
                ++summary.leftOut;
                continue;
            }
            values.push_back(value);
            if (c < row.curves.size() && row.curves[c].size() == curveSum.size() && !curveSum.isEmpty()) {
                for (int k = 0; k < curveSum.size(); ++k)
                    curveSum[k] += row.curves[c][k];
                ++curves;
            }
        }
        if (!values.empty())
            summary.interval = core::bootstrapMeanInterval(torch::tensor(values, torch::kDouble), 0.95, 2000, 0);
        if (curves > 0)
            for (double &sum : curveSum)
                summary.meanCurve.append(sum / curves);
        summaries.append(summary);
    }
    return summaries;
}

} // namespace bcos::widgets
