#include "figurelayout.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace bcos::widgets {
namespace {

QFont figureFont(double points, int dpi)
{
    QFont font;
    font.setPixelSize(std::max(6, static_cast<int>(std::lround(points * dpi / 72.0))));
    // Unhinted advances scale linearly, so the raster (PNG) and vector (SVG, PDF) painters agree with the layout.
    font.setHintingPreference(QFont::PreferNoHinting);
    return font;
}

int advance(const QFontMetricsF &metrics, const QString &text)
{
    return static_cast<int>(std::ceil(metrics.horizontalAdvance(text)));
}

/// The longest prefix of `word` (at least one character) that fits `width`.
int fittingPrefix(const QFontMetricsF &metrics, const QString &word, int width)
{
    int length = 1;
    while (length < word.size() && advance(metrics, word.left(length + 1)) <= width)
        ++length;
    return length;
}

/// Lines of `lines` as FigureTexts stacked from `top`, each `lineHeight` high, aligned in [left, left + width).
QVector<FigureText> placeLines(const QStringList &lines, const QFont &font, int left, int width, int top,
                               Qt::Alignment alignment)
{
    const QFontMetricsF metrics(font);
    const int lineHeight = static_cast<int>(std::ceil(metrics.height()));
    QVector<FigureText> texts;
    for (int k = 0; k < lines.size(); ++k) {
        const int w = std::min(width, advance(metrics, lines[k]));
        int x = left;
        if (alignment & Qt::AlignHCenter)
            x = left + (width - w) / 2;
        else if (alignment & Qt::AlignRight)
            x = left + width - w;
        texts.append({lines[k], QRect(x, top + k * lineHeight, w, lineHeight), alignment});
    }
    return texts;
}

struct Metrics {
    int margin = 0;
    int gap = 0;
    int lineHeight = 0;
    int titleLineHeight = 0;
};

int labelColumnWidth(const FigureContent &content, const FigureStyle &style, const QFont &font, int cap)
{
    if (!style.rowLabels || content.rowLabels.isEmpty())
        return 0;
    const QFontMetricsF metrics(font);
    int widest = 0;
    for (const QString &label : content.rowLabels)
        for (const QString &line : label.split(QLatin1Char('\n')))
            widest = std::max(widest, advance(metrics, line));
    return std::min(widest, cap);
}

/// The power of ten a bar's ticks are written in units of: 0 when its values read well as they are
/// (0.01 <= |v| < 1000), else that of the larger end, so narrow columns show "−4.2", "+4.2", "×10⁻⁵".
int tickExponent(const ColourBarSpec &bar)
{
    const double largest = std::max(std::abs(bar.low), std::abs(bar.high));
    if (!(largest > 0) || (largest >= 1e-2 && largest < 1e3))
        return 0;
    return static_cast<int>(std::floor(std::log10(largest)));
}

QString superscript(int value)
{
    static const QString digits = QStringLiteral("⁰¹²³⁴⁵⁶⁷⁸⁹");
    QString text;
    for (const QChar c : QString::number(value))
        text += c == QLatin1Char('-') ? QChar(0x207B) : digits.at(c.digitValue());
    return text;
}

QVector<FigureText> colourBarTicks(const ColourBarSpec &bar, const QFont &font, const QRect &rect, int gap)
{
    const QFontMetricsF metrics(font);
    const int top = rect.bottom() + 1 + gap / 2;
    const int width = rect.width();
    const int exponent = tickExponent(bar);
    const double unit = std::pow(10.0, exponent);
    QString low = formatTick(bar.low / unit), high = formatTick(bar.high / unit);
    if (bar.low < 0 && bar.high > 0)
        high.prepend(QLatin1Char('+'));
    const int lowWidth = advance(metrics, low), highWidth = advance(metrics, high);
    QVector<FigureText> ticks;
    if (lowWidth + highWidth + gap <= width) { // one line: low at the left end, high at the right end
        ticks += placeLines({low}, font, rect.left(), width, top, Qt::AlignLeft);
        ticks += placeLines({high}, font, rect.left(), width, top, Qt::AlignRight);
        const QString zero = QStringLiteral("0");
        const int zeroWidth = advance(metrics, zero);
        if (bar.low < 0 && bar.high > 0) { // 0 at its place on the bar, when it does not touch the ends' labels
            const int x = rect.left() + static_cast<int>(std::lround(width * -bar.low / (bar.high - bar.low))) - zeroWidth / 2;
            if (x >= rect.left() + lowWidth + gap && x + zeroWidth + gap <= rect.right() + 1 - highWidth)
                ticks.append({zero, QRect(x, top, zeroWidth, ticks.first().box.height()), Qt::AlignLeft});
        }
    } else { // a narrow column: low above high, each elided to the column
        ticks += placeLines({metrics.elidedText(low, Qt::ElideRight, width)}, font, rect.left(), width, top, Qt::AlignLeft);
        ticks += placeLines({metrics.elidedText(high, Qt::ElideRight, width)}, font, rect.left(), width,
                            ticks.last().box.bottom() + 1, Qt::AlignRight);
    }
    if (exponent != 0)
        ticks += placeLines({QStringLiteral("×10") + superscript(exponent)}, font, rect.left(), width,
                            ticks.last().box.bottom() + 1, Qt::AlignHCenter);
    if (bar.perImage) { // the rows' ranges in the same unit when that fits in two lines, else just "per image"
        QStringList caption = wrapText(QCoreApplication::translate("FigureLayout", "per image: %1 to %2")
                                           .arg(formatTick(bar.smallestHigh / unit), formatTick(bar.high / unit)),
                                       font, width, 0);
        if (caption.size() > 2)
            caption = wrapText(QCoreApplication::translate("FigureLayout", "per image"), font, width, 2);
        ticks += placeLines(caption, font, rect.left(), width, ticks.last().box.bottom() + 1, Qt::AlignHCenter);
    }
    return ticks;
}

int bottomOf(const QVector<FigureText> &texts, int fallback)
{
    int bottom = fallback;
    for (const FigureText &text : texts)
        bottom = std::max(bottom, text.box.bottom() + 1);
    return bottom;
}

} // namespace

