#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>

namespace bcos::core {

/// A read-only view of a whole file through mmap (private copy-on-write pages, so tensors built on it
/// may be modified in place without touching the file). Shared ownership: tensors keep it alive.
class MappedFile {
public:
    /// Throws Error{Io} naming the file when it cannot be opened or mapped.
    static std::shared_ptr<MappedFile> open(const std::filesystem::path &path);
    ~MappedFile();
    MappedFile(const MappedFile &) = delete;
    MappedFile &operator=(const MappedFile &) = delete;

    const std::byte *data() const { return m_data; }
    std::byte *mutableData() { return m_data; }
    std::size_t size() const { return m_size; }
    const std::filesystem::path &path() const { return m_path; }

private:
    MappedFile(std::filesystem::path path, std::byte *data, std::size_t size)
        : m_path(std::move(path)), m_data(data), m_size(size) {}
    std::filesystem::path m_path;
    std::byte *m_data = nullptr;
    std::size_t m_size = 0;
};

} // namespace bcos::core
