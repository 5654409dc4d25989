#include "storeimport.h"

#include "core/error.h"
#include "core/eval/explanationstore.h"
#include "widgets/jobs/tensorimage.h"

#include <QDir>
#include <QFileInfo>

#include <torch/torch.h>

#include <limits>

namespace bcos::widgets {

QString storeImagePath(const QString &folder, qint64 index)
{
    return QDir(QFileInfo(folder).absoluteFilePath()).filePath(QStringLiteral("#%1").arg(index));
}

QVector<ValueColumn> valueColumnsFrom(const std::vector<std::string> &names, const nlohmann::json &options)
{
    QVector<ValueColumn> columns;
    for (const auto &name : names) {
        ValueColumn column;
        column.name = QString::fromStdString(name);
        column.metric = column.name.section(QLatin1Char('/'), 0, 0);
        column.method = column.name.section(QLatin1Char('/'), 1);
        const auto found = options.find(name);
        if (found != options.end() && found->is_object()) {
            column.higherIsBetter = found->value("higher_is_better", true);
            if (const auto x = found->find("curve_x"); x != found->end() && x->is_array())
                for (const auto &point : *x)
                    column.curveX.append(point.get<double>());
        }
        columns.append(column);
    }
    return columns;
}

void appendChunkValues(const core::TensorMap &chunk, const QVector<ValueColumn> &columns, const QStringList &paths,
                       QHash<QString, ImageValueRow> &rows)
{
    std::vector<at::Tensor> values(static_cast<size_t>(columns.size())), curves(values.size());
    for (int c = 0; c < columns.size(); ++c) {
        const std::string name = columns[c].name.toStdString();
        if (const at::Tensor *v = chunk.find(name))
            values[size_t(c)] = v->to(torch::kDouble).contiguous();
        if (const at::Tensor *curve = chunk.find(name + "/curve"))
            curves[size_t(c)] = curve->to(torch::kDouble).contiguous();
    }
    for (int i = 0; i < paths.size(); ++i) {
        ImageValueRow row;
        row.values.fill(std::numeric_limits<double>::quiet_NaN(), columns.size());
        row.curves.resize(columns.size());
        for (int c = 0; c < columns.size(); ++c) {
            if (values[size_t(c)].defined())
                row.values[c] = values[size_t(c)].data_ptr<double>()[i];
            if (const at::Tensor &curve = curves[size_t(c)]; curve.defined()) {
                const double *data = curve.data_ptr<double>() + int64_t(i) * curve.size(1);
                row.curves[c] = QVector<double>(data, data + curve.size(1));
            }
        }
        rows.insert(paths[i], row);
    }
}

StoreContents readStoreContents(const QString &folder, const std::atomic<bool> &cancelled,
                                const std::function<void(double)> &progress)
{
    StoreContents contents;
    contents.store = core::ExplanationStore::open(folder.toStdString());
    const core::ExplanationStore &store = *contents.store;
    const core::StoreIndex &index = store.index();
    contents.columns = valueColumnsFrom(index.values, index.options);
    for (const auto &chunk : index.chunks) {
        if (cancelled.load())
            core::fail(core::ErrorCode::Cancelled, "opening the store was cancelled");
        int64_t row = 0;
        const core::SafetensorsContents &tensors = store.chunkOf(chunk.first, row);
        const at::Tensor images = tensors.tensors["images"].to(torch::kFloat).div(255);
        const at::Tensor labels = tensors.tensors["labels"];
        QStringList paths;
        for (int64_t i = 0; i < chunk.count; ++i) {
            ImageRecord record;
            record.path = storeImagePath(folder, chunk.first + i);
            record.name = QString::fromStdString(index.names[size_t(chunk.first + i)]);
            const QImage stored = imageFromTensor(images[i], true); // read again from the store when needed
            record.originalSize = stored.size();
            record.thumbnail = ImageRecord::makeThumbnail(stored);
            record.label = static_cast<int>(labels[i].item<int64_t>());
            paths << record.path;
            contents.records.append(record);
        }
        appendChunkValues(tensors.tensors, contents.columns, paths, contents.rows);
        if (progress)
            progress(double(chunk.first + chunk.count) / double(std::max<int64_t>(1, store.size())));
    }
    return contents;
}

} // namespace bcos::widgets
