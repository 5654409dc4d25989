// Files written by the real torch.save / torch.jit.save (Debian's python3-torch) read back exactly.
#include "core/error.h"
#include "core/io/weightsfile.h"
#include "tests/io/torchfixtures.h"
#include "tests/support/externaldata.h"
#include "tests/support/tempdir.h"

#include <torch/torch.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>

namespace bcos {
namespace {

// Writes state.pt (OrderedDict: fp32/fp16/bf16/int64/bool, strided and shared views), plain.pt (dict),
// lightning.ckpt (Lightning layout with an Adam optimizer state) and scripted.pt (torch.jit.save), plus
// NAME.json with every tensor's dtype, shape and values (as float64) for the C++ side to compare.
constexpr const char *kScript = R"PY(
import collections, json, sys, torch
out = sys.argv[1]
torch.manual_seed(0)

def expected(tensors):
    return {k: {"dtype": str(v.dtype), "shape": list(v.shape),
                "values": v.detach().double().flatten().tolist()} for k, v in tensors.items()}

def save(name, obj, tensors):
    torch.save(obj, f"{out}/{name}")
    json.dump(expected(tensors), open(f"{out}/{name}.json", "w"))

class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(3, 4, 3)
        self.bn = torch.nn.BatchNorm2d(4)
        self.fc = torch.nn.Linear(4, 2)
    def forward(self, x):
        return self.fc(self.bn(self.conv(x)).mean((2, 3)))

net = Net()
net.bn.running_mean.uniform_(-1, 1)
base = torch.randn(5, 6)
state = net.state_dict()
state["half"] = torch.randn(7).half()
state["bf16"] = torch.randn(3, 2).bfloat16()
state["long"] = torch.tensor([-(2 ** 40), 0, 7])
state["mask"] = torch.tensor([True, False, True])
state["transposed"] = base.t()
state["rows"] = base[1:4]
state["every_other"] = base[:, ::2]
save("state.pt", state, state)

plain = {"w": torch.arange(6.0).reshape(2, 3), "b": torch.tensor([1.5, -2.0])}
save("plain.pt", plain, plain)

optimizer = torch.optim.Adam(net.parameters(), lr=0.01)
net(torch.randn(2, 3, 8, 8)).sum().backward()
optimizer.step()
lightning_state = collections.OrderedDict(("model." + k, v) for k, v in net.state_dict().items())
checkpoint = {"epoch": 4, "global_step": 250, "pytorch-lightning_version": "1.9.5",
              "state_dict": lightning_state, "loops": {"fit_loop": {"epoch_progress": {"total": 5}}},
              "callbacks": {}, "optimizer_states": [optimizer.state_dict()], "lr_schedulers": [],
              "hparams_name": "kwargs", "hyper_parameters": {"lr": 0.01, "arch": "resnet18", "betas": (0.9, 0.999)}}
save("lightning.ckpt", checkpoint, lightning_state)

scripted = torch.jit.script(net)
torch.jit.save(scripted, f"{out}/scripted.pt")
json.dump(expected(net.state_dict()), open(f"{out}/scripted.pt.json", "w"))
)PY";

class RealTorchFiles : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        s_dir = new test::TempDir;
        if (!test::systemPythonHasTorch())
            return;
        const auto script = *s_dir / "make_files.py";
        std::ofstream(script) << kScript;
        const std::string command = std::string(test::kSystemPython) + " " + script.string() + " " + s_dir->path().string();
        s_scriptStatus = std::system(command.c_str());
    }
    static void TearDownTestSuite()
    {
        delete s_dir;
        s_dir = nullptr;
    }
    void SetUp() override
    {
        if (!test::systemPythonHasTorch())
            GTEST_SKIP() << test::kNeedsPythonTorch << " to write the reference files";
        ASSERT_EQ(s_scriptStatus, 0) << "the generator script failed";
    }

    /// Checks every tensor of NAME against NAME.json (exact values, dtypes and shapes) and returns the file.
    static core::WeightsFile checkAgainstExpected(const std::string &name)
    {
        const auto weights = core::loadWeightsFile(*s_dir / name);
        const auto expected = nlohmann::json::parse(std::ifstream(*s_dir / (name + ".json")));
        EXPECT_EQ(weights.tensors.size(), expected.size());
        for (const auto &[key, entry] : expected.items()) {
            SCOPED_TRACE(key);
            const auto *tensor = weights.tensors.find(key);
            if (!tensor) {
                ADD_FAILURE() << "missing tensor";
                continue;
            }
            EXPECT_EQ(std::string(entry["dtype"]), "torch." + torchName(tensor->scalar_type()));
            EXPECT_EQ(tensor->sizes().vec(), entry["shape"].get<std::vector<std::int64_t>>());
            const auto values = entry["values"].get<std::vector<double>>();
            EXPECT_TRUE(torch::equal(tensor->to(torch::kDouble).flatten(), torch::tensor(values, torch::kDouble)));
        }
        return weights;
    }
    static std::string torchName(torch::ScalarType type)
    {
        switch (type) {
        case torch::kFloat: return "float32";
        case torch::kHalf: return "float16";
        case torch::kBFloat16: return "bfloat16";
        case torch::kLong: return "int64";
        case torch::kBool: return "bool";
        default: return c10::toString(type);
        }
    }

    static test::TempDir *s_dir;
    static int s_scriptStatus;
};

