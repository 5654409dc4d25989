#include "metricsreport.h"

#include "widgets/metrics/metricsplot.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QTextStream>

#include <algorithm>
#include <cmath>

namespace bcos::widgets {
namespace {

constexpr int kWidth = 960;
constexpr int kRowHeight = 22;
constexpr int kPlotHeight = 300;

QString tr(const char *text)
{
    return QCoreApplication::translate("bcos::widgets::MetricsReport", text);
}

/// The curve metrics present, in the order deletion, insertion, road-morf, road-lerf.
QStringList curveMetrics(const QVector<ColumnSummary> &summaries)
{
    QStringList metrics;
    for (const char *metric : {"deletion", "insertion", "road-morf", "road-lerf"})
        for (const ColumnSummary &summary : summaries)
            if (summary.column.metric == QLatin1String(metric) && !summary.meanCurve.isEmpty()) {
                metrics << QLatin1String(metric);
                break;
            }
    return metrics;
}

/// The rows `text` takes, wrapped at spaces to the figure's width in the application's font.
int wrappedRows(const QString &text)
{
    const QRectF bounds = QFontMetricsF(QFont()).boundingRect(QRectF(0, 0, kWidth - 16, 1e6),
                                                             Qt::AlignLeft | Qt::TextWordWrap, text);
    return std::max(1, static_cast<int>(std::ceil(bounds.height() / kRowHeight)));
}

QString number(double value)
{
    return std::isnan(value) ? QString() : QString::number(value, 'g', 8);
}

} // namespace

QString MetricsReport::subtitle() const
{
    return tr("Values: %1. Mean with its 95 % percentile-bootstrap interval (2000 resamples).").arg(source);
}

QSize MetricsReport::figureSize() const
{
    const int plots = static_cast<int>(curveMetrics(summaries).size());
    return {kWidth, (2 + wrappedRows(subtitle())) * kRowHeight + kRowHeight * static_cast<int>(summaries.size() + 1)
                        + ((plots + 1) / 2) * kPlotHeight};
}

void MetricsReport::paint(QPainter &painter, const QRectF &area) const
{
    painter.save();
    painter.fillRect(area, Qt::white);
    painter.setPen(Qt::black);
    double y = area.top();
    QFont bold = painter.font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.drawText(QRectF(area.left() + 8, y, area.width() - 16, kRowHeight), Qt::AlignLeft | Qt::AlignVCenter,
                     tr("Attribution metrics: %1 images, model %2").arg(names.size()).arg(QFileInfo(model).fileName()));
    painter.setFont(QFont(painter.font().family(), painter.font().pointSize()));
    y += kRowHeight;
    const int rows = wrappedRows(subtitle());
    painter.drawText(QRectF(area.left() + 8, y, area.width() - 16, rows * kRowHeight),
                     Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap, subtitle());
    y += (rows + 0.5) * kRowHeight;
    const double columns[] = {8, 200, 400, 520, 720, 820};
    const QStringList header{tr("metric"), tr("method"), tr("mean"), tr("95 % interval"), tr("images"), tr("better")};
    painter.setFont(bold);
    for (int c = 0; c < header.size(); ++c)
        painter.drawText(QRectF(area.left() + columns[c], y, 190, kRowHeight), Qt::AlignLeft | Qt::AlignVCenter, header[c]);
    painter.setFont(QFont(bold.family(), bold.pointSize()));
    for (const ColumnSummary &summary : summaries) {
        y += kRowHeight;
        const core::MeanInterval &i = summary.interval;
        const QStringList cells{summary.column.metric, summary.column.method, QString::number(i.mean, 'f', 4),
                                QStringLiteral("%1 .. %2").arg(i.lower, 0, 'f', 4).arg(i.upper, 0, 'f', 4),
                                QString::number(i.count),
                                summary.column.higherIsBetter ? tr("higher") : tr("lower")};
        for (int c = 0; c < cells.size(); ++c)
            painter.drawText(QRectF(area.left() + columns[c], y, 190, kRowHeight), Qt::AlignLeft | Qt::AlignVCenter,
                             cells[c]);
    }
    y += 1.5 * kRowHeight;
    const QStringList plots = curveMetrics(summaries);
    for (int p = 0; p < plots.size(); ++p) {
        const QRectF cell(area.left() + (p % 2) * area.width() / 2, y + (p / 2) * kPlotHeight, area.width() / 2,
                          kPlotHeight);
        MetricsPlot::paintCurves(painter, cell.adjusted(8, 8, -8, -8), plots[p], summaries);
    }
    painter.restore();
}

QString MetricsReport::writeCsv(const QString &path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return tr("%1: cannot write (%2)").arg(path, file.errorString());
    QTextStream out(&file);
    out << "metric,method,higher_is_better,mean,ci_lower,ci_upper,images,left_out\n";
    for (const ColumnSummary &s : summaries)
        out << s.column.metric << ',' << s.column.method << ',' << (s.column.higherIsBetter ? "true" : "false") << ','
            << number(s.interval.mean) << ',' << number(s.interval.lower) << ',' << number(s.interval.upper) << ','
            << s.interval.count << ',' << s.leftOut << '\n';
    out << "\nimage,label";
    for (const ColumnSummary &s : summaries)
        out << ',' << s.column.name;
    out << '\n';
    for (int i = 0; i < names.size(); ++i) {
        QString name = names[i];
        if (name.contains(QLatin1Char(',')) || name.contains(QLatin1Char('"')))
            name = QLatin1Char('"') + name.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
        out << name << ',' << (labels.value(i, -1) >= 0 ? QString::number(labels[i]) : QString());
        for (int c = 0; c < summaries.size(); ++c)
            out << ',' << number(c < rows.value(i).values.size() ? rows[i].values[c] : std::nan(""));
        out << '\n';
    }
    out.flush();
    if (!file.commit())
        return tr("%1: cannot write (%2)").arg(path, file.errorString());
    return {};
}

QJsonObject MetricsReport::recipe(const QString &figure) const
{
    QJsonArray columns;
    for (const ColumnSummary &s : summaries)
        columns.append(QJsonObject{{QStringLiteral("name"), s.column.name},
                                   {QStringLiteral("metric"), s.column.metric},
                                   {QStringLiteral("method"), s.column.method},
                                   {QStringLiteral("higher_is_better"), s.column.higherIsBetter},
                                   {QStringLiteral("mean"), s.interval.mean},
                                   {QStringLiteral("ci_lower"), s.interval.lower},
                                   {QStringLiteral("ci_upper"), s.interval.upper},
                                   {QStringLiteral("images"), static_cast<qint64>(s.interval.count)},
                                   {QStringLiteral("left_out"), s.leftOut}});
    return QJsonObject{{QStringLiteral("format"), QStringLiteral("bcos-metrics-figure-v1")},
                       {QStringLiteral("figure"), QFileInfo(figure).fileName()},
                       {QStringLiteral("source"), source},
                       {QStringLiteral("model"), model},
                       {QStringLiteral("images"), QJsonArray::fromStringList(names)},
                       {QStringLiteral("interval"), QStringLiteral("95 % percentile bootstrap, 2000 resamples, seed 0")},
                       {QStringLiteral("columns"), columns}};
}

QString MetricsReport::writeFigure(const QString &path) const
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    const QSize size = figureSize();
    const QRectF area(QPointF(0, 0), size);
    if (suffix == QLatin1String("png")) {
        QImage image(size * 2, QImage::Format_RGB32); // twice the pixels for print
        image.setDevicePixelRatio(2.0);
        QPainter painter(&image);
        paint(painter, area);
        painter.end();
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit())
            return tr("%1: cannot write (%2)").arg(path, file.errorString());
    } else if (suffix == QLatin1String("svg")) {
        QSvgGenerator generator;
        generator.setFileName(path);
        generator.setSize(size);
        generator.setViewBox(area);
        generator.setTitle(tr("Attribution metrics"));
        QPainter painter;
        if (!painter.begin(&generator))
            return tr("%1: cannot write the SVG file").arg(path);
        paint(painter, area);
        painter.end();
    } else if (suffix == QLatin1String("pdf")) {
        QPdfWriter writer(path);
        writer.setResolution(96);
        writer.setCreator(QStringLiteral("B-cos Studio"));
        writer.setPageSize(QPageSize(QSizeF(size.width() * 72.0 / 96, size.height() * 72.0 / 96), QPageSize::Point));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        QPainter painter;
        if (!painter.begin(&writer))
            return tr("%1: cannot write the PDF file").arg(path);
        paint(painter, area);
        painter.end();
    } else {
        return tr("%1: unknown figure format '%2' (expected png, svg or pdf)").arg(path, suffix);
    }
    if (!QFileInfo(path).isFile())
        return tr("%1: no file was written").arg(path);
    QSaveFile json(path + QStringLiteral(".json"));
    if (!json.open(QIODevice::WriteOnly) || json.write(QJsonDocument(recipe(path)).toJson()) < 0 || !json.commit())
        return tr("%1: cannot write (%2)").arg(path + QStringLiteral(".json"), json.errorString());
    return {};
}

} // namespace bcos::widgets
