// Datasets (IDX, CIFAR-10), splits, augmentation and the multi-threaded loader.
#include "core/data/augment.h"
#include "core/data/cifardataset.h"
#include "core/data/classorder.h"
#include "core/data/dataloader.h"
#include "core/data/idxdataset.h"
#include "core/data/random.h"
#include "core/error.h"
#include "tests/support/errorof.h"
#include "tests/support/externaldata.h"
#include "tests/support/tempdir.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <algorithm>
#include <fstream>
#include <limits>
#include <set>

namespace bcos {
namespace {

namespace fs = std::filesystem;

void writeBytes(const fs::path &path, const std::string &bytes)
{
    std::ofstream out(path, std::ios::binary);
    out << bytes;
}

std::string idxBytes(const std::vector<uint32_t> &dims, const std::vector<uint8_t> &data, int dtype = 0x08)
{
    std::string bytes{'\0', '\0', static_cast<char>(dtype), static_cast<char>(dims.size())};
    for (const auto d : dims)
        for (int shift = 24; shift >= 0; shift -= 8)
            bytes.push_back(static_cast<char>((d >> shift) & 0xff));
    bytes.append(data.begin(), data.end());
    return bytes;
}

/// Expects `work` to throw core::Error with exactly `message`.
template <class F>
void expectError(F &&work, core::ErrorCode code, const std::string &message)
{
    try {
        work();
        FAIL() << "expected: " << message;
    } catch (const core::Error &error) {
        EXPECT_EQ(error.code(), code);
        EXPECT_EQ(std::string(error.what()), message);
    }
}

TEST(IdxDataset, ReadsUncompressedFilesAsThreeChannels)
{
    test::TempDir dir;
    std::vector<uint8_t> pixels(2 * 4 * 3);
    for (size_t i = 0; i < pixels.size(); ++i)
        pixels[i] = static_cast<uint8_t>(i * 10);
    writeBytes(dir / "train-images-idx3-ubyte", idxBytes({2, 4, 3}, pixels));
    writeBytes(dir / "train-labels-idx1-ubyte", idxBytes({2}, {7, 2}));
    const core::IdxDataset data(dir.path(), true);
    ASSERT_EQ(data.size(), 2);
    EXPECT_EQ(data.numClasses(), 8);
    const auto sample = data.get(1);
    EXPECT_EQ(sample.label, 2);
    ASSERT_EQ(sample.image.sizes(), (std::vector<int64_t>{3, 4, 3}));
    EXPECT_FLOAT_EQ(sample.image[2][0][0].item<float>(), 120.0f / 255.0f);
    EXPECT_TRUE(torch::equal(sample.image[0], sample.image[1]));
    expectError([&] { data.get(2); }, core::ErrorCode::InvalidArgument, "IDX dataset: index 2 out of range [0, 2)");
}

TEST(IdxDataset, ReadsGzipFashionMnist)
{
    if (test::fashionMnistDir().empty())
        GTEST_SKIP() << test::kNeedsFashionMnist;
    const core::IdxDataset data(test::fashionMnistDir(), false);
    ASSERT_EQ(data.size(), 10000);
    EXPECT_EQ(data.numClasses(), 10);
    EXPECT_EQ(data.get(0).image.sizes(), (std::vector<int64_t>{3, 28, 28}));
    EXPECT_EQ(data.get(0).label, 9); // the first Fashion-MNIST test item is an ankle boot
}

TEST(IdxDataset, ErrorsNameTheFile)
{
    test::TempDir dir;
    const auto images = dir / "train-images-idx3-ubyte";
    const auto labels = dir / "train-labels-idx1-ubyte";
    expectError([&] { core::IdxDataset(dir.path(), true); }, core::ErrorCode::Io,
                "missing dataset file " + images.string() + " (or " + images.string() + ".gz)");
    writeBytes(images, idxBytes({2, 2, 2}, std::vector<uint8_t>(7)));
    writeBytes(labels, idxBytes({2}, {0, 1}));
    expectError([&] { core::IdxDataset(dir.path(), true); }, core::ErrorCode::Format,
                images.string() + ": expected 8 data bytes after the header, found 7");
    writeBytes(images, idxBytes({2, 2}, std::vector<uint8_t>(4)));
    expectError([&] { core::IdxDataset(dir.path(), true); }, core::ErrorCode::Format,
                images.string() + ": not an IDX file of unsigned bytes with 3 dimension(s) (magic 00000802)");
    writeBytes(images, idxBytes({3, 1, 1}, std::vector<uint8_t>(3)));
    expectError([&] { core::IdxDataset(dir.path(), true); }, core::ErrorCode::Format,
                images.string() + " holds 3 images but " + labels.string() + " holds 2 labels");
    writeBytes(images, std::string("\0\0", 2));
    expectError([&] { core::IdxDataset(dir.path(), true); }, core::ErrorCode::Format,
                images.string() + ": truncated IDX header (2 bytes)");
}

TEST(IdxDataset, TruncatedAndCorruptGzip)
{
    test::TempDir dir;
    if (test::fashionMnistDir().empty())
        GTEST_SKIP() << test::kNeedsFashionMnist;
    std::ifstream in(test::fashionMnistDir() / "t10k-labels-idx1-ubyte.gz", std::ios::binary);
    const std::string gz((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_GT(gz.size(), 2000u);
    writeBytes(dir / "t10k-images-idx3-ubyte", idxBytes({1, 1, 1}, {0}));
    const auto labels = dir / "t10k-labels-idx1-ubyte.gz";
    writeBytes(labels, gz.substr(0, 1000));
    expectError([&] { core::IdxDataset(dir.path(), false); }, core::ErrorCode::Format,
                labels.string() + ": truncated gzip data (the compressed stream ends early)");
    auto corrupt = gz;
    for (size_t i = 100; i < 400; ++i)
        corrupt[i] = static_cast<char>(corrupt[i] ^ 0x5a);
    writeBytes(labels, corrupt);
    try {
        core::IdxDataset(dir.path(), false);
        FAIL() << "expected an error";
    } catch (const core::Error &error) {
        EXPECT_EQ(error.code(), core::ErrorCode::Format);
        EXPECT_EQ(std::string(error.what()).rfind(labels.string() + ": corrupt gzip data (", 0), 0u) << error.what();
    }
}

TEST(CifarDataset, ReadsBinaryBatchesAndNames)
{
    test::TempDir dir;
    for (int batch = 1; batch <= 5; ++batch) {
        std::string bytes;
        for (int record = 0; record < 2; ++record) {
            bytes.push_back(static_cast<char>((batch * 2 + record) % 10));
            for (int i = 0; i < 3072; ++i)
                bytes.push_back(static_cast<char>(i / 1024 * 100 + record)); // plane c holds 100*c + record
        }
        writeBytes(dir / ("data_batch_" + std::to_string(batch) + ".bin"), bytes);
    }
    writeBytes(dir / "batches.meta.txt", "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n");
    const core::CifarDataset data(dir.path(), true);
    ASSERT_EQ(data.size(), 10);
    EXPECT_EQ(data.classNames()[9], "truck");
    const auto sample = data.get(3); // batch 2, record 1
    EXPECT_EQ(sample.label, 5);
    EXPECT_FLOAT_EQ(sample.image[2][31][31].item<float>(), 201.0f / 255.0f);
    EXPECT_FLOAT_EQ(sample.image[0][0][0].item<float>(), 1.0f / 255.0f);

    expectError([&] { core::CifarDataset(dir.path(), false); }, core::ErrorCode::Io,
                "missing CIFAR-10 file " + (dir / "test_batch.bin").string());
    writeBytes(dir / "test_batch.bin", std::string(3073 * 2 - 5, '\1'));
    expectError([&] { core::CifarDataset(dir.path(), false); }, core::ErrorCode::Format,
                (dir / "test_batch.bin").string()
                    + ": 6141 bytes is not a whole number of 3073-byte CIFAR-10 records (truncated?)");
    writeBytes(dir / "test_batch.bin", std::string(3073, '\x0c'));
    expectError([&] { core::CifarDataset(dir.path(), false); }, core::ErrorCode::Format,
                (dir / "test_batch.bin").string() + ": label byte out of range (expected 0..9)");
}

/// Sample i: a constant image of value i/100, label i.
class IndexDataset : public core::Dataset {
public:
    explicit IndexDataset(int64_t n, int64_t failAt = -1) : m_n(n), m_failAt(failAt) {}
    int64_t size() const override { return m_n; }
    int64_t numClasses() const override { return m_n; }
    std::vector<std::string> classNames() const override { return {}; }
    core::Sample get(int64_t index) const override
    {
        if (index == m_failAt)
            core::fail(core::ErrorCode::Format, "sample {} is broken", index);
        return {torch::rand({3, 10, 12}) * 0 + static_cast<float>(index) / 100.0f, index};
    }

private:
    int64_t m_n, m_failAt;
};

std::vector<core::Batch> epochBatches(core::DataLoader &loader, int64_t epoch, int64_t first = 0)
{
    std::vector<core::Batch> batches;
    loader.startEpoch(epoch, first);
    while (auto batch = loader.next())
        batches.push_back(*batch);
    return batches;
}

TEST(DataLoader, DeterministicForAnyWorkerCountAndResumable)
{
    auto data = std::make_shared<IndexDataset>(37);
    core::LoaderOptions options;
    options.batchSize = 8;
    options.seed = 5;
    options.augment.size = 6;
    options.workers = 0;
    core::DataLoader serial(data, options);
    options.workers = 3;
    options.prefetchBatches = 2;
    core::DataLoader parallel(data, options);
    EXPECT_EQ(serial.batchesPerEpoch(), 5);
    const auto a = epochBatches(serial, 1), b = epochBatches(parallel, 1);
    ASSERT_EQ(a.size(), 5u);
    ASSERT_EQ(b.size(), 5u);
    std::set<int64_t> seen;
    for (size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(b[i].index, static_cast<int64_t>(i));
        EXPECT_TRUE(torch::equal(a[i].images, b[i].images));
        EXPECT_TRUE(torch::equal(a[i].labels, b[i].labels));
        EXPECT_EQ(a[i].images.size(2), 6);
        for (int64_t k = 0; k < a[i].labels.size(0); ++k)
            seen.insert(a[i].labels[k].item<int64_t>());
    }
    EXPECT_EQ(a.back().labels.size(0), 5);
    EXPECT_EQ(seen.size(), 37u); // a permutation
    const auto tail = epochBatches(parallel, 1, 3);
    ASSERT_EQ(tail.size(), 2u);
    EXPECT_TRUE(torch::equal(tail[0].images, a[3].images));
    EXPECT_EQ(tail[0].index, 3);
    const auto other = epochBatches(parallel, 2);
    EXPECT_FALSE(torch::equal(other[0].labels, a[0].labels));
    // drop last
    options.dropLast = true;
    EXPECT_EQ(core::DataLoader(data, options).batchesPerEpoch(), 4);
}

TEST(DataLoader, WorkerErrorsReachTheConsumer)
{
    core::LoaderOptions options;
    options.batchSize = 4;
    options.shuffle = false;
    core::DataLoader loader(std::make_shared<IndexDataset>(16, 9), options);
    loader.startEpoch(0);
    EXPECT_TRUE(loader.next().has_value());
    expectError(
        [&] {
            while (loader.next()) {
            }
        },
        core::ErrorCode::Format, "sample 9 is broken");
    options.batchSize = 0;
    expectError([&] { core::DataLoader(std::make_shared<IndexDataset>(4), options); }, core::ErrorCode::InvalidArgument,
                "batch size must be positive, got 0");
}

TEST(Augment, TrainAndEvalTransforms)
{
    const auto image = torch::rand({3, 10, 20});
    core::AugmentOptions eval;
    eval.train = false;
    eval.size = 8;
    const auto centre = core::augmentImage(image, eval, 0);
    ASSERT_EQ(centre.sizes(), (std::vector<int64_t>{3, 8, 8}));
    EXPECT_TRUE(torch::equal(centre, core::modelInput(image, 8, 9))); // round(8 * 256 / 224) = 9
    eval.evalResizeRatio = 1.0;
    EXPECT_TRUE(torch::equal(core::augmentImage(image, eval, 0), core::modelInput(image, 8, 8)));

    core::AugmentOptions train;
    train.size = 8;
    const auto x = core::augmentImage(image, train, 42);
    EXPECT_EQ(x.sizes(), (std::vector<int64_t>{3, 8, 8}));
    EXPECT_TRUE(torch::equal(x, core::augmentImage(image, train, 42)));
    EXPECT_FALSE(torch::equal(x, core::augmentImage(image, train, 43)));
    EXPECT_GE(x.min().item<float>(), 0.0f);
    EXPECT_LE(x.max().item<float>(), 1.0f);
    // size 0: flip only, which happens for about half of the seeds
    train.size = 0;
    int flipped = 0;
    for (uint64_t seed = 0; seed < 64; ++seed) {
        const auto y = core::augmentImage(image, train, seed);
        if (!torch::equal(y, image)) {
            EXPECT_TRUE(torch::equal(y, image.flip({2})));
            ++flipped;
        }
    }
    EXPECT_GT(flipped, 16);
    EXPECT_LT(flipped, 48);
}

/// Random 8-bit pixels [3, height, width].
at::Tensor randomBytes(int64_t height, int64_t width, uint64_t seed)
{
    torch::manual_seed(seed);
    return torch::randint(0, 256, {3, height, width}, torch::kByte);
}

TEST(Augment, TrainingCropsHoldEightBitValuesAsTheEvalTransformDoes)
{
    // An 8-bit image as the datasets give it (bytes / 255): every crop, downsampled or upsampled, is again bytes / 255,
    // bit for bit what modelInput() makes of the same bytes, as torchvision's crop of a PIL image.
    const at::Tensor image = randomBytes(12, 20, 3).to(torch::kFloat).div(255.0);
    for (const int64_t size : {6, 16}) {
        core::AugmentOptions train;
        train.size = size;
        for (uint64_t seed = 0; seed < 16; ++seed) {
            const at::Tensor crop = core::augmentImage(image, train, seed);
            ASSERT_EQ(crop.sizes(), (std::vector<int64_t>{3, size, size}));
            const at::Tensor levels = crop.mul(255.0).round();
            EXPECT_TRUE(torch::equal(crop, levels.div(255.0))) << "size " << size << ", seed " << seed;
            EXPECT_GE(levels.min().item<float>(), 0.0f);
            EXPECT_LE(levels.max().item<float>(), 255.0f);
        }
    }
}

TEST(ModelInput, CropsAtTorchvisionsCentreWhereNoResizeIsNeeded)
{
    // The shorter side already has the resize size: the crop alone, at round((extent - 8) / 2), halves to even.
    const at::Tensor wide = randomBytes(8, 15, 1); // (15 - 8) / 2 = 3.5 -> 4
    EXPECT_TRUE(torch::equal(core::modelInputBytes(wide, 8, 8), wide.slice(2, 4, 12)));
    const at::Tensor tall = randomBytes(13, 8, 2); // (13 - 8) / 2 = 2.5 -> 2
    EXPECT_TRUE(torch::equal(core::modelInputBytes(tall, 8, 0), tall.slice(1, 2, 10)));
    const at::Tensor square = randomBytes(8, 8, 3);
    EXPECT_TRUE(torch::equal(core::modelInputBytes(square, 8, 8), square));
    EXPECT_TRUE(torch::equal(core::modelInput(square, 8, 8), square.to(torch::kFloat).div(255.0)));
}

TEST(ModelInput, ResizesTheShorterSideAsTorchvisionThenRoundsToEightBits)
{
    namespace F = torch::nn::functional;
    // 13 x 9 (width x height) to a shorter side of 8: the longer becomes floor(13 * 8 / 9) = floor(11.56) = 11 (not
    // 12, which rounding gives), then the crop takes columns round(1.5) = 2 .. 9.
    const at::Tensor image = randomBytes(9, 13, 4);
    const at::Tensor resized = F::interpolate(image.unsqueeze(0).to(torch::kFloat), F::InterpolateFuncOptions()
                                                                                        .size(std::vector<int64_t>{8, 11})
                                                                                        .mode(torch::kBilinear)
                                                                                        .align_corners(false)
                                                                                        .antialias(true))[0];
    const at::Tensor expected = resized.round().clamp(0, 255).to(torch::kByte).slice(2, 2, 10);
    const at::Tensor input = core::modelInputBytes(image, 8, 0);
    ASSERT_EQ(input.sizes(), (std::vector<int64_t>{3, 8, 8}));
    EXPECT_TRUE(torch::equal(input, expected));
    // A larger resize first (resize_size 10 of an input of 8): 13 x 9 -> 14 x 10, centre rows and columns 1 .. 8 and
    // 3 .. 10.
    const at::Tensor larger = F::interpolate(image.unsqueeze(0).to(torch::kFloat), F::InterpolateFuncOptions()
                                                                                       .size(std::vector<int64_t>{10, 14})
                                                                                       .mode(torch::kBilinear)
                                                                                       .align_corners(false)
                                                                                       .antialias(true))[0];
    EXPECT_TRUE(torch::equal(core::modelInputBytes(image, 8, 10),
                             larger.round().clamp(0, 255).to(torch::kByte).slice(1, 1, 9).slice(2, 3, 11)));
}

TEST(ModelInput, AFloatImageIsItsBytes)
{
    // readImage()'s float decode and readImageBytes()'s bytes of one file give one input (the CLI and the studio).
    for (const auto &[height, width] : std::vector<std::pair<int64_t, int64_t>>{{9, 13}, {31, 17}, {8, 8}, {1, 20}}) {
        const at::Tensor bytes = randomBytes(height, width, uint64_t(height * 100 + width));
        const at::Tensor decoded = bytes.to(torch::kFloat).mul(1.0 / 255.0); // as OpenCV's convertTo scales
        for (const int64_t resize : {0, 8, 11}) {
            const at::Tensor input = core::modelInputBytes(bytes, 8, resize);
            EXPECT_TRUE(torch::equal(core::modelInputBytes(decoded, 8, resize), input)) << height << "x" << width;
            EXPECT_TRUE(torch::equal(core::modelInput(decoded, 8, resize), input.to(torch::kFloat).div(255.0)));
        }
    }
    // Out-of-range values are clamped, as the pixels of a float image that over- or undershoots.
    const at::Tensor over = torch::full({3, 8, 8}, 1.5), under = torch::full({3, 8, 8}, -0.5);
    EXPECT_TRUE(torch::equal(core::modelInputBytes(over, 8, 8), torch::full({3, 8, 8}, 255, torch::kByte)));
    EXPECT_TRUE(torch::equal(core::modelInputBytes(under, 8, 8), torch::zeros({3, 8, 8}, torch::kByte)));
}

TEST(ModelInput, RefusesWhatItCannotPrepare)
{
    const at::Tensor image = randomBytes(9, 13, 5);
    expectError([&] { core::modelInputBytes(image, 8, 4); }, core::ErrorCode::InvalidArgument,
                "resize size 4 is smaller than the input size 8");
    expectError([&] { core::modelInputBytes(image, 0, 0); }, core::ErrorCode::InvalidArgument,
                "input size must be positive, got 0");
    expectError([&] { core::modelInputBytes(image[0], 8, 0); }, core::ErrorCode::InvalidArgument,
                "expected an image [3, H, W], got [9, 13]");
    // A strip of 2 x 1,000,000 pixels to a shorter side of 224: 224 x 112,000,000 pixels, refused before allocating.
    const at::Tensor strip = torch::zeros({3, 1'000'000, 2}, torch::kByte);
    expectError([&] { core::modelInputBytes(strip, 224, 0); }, core::ErrorCode::InvalidArgument,
                "an image of 2 x 1000000 pixels (width x height) resized to a shorter side of 224 would be 224 x "
                "112000000 pixels, over 100 megapixels");
    // NaN pixels (a damaged tensor file) are 0, not undefined bytes.
    const at::Tensor nan = torch::full({3, 8, 8}, std::numeric_limits<float>::quiet_NaN());
    EXPECT_TRUE(torch::equal(core::modelInputBytes(nan, 8, 8), torch::zeros({3, 8, 8}, torch::kByte)));
}

TEST(ClassOrder, ReadsClassFoldersByNameElseByCount)
{
    const std::vector<std::string> model{"ant", "bee", "cat", "dog"};
    // Some of the classes, in any order: their indices among the model's.
    EXPECT_EQ(core::classOrder({"cat", "ant"}, model, 4), (std::vector<int64_t>{2, 0}));
    // Other names, as many: the same order (ImageFolder's numbering of all the classes).
    EXPECT_EQ(core::classOrder({"n01", "n02", "n03", "n04"}, model, 4), (std::vector<int64_t>{0, 1, 2, 3}));
    // Other names, another count: not the model's classes.
    EXPECT_EQ(core::classOrder({"owl", "bee"}, model, 4), std::nullopt);
    // A model without class names names them by index: folders "3" and "1" are classes 3 and 1.
    EXPECT_EQ(core::classOrder({"3", "1"}, {}, 10), (std::vector<int64_t>{3, 1}));
    EXPECT_EQ(core::classOrder({"3", "10"}, {}, 10), std::nullopt);
    EXPECT_EQ(core::indexNamesIfNone({}, 3), (std::vector<std::string>{"0", "1", "2"}));
    EXPECT_EQ(core::indexNamesIfNone(model, 9), model);
}

TEST(Dataset, SplitsAndSubsets)
{
    const auto [train, val] = core::splitIndices(100, 0.2, 3);
    EXPECT_EQ(train.size(), 80u);
    EXPECT_EQ(val.size(), 20u);
    std::set<int64_t> all(train.begin(), train.end());
    all.insert(val.begin(), val.end());
    EXPECT_EQ(all.size(), 100u);
    EXPECT_EQ(core::splitIndices(100, 0.2, 3).second, val);
    EXPECT_NE(core::splitIndices(100, 0.2, 4).second, val);
    expectError([] { core::splitIndices(10, 1.0, 0); }, core::ErrorCode::InvalidArgument,
                "validation fraction must be in [0, 1), got 1");
    auto base = std::make_shared<IndexDataset>(10);
    const auto head = core::headSubset(base, 4);
    EXPECT_EQ(head->size(), 4);
    EXPECT_EQ(head->get(3).label, 3);
    EXPECT_EQ(core::headSubset(base, 0), base);
    expectError([&] { core::SubsetDataset(base, {3, 10}); }, core::ErrorCode::InvalidArgument,
                "subset: index 10 out of range [0, 10)");
    EXPECT_NE(core::sampleSeed(1, 0, 5), core::sampleSeed(1, 1, 5));
    EXPECT_EQ(core::seededPermutation(5, 9), core::seededPermutation(5, 9));
}

/// The dataset indices of a shard's epoch (IndexDataset labels are the indices).
std::vector<int64_t> shardIndices(const std::shared_ptr<IndexDataset> &data, core::LoaderOptions options,
                                  int64_t shard, int64_t shards, bool pad, std::vector<int64_t> *batchSizes = nullptr)
{
    options.shardIndex = shard;
    options.shardCount = shards;
    options.padShards = pad;
    core::DataLoader loader(data, options);
    std::vector<int64_t> indices;
    for (const auto &batch : epochBatches(loader, 2)) {
        if (batchSizes)
            batchSizes->push_back(batch.labels.size(0));
        for (int64_t i = 0; i < batch.labels.size(0); ++i)
            indices.push_back(batch.labels[i].item<int64_t>());
    }
    return indices;
}

// DistributedSampler semantics: 37 samples over 2 ranks at batch 8 -> 19 each (the epoch order padded by its
// first sample), batches 8, 8, 3 on both ranks; rank r's step k holds positions r, r+2, ... of the same order,
// so both ranks' step k together are the single loader's step k at batch 16.
TEST(DataLoader, ShardsAreDisjointInterleavedAndPaddedLikeDistributedSampler)
{
    auto data = std::make_shared<IndexDataset>(37);
    core::LoaderOptions options;
    options.batchSize = 8;
    options.seed = 5;
    options.workers = 0;
    std::vector<int64_t> sizes0, sizes1;
    const auto rank0 = shardIndices(data, options, 0, 2, true, &sizes0);
    const auto rank1 = shardIndices(data, options, 1, 2, true, &sizes1);
    EXPECT_EQ(sizes0, (std::vector<int64_t>{8, 8, 3}));
    EXPECT_EQ(sizes1, sizes0);
    options.batchSize = 16;
    const auto single = shardIndices(data, options, 0, 1, true);
    ASSERT_EQ(single.size(), 37u);
    for (size_t i = 0; i < rank0.size(); ++i) {
        EXPECT_EQ(rank0[i], single[2 * i]);
        EXPECT_EQ(rank1[i], single[(2 * i + 1) % 37]); // the last one wraps to the order's first sample
    }
    std::vector<int64_t> all = rank0;
    all.insert(all.end(), rank1.begin(), rank1.end());
    std::sort(all.begin(), all.end());
    EXPECT_EQ(std::unique(all.begin(), all.end()) - all.begin(), 37); // every sample, one of them twice

    // Evaluation shards are disjoint and not padded: 19 + 18.
    options.batchSize = 8;
    const auto eval0 = shardIndices(data, options, 0, 2, false), eval1 = shardIndices(data, options, 1, 2, false);
    EXPECT_EQ(eval0.size(), 19u);
    EXPECT_EQ(eval1.size(), 18u);
    all = eval0;
    all.insert(all.end(), eval1.begin(), eval1.end());
    std::sort(all.begin(), all.end());
    EXPECT_EQ(std::unique(all.begin(), all.end()) - all.begin(), 37);
    EXPECT_EQ(all.size(), 37u);

    options.shardIndex = 2;
    options.shardCount = 2;
    EXPECT_EQ(test::errorOf([&] { core::DataLoader(data, options); }), "shard 2 of 2 does not exist");
}

} // namespace
} // namespace bcos
