#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

namespace bcos::widgets {

/// Where the demo model is: $BCOS_DEMO_MODEL, then <exe dir>/../share/bcos-studio/demo/, then the source
/// tree's resources/demo/ (fashion-mnist-densenet.safetensors). Empty when none exists.
QString findDemoModel();
/// The Fashion-MNIST folder: $BCOS_FASHION_MNIST or /usr/share/datasets/fashion-mnist.
QString fashionMnistDir();
/// The ten Fashion-MNIST classes in label order.
QStringList fashionMnistClassNames();
/// True when `datasetDir` holds the Fashion-MNIST test images (gzip-compressed or not).
bool hasFashionMnist(const QString &datasetDir);
/// Which images of a dataset split to write out as PNGs.
struct DatasetImagesRequest {
    QString datasetDir;     ///< IDX (MNIST/Fashion-MNIST) or CIFAR binary folder
    QString outputDir;      ///< where the PNGs go (created)
    bool train = false;     ///< the training split; else the test split
    int count = 16;         ///< the first `count` images (fewer when the split is smaller)
    QString prefix = QStringLiteral("img"); ///< file names "<prefix>_<index>_<class>.png"
    QStringList classNames; ///< names for the file names; empty = the dataset's own
};

/// Written dataset images: paths[i] holds ground-truth class labels[i].
struct DatasetImages {
    QStringList paths;
    QVector<int> labels;
};

/// Writes the first request.count images of the split (IDX when its "<train|t10k>-images-idx3-ubyte[.gz]" is
/// in the folder, else CIFAR) as PNGs and returns their paths with their labels. Worker threads only; throws
/// core::Error naming the file when the dataset is missing or unreadable, or a PNG cannot be written.
DatasetImages writeDatasetImages(const DatasetImagesRequest &request);
/// Writes the first `count` Fashion-MNIST test images (t10k, via core IdxDataset) as PNGs named
/// "fmnist_<index>_<class>.png" into `dir` and returns their paths and labels. Worker threads only; throws
/// core::Error naming the file when the dataset is missing or unreadable.
DatasetImages writeFashionMnistImages(const QString &datasetDir, const QString &dir, int count = 16);

} // namespace bcos::widgets
