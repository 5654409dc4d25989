#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace bcos::core {

/// One labelled image: image float32 [3, H, W] in [0, 1] (grayscale already replicated to 3 channels).
struct Sample {
    at::Tensor image;
    int64_t label = 0;
};

/// A random-access labelled image dataset. get() must be safe to call from several threads at once
/// (the loader decodes in parallel); errors are core::Error naming the file or index.
class Dataset {
public:
    virtual ~Dataset() = default;
    virtual int64_t size() const = 0;
    virtual int64_t numClasses() const = 0;
    /// Class names in label order (generic "0", "1"... where the format has none).
    virtual std::vector<std::string> classNames() const = 0;
    /// False where classNames() are the generic indices because the files name no classes (IDX).
    virtual bool hasClassNames() const { return true; }
    /// False for images without labels (a folder without class folders): numClasses() is 0, every label -1.
    virtual bool hasLabels() const { return true; }
    /// The sample at `index` in [0, size()); throws Error{InvalidArgument} out of range.
    virtual Sample get(int64_t index) const = 0;
    /// get(index).label; datasets that know their labels without decoding the image (image folders) say so
    /// directly, so a whole split's labels are cheap (grid selection, label checks).
    virtual int64_t label(int64_t index) const { return get(index).label; }
    /// What names sample `index` in messages: its image file where it has one, else "sample <index>".
    virtual std::string sampleName(int64_t index) const { return "sample " + std::to_string(index); }
};

/// A view of `indices` of another dataset (train/val splits, subsets for quick runs).
class SubsetDataset : public Dataset {
public:
    SubsetDataset(std::shared_ptr<const Dataset> base, std::vector<int64_t> indices);
    int64_t size() const override { return static_cast<int64_t>(m_indices.size()); }
    int64_t numClasses() const override { return m_base->numClasses(); }
    std::vector<std::string> classNames() const override { return m_base->classNames(); }
    bool hasClassNames() const override { return m_base->hasClassNames(); }
    bool hasLabels() const override { return m_base->hasLabels(); }
    Sample get(int64_t index) const override;
    int64_t label(int64_t index) const override;
    std::string sampleName(int64_t index) const override;

private:
    std::shared_ptr<const Dataset> m_base;
    std::vector<int64_t> m_indices;
};

/// The first `count` samples of `base` (all when count <= 0 or count >= size).
std::shared_ptr<const Dataset> headSubset(std::shared_ptr<const Dataset> base, int64_t count);

/// Splits [0, size) into (train, val) index lists: a seeded shuffle, then the first round(valFraction*size)
/// indices go to val. Deterministic for a given seed. valFraction must be in [0, 1).
std::pair<std::vector<int64_t>, std::vector<int64_t>> splitIndices(int64_t size, double valFraction, uint64_t seed);

/// Throws Error{InvalidArgument} "<what>: index i out of range [0, n)" unless 0 <= index < size.
void checkIndex(const char *what, int64_t index, int64_t size);

} // namespace bcos::core
