#include "textclean.h"

#include "core/text/unicode.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace bcos::core::text {
namespace {

// Windows-1252 bytes 0x80..0x9F; the undefined ones map to the C1 control of the same value ("sloppy"
// windows-1252, as ftfy uses for mojibake).
constexpr std::array<char32_t, 32> kCp1252High{
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
    0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178};

/// The Windows-1252 byte of a code point, or -1.
int cp1252Byte(char32_t c)
{
    if (c < 0x80 || (c >= 0xA0 && c <= 0xFF))
        return int(c);
    for (size_t i = 0; i < kCp1252High.size(); ++i)
        if (kCp1252High[i] == c)
            return int(0x80 + i);
    return -1;
}

/// Length of a valid multi-byte UTF-8 sequence starting at bytes[i] (2..4), else 0.
size_t utf8SequenceAt(const std::string &bytes, size_t i)
{
    const auto b = static_cast<unsigned char>(bytes[i]);
    const size_t length = (b >= 0xC2 && b <= 0xDF) ? 2 : (b >= 0xE0 && b <= 0xEF) ? 3 : (b >= 0xF0 && b <= 0xF4) ? 4 : 0;
    if (length == 0 || i + length > bytes.size())
        return 0;
    const std::u32string decoded = decodeUtf8(std::string_view(bytes).substr(i, length));
    return decoded.size() == 1 && decoded[0] != 0xFFFD ? length : 0;
}

/// Mojibake: within each run of characters that Windows-1252 can encode, byte sequences that are valid UTF-8
/// multi-byte characters were most likely UTF-8 decoded as Windows-1252 ("cafÃ©" -> "café").
std::u32string fixMojibake(const std::u32string &text)
{
    std::u32string out;
    size_t i = 0;
    while (i < text.size()) {
        std::string bytes;
        size_t j = i;
        for (; j < text.size() && cp1252Byte(text[j]) >= 0; ++j)
            bytes += char(cp1252Byte(text[j]));
        if (j == i) {
            out += text[i++];
            continue;
        }
        for (size_t k = 0; k < bytes.size();) {
            const size_t length = static_cast<unsigned char>(bytes[k]) >= 0x80 ? utf8SequenceAt(bytes, k) : 0;
            if (length > 0) {
                out += decodeUtf8(std::string_view(bytes).substr(k, length));
                k += length;
            } else {
                out += text[i + k];
                ++k;
            }
        }
        i = j;
    }
    return out;
}

struct Entity {
    const char *name;
    const char32_t *value; ///< one or two code points
    bool legacy;           ///< also recognised without the trailing ';' (HTML5 legacy names)
};

#include "core/text/htmlentities.inc"

const Entity *findEntity(std::string_view name)
{
    const auto it = std::lower_bound(std::begin(kEntities), std::end(kEntities), name,
                                     [](const Entity &entity, std::string_view key) { return entity.name < key; });
    return it != std::end(kEntities) && it->name == name ? &*it : nullptr;
}

/// Code points Python's html.unescape drops (control characters and non-characters).
bool droppedCodePoint(unsigned long value)
{
    return (value >= 0x1 && value <= 0x8) || value == 0xB || (value >= 0xE && value <= 0x1F)
        || (value >= 0x7F && value <= 0x9F) || (value >= 0xFDD0 && value <= 0xFDEF) || (value & 0xFFFE) == 0xFFFE;
}

/// Python html's numeric rule: 0x80..0x9F are Windows-1252, 0 and invalid values become U+FFFD, control
/// characters and non-characters are dropped.
std::u32string numericReference(unsigned long value)
{
    if (value >= 0x80 && value <= 0x9F)
        return std::u32string(1, kCp1252High[value - 0x80]);
    if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
        return U"\uFFFD";
    if (value == 0x0D)
        return U"\r";
    if (droppedCodePoint(value))
        return {};
    return std::u32string(1, char32_t(value));
}

/// Tries to decode one reference at text[i] == '&'; returns (replacement, length) or length 0.
std::pair<std::u32string, size_t> reference(std::string_view text, size_t i)
{
    const std::string_view rest = text.substr(i + 1);
    if (!rest.empty() && rest[0] == '#') {
        const bool hex = rest.size() > 1 && (rest[1] == 'x' || rest[1] == 'X');
        size_t k = hex ? 2 : 1;
        const size_t begin = k;
        while (k < rest.size() && (hex ? std::isxdigit(static_cast<unsigned char>(rest[k])) : std::isdigit(static_cast<unsigned char>(rest[k]))))
            ++k;
        if (k == begin)
            return {{}, 0};
        const std::string digits(rest.substr(begin, std::min<size_t>(k - begin, 12)));
        const unsigned long value = k - begin > 10 ? 0x110000ul : std::strtoul(digits.c_str(), nullptr, hex ? 16 : 10);
        const size_t length = 1 + k + (k < rest.size() && rest[k] == ';' ? 1 : 0);
        return {numericReference(value), length};
    }
    size_t k = 0;
    while (k < rest.size() && k < 32 && !std::strchr("\t\n\f <&#;", rest[k]))
        ++k;
    const std::string_view name = rest.substr(0, k);
    const bool semicolon = k < rest.size() && rest[k] == ';';
    if (semicolon)
        if (const Entity *entity = findEntity(name))
            return {entity->value, 1 + k + 1};
    // Legacy names without ';': the longest matching prefix.
    for (size_t length = name.size(); length > 1; --length)
        if (const Entity *entity = findEntity(name.substr(0, length)); entity && entity->legacy)
            return {entity->value, 1 + length};
    return {{}, 0};
}

} // namespace

