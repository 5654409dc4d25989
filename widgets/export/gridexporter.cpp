#include "gridexporter.h"

#include "core/error.h"
#include "core/explain/colormap.h"
#include "widgets/jobs/explanationrenderer.h"
#include "widgets/session/document.h"
#include "widgets/grid/explanationgridmodel.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QFontMetrics>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

#include <cmath>

namespace bcos::widgets {
namespace {

QSize largestCell(const ExplanationGridModel &grid, const GridSelection &selection)
{
    QSize cell(0, 0);
    for (int r : selection.rows)
        for (int c : selection.columns)
            cell = cell.expandedTo(grid.cellImage(r, c).size());
    return cell.isEmpty() ? QSize(224, 224) : cell;
}

[[noreturn]] void failWrite(const QString &path, const QString &why)
{
    core::fail(core::ErrorCode::Io, "{}: cannot write the export ({})", path.toStdString(), why.toStdString());
}

bool isSignedColormap(const QString &name)
{
    try {
        return core::isSymmetric(core::parseColormap(name.toStdString()));
    } catch (const core::Error &) {
        return false;
    }
}

} // namespace

GridExporter::GridExporter(const Document &document, const ExplanationGridModel &grid, GridSelection selection,
                           ExportOptions options)
    : m_document(document)
    , m_grid(grid)
    , m_selection(std::move(selection))
    , m_options(std::move(options))
{
    m_options.dpi = std::clamp(m_options.dpi, 36, 2400);
    m_options.labelPoints = std::clamp(m_options.labelPoints, 4.0, 36.0);
    m_options.titlePoints = std::clamp(m_options.titlePoints, 4.0, 48.0);
    QVector<int> available;
    for (int c : m_selection.columns)
        if (c >= 0 && c < grid.columnCount() && grid.column(c).available)
            available << c;
    m_selection.columns = available;
    m_cell = largestCell(grid, m_selection);
    const int side = std::max(1, std::min(m_cell.width(), m_cell.height()));
    m_zoom = m_options.minCellSide > side ? (m_options.minCellSide + side - 1) / side : 1;
}

GridSelection GridExporter::everything(const ExplanationGridModel &grid)
{
    GridSelection all;
    for (int r = 0; r < grid.rowCount(); ++r)
        all.rows << r;
    for (int c = 0; c < grid.columnCount(); ++c)
        if (grid.column(c).available)
            all.columns << c;
    return all;
}

FigureStyle GridExporter::style() const
{
    FigureStyle style;
    style.width = m_options.width;
    style.dpi = m_options.dpi;
    style.labelPoints = m_options.labelPoints;
    style.titlePoints = m_options.titlePoints;
    style.zoom = m_zoom;
    style.rowLabels = m_options.rowLabels;
    style.columnLabels = m_options.columnLabels;
    return style;
}

std::optional<ColourBarSpec> GridExporter::colourBar(int column, int firstRow, int rowCount) const
{
    std::optional<ColourBarSpec> bar;
    for (int k = 0; k < rowCount; ++k) {
        const std::optional<ColourScale> scale = colourScale(m_grid.cellImage(m_selection.rows[firstRow + k], column));
        if (!scale || !isSignedColormap(scale->colormap))
            continue;
        if (!bar) {
            bar = ColourBarSpec{scale->colormap, scale->low, scale->high, scale->perImage, scale->high};
            continue;
        }
        bar->low = std::min(bar->low, scale->low);
        bar->high = std::max(bar->high, scale->high);
        bar->smallestHigh = std::min(bar->smallestHigh, scale->high);
        bar->perImage = bar->perImage || scale->perImage;
    }
    return bar;
}

FigureContent GridExporter::content(int firstRow, int rowCount) const
{
    FigureContent content;
    content.title = m_options.title;
    content.cell = m_cell;
    for (int c : m_selection.columns) {
        content.columnTitles << m_grid.columnHeader(c);
        content.colourBars << (m_options.colourBars ? colourBar(c, firstRow, rowCount) : std::nullopt);
    }
    for (int k = 0; k < rowCount; ++k) {
        const int row = m_selection.rows[firstRow + k];
        const QString top = m_options.rowPredictions ? m_grid.topClasses(row).section(QLatin1Char('\n'), 0, 0) : QString();
        content.rowLabels << (top.isEmpty() ? m_grid.rowHeader(row) : m_grid.rowHeader(row) + QLatin1Char('\n') + top);
    }
    return content;
}

FigureLayout GridExporter::layout(int firstRow, int rowCount) const
{
    return layoutFigure(content(firstRow, rowCount), style());
}

int GridExporter::pageCount() const
{
    const int rows = static_cast<int>(m_selection.rows.size());
    if (m_options.rowsPerPage <= 0 || rows == 0)
        return 1;
    return (rows + m_options.rowsPerPage - 1) / m_options.rowsPerPage;
}

QSize GridExporter::pageSize(int rows) const
{
    return layout(0, std::min(rows, static_cast<int>(m_selection.rows.size()))).page;
}

void GridExporter::paintCell(QPainter &painter, const QRect &rect, int row, int column) const
{
    const QImage image = m_grid.cellImage(row, column);
    if (image.isNull()) {
        painter.fillRect(rect, QColor(0xee, 0xee, 0xee));
        painter.drawText(rect, Qt::AlignCenter | Qt::TextWordWrap, QCoreApplication::translate("GridExporter", "not computed"));
        return;
    }
    // Natural width: exact pixels, 1:1 or as m_zoom x m_zoom blocks. Paper widths: scaled to the cell, nearest
    // neighbour (no smoothing, pixels stay blocks). Centred, aspect kept.
    const double scale = m_options.width == FigureWidth::Natural
                             ? double(m_zoom)
                             : std::min(double(rect.width()) / image.width(), double(rect.height()) / image.height());
    const QSize size(std::max(1, int(std::lround(image.width() * scale))), std::max(1, int(std::lround(image.height() * scale))));
    const QPoint origin = rect.topLeft() + QPoint((rect.width() - size.width()) / 2, (rect.height() - size.height()) / 2);
    painter.drawImage(QRect(origin, size), image);
}

void GridExporter::paintColourBar(QPainter &painter, const QRect &rect, const QString &colormap) const
{
    // The colour map's 256 entries as a 256 x 1 image, stretched over the bar (a constant table, no image work).
    const at::Tensor table = core::colormapTable(core::parseColormap(colormap.toStdString())).contiguous();
    QImage strip(256, 1, QImage::Format_RGB32);
    const float *rgb = table.data_ptr<float>();
    for (int k = 0; k < 256; ++k)
        strip.setPixel(k, 0, qRgb(qRound(rgb[3 * k] * 255), qRound(rgb[3 * k + 1] * 255), qRound(rgb[3 * k + 2] * 255)));
    painter.drawImage(rect, strip);
    painter.setPen(QPen(Qt::black, 0));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(rect.adjusted(0, 0, -1, -1));
}

void GridExporter::paintPage(QPainter &painter, int firstRow, int rowCount) const
{
    const FigureLayout page = layout(firstRow, rowCount);
    const auto drawTexts = [&painter](const QVector<FigureText> &texts) {
        for (const FigureText &text : texts)
            painter.drawText(text.box, text.alignment | Qt::AlignTop | Qt::TextDontClip, text.text);
    };
    painter.setPen(Qt::black);
    painter.setFont(page.titleFont);
    drawTexts(page.title);
    painter.setFont(page.labelFont);
    for (int i = 0; i < page.columns.size(); ++i) {
        drawTexts(page.columnTitles[i]);
        if (!page.colourBars[i].isNull()) {
            paintColourBar(painter, page.colourBars[i], colourBar(m_selection.columns[i], firstRow, rowCount)->colormap);
            painter.setPen(Qt::black);
            drawTexts(page.colourBarLabels[i]);
        }
    }
    for (int k = 0; k < rowCount; ++k) {
        drawTexts(page.rowLabels[k]);
        for (int i = 0; i < page.columns.size(); ++i)
            paintCell(painter, page.cell(k, i), m_selection.rows[firstRow + k], m_selection.columns[i]);
    }
}

QImage GridExporter::renderImage() const
{
    const int rows = static_cast<int>(m_selection.rows.size());
    QImage image(pageSize(rows), QImage::Format_RGB32);
    image.fill(Qt::white);
    const int dotsPerMeter = static_cast<int>(std::lround(m_options.dpi / 0.0254));
    image.setDotsPerMeterX(dotsPerMeter);
    image.setDotsPerMeterY(dotsPerMeter);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::TextAntialiasing);
    paintPage(painter, 0, rows);
    return image;
}

