// Runs the built `bcos inspect` (path from CMake) on fixture files and checks output and exit status.
#include "core/io/safetensors.h"
#include "tests/io/torchfixtures.h"
#include "tests/support/buildpaths.h"
#include "tests/support/tempdir.h"

#include <torch/torch.h>
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <sys/wait.h>

namespace bcos {
namespace {

struct RunResult {
    int status = -1;
    std::string output; // stdout and stderr together
};

RunResult runInspect(const std::filesystem::path &file)
{
    const std::string command = std::string("'") + test::cliPath() + "' inspect '" + file.string() + "' 2>&1";
    RunResult result;
    FILE *pipe = ::popen(command.c_str(), "r");
    if (!pipe)
        return result;
    std::array<char, 4096> buffer{};
    std::size_t count = 0;
    while ((count = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        result.output.append(buffer.data(), count);
    const int status = ::pclose(pipe);
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

TEST(InspectCommand, ListsTensorsMetadataAndProblemsOfACheckpoint)
{
    test::TempDir dir;
    test::PickleBuilder pickle;
    pickle.emptyDict().mark().string("epoch").integer(2).string("state_dict").orderedDict().mark();
    pickle.string("model.fc.weight").tensor({"HalfStorage", "0", 6, 0, {2, 3}, {3, 1}});
    pickle.string("model.fc.bias").tensor({"LongStorage", "1", 2, 0, {2}, {1}});
    pickle.setItems().string("optimizer_states").op(']').string("extra").string("x").op('\x86').op('a');
    pickle.setItems().stop();
    const auto file = dir / "run.ckpt";
    test::writeBytes(file, test::torchArchive(pickle.bytes(), {{"0", std::string(12, '\0')},
                                                                {"1", std::string(16, '\0')}}));
    const auto result = runInspect(file);
    EXPECT_EQ(result.status, 0);
    EXPECT_EQ(result.output, file.string() + "\n"
              "format: torch-zip\n"
              "tensors: 2 (8 elements, 28 bytes)\n"
              "  model.fc.weight  F16   [2, 3]             12\n"
              "  model.fc.bias    I64   [2]                16\n"
              "metadata: 4\n"
              "  state_dict_key: state_dict\n"
              "  epoch: 2\n"
              "  optimizer_states: [('extra', 'x')]\n"
              "  key_prefix: model.\n"
              "problems: 0\n");
}

TEST(InspectCommand, SafetensorsFile)
{
    test::TempDir dir;
    core::TensorMap tensors;
    tensors.insert("w", torch::zeros({4, 5}));
    core::Metadata metadata;
    metadata.set("format", "pt");
    core::writeSafetensors(dir / "w.safetensors", tensors, metadata);
    const auto result = runInspect(dir / "w.safetensors");
    EXPECT_EQ(result.status, 0);
    EXPECT_EQ(result.output, (dir / "w.safetensors").string() + "\n"
              "format: safetensors\n"
              "tensors: 1 (20 elements, 80 bytes)\n"
              "  w     F32   [4, 5]             80\n"
              "metadata: 1\n"
              "  format: pt\n"
              "problems: 0\n");
}

TEST(InspectCommand, InvalidFilesFailWithOneLine)
{
    test::TempDir dir;
    test::PickleBuilder evil;
    evil.global("os", "system").string("true").op('\x85').reduce().stop();
    test::writeBytes(dir / "evil.pt", test::torchArchive(evil.bytes(), {}));
    auto result = runInspect(dir / "evil.pt");
    EXPECT_EQ(result.status, 1);
    EXPECT_EQ(result.output, "bcos inspect: " + (dir / "evil.pt").string() + ": the file holds no tensors\n");
    test::writeBytes(dir / "junk.bin", "not a weights file at all");
    result = runInspect(dir / "junk.bin");
    EXPECT_EQ(result.status, 1);
    EXPECT_EQ(result.output, "bcos inspect: " + (dir / "junk.bin").string()
              + ": not a weights file: unrecognised content (expected safetensors, a torch.save zip archive, a "
                "Lightning .ckpt or a TorchScript .pt)\n");
    result = runInspect(dir / "missing.pt");
    EXPECT_EQ(result.status, 1);
    EXPECT_EQ(result.output, "bcos inspect: " + (dir / "missing.pt").string() + ": cannot open: No such file or directory\n");
}

} // namespace
} // namespace bcos
