#include "core/error.h"
#include "core/io/pickle.h"
#include "tests/io/torchfixtures.h"

#include <gtest/gtest.h>

namespace bcos {
namespace {

using Kind = core::PickleValue::Kind;
using test::errorOf;
using test::PickleBuilder;

core::PickleValuePtr load(const std::string &bytes)
{
    return core::unpickle(bytes, "x.pt", core::UnpickleHooks{});
}

std::string loadError(const std::string &bytes)
{
    return errorOf([&] { load(bytes); });
}

TEST(Pickle, DecodesScalarsContainersAndMemo)
{
    PickleBuilder pickle;
    pickle.emptyDict().put(0).mark();
    pickle.string("int").integer(-70000).string("small").integer(200).string("big").integer(-(std::int64_t(1) << 40));
    pickle.string("float").real(-2.5).string("none").op('N').string("yes").op('\x88');
    pickle.string("short").raw(std::string("\x8c\x02hi", 4));
    pickle.string("list").op(']').put(1).mark().integer(1).integer(2).op('e').integer(3).op('a');
    pickle.string("pair").integer(1).string("b").op('\x86');
    pickle.string("triple").integer(1).integer(2).integer(3).op('\x87');
    pickle.string("same").get(1);
    pickle.setItems().stop();
    const auto root = load(pickle.bytes());
    ASSERT_EQ(root->kind, Kind::Dict);
    EXPECT_EQ(root->get("int")->integer, -70000);
    EXPECT_EQ(root->get("small")->integer, 200);
    EXPECT_EQ(root->get("big")->integer, -(std::int64_t(1) << 40));
    EXPECT_EQ(root->get("float")->real, -2.5);
    EXPECT_EQ(root->get("none")->kind, Kind::None);
    EXPECT_TRUE(root->get("yes")->boolean);
    EXPECT_EQ(root->get("short")->text, "hi");
    EXPECT_EQ(root->get("list")->repr(), "[1, 2, 3]");
    EXPECT_EQ(root->get("same"), root->get("list")); // BINGET returns the memoised object itself
    EXPECT_EQ(root->get("pair")->repr(), "(1, 'b')");
    EXPECT_EQ(root->get("triple")->repr(), "(1, 2, 3)");
}

TEST(Pickle, DictSubclassesAndNamespacesBecomeDicts)
{
    // argparse.Namespace(lr=0.1) pickles as NEWOBJ + BUILD with the attribute dict.
    PickleBuilder pickle;
    pickle.global("argparse", "Namespace").emptyTuple().op('\x81').emptyDict().string("lr").real(0.1).op('s').op('b');
    pickle.stop();
    EXPECT_EQ(load(pickle.bytes())->repr(), "{'lr': 0.1}");
    // A state dict's OrderedDict carries `_metadata` as an attribute (BUILD state), not as an entry.
    PickleBuilder stateDict;
    stateDict.orderedDict().string("w").integer(1).op('s');
    stateDict.emptyDict().string("_metadata").emptyDict().op('s').op('b').stop();
    EXPECT_EQ(load(stateDict.bytes())->repr(), "{'w': 1}");
    PickleBuilder badState;
    badState.orderedDict().integer(5).op('b').stop();
    EXPECT_EQ(loadError(badState.bytes()), "x.pt: bad pickle at offset 31: BUILD with a int state on a dict is not "
                                           "supported");
}

TEST(Pickle, ForeignGlobalsBecomeInertPlaceholdersThatAreNeverCalled)
{
    for (const auto &[module, name] : {std::pair<std::string, std::string>{"os", "system"}, {"builtins", "eval"},
                                       {"posix", "system"}, {"subprocess", "Popen"},
                                       {"torch.storage", "_load_from_bytes"}}) {
        PickleBuilder pickle;
        pickle.global(module, name).string("touch pwned").op('\x85').reduce().stop();
        std::vector<std::string> foreign;
        core::UnpickleHooks hooks;
        hooks.foreignGlobals = &foreign;
        const auto root = core::unpickle(pickle.bytes(), "x.pt", hooks);
        EXPECT_EQ(root->kind, Kind::Opaque);
        EXPECT_EQ(root->repr(), "<" + module + "." + name + ">");
        EXPECT_EQ(foreign, std::vector<std::string>{module + "." + name});
    }
    // STACK_GLOBAL, NEWOBJ, BUILD (__setstate__), calling a call's result, and filling a placeholder with
    // APPEND/SETITEMS: all give placeholders; each global is listed once.
    PickleBuilder pickle;
    pickle.emptyDict().mark();
    pickle.string("stack").raw(std::string("\x8c\x05posix\x8c\x06system\x93", 16)).string("id").op('\x85').reduce();
    pickle.string("new").global("subprocess", "Popen").emptyTuple().op('\x81').emptyDict().op('b');
    pickle.string("chain").global("builtins", "eval").string("1").op('\x85').reduce().emptyTuple().reduce();
    pickle.string("filled").global("pathlib", "PosixPath").emptyTuple().reduce().integer(1).op('a').mark()
        .string("k").integer(2).setItems();
    pickle.string("again").global("posix", "system").string("id").op('\x85').reduce();
    pickle.setItems().stop();
    std::vector<std::string> foreign;
    core::UnpickleHooks hooks;
    hooks.foreignGlobals = &foreign;
    const auto root = core::unpickle(pickle.bytes(), "x.pt", hooks);
    EXPECT_EQ(root->repr(), "{'stack': <posix.system>, 'new': <subprocess.Popen>, 'chain': <builtins.eval>, "
                            "'filled': <pathlib.PosixPath>, 'again': <posix.system>}");
    EXPECT_EQ(foreign, (std::vector<std::string>{"posix.system", "subprocess.Popen", "builtins.eval", "pathlib.PosixPath"}));
    // Storage types outside the allow-list are still refused: their bytes would be misread.
    PickleBuilder complex;
    complex.global("torch", "ComplexFloatStorage").stop();
    EXPECT_EQ(loadError(complex.bytes()), "x.pt: tensor storage type 'torch.ComplexFloatStorage' is not supported "
                                          "(complex and quantized tensors cannot be loaded)");
}

TEST(Pickle, MalformedPicklesGiveSpecificErrors)
{
    PickleBuilder unknown;
    unknown.raw("i__main__\nEvil\n").stop(); // INST: not understood
    EXPECT_EQ(loadError(unknown.bytes()),
              "x.pt: unsupported pickle opcode 0x69 at offset 2 (only state dicts can be loaded)");
    PickleBuilder truncated;
    truncated.emptyDict().string("key");
    const std::string cut = truncated.bytes().substr(0, truncated.bytes().size() - 2);
    EXPECT_EQ(loadError(cut), "x.pt: pickle ends unexpectedly at offset 9 (truncated file?)");
    EXPECT_EQ(loadError(truncated.bytes()), "x.pt: pickle ends unexpectedly at offset 11 (truncated file?)");
    PickleBuilder emptyStack;
    emptyStack.op('a').stop();
    EXPECT_EQ(loadError(emptyStack.bytes()), "x.pt: bad pickle at offset 2: pop from an empty stack");
    PickleBuilder twoValues;
    twoValues.integer(1).integer(2).stop();
    EXPECT_EQ(loadError(twoValues.bytes()),
              "x.pt: bad pickle at offset 6: STOP with 2 values on the stack (expected exactly one)");
    PickleBuilder missingMemo;
    missingMemo.get(7).stop();
    EXPECT_EQ(loadError(missingMemo.bytes()), "x.pt: bad pickle at offset 2: memo entry 7 was never stored");
    PickleBuilder cycleThenError; // a self-containing list, then garbage: the error path frees the cycle too
    cycleThenError.op(']').put(0).get(0).op('a').op('\xfe');
    EXPECT_EQ(loadError(cycleThenError.bytes()),
              "x.pt: unsupported pickle opcode 0xfe at offset 8 (only state dicts can be loaded)");
    PickleBuilder setItemOnList;
    setItemOnList.op(']').string("k").integer(1).op('s').stop();
    EXPECT_EQ(loadError(setItemOnList.bytes()), "x.pt: bad pickle at offset 11: SETITEM on a list (expected a dict)");
}

} // namespace
} // namespace bcos
