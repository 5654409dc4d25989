#include "demodata.h"

#include "core/data/cifardataset.h"
#include "core/data/idxdataset.h"
#include "core/error.h"
#include "widgets/jobs/tensorimage.h"
#include "widgets/session/demoimages.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <ATen/ATen.h>

#include <memory>

namespace bcos::widgets {

QString findDemoFile(const QString &name)
{
    const QStringList candidates{QCoreApplication::applicationDirPath() + QStringLiteral("/../share/bcos-studio/demo/") + name,
                                 QStringLiteral(BCOS_SOURCE_DIR "/resources/demo/") + name};
    for (const QString &path : candidates)
        if (QFileInfo(path).isFile())
            return QFileInfo(path).absoluteFilePath();
    return {};
}

QString findDemoModel()
{
    const QString variable = qEnvironmentVariable("BCOS_DEMO_MODEL");
    if (!variable.isEmpty() && QFileInfo(variable).isFile())
        return QFileInfo(variable).absoluteFilePath();
    return findDemoFile(QStringLiteral("fashion-mnist-densenet.safetensors"));
}

QString findDemoClip()
{
    return findDemoFile(QStringLiteral("fashion-mnist-clip.safetensors"));
}

QStringList demoClipImages()
{
    const QString clip = findDemoClip();
    if (clip.isEmpty())
        return {};
    const QDir dir = QFileInfo(clip).dir();
    QStringList paths;
    for (const QString &name : dir.entryList({QStringLiteral("clip-mosaic-*.png")}, QDir::Files, QDir::Name))
        paths << dir.absoluteFilePath(name);
    return paths;
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

DatasetImages writeDatasetImages(const DatasetImagesRequest &request)
{
    const std::filesystem::path folder = request.datasetDir.toStdString();
    const QString idxImages = QDir(request.datasetDir).filePath(request.train ? QStringLiteral("train-images-idx3-ubyte")
                                                                              : QStringLiteral("t10k-images-idx3-ubyte"));
    std::unique_ptr<core::Dataset> dataset;
    if (QFileInfo::exists(idxImages) || QFileInfo::exists(idxImages + QStringLiteral(".gz")))
        dataset = std::make_unique<core::IdxDataset>(folder, request.train);
    else
        dataset = std::make_unique<core::CifarDataset>(folder, request.train);
    if (!QDir().mkpath(request.outputDir))
        core::fail(core::ErrorCode::Io, "{}: cannot create the image folder", request.outputDir.toStdString());
    QStringList classes = request.classNames;
    if (classes.isEmpty())
        for (const std::string &name : dataset->classNames())
            classes << QString::fromStdString(name);
    const int64_t count = std::min<int64_t>(request.count, dataset->size());
    const int digits = static_cast<int>(QString::number(std::max<int64_t>(count - 1, 10)).size());
    DatasetImages written;
    for (int64_t i = 0; i < count; ++i) {
        const core::Sample sample = dataset->get(i);
        QString label = sample.label < classes.size() ? classes.at(static_cast<int>(sample.label)) : QString::number(sample.label);
        label.replace(QLatin1Char('/'), QLatin1Char('-')).replace(QLatin1Char(' '), QLatin1Char('-'));
        const QString path = QDir(request.outputDir).absoluteFilePath(
            QStringLiteral("%1_%2_%3.png").arg(request.prefix).arg(i, digits, 10, QLatin1Char('0')).arg(label));
        // Atomically: two studios (or two test processes) starting the demo write the same files.
        savePngAtomically(imageFromTensor(sample.image, true), path, "a dataset image");
        written.paths << path;
        written.labels << static_cast<int>(sample.label);
    }
    return written;
}

DatasetImages writeFashionMnistImages(const QString &datasetDir, const QString &dir, int count)
{
    DatasetImagesRequest request;
    request.datasetDir = datasetDir;
    request.outputDir = dir;
    request.count = count;
    request.prefix = QStringLiteral("fmnist");
    request.classNames = fashionMnistClassNames();
    return writeDatasetImages(request);
}

} // namespace bcos::widgets