test::TempDir *RealTorchFiles::s_dir = nullptr;
int RealTorchFiles::s_scriptStatus = -1;

TEST_F(RealTorchFiles, OrderedDictStateDictWithViews)
{
    const auto weights = checkAgainstExpected("state.pt");
    EXPECT_EQ(weights.format, "torch-zip");
    EXPECT_TRUE(weights.problems.empty());
    EXPECT_TRUE(weights.metadata.empty()); // the OrderedDict's `_metadata` attribute is not an entry
    EXPECT_EQ(weights.tensors.keys().front(), "conv.weight");
    // transposed, rows and every_other are views of one storage, as in Python.
    const auto &transposed = weights.tensors["transposed"];
    EXPECT_EQ(transposed.strides(), (std::vector<std::int64_t>{1, 6}));
    EXPECT_TRUE(transposed.storage().is_alias_of(weights.tensors["rows"].storage()));
    EXPECT_TRUE(transposed.storage().is_alias_of(weights.tensors["every_other"].storage()));
    EXPECT_EQ(weights.tensors["rows"].storage_offset(), 6);
}

TEST_F(RealTorchFiles, PlainDict)
{
    EXPECT_EQ(checkAgainstExpected("plain.pt").format, "torch-zip");
}

TEST_F(RealTorchFiles, LightningCheckpoint)
{
    const auto weights = checkAgainstExpected("lightning.ckpt");
    EXPECT_EQ(weights.format, "lightning-ckpt");
    EXPECT_EQ(weights.metadata.value("epoch"), "4");
    EXPECT_EQ(weights.metadata.value("global_step"), "250");
    EXPECT_EQ(weights.metadata.value("hyper_parameters.arch"), "resnet18");
    EXPECT_EQ(weights.metadata.value("hyper_parameters.betas"), "(0.9, 0.999)");
    EXPECT_EQ(weights.metadata.value("loops.fit_loop.epoch_progress.total"), "5");
    EXPECT_EQ(weights.metadata.value("key_prefix"), "model.");
    EXPECT_EQ(weights.problems, (std::vector<std::string>{
                                    "'optimizer_states' (list) holds tensors that are not model weights; skipped"}));
}

TEST_F(RealTorchFiles, TorchScriptArchive)
{
    const auto weights = checkAgainstExpected("scripted.pt");
    EXPECT_EQ(weights.format, "torchscript");
    EXPECT_EQ(weights.tensors.keys().front(), "conv.weight"); // state_dict order
    EXPECT_EQ(weights.metadata.value("module_type"), "__torch__.Net");
}

TEST_F(RealTorchFiles, BrokenTorchScriptArchiveIsAnError)
{
    // Keep the archive layout but drop the code: torch::jit::load fails, which must become a core::Error.
    const auto target = *s_dir / "broken.pt";
    test::ZipBuilder zip;
    zip.add("broken/data.pkl", "\x80\x02}.");
    zip.add("broken/constants.pkl", "\x80\x02).");
    test::writeBytes(target, zip.bytes());
    const std::string message = test::errorOf([&] { core::loadWeightsFile(target); });
    EXPECT_EQ(message.rfind(target.string() + ": cannot load TorchScript archive: ", 0), 0u) << message;
}

} // namespace
} // namespace bcos
