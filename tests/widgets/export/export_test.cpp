#include "qtwait.h"
#include "testimages.h"
#include "tests/support/tempdir.h"

#include "core/error.h"
#include "widgets/session/document.h"
#include "widgets/grid/explanationgridmodel.h"
#include "widgets/export/exportdialog.h"
#include "widgets/export/figurelayout.h"
#include "widgets/export/gridexporter.h"
#include "widgets/session/logmodel.h"
#include "widgets/session/studiosession.h"
#include "widgets/shell/mainwindow.h"

#include <QFile>
#include <QFontMetricsF>
#include <QtMath>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSvgRenderer>
#include <QXmlStreamReader>

#include <gtest/gtest.h>

namespace bcos::widgets {
namespace {

// The titles the issue saw clipped ("adCAM (origin", ":xGradient (B"), and worse.
const QStringList kLongTitles = {QStringLiteral("GradCAM (original)"), QStringLiteral("Input×Gradient (B-cos)"),
                                 QStringLiteral("Integrated Gradients (B-cos)"),
                                 QStringLiteral("Contributions of the fine-tuned B-cos DenseNet-121"),
                                 QStringLiteral("Supercalifragilisticexpialidocious-attribution")};

FigureContent longTitleContent(int columns, QSize cell)
{
    FigureContent content;
    content.title = QStringLiteral("Explanations of the demo model");
    for (int c = 0; c < columns; ++c)
        content.columnTitles << kLongTitles[c % kLongTitles.size()];
    content.rowLabels = {QStringLiteral("fashion-mnist-test-0.png\nAnkle boot 97.3 %"), QStringLiteral("img1.png")};
    content.cell = cell;
    return content;
}

/// Every line's box holds its measured text, and the box lies inside [left, right) of `area`.
void expectInside(const QVector<FigureText> &lines, const QRect &area, const QFont &font, const std::string &what)
{
    const QFontMetricsF metrics(font);
    for (const FigureText &line : lines) {
        EXPECT_GE(line.box.left(), area.left()) << what << ": " << line.text.toStdString();
        EXPECT_LE(line.box.right(), area.right()) << what << ": " << line.text.toStdString();
        EXPECT_LE(metrics.horizontalAdvance(line.text), line.box.width() + 0.01) << what << ": " << line.text.toStdString();
    }
}

TEST(FigureLayout, LongColumnTitlesLieInsideTheirColumnsAtEveryWidth)
{
    struct Case {
        FigureWidth width;
        int columns;
        QSize cell;
    };
    for (const Case &c : {Case{FigureWidth::Natural, 5, QSize(112, 112)}, Case{FigureWidth::SingleColumn, 5, QSize(28, 28)},
                          Case{FigureWidth::DoubleColumn, 8, QSize(224, 224)}, Case{FigureWidth::SingleColumn, 3, QSize(64, 32)}}) {
        SCOPED_TRACE(figureWidthName(c.width).toStdString() + " x" + std::to_string(c.columns));
        FigureStyle style;
        style.width = c.width;
        style.dpi = 300;
        const FigureLayout layout = layoutFigure(longTitleContent(c.columns, c.cell), style);
        ASSERT_EQ(layout.columns.size(), c.columns);
        if (c.width != FigureWidth::Natural) // exactly the paper's column, so fonts keep their point size
            EXPECT_EQ(layout.page.width(), qRound(figureWidthInches(c.width) * 300));
        EXPECT_EQ(layout.labelFont.pixelSize(), qRound(8.0 * 300 / 72)); // 8 pt at 300 dpi
        for (int col = 0; col < c.columns; ++col) {
            const QRect column = layout.columns[col];
            const QRect box = layout.titleBox(col);
            ASSERT_FALSE(box.isEmpty()) << col;
            // The bounding box of the whole title lies inside its column and above its first cell.
            EXPECT_GE(box.left(), column.left()) << col;
            EXPECT_LE(box.right(), column.right()) << col;
            EXPECT_GE(box.top(), column.top()) << col;
            EXPECT_LE(box.bottom(), layout.cell(0, col).top()) << col;
            EXPECT_LE(layout.columnTitles[col].size(), style.maxTitleLines);
            expectInside(layout.columnTitles[col], column, layout.labelFont, "title");
            if (col + 1 < c.columns) // and never reaches into the next column
                EXPECT_LT(box.right(), layout.columns[col + 1].left());
            // Nothing is lost unless elided: the lines hold the title's characters in order.
            QString joined;
            for (const FigureText &line : layout.columnTitles[col])
                joined += line.text;
            const QString title = kLongTitles[col % kLongTitles.size()];
            if (!joined.contains(QChar(0x2026)))
                EXPECT_EQ(joined.remove(QLatin1Char(' ')), QString(title).remove(QLatin1Char(' ')));
        }
        for (int row = 0; row < layout.rows.size(); ++row)
            expectInside(layout.rowLabels[row], QRect(0, 0, layout.columns[0].left(), 1), layout.labelFont, "row label");
    }
}

TEST(FigureLayout, WrappingBreaksAtSpacesThenInsideLongWordsAndElidesTheRest)
{
    QFont font;
    font.setPixelSize(20);
    const QFontMetricsF metrics(font);
    const int width = qCeil(metrics.horizontalAdvance(QStringLiteral("GradCAM (B-cos)")));
    EXPECT_EQ(wrapText(QStringLiteral("GradCAM (B-cos)"), font, width, 3), QStringList{QStringLiteral("GradCAM (B-cos)")});
    EXPECT_EQ(wrapText(QStringLiteral("GradCAM (original)"), font, width, 3),
              (QStringList{QStringLiteral("GradCAM"), QStringLiteral("(original)")}));
    const QStringList broken = wrapText(QStringLiteral("Supercalifragilisticexpialidocious"), font, width, 5);
    ASSERT_GE(broken.size(), 2);
    EXPECT_EQ(broken.join(QString()), QStringLiteral("Supercalifragilisticexpialidocious"));
    for (const QString &line : broken)
        EXPECT_LE(metrics.horizontalAdvance(line), width);
    const QStringList elided = wrapText(QStringLiteral("one two three four five six seven eight nine ten"), font,
                                        qCeil(metrics.horizontalAdvance(QStringLiteral("three"))), 2);
    ASSERT_EQ(elided.size(), 2);
    EXPECT_TRUE(elided[1].endsWith(QChar(0x2026))) << elided[1].toStdString();
}

TEST(FigureLayout, ColourBarShowsItsRangeUnderItsColumn)
{
    FigureContent content = longTitleContent(3, QSize(224, 224));
    content.colourBars = {std::nullopt, ColourBarSpec{QStringLiteral("bwr"), -0.25, 0.25, false, 0.25},
                          ColourBarSpec{QStringLiteral("bwr"), -3.5e-3, 3.5e-3, true, 1.2e-3}};
    FigureStyle style;
    style.width = FigureWidth::DoubleColumn;
    const FigureLayout layout = layoutFigure(content, style);
    ASSERT_EQ(layout.colourBars.size(), 3);
    EXPECT_TRUE(layout.colourBars[0].isNull());
    EXPECT_TRUE(layout.colourBarLabels[0].isEmpty());
    const int lastRowBottom = layout.rows.last().bottom();
    for (int col : {1, 2}) {
        const QRect bar = layout.colourBars[col];
        EXPECT_EQ(bar.left(), layout.columns[col].left());
        EXPECT_EQ(bar.width(), layout.columns[col].width());
        EXPECT_GT(bar.top(), lastRowBottom);
        EXPECT_LE(bar.bottom(), layout.page.height());
        expectInside(layout.colourBarLabels[col], layout.columns[col], layout.labelFont, "tick");
        for (const FigureText &tick : layout.colourBarLabels[col])
            EXPECT_GT(tick.box.top(), bar.bottom());
    }
    const QChar minus(0x2212);
    QStringList ticks;
    for (const FigureText &tick : layout.colourBarLabels[1])
        ticks << tick.text;
    EXPECT_EQ(ticks, (QStringList{QString(minus) + QStringLiteral("0.25"), QStringLiteral("+0.25"), QStringLiteral("0")}));
    // The zero tick sits at the bar's middle (symmetric range).
    EXPECT_NEAR(layout.colourBarLabels[1][2].box.center().x(), layout.colourBars[1].center().x(), 2);
    // A per-image scale says so, with the range of the rows' highs.
    QString caption;
    for (const FigureText &tick : layout.colourBarLabels[2])
        caption += tick.text + QLatin1Char(' ');
    EXPECT_TRUE(caption.startsWith(QString(minus) + QStringLiteral("3.5 +3.5 0 ×10⁻³ "))) << caption.toStdString();
    EXPECT_TRUE(caption.contains(QStringLiteral("per image: 1.2 to 3.5"))) << caption.toStdString();
    EXPECT_EQ(formatTick(-1234.0), QString(minus) + QStringLiteral("1.2e+03"));
    EXPECT_EQ(formatTick(0.0), QStringLiteral("0"));
}

TEST(FigureLayout, RowLabelsHoldNameAndClassLinesBesideTheirRow)
{
    FigureStyle style;
    style.width = FigureWidth::SingleColumn;
    const FigureLayout layout = layoutFigure(longTitleContent(3, QSize(224, 224)), style);
    ASSERT_EQ(layout.rowLabels.size(), 2);
    QStringList first;
    for (const FigureText &line : layout.rowLabels[0]) {
        first << line.text;
        EXPECT_GE(line.box.top(), layout.rows[0].top());
        EXPECT_LE(line.box.bottom(), layout.rows[0].bottom());
        EXPECT_LT(line.box.right(), layout.columns[0].left());
    }
    ASSERT_GE(first.size(), 2);
    // The name on its one line (elided when long), then the class and confidence, wrapped, never lost.
    EXPECT_EQ(first.mid(1).join(QLatin1Char(' ')), QStringLiteral("Ankle boot 97.3 %"));
    EXPECT_TRUE(QStringLiteral("fashion-mnist-test-0.png").startsWith(QString(first.first()).remove(QChar(0x2026))))
        << first.first().toStdString();
    style.rowLabels = false;
    const FigureLayout without = layoutFigure(longTitleContent(3, QSize(224, 224)), style);
    EXPECT_TRUE(without.rowLabels[0].isEmpty());
    EXPECT_GT(without.columns[0].width(), layout.columns[0].width()); // the cells get the labels' width
}

class ExportTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        QStringList paths;
        for (int i = 0; i < 3; ++i) {
            paths << QString::fromStdString((dir / ("img" + std::to_string(i) + ".png")).string());
            test::writeTestPng(paths.back(), 256 + 8 * i, 256);
        }
        window.openPaths(paths);
        ASSERT_TRUE(test::waitUntil([this] { return window.session().document().imageCount() == 3; }));
    }
    QString path(const std::string &name) const { return QString::fromStdString((dir / name).string()); }
    QByteArray read(const QString &file) const
    {
        QFile f(file);
        EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << file.toStdString();
        return f.readAll();
    }

