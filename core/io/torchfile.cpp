#include "torchfile.h"

#include "core/error.h"
#include "core/io/mappedfile.h"
#include "core/io/zipreader.h"
#include "core/shape.h"

#include <torch/torch.h>

#include <array>
#include <limits>
#include <map>

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "torch archives are read as little-endian");

namespace bcos::core {
namespace {

using Kind = PickleValue::Kind;

struct NamedType {
    const char *storage;
    const char *dtype;
    at::ScalarType type;
};

constexpr std::array kTypes{
    NamedType{"torch.DoubleStorage", "torch.float64", at::kDouble},
    NamedType{"torch.FloatStorage", "torch.float32", at::kFloat},
    NamedType{"torch.HalfStorage", "torch.float16", at::kHalf},
    NamedType{"torch.BFloat16Storage", "torch.bfloat16", at::kBFloat16},
    NamedType{"torch.LongStorage", "torch.int64", at::kLong},
    NamedType{"torch.IntStorage", "torch.int32", at::kInt},
    NamedType{"torch.ShortStorage", "torch.int16", at::kShort},
    NamedType{"torch.CharStorage", "torch.int8", at::kChar},
    NamedType{"torch.ByteStorage", "torch.uint8", at::kByte},
    NamedType{"torch.BoolStorage", "torch.bool", at::kBool},
};

constexpr std::uint64_t kMaxViewElements = std::uint64_t(1) << 40;
constexpr const char *kRebuildTensorV2 = "torch._utils._rebuild_tensor_v2";
constexpr const char *kRebuildTensorV3 = "torch._utils._rebuild_tensor_v3";
constexpr const char *kRebuildParameter = "torch._utils._rebuild_parameter";
constexpr const char *kRebuildParameterWithState = "torch._utils._rebuild_parameter_with_state";

std::vector<std::string> allowedGlobals()
{
    std::vector<std::string> names{kRebuildTensorV2, kRebuildTensorV3, kRebuildParameter,
                                   kRebuildParameterWithState};
    for (const auto &type : kTypes) {
        names.emplace_back(type.storage);
        names.emplace_back(type.dtype);
    }
    return names;
}

/// Decodes one archive: owns the storage cache so that shared storages stay shared.
class ArchiveDecoder {
public:
    explicit ArchiveDecoder(const ZipReader &zip)
        : m_zip(std::make_shared<const ZipReader>(zip)), m_origin(zip.origin()), m_folder(torchArchiveFolder(zip)) {}

    PickleValuePtr run(std::vector<std::string> *foreignGlobals)
    {
        if (const ZipEntry *order = m_zip->find(m_folder + "/byteorder")) {
            const std::string text = m_zip->read(*order);
            if (text != "little")
                fail(ErrorCode::Unsupported, "{}: byteorder is '{}'; only little-endian archives can be read",
                     m_origin, text.substr(0, 16));
        }
        const ZipEntry *pickle = m_zip->find(m_folder + "/data.pkl");
        UnpickleHooks hooks;
        hooks.foreignGlobals = foreignGlobals;
        hooks.allowedGlobals = allowedGlobals();
        hooks.persistentLoad = [this](const PickleValue &id) { return loadStorage(id); };
        hooks.reduce = [this](const std::string &global, const PickleValue &arguments) {
            return rebuild(global, arguments);
        };
        return unpickle(m_zip->read(*pickle), m_origin, hooks);
    }

private:
    static const NamedType *typeNamed(const std::string &name)
    {
        for (const auto &type : kTypes)
            if (name == type.storage || name == type.dtype)
                return &type;
        return nullptr;
    }

    std::int64_t integerArgument(const PickleValue &value, const char *what) const
    {
        if (value.kind != Kind::Int || value.integer < 0)
            fail(ErrorCode::Format, "{}: {} must be a non-negative integer, got {}", m_origin, what, value.repr());
        return value.integer;
    }

    std::vector<std::int64_t> integerTuple(const PickleValue &value, const char *what) const
    {
        if (value.kind != Kind::Tuple && value.kind != Kind::List)
            fail(ErrorCode::Format, "{}: tensor {} must be a tuple, got {}", m_origin, what, value.repr());
        std::vector<std::int64_t> out;
        for (const auto &item : value.items)
            out.push_back(integerArgument(*item, what));
        return out;
    }

