#include "gridexporter.h"

#include "core/error.h"
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

constexpr double labelPoints = 9.0;
constexpr double titlePoints = 12.0;

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

} // namespace

GridExporter::GridExporter(const Document &document, const ExplanationGridModel &grid, GridSelection selection,
                           ExportOptions options)
    : m_document(document)
    , m_grid(grid)
    , m_selection(std::move(selection))
    , m_options(std::move(options))
{
    m_options.dpi = std::clamp(m_options.dpi, 36, 2400);
    QVector<int> available;
    for (int c : m_selection.columns)
        if (c >= 0 && c < grid.columnCount() && grid.column(c).available)
            available << c;
    m_selection.columns = available;
    m_cell = largestCell(grid, m_selection);
    const int side = std::max(1, std::min(m_cell.width(), m_cell.height()));
    m_zoom = m_options.minCellSide > side ? (m_options.minCellSide + side - 1) / side : 1;
    m_cell *= m_zoom;
    m_margin = fontPixels(labelPoints);
    m_gap = std::max(2, m_margin / 4);
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

int GridExporter::fontPixels(double points) const
{
    return std::max(6, static_cast<int>(std::lround(points * m_options.dpi / 72.0)));
}

int GridExporter::labelWidth() const
{
    if (!m_options.rowLabels)
        return 0;
    QFont font;
    font.setPixelSize(fontPixels(labelPoints));
    const QFontMetrics metrics(font);
    int width = 0;
    for (int r : m_selection.rows)
        width = std::max(width, metrics.horizontalAdvance(m_grid.rowHeader(r)));
    return std::min(width, 2 * m_cell.width()) + m_gap;
}

int GridExporter::headerHeight() const
{
    return m_options.columnLabels ? fontPixels(labelPoints) * 3 / 2 + m_gap : 0;
}

int GridExporter::titleHeight() const
{
    return m_options.title.isEmpty() ? 0 : fontPixels(titlePoints) * 2;
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
    const int cols = static_cast<int>(m_selection.columns.size());
    const int width = 2 * m_margin + labelWidth() + cols * m_cell.width() + std::max(0, cols - 1) * m_gap;
    const int height = 2 * m_margin + titleHeight() + headerHeight() + rows * m_cell.height()
                       + std::max(0, rows - 1) * m_gap;
    return {width, height};
}

void GridExporter::paintCell(QPainter &painter, const QRect &rect, int row, int column) const
{
    const QImage image = m_grid.cellImage(row, column);
    if (image.isNull()) {
        painter.fillRect(rect, QColor(0xee, 0xee, 0xee));
        painter.drawText(rect, Qt::AlignCenter | Qt::TextWordWrap, QCoreApplication::translate("GridExporter", "not computed"));
        return;
    }
    // Exact pixels: the image is drawn 1:1 (or as m_zoom x m_zoom blocks), centred when the cell is larger.
    const QSize size = image.size() * m_zoom;
    const QPoint origin = rect.topLeft() + QPoint((rect.width() - size.width()) / 2, (rect.height() - size.height()) / 2);
    painter.drawImage(QRect(origin, size), image);
}

void GridExporter::paintPage(QPainter &painter, int firstRow, int rowCount) const
{
    QFont font;
    font.setPixelSize(fontPixels(titlePoints));
    painter.setFont(font);
    painter.setPen(Qt::black);
    const int left = m_margin + labelWidth();
    int top = m_margin;
    if (!m_options.title.isEmpty()) {
        painter.drawText(QRect(m_margin, top, pageSize(rowCount).width() - 2 * m_margin, titleHeight()),
                         Qt::AlignLeft | Qt::AlignVCenter, m_options.title);
        top += titleHeight();
    }
    font.setPixelSize(fontPixels(labelPoints));
    painter.setFont(font);
    const int stepX = m_cell.width() + m_gap;
    for (int i = 0; i < m_selection.columns.size() && m_options.columnLabels; ++i)
        painter.drawText(QRect(left + i * stepX, top, m_cell.width(), headerHeight() - m_gap),
                         Qt::AlignHCenter | Qt::AlignBottom, m_grid.columnHeader(m_selection.columns[i]));
    top += headerHeight();
    for (int k = 0; k < rowCount; ++k) {
        const int row = m_selection.rows[firstRow + k];
        const int y = top + k * (m_cell.height() + m_gap);
        if (m_options.rowLabels)
            painter.drawText(QRect(m_margin, y, labelWidth() - m_gap, m_cell.height()),
                             Qt::AlignRight | Qt::AlignVCenter | Qt::TextWrapAnywhere, m_grid.rowHeader(row));
        for (int i = 0; i < m_selection.columns.size(); ++i)
            paintCell(painter, QRect(QPoint(left + i * stepX, y), m_cell), row, m_selection.columns[i]);
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
            {"cellSize", QJsonArray{m_cell.width(), m_cell.height()}},
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
