#include "explanationstore.h"

#include "core/error.h"
#include "core/io/atomicfile.h"
#include "core/shape.h"

#include <fmt/format.h>
#include <torch/torch.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>

namespace bcos::core {
namespace {

constexpr const char *kFormat = "bcos-explanation-store-v1";
constexpr const char *kIndexFile = "index.json";

std::string chunkFileName(size_t chunk) { return fmt::format("chunk-{:05d}.safetensors", chunk); }

bool isChunkFile(const std::filesystem::path &path)
{
    const std::string name = path.filename().string();
    return name.rfind("chunk-", 0) == 0 && path.extension() == ".safetensors";
}

template <class T>
T field(const nlohmann::json &json, const char *name, const std::string &path, const char *expected)
{
    const auto found = json.find(name);
    if (found == json.end())
        fail(ErrorCode::Format, "{}: missing field '{}' (expected {})", path, name, expected);
    try {
        return found->get<T>();
    } catch (const nlohmann::json::exception &) {
        fail(ErrorCode::Format, "{}: field '{}' must be {}, got {}", path, name, expected, found->dump());
    }
}

/// The expected layout of a chunk tensor: dtype and the dimensions after the first (the image count).
struct Layout {
    c10::ScalarType dtype;
    std::vector<int64_t> trailing;
};

/// The layout of tensor `name` in a chunk of `index`; nullopt for names the format does not know.
std::optional<Layout> layoutOf(const std::string &name, const StoreIndex &index)
{
    const int64_t h = index.height, w = index.width;
    if (name == "images")
        return Layout{torch::kByte, {3, h, w}};
    if (name == "labels" || name == "targets")
        return Layout{torch::kLong, {}};
    if (name == "logits")
        return Layout{torch::kFloat, {index.numClasses}};
    if (name == "wxx/rgba")
        return Layout{torch::kByte, {h, w, 4}};
    for (const auto &method : index.methods)
        if (name == method + "/attributions")
            return Layout{torch::kFloat, {h, w}};
    for (const auto &value : index.values) {
        if (name == value)
            return Layout{torch::kDouble, {}};
        if (name == value + "/curve") {
            const auto options = index.options.find(value);
            const int64_t points = options != index.options.end() && options->contains("curve_x")
                                       ? static_cast<int64_t>(options->at("curve_x").size())
                                       : -1;
            return Layout{torch::kDouble, {points}};
        }
    }
    return std::nullopt;
}

/// Checks the chunk `tensors` of `count` images against the layout; `where` names the file in errors.
void validateChunk(const TensorMap &tensors, int64_t count, const StoreIndex &index, const std::string &where,
                   ErrorCode code)
{
    std::vector<std::string> required{"images", "labels", "logits", "targets"};
    for (const auto &method : index.methods)
        required.push_back(method + "/attributions");
    for (const auto &value : index.values)
        required.push_back(value);
    for (const auto &name : required)
        if (!tensors.contains(name))
            fail(code, "{}: no tensor '{}' (the store's index lists it)", where, name);
    for (const auto &item : tensors) {
        const auto layout = layoutOf(item.key(), index);
        if (!layout)
            fail(code, "{}: unexpected tensor '{}' (not in the store's index)", where, item.key());
        std::vector<int64_t> expected{count};
        expected.insert(expected.end(), layout->trailing.begin(), layout->trailing.end());
        const at::Tensor &t = item.value();
        bool fits = t.scalar_type() == layout->dtype && t.dim() == static_cast<int64_t>(expected.size());
        for (size_t d = 0; fits && d < expected.size(); ++d)
            fits = expected[d] < 0 || t.size(static_cast<int64_t>(d)) == expected[d];
        if (!fits) {
            std::string shape = "[";
            for (size_t d = 0; d < expected.size(); ++d)
                shape += (d ? ", " : "") + (expected[d] < 0 ? std::string("S") : std::to_string(expected[d]));
            fail(code, "{}: tensor '{}' must be {} {}, got {} {}", where, item.key(), shape + "]",
                 std::string(c10::toString(layout->dtype)), shapeString(t.sizes()),
                 std::string(c10::toString(t.scalar_type())));
        }
    }
}

} // namespace

const char *storeFormatName() { return kFormat; }

nlohmann::json StoreIndex::toJson() const
{
    nlohmann::json chunkList = nlohmann::json::array();
    for (const auto &chunk : chunks)
        chunkList.push_back({{"file", chunk.file}, {"first", chunk.first}, {"count", chunk.count}});
    return {{"format", kFormat},   {"model", model},       {"model_description", modelDescription},
            {"input", input},      {"target", target},     {"methods", methods},
            {"values", values},    {"options", options},   {"height", height},
            {"width", width},      {"num_classes", numClasses}, {"names", names},
            {"chunks", chunkList}, {"unreadable", unreadable}, {"complete", complete}};
}

StoreIndex StoreIndex::fromJson(const nlohmann::json &json, const std::string &path)
{
    if (!json.is_object())
        fail(ErrorCode::Format, "{}: expected a JSON object", path);
    const auto format = field<std::string>(json, "format", path, "a string");
    if (format != kFormat)
        fail(ErrorCode::Format, "{}: field 'format' is '{}', expected '{}'", path, format, kFormat);
    StoreIndex index;
    index.model = field<std::string>(json, "model", path, "the model file's path");
    index.modelDescription = json.value("model_description", nlohmann::json::object());
    index.input = field<std::string>(json, "input", path, "a string");
    index.target = field<std::string>(json, "target", path, "\"pred\" or \"label\"");
    if (index.target != "pred" && index.target != "label")
        fail(ErrorCode::Format, "{}: field 'target' must be \"pred\" or \"label\", got \"{}\"", path, index.target);
    index.methods = field<std::vector<std::string>>(json, "methods", path, "a list of method names");
    index.values = field<std::vector<std::string>>(json, "values", path, "a list of value names");
    index.options = json.value("options", nlohmann::json::object());
    if (!index.options.is_object())
        fail(ErrorCode::Format, "{}: field 'options' must be an object", path);
    index.height = field<int64_t>(json, "height", path, "a positive integer");
    index.width = field<int64_t>(json, "width", path, "a positive integer");
    index.numClasses = field<int64_t>(json, "num_classes", path, "a positive integer");
    if (index.height < 1 || index.width < 1 || index.numClasses < 1)
        fail(ErrorCode::Format, "{}: 'height', 'width' and 'num_classes' must be positive, got {}, {}, {}", path,
             index.height, index.width, index.numClasses);
    index.names = field<std::vector<std::string>>(json, "names", path, "a list of image names");
    index.complete = field<bool>(json, "complete", path, "true or false");
    if (json.contains("unreadable"))
        index.unreadable = field<std::vector<std::string>>(json, "unreadable", path, "a list of messages");
    const auto chunks = json.find("chunks");
    if (chunks == json.end() || !chunks->is_array())
        fail(ErrorCode::Format, "{}: field 'chunks' must be a list of {{file, first, count}}", path);
    int64_t next = 0;
    for (const auto &chunk : *chunks) {
        const std::string where = fmt::format("{} (chunk {})", path, index.chunks.size());
        if (!chunk.is_object())
            fail(ErrorCode::Format, "{}: expected {{file, first, count}}", where);
        StoreIndex::Chunk c{field<std::string>(chunk, "file", where, "a file name"),
                            field<int64_t>(chunk, "first", where, "an image index"),
                            field<int64_t>(chunk, "count", where, "an image count")};
        if (c.file.empty() || c.file.find('/') != std::string::npos || c.file.find("..") != std::string::npos)
            fail(ErrorCode::Format, "{}: 'file' must be a file name inside the store, got '{}'", where, c.file);
        if (c.first != next || c.count < 1)
            fail(ErrorCode::Format, "{}: covers images {}..{}, expected the next ones from {}", where, c.first,
                 c.first + c.count - 1, next);
        next += c.count;
        index.chunks.push_back(std::move(c));
    }
    if (next != index.size())
        fail(ErrorCode::Format, "{}: the chunks hold {} images, 'names' lists {}", path, next, index.size());
    return index;
}

ExplanationStoreWriter::ExplanationStoreWriter(std::filesystem::path folder, StoreIndex header)
    : m_folder(std::move(folder))
    , m_index(std::move(header))
{
    namespace fs = std::filesystem;
    std::error_code error;
    if (fs::exists(m_folder, error) && !fs::is_directory(m_folder, error))
        fail(ErrorCode::Io, "{}: is a file; an explanation store is written into a folder", m_folder.string());
    if (fs::is_directory(m_folder, error) && !fs::is_empty(m_folder, error)) {
        if (!fs::exists(m_folder / kIndexFile))
            fail(ErrorCode::Io, "{}: the folder is not empty and holds no explanation store (no {}); give a new or empty folder",
                 m_folder.string(), kIndexFile);
        for (const auto &entry : fs::directory_iterator(m_folder)) // a previous store's chunks are replaced
            if (isChunkFile(entry.path()))
                fs::remove(entry.path(), error);
    }
    fs::create_directories(m_folder, error);
    if (error)
        fail(ErrorCode::Io, "{}: cannot create the folder: {}", m_folder.string(), error.message());
    m_index.names.clear();
    m_index.chunks.clear();
    m_index.complete = false;
    writeIndex();
}

void ExplanationStoreWriter::append(const TensorMap &tensors, const std::vector<std::string> &names)
{
    const auto count = static_cast<int64_t>(names.size());
    if (count == 0)
        fail(ErrorCode::InvalidArgument, "{}: a chunk needs at least one image", m_folder.string());
    const std::string file = chunkFileName(m_index.chunks.size());
    validateChunk(tensors, count, m_index, (m_folder / file).string(), ErrorCode::InvalidArgument);
    TensorMap contiguous;
    for (const auto &item : tensors)
        contiguous.insert(item.key(), item.value().to(torch::kCPU).contiguous());
    writeSafetensors(m_folder / file, contiguous);
    m_index.chunks.push_back({file, m_index.size(), count});
    m_index.names.insert(m_index.names.end(), names.begin(), names.end());
    writeIndex();
}

void ExplanationStoreWriter::finish(std::vector<std::string> unreadable)
{
    m_index.unreadable = std::move(unreadable);
    m_index.complete = true;
    writeIndex();
}

void ExplanationStoreWriter::writeIndex() const
{
    writeFileAtomically(m_folder / kIndexFile, [this](std::ostream &out) { out << m_index.toJson().dump(1) << '\n'; });
}

ExplanationStore::ExplanationStore(std::filesystem::path folder, StoreIndex index)
    : m_folder(std::move(folder))
    , m_index(std::move(index))
    , m_chunks(m_index.chunks.size())
{
}

std::shared_ptr<const ExplanationStore> ExplanationStore::open(const std::filesystem::path &folder)
{
    const auto indexPath = folder / kIndexFile;
    std::ifstream in(indexPath);
    if (!in)
        fail(ErrorCode::Io, "{}: cannot open (an explanation store is a folder written by 'bcos explain --out FOLDER/')",
             indexPath.string());
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception &error) {
        fail(ErrorCode::Format, "{}: not valid JSON: {}", indexPath.string(), error.what());
    }
    StoreIndex index = StoreIndex::fromJson(json, indexPath.string());
    for (const auto &chunk : index.chunks)
        if (!std::filesystem::is_regular_file(folder / chunk.file))
            fail(ErrorCode::Io, "{}: chunk file missing (listed in {})", (folder / chunk.file).string(),
                 indexPath.string());
    return std::shared_ptr<const ExplanationStore>(new ExplanationStore(folder, std::move(index)));
}

