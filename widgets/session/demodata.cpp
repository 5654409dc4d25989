#include "demodata.h"

#include "core/data/cifardataset.h"
#include "core/data/idxdataset.h"
#include "core/error.h"
#include "widgets/jobs/tensorimage.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <ATen/ATen.h>

#include <memory>

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
        if (!imageFromTensor(sample.image, true).save(path, "PNG"))
            core::fail(core::ErrorCode::Io, "{}: cannot write a dataset image", path.toStdString());
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
