#include "core/error.h"
#include "core/io/safetensors.h"
#include "core/io/torchfile.h"
#include "core/io/weightsfile.h"
#include "tests/io/torchfixtures.h"
#include "tests/support/tempdir.h"

#include <torch/torch.h>
#include <gtest/gtest.h>

namespace bcos {
namespace {

using test::errorOf;
using test::PickleBuilder;
using test::storageBytes;

class TorchFileTest : public ::testing::Test {
protected:
    std::filesystem::path write(const std::string &bytes, const std::string &name = "weights.pt")
    {
        const auto file = m_dir / name;
        test::writeBytes(file, bytes);
        return file;
    }
    std::string loadError(const std::string &bytes)
    {
        const auto file = write(bytes);
        return errorOf([&] { core::loadWeightsFile(file); });
    }
    std::string origin() const { return (m_dir / "weights.pt").string(); }
    test::TempDir m_dir;
};

// The 2x3 float tensor [[0.5, -1, 2], [3, 4.25, -6]] as storage "0".
const std::vector<float> kFloats{0.5f, -1.0f, 2.0f, 3.0f, 4.25f, -6.0f};

TEST_F(TorchFileTest, OrderedDictStateDictWithFloatHalfAndLong)
{
    PickleBuilder pickle;
    pickle.orderedDict().put(0).mark();
    pickle.string("conv.weight").tensor({"FloatStorage", "0", 6, 0, {2, 3}, {3, 1}, true});
    pickle.string("half").tensor({"HalfStorage", "1", 3, 0, {3}, {1}});
    pickle.string("steps").tensor({"LongStorage", "2", 1, 0, {}, {}});
    pickle.setItems().stop();
    const std::vector<std::uint16_t> half{test::halfBits(1.5f), test::halfBits(-0.25f), test::halfBits(1024.0f)};
    const std::vector<std::int64_t> steps{-(std::int64_t(1) << 40)};
    const auto file = write(test::torchArchive(pickle.bytes(), {{"0", storageBytes(kFloats)},
                                                                {"1", storageBytes(half)},
                                                                {"2", storageBytes(steps)}}));
    const auto weights = core::loadWeightsFile(file);
    EXPECT_EQ(weights.format, "torch-zip");
    EXPECT_TRUE(weights.problems.empty());
    ASSERT_EQ(weights.tensors.keys(), (std::vector<std::string>{"conv.weight", "half", "steps"}));
    EXPECT_TRUE(torch::equal(weights.tensors["conv.weight"], torch::tensor(kFloats).reshape({2, 3})));
    EXPECT_EQ(weights.tensors["half"].scalar_type(), torch::kHalf);
    EXPECT_TRUE(torch::equal(weights.tensors["half"].to(torch::kFloat), torch::tensor({1.5f, -0.25f, 1024.0f})));
    EXPECT_EQ(weights.tensors["steps"].dim(), 0);
    EXPECT_EQ(weights.tensors["steps"].item<std::int64_t>(), steps[0]);
}

TEST_F(TorchFileTest, PlainDictWithEveryDtype)
{
    struct Case {
        const char *storage;
        torch::ScalarType type;
        std::string bytes;
    };
    const std::vector<double> values{-2.0, 0.0, 1.0, 100.0};
    const auto bf16 = torch::tensor(values).to(torch::kBFloat16).contiguous();
    const std::vector<Case> cases{
        {"DoubleStorage", torch::kDouble, storageBytes(values)},
        {"FloatStorage", torch::kFloat, storageBytes(std::vector<float>{-2, 0, 1, 100})},
        {"HalfStorage", torch::kHalf, storageBytes(std::vector<std::uint16_t>{0xC000, 0, 0x3C00, 0x5640})},
        {"BFloat16Storage", torch::kBFloat16, std::string(static_cast<const char *>(bf16.data_ptr()), 8)},
        {"LongStorage", torch::kLong, storageBytes(std::vector<std::int64_t>{-2, 0, 1, 100})},
        {"IntStorage", torch::kInt, storageBytes(std::vector<std::int32_t>{-2, 0, 1, 100})},
        {"ShortStorage", torch::kShort, storageBytes(std::vector<std::int16_t>{-2, 0, 1, 100})},
        {"CharStorage", torch::kChar, storageBytes(std::vector<std::int8_t>{-2, 0, 1, 100})},
        {"ByteStorage", torch::kByte, storageBytes(std::vector<std::uint8_t>{2, 0, 1, 100})},
        {"BoolStorage", torch::kBool, storageBytes(std::vector<std::uint8_t>{1, 0, 1, 1})},
    };
    PickleBuilder pickle;
    pickle.emptyDict().mark();
    std::map<std::string, std::string> storages;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        pickle.string(cases[i].storage).tensor({cases[i].storage, std::to_string(i), 4, 0, {2, 2}, {2, 1}});
        storages[std::to_string(i)] = cases[i].bytes;
    }
    pickle.setItems().stop();
    const auto weights = core::loadWeightsFile(write(test::torchArchive(pickle.bytes(), storages)));
    ASSERT_EQ(weights.tensors.size(), cases.size());
    for (const auto &item : cases) {
        SCOPED_TRACE(item.storage);
        const auto &tensor = weights.tensors[item.storage];
        EXPECT_EQ(tensor.scalar_type(), item.type);
        auto expected = torch::tensor(values).reshape({2, 2});
        if (item.type == torch::kByte)
            expected = expected.abs();
        EXPECT_TRUE(torch::equal(tensor, expected.to(item.type)));
    }
}

TEST_F(TorchFileTest, SharedAndStridedStoragesStayViewsOfOneStorage)
{
    std::vector<float> twelve(12);
    for (int i = 0; i < 12; ++i)
        twelve[static_cast<std::size_t>(i)] = static_cast<float>(i);
    PickleBuilder pickle;
    pickle.orderedDict().mark();
    pickle.string("matrix").tensor({"FloatStorage", "7", 12, 0, {3, 4}, {4, 1}});
    pickle.string("transposed").tensor({"FloatStorage", "7", 12, 0, {4, 3}, {1, 4}});
    pickle.string("column").tensor({"FloatStorage", "7", 12, 2, {3}, {4}});
    pickle.setItems().stop();
    auto weights = core::loadWeightsFile(write(test::torchArchive(pickle.bytes(), {{"7", storageBytes(twelve)}})));
    const auto matrix = torch::arange(12, torch::kFloat).reshape({3, 4});
    EXPECT_TRUE(torch::equal(weights.tensors["matrix"], matrix));
    EXPECT_TRUE(torch::equal(weights.tensors["transposed"], matrix.t()));
    EXPECT_EQ(weights.tensors["transposed"].strides(), (std::vector<std::int64_t>{1, 4}));
    EXPECT_TRUE(torch::equal(weights.tensors["column"], torch::tensor({2.0f, 6.0f, 10.0f})));
    weights.tensors["matrix"][0][2] = 42.0f; // one storage: the write shows through every view
    EXPECT_EQ(weights.tensors["transposed"][2][0].item<float>(), 42.0f);
    EXPECT_EQ(weights.tensors["column"][0].item<float>(), 42.0f);
}

TEST_F(TorchFileTest, LightningCheckpointGivesStateDictMetadataAndProblems)
{
    PickleBuilder pickle;
    pickle.emptyDict().mark();
    pickle.string("epoch").integer(3).string("global_step").integer(120);
    pickle.string("pytorch-lightning_version").string("1.9.0");
    pickle.string("state_dict").orderedDict().mark();
    pickle.string("model.fc.weight").tensor({"FloatStorage", "0", 6, 0, {2, 3}, {3, 1}});
    pickle.string("model.fc.bias").tensor({"FloatStorage", "1", 2, 0, {2}, {1}});
    pickle.setItems();
    pickle.string("optimizer_states").op(']').emptyDict().string("exp_avg");
    pickle.tensor({"FloatStorage", "2", 2, 0, {2}, {1}}).op('s').op('a');
    pickle.string("hyper_parameters").global("pytorch_lightning.utilities.parsing", "AttributeDict").emptyTuple()
        .reduce().mark().string("lr").real(0.001).string("arch").string("resnet18").setItems();
    pickle.setItems().stop();
    const auto file = write(test::torchArchive(pickle.bytes(), {{"0", storageBytes(kFloats)},
                                                                {"1", storageBytes(std::vector<float>{7, 8})},
                                                                {"2", storageBytes(std::vector<float>{0, 0})}}),
                            "last.ckpt");
    const auto weights = core::loadWeightsFile(file);
    EXPECT_EQ(weights.format, "lightning-ckpt");
    ASSERT_EQ(weights.tensors.keys(), (std::vector<std::string>{"model.fc.weight", "model.fc.bias"}));
    EXPECT_TRUE(torch::equal(weights.tensors["model.fc.bias"], torch::tensor({7.0f, 8.0f})));
    EXPECT_EQ(core::stripKeyPrefix(weights.tensors, "model.").keys(),
              (std::vector<std::string>{"fc.weight", "fc.bias"}));
    std::vector<std::pair<std::string, std::string>> metadata(weights.metadata.begin(), weights.metadata.end());
    EXPECT_EQ(metadata, (std::vector<std::pair<std::string, std::string>>{
                            {"state_dict_key", "state_dict"}, {"epoch", "3"}, {"global_step", "120"},
                            {"pytorch-lightning_version", "1.9.0"}, {"hyper_parameters.lr", "0.001"},
                            {"hyper_parameters.arch", "resnet18"}, {"key_prefix", "model."}}));
    EXPECT_EQ(weights.problems, (std::vector<std::string>{
                                    "'optimizer_states' (list) holds tensors that are not model weights; skipped"}));
}

TEST_F(TorchFileTest, NestedModelDictAndNonTensorEntries)
{
    PickleBuilder pickle;
    pickle.emptyDict().mark().string("model").emptyDict().mark();
    pickle.string("backbone").emptyDict().string("w").tensor({"FloatStorage", "0", 6, 0, {6}, {1}}).op('s');
    pickle.string("note").string("hello");
    pickle.setItems().string("epoch").integer(9).setItems().stop();
    const auto weights = core::loadWeightsFile(write(test::torchArchive(pickle.bytes(), {{"0", storageBytes(kFloats)}})));
    EXPECT_EQ(weights.format, "torch-zip");
    EXPECT_EQ(weights.tensors.keys(), (std::vector<std::string>{"backbone.w"}));
    EXPECT_EQ(weights.metadata.value("state_dict_key"), "model");
    EXPECT_EQ(weights.metadata.value("epoch"), "9");
    EXPECT_EQ(weights.problems, (std::vector<std::string>{"'note' is a str ('hello'), not a tensor; skipped"}));
}

#ifdef BCOS_HAVE_ZLIB
TEST_F(TorchFileTest, DeflatedArchiveIsInflated)
{
    // torch never compresses, but zip tools that repack a checkpoint may; torch.load reads those too.
    PickleBuilder pickle;
    pickle.orderedDict().mark().string("w").tensor({"FloatStorage", "0", 6, 0, {2, 3}, {3, 1}}).setItems().stop();
    test::ZipBuilder zip;
    zip.addDeflated("archive/data.pkl", pickle.bytes());
    zip.addDeflated("archive/byteorder", "little");
    zip.addDeflated("archive/data/0", storageBytes(kFloats));
    const auto weights = core::loadWeightsFile(write(zip.bytes()));
    EXPECT_TRUE(torch::equal(weights.tensors["w"], torch::tensor(kFloats).reshape({2, 3})));
}
#endif

TEST_F(TorchFileTest, BareTensorAndListOfTensors)
{
    PickleBuilder tensor;
    tensor.tensor({"FloatStorage", "0", 6, 0, {3, 2}, {2, 1}}).stop();
    auto weights = core::loadWeightsFile(write(test::torchArchive(tensor.bytes(), {{"0", storageBytes(kFloats)}})));
    EXPECT_EQ(weights.tensors.keys(), (std::vector<std::string>{"tensor"}));
    EXPECT_TRUE(torch::equal(weights.tensors["tensor"], torch::tensor(kFloats).reshape({3, 2})));
    PickleBuilder list;
    list.op(']').mark().tensor({"FloatStorage", "0", 6, 0, {2}, {1}}).tensor({"FloatStorage", "0", 6, 4, {2}, {1}});
    list.op('e').stop();
    weights = core::loadWeightsFile(write(test::torchArchive(list.bytes(), {{"0", storageBytes(kFloats)}})));
    EXPECT_EQ(weights.tensors.keys(), (std::vector<std::string>{"0", "1"}));
    EXPECT_TRUE(torch::equal(weights.tensors["1"], torch::tensor({4.25f, -6.0f})));
}

TEST_F(TorchFileTest, HostileNestingIsBounded)
{
    // A million nested 1-tuples (one byte each): decoding, walking and freeing must not overflow the stack.
    PickleBuilder deep;
    deep.integer(1).raw(std::string(1000000, '\x85')).stop();
    EXPECT_EQ(loadError(test::torchArchive(deep.bytes(), {})), origin() + ": the file holds no tensors");
    // d_k = {"a": d_(k-1), "b": d_(k-1)} shares one dict per level: 2^30 paths to the tensor in 30 levels.
    PickleBuilder shared;
    shared.emptyDict().put(0).mark().string("w").tensor({"FloatStorage", "0", 6, 0, {6}, {1}}).setItems().op('0');
    for (int level = 0; level < 30; ++level)
        shared.emptyDict().mark().string("a").get(0).string("b").get(0).setItems().put(0).op('0');
    shared.get(0).stop();
    EXPECT_EQ(loadError(test::torchArchive(shared.bytes(), {{"0", storageBytes(kFloats)}})),
              origin() + ": the pickle has more than 1048576 nested entries (shared or recursive containers?)");
    // A list that contains itself.
    PickleBuilder cycle;
    cycle.emptyDict().mark().string("w").tensor({"FloatStorage", "0", 6, 0, {6}, {1}});
    cycle.string("loop").op(']').put(1).get(1).op('a').setItems().stop();
    const auto weights = core::loadWeightsFile(write(test::torchArchive(cycle.bytes(), {{"0", storageBytes(kFloats)}})));
    EXPECT_EQ(weights.tensors.keys(), (std::vector<std::string>{"w"}));
    EXPECT_EQ(weights.metadata.value("loop"), "[[[[[[[[[...]]]]]]]]]");
}

TEST_F(TorchFileTest, HostileGlobalsNeverRunAndAreListed)
{
    // Each of these would create `marker` if anything called it; the weights beside them still load.
    const auto marker = m_dir / "pwned";
    const std::string touch = "touch " + marker.string();
    PickleBuilder pickle;
    pickle.orderedDict().mark().string("w").tensor({"FloatStorage", "0", 6, 0, {2, 3}, {3, 1}});
    pickle.string("system").global("os", "system").string(touch).op('\x85').reduce();
    pickle.string("eval").global("builtins", "eval").string("__import__('os').system('" + touch + "')").op('\x85').reduce();
    pickle.string("popen").global("subprocess", "Popen").string("sh").string("-c").string(touch).op('\x87')
        .op('\x85').op('\x81');
    pickle.string("setstate").global("collections", "Counter").emptyTuple().reduce().emptyDict().string("x")
        .global("posix", "system").string(touch).op('\x85').reduce().op('s').op('b');
    pickle.setItems().stop();
    const auto weights = core::loadWeightsFile(write(test::torchArchive(pickle.bytes(), {{"0", storageBytes(kFloats)}})));
    EXPECT_FALSE(std::filesystem::exists(marker));
    EXPECT_EQ(weights.tensors.keys(), std::vector<std::string>{"w"});
    EXPECT_EQ(weights.foreignGlobals,
              (std::vector<std::string>{"os.system", "builtins.eval", "subprocess.Popen", "collections.Counter",
                                        "posix.system"}));
    EXPECT_EQ(weights.metadata.value("system"), "<os.system>");
    EXPECT_EQ(weights.metadata.value("setstate"), "<collections.Counter>");
    EXPECT_NE(core::describeWeightsFile(weights).find(
                  "foreign globals (inert placeholders, never called): os.system, builtins.eval, subprocess.Popen, "
                  "collections.Counter, posix.system\n"),
              std::string::npos);
    // A pickle that is nothing but a hostile call holds no weights.
    PickleBuilder only;
    only.global("os", "system").string(touch).op('\x85').reduce().stop();
    EXPECT_EQ(loadError(test::torchArchive(only.bytes(), {})), origin() + ": the file holds no tensors");
    EXPECT_FALSE(std::filesystem::exists(marker));
}

TEST_F(TorchFileTest, OnlyTheStateDictsTensorsAreRead)
{
    // Tensors are decoded to dtype and shape; the bytes of those outside the state dict are never read.
    PickleBuilder pickle;
    pickle.emptyDict().mark().string("state_dict").orderedDict().mark();
    pickle.string("w").tensor({"FloatStorage", "0", 6, 0, {2, 3}, {3, 1}}).setItems();
    pickle.string("optimizer_states").op(']').tensor({"FloatStorage", "1", 2, 0, {2}, {1}}).op('a');
    pickle.setItems().stop();
    std::string archive = test::torchArchive(pickle.bytes(), {{"0", storageBytes(kFloats)},
                                                              {"1", storageBytes(std::vector<float>{1, 2})}});
    const auto weights = core::loadWeightsFile(write(archive));
    EXPECT_EQ(weights.tensors.keys(), std::vector<std::string>{"w"});
    const auto root = core::readTorchFile(m_dir / "weights.pt");
    const auto optimizer = root->get("optimizer_states")->items.front();
    EXPECT_FALSE(optimizer->tensor.defined()); // decoded lazily: shape only
    EXPECT_EQ(optimizer->shape, std::vector<std::int64_t>{2});
    EXPECT_TRUE(torch::equal(optimizer->materialize(), torch::tensor({1.0f, 2.0f})));
}

TEST_F(TorchFileTest, MalformedArchivesGiveSpecificErrors)
{
    PickleBuilder good;
    good.orderedDict().mark().string("w").tensor({"FloatStorage", "0", 6, 0, {2, 3}, {3, 1}}).setItems().stop();
    EXPECT_EQ(loadError(test::torchArchive(good.bytes(), {})),
              origin() + ": storage '0' (entry 'archive/data/0') is missing from the archive");
    EXPECT_EQ(loadError(test::torchArchive(good.bytes(), {{"0", storageBytes(kFloats)}}, std::string("big"))),
              origin() + ": byteorder is 'big'; only little-endian archives can be read");
    EXPECT_EQ(loadError(test::torchArchive(good.bytes(), {{"0", storageBytes(std::vector<float>{1, 2})}})),
              origin() + ": storage '0' holds 8 bytes but 6 elements of Float need 24");
    const std::string &bytes = good.bytes();
    EXPECT_EQ(loadError(test::torchArchive(bytes.substr(0, bytes.size() - 20), {{"0", storageBytes(kFloats)}})),
              origin() + ": pickle ends unexpectedly at offset " + std::to_string(bytes.size() - 20)
                  + " (truncated file?)");
    PickleBuilder outside;
    outside.orderedDict().mark().string("w").tensor({"FloatStorage", "0", 6, 2, {2, 3}, {3, 1}}).setItems().stop();
    EXPECT_EQ(loadError(test::torchArchive(outside.bytes(), {{"0", storageBytes(kFloats)}})),
              origin() + ": tensor view (offset 2, size [2, 3], stride [3, 1]) reaches element 7 but storage '0' "
                         "holds 6 elements");
    PickleBuilder expanded; // stride 0 views are legal (expand()), but not 2^60 elements of them
    expanded.orderedDict().mark().string("w").tensor({"FloatStorage", "0", 6, 0, {1 << 30, 1 << 30}, {0, 0}});
    expanded.setItems().stop();
    EXPECT_EQ(loadError(test::torchArchive(expanded.bytes(), {{"0", storageBytes(kFloats)}})),
              origin() + ": tensor of size [1073741824, 1073741824] has more than 1099511627776 elements");
    PickleBuilder unknown;
    unknown.orderedDict().op('\xff').stop();
    EXPECT_EQ(loadError(test::torchArchive(unknown.bytes(), {})),
              origin() + ": unsupported pickle opcode 0xff at offset 29 (only state dicts can be loaded)");
    test::ZipBuilder compressed;
    compressed.add("archive/data.pkl", good.bytes(), 12);
#ifdef BCOS_HAVE_ZLIB
    EXPECT_EQ(loadError(compressed.bytes()), origin() + ": zip entry 'archive/data.pkl' uses compression method 12; "
                                                        "only stored (0) and deflated (8) entries can be read");
#else
    EXPECT_EQ(loadError(compressed.bytes()), origin() + ": zip entry 'archive/data.pkl' is compressed (method 12); "
                                                        "torch archives store entries uncompressed");
#endif
    test::ZipBuilder noPickle;
    noPickle.add("archive/other", "x");
    EXPECT_EQ(loadError(noPickle.bytes()),
              origin() + ": zip archive has no '<folder>/data.pkl' entry; not a torch.save file");
}

TEST_F(TorchFileTest, FormatIsDetectedFromContentNotExtension)
{
    EXPECT_EQ(loadError("hello world, not weights"),
              origin() + ": not a weights file: unrecognised content (expected safetensors, a torch.save zip archive, "
                         "a Lightning .ckpt or a TorchScript .pt)");
    EXPECT_EQ(loadError(""), origin() + ": file is empty");
    EXPECT_EQ(loadError(std::string("\x80\x02\x8a\x0a", 4)),
              origin() + ": legacy (pre-1.6, non-zip) torch.save format is not supported; re-save it with a current "
                         "torch.save");
    core::TensorMap tensors;
    tensors.insert("x", torch::ones({2}));
    const auto file = m_dir / "looks-like.pt";
    core::writeSafetensors(file, tensors);
    const auto weights = core::loadWeightsFile(file);
    EXPECT_EQ(weights.format, "safetensors");
    EXPECT_TRUE(torch::equal(weights.tensors["x"], torch::ones({2})));
}

} // namespace
} // namespace bcos