bool ExplanationStore::hasMethod(const std::string &method) const
{
    return std::find(m_index.methods.begin(), m_index.methods.end(), method) != m_index.methods.end();
}

const SafetensorsContents &ExplanationStore::chunkOf(int64_t image, int64_t &row) const
{
    if (image < 0 || image >= size())
        fail(ErrorCode::InvalidArgument, "{}: image {} is out of range (the store holds {})", m_folder.string(), image,
             size());
    const auto &chunks = m_index.chunks;
    const auto it = std::upper_bound(chunks.begin(), chunks.end(), image,
                                     [](int64_t i, const StoreIndex::Chunk &c) { return i < c.first; });
    const auto k = static_cast<size_t>(std::distance(chunks.begin(), it) - 1);
    row = image - chunks[k].first;
    const std::lock_guard lock(m_mutex);
    if (!m_chunks[k]) {
        const auto path = (m_folder / chunks[k].file).string();
        auto contents = std::make_unique<SafetensorsContents>(readSafetensors(path));
        validateChunk(contents->tensors, chunks[k].count, m_index, path, ErrorCode::Format);
        m_chunks[k] = std::move(contents);
    }
    return *m_chunks[k];
}

at::Tensor ExplanationStore::image(int64_t image) const
{
    int64_t row = 0;
    return chunkOf(image, row).tensors["images"][row];
}

