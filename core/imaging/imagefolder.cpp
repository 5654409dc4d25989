#include "imagefolder.h"

#include "imageio.h"

#include "core/error.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace bcos::imaging {
namespace {

namespace fs = std::filesystem;

bool isImageFile(const fs::path &path)
{
    static const std::set<std::string> extensions{".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff"};
    std::string extension = path.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return extensions.count(extension) > 0;
}

std::vector<fs::path> sortedImages(const fs::path &folder)
{
    std::vector<fs::path> files;
    for (const auto &entry : fs::directory_iterator(folder))
        if (entry.is_regular_file() && isImageFile(entry.path()))
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace

ImageFolderDataset::ImageFolderDataset(const fs::path &root, std::vector<std::string> classNames)
    : m_classNames(std::move(classNames))
{
    if (!fs::is_directory(root))
        core::fail(core::ErrorCode::Io, "image folder {} does not exist or is not a directory", root.string());
    std::vector<std::string> folders;
    for (const auto &entry : fs::directory_iterator(root))
        if (entry.is_directory())
            folders.push_back(entry.path().filename().string());
    std::sort(folders.begin(), folders.end());
    const bool fixedClasses = !m_classNames.empty();
    if (!fixedClasses)
        m_classNames = folders;
    for (const auto &folder : folders) {
        const auto found = std::find(m_classNames.begin(), m_classNames.end(), folder);
        if (found == m_classNames.end())
            core::fail(core::ErrorCode::Format, "{}: class folder '{}' is not one of the {} training classes",
                       root.string(), folder, m_classNames.size());
        for (auto &file : sortedImages(root / folder)) {
            m_files.push_back(std::move(file));
            m_labels.push_back(found - m_classNames.begin());
        }
    }
    if (m_files.empty() && !fixedClasses) { // no class folders: the folder's own images, without labels
        m_files = sortedImages(root);
        m_labels.assign(m_files.size(), -1);
        m_classNames.clear();
        m_labelled = false;
    }
    if (m_files.empty())
        core::fail(core::ErrorCode::Io, "image folder {} holds no class subfolders with images, and no images of its "
                   "own", root.string());
}

core::Sample ImageFolderDataset::get(int64_t index) const
{
    core::checkIndex("image folder", index, size());
    return {readImage(m_files[static_cast<size_t>(index)]), m_labels[static_cast<size_t>(index)]};
}

int64_t ImageFolderDataset::label(int64_t index) const
{
    core::checkIndex("image folder", index, size());
    return m_labels[static_cast<size_t>(index)];
}

std::string ImageFolderDataset::sampleName(int64_t index) const
{
    core::checkIndex("image folder", index, size());
    return m_files[static_cast<size_t>(index)].string();
}

ImageFolderSplit openImageFolder(const fs::path &root, double valFraction, uint64_t seed)
{
    if (fs::is_directory(root / "train") && fs::is_directory(root / "val")) {
        auto train = std::make_shared<ImageFolderDataset>(root / "train");
        auto val = std::make_shared<ImageFolderDataset>(root / "val", train->classNames());
        return {train, val};
    }
    auto all = std::make_shared<ImageFolderDataset>(root);
    if (valFraction <= 0.0)
        return {all, nullptr};
    auto [trainIndices, valIndices] = core::splitIndices(all->size(), valFraction, seed);
    if (valIndices.empty()) // too few images for the fraction: train on all of them, without validation
        return {all, nullptr};
    return {std::make_shared<core::SubsetDataset>(all, std::move(trainIndices)),
            std::make_shared<core::SubsetDataset>(all, std::move(valIndices))};
}

} // namespace bcos::imaging
