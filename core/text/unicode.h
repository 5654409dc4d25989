#pragma once

#include <string>
#include <string_view>

namespace bcos::core::text {

/// UTF-8 <-> code points. Invalid bytes decode to U+FFFD (one per bad byte), as Python's errors="replace".
std::u32string decodeUtf8(std::string_view bytes);
std::string encodeUtf8(std::u32string_view codePoints);
void appendUtf8(std::string &out, char32_t codePoint);

/// Compact Unicode classes (enough for Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic, Devanagari, Thai,
/// Georgian, Hangul, Kana, CJK and full-width forms; not the complete UCD).
bool isLetter(char32_t c);     ///< \p{L}
bool isNumber(char32_t c);     ///< \p{N}
bool isWhitespace(char32_t c); ///< Python's str.isspace() / re's \s
/// Simple lower-case mapping (one code point; Latin-1, Latin Extended-A/B/Additional, Greek, Cyrillic,
/// Armenian, Georgian, full-width, Roman numerals, circled letters).
char32_t toLower(char32_t c);

} // namespace bcos::core::text
