#include "qtwait.h"
#include "testimages.h"
#include "tests/support/tempdir.h"

#include "core/error.h"
#include "widgets/session/document.h"
#include "widgets/grid/explanationgridmodel.h"
#include "widgets/export/gridexporter.h"
#include "widgets/session/logmodel.h"
#include "widgets/session/studiosession.h"
#include "widgets/shell/mainwindow.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSvgRenderer>
#include <QXmlStreamReader>

#include <gtest/gtest.h>

namespace bcos::widgets {
namespace {

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

} // namespace
} // namespace bcos::widgets