at::Tensor ExplanationStore::attributions(const std::string &method, int64_t image) const
{
    if (!hasMethod(method))
        fail(ErrorCode::InvalidArgument, "{}: the store has no '{}' maps", m_folder.string(), method);
    int64_t row = 0;
    return chunkOf(image, row).tensors[method + "/attributions"][row];
}

at::Tensor ExplanationStore::rgba(int64_t image) const
{
    int64_t row = 0;
    const auto &contents = chunkOf(image, row);
    const at::Tensor *found = contents.tensors.find("wxx/rgba");
    return found ? (*found)[row] : at::Tensor();
}

at::Tensor ExplanationStore::logits(int64_t image) const
{
    int64_t row = 0;
    return chunkOf(image, row).tensors["logits"][row];
}

int64_t ExplanationStore::label(int64_t image) const
{
    int64_t row = 0;
    return chunkOf(image, row).tensors["labels"][row].item<int64_t>();
}

int64_t ExplanationStore::target(int64_t image) const
{
    int64_t row = 0;
    return chunkOf(image, row).tensors["targets"][row].item<int64_t>();
}

at::Tensor ExplanationStore::gather(const std::string &tensor) const
{
    std::vector<at::Tensor> parts;
    for (const auto &chunk : m_index.chunks) {
        int64_t row = 0;
        const at::Tensor *found = chunkOf(chunk.first, row).tensors.find(tensor);
        if (!found)
            return {};
        parts.push_back(*found);
    }
    if (parts.empty())
        return {};
    return torch::cat(parts);
}

at::Tensor ExplanationStore::values(const std::string &value) const
{
    if (std::find(m_index.values.begin(), m_index.values.end(), value) == m_index.values.end())
        fail(ErrorCode::InvalidArgument, "{}: the store has no values '{}'", m_folder.string(), value);
    const at::Tensor all = gather(value);
    return all.defined() ? all : torch::empty({0}, torch::kDouble);
}

at::Tensor ExplanationStore::curves(const std::string &value) const { return gather(value + "/curve"); }

at::Tensor ExplanationStore::labels() const
{
    const at::Tensor all = gather("labels");
    return all.defined() ? all : torch::empty({0}, torch::kLong);
}

} // namespace bcos::core