    // Persistent id of a storage: ('storage', torch.<T>Storage, key, location, numel).
    PickleValuePtr loadStorage(const PickleValue &id)
    {
        if (id.kind != Kind::Tuple || id.items.size() != 5 || id.items[0]->text != "storage"
            || id.items[1]->kind != Kind::Global || id.items[2]->kind != Kind::String)
            fail(ErrorCode::Format, "{}: unexpected persistent id {} (expected a storage tuple)", m_origin,
                 id.repr());
        const NamedType *type = typeNamed(id.items[1]->text);
        if (!type || id.items[1]->text != type->storage)
            fail(ErrorCode::Format, "{}: persistent id names {}, not a storage type", m_origin, id.items[1]->text);
        const std::string &key = id.items[2]->text;
        const std::int64_t count = integerArgument(*id.items[4], "storage size");
        const auto cached = m_storages.find(key);
        if (cached != m_storages.end()) {
            if (cached->second->dtype != type->type || cached->second->shape.front() != count)
                fail(ErrorCode::Format, "{}: storage '{}' is used with two different types or sizes", m_origin, key);
            return cached->second;
        }
        const std::string entryName = m_folder + "/data/" + key;
        const ZipEntry *entry = m_zip->find(entryName);
        if (!entry)
            fail(ErrorCode::Format, "{}: storage '{}' (entry '{}') is missing from the archive", m_origin, key,
                 entryName);
        const auto itemSize = static_cast<std::uint64_t>(c10::elementSize(type->type));
        if (static_cast<std::uint64_t>(count) > std::numeric_limits<std::uint64_t>::max() / itemSize
            || entry->size != static_cast<std::uint64_t>(count) * itemSize)
            fail(ErrorCode::Format, "{}: storage '{}' holds {} bytes but {} elements of {} need {}", m_origin, key,
                 entry->size, count, c10::toString(type->type), static_cast<std::uint64_t>(count) * itemSize);
        // Read only when a tensor on it is asked for: optimiser states and callback tensors stay on disk.
        auto storage = PickleValue::makeLazyTensor(
            type->type, {count}, [zip = m_zip, entry = *entry, dtype = type->type, count] {
                return storageTensor(*zip, entry, dtype, count);
            });
        storage->text = key;
        m_storages.emplace(key, storage);
        return storage;
    }

    static at::Tensor storageTensor(const ZipReader &zip, const ZipEntry &entry, at::ScalarType type,
                                    std::int64_t count)
    {
        const auto options = at::TensorOptions().dtype(type);
        std::byte *start = zip.file()->mutableData() + entry.dataOffset;
        if (entry.method == 0 && count > 0 && reinterpret_cast<std::uintptr_t>(start) % c10::elementSize(type) == 0) {
            auto owner = zip.file(); // the mapping lives as long as any tensor viewing it
            return torch::from_blob(start, {count}, [owner](void *) {}, options);
        }
        auto tensor = at::empty({count}, options);
        if (count > 0)
            zip.readInto(entry, tensor.data_ptr());
        return tensor;
    }

    PickleValuePtr rebuild(const std::string &global, const PickleValue &arguments)
    {
        const auto &items = arguments.items;
        if (global == kRebuildParameter || global == kRebuildParameterWithState) {
            if (items.size() < 3 || items[0]->kind != Kind::Tensor)
                fail(ErrorCode::Format, "{}: {} needs (tensor, requires_grad, hooks), got {}", m_origin, global,
                     arguments.repr());
            const PickleValuePtr inner = items[0];
            return PickleValue::makeLazyTensor(inner->dtype, inner->shape, [inner] { return inner->materialize(); });
        }
        const bool v3 = global == kRebuildTensorV3;
        if ((global != kRebuildTensorV2 && !v3) || items.size() < (v3 ? 7u : 4u))
            fail(ErrorCode::Format, "{}: cannot call {} with {}", m_origin, global, arguments.repr());
        const PickleValuePtr storagePtr = items[0];
        const PickleValue &storage = *storagePtr;
        if (storage.kind != Kind::Tensor || storage.text.empty())
            fail(ErrorCode::Format, "{}: tensor rebuilt from {} instead of a storage", m_origin, storage.repr());
        if (v3) {
            const NamedType *dtype = items[6]->kind == Kind::Global ? typeNamed(items[6]->text) : nullptr;
            if (!dtype || dtype->type != storage.dtype)
                fail(ErrorCode::Unsupported, "{}: tensor of dtype {} on a {} storage is not supported", m_origin,
                     items[6]->repr(), c10::toString(storage.dtype));
        }
        const std::int64_t offset = integerArgument(*items[1], "storage offset");
        const auto sizes = integerTuple(*items[2], "size");
        const auto strides = integerTuple(*items[3], "stride");
        if (sizes.size() != strides.size())
            fail(ErrorCode::Format, "{}: tensor size {} and stride {} differ in length", m_origin,
                 shapeString(sizes), shapeString(strides));
        checkView(storage, offset, sizes, strides);
        return PickleValue::makeLazyTensor(storage.dtype, sizes, [storagePtr, sizes, strides, offset] {
            return storagePtr->materialize().as_strided(sizes, strides, offset);
        });
    }

