#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

namespace bcos::widgets {

/// The demo's standard model and its B-cosified, fine-tuned version (resources/demo/make-demo-model.sh).
inline constexpr const char *kDemoModel = "fashion-mnist-densenet.safetensors";
inline constexpr const char *kDemoFineTunedModel = "fashion-mnist-densenet-bcos.safetensors";

/// Where a file of the demo is: <exe dir>/../share/bcos-studio/demo/<name>, then the source tree's
/// resources/demo/<name>. Empty when neither exists.
QString findDemoFile(const QString &name);
/// The demo model: $BCOS_DEMO_MODEL, then findDemoFile("fashion-mnist-densenet.safetensors").
QString findDemoModel();
/// The demo CLIP (B-cosified, with its text tower): findDemoFile("fashion-mnist-clip.safetensors").
QString findDemoClip();
/// The demo CLIP's mosaics of Fashion-MNIST test images (clip-mosaic-*.png beside the demo CLIP), sorted.
QStringList demoClipImages();
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
