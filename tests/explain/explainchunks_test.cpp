// Explanations in passes sized by memory (core/explain/memorychunks, explainchunks): the chunk arithmetic, the order
// and sizes of the passes, the measurement of the first pass, and chunked explanations equal to one pass over the
// whole batch for every kind of method.
#include "core/error.h"
#include "core/explain/explainchunks.h"
#include "core/explain/memorychunks.h"
#include "tests/support/errorof.h"
#include "tests/support/tensorcompare.h"
#include "tests/support/tinymodel.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace bcos {
namespace {

using test::errorOf;
using Passes = std::vector<std::pair<int64_t, int64_t>>;

TEST(MemoryChunks, HalfTheAvailableMemoryPerMeasuredItemWithinTheCap)
{
    EXPECT_EQ(core::chunkForMemory(1000, 100000, 49, 64, 16), 49);                   // 50 fit, 49 left
    EXPECT_EQ(core::chunkForMemory(1000, 20000, 49, 64, 16), 10);                    // half of 20000 / 1000
    EXPECT_EQ(core::chunkForMemory(1000, 20000, 49, 8, 16), 8);                      // the cap
    EXPECT_EQ(core::chunkForMemory(int64_t(1) << 30, int64_t(1) << 30, 49, 64, 16), 1); // none fits: one at a time
    EXPECT_EQ(core::chunkForMemory(-1, 100000, 49, 64, 16), 16);                     // nothing measured: the fallback
    EXPECT_EQ(core::chunkForMemory(1000, -1, 49, 8, 16), 8);                         // ... at most the cap
    EXPECT_EQ(core::chunkForMemory(-1, -1, 3, 64, 16), 3);                           // at most what is left
}

TEST(MemoryChunks, FixedChunksCoverTheItemsInOrder)
{
    Passes passes;
    const auto choice = core::forEachChunk(torch::kCPU, 10, 4, 8, 8, [&](int64_t s, int64_t n) { passes.push_back({s, n}); });
    EXPECT_EQ(passes, (Passes{{0, 4}, {4, 4}, {8, 2}}));
    EXPECT_EQ(choice.size, 4);
    EXPECT_EQ(choice.bytesPerItem, -1);
    passes.clear();
    core::forEachChunk(torch::kCPU, 0, 0, 8, 8, [&](int64_t s, int64_t n) { passes.push_back({s, n}); });
    EXPECT_TRUE(passes.empty());
}

TEST(MemoryChunks, TheFirstPassOfOneItemIsMeasuredAndSizesTheRest)
{
    // Each pass allocates 1 MiB per item (and frees it): the measured peak of the first pass is that MiB.
    constexpr int64_t kItem = 1 << 20;
    Passes passes;
    const auto pass = [&](int64_t start, int64_t count) {
        passes.push_back({start, count});
        const at::Tensor scratch = torch::ones({count, kItem / 4}, torch::kFloat);
        EXPECT_EQ(scratch.sum().item<double>(), double(count * kItem / 4));
    };
    const auto choice = core::forEachChunk(torch::kCPU, 20, 0, 8, 3, pass);
    ASSERT_FALSE(passes.empty());
    EXPECT_EQ(passes.front(), (std::pair<int64_t, int64_t>{0, 1}));
    EXPECT_GE(choice.bytesPerItem, kItem);
    EXPECT_LT(choice.bytesPerItem, 2 * kItem); // the 1 MiB block and small temporaries, not the process's memory
    EXPECT_GT(choice.availableBytes, 0);
    EXPECT_EQ(choice.size, core::chunkForMemory(choice.bytesPerItem, choice.availableBytes, 19, 8, 3));
    int64_t next = 0;
    for (const auto &[start, count] : passes) { // contiguous, in order, none larger than the choice
        EXPECT_EQ(start, next);
        EXPECT_LE(count, start == 0 ? 1 : choice.size);
        next = start + count;
    }
    EXPECT_EQ(next, 20);

    // A known size skips the measurement: every pass has the chosen size.
    passes.clear();
    const auto known = core::forEachChunk(torch::kCPU, 20, 0, 8, 3, pass, kItem);
    EXPECT_EQ(known.bytesPerItem, kItem);
    EXPECT_EQ(passes.front(), (std::pair<int64_t, int64_t>{0, known.size}));
}

/// Chunked and whole-batch explanations of the same images: equal to fp32 rounding of the maps' own magnitudes (the
/// golden W(x) tolerance), the same targets and logits.
void expectSameExplanation(const core::Explanation &chunked, const core::Explanation &whole)
{
    EXPECT_TRUE(torch::equal(chunked.targets, whole.targets));
    EXPECT_TRUE(test::allCloseGolden(chunked.logits, whole.logits, 1e-4, 1e-5));
    EXPECT_TRUE(test::allCloseGolden(chunked.attributions, whole.attributions, 1e-3, 5e-5));
    ASSERT_EQ(chunked.perChannel.defined(), whole.perChannel.defined());
    if (whole.perChannel.defined())
        EXPECT_TRUE(test::allCloseGolden(chunked.perChannel, whole.perChannel, 1e-3, 5e-5));
    ASSERT_EQ(chunked.cam.defined(), whole.cam.defined());
    if (whole.cam.defined())
        EXPECT_TRUE(test::allCloseGolden(chunked.cam, whole.cam, 1e-3, 5e-5));
}

TEST(ExplainChunks, EveryMethodInPassesEqualsOnePassOverTheBatch)
{
    core::Network network = test::tinyNetwork(5, 16);
    network->eval();
    torch::manual_seed(4);
    core::ExplainRequest request;
    request.images = torch::rand({7, 3, 16, 16});
    request.batchSize = 8;
    request.integratedGradients.steps = 4;
    request.occlusion.window = 8;
    request.occlusion.stride = 8;
    request.rise.numMasks = 16;
    for (const auto method : core::allExplainMethods()) {
        SCOPED_TRACE(std::string(core::explainMethodName(method)));
        const core::Explanation whole = core::explain(*network, method, request);
        for (const int64_t chunk : {1, 3, 0}) {
            SCOPED_TRACE(chunk);
            const core::ChunkedExplanation chunked = core::explainInChunks(*network, method, request, chunk);
            EXPECT_EQ(chunked.explanation.method, method);
            if (chunk > 0)
                EXPECT_EQ(chunked.chunk.size, chunk);
            else
                EXPECT_GE(chunked.chunk.size, 1);
            expectSameExplanation(chunked.explanation, whole);
        }
    }
    // Given targets follow the passes.
    request.targets = torch::tensor({4, 3, 2, 1, 0, 1, 2}, torch::kLong);
    const auto whole = core::explain(*network, core::ExplainMethod::Wxx, request);
    const auto chunked = core::explainInChunks(*network, core::ExplainMethod::Wxx, request, 2).explanation;
    EXPECT_TRUE(torch::equal(chunked.targets, *request.targets));
    expectSameExplanation(chunked, whole);
}

TEST(ExplainChunks, ProgressRunsOverAllPassesAndCancelsBetweenThem)
{
    core::Network network = test::tinyNetwork(5, 16);
    network->eval();
    core::ExplainRequest request;
    request.images = torch::rand({5, 3, 16, 16});
    request.integratedGradients.steps = 4;
    request.batchSize = 2;
    std::vector<std::pair<int64_t, int64_t>> reports;
    request.progress = [&](int64_t done, int64_t total) {
        reports.push_back({done, total});
        return true;
    };
    core::explainInChunks(*network, core::ExplainMethod::IntegratedGradients, request, 2);
    ASSERT_FALSE(reports.empty());
    for (size_t i = 0; i < reports.size(); ++i) {
        EXPECT_EQ(reports[i].second, 5000); // thousandths of an image
        if (i > 0)
            EXPECT_GE(reports[i].first, reports[i - 1].first);
    }
    EXPECT_EQ(reports.back().first, 5000);

    // A cancel inside a pass or between passes names the images done, not the steps of one pass.
    const auto inSecondPass = std::find_if(reports.begin(), reports.end(), [](const auto &r) { return r.first > 2000; });
    ASSERT_NE(inSecondPass, reports.end());
    const int secondPass = static_cast<int>(inSecondPass - reports.begin()) + 1; // the call that reports it
    int calls = 0, stopAt = 0;
    request.progress = [&](int64_t, int64_t) { return ++calls < stopAt; };
    for (const auto &[stop, message] : std::vector<std::pair<int, std::string>>{
             {1, "explanation cancelled after 0 of 5 images"}, {secondPass, "explanation cancelled after 2 of 5 images"}}) {
        calls = 0;
        stopAt = stop;
        EXPECT_EQ(errorOf([&] { core::explainInChunks(*network, core::ExplainMethod::IntegratedGradients, request, 2); }),
                  message);
    }
    EXPECT_EQ(errorOf([&] { core::explainInChunks(*network, core::ExplainMethod::Wxx, request, -1); }),
              "explanation chunk: expected images per pass >= 1, or 0 to choose from the memory available; got -1");
    request.progress = nullptr;
    request.targets = torch::zeros({4}, torch::kLong);
    EXPECT_EQ(errorOf([&] { core::explainInChunks(*network, core::ExplainMethod::Wxx, request, 2); }),
              "ExplainRequest.targets: expected [5] integer classes, got [4]");
}

} // namespace
} // namespace bcos