std::string unescapeHtml(std::string_view text)
{
    if (text.find('&') == std::string_view::npos)
        return std::string(text);
    std::string out;
    for (size_t i = 0; i < text.size();) {
        if (text[i] == '&') {
            const auto [value, length] = reference(text, i);
            if (length > 0) {
                out += encodeUtf8(value);
                i += length;
                continue;
            }
        }
        out += text[i++];
    }
    return out;
}

std::string fixText(std::string_view input)
{
    // ftfy unescapes HTML only when the text does not look like HTML markup.
    const std::string unescaped = input.find('<') == std::string_view::npos ? unescapeHtml(input) : std::string(input);
    std::u32string text = fixMojibake(decodeUtf8(unescaped));
    std::u32string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        const char32_t c = text[i];
        if (c == '\r') {
            out += '\n';
            if (i + 1 < text.size() && text[i + 1] == '\n')
                ++i;
        } else if (c == 0x2028 || c == 0x2029 || c == 0x85) {
            out += '\n';
        } else if (c == 0x2BC || (c >= 0x2018 && c <= 0x201B)) {
            out += '\'';
        } else if (c >= 0x201C && c <= 0x201F) {
            out += '"';
        } else if (c >= 0xFB00 && c <= 0xFB06) {
            static const char32_t *const kLigatures[] = {U"ff", U"fi", U"fl", U"ffi", U"ffl", U"\u017Ft", U"st"};
            out += kLigatures[c - 0xFB00];
        } else if (c == 0x132 || c == 0x133) {
            out += c == 0x132 ? U"IJ" : U"ij";
        } else if (c >= 0xFF01 && c <= 0xFF5E) {
            out += c - 0xFF01 + 0x21;
        } else if (c == 0x3000) {
            out += ' ';
        } else if (c != 0xFEFF) {
            out += c;
        }
    }
    return encodeUtf8(composeCanonical(out)); // ftfy's final NFC
}

std::string cleanClipText(std::string_view text)
{
    const std::u32string fixed = decodeUtf8(unescapeHtml(unescapeHtml(fixText(text))));
    std::u32string out;
    bool pendingSpace = false;
    for (const char32_t c : fixed) {
        if (isWhitespace(c)) {
            pendingSpace = !out.empty();
            continue;
        }
        if (pendingSpace)
            out += ' ';
        pendingSpace = false;
        appendLower(out, c);
    }
    return encodeUtf8(out);
}

} // namespace bcos::core::text
