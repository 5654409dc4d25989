#include "pickle.h"

#include "core/error.h"

#include <ATen/core/Tensor.h>

#include <algorithm>
#include <cstring>
#include <unordered_map>

namespace bcos::core {
namespace {

using Kind = PickleValue::Kind;

/// Dict-like classes that hold plain data and are rebuilt as dicts (no code of theirs is ever run).
constexpr const char *kContainerGlobals[] = {
    "collections.OrderedDict",
    "pytorch_lightning.utilities.parsing.AttributeDict",
    "lightning_fabric.utilities.data.AttributeDict",
    "lightning.fabric.utilities.data.AttributeDict",
    "argparse.Namespace",
};

bool isContainerGlobal(const std::string &name)
{
    return std::any_of(std::begin(kContainerGlobals), std::end(kContainerGlobals),
                       [&](const char *allowed) { return name == allowed; });
}

class Unpickler {
public:
    Unpickler(std::string_view bytes, std::string_view origin, const UnpickleHooks &hooks,
              const UnpickleLimits &limits)
        : m_bytes(bytes), m_origin(origin), m_hooks(hooks), m_limits(limits) {}

    /// Every container decoded, so that cycles (a list appended to itself) can be broken when the root dies.
    std::vector<std::weak_ptr<PickleValue>> &containers() { return m_containers; }

    PickleValuePtr run()
    {
        while (true) {
            m_opcodeOffset = m_pos;
            const auto opcode = static_cast<std::uint8_t>(take(1)[0]);
            if (opcode == '.') {
                if (m_stack.size() != 1 || !m_marks.empty())
                    error("STOP with {} values on the stack (expected exactly one)", m_stack.size());
                return m_stack.back();
            }
            step(opcode);
            if (m_stack.size() > m_limits.maxStack || m_marks.size() > m_limits.maxStack)
                error("stack exceeds {} values", m_limits.maxStack);
        }
    }

private:
    template <class... Args>
    [[noreturn]] void error(fmt::format_string<Args...> format, Args &&...args) const
    {
        fail(ErrorCode::Format, "{}: bad pickle at offset {}: {}", m_origin, m_opcodeOffset,
             fmt::format(format, std::forward<Args>(args)...));
    }

    std::string_view take(std::size_t count)
    {
        if (count > m_bytes.size() - m_pos)
            fail(ErrorCode::Format, "{}: pickle ends unexpectedly at offset {} (truncated file?)", m_origin,
                 m_bytes.size());
        const auto out = m_bytes.substr(m_pos, count);
        m_pos += count;
        return out;
    }
    template <class T>
    T takeLe()
    {
        T value{};
        std::memcpy(&value, take(sizeof(T)).data(), sizeof(T));
        return value;
    }
    std::string takeLine()
    {
        const auto end = m_bytes.find('\n', m_pos);
        if (end == std::string_view::npos || end - m_pos > 256)
            fail(ErrorCode::Format, "{}: pickle ends unexpectedly at offset {} (truncated file?)", m_origin,
                 m_bytes.size());
        std::string line(m_bytes.substr(m_pos, end - m_pos));
        m_pos = end + 1;
        return line;
    }

    PickleValuePtr track(PickleValuePtr value)
    {
        m_containers.push_back(value);
        return value;
    }
    void push(PickleValuePtr value) { m_stack.push_back(std::move(value)); }
    PickleValuePtr pop()
    {
        if (m_stack.size() <= (m_marks.empty() ? 0 : m_marks.back()))
            error("pop from an empty stack");
        auto value = std::move(m_stack.back());
        m_stack.pop_back();
        return value;
    }
    PickleValuePtr &top()
    {
        if (m_stack.size() <= (m_marks.empty() ? 0 : m_marks.back()))
            error("stack is empty");
        return m_stack.back();
    }
    std::vector<PickleValuePtr> popMark()
    {
        if (m_marks.empty())
            error("no MARK on the stack");
        const std::size_t mark = m_marks.back();
        m_marks.pop_back();
        std::vector<PickleValuePtr> items(m_stack.begin() + static_cast<std::ptrdiff_t>(mark), m_stack.end());
        m_stack.resize(mark);
        return items;
    }
    PickleValuePtr tuple(std::vector<PickleValuePtr> items)
    {
        auto value = track(PickleValue::make(Kind::Tuple));
        value->items = std::move(items);
        return value;
    }
    PickleValuePtr integer(std::int64_t number)
    {
        auto value = PickleValue::make(Kind::Int);
        value->integer = number;
        return value;
    }

