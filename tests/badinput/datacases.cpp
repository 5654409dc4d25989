// Catalogue rows for data files: IDX and CIFAR datasets (bcos evaluate accuracy --data), image files and images tensor
// files (bcos predict --input), image folders (bcos train --data DIR), run directories (bcos train --resume) and the
// CLIP BPE merge list (core tokenizer; bcos localize --vocab).
#include "tests/badinput/badinputcase.h"
#include "tests/badinput/inputbuilders.h"

#include "core/io/safetensors.h"
#include "core/text/cliptokenizer.h"
#include "tests/support/buildpaths.h"
#include "tests/support/clirun.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <torch/torch.h>

namespace bcos::test {
namespace {

std::string accuracy(const std::filesystem::path &dir, const std::string &data)
{
    return "evaluate accuracy --model " + writeTinyModel(dir / "model.safetensors").string() + " --data " + data
        + " --limit 4";
}

BadInputCase idxRow(std::string name, std::string what, std::uint32_t n,
                    std::vector<std::pair<std::string, std::string>> replace, std::string message)
{
    BadInputCase row{std::move(name), "IDX (MNIST, Fashion-MNIST)", std::move(what), {}, {}, 1, std::move(message)};
    row.cli = [n, replace](const std::filesystem::path &dir) {
        writeIdxDirectory(dir / "idx", n, replace);
        return accuracy(dir, "idx:" + (dir / "idx").string());
    };
    return row;
}

BadInputCase cifarRow(std::string name, std::string what, std::vector<std::pair<std::string, std::string>> replace,
                      std::string message)
{
    BadInputCase row{std::move(name), "CIFAR-10 binary", std::move(what), {}, {}, 1, std::move(message)};
    row.cli = [replace](const std::filesystem::path &dir) {
        writeCifarDirectory(dir / "cifar", replace);
        return accuracy(dir, "cifar:" + (dir / "cifar").string());
    };
    return row;
}

/// A valid 8x8 RGB PNG.
std::string pngBytes(int side = 8)
{
    std::vector<uchar> bytes;
    cv::imencode(".png", cv::Mat(side, side, CV_8UC3, cv::Scalar(10, 20, 30)), bytes);
    return {bytes.begin(), bytes.end()};
}

BadInputCase imageRow(std::string name, std::string what, std::string fileName,
                      std::function<void(const std::filesystem::path &)> write, std::string message)
{
    BadInputCase row{std::move(name), "image file", std::move(what), {}, {}, 1, std::move(message)};
    row.cli = [fileName, write](const std::filesystem::path &dir) {
        write(dir / fileName);
        return "predict --model " + writeTinyModel(dir / "model.safetensors").string() + " --input "
            + (dir / fileName).string() + " --out " + (dir / "out.safetensors").string();
    };
    return row;
}

/// bcos predict --input DIR/in.safetensors holding `tensors` (image tensors in place of image files).
BadInputCase imagesTensorRow(std::string name, std::string what, core::TensorMap tensors, std::string message)
{
    BadInputCase row{std::move(name), "images tensor file (.safetensors)", std::move(what), {}, {}, 1,
                     std::move(message)};
    row.cli = [tensors](const std::filesystem::path &dir) {
        core::writeSafetensors(dir / "in.safetensors", tensors);
        return "predict --model " + writeTinyModel(dir / "model.safetensors").string() + " --input "
            + (dir / "in.safetensors").string();
    };
    return row;
}

core::TensorMap oneTensor(const std::string &name, const at::Tensor &tensor)
{
    core::TensorMap tensors;
    tensors.insert(name, tensor);
    return tensors;
}

std::string trainOn(const std::filesystem::path &dir, const std::string &data, const std::string &extra = "")
{
    return "train --mode scratch --arch simplecnn:4 --data " + data
        + " --epochs 1 --batch-size 4 --workers 0 "
          "--no-augment --out "
        + (dir / "run").string() + extra;
}

BadInputCase folderRow(std::string name, std::string what, std::function<void(const std::filesystem::path &)> make,
                       std::string message)
{
    BadInputCase row{std::move(name), "image folder", std::move(what), {}, {}, 1, std::move(message)};
    row.cli = [make](const std::filesystem::path &dir) {
        make(dir / "images");
        return trainOn(dir, (dir / "images").string());
    };
    return row;
}

void classFolder(const std::filesystem::path &folder, const std::string &content = pngBytes())
{
    std::filesystem::create_directories(folder);
    for (const std::string name : {"a.png", "b.png"})
        writeFile(folder / name, content);
}

BadInputCase runRow(std::string name, std::string what, std::function<void(const std::filesystem::path &run)> damage,
                    std::string extra, std::string message)
{
    BadInputCase row{std::move(name), "run directory (--resume)", std::move(what), {}, {}, 1, std::move(message)};
    row.cli = [damage, extra](const std::filesystem::path &dir) {
        writeIdxDirectory(dir / "idx", 8);
        std::filesystem::create_directories(dir / "run");
        damage(dir / "run");
        return trainOn(dir, "idx:" + (dir / "idx").string(), " --resume" + extra);
    };
    return row;
}

BadInputCase vocabRow(std::string name, std::string what, std::string content, std::string message)
{
    BadInputCase row{std::move(name), "CLIP BPE merge list", std::move(what), {}, {}, 1, std::move(message)};
    row.core = [content](const std::filesystem::path &dir) {
        if (content != "<missing>")
            writeFile(dir / "bpe.txt.gz", content);
        core::ClipTokenizer tokenizer(dir / "bpe.txt.gz");
    };
    return row;
}

} // namespace

std::vector<BadInputCase> dataFileCases()
{
    std::vector<BadInputCase> rows;
    rows.push_back(idxRow("idx.missing-file", "no t10k-images file", 4, {},
                          "bcos evaluate: missing dataset file {dir}/idx/t10k-images-idx3-ubyte (or "
                          "{dir}/idx/t10k-images-idx3-ubyte.gz)"));
    rows.back().cli = [](const std::filesystem::path &dir) {
        std::filesystem::create_directories(dir / "idx");
        return accuracy(dir, "idx:" + (dir / "idx").string());
    };
    rows.push_back(idxRow("idx.bad-magic", "images file with 2 dimensions (magic 0x0802)", 4,
                          {{"t10k-images-idx3-ubyte", idxBytes({4, 16}, std::string(64, '\0'))}},
                          "bcos evaluate: {dir}/idx/t10k-images-idx3-ubyte: not an IDX file of unsigned bytes with 3 "
                          "dimension(s) (magic 00000802)"));
    rows.push_back(
        idxRow("idx.truncated", "4 images of 4x4 promised, 10 bytes present", 4,
               {{"t10k-images-idx3-ubyte", idxBytes({4, 4, 4}, std::string(10, '\0'))}},
               "bcos evaluate: {dir}/idx/t10k-images-idx3-ubyte: expected 64 data bytes after the header, found 10"));
    rows.push_back(
        idxRow("idx.huge-dimensions", "dims 2^31-1 x 2^31-1 x 2^31-1 (hostile)", 4,
               {{"t10k-images-idx3-ubyte", idxBytes({0x7fffffff, 0x7fffffff, 0x7fffffff}, "")}},
               "bcos evaluate: {dir}/idx/t10k-images-idx3-ubyte: IDX dimensions 2147483647x2147483647x2147483647 "
               "describe more bytes than a file can hold"));
    rows.push_back(
        idxRow("idx.wrapping-dimensions", "dims 2^31 x 2^31 x 4: the byte count wraps around to 0 (hostile)", 4,
               {{"t10k-images-idx3-ubyte", idxBytes({0x80000000u, 0x80000000u, 4}, "")}},
               "bcos evaluate: {dir}/idx/t10k-images-idx3-ubyte: IDX dimensions 2147483648x2147483648x4 describe "
               "more bytes than a file can hold"));
    rows.push_back(
        idxRow("idx.count-mismatch", "4 images but 3 labels", 4,
               {{"t10k-labels-idx1-ubyte", idxBytes({3}, std::string(3, '\0'))}},
               "bcos evaluate: {dir}/idx/t10k-images-idx3-ubyte holds 4 images but {dir}/idx/t10k-labels-idx1-ubyte "
               "holds 3 labels"));
    rows.push_back(idxRow("idx.class-count-mismatch", "labels up to 200 for a 10-class model", 4,
                          {{"t10k-labels-idx1-ubyte", idxBytes({4}, std::string("\x01\x02\x03\xc8", 4))}},
                          "bcos evaluate: the labels go up to 200, but the model has 10 classes"));
    rows.push_back(
        idxRow("idx.corrupt-gzip", "a .gz file with a gzip magic and garbage", 4, {},
               "bcos evaluate: {dir}/idx/t10k-images-idx3-ubyte.gz: truncated gzip data (the compressed stream ends "
               "early)"));
    rows.back().cli = [](const std::filesystem::path &dir) {
        writeIdxDirectory(dir / "idx", 4);
        std::filesystem::remove(dir / "idx" / "t10k-images-idx3-ubyte");
        writeFile(dir / "idx" / "t10k-images-idx3-ubyte.gz", std::string("\x1f\x8b\x08\x00garbage", 11));
        return accuracy(dir, "idx:" + (dir / "idx").string());
    };

    rows.push_back(cifarRow("cifar.missing-file", "no test_batch.bin", {},
                            "bcos evaluate: missing CIFAR-10 file {dir}/cifar/test_batch.bin"));
    rows.back().cli = [](const std::filesystem::path &dir) {
        writeCifarDirectory(dir / "cifar");
        std::filesystem::remove(dir / "cifar" / "test_batch.bin");
        return accuracy(dir, "cifar:" + (dir / "cifar").string());
    };
    rows.push_back(
        cifarRow("cifar.truncated", "test_batch.bin of 100 bytes", {{"test_batch.bin", std::string(100, '\0')}},
                 "bcos evaluate: {dir}/cifar/test_batch.bin: 100 bytes is not a whole number of 3073-byte CIFAR-10 "
                 "records (truncated?)"));
    rows.push_back(cifarRow("cifar.label-out-of-range", "a record with label 12",
                            {{"test_batch.bin", std::string(1, '\x0c') + std::string(3072, '\0')}},
                            "bcos evaluate: {dir}/cifar/test_batch.bin: label byte out of range (expected 0..9)"));

    rows.push_back(imageRow(
        "image.missing", "the path does not exist", "absent.png", [](const auto &) {},
        "bcos predict: {dir}/absent.png: no such image file"));
    rows.push_back(imageRow(
        "image.not-an-image", "a text file named .png", "text.png",
        [](const auto &p) { writeFile(p, "hello, world\n"); },
        "bcos predict: {dir}/text.png: not an image OpenCV can decode (PNG, JPEG, BMP, TIFF, WebP...)"));
    rows.push_back(imageRow(
        "image.dicom-marker", "135 bytes with \"DICM\" at offset 128 (image_fuzz crasher: GDCM abort()ed)",
        "scan.png",
        [](const auto &p) {
            writeFile(p, readTextFile(sourceDir()
                                      + "/tests/fuzz/corpus/image/regression-dicom-marker-gdcm-abort"));
        },
        "bcos predict: {dir}/scan.png: DICOM files are not supported; convert the image to PNG or TIFF"));
    rows.push_back(imageRow(
        "image.truncated", "a PNG cut after 40 bytes", "cut.png",
        [](const auto &p) { writeFile(p, pngBytes().substr(0, 40)); },
        "libpng error: Read Error\nbcos predict: {dir}/cut.png: not an image OpenCV can decode (PNG, JPEG, "
        "BMP, TIFF, WebP...)"));
    rows.push_back(imageRow(
        "image.huge-header", "a PNG header claiming 20000x20000 with no pixel data (hostile)", "claims.png",
        [](const auto &p) {
            std::string png = pngBytes(1);
            // IHDR width and height (big-endian) at offsets 16 and 20: 20000 = 0x4e20.
            png.replace(16, 8, std::string("\0\0\x4e\x20\0\0\x4e\x20", 8));
            writeFile(p, png);
        },
        "libpng error: IHDR: CRC error\nbcos predict: {dir}/claims.png: not an image OpenCV can decode (PNG, "
        "JPEG, BMP, TIFF, WebP...)"));
    rows.push_back(imageRow(
        "image.20000x20000", "a real 20000x20000 grayscale PNG (400 megapixels)", "huge.png",
        [](const auto &p) { cv::imwrite(p.string(), cv::Mat(20000, 20000, CV_8UC1, cv::Scalar(0))); },
        "bcos predict: {dir}/huge.png: 20000x20000 pixels is more than the supported 100 megapixels; scale "
        "the image down"));

    rows.push_back(imagesTensorRow("images-tensor.no-images", "a tensor file without tensor 'images'",
                                   oneTensor("pixels", torch::rand({2, 3, 8, 8})),
                                   "bcos predict: {dir}/in.safetensors: no tensor 'images' (expected [N, 3, H, W] "
                                   "float32 in [0, 1])"));
    rows.push_back(imagesTensorRow("images-tensor.one-channel", "'images' of one channel, [2, 1, 8, 8]",
                                   oneTensor("images", torch::rand({2, 1, 8, 8})),
                                   "bcos predict: {dir}/in.safetensors: tensor 'images' must be [N, 3, H, W] "
                                   "floating point, got [2, 1, 8, 8] Float"));
    rows.push_back(imagesTensorRow("images-tensor.empty", "'images' holding no image, [0, 3, 8, 8]",
                                   oneTensor("images", torch::rand({0, 3, 8, 8})),
                                   "bcos predict: {dir}/in.safetensors: tensor 'images' holds no images "
                                   "([0, 3, 8, 8])"));

    rows.push_back(folderRow(
        "folder.missing", "the folder does not exist", [](const auto &) {},
        "bcos train: image folder {dir}/images does not exist or is not a directory"));
    rows.push_back(folderRow(
        "folder.no-classes", "a folder with loose images and no class subfolders",
        [](const auto &root) {
            std::filesystem::create_directories(root);
            writeFile(root / "a.png", pngBytes());
        },
        "bcos train: --mode scratch learns from labels, and the training images have none (no class folders); "
        "--mode distill trains without labels"));
    rows.push_back(folderRow(
        "folder.corrupt-image", "dog/b.png is text, the 3 other images are fine",
        [](const auto &root) {
            classFolder(root / "cat");
            classFolder(root / "dog");
            writeFile(root / "dog" / "b.png", "not a png");
        },
        "bcos train: {dir}/images/dog/b.png: not an image OpenCV can decode (PNG, JPEG, BMP, TIFF, WebP...)"));
    rows.push_back(folderRow(
        "folder.unknown-val-class", "val/ has a class that train/ lacks",
        [](const auto &root) {
            classFolder(root / "train" / "cat");
            classFolder(root / "train" / "dog");
            classFolder(root / "val" / "cow");
        },
        "bcos train: {dir}/images/val: class folder 'cow' is not one of the 2 training classes"));

    rows.push_back(folderRow(
        "folder.empty-class", "cat/ and dog/ hold images, bird/ none (torchvision refuses it too)",
        [](const auto &root) {
            classFolder(root / "cat");
            classFolder(root / "dog");
            std::filesystem::create_directories(root / "bird" / "thumbnails");
            writeFile(root / "bird" / "notes.txt", "to do");
        },
        "bcos train: {dir}/images: class folder 'bird' holds no images (.jpg, .jpeg, .png, .ppm, .bmp, .pgm, .tif, "
        ".tiff, .webp), but every folder is a class (as torchvision's ImageFolder numbers them) and the model would "
        "learn a class it never sees: remove it or add its images"));

    rows.push_back(folderRow(
        "folder.mixed-sizes", "cat/ holds 8x8 PNGs, dog/ 12x12 ones, and no --image-size (native size)",
        [](const auto &root) {
            classFolder(root / "cat");
            classFolder(root / "dog", pngBytes(12));
        },
        "bcos train: images of different sizes in one batch: {dir}/images/cat/b.png is 8 x 8 pixels (width x "
        "height), {dir}/images/dog/b.png is 12 x 12; give an image size to resize and crop each to (bcos train "
        "--image-size N)"));

    BadInputCase foreign = folderRow(
        "folder.foreign-classes",
        "cat/ and dog/ for a model of 10 classes without names (0 ... 9): neither names nor count match", {}, "");
    foreign.cli = [](const std::filesystem::path &dir) {
        classFolder(dir / "images" / "cat");
        classFolder(dir / "images" / "dog");
        return accuracy(dir, (dir / "images").string());
    };
    foreign.message = "bcos evaluate: --data {dir}/images: its 2 classes (cat, dog) are not the 10 classes of the "
                      "model (0, 1, 2, 3, 4, ... (10 in all)): a label means a class where the class names are among "
                      "them or where the counts agree";
    rows.push_back(foreign);

    rows.push_back(runRow(
        "run.no-checkpoint", "--resume on a run directory without checkpoint.pt", [](const auto &) {}, "",
        "bcos train: no checkpoint to resume from: {dir}/run/checkpoint.pt does not exist"));
    rows.push_back(runRow(
        "run.garbage-checkpoint", "checkpoint.pt holds random text",
        [](const auto &run) { writeFile(run / "checkpoint.pt", "this is not a checkpoint"); }, "",
        "bcos train: {dir}/run/checkpoint.pt: not a checkpoint written by bcos train (expected a LibTorch "
        "archive)"));
    rows.push_back(runRow(
        "run.wrong-format-checkpoint", "checkpoint.pt is a safetensors model file",
        [](const auto &run) { writeTinyModel(run / "checkpoint.pt"); }, "",
        "bcos train: {dir}/run/checkpoint.pt: not a checkpoint written by bcos train (expected a LibTorch "
        "archive)"));

    BadInputCase seed{
        "run.seed-mismatch",
        "run directory (--resume)",
        "resuming a seed-0 run with --seed 9",
        {},
        {},
        1,
        "bcos train: {dir}/run/checkpoint.pt was written with seed 0, but this run uses seed 9; resume with "
        "the same seed"};
    seed.cli = [](const std::filesystem::path &dir) {
        writeIdxDirectory(dir / "idx", 8);
        runCli(cliPath(), trainOn(dir, "idx:" + (dir / "idx").string()), dir);
        return trainOn(dir, "idx:" + (dir / "idx").string(), " --resume --seed 9");
    };
    rows.push_back(seed);
    BadInputCase arch{"run.architecture-mismatch",
                      "run directory (--resume)",
                      "resuming a simplecnn:4 run as simplecnn:6",
                      {},
                      {},
                      1,
                      "bcos train: {dir}/run/checkpoint.pt: tensor 'model.features.0.linear.weight' has shape "
                      "[4, 6, 3, 3] in the checkpoint but [6, 6, 3, 3] in this run's network; resume with the options "
                      "of the interrupted run"};
    arch.cli = [](const std::filesystem::path &dir) {
        writeIdxDirectory(dir / "idx", 8);
        runCli(cliPath(), trainOn(dir, "idx:" + (dir / "idx").string()), dir);
        std::string resume = trainOn(dir, "idx:" + (dir / "idx").string(), " --resume");
        resume.replace(resume.find("simplecnn:4"), 11, "simplecnn:6");
        return resume;
    };
    rows.push_back(arch);

    BadInputCase optimizer{
        "run.optimizer-mismatch",
        "run directory (--resume)",
        "resuming an Adam run with --optimizer sgd",
        {},
        {},
        1,
        "bcos train: {dir}/run/checkpoint.pt: the optimizer state does not fit this run's optimizer; "
        "resume with the options of the interrupted run"};
    optimizer.cli = [](const std::filesystem::path &dir) {
        writeIdxDirectory(dir / "idx", 8);
        runCli(cliPath(), trainOn(dir, "idx:" + (dir / "idx").string()), dir);
        return trainOn(dir, "idx:" + (dir / "idx").string(), " --resume --optimizer sgd");
    };
    rows.push_back(optimizer);

    rows.push_back(vocabRow("vocab.missing", "the merge list does not exist", "<missing>",
                            "{dir}/bpe.txt.gz: cannot open the CLIP BPE merge list"));
    rows.push_back(vocabRow("vocab.corrupt-gzip", "gzip magic followed by garbage",
                            std::string("\x1f\x8b\x08\x00garbage and more garbage", 29),
                            "{dir}/bpe.txt.gz: corrupt gzip data"));
    rows.push_back(vocabRow("vocab.too-few-merges", "a plain-text list with 2 merges", "#version: 0.2\na b\nc d\n",
                            "{dir}/bpe.txt.gz: expected 48894 merges (CLIP's bpe_simple_vocab_16e6), found 2"));
    rows.push_back(vocabRow("vocab.malformed-merge", "a merge line with three symbols", "#version: 0.2\na b c\n",
                            "{dir}/bpe.txt.gz: merge 1 is not two symbols: 'a b c'"));
    return rows;
}

} // namespace bcos::test
