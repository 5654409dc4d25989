// The exported metrics figure: a subtitle wider than the figure (the model's path) wraps onto more rows.
#include "widgets/metrics/metricsreport.h"

#include <gtest/gtest.h>

#include <QFontMetricsF>

namespace bcos::widgets {
namespace {

TEST(MetricsReportFigure, AWideSubtitleWrapsOntoMoreRowsInsteadOfBeingCut)
{
    MetricsReport brief;
    brief.source = QStringLiteral("m");
    MetricsReport wide = brief;
    wide.source = QStringLiteral("computed on 16 image(s) with /home/researcher/experiments/2026-12/bcos-resnet50/"
                                 "imagenet/fine-tuned-from-torchvision/model.safetensors");
    const QString line = QStringLiteral("Values: %1. Mean with its 95 % percentile-bootstrap interval (2000 "
                                        "resamples).");
    const QFontMetricsF metrics{QFont()};
    ASSERT_LT(metrics.horizontalAdvance(line.arg(brief.source)), brief.figureSize().width() - 16);
    ASSERT_GT(metrics.horizontalAdvance(line.arg(wide.source)), wide.figureSize().width() - 16); // one line: cut
    EXPECT_EQ(wide.figureSize().width(), brief.figureSize().width());
    EXPECT_GT(wide.figureSize().height(), brief.figureSize().height());
}

} // namespace
} // namespace bcos::widgets
