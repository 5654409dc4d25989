#pragma once

#include <ATen/core/Tensor.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace bcos::core {

/// CLIP token rows: what clip.tokenize returns, plus the lengths.
struct TokenizedText {
    at::Tensor tokens;            ///< [S, contextLength] int64: SOT, BPE ids, EOT, zero padding
    at::Tensor lengths;           ///< [S] int64: tokens per row incl. SOT/EOT, after truncation
    at::Tensor untruncatedLengths; ///< [S] int64: the same before truncation
};

/// OpenAI CLIP's byte-level BPE tokenizer (CLIP/clip/simple_tokenizer.py): text cleaning (text::cleanClipText),
/// the pre-tokenising pattern <|startoftext|>|<|endoftext|>|'s|'t|'re|'ve|'m|'ll|'d|\p{L}+|\p{N}|[^\s\p{L}\p{N}]+
/// (implemented without regex on text::isLetter / isNumber / isWhitespace), bytes_to_unicode and the merge list
/// bpe_simple_vocab_16e6.txt(.gz) given at run time. Thread-safe (the BPE cache is guarded).
class ClipTokenizer {
public:
    static constexpr int64_t kStartOfText = 49406;
    static constexpr int64_t kEndOfText = 49407;
    static constexpr int64_t kContextLength = 77;

    /// Reads the merge list: gzip (needs zlib, BCOS_HAVE_ZLIB) or plain text. Throws Error{Io} when the file
    /// cannot be read, Error{Unsupported} for gzip without zlib, Error{Format} when it has too few merges.
    explicit ClipTokenizer(const std::filesystem::path &mergesFile);

    /// BPE ids of cleaned text, without SOT/EOT.
    std::vector<int64_t> encode(const std::string &text) const;
    /// Inverse of encode (CLIP's decode: '</w>' -> ' '); SOT/EOT print as their names, padding zeros are skipped
    /// only when trailing.
    std::string decode(const std::vector<int64_t> &ids) const;
    /// clip.tokenize: one row per text. With truncate, rows longer than contextLength are cut and end in EOT;
    /// without, they throw Error{InvalidArgument} naming the text.
    TokenizedText tokenize(const std::vector<std::string> &texts, int64_t contextLength = kContextLength,
                           bool truncate = true) const;
    /// Number of ids (49408 for CLIP's file).
    int64_t vocabularySize() const { return int64_t(m_decoder.size()); }

    /// The BPE cache holds at most this many words; when it is full it starts over, so a long session (or a
    /// fuzzer) feeding ever new words cannot grow it without bound.
    static constexpr std::size_t kMaxCachedWords = std::size_t(1) << 14;
    /// Words in the BPE cache now (for tests).
    std::size_t cachedWordCount() const;

private:
    std::vector<std::string> bpe(const std::string &token) const;

    std::unordered_map<std::string, int64_t> m_encoder; ///< symbol (byte-encoded UTF-8) -> id
    std::vector<std::string> m_decoder;                 ///< id -> symbol
    std::unordered_map<std::string, int64_t> m_ranks;   ///< "first second" -> merge rank
    std::array<std::string, 256> m_byteEncoder;         ///< byte -> its printable code point (UTF-8)
    std::unordered_map<std::string, unsigned char> m_byteDecoder;
    mutable std::mutex m_cacheMutex;
    mutable std::unordered_map<std::string, std::vector<std::string>> m_cache;
};

} // namespace bcos::core
