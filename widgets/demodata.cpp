#include "demodata.h"

#include "core/data/idxdataset.h"
#include "core/error.h"
#include "widgets/tensorimage.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <ATen/ATen.h>

namespace bcos::widgets {

QString findDemoModel()
{
    const QString name = QStringLiteral("fashion-mnist-densenet.safetensors");
    QStringList candidates;
    if (!qEnvironmentVariableIsEmpty("BCOS_DEMO_MODEL"))
        candidates << qEnvironmentVariable("BCOS_DEMO_MODEL");
    candidates << QCoreApplication::applicationDirPath() + QStringLiteral("/../share/bcos-studio/demo/") + name
               << QStringLiteral(BCOS_SOURCE_DIR "/resources/demo/") + name;
    for (const QString &path : std::as_const(candidates))
        if (QFileInfo(path).isFile())
            return QFileInfo(path).absoluteFilePath();
    return {};
}

QString fashionMnistDir()
{
    return qEnvironmentVariableIsEmpty("BCOS_FASHION_MNIST") ? QStringLiteral("/usr/share/datasets/fashion-mnist")
                                                             : qEnvironmentVariable("BCOS_FASHION_MNIST");
}

QStringList fashionMnistClassNames()
{
    return {QStringLiteral("T-shirt/top"), QStringLiteral("Trouser"), QStringLiteral("Pullover"), QStringLiteral("Dress"),
            QStringLiteral("Coat"), QStringLiteral("Sandal"), QStringLiteral("Shirt"), QStringLiteral("Sneaker"),
            QStringLiteral("Bag"), QStringLiteral("Ankle boot")};
}

bool hasFashionMnist(const QString &datasetDir)
{
    const QString images = QDir(datasetDir).filePath(QStringLiteral("t10k-images-idx3-ubyte"));
    return QFileInfo::exists(images) || QFileInfo::exists(images + QStringLiteral(".gz"));
}

QStringList writeFashionMnistImages(const QString &datasetDir, const QString &dir, int count)
{
    const core::IdxDataset dataset(datasetDir.toStdString(), false);
    if (!QDir().mkpath(dir))
        core::fail(core::ErrorCode::Io, "{}: cannot create the demo folder", dir.toStdString());
    const QStringList classes = fashionMnistClassNames();
    QStringList paths;
    for (int64_t i = 0; i < std::min<int64_t>(count, dataset.size()); ++i) {
        const core::Sample sample = dataset.get(i);
        QString label = sample.label < classes.size() ? classes.at(static_cast<int>(sample.label)) : QString::number(sample.label);
        label.replace(QLatin1Char('/'), QLatin1Char('-')).replace(QLatin1Char(' '), QLatin1Char('-'));
        const QString path = QDir(dir).filePath(QStringLiteral("fmnist_%1_%2.png").arg(i, 2, 10, QLatin1Char('0')).arg(label));
        if (!imageFromTensor(sample.image, true).save(path, "PNG"))
            core::fail(core::ErrorCode::Io, "{}: cannot write a demo image", path.toStdString());
        paths << path;
    }
    return paths;
}

} // namespace bcos::widgets
