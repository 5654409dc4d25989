// Catalogue rows for weights files read by `bcos inspect` (and every command that takes --weights): safetensors,
// torch.save zip archives with pickles, Lightning .ckpt and TorchScript.
#include "tests/badinput/badinputcase.h"
#include "tests/badinput/inputbuilders.h"
#include "tests/io/torchfixtures.h"

#include <torch/script.h>
#include <torch/torch.h>

namespace bcos::test {
namespace {

std::string inspect(const std::filesystem::path &file)
{
    return "inspect " + file.string();
}

/// A command row that writes `bytes` to DIR/`name` and inspects it.
BadInputCase inspectBytes(std::string name, std::string input, std::string what, std::string fileName,
                          std::function<std::string()> bytes, std::string message)
{
    BadInputCase row{std::move(name), std::move(input), std::move(what), {}, {}, 1, std::move(message)};
    row.cli = [fileName, bytes](const std::filesystem::path &dir) {
        writeFile(dir / fileName, bytes());
        return inspect(dir / fileName);
    };
    return row;
}

/// A float tensor "w" [2] as safetensors data (8 bytes) with its header entry.
const std::string kTensorHeader = R"({"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})";

/// state_dict {"w": FloatStorage "0" [2]} pickled the way torch.save does, with `extra` pickle ops for a second
/// entry (key already pushed) before SETITEMS.
std::string stateDictPickle(const std::function<void(PickleBuilder &)> &extra = {})
{
    PickleBuilder pickle;
    pickle.orderedDict().put(0).mark();
    pickle.string("w").tensor({"FloatStorage", "0", 2, 0, {2}, {1}});
    if (extra)
        extra(pickle);
    pickle.setItems().stop();
    return pickle.bytes();
}

std::string floats(std::size_t n)
{
    return std::string(4 * n, '\0');
}

/// A torch archive whose data.pkl is stored as compression method 8 and claims 4 GB: a zip bomb's directory.
std::string zipBombArchive()
{
    ZipBuilder zip;
    zip.add("archive/data.pkl", std::string(100, 'x'), 8);
    zip.add("archive/version", "3\n");
    std::string bytes = zip.bytes();
    const auto central = bytes.find(std::string("PK\x01\x02", 4));
    bytes.replace(central + 24, 4, "\xf0\xff\xff\xff", 4); // uncompressed size 0xFFFFFFF0
    return bytes;
}

std::string torchScriptArchive(const std::filesystem::path &dir)
{
    torch::jit::Module module("Tiny");
    module.register_parameter("weight", torch::ones({2, 2}), false);
    module.save((dir / "valid.pt").string());
    return truncated(dir / "valid.pt", 1u << 20);
}

} // namespace

