#pragma once

#include "core/data/dataset.h"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace bcos::imaging {

/// The extensions of image files, as torchvision's ImageFolder: .jpg .jpeg .png .ppm .bmp .pgm .tif .tiff .webp.
const std::vector<std::string> &imageExtensions();
/// Whether `path` names an image by its extension (imageExtensions(), in any case).
bool isImageFile(const std::filesystem::path &path);
/// Those extensions, for messages: ".jpg, .jpeg, .png, ...".
std::string imageExtensionsText();
/// The image files under `folder` at any depth, in torchvision's ImageFolder order (sorted(os.walk(folder,
/// followlinks=True))): folders sorted by path, each one's files by name. Links to folders are followed, but a
/// folder reached again (a link back up) is walked once. `otherFiles`, when given, counts the files found that are
/// not images. Throws core::Error{Io} naming a folder it cannot read. The CLI, the explanation store and the studio
/// read a folder with it.
std::vector<std::filesystem::path> imageFilesUnder(const std::filesystem::path &folder,
                                                   int64_t *otherFiles = nullptr);

/// The class folders of `root` as torchvision's ImageFolder numbers them: its folders (links to folders too) by
/// name, sorted, whether they hold images or not. `bcos evaluate`, `bcos explain --out STORE/` and the studio number
/// the class folders of a folder by this list (core::classOrder), so a class folder without images shifts none of
/// the others. Throws core::Error{Io} naming `root` when it cannot be read.
std::vector<std::string> classFolders(const std::filesystem::path &root);

/// What a class folder without images is.
enum class EmptyClassFolders {
    Refused, ///< training: torchvision's ImageFolder refuses it too, and the model would get a class it never sees
    Counted, ///< evaluation: one of the classes, with no images here (it keeps the sorted numbering of the others)
};

/// A class-per-folder image dataset (torchvision ImageFolder): root/<class>/.../<image> (imageFilesUnder each class
/// folder) with classes in sorted folder-name order; every folder is a class. Images are decoded on demand with
/// readImage() (so get() is thread-safe) into [3, H, W] float in [0, 1]; grayscale is replicated to 3 channels. A
/// folder without class folders that holds images itself is a set of unlabelled images (hasLabels() false, label -1,
/// no classes): what `bcos train --mode distill` learns from.
class ImageFolderDataset : public core::Dataset {
public:
    /// Scans `root`. When `classNames` is given (a validation folder) the folders must be among them and
    /// labels follow that list. Throws core::Error{Io} when root is missing or holds no images,
    /// Error{Format} for a class folder unknown to `classNames`, or for class folders without images among
    /// others with images when the classes are the folders and `empty` is Refused.
    explicit ImageFolderDataset(const std::filesystem::path &root, std::vector<std::string> classNames = {},
                                EmptyClassFolders empty = EmptyClassFolders::Refused);

    int64_t size() const override { return static_cast<int64_t>(m_files.size()); }
    int64_t numClasses() const override { return static_cast<int64_t>(m_classNames.size()); }
    std::vector<std::string> classNames() const override { return m_classNames; }
    bool hasLabels() const override { return m_labelled; }
    /// Throws core::Error{Io|Format} naming the file when it cannot be decoded.
    core::Sample get(int64_t index) const override;
    int64_t label(int64_t index) const override; ///< from the file's folder, without decoding it
    std::string sampleName(int64_t index) const override; ///< the file's path

    const std::filesystem::path &file(int64_t index) const { return m_files[static_cast<size_t>(index)]; }

private:
    std::vector<std::string> m_classNames;
    std::vector<std::filesystem::path> m_files;
    std::vector<int64_t> m_labels;
    bool m_labelled = true;
};

struct ImageFolderSplit {
    std::shared_ptr<const core::Dataset> train;
    std::shared_ptr<const core::Dataset> val; ///< null when valFraction is 0 and there is no val folder
};

/// Opens root/train + root/val when both exist; otherwise treats root itself as the class folders and splits
/// it with splitIndices(size, valFraction, seed). `empty`: what a class folder of root/train (or root) without
/// images is (a val/ folder's take the training classes' numbers, so they are harmless).
ImageFolderSplit openImageFolder(const std::filesystem::path &root, double valFraction, uint64_t seed,
                                 EmptyClassFolders empty = EmptyClassFolders::Refused);

} // namespace bcos::imaging