void GridExporter::write(const QString &path) const
{
    if (m_selection.isEmpty())
        core::fail(core::ErrorCode::InvalidArgument, "{}: nothing to export (no images or no available column)",
                   path.toStdString());
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png"))
        writePng(path);
    else if (suffix == QLatin1String("svg"))
        writeSvg(path);
    else if (suffix == QLatin1String("pdf"))
        writePdf(path);
    else
        core::fail(core::ErrorCode::InvalidArgument, "{}: unknown export format (expected .png, .svg or .pdf)",
                   path.toStdString());
}

void GridExporter::writePng(const QString &path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !renderImage().save(&file, "PNG") || !file.commit())
        failWrite(path, file.errorString());
}

void GridExporter::writeSvg(const QString &path) const
{
    const QSize size = pageSize(static_cast<int>(m_selection.rows.size()));
    QSvgGenerator generator;
    generator.setFileName(path);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    generator.setResolution(m_options.dpi);
    generator.setTitle(m_options.title);
    generator.setDescription(QStringLiteral("B-cos Studio explanation grid"));
    QPainter painter;
    if (!painter.begin(&generator))
        failWrite(path, QStringLiteral("SVG generator"));
    paintPage(painter, 0, static_cast<int>(m_selection.rows.size()));
    painter.end();
    if (!QFile::exists(path))
        failWrite(path, QStringLiteral("no file was written"));
}