std::vector<BadInputCase> weightsFileCases()
{
    std::vector<BadInputCase> rows;
    rows.push_back({"weights.missing-file",
                    "any weights file",
                    "the path does not exist",
                    [](const auto &dir) { return inspect(dir / "absent.safetensors"); },
                    {},
                    1,
                    "bcos inspect: {dir}/absent.safetensors: cannot open: No such file or directory"});
    rows.push_back(inspectBytes(
        "weights.empty", "any weights file", "a 0-byte file", "empty.pth", [] { return std::string(); },
        "bcos inspect: {dir}/empty.pth: file is empty"));
    rows.push_back(inspectBytes(
        "weights.unrecognised", "any weights file", "3 bytes that match no format", "short.bin",
        [] { return std::string("\x01\x02\x03"); },
        "bcos inspect: {dir}/short.bin: not a weights file: unrecognised content (expected safetensors, a torch.save "
        "zip archive, a Lightning .ckpt or a TorchScript .pt)"));

    rows.push_back(inspectBytes(
        "safetensors.truncated-data", "safetensors", "the data buffer is cut in half", "cut.safetensors",
        [] { return rawSafetensors(kTensorHeader, floats(1)); },
        "bcos inspect: {dir}/cut.safetensors: tensors cover 8 bytes but the data buffer "
        "holds 4"));
    rows.push_back(inspectBytes(
        "safetensors.truncated-header", "safetensors", "the header length says 100 bytes, the file ends after 10",
        "header.safetensors", [] { return rawSafetensors("{" + std::string(99, ' '), "").substr(0, 18); },
        "bcos inspect: {dir}/header.safetensors: header length 100 is larger than the rest of "
        "the file (10 bytes); truncated?"));
    rows.push_back(inspectBytes(
        "safetensors.huge-header", "safetensors", "header length 2^60 (hostile)", "hugeheader.safetensors",
        [] { return std::string("\0\0\0\0\0\0\0\x10{}", 10); },
        "bcos inspect: {dir}/hugeheader.safetensors: header length 1152921504606846976 "
        "exceeds the limit of 104857600 bytes"));
    rows.push_back(inspectBytes(
        "safetensors.bad-json", "safetensors", "the header is not JSON", "json.safetensors",
        [] { return rawSafetensors("{abc}", ""); },
        "bcos inspect: {dir}/json.safetensors: header is not valid UTF-8 JSON: "
        "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error while "
        "parsing object key - invalid literal; last read: '{a'; expected string literal"));
    rows.push_back(inspectBytes(
        "safetensors.huge-dimensions", "safetensors", "shape [2^40, 2^40] (hostile: the element count overflows)",
        "huge.safetensors",
        [] {
            return rawSafetensors(R"({"w":{"dtype":"F32","shape":[1099511627776,1099511627776],"data_offsets":[0,8]}})",
                                  floats(2));
        },
        "bcos inspect: {dir}/huge.safetensors: tensor 'w': shape [1099511627776,1099511627776] overflows"));
    rows.push_back(inspectBytes(
        "safetensors.negative-dimension", "safetensors", "shape [-2]", "negative.safetensors",
        [] { return rawSafetensors(R"({"w":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}})", floats(2)); },
        "bcos inspect: {dir}/negative.safetensors: tensor 'w': shape entries must be "
        "non-negative integers, got -2"));
    rows.push_back(inspectBytes(
        "safetensors.unknown-dtype", "safetensors", "dtype 'C64' (complex: wrong dtype)", "dtype.safetensors",
        [] { return rawSafetensors(R"({"w":{"dtype":"C64","shape":[1],"data_offsets":[0,8]}})", floats(2)); },
        "bcos inspect: {dir}/dtype.safetensors: tensor 'w': unknown dtype 'C64' (expected one "
        "of F64 F32 F16 BF16 I64 I32 I16 I8 U8 BOOL)"));
    rows.push_back(inspectBytes(
        "safetensors.offsets-mismatch", "safetensors", "data_offsets span 12 bytes for 2 floats", "offsets.safetensors",
        [] { return rawSafetensors(R"({"w":{"dtype":"F32","shape":[2],"data_offsets":[0,12]}})", floats(3)); },
        "bcos inspect: {dir}/offsets.safetensors: tensor 'w': shape [2] of F32 needs 8 bytes "
        "but data_offsets give 12"));
    rows.push_back(inspectBytes(
        "safetensors.overlapping-tensors", "safetensors", "two tensors share the same bytes", "overlap.safetensors",
        [] {
            return rawSafetensors(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                                  R"("b":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})",
                                  floats(2));
        },
        "bcos inspect: {dir}/overlap.safetensors: tensor 'b' (bytes 0..8) overlaps the "
        "previous tensor (ends at 8)"));
    rows.push_back(inspectBytes(
        "safetensors.missing-field", "safetensors", "a tensor entry without 'dtype'", "field.safetensors",
        [] { return rawSafetensors(R"({"w":{"shape":[2],"data_offsets":[0,8]}})", floats(2)); },
        "bcos inspect: {dir}/field.safetensors: tensor 'w' needs 'dtype', 'shape' and "
        "'data_offsets'"));

    rows.push_back(inspectBytes(
        "torch-zip.truncated", "torch.save .pth (zip + pickle)", "a valid archive cut before its central directory",
        "cut.pth",
        [] {
            const std::string whole = torchArchive(stateDictPickle(), {{"0", floats(2)}});
            return whole.substr(0, whole.size() / 2);
        },
        "bcos inspect: {dir}/cut.pth: not a valid zip archive: end of central directory record not found "
        "(truncated file?)"));
    {
        BadInputCase row{"torch-zip.model-unrecognised", "torch.save .pth (zip + pickle)",
                         "predict --model with a state dict that is neither a B-cos-v2 zoo file nor a B-cosification "
                         "release (it needs --arch)",
                         {}, {}, 1,
                         "bcos predict: {dir}/plain.pth: not a B-cos Studio model file, a B-cos-v2 zoo file or a "
                         "B-cosification release (other weights need an architecture: bcos convert --arch ARCH "
                         "--weights FILE)"};
        row.cli = [](const std::filesystem::path &dir) {
            writeFile(dir / "plain.pth", torchArchive(stateDictPickle(), {{"0", floats(2)}}));
            return "predict --model " + (dir / "plain.pth").string() + " --input "
                + writeTinyImages(dir / "images.safetensors").string() + " --out " + (dir / "out.safetensors").string();
        };
        rows.push_back(std::move(row));
    }
    rows.push_back(inspectBytes(
        "torch-zip.pickle-global", "torch.save .pth (zip + pickle)",
        "the pickle calls posix.system (hostile: code execution on load); the call becomes an inert placeholder, "
        "the weights load", "evil.pth",
        [] {
            const auto pickle = stateDictPickle([](PickleBuilder &p) {
                p.string("x").global("posix", "system").mark().string("touch pwned").tuple().reduce();
            });
            return torchArchive(pickle, {{"0", floats(2)}});
        },
        "foreign globals (inert placeholders, never called): posix.system"));
    rows.back().status = 0;
    rows.push_back(inspectBytes(
        "torch-zip.path-traversal", "torch.save .pth (zip + pickle)", "a zip entry named '../../etc/passwd'",
        "traversal.pth",
        [] {
            ZipBuilder zip;
            zip.add("../../etc/passwd", "root");
            return zip.bytes();
        },
        "bcos inspect: {dir}/traversal.pth: zip entry name '../../etc/passwd' is unsafe (absolute path or '..' "
        "component)"));
    rows.push_back(inspectBytes("torch-zip.zip-bomb", "torch.save .pth (zip + pickle)",
                                "a 100-byte deflated entry that claims 4 GB", "bomb.pth", zipBombArchive,
                                "bcos inspect: {dir}/bomb.pth: zip entry 'archive/data.pkl' claims 4294967280 bytes "
                                "from 100 compressed bytes (zip bomb?)"));
    rows.push_back(inspectBytes(
        "torch-zip.storage-too-small", "torch.save .pth (zip + pickle)",
        "the pickle asks for 2 floats from a 4-byte storage", "small.pth",
        [] {
            return torchArchive(stateDictPickle(), {{"0", floats(1)}});
        },
        "bcos inspect: {dir}/small.pth: storage '0' holds 4 bytes but 2 elements of Float need 8"));
    rows.push_back(inspectBytes(
        "torch-zip.complex-dtype", "torch.save .pth (zip + pickle)", "a ComplexFloatStorage tensor (wrong dtype)",
        "complex.pth",
        [] {
            PickleBuilder pickle;
            pickle.orderedDict().put(0).mark();
            pickle.string("w").tensor({"ComplexFloatStorage", "0", 1, 0, {1}, {1}});
            pickle.setItems().stop();
            return torchArchive(pickle.bytes(), {{"0", floats(2)}});
        },
        "bcos inspect: {dir}/complex.pth: tensor storage type 'torch.ComplexFloatStorage' is not supported (complex "
        "and quantized tensors cannot be loaded)"));
    rows.push_back(inspectBytes(
        "torch-zip.legacy-format", "torch.save .pth (zip + pickle)", "the pre-1.6 (non-zip) torch.save format",
        "legacy.pth", [] { return std::string("\x80\x02\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19.", 15); },
        "bcos inspect: {dir}/legacy.pth: legacy (pre-1.6, non-zip) torch.save format is not supported; re-save it "
        "with a current torch.save"));
    rows.push_back(inspectBytes(
        "ckpt.no-tensors", "Lightning .ckpt", "a checkpoint dict with only {'epoch': 3}", "empty.ckpt",
        [] {
            PickleBuilder pickle;
            pickle.emptyDict().put(0).string("epoch").integer(3).op('s').stop();
            return torchArchive(pickle.bytes(), {});
        },
        "bcos inspect: {dir}/empty.ckpt: the file holds no tensors"));
    rows.push_back(inspectBytes(
        "ckpt.hyper-parameter-global", "Lightning .ckpt",
        "hyper_parameters pickled as builtins.eval (hostile); never called, listed as skipped", "hyper.ckpt",
        [] {
            const auto pickle = stateDictPickle([](PickleBuilder &p) {
                p.string("hyper_parameters").global("builtins", "eval").mark().string("1").tuple().reduce();
            });
            return torchArchive(pickle, {{"0", floats(2)}});
        },
        "foreign globals (inert placeholders, never called): builtins.eval"));
    rows.back().status = 0;
    rows.push_back(inspectBytes(
        "torch-zip.pickle-global-only", "torch.save .pth (zip + pickle)",
        "the whole pickle is an os.system call (hostile), no weights", "only.pth",
        [] {
            PickleBuilder pickle;
            pickle.global("os", "system").mark().string("touch pwned").tuple().reduce().stop();
            return torchArchive(pickle.bytes(), {});
        },
        "bcos inspect: {dir}/only.pth: the file holds no tensors"));

    BadInputCase script{
        "torchscript.truncated",
        "TorchScript .pt",
        "a TorchScript archive cut in half",
        {},
        {},
        1,
        "bcos inspect: {dir}/cut.pt: not a valid zip archive: end of central directory record not found "
        "(truncated file?)"};
    script.cli = [](const std::filesystem::path &dir) {
        const std::string whole = torchScriptArchive(dir);
        writeFile(dir / "cut.pt", whole.substr(0, whole.size() / 2));
        return inspect(dir / "cut.pt");
    };
    rows.push_back(script);
    return rows;
}

} // namespace bcos::test
