#include "unicode.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

namespace bcos::core::text {
namespace {

using Range = std::pair<char32_t, char32_t>;

struct LowerGroup {
    char32_t first, last;
    int32_t delta, stride;
};

struct Composition {
    char32_t first, second, composed;
};

#include "core/text/unicodedata.inc"

template <size_t N>
bool inRanges(const Range (&ranges)[N], char32_t c)
{
    // Ranges are sorted and disjoint: binary search on the upper bounds.
    const auto it = std::lower_bound(std::begin(ranges), std::end(ranges), c,
                                     [](const Range &range, char32_t value) { return range.second < value; });
    return it != std::end(ranges) && it->first <= c;
}

// Hangul syllables compose algorithmically (Unicode 3.12).
constexpr char32_t kHangulS = 0xAC00, kHangulL = 0x1100, kHangulV = 0x1161, kHangulT = 0x11A7;
constexpr char32_t kHangulVCount = 21, kHangulTCount = 28, kHangulSCount = 11172;

} // namespace

void appendUtf8(std::string &out, char32_t c)
{
    if (c < 0x80) {
        out += char(c);
    } else if (c < 0x800) {
        out += char(0xC0 | (c >> 6));
        out += char(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += char(0xE0 | (c >> 12));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    } else {
        out += char(0xF0 | (c >> 18));
        out += char(0x80 | ((c >> 12) & 0x3F));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    }
}

std::string encodeUtf8(std::u32string_view codePoints)
{
    std::string out;
    out.reserve(codePoints.size());
    for (const char32_t c : codePoints)
        appendUtf8(out, c);
    return out;
}

std::u32string decodeUtf8(std::string_view bytes)
{
    std::u32string out;
    out.reserve(bytes.size());
    size_t i = 0;
    while (i < bytes.size()) {
        const auto b = static_cast<unsigned char>(bytes[i]);
        const int length = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
        char32_t c = length == 1 ? b : length == 2 ? (b & 0x1F) : length == 3 ? (b & 0x0F) : (b & 0x07);
        bool valid = length > 0 && i + size_t(length) <= bytes.size();
        for (int k = 1; valid && k < length; ++k) {
            const auto next = static_cast<unsigned char>(bytes[i + size_t(k)]);
            valid = (next & 0xC0) == 0x80;
            c = (c << 6) | (next & 0x3F);
        }
        // Reject overlong forms, surrogates and values past U+10FFFF.
        static constexpr char32_t kMinimum[5] = {0, 0, 0x80, 0x800, 0x10000};
        if (valid && length > 1 && (c < kMinimum[length] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)))
            valid = false;
        if (!valid) {
            out += char32_t(0xFFFD);
            ++i;
            continue;
        }
        out += c;
        i += size_t(length);
    }
    return out;
}

bool isLetter(char32_t c) { return inRanges(kLetterRanges, c); }
bool isNumber(char32_t c) { return inRanges(kNumberRanges, c); }
bool isWhitespace(char32_t c) { return inRanges(kSpaceRanges, c); }

char32_t toLower(char32_t c)
{
    const auto it = std::lower_bound(std::begin(kLowerGroups), std::end(kLowerGroups), c,
                                     [](const LowerGroup &group, char32_t value) { return group.last < value; });
    if (it == std::end(kLowerGroups) || it->first > c || (c - it->first) % char32_t(it->stride) != 0)
        return c;
    return char32_t(int64_t(c) + it->delta);
}

void appendLower(std::u32string &out, char32_t c)
{
    if (c == 0x130) { // the one full (SpecialCasing) mapping of str.lower(): I WITH DOT ABOVE -> i + U+0307
        out += U"i\u0307";
        return;
    }
    out += toLower(c);
}

char32_t compose(char32_t first, char32_t second)
{
    if (first >= kHangulL && first < kHangulL + 19 && second >= kHangulV && second < kHangulV + kHangulVCount)
        return kHangulS + ((first - kHangulL) * kHangulVCount + (second - kHangulV)) * kHangulTCount;
    if (first >= kHangulS && first < kHangulS + kHangulSCount && (first - kHangulS) % kHangulTCount == 0
        && second > kHangulT && second < kHangulT + kHangulTCount)
        return first + (second - kHangulT);
    const auto it = std::lower_bound(std::begin(kCompositions), std::end(kCompositions), std::make_pair(first, second),
                                     [](const Composition &entry, const std::pair<char32_t, char32_t> &key) {
                                         return std::make_pair(entry.first, entry.second) < key;
                                     });
    return it != std::end(kCompositions) && it->first == first && it->second == second ? it->composed : 0;
}

std::u32string composeCanonical(const std::u32string &text)
{
    std::u32string out;
    out.reserve(text.size());
    for (const char32_t c : text) {
        const char32_t composed = out.empty() ? 0 : compose(out.back(), c);
        if (composed != 0)
            out.back() = composed;
        else
            out += c;
    }
    return out;
}

} // namespace bcos::core::text
