#pragma once

#include "widgets/session/imagerecord.h"

#include <atomic>
#include <functional>
#include <memory>

namespace bcos::widgets {

class InputCache;

/// Crop geometry of the model input: shorter side to resizeSize (0: to inputSize), centre crop (core::modelInputBytes:
/// the studio's inputs are those of `bcos predict`/`explain`/`evaluate`, bit for bit).
struct InputGeometry {
    int inputSize = 224;
    int resizeSize = 256;
};

/// Decodes images with bcos::imaging (OpenCV) into ImageRecords and model inputs. Worker-thread only: never call
/// it on the GUI thread. Folders are expanded (recursively, image extensions only, sorted); corrupt or non-image
/// files become ImageLoadError entries, never exceptions.
class ImageLoader {
public:
    using Progress = std::function<void(double fraction, const QString &text)>;

    /// With `inputs`, the model inputs cropped while loading go into that cache (the first jobs need not decode
    /// the files again).
    explicit ImageLoader(InputGeometry geometry = {}, std::shared_ptr<InputCache> inputs = nullptr);

    ImageLoadResult load(const QStringList &paths, const std::atomic<bool> &cancelled, const Progress &progress) const;
    /// Loads one file (not a folder) into `result`: its record, or an ImageLoadError naming it.
    void loadInto(const QString &file, ImageLoadResult &result) const;
    /// Decodes one file into its record (size, thumbnail); throws core::Error naming the file when it is not a
    /// readable image.
    ImageRecord loadFile(const QString &path) const;
    /// The model input of one file (decoded again, cropped; not cached); throws as loadFile().
    QImage readInput(const QString &path) const;
    /// The model-input crop of `image` (see InputGeometry), RGB888. Throws core::Error for a geometry whose resize
    /// size is below its input size.
    QImage cropToInput(const QImage &image) const;
    const InputGeometry &geometry() const { return m_geometry; }

    /// The files `paths` name: files as given, a folder's images as the CLI reads them (imaging::imageFilesUnder:
    /// at any depth, links to folders followed, in torchvision's ImageFolder order); `skipped` counts the other
    /// files found in folders. Throws core::Error{Io} naming a folder that cannot be read.
    QStringList expand(const QStringList &paths, int &skipped) const;

private:
    /// The whole image, RGB888 (imaging::readImageBytes).
    QImage decode(const QString &path) const;

    InputGeometry m_geometry;
    std::shared_ptr<InputCache> m_inputs;
};

} // namespace bcos::widgets