    test::TempDir dir;
    MainWindow window{StudioServices{}};
};

TEST_F(ExportTest, PngHasTheLayoutSizeTheChosenDpiAndExactCellPixels)
{
    ExportOptions options;
    options.dpi = 150;
    options.title = QStringLiteral("Inputs");
    ASSERT_TRUE(window.exportGridTo(path("grid.png"), options, false, false));
    const GridExporter exporter(window.session().document(), window.session().gridModel(), GridExporter::everything(window.session().gridModel()), options);
    ASSERT_EQ(exporter.selection().columns, QVector<int>({0})); // only the Input column is available
    const QImage png(path("grid.png"));
    ASSERT_FALSE(png.isNull());
    EXPECT_EQ(png.size(), exporter.pageSize(3));
    EXPECT_GT(png.height(), 3 * 224);
    EXPECT_NEAR(png.dotsPerMeterX() * 0.0254, 150.0, 0.5);
    // Exact pixels: somewhere in the PNG the first row's Input cell appears 1:1, all 224 x 224 pixels.
    const QImage input = window.session().gridModel().cellImage(0, 0).convertToFormat(QImage::Format_RGB32);
    ASSERT_EQ(input.size(), QSize(224, 224));
    // img0 is 256 x 256: no resize, centre crop at (16, 16), so input (10, 3) is source (26, 19).
    EXPECT_EQ(input.pixel(10, 3), qRgb(26 * 8 % 256, 19 * 8, 128));
    bool found = false;
    for (int y = 0; y + 224 <= png.height() && !found; ++y)
        for (int x = 0; x + 224 <= png.width() && !found; ++x)
            found = png.pixel(x, y) == input.pixel(0, 0) && png.pixel(x + 223, y + 223) == input.pixel(223, 223)
                    && png.copy(x, y, 224, 224).convertToFormat(QImage::Format_RGB32) == input;
    EXPECT_TRUE(found) << "the input cell is not drawn 1:1";
}

