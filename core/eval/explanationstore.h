#pragma once

#include "core/io/safetensors.h"

#include <ATen/core/Tensor.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace bcos::core {

/// What an explanation store holds (its index.json). A store is a folder: index.json plus chunk files
/// chunk-00000.safetensors, ... of consecutive images, so a dataset of any size is written and read a chunk at a
/// time. Per chunk of n images (H x W the model's input size, K classes):
///   images          [n, 3, H, W] uint8   the model's input (after resize and crop), 0..255
///   labels          [n] int64            ground truth, -1 where unknown
///   logits          [n, K] float32
///   targets         [n] int64            the explained class
///   M/attributions  [n, H, W] float32    per method M (for wxx: the contributions, summing to the logit)
///   wxx/rgba        [n, H, W, 4] uint8   the colour W(x)x image (index "wxx_rendering": smooth, alpha percentile)
///   V/M             [n] float64          per-image value V of method M: a metric, NaN where left out
///   V/M/curve       [n, S] float64       the metric's curve (deletion, insertion, ROAD), with "curve_x" in the
///                                        index
///   agreement/A~B   [n] float64          Spearman's rho of |map| of methods A and B (low: they disagree)
struct StoreIndex {
    struct Chunk {
        std::string file;   ///< relative to the store folder
        int64_t first = 0;  ///< the index of its first image
        int64_t count = 0;
    };
    std::string model;                   ///< the model file the maps were computed with (absolute path)
    nlohmann::json modelDescription;     ///< its ModelDescription JSON
    std::string input;                   ///< what was explained (folder, idx:DIR, images file), as given
    std::string target = "pred";         ///< "pred" or "label"
    std::vector<std::string> methods;    ///< explanation methods, in column order
    std::vector<std::string> values;     ///< per-image value columns "V/M" (metrics and agreements)
    nlohmann::json options = nlohmann::json::object(); ///< the metrics' options, wxx_rendering, curve_x per value
    int64_t height = 0, width = 0, numClasses = 0;
    std::vector<std::string> names;      ///< per image: its file path relative to the input folder, "<dataset folder> test #i" or "<file> #i"
    std::vector<Chunk> chunks;
    std::vector<std::string> unreadable; ///< input files skipped because they could not be decoded (the reasons)
    bool complete = false;               ///< false while being written (or after a cancelled run)

    int64_t size() const { return static_cast<int64_t>(names.size()); }
    nlohmann::json toJson() const;
    /// Validates every field; errors name `path` and the field.
    static StoreIndex fromJson(const nlohmann::json &json, const std::string &path);
};

/// The name of the format in index.json ("bcos-explanation-store-v1").
const char *storeFormatName();

/// Writes a store chunk by chunk; each append() writes its chunk file and then index.json, both atomically, so
/// a store interrupted at any point reopens with the chunks finished so far.
class ExplanationStoreWriter {
public:
    /// Creates `folder` (or reuses it when empty or a previous store, whose chunk files are removed).
    /// Throws Error{Io} when `folder` is a file or a non-empty folder that is not a store.
    ExplanationStoreWriter(std::filesystem::path folder, StoreIndex header);

    /// Appends the chunk `tensors` (the layout above; every tensor's first dimension = names.size()).
    /// Throws Error{InvalidArgument} naming the tensor when a shape or dtype does not fit the layout.
    void append(const TensorMap &tensors, const std::vector<std::string> &names);
    /// Marks the store complete, listing the input files that were skipped as undecodable.
    void finish(std::vector<std::string> unreadable = {});
    const StoreIndex &index() const { return m_index; }

private:
    void writeIndex() const;

    std::filesystem::path m_folder;
    StoreIndex m_index;
};

/// A store opened for reading: the index, and chunk files mapped on demand (zero-copy views). Thread-safe.
class ExplanationStore {
public:
    /// Opens `folder`: reads and validates index.json and checks that every chunk file is there. Throws
    /// Error{Io|Format} naming the file and the field.
    static std::shared_ptr<const ExplanationStore> open(const std::filesystem::path &folder);

    const StoreIndex &index() const { return m_index; }
    const std::filesystem::path &folder() const { return m_folder; }
    int64_t size() const { return m_index.size(); }
    bool hasMethod(const std::string &method) const;

    /// The chunk file of image `image` (mapped once, kept while the store lives), its tensors validated against
    /// the layout. Throws Error{Format} naming the chunk file and the tensor.
    const SafetensorsContents &chunkOf(int64_t image, int64_t &row) const;
    /// Image `image` as stored: [3, H, W] uint8.
    at::Tensor image(int64_t image) const;
    /// The attribution map [H, W] float32 of `method` for `image`.
    at::Tensor attributions(const std::string &method, int64_t image) const;
    /// The colour W(x)x image [H, W, 4] uint8; undefined when the store has no wxx.
    at::Tensor rgba(int64_t image) const;
    at::Tensor logits(int64_t image) const;
    int64_t label(int64_t image) const;
    int64_t target(int64_t image) const;
    /// All images' values of column `value` ("deletion/wxx", "agreement/wxx~gradcam"): [N] float64.
    at::Tensor values(const std::string &value) const;
    /// All images' curves of metric value `value`: [N, S] float64; undefined when the metric has none.
    at::Tensor curves(const std::string &value) const;
    /// All labels [N] int64.
    at::Tensor labels() const;

private:
    ExplanationStore(std::filesystem::path folder, StoreIndex index);
    at::Tensor gather(const std::string &tensor) const;

    std::filesystem::path m_folder;
    StoreIndex m_index;
    mutable std::vector<std::unique_ptr<SafetensorsContents>> m_chunks;
    mutable std::mutex m_mutex; ///< guards m_chunks (workers read concurrently)
};

} // namespace bcos::core
