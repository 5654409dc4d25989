#pragma once

#include <string>
#include <string_view>

namespace bcos::core::text {

/// The subset of ftfy.fix_text (ftfy 6) that CLIP's tokenizer relies on, on UTF-8 text:
/// mojibake (UTF-8 read as Windows-1252 / Latin-1, re-decoded where the bytes form valid UTF-8 sequences),
/// HTML entities when the text has no '<', CRLF / CR / U+2028 / U+2029 / U+0085 -> '\n', curly quotes -> ASCII,
/// Latin ligatures (ﬁ -> fi ...), full-width ASCII -> ASCII, U+FEFF removed,
/// then NFC composition (text::composeCanonical). Not done: canonical reordering, ftfy's badness heuristics,
/// half-width kana, other control-character rules.
std::string fixText(std::string_view text);

/// Python's html.unescape: numeric references (Windows-1252 for 0x80..0x9F, U+FFFD for invalid ones, control
/// characters dropped) and all HTML5 named references, legacy names also without ';' (&amp, &lt, ...).
std::string unescapeHtml(std::string_view text);

/// CLIP's basic_clean + whitespace_clean + lower(): fixText, unescapeHtml twice, strip, every whitespace run
/// -> one space, strip, Unicode-aware lower case.
std::string cleanClipText(std::string_view text);

} // namespace bcos::core::text