double figureWidthInches(FigureWidth width)
{
    switch (width) {
    case FigureWidth::SingleColumn: return 3.5;
    case FigureWidth::DoubleColumn: return 7.16;
    case FigureWidth::Natural: break;
    }
    return 0.0;
}

QString figureWidthName(FigureWidth width)
{
    switch (width) {
    case FigureWidth::SingleColumn: return QStringLiteral("single");
    case FigureWidth::DoubleColumn: return QStringLiteral("double");
    case FigureWidth::Natural: break;
    }
    return QStringLiteral("natural");
}

QString formatTick(double value)
{
    if (value == 0.0)
        return QStringLiteral("0");
    return QString::number(value, 'g', 2).replace(QLatin1Char('-'), QChar(0x2212));
}

QStringList wrapText(const QString &text, const QFont &font, int width, int maxLines)
{
    const QFontMetricsF metrics(font);
    QStringList lines;
    QString current;
    for (QString word : text.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts)) {
        const QString joined = current.isEmpty() ? word : current + QLatin1Char(' ') + word;
        if (advance(metrics, joined) <= width) {
            current = joined;
            continue;
        }
        if (!current.isEmpty())
            lines << current;
        while (word.size() > 1 && advance(metrics, word) > width) { // wider than the column: break anywhere
            const int length = fittingPrefix(metrics, word, width);
            lines << word.left(length);
            word = word.mid(length);
        }
        current = word;
    }
    if (!current.isEmpty())
        lines << current;
    if (maxLines > 0 && lines.size() > maxLines) {
        const QString rest = lines.mid(maxLines - 1).join(QLatin1Char(' '));
        lines = lines.mid(0, maxLines - 1);
        lines << metrics.elidedText(rest, Qt::ElideRight, width);
    }
    return lines;
}

QRect FigureLayout::cell(int row, int column) const
{
    return QRect(columns.at(column).x(), rows.at(row).y(), columns.at(column).width(), rows.at(row).height());
}

QRect FigureLayout::titleBox(int column) const
{
    QRect box;
    for (const FigureText &line : columnTitles.value(column))
        box = box.united(line.box);
    return box;
}

