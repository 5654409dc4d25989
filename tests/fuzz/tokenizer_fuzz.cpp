// libFuzzer target: the CLIP tokenizer (core/text/cliptokenizer) on arbitrary bytes (one prompt per line):
// encode, decode, and clip.tokenize with and without truncation. The merge list is the real one, from the
// golden folder (BCOS_GOLDEN_DIR overrides the configured path).
#include "fuzzinput.h"

#include "core/text/cliptokenizer.h"

#include <cstdio>
#include <cstdlib>
#include <memory>

namespace {
std::unique_ptr<bcos::core::ClipTokenizer> tokenizer;
}

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    const char *golden = std::getenv("BCOS_GOLDEN_DIR");
    const std::filesystem::path merges =
        std::filesystem::path(golden ? golden : BCOS_FUZZ_GOLDEN_DIR) / "bpe_simple_vocab_16e6.txt.gz";
    try {
        tokenizer = std::make_unique<bcos::core::ClipTokenizer>(merges);
    } catch (const std::exception &error) {
        std::fprintf(stderr, "tokenizer_fuzz: cannot load the merge list: %s\n", error.what());
        std::exit(1);
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string text(bcos::fuzz::bytesOf(data, size));
    std::vector<std::string> prompts;
    for (std::size_t start = 0; start <= text.size();) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        prompts.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    bcos::fuzz::expectOnlyCoreErrors([&] { (void)tokenizer->decode(tokenizer->encode(text)); });
    bcos::fuzz::expectOnlyCoreErrors([&] { (void)tokenizer->tokenize(prompts); });
    return bcos::fuzz::expectOnlyCoreErrors([&] { (void)tokenizer->tokenize(prompts, 16, false); });
}
