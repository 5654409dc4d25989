#include "classorder.h"

#include <algorithm>
#include <numeric>

namespace bcos::core {

std::vector<std::string> indexNamesIfNone(const std::vector<std::string> &classNames, int64_t classCount)
{
    if (!classNames.empty())
        return classNames;
    std::vector<std::string> names;
    for (int64_t k = 0; k < classCount; ++k)
        names.push_back(std::to_string(k));
    return names;
}

std::optional<std::vector<int64_t>> classOrder(const std::vector<std::string> &names,
                                               const std::vector<std::string> &classNames, int64_t classCount)
{
    const std::vector<std::string> known = indexNamesIfNone(classNames, classCount);
    std::vector<int64_t> order;
    for (const auto &name : names) {
        const auto found = std::find(known.begin(), known.end(), name);
        if (found == known.end())
            break;
        order.push_back(found - known.begin());
    }
    if (order.size() == names.size())
        return order;
    if (static_cast<int64_t>(names.size()) != classCount)
        return std::nullopt;
    order.resize(names.size());
    std::iota(order.begin(), order.end(), int64_t(0));
    return order;
}

} // namespace bcos::core