FigureLayout layoutFigure(const FigureContent &content, const FigureStyle &style)
{
    FigureLayout layout;
    layout.labelFont = figureFont(style.labelPoints, style.dpi);
    layout.titleFont = figureFont(style.titlePoints, style.dpi);
    Metrics m;
    m.margin = layout.labelFont.pixelSize();
    m.gap = std::max(2, m.margin / 4);
    m.lineHeight = static_cast<int>(std::ceil(QFontMetricsF(layout.labelFont).height()));
    const int columnCount = static_cast<int>(content.columnTitles.size());
    const int rowCount = static_cast<int>(content.rowLabels.size());
    const QSize source = content.cell.isEmpty() ? QSize(224, 224) : content.cell;

    // Widths: the label column, then the cells (exact pixels, or what a paper column leaves them).
    const double inches = figureWidthInches(style.width);
    int pageWidth = static_cast<int>(std::lround(inches * style.dpi));
    QSize cell = source * std::max(1, style.zoom);
    int labelWidth = 0;
    if (inches > 0) {
        labelWidth = labelColumnWidth(content, style, layout.labelFont, (pageWidth - 2 * m.margin) * 3 / 10);
        const int labelBand = labelWidth > 0 ? labelWidth + m.gap : 0;
        const int available = pageWidth - 2 * m.margin - labelBand - std::max(0, columnCount - 1) * m.gap;
        const int side = std::max(1, available / std::max(1, columnCount));
        cell = QSize(side, std::max(1, static_cast<int>(std::lround(double(side) * source.height() / source.width()))));
    } else {
        labelWidth = labelColumnWidth(content, style, layout.labelFont, 2 * cell.width());
        pageWidth = 2 * m.margin + (labelWidth > 0 ? labelWidth + m.gap : 0) + columnCount * cell.width()
                    + std::max(0, columnCount - 1) * m.gap;
    }
    const int left = m.margin + (labelWidth > 0 ? labelWidth + m.gap : 0);

    int y = m.margin;
    if (!content.title.isEmpty()) {
        layout.title = placeLines(wrapText(content.title, layout.titleFont, pageWidth - 2 * m.margin, 2),
                                  layout.titleFont, m.margin, pageWidth - 2 * m.margin, y, Qt::AlignLeft);
        y = bottomOf(layout.title, y) + m.gap;
    }

    // Column titles, bottom-aligned over their column.
    const int headerTop = y;
    QVector<QStringList> titleLines(columnCount);
    int titleRows = 0;
    for (int c = 0; c < columnCount && style.columnLabels; ++c) {
        titleLines[c] = wrapText(content.columnTitles[c], layout.labelFont, cell.width(), style.maxTitleLines);
        titleRows = std::max(titleRows, static_cast<int>(titleLines[c].size()));
    }
    const int headerHeight = titleRows > 0 ? titleRows * m.lineHeight + m.gap : 0;
    const int rowsTop = headerTop + headerHeight;
    const int rowsBottom = rowsTop + rowCount * cell.height() + std::max(0, rowCount - 1) * m.gap;
    for (int c = 0; c < columnCount; ++c) {
        const int x = left + c * (cell.width() + m.gap);
        layout.columns.append(QRect(x, headerTop, cell.width(), rowsBottom - headerTop));
        const int top = rowsTop - m.gap - static_cast<int>(titleLines[c].size()) * m.lineHeight;
        layout.columnTitles.append(placeLines(titleLines[c], layout.labelFont, x, cell.width(), top, Qt::AlignHCenter));
    }

    // Rows and their labels (vertically centred, as many lines as fit the row).
    const int maxLabelLines = std::max(1, cell.height() / m.lineHeight);
    for (int r = 0; r < rowCount; ++r) {
        const QRect row(0, rowsTop + r * (cell.height() + m.gap), pageWidth, cell.height());
        layout.rows.append(row);
        // The name on one line (elided), then the class and confidence on up to two: they matter more.
        QStringList lines;
        const QStringList parts = content.rowLabels[r].split(QLatin1Char('\n'));
        for (int k = 0; k < parts.size() && labelWidth > 0; ++k)
            lines += wrapText(parts[k], layout.labelFont, labelWidth, k == 0 ? 1 : 2);
        if (lines.size() > maxLabelLines)
            lines = lines.mid(lines.size() - maxLabelLines);
        const int top = row.y() + (row.height() - static_cast<int>(lines.size()) * m.lineHeight) / 2;
        layout.rowLabels.append(placeLines(lines, layout.labelFont, m.margin, labelWidth, top, Qt::AlignRight));
    }

    // Colour bars under the columns that have one.
    y = rowsBottom;
    const int barTop = rowsBottom + 2 * m.gap;
    const int barHeight = std::max(2, m.lineHeight / 2);
    for (int c = 0; c < columnCount; ++c) {
        const auto &bar = c < content.colourBars.size() ? content.colourBars[c] : std::optional<ColourBarSpec>();
        if (!bar) {
            layout.colourBars.append(QRect());
            layout.colourBarLabels.append(QVector<FigureText>());
            continue;
        }
        const QRect rect(layout.columns[c].x(), barTop, cell.width(), barHeight);
        layout.colourBars.append(rect);
        layout.colourBarLabels.append(colourBarTicks(*bar, layout.labelFont, rect, m.gap));
        y = std::max(y, bottomOf(layout.colourBarLabels.last(), rect.bottom() + 1));
    }
    layout.page = QSize(pageWidth, y + m.margin);
    return layout;
}

} // namespace bcos::widgets