void GridExporter::writePdf(const QString &path) const
{
    const int perPage = m_options.rowsPerPage > 0 ? m_options.rowsPerPage : static_cast<int>(m_selection.rows.size());
    const QSize size = pageSize(std::max(1, perPage));
    QPdfWriter writer(path);
    writer.setResolution(m_options.dpi);
    writer.setTitle(m_options.title);
    writer.setCreator(QStringLiteral("B-cos Studio"));
    writer.setPageSize(QPageSize(QSizeF(size.width() * 72.0 / m_options.dpi, size.height() * 72.0 / m_options.dpi),
                                 QPageSize::Point));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    QPainter painter;
    if (!painter.begin(&writer))
        failWrite(path, QStringLiteral("PDF writer"));
    const int rows = static_cast<int>(m_selection.rows.size());
    for (int page = 0, first = 0; page < pageCount(); ++page, first += perPage) {
        if (page > 0)
            writer.newPage();
        paintPage(painter, first, std::min(perPage, rows - first));
    }
    painter.end();
}

QJsonObject GridExporter::recipe(const QString &exportedFile) const
{
    const FigureLayout page = layout(0, static_cast<int>(m_selection.rows.size()));
    QJsonArray columns;
    for (int c : m_selection.columns) {
        const ViewColumn &view = m_grid.column(c);
        columns.append(QJsonObject{{"id", view.id}, {"title", view.title}, {"params", view.spec.toJson()}});
    }
    QJsonArray images;
    for (int r : m_selection.rows)
        images.append(m_document.image(r).path);
    QJsonObject model;
    if (const LoadedModel *loaded = m_document.model())
        model = {{"path", QString::fromStdString(loaded->path)},
                 {"description", QJsonDocument::fromJson(QByteArray::fromStdString(loaded->description.toJson().dump())).object()}};
    return {{"app", "B-cos Studio"},
            {"version", QCoreApplication::applicationVersion()},
            {"created", QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
            {"file", exportedFile},
            {"title", m_options.title},
            {"dpi", m_options.dpi},
            {"cellSize", QJsonArray{page.columns.isEmpty() ? m_cell.width() : page.columns.first().width(),
                                    page.rows.isEmpty() ? m_cell.height() : page.rows.first().height()}},
            {"layout", QJsonObject{{"width", figureWidthName(m_options.width)},
                                   {"widthInches", figureWidthInches(m_options.width)},
                                   {"labelPoints", m_options.labelPoints},
                                   {"titlePoints", m_options.titlePoints},
                                   {"rowLabels", m_options.rowLabels},
                                   {"columnLabels", m_options.columnLabels},
                                   {"rowPredictions", m_options.rowPredictions},
                                   {"colourBars", m_options.colourBars},
                                   {"minCellSide", m_options.minCellSide},
                                   {"rowsPerPage", m_options.rowsPerPage},
                                   {"page", QJsonArray{page.page.width(), page.page.height()}}}},
            {"model", model.isEmpty() ? QJsonValue() : QJsonValue(model)},
            {"columns", columns},
            {"images", images}};
}

void GridExporter::writeRecipe(const QString &path, const QString &exportedFile) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(recipe(exportedFile)).toJson()) < 0 || !file.commit())
        failWrite(path, file.errorString());
}

} // namespace bcos::widgets