    /// The view's furthest element must lie inside the storage (computed without overflow), and a view with
    /// zero strides (expanded) may not claim an absurd number of elements.
    void checkView(const PickleValue &storage, std::int64_t offset, const std::vector<std::int64_t> &sizes,
                   const std::vector<std::int64_t> &strides) const
    {
        std::uint64_t elements = 1;
        for (const auto size : sizes) {
            const auto extent = static_cast<std::uint64_t>(size);
            elements = extent != 0 && elements > kMaxViewElements / extent ? kMaxViewElements + 1 : elements * extent;
        }
        if (elements > kMaxViewElements)
            fail(ErrorCode::Format, "{}: tensor of size {} has more than {} elements", m_origin, shapeString(sizes),
                 kMaxViewElements);
        const std::uint64_t numel = static_cast<std::uint64_t>(storage.shape.front());
        std::uint64_t last = static_cast<std::uint64_t>(offset);
        bool empty = false;
        for (std::size_t i = 0; i < sizes.size(); ++i) {
            empty = empty || sizes[i] == 0;
            const auto extent = static_cast<std::uint64_t>(std::max<std::int64_t>(sizes[i] - 1, 0));
            const auto stride = static_cast<std::uint64_t>(strides[i]);
            if (stride != 0 && extent > (std::numeric_limits<std::uint64_t>::max() / 2 - last) / stride)
                last = std::numeric_limits<std::uint64_t>::max() / 2;
            else
                last += extent * stride;
        }
        if (empty ? static_cast<std::uint64_t>(offset) > numel : last >= numel)
            fail(ErrorCode::Format, "{}: tensor view (offset {}, size {}, stride {}) reaches element {} but storage "
                 "'{}' holds {} elements", m_origin, offset, shapeString(sizes), shapeString(strides), last,
                 storage.text, numel);
    }

    std::shared_ptr<const ZipReader> m_zip; ///< shared with the lazy tensors, which read after decoding
    std::string m_origin;
    std::string m_folder;
    std::map<std::string, PickleValuePtr> m_storages;
};

} // namespace

std::string torchArchiveFolder(const ZipReader &zip)
{
    for (const auto &entry : zip.entries()) {
        const auto slash = entry.name.find('/');
        if (slash != std::string::npos && slash > 0 && entry.name.compare(slash, std::string::npos, "/data.pkl") == 0)
            return entry.name.substr(0, slash);
    }
    fail(ErrorCode::Format, "{}: zip archive has no '<folder>/data.pkl' entry; not a torch.save file", zip.origin());
}

bool isTorchScriptArchive(const ZipReader &zip)
{
    const std::string folder = torchArchiveFolder(zip);
    if (zip.find(folder + "/constants.pkl"))
        return true;
    for (const auto &entry : zip.entries())
        if (entry.name.rfind(folder + "/code/", 0) == 0)
            return true;
    return false;
}

PickleValuePtr readTorchArchive(const ZipReader &zip, std::vector<std::string> *foreignGlobals)
{
    return ArchiveDecoder(zip).run(foreignGlobals);
}

PickleValuePtr readTorchFile(const std::filesystem::path &path, std::vector<std::string> *foreignGlobals)
{
    const ZipReader zip(path);
    return readTorchArchive(zip, foreignGlobals);
}

} // namespace bcos::core
