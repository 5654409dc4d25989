#include "datasetspec.h"

#include "core/data/cifardataset.h"
#include "core/data/idxdataset.h"
#include "core/error.h"

#ifdef BCOS_HAVE_OPENCV
#include "core/imaging/imagefolder.h"
#endif

namespace bcos::core {

DatasetSpec parseDatasetSpec(const std::string &text)
{
    DatasetSpec spec;
    spec.path = text;
    for (const auto &[kind, name] : kDatasetKindNames) {
        const std::string prefix = std::string(name) + ":";
        if (kind != DatasetKind::ImageFolder && text.rfind(prefix, 0) == 0) {
            spec.kind = kind;
            spec.path = text.substr(prefix.size());
        }
    }
    return spec;
}

std::string datasetSpecText(DatasetKind kind, const std::string &path)
{
    return kind == DatasetKind::ImageFolder ? path : std::string(enumName(kDatasetKindNames, kind)) + ":" + path;
}

TrainData openDataset(const DatasetSpec &spec)
{
    TrainData data;
    switch (spec.kind) {
    case DatasetKind::Idx:
        data = {std::make_shared<IdxDataset>(spec.path, true), std::make_shared<IdxDataset>(spec.path, false)};
        break;
    case DatasetKind::Cifar:
        data = {std::make_shared<CifarDataset>(spec.path, true), std::make_shared<CifarDataset>(spec.path, false)};
        break;
    case DatasetKind::ImageFolder: {
#ifdef BCOS_HAVE_OPENCV
        const imaging::ImageFolderSplit split = imaging::openImageFolder(spec.path, spec.valFraction, spec.seed);
        data = {split.train, split.val};
#else
        fail(ErrorCode::Unsupported, "--data {}: image folders need OpenCV (bcos_imaging), not built",
             spec.path.string());
#endif
        break;
    }
    }
    if (spec.trainOffset > 0) {
        const int64_t size = data.train->size();
        if (spec.trainOffset >= size)
            fail(ErrorCode::InvalidArgument, "--train-offset {}: the training set has only {} images", spec.trainOffset,
                 size);
        std::vector<int64_t> indices;
        for (int64_t i = spec.trainOffset; i < size; ++i)
            indices.push_back(i);
        data.train = std::make_shared<SubsetDataset>(data.train, std::move(indices));
    }
    data.train = headSubset(data.train, spec.trainLimit);
    if (data.val)
        data.val = headSubset(data.val, spec.valLimit);
    return data;
}

} // namespace bcos::core
