#pragma once

#include <QImage>
#include <QJsonObject>
#include <QString>
#include <QVector>

class QPainter;

namespace bcos::widgets {

class Document;
class ExplanationGridModel;

/// Which cells to export: the product rows x columns (grid indices, in grid order).
struct GridSelection {
    QVector<int> rows;
    QVector<int> columns;
    bool isEmpty() const { return rows.isEmpty() || columns.isEmpty(); }
};

struct ExportOptions {
    QString title;            ///< drawn above the grid when not empty
    int dpi = 300;            ///< physical size of the pixels (PNG metadata, SVG/PDF scale, label size)
    bool rowLabels = true;    ///< image names at the left
    bool columnLabels = true; ///< view titles on top
    int rowsPerPage = 0;      ///< PDF: rows per page (0 = all on one page)
    int minCellSide = 0;      ///< small cells (28 px Fashion-MNIST) are enlarged by an integer factor
                              ///< (nearest neighbour, pixels stay exact blocks) to at least this side
};

/// Renders a selection of the explanation grid to PNG (cells at their exact pixels), SVG, PDF or the
/// clipboard, with a JSON recipe sidecar that says how to recompute it. Unavailable columns are dropped
/// (never exported as fake maps). All geometry is in pixels of the cell images.
class GridExporter {
public:
    GridExporter(const Document &document, const ExplanationGridModel &grid, GridSelection selection,
                 ExportOptions options = {});

    /// All rows and every available column.
    static GridSelection everything(const ExplanationGridModel &grid);

    const GridSelection &selection() const { return m_selection; }
    int pageCount() const;
    /// Size in pixels of one page holding `rows` rows.
    QSize pageSize(int rows) const;
    QImage renderImage() const;

    /// Writes by suffix (.png, .svg, .pdf); throws core::Error{InvalidArgument} naming the file otherwise.
    void write(const QString &path) const;
    /// Each writer throws core::Error{Io} naming the file when it cannot be written.
    void writePng(const QString &path) const;
    void writeSvg(const QString &path) const;
    void writePdf(const QString &path) const;
    void writeRecipe(const QString &path, const QString &exportedFile) const;
    QJsonObject recipe(const QString &exportedFile) const;

private:
    void paintPage(QPainter &painter, int firstRow, int rowCount) const;
    void paintCell(QPainter &painter, const QRect &rect, int row, int column) const;
    int fontPixels(double points) const;
    int labelWidth() const;
    int headerHeight() const;
    int titleHeight() const;

    const Document &m_document;
    const ExplanationGridModel &m_grid;
    GridSelection m_selection;
    ExportOptions m_options;
    QSize m_cell;
    int m_zoom = 1; ///< integer enlargement of the cell images (ExportOptions::minCellSide)
    int m_margin = 0;
    int m_gap = 0;
};

} // namespace bcos::widgets
