#include "cifardataset.h"

#include "filebytes.h"

#include "core/error.h"

#include <torch/torch.h>

#include <fstream>

namespace bcos::core {
namespace {

constexpr int64_t kRecordBytes = 1 + 3 * 32 * 32;

std::vector<std::string> readClassNames(const std::filesystem::path &directory)
{
    std::vector<std::string> names;
    std::ifstream in(directory / "batches.meta.txt");
    for (std::string line; in && std::getline(in, line);) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
            line.pop_back();
        if (!line.empty())
            names.push_back(line);
    }
    if (names.size() != 10) {
        names.clear();
        for (int k = 0; k < 10; ++k)
            names.push_back(std::to_string(k));
    }
    return names;
}

} // namespace

CifarDataset::CifarDataset(const std::filesystem::path &directory, bool train)
    : m_classNames(readClassNames(directory))
{
    std::vector<std::string> files;
    if (train) {
        for (int i = 1; i <= 5; ++i)
            files.push_back("data_batch_" + std::to_string(i) + ".bin");
    } else {
        files.push_back("test_batch.bin");
    }
    std::vector<at::Tensor> records;
    for (const auto &name : files) {
        const auto path = directory / name;
        if (!std::filesystem::exists(path))
            fail(ErrorCode::Io, "missing CIFAR-10 file {}", path.string());
        const auto bytes = readFileBytes(path);
        const auto size = static_cast<int64_t>(bytes.size());
        if (size == 0 || size % kRecordBytes != 0)
            fail(ErrorCode::Format, "{}: {} bytes is not a whole number of {}-byte CIFAR-10 records (truncated?)",
                 path.string(), size, kRecordBytes);
        auto table = torch::from_blob(const_cast<char *>(bytes.data()), {size / kRecordBytes, kRecordBytes},
                                      torch::kUInt8)
                         .clone();
        if (table.select(1, 0).max().item<int64_t>() >= 10)
            fail(ErrorCode::Format, "{}: label byte out of range (expected 0..9)", path.string());
        records.push_back(table);
    }
    const auto all = torch::cat(records, 0);
    m_labels = all.select(1, 0).to(torch::kLong).contiguous();
    m_images = all.slice(1, 1).reshape({-1, 3, 32, 32}).contiguous();
}

Sample CifarDataset::get(int64_t index) const
{
    checkIndex("CIFAR-10 dataset", index, size());
    return {m_images[index].to(torch::kFloat).div_(255.0f), m_labels[index].item<int64_t>()};
}

} // namespace bcos::core