TEST_F(ExportTest, SvgIsNonEmptyAndParses)
{
    ASSERT_TRUE(window.exportGridTo(path("grid.svg"), {}, false, false));
    const QByteArray svg = read(path("grid.svg"));
    ASSERT_GT(svg.size(), 1000);
    QXmlStreamReader xml(svg);
    int images = 0;
    while (!xml.atEnd())
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("image"))
            ++images;
    EXPECT_FALSE(xml.hasError()) << xml.errorString().toStdString();
    EXPECT_EQ(images, 3);
    QSvgRenderer renderer(path("grid.svg"));
    EXPECT_TRUE(renderer.isValid());
}

TEST_F(ExportTest, PdfStartsWithTheMagicAndHasOnePagePerRowGroup)
{
    ExportOptions options;
    options.rowsPerPage = 2;
    ASSERT_TRUE(window.exportGridTo(path("grid.pdf"), options, false, true));
    const QByteArray pdf = read(path("grid.pdf"));
    ASSERT_TRUE(pdf.startsWith("%PDF-"));
    const QRegularExpression page(QStringLiteral("/Type\\s*/Page[^s]"));
    EXPECT_EQ(QString::fromLatin1(pdf).count(page), 2);
    ASSERT_TRUE(window.exportGridTo(path("one.pdf"), {}, false, false));
    EXPECT_EQ(QString::fromLatin1(read(path("one.pdf"))).count(page), 1);
}