    void memoPut(std::uint64_t index)
    {
        if (m_memo.size() >= m_limits.maxMemo && !m_memo.count(index))
            error("memo exceeds {} entries", m_limits.maxMemo);
        m_memo[index] = top();
    }
    void memoGet(std::uint64_t index)
    {
        const auto found = m_memo.find(index);
        if (found == m_memo.end())
            error("memo entry {} was never stored", index);
        push(found->second);
    }

    /// The list/dict an APPEND/SETITEM opcode fills; nullptr for a placeholder (its items are dropped).
    PickleValue *container(Kind kind, const char *opcode)
    {
        auto &target = top();
        if (target->kind == Kind::Opaque)
            return nullptr;
        if (target->kind != kind)
            error("{} on a {} (expected a {})", opcode, target->kindName(),
                  kind == Kind::Dict ? "dict" : "list");
        return target.get();
    }
    void setItems(std::vector<PickleValuePtr> items)
    {
        if (items.size() % 2 != 0)
            error("SETITEMS with an odd number of values");
        PickleValue *dict = container(Kind::Dict, "SETITEMS");
        for (std::size_t i = 0; dict && i < items.size(); i += 2)
            setItem(*dict, items[i], items[i + 1]);
    }
    static void setItem(PickleValue &dict, PickleValuePtr key, PickleValuePtr value)
    {
        if (key->kind == Kind::String)
            for (auto &entry : dict.entries)
                if (entry.first->kind == Kind::String && entry.first->text == key->text) {
                    entry.second = std::move(value);
                    return;
                }
        dict.entries.emplace_back(std::move(key), std::move(value));
    }

    void global(std::string module, std::string name)
    {
        const std::string full = module + "." + name;
        const auto &extra = m_hooks.allowedGlobals;
        const bool storage = module == "torch" && name.size() > 7 && name.compare(name.size() - 7, 7, "Storage") == 0;
        if (storage && std::find(extra.begin(), extra.end(), full) == extra.end())
            fail(ErrorCode::Unsupported, "{}: tensor storage type '{}' is not supported (complex and quantized "
                 "tensors cannot be loaded)", m_origin, full);
        if (!isContainerGlobal(full) && std::find(extra.begin(), extra.end(), full) == extra.end()) {
            // Not on the allow-list: an inert placeholder that is never called (pickle's find_class is not run).
            auto *foreign = m_hooks.foreignGlobals;
            if (foreign && std::find(foreign->begin(), foreign->end(), full) == foreign->end())
                foreign->push_back(full);
            push(PickleValue::makeString(full, Kind::Opaque));
            return;
        }
        push(PickleValue::makeString(full, Kind::Global));
    }
    void reduce()
    {
        auto arguments = pop();
        auto callable = pop();
        if (callable->kind == Kind::Opaque) { // "calling" a placeholder gives a placeholder; nothing runs
            push(PickleValue::makeString(callable->text, Kind::Opaque));
            return;
        }
        if (callable->kind != Kind::Global || arguments->kind != Kind::Tuple)
            error("REDUCE needs a global and an argument tuple, got {} and {}", callable->kindName(),
                  arguments->kindName());
        if (isContainerGlobal(callable->text)) {
            if (!arguments->items.empty())
                error("{}() with arguments is not supported", callable->text);
            push(track(PickleValue::makeString(callable->text, Kind::Dict)));
            return;
        }
        if (!m_hooks.reduce)
            error("no handler for {}", callable->text);
        push(m_hooks.reduce(callable->text, *arguments));
    }
    void newObject()
    {
        auto arguments = pop();
        auto cls = pop();
        if (cls->kind == Kind::Opaque) {
            push(PickleValue::makeString(cls->text, Kind::Opaque));
            return;
        }
        if (cls->kind != Kind::Global || !isContainerGlobal(cls->text))
            error("NEWOBJ is only supported for dict-like classes, got {}", cls->repr());
        push(track(PickleValue::makeString(cls->text, Kind::Dict)));
    }
    void build()
    {
        auto state = pop();
        auto &target = top();
        if (target->kind == Kind::Opaque) // __setstate__ is never called: the state is dropped
            return;
        if (target->kind == Kind::Dict && state->kind == Kind::Dict) {
            // argparse.Namespace keeps its fields as attributes: they are its content. Dict subclasses
            // (OrderedDict state dicts with their `_metadata` versions) keep attributes beside the items: dropped.
            // A Namespace built from itself (memo) already holds its fields; adding them to the vector being
            // iterated would invalidate the iteration.
            if (target->text == "argparse.Namespace" && state != target)
                for (const auto &entry : state->entries)
                    setItem(*target, entry.first, entry.second);
            return;
        }
        if (state->kind == Kind::None)
            return;
        error("BUILD with a {} state on a {} is not supported", state->kindName(), target->kindName());
    }
    void persistentLoad()
    {
        auto id = pop();
        if (!m_hooks.persistentLoad)
            error("persistent ids are not supported here");
        push(m_hooks.persistentLoad(*id));
    }

