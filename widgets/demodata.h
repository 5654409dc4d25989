#pragma once

#include <QString>
#include <QStringList>

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
/// Writes the first `count` Fashion-MNIST test images (t10k, via core IdxDataset) as PNGs named
/// "fmnist_<index>_<class>.png" into `dir` and returns their paths. Worker threads only; throws core::Error
/// naming the file when the dataset is missing or unreadable.
QStringList writeFashionMnistImages(const QString &datasetDir, const QString &dir, int count = 16);

} // namespace bcos::widgets
