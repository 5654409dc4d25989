#pragma once

#include <string>
#include <string_view>

namespace bcos::core::text {

/// UTF-8 <-> code points. Invalid bytes decode to U+FFFD (one per bad byte), as Python's errors="replace".
std::u32string decodeUtf8(std::string_view bytes);
std::string encodeUtf8(std::u32string_view codePoints);
void appendUtf8(std::string &out, char32_t codePoint);

/// Unicode classes from range tables generated from the UCD (Unicode 14.0, as Python 3.11's unicodedata).
bool isLetter(char32_t c);     ///< \p{L}
bool isNumber(char32_t c);     ///< \p{N}
bool isWhitespace(char32_t c); ///< Python's str.isspace() / re's \s
/// The single-code-point lower-case mapping of str.lower() (U+0130 maps to 'i' here; see appendLower).
char32_t toLower(char32_t c);
/// Appends str.lower() of `c` (U+0130 becomes "i\u0307", the one multi-code-point mapping).
void appendLower(std::u32string &out, char32_t c);
/// Canonical composition of adjacent pairs (NFC's composition step for text in canonical order: "e\u0301" ->
/// "\u00e9", Hangul jamo -> syllables); canonical reordering of several combining marks is not done.
std::u32string composeCanonical(const std::u32string &text);

} // namespace bcos::core::text
