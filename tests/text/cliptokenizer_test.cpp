#include "core/error.h"
#include "core/text/cliptokenizer.h"
#include "core/text/textclean.h"
#include "core/text/unicode.h"
#include "tests/support/golden.h"
#include "tests/support/tempdir.h"

#include <torch/torch.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <random>
#include <unordered_map>

namespace bcos {
namespace {

const core::ClipTokenizer &tokenizer()
{
    static const core::ClipTokenizer instance(test::goldenDir() / "bpe_simple_vocab_16e6.txt.gz");
    return instance;
}

std::vector<std::string> goldenStrings(const test::GoldenCase &golden)
{
    const at::Tensor bytes = golden.contents().tensors["input.text_utf8"].contiguous();
    const at::Tensor offsets = golden.contents().tensors["input.text_offsets"].contiguous();
    const auto *data = bytes.data_ptr<uint8_t>();
    std::vector<std::string> strings;
    for (int64_t i = 0; i + 1 < offsets.size(0); ++i) {
        const int64_t begin = offsets[i].item<int64_t>(), end = offsets[i + 1].item<int64_t>();
        strings.emplace_back(reinterpret_cast<const char *>(data) + begin, size_t(end - begin));
    }
    return strings;
}

TEST(ClipTokenizer, GoldenStringsMatchExactly)
{
    const test::GoldenCase golden("tokenizer");
    const nlohmann::json &settings = golden.json().at("tokenizer");
    const auto strings = goldenStrings(golden);
    const at::Tensor expected = golden.contents().tensors["expected.tokens"];
    const at::Tensor lengths = golden.contents().tensors["expected.length"];
    const at::Tensor untruncated = golden.contents().tensors["expected.length_untruncated"];
    ASSERT_EQ(strings.size(), golden.json().at("strings").size());
    ASSERT_EQ(int64_t(strings.size()), expected.size(0));
    ASSERT_EQ(int64_t(strings.size()), lengths.size(0));
    ASSERT_EQ(int64_t(strings.size()), untruncated.size(0));
    const int64_t contextLength = settings.at("context_length").get<int64_t>();
    ASSERT_EQ(expected.size(1), contextLength);
    EXPECT_EQ(core::ClipTokenizer::kStartOfText, settings.at("sot").get<int64_t>());
    EXPECT_EQ(core::ClipTokenizer::kEndOfText, settings.at("eot").get<int64_t>());
    // The merge list the reference used (the shared tokenizer() reads bpe_simple_vocab_16e6.txt.gz).
    const std::string vocab = settings.value("vocab_file", std::string("bpe_simple_vocab_16e6.txt.gz"));
    const core::ClipTokenizer reference(test::goldenDir() / vocab);
    const auto result = reference.tokenize(strings, contextLength);
    int matched = 0;
    for (size_t s = 0; s < strings.size(); ++s) {
        const auto &info = golden.json()["strings"][s];
        EXPECT_EQ(core::text::cleanClipText(strings[s]), info["cleaned"].get<std::string>()) << "string " << s;
        const bool same = torch::equal(result.tokens[int64_t(s)], expected[int64_t(s)])
            && result.lengths[int64_t(s)].item<int64_t>() == lengths[int64_t(s)].item<int64_t>()
            && result.untruncatedLengths[int64_t(s)].item<int64_t>() == untruncated[int64_t(s)].item<int64_t>();
        matched += same ? 1 : 0;
        EXPECT_TRUE(same) << "string " << s << ": '" << strings[s] << "'";
        EXPECT_EQ(untruncated[int64_t(s)].item<int64_t>() > contextLength, info["needs_truncation"].get<bool>())
            << "string " << s;
        // Decoding the BPE ids reproduces the reference's decoded text (rows that were not truncated).
        if (!info["needs_truncation"].get<bool>()) {
            std::vector<int64_t> ids;
            for (int64_t k = 1; k + 1 < lengths[int64_t(s)].item<int64_t>(); ++k)
                ids.push_back(expected[int64_t(s)][k].item<int64_t>());
            EXPECT_EQ(reference.decode(ids), info["decoded"].get<std::string>()) << "string " << s;
        }
    }
    EXPECT_EQ(matched, int(strings.size()));
}

TEST(ClipTokenizer, VocabularyAndSpecials)
{
    EXPECT_EQ(tokenizer().vocabularySize(), 49408);
    EXPECT_EQ(tokenizer().encode("<|startoftext|> <|endoftext|>"),
              (std::vector<int64_t>{core::ClipTokenizer::kStartOfText, core::ClipTokenizer::kEndOfText}));
    EXPECT_EQ(tokenizer().decode({core::ClipTokenizer::kStartOfText}), "<|startoftext|>");
}

TEST(ClipTokenizer, BpeCacheStaysBoundedAndStartingOverKeepsResults)
{
    // Its own instance: the shared one's cache depends on the order tests run in.
    const core::ClipTokenizer fresh(test::goldenDir() / "bpe_simple_vocab_16e6.txt.gz");
    const std::vector<int64_t> before = fresh.encode("a photo of a <|endoftext|> dog");
    // Words from letters a-z only: each pre-tokenises to one piece, so each is one cache entry.
    const auto word = [](std::size_t n) {
        std::string text;
        for (std::size_t k = 0; k < 4; ++k, n /= 26)
            text += char('a' + n % 26);
        return text;
    };
    const std::size_t words = core::ClipTokenizer::kMaxCachedWords + 100;
    for (std::size_t n = 0; n < words; ++n)
        (void)fresh.encode(word(n));
    EXPECT_LE(fresh.cachedWordCount(), core::ClipTokenizer::kMaxCachedWords);
    EXPECT_GE(fresh.cachedWordCount(), 50u); // it started over once, not on every word
    EXPECT_EQ(fresh.encode("a photo of a <|endoftext|> dog"), before);
    EXPECT_EQ(fresh.encode(word(3)), tokenizer().encode(word(3)));
}

TEST(ClipTokenizer, TruncationAndPadding)
{
    const std::string longText(300, 'x');
    const auto result = tokenizer().tokenize({longText, "dog"}, 8);
    EXPECT_EQ(result.tokens.sizes(), (std::vector<int64_t>{2, 8}));
    EXPECT_EQ(result.tokens[0][7].item<int64_t>(), core::ClipTokenizer::kEndOfText);
    EXPECT_EQ(result.lengths[0].item<int64_t>(), 8);
    EXPECT_GT(result.untruncatedLengths[0].item<int64_t>(), 8);
    EXPECT_EQ(result.lengths[1].item<int64_t>(), 3);
    EXPECT_EQ(result.tokens[1].slice(0, 3).abs().sum().item<int64_t>(), 0);
    try {
        tokenizer().tokenize({"dog", longText}, 8, false);
        FAIL() << "no error";
    } catch (const core::Error &error) {
        EXPECT_EQ(std::string(error.what()).rfind("CLIP tokenizer: input 1 is too long for context length 8", 0), 0u)
            << error.what();
    }
}

TEST(ClipTokenizer, PlainTextMergeListAndErrors)
{
    test::TempDir dir;
    const std::string command = "gzip -dc '" + (test::goldenDir() / "bpe_simple_vocab_16e6.txt.gz").string() + "' > '"
        + (dir / "bpe.txt").string() + "'";
    ASSERT_EQ(std::system(command.c_str()), 0);
    const core::ClipTokenizer plain(dir / "bpe.txt");
    EXPECT_EQ(plain.encode("a photo of a t-shirt."), tokenizer().encode("a photo of a t-shirt."));
    EXPECT_EQ(plain.vocabularySize(), 49408);
    try {
        core::ClipTokenizer((dir / "missing.txt"));
        FAIL() << "no error";
    } catch (const core::Error &error) {
        EXPECT_EQ(error.code(), core::ErrorCode::Io);
    }
    std::ofstream(dir / "short.txt") << "#version: 0.2\ni n\nt h\n";
    try {
        core::ClipTokenizer((dir / "short.txt"));
        FAIL() << "no error";
    } catch (const core::Error &error) {
        EXPECT_EQ(std::string(error.what()), (dir / "short.txt").string()
                  + ": expected 48894 merges (CLIP's bpe_simple_vocab_16e6), found 2");
    }
}

/// CLIP's BPE loop as simple_tokenizer.py writes it, on a word of ASCII letters (the byte encoder keeps them): the
/// lowest-ranked adjacent pair, every occurrence of it merged left to right, again. The tokenizer's own BPE is a
/// queue of pairs; it must give these symbols for every merge list, in any order of ranks.
std::vector<std::string> referenceBpe(const std::string &word, const std::unordered_map<std::string, int64_t> &ranks)
{
    std::vector<std::string> symbols;
    for (const char c : word)
        symbols.emplace_back(1, c);
    symbols.back() += "</w>";
    while (symbols.size() > 1) {
        int64_t best = std::numeric_limits<int64_t>::max();
        size_t at = 0;
        for (size_t i = 0; i + 1 < symbols.size(); ++i) {
            const auto rank = ranks.find(symbols[i] + " " + symbols[i + 1]);
            if (rank != ranks.end() && rank->second < best) {
                best = rank->second;
                at = i;
            }
        }
        if (best == std::numeric_limits<int64_t>::max())
            break;
        const std::string first = symbols[at], second = symbols[at + 1];
        std::vector<std::string> merged;
        for (size_t i = 0; i < symbols.size();) {
            if (i + 1 < symbols.size() && symbols[i] == first && symbols[i + 1] == second) {
                merged.push_back(first + second);
                i += 2;
            } else {
                merged.push_back(symbols[i++]);
            }
        }
        symbols.swap(merged);
    }
    for (std::string &symbol : symbols) // as decode() writes the end of a word
        if (symbol.size() >= 4 && symbol.compare(symbol.size() - 4, 4, "</w>") == 0)
            symbol.replace(symbol.size() - 4, 4, " ");
    return symbols;
}

/// The symbols the tokenizer split `word` into, each decoded on its own.
std::vector<std::string> tokenizerSymbols(const core::ClipTokenizer &tokenizer, const std::string &word)
{
    std::vector<std::string> symbols;
    for (const int64_t id : tokenizer.encode(word))
        symbols.push_back(tokenizer.decode({id}));
    return symbols;
}

/// A merge list of `merges` (ranks in this order) filled up to CLIP's 48894 merges with pairs no word here has.
std::filesystem::path writeMergeList(const std::filesystem::path &file,
                                     const std::vector<std::pair<std::string, std::string>> &merges)
{
    std::ofstream out(file);
    out << "#version: 0.2\n";
    for (const auto &[first, second] : merges)
        out << first << ' ' << second << '\n';
    for (size_t i = merges.size(); i < 48894; ++i)
        out << 'x' << i << " y" << i << '\n';
    return file;
}

TEST(ClipTokenizer, BpeMergesTheLowestRankEverywhereBeforeThePairsItMade)
{
    // "a b" (rank 1) merged at the first place makes "ab a", ranked lower (0), but CLIP merges every "a b" first:
    // a b a b x -> ab ab x, not aba b x. A list in training order never has this; a list from elsewhere may.
    test::TempDir dir;
    const core::ClipTokenizer custom(writeMergeList(dir / "bpe.txt", {{"ab", "a"}, {"a", "b"}}));
    EXPECT_EQ(tokenizerSymbols(custom, "ababx"), (std::vector<std::string>{"ab", "ab", "x "}));
    EXPECT_EQ(tokenizerSymbols(custom, "aaba"), (std::vector<std::string>{"a", "ab", "a "}));

    // Random merge lists over a, b, c, in random rank order, against the reference loop on random words.
    std::mt19937 random(7);
    for (int list = 0; list < 4; ++list) {
        std::vector<std::string> inner{"a", "b", "c"}, last{"a</w>", "b</w>", "c</w>"};
        std::vector<std::pair<std::string, std::string>> merges;
        std::unordered_map<std::string, int64_t> ranks;
        while (merges.size() < 60) {
            const std::string first = inner[random() % inner.size()];
            const bool ending = random() % 3 == 0;
            const std::string second = ending ? last[random() % last.size()] : inner[random() % inner.size()];
            if (ranks.count(first + " " + second) || first.size() + second.size() > 12)
                continue;
            ranks[first + " " + second] = 0;
            merges.emplace_back(first, second);
            (ending ? last : inner).push_back(first + second);
        }
        std::shuffle(merges.begin(), merges.end(), random);
        for (size_t r = 0; r < merges.size(); ++r)
            ranks[merges[r].first + " " + merges[r].second] = int64_t(r);
        const core::ClipTokenizer tokenizer(writeMergeList(dir / ("list" + std::to_string(list) + ".txt"), merges));
        for (int w = 0; w < 300; ++w) {
            std::string word(1 + random() % (w < 290 ? 40 : 400), 'a');
            for (char &c : word)
                c = "abc"[random() % (w % 5 == 0 ? 1 : 3)]; // every fifth word a run of one letter
            ASSERT_EQ(tokenizerSymbols(tokenizer, word), referenceBpe(word, ranks)) << "list " << list << ": " << word;
        }
    }
}

TEST(ClipTokenizer, BpeOfLongWordsIsCLIPs)
{
    // CLIP's own merge list on long letter runs (a pasted hash, a repeated letter): the reference loop's symbols.
    test::TempDir dir;
    const std::string command = "gzip -dc '" + (test::goldenDir() / "bpe_simple_vocab_16e6.txt.gz").string() + "' > '"
        + (dir / "bpe.txt").string() + "'";
    ASSERT_EQ(std::system(command.c_str()), 0);
    std::unordered_map<std::string, int64_t> ranks;
    std::ifstream merges(dir / "bpe.txt");
    std::string line;
    std::getline(merges, line);
    while (int64_t(ranks.size()) < 48894 && std::getline(merges, line))
        ranks.emplace(line, int64_t(ranks.size()));
    std::mt19937 random(11);
    std::vector<std::string> words{std::string(500, 'a'), std::string(301, 'e')};
    for (const int length : {1, 2, 3, 7, 40, 200, 1000}) {
        std::string word(size_t(length), 'a');
        for (char &c : word)
            c = char('a' + random() % 26);
        words.push_back(word);
    }
    for (const std::string &word : words)
        EXPECT_EQ(tokenizerSymbols(tokenizer(), word), referenceBpe(word, ranks)) << word;
}

TEST(TextClean, HtmlUnescapeFollowsPython)
{
    using core::text::unescapeHtml;
    EXPECT_EQ(unescapeHtml("&amp;amp; &lt;b&gt; &#39;x&#x27; &quot;"), "&amp; <b> 'x' \"");
    EXPECT_EQ(unescapeHtml("&hearts; &NotEqualTilde; &ampx; &apos &#x1; &#13;"), "\xE2\x99\xA5 \xE2\x89\x82\xCC\xB8 &x; &apos  \r");
    EXPECT_EQ(unescapeHtml("fish &amp chips &copy2024 &unknown; &#150; &#0;"), "fish & chips \xC2\xA9" "2024 &unknown; \xE2\x80\x93 \xEF\xBF\xBD");
}

TEST(TextClean, FtfySubset)
{
    using core::text::fixText;
    EXPECT_EQ(fixText("a\r\nb\rc"), "a\nb\nc");
    EXPECT_EQ(fixText("\xE2\x80\x9Cq\xE2\x80\x9D \xE2\x80\x98s\xE2\x80\x99"), "\"q\" 's'");
    EXPECT_EQ(fixText("\xEF\xAC\x81ne \xEF\xAC\x82ow \xEF\xAC\x83"), "fine flow ffi");
    EXPECT_EQ(fixText("\xEF\xBC\xA1\xEF\xBC\x91\xEF\xBC\x81"), "A1!");
    EXPECT_EQ(fixText("caf\xC3\x83\xC2\xA9"), "caf\xC3\xA9");               // cafÃ© -> café
    EXPECT_EQ(fixText("cafe\xCC\x81"), "caf\xC3\xA9"); // NFC
    EXPECT_EQ(fixText("caf\xC3\xA9 na\xC3\xAFve \xC3\x84\xC3\x96"), "caf\xC3\xA9 na\xC3\xAFve \xC3\x84\xC3\x96"); // untouched
}

TEST(Unicode, ClassesAndLowerCase)
{
    using namespace core::text;
    EXPECT_TRUE(isLetter(U'é'));
    EXPECT_TRUE(isLetter(U'ж'));
    EXPECT_TRUE(isLetter(U'語'));
    EXPECT_TRUE(isLetter(U'한'));
    EXPECT_FALSE(isLetter(U'!'));
    EXPECT_FALSE(isLetter(0x1F600));
    EXPECT_TRUE(isNumber(U'7'));
    EXPECT_TRUE(isNumber(U'²'));
    EXPECT_FALSE(isNumber(U'x'));
    EXPECT_TRUE(isWhitespace(0x3000));
    EXPECT_EQ(toLower(U'Ä'), U'ä');
    EXPECT_EQ(toLower(U'Σ'), U'σ');
    EXPECT_EQ(toLower(U'Ж'), U'ж');
    EXPECT_EQ(toLower(U'Ł'), U'ł');
    EXPECT_EQ(toLower(U'Ǆ'), U'ǆ');
    EXPECT_EQ(toLower(0x10400), char32_t(0x10428)); // Deseret
    EXPECT_TRUE(isLetter(0x20000));                 // CJK extension B
    EXPECT_EQ(decodeUtf8(core::text::cleanClipText("\xC4\xB0STANBUL")), std::u32string(U"i\u0307stanbul"));
    EXPECT_EQ(composeCanonical(U"e\u0301 \u1100\u1161\u11A8"), std::u32string(U"\u00E9 \uAC01"));
    EXPECT_EQ(decodeUtf8("\xFF" "a"), std::u32string(U"\uFFFDa"));
    EXPECT_EQ(encodeUtf8(U"\U0001F600"), "\xF0\x9F\x98\x80");
}

} // namespace
} // namespace bcos