    void step(std::uint8_t opcode);

    std::string_view m_bytes;
    std::string_view m_origin;
    const UnpickleHooks &m_hooks;
    const UnpickleLimits &m_limits;
    std::size_t m_pos = 0;
    std::size_t m_opcodeOffset = 0;
    std::vector<PickleValuePtr> m_stack;
    std::vector<std::size_t> m_marks;
    std::unordered_map<std::uint64_t, PickleValuePtr> m_memo;
    std::vector<std::weak_ptr<PickleValue>> m_containers;
};

/// Empties the containers that are still alive: breaks reference cycles so that everything is freed.
void emptyContainers(const std::vector<std::weak_ptr<PickleValue>> &containers)
{
    for (const auto &weak : containers)
        if (const auto value = weak.lock()) {
            value->items.clear();
            value->entries.clear();
        }
}

/// Owns the decoded root; when the last reference to the root goes, containers kept alive only by
/// reference cycles are emptied so that they are freed too.
struct DecodedRoot {
    PickleValuePtr root;
    std::vector<std::weak_ptr<PickleValue>> containers;
    ~DecodedRoot()
    {
        root.reset();
        emptyContainers(containers);
    }
};

void Unpickler::step(std::uint8_t opcode)
{
    switch (opcode) {
    case 0x80: take(1); break;              // PROTO
    case 0x95: takeLe<std::uint64_t>(); break; // FRAME: a length hint only
    case '(': m_marks.push_back(m_stack.size()); break;
    case '0': pop(); break;                 // POP
    case '1': popMark(); break;             // POP_MARK
    case '}': push(track(PickleValue::make(Kind::Dict))); break;
    case ']': push(track(PickleValue::make(Kind::List))); break;
    case ')': push(tuple({})); break;
    case 'd': {
        auto items = popMark();
        push(track(PickleValue::make(Kind::Dict)));
        setItems(std::move(items));
        break;
    }
    case 'l': {
        auto list = track(PickleValue::make(Kind::List));
        list->items = popMark();
        push(list);
        break;
    }
    case 't': push(tuple(popMark())); break;
    case 0x85: { auto a = pop(); push(tuple({a})); break; }
    case 0x86: { auto b = pop(); auto a = pop(); push(tuple({a, b})); break; }
    case 0x87: { auto c = pop(); auto b = pop(); auto a = pop(); push(tuple({a, b, c})); break; }
    case 'a': {
        auto value = pop();
        if (PickleValue *list = container(Kind::List, "APPEND"))
            list->items.push_back(value);
        break;
    }
    case 'e': {
        auto items = popMark();
        if (PickleValue *list = container(Kind::List, "APPENDS"))
            list->items.insert(list->items.end(), items.begin(), items.end());
        break;
    }
    case 's': {
        auto value = pop();
        auto key = pop();
        if (PickleValue *dict = container(Kind::Dict, "SETITEM"))
            setItem(*dict, key, value);
        break;
    }
    case 'u': setItems(popMark()); break;
    case 'N': push(PickleValue::make(Kind::None)); break;
    case 0x88:
    case 0x89: { auto value = PickleValue::make(Kind::Bool); value->boolean = opcode == 0x88; push(value); break; }
    case 'J': push(integer(takeLe<std::int32_t>())); break;
    case 'K': push(integer(takeLe<std::uint8_t>())); break;
    case 'M': push(integer(takeLe<std::uint16_t>())); break;
    case 0x8a: { // LONG1: little-endian two's complement of n bytes
        const auto length = takeLe<std::uint8_t>();
        if (length > 8)
            error("integer of {} bytes does not fit 64 bits", length);
        const auto digits = take(length);
        std::uint64_t bits = 0;
        for (std::size_t i = 0; i < length; ++i)
            bits |= std::uint64_t(static_cast<std::uint8_t>(digits[i])) << (8 * i);
        if (length > 0 && length < 8 && (static_cast<std::uint8_t>(digits[length - 1]) & 0x80))
            bits |= ~std::uint64_t(0) << (8 * length);
        push(integer(static_cast<std::int64_t>(bits)));
        break;
    }
    case 'G': { // BINFLOAT: big-endian IEEE double
        std::uint64_t bits = 0;
        for (char byte : take(8))
            bits = (bits << 8) | static_cast<std::uint8_t>(byte);
        auto value = PickleValue::make(Kind::Float);
        std::memcpy(&value->real, &bits, 8);
        push(value);
        break;
    }
    case 'X': push(PickleValue::makeString(std::string(take(takeLe<std::uint32_t>())))); break;
    case 0x8c: push(PickleValue::makeString(std::string(take(takeLe<std::uint8_t>())))); break;
    case 0x8d: push(PickleValue::makeString(std::string(take(takeLe<std::uint64_t>())))); break;
    case 'T': {
        const auto length = takeLe<std::int32_t>();
        if (length < 0)
            error("negative string length");
        push(PickleValue::makeString(std::string(take(static_cast<std::size_t>(length)))));
        break;
    }
    case 'U': push(PickleValue::makeString(std::string(take(takeLe<std::uint8_t>())))); break;
    case 'B': push(PickleValue::makeString(std::string(take(takeLe<std::uint32_t>())), Kind::Bytes)); break;
    case 'C': push(PickleValue::makeString(std::string(take(takeLe<std::uint8_t>())), Kind::Bytes)); break;
    case 'q': memoPut(takeLe<std::uint8_t>()); break;
    case 'r': memoPut(takeLe<std::uint32_t>()); break;
    case 0x94: memoPut(m_memo.size()); break;
    case 'h': memoGet(takeLe<std::uint8_t>()); break;
    case 'j': memoGet(takeLe<std::uint32_t>()); break;
    case 'c': {
        std::string module = takeLine();
        global(std::move(module), takeLine());
        break;
    }
    case 0x93: {
        auto name = pop();
        auto module = pop();
        if (module->kind != Kind::String || name->kind != Kind::String)
            error("STACK_GLOBAL needs two strings");
        global(module->text, name->text);
        break;
    }
    case 'R': reduce(); break;
    case 0x81: newObject(); break;
    case 'b': build(); break;
    case 'Q': persistentLoad(); break;
    default:
        fail(ErrorCode::Format, "{}: unsupported pickle opcode 0x{:02x} at offset {} (only state dicts can be loaded)",
             m_origin, opcode, m_opcodeOffset);
    }
}

} // namespace

PickleValuePtr unpickle(std::string_view bytes, std::string_view origin, const UnpickleHooks &hooks,
                        const UnpickleLimits &limits)
{
    Unpickler unpickler(bytes, origin, hooks, limits);
    auto decoded = std::make_shared<DecodedRoot>();
    try {
        decoded->root = unpickler.run();
    } catch (...) {
        emptyContainers(unpickler.containers()); // nothing decoded so far is returned
        throw;
    }
    decoded->containers = std::move(unpickler.containers());
    return PickleValuePtr(decoded, decoded->root.get()); // shares ownership with the DecodedRoot
}

} // namespace bcos::core
