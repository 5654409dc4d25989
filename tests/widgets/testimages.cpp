#include "testimages.h"

#include "core/imaging/imageio.h"

#include <QFile>

#include <ATen/ATen.h>

namespace bcos::test {

void writeTestPng(const QString &path, int width, int height)
{
    const at::Tensor xs = (at::arange(width, at::kFloat) * 8).remainder(256).view({1, width}).expand({height, width});
    const at::Tensor ys = (at::arange(height, at::kFloat) * 8).remainder(256).view({height, 1}).expand({height, width});
    const at::Tensor blue = at::full({height, width}, 128.0f);
    imaging::writePng(path.toStdString(), at::stack({xs, ys, blue}) / 255.0);
}

void writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        throw std::runtime_error("cannot write test file " + path.toStdString());
}

} // namespace bcos::test