TEST_F(ExportTest, RecipeSidecarNamesImagesColumnsAndDpi)
{
    ExportOptions options;
    options.dpi = 600;
    ASSERT_TRUE(window.exportGridTo(path("grid.png"), options, false, true));
    const QJsonObject recipe = QJsonDocument::fromJson(read(path("grid.png.json"))).object();
    EXPECT_EQ(recipe.value("dpi").toInt(), 600);
    EXPECT_EQ(recipe.value("file").toString(), path("grid.png"));
    ASSERT_EQ(recipe.value("images").toArray().size(), 3);
    EXPECT_TRUE(recipe.value("images").toArray().at(2).toString().endsWith(QStringLiteral("img2.png")));
    ASSERT_EQ(recipe.value("columns").toArray().size(), 1);
    EXPECT_EQ(recipe.value("columns").toArray().at(0).toObject().value("id").toString(), QStringLiteral("input"));
    EXPECT_TRUE(recipe.value("model").isNull());
}

TEST_F(ExportTest, UnknownFormatAndUnwritablePathAreReportedNotThrown)
{
    EXPECT_FALSE(window.exportGridTo(path("grid.bmp"), {}, false, false));
    EXPECT_TRUE(window.session().log().entry(window.session().log().rowCount() - 1).message.contains(QStringLiteral("unknown export format")));
    EXPECT_FALSE(window.exportGridTo(path("missing/dir/grid.png"), {}, false, false));
    EXPECT_TRUE(window.session().log().entry(window.session().log().rowCount() - 1).message.contains(QStringLiteral("cannot write")));
}

