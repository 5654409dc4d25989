#include "picklevalue.h"

#include "core/shape.h"

#include <fmt/format.h>

#include <string>
#include <vector>

namespace bcos::core {
namespace {

using Kind = PickleValue::Kind;

void appendRepr(const PickleValue &value, std::string &out, std::size_t maxLength, int depth)
{
    if (out.size() > maxLength)
        return;
    if (depth > 8) {
        out += "...";
        return;
    }
    auto sequence = [&](const char *open, const char *close) {
        out += open;
        for (std::size_t i = 0; i < value.items.size() && out.size() <= maxLength; ++i) {
            if (i)
                out += ", ";
            appendRepr(*value.items[i], out, maxLength, depth + 1);
        }
        if (value.kind == Kind::Tuple && value.items.size() == 1)
            out += ",";
        out += close;
    };
    switch (value.kind) {
    case Kind::None: out += "None"; break;
    case Kind::Bool: out += value.boolean ? "True" : "False"; break;
    case Kind::Int: out += std::to_string(value.integer); break;
    case Kind::Float: out += fmt::format("{}", value.real); break;
    case Kind::String: out += "'" + value.text + "'"; break;
    case Kind::Bytes: out += fmt::format("<{} bytes>", value.text.size()); break;
    case Kind::Global: out += value.text; break;
    case Kind::Opaque: out += "<" + value.text + ">"; break;
    case Kind::Tuple: sequence("(", ")"); break;
    case Kind::List: sequence("[", "]"); break;
    case Kind::Dict:
        out += "{";
        for (std::size_t i = 0; i < value.entries.size() && out.size() <= maxLength; ++i) {
            if (i)
                out += ", ";
            appendRepr(*value.entries[i].first, out, maxLength, depth + 1);
            out += ": ";
            appendRepr(*value.entries[i].second, out, maxLength, depth + 1);
        }
        out += "}";
        break;
    case Kind::Tensor:
        out += fmt::format("tensor({} {})", c10::toString(value.dtype), shapeString(value.shape));
        break;
    }
}

} // namespace

PickleValue::~PickleValue()
{
    std::vector<PickleValuePtr> pending;
    auto release = [&pending](PickleValue &value) {
        for (auto &item : value.items)
            pending.push_back(std::move(item));
        for (auto &entry : value.entries) {
            pending.push_back(std::move(entry.first));
            pending.push_back(std::move(entry.second));
        }
        value.items.clear();
        value.entries.clear();
    };
    release(*this);
    while (!pending.empty()) {
        PickleValuePtr value = std::move(pending.back());
        pending.pop_back();
        if (value && value.use_count() == 1)
            release(*value); // its destructor then finds no children
    }
}

PickleValuePtr PickleValue::make(Kind kind)
{
    auto value = std::make_shared<PickleValue>();
    value->kind = kind;
    return value;
}

PickleValuePtr PickleValue::makeString(std::string text, Kind kind)
{
    auto value = make(kind);
    value->text = std::move(text);
    return value;
}

PickleValuePtr PickleValue::makeTensor(at::Tensor tensor)
{
    auto value = make(Kind::Tensor);
    value->dtype = tensor.scalar_type();
    value->shape = tensor.sizes().vec();
    value->tensor = std::move(tensor);
    return value;
}

PickleValuePtr PickleValue::makeLazyTensor(at::ScalarType dtype, std::vector<std::int64_t> shape,
                                           std::function<at::Tensor()> loader)
{
    auto value = make(Kind::Tensor);
    value->dtype = dtype;
    value->shape = std::move(shape);
    value->loader = std::move(loader);
    return value;
}

const at::Tensor &PickleValue::materialize() const
{
    if (kind == Kind::Tensor && !tensor.defined() && loader)
        tensor = loader();
    return tensor;
}

PickleValuePtr PickleValue::get(std::string_view key) const
{
    for (const auto &entry : entries)
        if (entry.first->kind == Kind::String && entry.first->text == key)
            return entry.second;
    return nullptr;
}

std::string PickleValue::repr(std::size_t maxLength) const
{
    std::string out;
    appendRepr(*this, out, maxLength, 0);
    if (out.size() > maxLength) {
        out.resize(maxLength);
        out += "...";
    }
    return out;
}

std::string_view PickleValue::kindName() const
{
    switch (kind) {
    case Kind::None: return "None";
    case Kind::Bool: return "bool";
    case Kind::Int: return "int";
    case Kind::Float: return "float";
    case Kind::String: return "str";
    case Kind::Bytes: return "bytes";
    case Kind::Tuple: return "tuple";
    case Kind::List: return "list";
    case Kind::Dict: return "dict";
    case Kind::Global: return "global";
    case Kind::Tensor: return "tensor";
    case Kind::Opaque: return "opaque object";
    }
    return "value";
}

} // namespace bcos::core
