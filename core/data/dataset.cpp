#include "dataset.h"

#include "random.h"

#include "core/error.h"

#include <cmath>

namespace bcos::core {

void checkIndex(const char *what, int64_t index, int64_t size)
{
    if (index < 0 || index >= size)
        fail(ErrorCode::InvalidArgument, "{}: index {} out of range [0, {})", what, index, size);
}

SubsetDataset::SubsetDataset(std::shared_ptr<const Dataset> base, std::vector<int64_t> indices)
    : m_base(std::move(base))
    , m_indices(std::move(indices))
{
    for (const auto index : m_indices)
        checkIndex("subset", index, m_base->size());
}

Sample SubsetDataset::get(int64_t index) const
{
    checkIndex("subset", index, size());
    return m_base->get(m_indices[static_cast<size_t>(index)]);
}

int64_t SubsetDataset::label(int64_t index) const
{
    checkIndex("subset", index, size());
    return m_base->label(m_indices[static_cast<size_t>(index)]);
}

std::string SubsetDataset::sampleName(int64_t index) const
{
    checkIndex("subset", index, size());
    return m_base->sampleName(m_indices[static_cast<size_t>(index)]);
}

std::shared_ptr<const Dataset> headSubset(std::shared_ptr<const Dataset> base, int64_t count)
{
    if (count <= 0 || count >= base->size())
        return base;
    std::vector<int64_t> indices(static_cast<size_t>(count));
    for (int64_t i = 0; i < count; ++i)
        indices[static_cast<size_t>(i)] = i;
    return std::make_shared<SubsetDataset>(std::move(base), std::move(indices));
}

std::pair<std::vector<int64_t>, std::vector<int64_t>> splitIndices(int64_t size, double valFraction, uint64_t seed)
{
    if (!(valFraction >= 0.0 && valFraction < 1.0))
        fail(ErrorCode::InvalidArgument, "validation fraction must be in [0, 1), got {}", valFraction);
    auto order = seededPermutation(size, seed);
    const auto valCount = static_cast<size_t>(std::llround(valFraction * static_cast<double>(size)));
    std::vector<int64_t> val(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(valCount));
    std::vector<int64_t> train(order.begin() + static_cast<std::ptrdiff_t>(valCount), order.end());
    return {std::move(train), std::move(val)};
}

} // namespace bcos::core
