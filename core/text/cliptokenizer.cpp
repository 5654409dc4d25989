#include "cliptokenizer.h"

#include "core/error.h"
#include "core/text/textclean.h"
#include "core/text/unicode.h"

#include <torch/torch.h>

#ifdef BCOS_HAVE_ZLIB
#include <zlib.h>
#endif

#include <algorithm>
#include <fstream>
#include <functional>
#include <iterator>
#include <limits>
#include <queue>
#include <sstream>

namespace bcos::core {
namespace {

constexpr const char *kSpecial[2] = {"<|startoftext|>", "<|endoftext|>"};
constexpr size_t kMergeCount = 49152 - 256 - 2; // merges[1 : 49152 - 256 - 2 + 1]

bool isGzip(const std::string &bytes) { return bytes.size() >= 2 && bytes[0] == '\x1f' && bytes[1] == '\x8b'; }

std::string readMergeFile(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        fail(ErrorCode::Io, "{}: cannot open the CLIP BPE merge list", path.string());
    std::string bytes{std::istreambuf_iterator<char>(in), {}};
    if (!isGzip(bytes))
        return bytes;
#ifdef BCOS_HAVE_ZLIB
    gzFile file = gzopen(path.string().c_str(), "rb");
    if (!file)
        fail(ErrorCode::Io, "{}: cannot open the gzip stream", path.string());
    std::string text;
    char buffer[1 << 16];
    int read = 0;
    while ((read = gzread(file, buffer, sizeof buffer)) > 0)
        text.append(buffer, size_t(read));
    const bool failed = read < 0;
    gzclose(file);
    if (failed)
        fail(ErrorCode::Format, "{}: corrupt gzip data", path.string());
    return text;
#else
    fail(ErrorCode::Unsupported,
         "{}: the merge list is gzip-compressed but this build has no zlib; pass the decompressed .txt "
         "(gunzip -k {})", path.string(), path.filename().string());
#endif
}

/// CLIP's bytes_to_unicode: printable Latin-1 bytes map to themselves, the others to U+0100 + n.
std::array<char32_t, 256> bytesToUnicode()
{
    std::array<char32_t, 256> table{};
    std::array<bool, 256> printable{};
    for (int b = 0; b < 256; ++b)
        printable[size_t(b)] = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
    int extra = 0;
    for (int b = 0; b < 256; ++b)
        table[size_t(b)] = printable[size_t(b)] ? char32_t(b) : char32_t(256 + extra++);
    return table;
}

/// The pattern's pieces of cleaned text (findall semantics: whitespace between matches is skipped).
std::vector<std::string> preTokenize(const std::string &cleaned)
{
    static const char32_t *const kContractions[] = {U"'s", U"'t", U"'re", U"'ve", U"'m", U"'ll", U"'d"};
    const std::u32string text = text::decodeUtf8(cleaned);
    std::vector<std::string> pieces;
    size_t i = 0;
    auto startsWith = [&](std::u32string_view what) { return text.compare(i, what.size(), what) == 0; };
    while (i < text.size()) {
        const char32_t c = text[i];
        size_t length = 0;
        for (const char *special : kSpecial)
            if (length == 0 && startsWith(text::decodeUtf8(special)))
                length = std::char_traits<char>::length(special);
        for (const char32_t *contraction : kContractions)
            if (length == 0 && startsWith(contraction))
                length = std::char_traits<char32_t>::length(contraction);
        if (length == 0 && text::isLetter(c))
            while (i + length < text.size() && text::isLetter(text[i + length]))
                ++length;
        if (length == 0 && text::isNumber(c))
            length = 1;
        if (length == 0 && !text::isWhitespace(c))
            while (i + length < text.size() && !text::isWhitespace(text[i + length]) && !text::isLetter(text[i + length])
                   && !text::isNumber(text[i + length]))
                ++length;
        if (length == 0) {
            ++i; // whitespace
            continue;
        }
        pieces.push_back(text::encodeUtf8(text.substr(i, length)));
        i += length;
    }
    return pieces;
}

} // namespace

ClipTokenizer::ClipTokenizer(const std::filesystem::path &mergesFile)
{
    const std::string content = readMergeFile(mergesFile);
    std::vector<std::pair<std::string, std::string>> merges;
    std::istringstream lines(content);
    std::string line;
    std::getline(lines, line); // "#version: 0.2"
    while (merges.size() < kMergeCount && std::getline(lines, line)) {
        const size_t space = line.find(' ');
        if (space == std::string::npos || line.find(' ', space + 1) != std::string::npos)
            fail(ErrorCode::Format, "{}: merge {} is not two symbols: '{}'", mergesFile.string(), merges.size() + 1, line);
        merges.emplace_back(line.substr(0, space), line.substr(space + 1));
    }
    if (merges.size() != kMergeCount)
        fail(ErrorCode::Format, "{}: expected {} merges (CLIP's bpe_simple_vocab_16e6), found {}", mergesFile.string(),
             kMergeCount, merges.size());

    const auto table = bytesToUnicode();
    // Vocabulary order: the 256 byte symbols in bytes_to_unicode order (printable bytes first), the same with
    // '</w>', the merges, the two specials.
    std::vector<std::pair<char32_t, int>> order;
    for (int b = 0; b < 256; ++b)
        order.push_back({table[size_t(b)], b});
    std::sort(order.begin(), order.end());
    for (int b = 0; b < 256; ++b) {
        m_byteEncoder[size_t(b)] = text::encodeUtf8(std::u32string(1, table[size_t(b)]));
        m_byteDecoder[m_byteEncoder[size_t(b)]] = static_cast<unsigned char>(b);
    }
    for (const auto &[symbol, byte] : order)
        m_decoder.push_back(m_byteEncoder[size_t(byte)]);
    for (const auto &[symbol, byte] : order)
        m_decoder.push_back(m_byteEncoder[size_t(byte)] + "</w>");
    for (size_t r = 0; r < merges.size(); ++r) {
        m_decoder.push_back(merges[r].first + merges[r].second);
        m_ranks[merges[r].first + " " + merges[r].second] = int64_t(r);
    }
    m_decoder.push_back(kSpecial[0]);
    m_decoder.push_back(kSpecial[1]);
    for (size_t id = 0; id < m_decoder.size(); ++id)
        m_encoder.emplace(m_decoder[id], int64_t(id));
}

std::vector<std::string> ClipTokenizer::bpe(const std::string &token) const
{
    {
        std::lock_guard<std::mutex> lock(m_cacheMutex);
        const auto cached = m_cache.find(token);
        if (cached != m_cache.end())
            return cached->second;
    }
    // Symbols: one per code point of the byte-encoded token, the last one with '</w>'.
    std::vector<std::string> symbols;
    for (const char32_t c : text::decodeUtf8(token))
        symbols.push_back(text::encodeUtf8(std::u32string(1, c)));
    if (symbols.empty())
        return {};
    symbols.back() += "</w>";
    // CLIP's loop: find the lowest-ranked adjacent pair, merge every occurrence of it left to right, again. Rescanning
    // the word for each merge is quadratic (a pasted 60,000-letter word took a minute); here the symbols are a linked
    // list and the pairs a queue ordered by (rank, position), with the same result: the lowest rank is taken, all its
    // occurrences merged left to right (an occurrence that overlaps one just merged is gone), and only then do the
    // pairs those merges made join the queue.
    constexpr size_t kNone = std::numeric_limits<size_t>::max();
    const size_t n = symbols.size();
    std::vector<size_t> prev(n), next(n);
    std::vector<uint32_t> version(n, 0); // grows with its symbol: a queued pair of an older version is gone
    std::vector<bool> alive(n, true); // a merge keeps the left symbol, the right one dies
    for (size_t i = 0; i < n; ++i) {
        prev[i] = i == 0 ? kNone : i - 1;
        next[i] = i + 1 == n ? kNone : i + 1;
    }
    struct Pair {
        int64_t rank;
        size_t left, right;
        uint32_t leftVersion, rightVersion;
        bool operator>(const Pair &other) const
        {
            return rank != other.rank ? rank > other.rank : left > other.left;
        }
    };
    const auto pairAt = [&](size_t left, std::vector<Pair> &into) {
        const size_t right = left == kNone ? kNone : next[left];
        if (right == kNone)
            return;
        const auto rank = m_ranks.find(symbols[left] + " " + symbols[right]);
        if (rank != m_ranks.end())
            into.push_back({rank->second, left, right, version[left], version[right]});
    };
    const auto current = [&](const Pair &pair) {
        return alive[pair.left] && alive[pair.right] && next[pair.left] == pair.right
               && version[pair.left] == pair.leftVersion && version[pair.right] == pair.rightVersion;
    };
    std::vector<Pair> made;
    for (size_t i = 0; i + 1 < n; ++i)
        pairAt(i, made);
    std::priority_queue<Pair, std::vector<Pair>, std::greater<>> queue(std::greater<>{}, std::move(made));
    while (!queue.empty()) {
        const int64_t rank = queue.top().rank;
        made.clear();
        // Every current occurrence of this rank's pair, left to right (the queue orders equal ranks by position).
        while (!queue.empty() && queue.top().rank == rank) {
            const Pair pair = queue.top();
            queue.pop();
            if (!current(pair))
                continue;
            symbols[pair.left] += symbols[pair.right];
            ++version[pair.left];
            alive[pair.right] = false;
            next[pair.left] = next[pair.right];
            if (next[pair.left] != kNone)
                prev[next[pair.left]] = pair.left;
            pairAt(prev[pair.left], made);
            pairAt(pair.left, made);
        }
        for (const Pair &pair : made)
            queue.push(pair);
    }
    std::vector<std::string> word;
    for (size_t i = 0; i != kNone; i = next[i])
        word.push_back(std::move(symbols[i]));
    std::lock_guard<std::mutex> lock(m_cacheMutex);
    if (m_cache.size() >= kMaxCachedWords)
        m_cache.clear();
    m_cache.emplace(token, word);
    return word;
}

std::size_t ClipTokenizer::cachedWordCount() const
{
    std::lock_guard<std::mutex> lock(m_cacheMutex);
    return m_cache.size();
}

std::vector<int64_t> ClipTokenizer::encode(const std::string &text) const
{
    std::vector<int64_t> ids;
    for (const std::string &piece : preTokenize(text::cleanClipText(text))) {
        if (piece == kSpecial[0] || piece == kSpecial[1]) {
            ids.push_back(m_encoder.at(piece)); // whole special tokens, never split by BPE
            continue;
        }
        std::string encoded;
        for (const unsigned char byte : piece)
            encoded += m_byteEncoder[byte];
        for (const std::string &symbol : bpe(encoded))
            ids.push_back(m_encoder.at(symbol));
    }
    return ids;
}

std::string ClipTokenizer::decode(const std::vector<int64_t> &ids) const
{
    std::string symbols;
    for (const int64_t id : ids) {
        if (id < 0 || id >= vocabularySize())
            fail(ErrorCode::InvalidArgument, "CLIP tokenizer: token id {} outside [0, {})", id, vocabularySize());
        symbols += m_decoder[size_t(id)];
    }
    std::string bytes;
    for (const char32_t c : text::decodeUtf8(symbols)) {
        const std::string symbol = text::encodeUtf8(std::u32string(1, c));
        const auto byte = m_byteDecoder.find(symbol);
        bytes += byte != m_byteDecoder.end() ? std::string(1, char(byte->second)) : symbol;
    }
    // '</w>' is plain ASCII in the symbol stream; replace after byte decoding, as CLIP does.
    std::string out;
    for (size_t i = 0; i < bytes.size();) {
        if (bytes.compare(i, 4, "</w>") == 0) {
            out += ' ';
            i += 4;
        } else {
            out += bytes[i++];
        }
    }
    return text::encodeUtf8(text::decodeUtf8(out)); // errors="replace"

}

TokenizedText ClipTokenizer::tokenize(const std::vector<std::string> &texts, int64_t contextLength, bool truncate) const
{
    if (contextLength < 2)
        fail(ErrorCode::InvalidArgument, "CLIP tokenizer: context length must be >= 2, got {}", contextLength);
    const int64_t count = int64_t(texts.size());
    TokenizedText result;
    result.tokens = torch::zeros({count, contextLength}, torch::kLong);
    result.lengths = torch::zeros({count}, torch::kLong);
    result.untruncatedLengths = torch::zeros({count}, torch::kLong);
    auto tokens = result.tokens.accessor<int64_t, 2>();
    for (int64_t s = 0; s < count; ++s) {
        std::vector<int64_t> row{kStartOfText};
        for (const int64_t id : encode(texts[size_t(s)]))
            row.push_back(id);
        row.push_back(kEndOfText);
        result.untruncatedLengths[s] = int64_t(row.size());
        if (int64_t(row.size()) > contextLength) {
            if (!truncate)
                fail(ErrorCode::InvalidArgument, "CLIP tokenizer: input {} is too long for context length {} ({} tokens)",
                     s, contextLength, row.size());
            row.resize(size_t(contextLength));
            row.back() = kEndOfText;
        }
        result.lengths[s] = int64_t(row.size());
        for (size_t k = 0; k < row.size(); ++k)
            tokens[s][int64_t(k)] = row[k];
    }
    return result;
}

} // namespace bcos::core
