#include "idxdataset.h"

#include "filebytes.h"

#include "core/error.h"

#include <torch/torch.h>

#include <fmt/ranges.h>

#include <algorithm>
#include <limits>

namespace bcos::core {
namespace {

uint32_t bigEndian32(const std::string &bytes, size_t offset)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.data() + offset);
    return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | uint32_t(p[3]);
}

} // namespace

at::Tensor IdxDataset::parseIdx(const std::string &bytes, int expectedDims, const std::string &fileName)
{
    if (bytes.size() < 4)
        fail(ErrorCode::Format, "{}: truncated IDX header ({} bytes)", fileName, bytes.size());
    const auto *header = reinterpret_cast<const unsigned char *>(bytes.data());
    if (header[0] != 0 || header[1] != 0 || header[2] != 0x08 || header[3] != expectedDims)
        fail(ErrorCode::Format, "{}: not an IDX file of unsigned bytes with {} dimension(s) (magic {:02x}{:02x}{:02x}{:02x})",
             fileName, expectedDims, header[0], header[1], header[2], header[3]);
    const size_t headerSize = 4 + 4 * static_cast<size_t>(expectedDims);
    if (bytes.size() < headerSize)
        fail(ErrorCode::Format, "{}: truncated IDX header ({} bytes)", fileName, bytes.size());
    std::vector<int64_t> dims;
    size_t count = 1;
    size_t span = 1; // the product without zero dimensions: LibTorch's strides must fit int64 too
    bool overflow = false;
    for (int d = 0; d < expectedDims; ++d) {
        dims.push_back(bigEndian32(bytes, 4 + 4 * static_cast<size_t>(d)));
        const auto dim = static_cast<size_t>(dims.back());
        overflow = __builtin_mul_overflow(span, std::max<size_t>(dim, 1), &span) || overflow;
        count *= dim;
    }
    // Three 32-bit dimensions can wrap a 64-bit byte count around to the file's actual size, and a zero
    // dimension beside two huge ones gives strides beyond int64.
    if (overflow || span > static_cast<size_t>(std::numeric_limits<int64_t>::max()))
        fail(ErrorCode::Format, "{}: IDX dimensions {} describe more bytes than a file can hold", fileName,
             fmt::join(dims, "x"));
    if (bytes.size() - headerSize != count)
        fail(ErrorCode::Format, "{}: expected {} data bytes after the header, found {}", fileName, count,
             bytes.size() - headerSize);
    return torch::from_blob(const_cast<char *>(bytes.data() + headerSize), dims, torch::kUInt8).clone();
}

IdxDataset::IdxDataset(const std::filesystem::path &directory, bool train)
{
    const std::string prefix = train ? "train" : "t10k";
    const auto imagePath = findPlainOrGzip(directory / (prefix + "-images-idx3-ubyte"));
    const auto labelPath = findPlainOrGzip(directory / (prefix + "-labels-idx1-ubyte"));
    m_images = parseIdx(readFileBytes(imagePath), 3, imagePath.string());
    m_labels = parseIdx(readFileBytes(labelPath), 1, labelPath.string()).to(torch::kLong);
    if (m_images.size(0) != m_labels.size(0))
        fail(ErrorCode::Format, "{} holds {} images but {} holds {} labels", imagePath.string(), m_images.size(0),
             labelPath.string(), m_labels.size(0));
    m_numClasses = m_labels.numel() == 0 ? 0 : m_labels.max().item<int64_t>() + 1;
}

std::vector<std::string> IdxDataset::classNames() const
{
    std::vector<std::string> names;
    for (int64_t k = 0; k < m_numClasses; ++k)
        names.push_back(std::to_string(k));
    return names;
}

Sample IdxDataset::get(int64_t index) const
{
    checkIndex("IDX dataset", index, size());
    auto image = m_images[index].to(torch::kFloat).div_(255.0f).unsqueeze(0).expand({3, -1, -1}).contiguous();
    return {image, m_labels[index].item<int64_t>()};
}

} // namespace bcos::core
