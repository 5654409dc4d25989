// W(x)x passes replayed as CUDA graphs (core/explain/wxxgraphs), on the CPU: test::RecordedWork stands in for the
// graph, so the warm-up, the graphs' inputs and outputs, the check of the targets, the choice among shapes, the
// eviction, the network's tensors changing and a failed capture are checked against eager passes. The real capture
// on a GPU: tests/cuda/cudagraph_test.cpp.
#include "core/explain/wxx.h"
#include "core/explain/wxxgraphs.h"
#include "tests/support/errorof.h"
#include "tests/support/recordedwork.h"
#include "tests/support/tinymodel.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <stdexcept>

namespace bcos {
namespace {

using test::errorOf;

class WxxGraphsTest : public ::testing::Test {
protected:
    core::Network network = test::tinyNetwork(4, 16);
    int replays = 0;
    int captures = 0;
    core::WxxGraphs graphs{[this](const std::function<void()> &work) {
                               ++captures;
                               return std::make_unique<test::RecordedWork>(work, replays);
                           },
                           2};

    static at::Tensor images(int64_t n, int64_t side, uint64_t seed)
    {
        torch::manual_seed(seed);
        return torch::rand({n, 3, side, side});
    }
};

/// The same operations on the same CPU: a replay with new inputs is the eager pass on them, bit for bit.
void expectSame(const core::WxxResult &a, const core::WxxResult &b, const std::string &what)
{
    EXPECT_TRUE(torch::equal(a.logits, b.logits)) << what;
    EXPECT_TRUE(torch::equal(a.targets, b.targets)) << what;
    EXPECT_TRUE(torch::equal(a.dynamicWeights, b.dynamicWeights)) << what;
    EXPECT_TRUE(torch::equal(a.contributions, b.contributions)) << what;
}

TEST_F(WxxGraphsTest, AShapesSecondPassIsCapturedAndLaterPassesReplayOnTheirOwnImages)
{
    const auto first = images(2, 16, 1), second = images(2, 16, 2), third = images(2, 16, 3);
    expectSame(graphs.explain(*network, first), core::explainWxx(*network, first), "warm-up");
    EXPECT_EQ(graphs.graphCount(), 0u);
    expectSame(graphs.explain(*network, second), core::explainWxx(*network, second), "captured");
    EXPECT_EQ(graphs.graphCount(), 1u);
    const auto thirdResult = graphs.explain(*network, third);
    expectSame(thirdResult, core::explainWxx(*network, third), "replayed");
    EXPECT_EQ(captures, 1);
    EXPECT_EQ(replays, 2);
    EXPECT_EQ(graphs.replays(), 2);
    // The results are copies: the next replay does not change what a caller holds.
    const auto held = thirdResult.contributions.clone();
    graphs.explain(*network, first);
    EXPECT_TRUE(torch::equal(thirdResult.contributions, held));
}

TEST_F(WxxGraphsTest, TargetsAreInputsOfTheirOwnGraphAndCheckedBeforeEachReplay)
{
    const auto input = images(3, 16, 4);
    const auto targets = torch::tensor({3, 0, 2}, torch::kLong);
    graphs.explain(*network, input, targets);                      // warm-up
    graphs.explain(*network, input, torch::tensor({1, 1, 1}, torch::kLong)); // captured
    const auto replayed = graphs.explain(*network, input, targets);
    expectSame(replayed, core::explainWxx(*network, input, targets), "targets");
    EXPECT_TRUE(torch::equal(replayed.targets, targets));
    EXPECT_EQ(graphs.graphCount(), 1u);
    graphs.explain(*network, input); // without targets: another graph's warm-up
    EXPECT_EQ(errorOf([&] { graphs.explain(*network, input, torch::tensor({0, 7, 1}, torch::kLong)); }),
              "explain: target classes must be in [0, 4), got 0 to 7");
    EXPECT_EQ(errorOf([&] { graphs.explain(*network, input, torch::tensor({0, 1}, torch::kLong)); }),
              "explain: expected integer targets [3], got [2]");
}

TEST_F(WxxGraphsTest, ShapesHaveGraphsOfTheirOwnAndTheLeastRecentlyUsedGoes)
{
    const auto small = images(1, 16, 5), pair = images(2, 16, 6), large = images(1, 24, 7);
    for (int pass = 0; pass < 2; ++pass) {
        graphs.explain(*network, small);
        graphs.explain(*network, pair);
    }
    EXPECT_EQ(graphs.graphCount(), 2u);
    EXPECT_EQ(captures, 2);
    graphs.explain(*network, large); // a third shape (at most 2 kept): the small images' graph goes
    expectSame(graphs.explain(*network, pair), core::explainWxx(*network, pair), "kept");
    EXPECT_EQ(captures, 2);
    expectSame(graphs.explain(*network, small), core::explainWxx(*network, small), "evicted: a warm-up again");
    EXPECT_EQ(captures, 2);
    graphs.explain(*network, small);
    EXPECT_EQ(captures, 3);
}

TEST_F(WxxGraphsTest, LargePassesRunEagerly)
{
    const auto batch = images(core::WxxGraphs::kMaxImages + 1, 16, 10);
    for (int pass = 0; pass < 3; ++pass)
        expectSame(graphs.explain(*network, batch), core::explainWxx(*network, batch), "pass " + std::to_string(pass));
    EXPECT_EQ(captures, 0);
    EXPECT_EQ(graphs.graphCount(), 0u);
}

TEST_F(WxxGraphsTest, NewTensorsInTheNetworkDropItsGraphs)
{
    const auto input = images(1, 16, 8);
    graphs.explain(*network, input);
    graphs.explain(*network, input);
    EXPECT_EQ(graphs.graphCount(), 1u);
    {
        torch::NoGradGuard noGrad;
        auto parameter = network->parameters().front();
        parameter.set_data(parameter.data() * 2); // reloaded weights: other memory than the graph reads
    }
    expectSame(graphs.explain(*network, input), core::explainWxx(*network, input), "after the change");
    EXPECT_EQ(graphs.graphCount(), 0u); // dropped; this pass was the warm-up of a new one
    graphs.explain(*network, input);
    EXPECT_EQ(graphs.graphCount(), 1u);
}

TEST_F(WxxGraphsTest, AFailedCaptureLeavesEagerPasses)
{
    core::WxxGraphs failing([](const std::function<void()> &) -> std::unique_ptr<core::ReplayableWork> {
        throw std::runtime_error("operation not permitted when stream is capturing");
    });
    const auto input = images(2, 16, 9);
    for (int pass = 0; pass < 3; ++pass)
        expectSame(failing.explain(*network, input), core::explainWxx(*network, input), "pass " + std::to_string(pass));
    EXPECT_EQ(failing.disabledReason(), "operation not permitted when stream is capturing");
    EXPECT_EQ(failing.graphCount(), 0u);
}

TEST(WxxGraphs, EachNetworkHasItsGraphsAndTheCpuPassUsesNone)
{
    core::Network a = test::tinyNetwork(4, 16), b = test::tinyNetwork(4, 16);
    EXPECT_EQ(&core::wxxGraphsOf(*a), &core::wxxGraphsOf(*a));
    EXPECT_NE(&core::wxxGraphsOf(*a), &core::wxxGraphsOf(*b));
    const bool before = core::wxxGraphsEnabled();
    core::setWxxGraphsEnabled(true);
    const auto input = torch::rand({1, 3, 16, 16});
    for (int pass = 0; pass < 3; ++pass)
        core::explainWxx(*a, input); // on the CPU: eager passes, graphs are for GPUs
    EXPECT_EQ(core::wxxGraphsOf(*a).replays(), 0);
    EXPECT_EQ(core::wxxGraphsOf(*a).graphCount(), 0u);
    core::setWxxGraphsEnabled(before);
}

} // namespace
} // namespace bcos
