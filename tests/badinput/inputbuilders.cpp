#include "inputbuilders.h"

#include "core/io/safetensors.h"

#include <torch/torch.h>

#include <cctype>
#include <fstream>
#include <iterator>

namespace bcos::test {

std::string gtestName(std::string name)
{
    for (char &c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)))
            c = '_';
    return name;
}

void writeFile(const std::filesystem::path &path, const std::string &text)
{
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

std::string rawSafetensors(const std::string &header, const std::string &data)
{
    std::string bytes(8, '\0');
    for (int i = 0; i < 8; ++i)
        bytes[static_cast<size_t>(i)]
            = static_cast<char>((static_cast<std::uint64_t>(header.size()) >> (8 * i)) & 0xff);
    return bytes + header + data;
}

std::string truncated(const std::filesystem::path &file, std::size_t bytes)
{
    std::ifstream in(file, std::ios::binary);
    std::string content{std::istreambuf_iterator<char>(in), {}};
    return content.substr(0, bytes);
}

std::filesystem::path writeTinyImages(const std::filesystem::path &file, int64_t n)
{
    torch::manual_seed(11);
    core::TensorMap tensors;
    tensors.insert("images", torch::rand({n, 3, 8, 8}));
    tensors.insert("labels", torch::zeros({n}, torch::kLong));
    core::writeSafetensors(file, tensors);
    return file;
}

std::string idxBytes(const std::vector<std::uint32_t> &dims, const std::string &data)
{
    std::string bytes{'\0', '\0', '\x08', static_cast<char>(dims.size())};
    for (const std::uint32_t dim : dims)
        for (int shift = 24; shift >= 0; shift -= 8)
            bytes.push_back(static_cast<char>((dim >> shift) & 0xff));
    return bytes + data;
}

namespace {

void writeWithReplacements(const std::filesystem::path &dir, const std::string &name, const std::string &content,
                           const std::vector<std::pair<std::string, std::string>> &replace)
{
    for (const auto &[file, replacement] : replace)
        if (file == name) {
            writeFile(dir / name, replacement);
            return;
        }
    writeFile(dir / name, content);
}

} // namespace

void writeIdxDirectory(const std::filesystem::path &dir, std::uint32_t n,
                       const std::vector<std::pair<std::string, std::string>> &replace)
{
    std::filesystem::create_directories(dir);
    std::string pixels, labels;
    for (std::uint32_t i = 0; i < n; ++i) {
        pixels += std::string(16, static_cast<char>(i * 16));
        labels.push_back(static_cast<char>(i % 10));
    }
    for (const std::string prefix : {"train", "t10k"}) {
        writeWithReplacements(dir, prefix + "-images-idx3-ubyte", idxBytes({n, 4, 4}, pixels), replace);
        writeWithReplacements(dir, prefix + "-labels-idx1-ubyte", idxBytes({n}, labels), replace);
    }
}

void writeCifarDirectory(const std::filesystem::path &dir,
                         const std::vector<std::pair<std::string, std::string>> &replace)
{
    std::filesystem::create_directories(dir);
    std::string record(1 + 3 * 32 * 32, '\x40');
    record[0] = '\x03';
    for (int i = 1; i <= 5; ++i)
        writeWithReplacements(dir, "data_batch_" + std::to_string(i) + ".bin", record, replace);
    writeWithReplacements(dir, "test_batch.bin", record, replace);
    writeWithReplacements(dir, "batches.meta.txt",
                          "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n", replace);
}

} // namespace bcos::test
