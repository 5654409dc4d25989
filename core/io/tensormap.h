#pragma once

#include <ATen/core/Tensor.h>
#include <c10/util/Exception.h> // torch/ordered_dict.h uses TORCH_CHECK without including it (non-PCH builds)
#include <torch/ordered_dict.h>

#include <utility>
#include <vector>
#include <string>

namespace bcos::core {

/// Named tensors in file/insertion order (state dicts, safetensors contents).
using TensorMap = torch::OrderedDict<std::string, at::Tensor>;

/// String metadata (safetensors `__metadata__`: a flat string -> string map), kept in file order so
/// that re-writing a file reproduces it byte for byte.
class Metadata {
public:
    using Entry = std::pair<std::string, std::string>;

    bool empty() const { return m_entries.empty(); }
    std::size_t size() const { return m_entries.size(); }
    auto begin() const { return m_entries.begin(); }
    auto end() const { return m_entries.end(); }

    const std::string *find(const std::string &key) const
    {
        for (const auto &entry : m_entries)
            if (entry.first == key)
                return &entry.second;
        return nullptr;
    }
    bool contains(const std::string &key) const { return find(key) != nullptr; }
    /// The value, or an empty string when absent.
    std::string value(const std::string &key) const
    {
        const std::string *found = find(key);
        return found ? *found : std::string();
    }
    /// Inserts or replaces (keeping the original position).
    void set(const std::string &key, std::string value)
    {
        for (auto &entry : m_entries)
            if (entry.first == key) {
                entry.second = std::move(value);
                return;
            }
        m_entries.emplace_back(key, std::move(value));
    }

private:
    std::vector<Entry> m_entries;
};

} // namespace bcos::core
