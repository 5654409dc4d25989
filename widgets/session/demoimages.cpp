#include "demoimages.h"

#include "core/error.h"

#include <QConicalGradient>
#include <QDir>
#include <QImage>
#include <QPainter>
#include <QRadialGradient>
#include <QSaveFile>

namespace bcos::widgets {
namespace {

constexpr int side = 256;

QImage rings()
{
    QImage image(side, side, QImage::Format_RGB32);
    QPainter p(&image);
    image.fill(QColor(250, 240, 220));
    for (int r = side / 2; r > 0; r -= 16) {
        p.setBrush(r / 16 % 2 ? QColor(200, 60, 40) : QColor(250, 240, 220));
        p.setPen(Qt::NoPen);
        p.drawEllipse(QPoint(side / 2, side / 2), r, r);
    }
    return image;
}

QImage stripes()
{
    QImage image(side, side, QImage::Format_RGB32);
    QPainter p(&image);
    for (int x = 0; x < side; x += 16)
        p.fillRect(x, 0, 16, side, x / 16 % 2 ? QColor(30, 90, 160) : QColor(240, 200, 40));
    return image;
}

QImage checkerDisc()
{
    QImage image(side, side, QImage::Format_RGB32);
    QPainter p(&image);
    for (int y = 0; y < side; y += 32)
        for (int x = 0; x < side; x += 32)
            p.fillRect(x, y, 32, 32, (x + y) / 32 % 2 ? Qt::black : Qt::white);
    QRadialGradient glow(QPointF(side * 0.6, side * 0.4), side * 0.25);
    glow.setColorAt(0, QColor(60, 200, 90));
    glow.setColorAt(1, QColor(20, 100, 40));
    p.setBrush(glow);
    p.setPen(Qt::NoPen);
    p.drawEllipse(QPointF(side * 0.6, side * 0.4), side * 0.25, side * 0.25);
    return image;
}

QImage colourWheel()
{
    QImage image(side, side, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter p(&image);
    QConicalGradient wheel(side / 2.0, side / 2.0, 0);
    for (int i = 0; i <= 6; ++i)
        wheel.setColorAt(i / 6.0, QColor::fromHsv(i * 60 % 360, 255, 255));
    p.setBrush(wheel);
    p.setPen(Qt::NoPen);
    p.setRenderHint(QPainter::Antialiasing);
    p.drawEllipse(QPoint(side / 2, side / 2), side / 2 - 8, side / 2 - 8);
    return image;
}

} // namespace

void savePngAtomically(const QImage &image, const QString &path, const char *what)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit())
        core::fail(core::ErrorCode::Io, "{}: cannot write {} ({})", path.toStdString(), what,
                   file.errorString().toStdString());
}

QStringList writeDemoImages(const QString &dir)
{
    if (!QDir().mkpath(dir))
        core::fail(core::ErrorCode::Io, "{}: cannot create the demo folder", dir.toStdString());
    const QList<QPair<QString, QImage>> images = {
        {QStringLiteral("demo_rings.png"), rings()},
        {QStringLiteral("demo_stripes.png"), stripes()},
        {QStringLiteral("demo_checker_disc.png"), checkerDisc()},
        {QStringLiteral("demo_colour_wheel.png"), colourWheel()}};
    QStringList paths;
    for (const auto &[name, image] : images) {
        const QString path = QDir(dir).filePath(name);
        savePngAtomically(image, path, "a demo image");
        paths << path;
    }
    return paths;
}

} // namespace bcos::widgets