TEST_F(ExportTest, PngSvgAndPdfComeFromOneLayoutAndTitlesAreNotClipped)
{
    QVector<ViewColumn> extra;
    for (int i = 0; i < 4; ++i) {
        ViewColumn column;
        column.id = QStringLiteral("clip:%1").arg(i);
        column.title = kLongTitles[i];
        column.available = true;
        column.spec.kind = ColumnSpec::Kind::ClipPrompt;
        extra << column;
    }
    window.session().document().setExtraColumns(extra);
    ExportOptions options;
    options.width = FigureWidth::SingleColumn;
    options.dpi = 200;
    options.title = QStringLiteral("Panel");
    const GridExporter exporter(window.session().document(), window.session().gridModel(),
                                GridExporter::everything(window.session().gridModel()), options);
    const FigureLayout layout = exporter.layout(0, 3);
    ASSERT_EQ(layout.columns.size(), 5); // Input + the four prompt columns
    EXPECT_EQ(layout.page.width(), qRound(3.5 * 200));
    for (const QString &suffix : {QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf")})
        ASSERT_TRUE(window.exportGridTo(path("panel." + suffix.toStdString()), options, false, false)) << suffix.toStdString();
    // PNG: the layout's pixels.
    const QImage png(path("panel.png"));
    ASSERT_EQ(png.size(), layout.page);
    EXPECT_NEAR(png.dotsPerMeterX() * 0.0254, 200.0, 0.5);
    // SVG: the layout's view box, and every title line as text.
    const QByteArray svg = read(path("panel.svg"));
    const QRegularExpression viewBox(QStringLiteral("viewBox=\"0 0 (\\d+) (\\d+)\""));
    const QRegularExpressionMatch box = viewBox.match(QString::fromUtf8(svg));
    ASSERT_TRUE(box.hasMatch());
    EXPECT_EQ(QSize(box.captured(1).toInt(), box.captured(2).toInt()), layout.page);
    for (const QVector<FigureText> &title : layout.columnTitles)
        for (const FigureText &line : title)
            EXPECT_TRUE(svg.contains(line.text.toHtmlEscaped().toUtf8())) << line.text.toStdString();
    // PDF: the layout's size in points.
    const QString pdf = QString::fromLatin1(read(path("panel.pdf")));
    const QRegularExpressionMatch media = QRegularExpression(QStringLiteral("/MediaBox \\[0 0 ([\\d.]+) ([\\d.]+)\\]")).match(pdf);
    ASSERT_TRUE(media.hasMatch());
    EXPECT_NEAR(media.captured(1).toDouble(), layout.page.width() * 72.0 / 200, 1.0);
    EXPECT_NEAR(media.captured(2).toDouble(), layout.page.height() * 72.0 / 200, 1.0);
    // The exported pixels: ink in the header band only inside the title boxes (nothing spills or is cut).
    const int headerTop = layout.columns[0].top(), headerBottom = layout.cell(0, 0).top();
    int ink = 0;
    for (int y = headerTop; y < headerBottom; ++y)
        for (int x = 0; x < png.width(); ++x) {
            if (qGray(png.pixel(x, y)) > 200)
                continue;
            ++ink;
            bool inBox = false;
            for (int col = 0; col < layout.columns.size() && !inBox; ++col)
                inBox = layout.titleBox(col).adjusted(-2, -2, 2, 2).contains(x, y);
            EXPECT_TRUE(inBox) << "ink outside every title box at " << x << ", " << y;
            if (!inBox)
                return;
        }
    EXPECT_GT(ink, 100); // the titles were drawn
}

TEST_F(ExportTest, RecipeRecordsTheLayoutSettings)
{
    ExportOptions options;
    options.width = FigureWidth::DoubleColumn;
    options.labelPoints = 7.0;
    options.colourBars = true;
    options.rowPredictions = true;
    ASSERT_TRUE(window.exportGridTo(path("grid.pdf"), options, false, true));
    const QJsonObject recipe = QJsonDocument::fromJson(read(path("grid.pdf.json"))).object();
    const QJsonObject layout = recipe.value("layout").toObject();
    EXPECT_EQ(layout.value("width").toString(), QStringLiteral("double"));
    EXPECT_DOUBLE_EQ(layout.value("widthInches").toDouble(), 7.16);
    EXPECT_DOUBLE_EQ(layout.value("labelPoints").toDouble(), 7.0);
    EXPECT_TRUE(layout.value("colourBars").toBool());
    EXPECT_TRUE(layout.value("rowPredictions").toBool());
    EXPECT_EQ(layout.value("page").toArray().at(0).toInt(), qRound(7.16 * 300));
    EXPECT_EQ(recipe.value("columns").toArray().size(), 1); // the old keys stay
    EXPECT_EQ(recipe.value("dpi").toInt(), 300);
}

TEST_F(ExportTest, ExportingOnlyUnavailableColumnsIsAnError)
{
    const GridExporter exporter(window.session().document(), window.session().gridModel(), GridSelection{{0, 1}, {1, 2}}, {});
    EXPECT_TRUE(exporter.selection().columns.isEmpty());
    try {
        exporter.write(path("x.png"));
        FAIL() << "expected core::Error";
    } catch (const core::Error &e) {
        EXPECT_EQ(e.code(), core::ErrorCode::InvalidArgument);
        EXPECT_NE(std::string(e.what()).find("nothing to export"), std::string::npos);
    }
}

TEST(ExportDialog, RemembersEveryOptionButTheTitleAndRepairsBadValues)
{
    ExportOptions chosen;
    chosen.title = QStringLiteral("one figure only");
    chosen.width = FigureWidth::SingleColumn;
    chosen.dpi = 600;
    chosen.labelPoints = 6.5;
    chosen.minCellSide = 64;
    chosen.rowsPerPage = 4;
    chosen.rowLabels = false;
    chosen.rowPredictions = true;
    chosen.columnLabels = false;
    chosen.colourBars = true;
    const QJsonObject json = ExportDialog::optionsToJson(chosen);
    EXPECT_FALSE(json.contains(QStringLiteral("title")));
    const ExportOptions back = ExportDialog::optionsFromJson(json);
    EXPECT_EQ(back.title, QString());
    EXPECT_EQ(back.width, FigureWidth::SingleColumn);
    EXPECT_EQ(back.dpi, 600);
    EXPECT_DOUBLE_EQ(back.labelPoints, 6.5);
    EXPECT_DOUBLE_EQ(back.titlePoints, 8.5);
    EXPECT_EQ(back.minCellSide, 64);
    EXPECT_EQ(back.rowsPerPage, 4);
    EXPECT_FALSE(back.rowLabels);
    EXPECT_TRUE(back.rowPredictions);
    EXPECT_FALSE(back.columnLabels);
    EXPECT_TRUE(back.colourBars);

    // Settings edited by hand: unknown width, out-of-range and mistyped values fall back to what the dialog allows.
    const ExportOptions defaults = ExportDialog::defaultOptions();
    const ExportOptions repaired = ExportDialog::optionsFromJson(
        {{QStringLiteral("width"), QStringLiteral("poster")}, {QStringLiteral("dpi"), 1e300},
         {QStringLiteral("label_points"), QStringLiteral("big")}, {QStringLiteral("colour_bars"), 1}});
    EXPECT_EQ(repaired.width, defaults.width);
    EXPECT_EQ(repaired.dpi, 2400);
    EXPECT_DOUBLE_EQ(repaired.labelPoints, defaults.labelPoints);
    EXPECT_EQ(repaired.colourBars, defaults.colourBars);
    const ExportOptions empty = ExportDialog::optionsFromJson({});
    EXPECT_EQ(ExportDialog::optionsToJson(empty), ExportDialog::optionsToJson(defaults));
}

} // namespace
} // namespace bcos::widgets
