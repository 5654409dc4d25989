#pragma once

#include <QFont>
#include <QRect>
#include <QSize>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace bcos::widgets {

/// The width a figure is laid out for. Natural keeps every cell at its exact pixels (times an integer zoom);
/// the column widths are those of two-column papers (NeurIPS/ICML/CVPR style): the cells are scaled so the
/// figure is exactly that wide, and \includegraphics[width=\linewidth] keeps the fonts at their point sizes.
enum class FigureWidth { Natural, SingleColumn, DoubleColumn };

/// 3.5 in (single column), 7.16 in (double column), 0 for Natural.
double figureWidthInches(FigureWidth width);
/// "natural", "single", "double" (the export recipe's names).
QString figureWidthName(FigureWidth width);

/// A colour bar under a signed-map column: the colour map and the values at its two ends.
struct ColourBarSpec {
    QString colormap;        ///< core colour map name
    double low = 0.0;        ///< value at the bar's left end (the widest range over the column's rows)
    double high = 0.0;       ///< value at the right end
    bool perImage = false;   ///< rows were scaled each on its own: the caption gives the range of their highs
    double smallestHigh = 0.0; ///< perImage: the smallest high of the rows
};

/// What a figure shows, as texts and sizes: the only input of layoutFigure() (no images, no tensors).
struct FigureContent {
    QString title;
    QStringList columnTitles;
    QStringList rowLabels;                         ///< one per row; '\n' separates lines (name, class + confidence)
    QSize cell;                                    ///< the largest cell image, in pixels
    QVector<std::optional<ColourBarSpec>> colourBars; ///< per column (may be shorter: no bar)
};

/// How a figure is sized. Fonts are in points, converted to pixels at `dpi`.
struct FigureStyle {
    FigureWidth width = FigureWidth::Natural;
    int dpi = 300;
    double labelPoints = 8.0;  ///< column titles, row labels, colour-bar ticks
    double titlePoints = 10.0; ///< the figure title
    int zoom = 1;              ///< Natural: integer enlargement of the cells
    bool rowLabels = true;
    bool columnLabels = true;
    int maxTitleLines = 3;     ///< column titles wrap to at most this many lines; the last is elided
};

/// One line of text and the box it is drawn in (its measured advance and line height, so the box is the
/// text's bounding box); drawn with `alignment` inside `box`.
struct FigureText {
    QString text;
    QRect box;
    Qt::Alignment alignment = Qt::AlignLeft;
};

/// The one layout of a figure, in pixels at FigureStyle::dpi. PNG, SVG and PDF are painted from it
/// (GridExporter::paint), so the three files have the same geometry; tests check texts against it.
struct FigureLayout {
    QSize page;
    QFont labelFont;
    QFont titleFont;
    QVector<FigureText> title;                       ///< the title's lines
    QVector<QRect> columns;                          ///< per column: x and width of its cells, y from the
                                                     ///< header's top to the last row's bottom
    QVector<QVector<FigureText>> columnTitles;       ///< per column, its lines
    QVector<QRect> rows;                             ///< per row: y and height of its cells
    QVector<QVector<FigureText>> rowLabels;          ///< per row, its lines
    QVector<QRect> colourBars;                       ///< per column; null when the column has none
    QVector<QVector<FigureText>> colourBarLabels;    ///< per column: tick values and caption

    /// The rectangle a cell image is drawn into.
    QRect cell(int row, int column) const;
    /// The bounding box of column `column`'s title (null when it has none).
    QRect titleBox(int column) const;
};

/// Lays out a grid figure: title, column titles wrapped into their column (word wrap; a word wider than
/// the column breaks between characters; after maxTitleLines lines the rest is elided with "…"), row labels
/// in a label column of at most 30 % of a paper width (the name on one line, elided; the class and
/// confidence wrapped on up to two; the last lines kept when the row is lower than that), cells, and a colour bar under each
/// column that has one, with "−v", "0", "+v" (or low/high) ticks (in units of 10ⁿ, with a "×10ⁿ" line, when
/// |v| < 0.01 or >= 1000) and, for per-image scales, a caption with the rows' range. Natural: cells at content.cell * zoom; Single/DoubleColumn: the page is exactly that
/// many inches wide and the cells share what the labels leave (never below 1 pixel).
FigureLayout layoutFigure(const FigureContent &content, const FigureStyle &style);

/// Splits `text` into lines no wider than `width` pixels in `font` by the rule above (at most `maxLines`).
QStringList wrapText(const QString &text, const QFont &font, int width, int maxLines);

/// The tick text of a colour-bar value: 2 significant digits, a real minus sign ("−0.012", "3.1e+02").
QString formatTick(double value);

} // namespace bcos::widgets
