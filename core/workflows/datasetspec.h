#pragma once

#include "core/enumnames.h"
#include "core/train/trainer.h"

#include <cstdint>
#include <filesystem>
#include <string>

namespace bcos::core {

/// The dataset formats a training run reads.
enum class DatasetKind { ImageFolder, Idx, Cifar };

/// The names of `--data KIND:DIR` (an image folder has no prefix).
inline constexpr EnumNames<DatasetKind, 3> kDatasetKindNames{
    {{DatasetKind::ImageFolder, "folder"}, {DatasetKind::Idx, "idx"}, {DatasetKind::Cifar, "cifar"}}};

/// Which data a training run reads and how much of it.
struct DatasetSpec {
    DatasetKind kind = DatasetKind::ImageFolder;
    std::filesystem::path path;  ///< IDX: the directory of the four (optionally gzipped) files; CIFAR-10: of
                                 ///< the binary batches; image folder: root/train + root/val, or class folders
    double valFraction = 0.1;    ///< image folders without train/ and val/: the share held out for validation
    uint64_t seed = 0;           ///< shuffles that split
    int64_t trainOffset = 0;     ///< skip the first N training samples (e.g. the ones a teacher was trained on)
    int64_t trainLimit = 0;      ///< only the first N training samples after the offset (0 = all)
    int64_t valLimit = 0;        ///< only the first N validation samples (0 = all)
};

/// `--data` of `bcos train`: "idx:DIR", "cifar:DIR" or an image folder DIR. The limits and the split keep their
/// defaults.
DatasetSpec parseDatasetSpec(const std::string &text);
/// The `--data` text parseDatasetSpec() reads back as (kind, path).
std::string datasetSpecText(DatasetKind kind, const std::string &path);

/// Opens the train and validation sets of `spec` (IDX: train/t10k files; CIFAR-10: data_batch_* / test_batch;
/// image folder: imaging::openImageFolder, whose val set may be null) and applies the limits. Throws the
/// datasets' Error{Io|Format} naming the file, and Error{Unsupported} "--data DIR: image folders need OpenCV
/// (bcos_imaging), not built" for an image folder in a build without OpenCV, and Error{InvalidArgument}
/// "--train-offset N: the training set has only S images" when the offset leaves nothing.
TrainData openDataset(const DatasetSpec &spec);

} // namespace bcos::core
