#include "imagefolder.h"

#include "imageio.h"

#include "core/error.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <set>
#include <utility>

#include <fmt/ranges.h>

namespace bcos::imaging {
namespace {

namespace fs = std::filesystem;

/// Lists `folder` once: its image files into `images`, its folders (links to folders too) into `subfolders` and
/// its other files counted in `otherFiles`, each when given, all unsorted. Throws Error{Io} naming the folder.
void listFolder(const fs::path &folder, std::vector<fs::path> *images, std::vector<fs::path> *subfolders,
                int64_t *otherFiles)
{
    std::error_code error;
    fs::directory_iterator entry(folder, error);
    for (; !error && entry != fs::directory_iterator(); entry.increment(error)) {
        std::error_code kind; // is_directory/is_regular_file follow links; a broken link is neither
        if (entry->is_directory(kind)) {
            if (subfolders)
                subfolders->push_back(entry->path());
        } else if ((images || otherFiles) && entry->is_regular_file(kind)) {
            if (!isImageFile(entry->path())) {
                if (otherFiles)
                    ++*otherFiles;
            } else if (images) {
                images->push_back(entry->path());
            }
        }
    }
    if (error)
        core::fail(core::ErrorCode::Io, "{}: cannot read the folder ({})", folder.string(), error.message());
}

/// The image files directly in `folder`, sorted by name; the rest as listFolder.
std::vector<fs::path> imagesIn(const fs::path &folder, std::vector<fs::path> *subfolders, int64_t *otherFiles)
{
    std::vector<fs::path> files;
    listFolder(folder, &files, subfolders, otherFiles);
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace

const std::vector<std::string> &imageExtensions()
{
    static const std::vector<std::string> extensions{".jpg", ".jpeg", ".png", ".ppm", ".bmp", ".pgm", ".tif", ".tiff",
                                                     ".webp"};
    return extensions;
}

bool isImageFile(const fs::path &path)
{
    std::string extension = path.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const auto &extensions = imageExtensions();
    return std::find(extensions.begin(), extensions.end(), extension) != extensions.end();
}

std::string imageExtensionsText()
{
    std::string text;
    for (const std::string &extension : imageExtensions())
        text += (text.empty() ? "" : ", ") + extension;
    return text;
}

std::vector<fs::path> imageFilesUnder(const fs::path &folder, int64_t *otherFiles)
{
    std::vector<fs::path> pending{folder};
    std::set<fs::path> walked; // canonical paths: a link back up is not entered again
    std::vector<std::pair<std::string, std::vector<fs::path>>> folders; // each folder's path and its images
    while (!pending.empty()) {
        const fs::path current = std::move(pending.back());
        pending.pop_back();
        std::error_code error;
        const fs::path canonical = fs::canonical(current, error);
        if (error)
            core::fail(core::ErrorCode::Io, "{}: cannot read the folder ({})", current.string(), error.message());
        if (walked.insert(canonical).second)
            folders.emplace_back(current.string(), imagesIn(current, &pending, otherFiles));
    }
    std::sort(folders.begin(), folders.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    std::vector<fs::path> images;
    for (auto &[path, files] : folders)
        images.insert(images.end(), std::make_move_iterator(files.begin()), std::make_move_iterator(files.end()));
    return images;
}

std::vector<std::string> classFolders(const fs::path &root)
{
    std::vector<fs::path> folders;
    listFolder(root, nullptr, &folders, nullptr); // its loose images are not wanted: not listed, not sorted
    std::vector<std::string> names;
    names.reserve(folders.size());
    for (const fs::path &folder : folders)
        names.push_back(folder.filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

ImageFolderDataset::ImageFolderDataset(const fs::path &root, std::vector<std::string> classNames,
                                       EmptyClassFolders empty)
    : m_classNames(std::move(classNames))
{
    if (!fs::is_directory(root))
        core::fail(core::ErrorCode::Io, "image folder {} does not exist or is not a directory", root.string());
    const std::vector<std::string> folders = classFolders(root);
    const bool fixedClasses = !m_classNames.empty();
    if (!fixedClasses)
        m_classNames = folders;
    std::vector<std::string> withoutImages;
    for (const auto &folder : folders) {
        const auto found = std::find(m_classNames.begin(), m_classNames.end(), folder);
        if (found == m_classNames.end())
            core::fail(core::ErrorCode::Format, "{}: class folder '{}' is not one of the {} training classes",
                       root.string(), folder, m_classNames.size());
        std::vector<fs::path> files = imageFilesUnder(root / folder);
        if (files.empty())
            withoutImages.push_back(folder);
        for (auto &file : files) {
            m_files.push_back(std::move(file));
            m_labels.push_back(found - m_classNames.begin());
        }
    }
    if (empty == EmptyClassFolders::Refused && !fixedClasses && !m_files.empty() && !withoutImages.empty()) {
        const bool one = withoutImages.size() == 1;
        core::fail(core::ErrorCode::Format,
                   "{}: class folder{} '{}' hold{} no images ({}), but every folder is a class (as torchvision's "
                   "ImageFolder numbers them) and the model would learn {} it never sees: remove {} or add {} images",
                   root.string(), one ? "" : "s", fmt::join(withoutImages, "', '"), one ? "s" : "",
                   imageExtensionsText(), one ? "a class" : "classes", one ? "it" : "them", one ? "its" : "their");
    }
    if (m_files.empty() && !fixedClasses) { // no class folders with images: the folder's own images, without labels
        m_files = imagesIn(root, nullptr, nullptr);
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

ImageFolderSplit openImageFolder(const fs::path &root, double valFraction, uint64_t seed, EmptyClassFolders empty)
{
    if (fs::is_directory(root / "train") && fs::is_directory(root / "val")) {
        auto train = std::make_shared<ImageFolderDataset>(root / "train", std::vector<std::string>{}, empty);
        auto val = std::make_shared<ImageFolderDataset>(root / "val", train->classNames());
        return {train, val};
    }
    auto all = std::make_shared<ImageFolderDataset>(root, std::vector<std::string>{}, empty);
    if (valFraction <= 0.0)
        return {all, nullptr};
    auto [trainIndices, valIndices] = core::splitIndices(all->size(), valFraction, seed);
    if (valIndices.empty()) // too few images for the fraction: train on all of them, without validation
        return {all, nullptr};
    return {std::make_shared<core::SubsetDataset>(all, std::move(trainIndices)),
            std::make_shared<core::SubsetDataset>(all, std::move(valIndices))};
}

} // namespace bcos::imaging
