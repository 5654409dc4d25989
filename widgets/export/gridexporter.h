#pragma once

#include "widgets/export/figurelayout.h"

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
    int dpi = 300;            ///< physical size of the pixels (PNG metadata, SVG/PDF scale, font sizes)
    bool rowLabels = true;    ///< image names at the left
    bool columnLabels = true; ///< view titles on top (wrapped into their column, never clipped)
    int rowsPerPage = 0;      ///< PDF: rows per page (0 = all on one page)
    int minCellSide = 0;      ///< Natural width: small cells (28 px Fashion-MNIST) are enlarged by an integer
                              ///< factor (nearest neighbour, pixels stay exact blocks) to at least this side
    FigureWidth width = FigureWidth::Natural; ///< exact cell pixels, or a paper's single/double column
    double labelPoints = 8.0;  ///< font size of titles, labels and ticks, in points
    double titlePoints = 10.0; ///< font size of the figure title, in points
    bool colourBars = false;   ///< a colour bar with its value range under each signed-map column
    bool rowPredictions = false; ///< the primary model's top class and confidence under each image name
};

/// Renders a selection of the explanation grid to PNG, SVG, PDF or the clipboard, with a JSON recipe sidecar
/// that says how to recompute it. Unavailable columns are dropped (never exported as fake maps). One
/// FigureLayout (layoutFigure(), pixels at the chosen dpi) per page is painted by all three writers.
class GridExporter {
public:
    GridExporter(const Document &document, const ExplanationGridModel &grid, GridSelection selection,
                 ExportOptions options = {});

    /// All rows and every available column.
    static GridSelection everything(const ExplanationGridModel &grid);

    const GridSelection &selection() const { return m_selection; }
    int pageCount() const;
    /// Size in pixels of one page holding the first `rows` rows.
    QSize pageSize(int rows) const;
    /// What the page with `rowCount` selected rows from `firstRow` shows: titles, labels, colour-bar ranges.
    FigureContent content(int firstRow, int rowCount) const;
    /// The layout of that page (layoutFigure of content() with the options' style).
    FigureLayout layout(int firstRow, int rowCount) const;
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
    FigureStyle style() const;
    std::optional<ColourBarSpec> colourBar(int column, int firstRow, int rowCount) const;
    void paintPage(QPainter &painter, int firstRow, int rowCount) const;
    void paintCell(QPainter &painter, const QRect &rect, int row, int column) const;
    void paintColourBar(QPainter &painter, const QRect &rect, const QString &colormap) const;

    const Document &m_document;
    const ExplanationGridModel &m_grid;
    GridSelection m_selection;
    ExportOptions m_options;
    QSize m_cell;   ///< the largest cell image of the selection, pixels
    int m_zoom = 1; ///< Natural: integer enlargement of the cell images (ExportOptions::minCellSide)
};

} // namespace bcos::widgets
