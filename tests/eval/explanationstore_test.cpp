// The explanation store: the format round-trips, its validation names the file and the field, and
// `bcos explain --out STORE/` stores exactly the maps and values the single-file commands compute.
#include "core/error.h"
#include "core/eval/explanationstore.h"
#include "core/eval/metrics/statistics.h"
#include "core/io/safetensors.h"
#include "tests/support/buildpaths.h"
#include "tests/support/clirun.h"
#include "tests/support/errorof.h"
#include "tests/support/linearscore.h"
#include "tests/support/tempdir.h"
#include "tests/support/tinymodel.h"

#include <torch/torch.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace bcos {
namespace {

namespace fs = std::filesystem;
using test::errorOf;

core::StoreIndex smallIndex()
{
    core::StoreIndex index;
    index.model = "/models/m.safetensors";
    index.input = "images.safetensors";
    index.methods = {"wxx", "gradcam"};
    index.values = {"complexity/wxx", "deletion/gradcam"};
    index.options["deletion/gradcam"] = {{"curve_x", {0.0, 0.5, 1.0}}};
    index.height = 4;
    index.width = 5;
    index.numClasses = 3;
    return index;
}

/// A chunk of `n` images for smallIndex(), its values seeded by `seed`.
core::TensorMap smallChunk(int64_t n, int64_t seed)
{
    torch::manual_seed(static_cast<uint64_t>(seed));
    core::TensorMap t;
    t.insert("images", torch::randint(0, 256, {n, 3, 4, 5}).to(torch::kByte));
    t.insert("labels", torch::arange(n, torch::kLong));
    t.insert("logits", torch::randn({n, 3}));
    t.insert("targets", torch::randint(0, 3, {n}, torch::kLong));
    t.insert("wxx/attributions", torch::randn({n, 4, 5}));
    t.insert("wxx/rgba", torch::randint(0, 256, {n, 4, 5, 4}).to(torch::kByte));
    t.insert("gradcam/attributions", torch::rand({n, 4, 5}));
    t.insert("complexity/wxx", torch::rand({n}, torch::kDouble));
    t.insert("deletion/gradcam", torch::rand({n}, torch::kDouble));
    t.insert("deletion/gradcam/curve", torch::rand({n, 3}, torch::kDouble));
    return t;
}

TEST(ExplanationStore, RoundTripsEveryTensorChunkByChunk)
{
    const test::TempDir dir;
    const fs::path folder = dir / "store";
    const core::TensorMap first = smallChunk(3, 1), second = smallChunk(2, 2);
    {
        core::ExplanationStoreWriter writer(folder, smallIndex());
        writer.append(first, {"a.png", "b.png", "c.png"});
        writer.append(second, {"d.png", "e.png"});
        writer.finish({"broken.png: not an image"});
    }
    const auto store = core::ExplanationStore::open(folder);
    ASSERT_EQ(store->size(), 5);
    EXPECT_TRUE(store->index().complete);
    EXPECT_EQ(store->index().names, (std::vector<std::string>{"a.png", "b.png", "c.png", "d.png", "e.png"}));
    EXPECT_EQ(store->index().unreadable, std::vector<std::string>{"broken.png: not an image"});
    EXPECT_EQ(store->index().chunks.size(), 2u);
    for (int64_t i = 0; i < 5; ++i) {
        const core::TensorMap &chunk = i < 3 ? first : second;
        const int64_t row = i < 3 ? i : i - 3;
        EXPECT_TRUE(store->image(i).equal(chunk["images"][row])) << i;
        EXPECT_TRUE(store->attributions("wxx", i).equal(chunk["wxx/attributions"][row])) << i;
        EXPECT_TRUE(store->attributions("gradcam", i).equal(chunk["gradcam/attributions"][row])) << i;
        EXPECT_TRUE(store->rgba(i).equal(chunk["wxx/rgba"][row])) << i;
        EXPECT_TRUE(store->logits(i).equal(chunk["logits"][row])) << i;
        EXPECT_EQ(store->label(i), row);
        EXPECT_EQ(store->target(i), chunk["targets"][row].item<int64_t>());
    }
    EXPECT_TRUE(store->values("complexity/wxx").equal(torch::cat({first["complexity/wxx"], second["complexity/wxx"]})));
    EXPECT_TRUE(store->curves("deletion/gradcam")
                    .equal(torch::cat({first["deletion/gradcam/curve"], second["deletion/gradcam/curve"]})));
    EXPECT_FALSE(store->curves("complexity/wxx").defined());
    EXPECT_TRUE(store->labels().equal(torch::tensor({0, 1, 2, 0, 1}, torch::kLong)));
    EXPECT_EQ(errorOf([&] { store->attributions("ixg", 0); }), (folder.string() + ": the store has no 'ixg' maps"));
    EXPECT_EQ(errorOf([&] { store->image(5); }),
              (folder.string() + ": image 5 is out of range (the store holds 5)"));
}

TEST(ExplanationStore, AnInterruptedStoreReopensWithTheChunksWritten)
{
    const test::TempDir dir;
    core::ExplanationStoreWriter writer(dir / "store", smallIndex());
    writer.append(smallChunk(2, 1), {"a", "b"});
    const auto store = core::ExplanationStore::open(dir / "store"); // no finish(): the run stopped here
    EXPECT_FALSE(store->index().complete);
    EXPECT_EQ(store->size(), 2);
}

TEST(ExplanationStore, AppendRejectsAChunkThatDoesNotFitTheLayout)
{
    const test::TempDir dir;
    core::ExplanationStoreWriter writer(dir / "store", smallIndex());
    core::TensorMap chunk = smallChunk(2, 1);
    chunk["gradcam/attributions"] = torch::rand({2, 5, 4});
    EXPECT_EQ(errorOf([&] { writer.append(chunk, {"a", "b"}); }),
              ((dir / "store" / "chunk-00000.safetensors").string()
               + ": tensor 'gradcam/attributions' must be [2, 4, 5] Float, got [2, 5, 4] Float"));
    chunk = smallChunk(2, 1);
    chunk.erase("complexity/wxx");
    EXPECT_EQ(errorOf([&] { writer.append(chunk, {"a", "b"}); }),
              ((dir / "store" / "chunk-00000.safetensors").string()
               + ": no tensor 'complexity/wxx' (the store's index lists it)"));
    EXPECT_EQ(core::ExplanationStore::open(dir / "store")->size(), 0); // nothing half-written
}

TEST(ExplanationStore, NeverWritesIntoAFolderOfOtherFiles)
{
    const test::TempDir dir;
    fs::create_directories(dir / "photos");
    std::ofstream(dir / "photos" / "cat.jpg") << "a photo";
    EXPECT_EQ(errorOf([&] { core::ExplanationStoreWriter(dir / "photos", smallIndex()); }),
              ((dir / "photos").string()
               + ": the folder is not empty and holds no explanation store (no index.json); give a new or empty folder"));
    EXPECT_TRUE(fs::exists(dir / "photos" / "cat.jpg"));
}

TEST(ExplanationStore, OpenNamesTheFileAndFieldThatIsWrong)
{
    const test::TempDir dir;
    const fs::path folder = dir / "store";
    {
        core::ExplanationStoreWriter writer(folder, smallIndex());
        writer.append(smallChunk(2, 1), {"a", "b"});
        writer.finish();
    }
    const std::string index = (folder / "index.json").string();
    nlohmann::json json = nlohmann::json::parse(std::ifstream(index));
    const auto rewrite = [&](const nlohmann::json &changed) { std::ofstream(index) << changed.dump(); };

    nlohmann::json bad = json;
    bad["format"] = "something-else";
    rewrite(bad);
    EXPECT_EQ(errorOf([&] { core::ExplanationStore::open(folder); }),
              index + ": field 'format' is 'something-else', expected 'bcos-explanation-store-v1'");
    bad = json;
    bad["chunks"][0]["file"] = "../../etc/passwd";
    rewrite(bad);
    EXPECT_EQ(errorOf([&] { core::ExplanationStore::open(folder); }),
              index + " (chunk 0): 'file' must be a file name inside the store, got '../../etc/passwd'");
    bad = json;
    bad["names"].push_back("c");
    rewrite(bad);
    EXPECT_EQ(errorOf([&] { core::ExplanationStore::open(folder); }),
              index + ": the chunks hold 2 images, 'names' lists 3");
    bad = json;
    bad.erase("height");
    rewrite(bad);
    EXPECT_EQ(errorOf([&] { core::ExplanationStore::open(folder); }),
              index + ": missing field 'height' (expected a positive integer)");
    rewrite(json);
    fs::remove(folder / "chunk-00000.safetensors");
    EXPECT_EQ(errorOf([&] { core::ExplanationStore::open(folder); }),
              (folder / "chunk-00000.safetensors").string() + ": chunk file missing (listed in " + index + ")");
    // A chunk file that does not match the index is caught when it is read, naming the file and the tensor.
    core::TensorMap chunk = smallChunk(2, 1);
    chunk["logits"] = torch::randn({2, 7});
    core::writeSafetensors(folder / "chunk-00000.safetensors", chunk);
    const auto store = core::ExplanationStore::open(folder);
    EXPECT_EQ(errorOf([&] { store->logits(0); }), (folder / "chunk-00000.safetensors").string()
                                                      + ": tensor 'logits' must be [2, 3] Float, got [2, 7] Float");
    EXPECT_EQ(errorOf([&] { core::ExplanationStore::open(dir / "nowhere"); }),
              (dir / "nowhere" / "index.json").string()
                  + ": cannot open (an explanation store is a folder written by 'bcos explain --out FOLDER/')");
}

/// The tiny B-cos model and 7 images in a temp dir, for the CLI.
struct CliFixture {
    test::TempDir dir;
    std::string model = test::writeTinyModel(dir / "model.safetensors").string();
    std::string images = (dir / "images.safetensors").string();
    CliFixture()
    {
        core::TensorMap tensors;
        tensors.insert("images", test::seededImages(7, 8, 8, 3));
        tensors.insert("labels", torch::arange(7, torch::kLong).remainder(10));
        core::writeSafetensors(images, tensors);
    }
    test::CliRun run(const std::string &arguments) const
    {
        return test::runCli(test::cliPath(), arguments + " --model " + model, dir.path());
    }
    std::string out(const std::string &name) const { return (dir / name).string(); }
};

TEST(ExplainStoreCli, StoresTheMapsAndValuesTheSingleFileCommandsCompute)
{
    const CliFixture f;
    const auto stored = f.run("explain --input " + f.images + " --method wxx,ixg --metrics complexity,deletion"
                              + " --chunk-size 3 --batch-size 2 --out " + f.out("store"));
    ASSERT_EQ(stored.status, 0) << stored.err;
    const auto store = core::ExplanationStore::open(f.out("store"));
    ASSERT_EQ(store->size(), 7);
    EXPECT_EQ(store->index().chunks.size(), 3u); // 3 + 3 + 1
    EXPECT_EQ(store->index().methods, (std::vector<std::string>{"wxx", "ixg"}));
    EXPECT_EQ(store->index().values,
              (std::vector<std::string>{"complexity/wxx", "complexity/ixg", "deletion/wxx", "deletion/ixg",
                                        "agreement/wxx~ixg"}));
    EXPECT_EQ(store->index().names.front(), "images.safetensors #0");
    EXPECT_TRUE(store->labels().equal(torch::arange(7, torch::kLong)));
    // The progress line (a log here: each tenth once) follows the steps inside a chunk, not only chunk ends.
    std::vector<std::string> lines;
    std::istringstream err(stored.err);
    for (std::string line; std::getline(err, line);)
        lines.push_back(line);
    ASSERT_FALSE(lines.empty());
    const auto progress = std::count_if(lines.begin(), lines.end(),
                                        [](const std::string &line) { return line.rfind("images ", 0) == 0; });
    EXPECT_GT(progress, 3) << stored.err;
    EXPECT_LE(progress, 10) << stored.err;
    EXPECT_NE(stored.err.find("images 0/7 ("), std::string::npos) << stored.err;
    EXPECT_EQ(lines.back(), "images 7/7 (100 %)") << stored.err;

    for (const std::string method : {"wxx", "ixg"}) {
        const auto single = f.run("explain --input " + f.images + " --method " + method + " --out " + f.out(method + ".safetensors"));
        ASSERT_EQ(single.status, 0) << single.err;
        const auto file = core::readSafetensors(f.out(method + ".safetensors"));
        for (int64_t i = 0; i < 7; ++i) {
            EXPECT_TRUE(torch::allclose(store->attributions(method, i), file.tensors["attributions"][i], 1e-5, 1e-6))
                << method << " image " << i;
            EXPECT_TRUE(torch::allclose(store->logits(i), file.tensors["logits"][i], 1e-5, 1e-6)) << i;
            EXPECT_EQ(store->target(i), file.tensors["targets"][i].item<int64_t>());
        }
        for (const std::string metric : {"complexity", "deletion"}) {
            const auto evaluated = f.run("evaluate " + metric + " --images " + f.images + " --method " + method
                                         + " --out " + f.out(metric + method + ".safetensors"));
            ASSERT_EQ(evaluated.status, 0) << evaluated.err;
            const at::Tensor expected = core::readSafetensors(f.out(metric + method + ".safetensors")).tensors["values"];
            EXPECT_TRUE(torch::allclose(store->values(metric + "/" + method), expected, 1e-6, 1e-9, true))
                << metric << "/" << method;
        }
    }
    // The agreement is Spearman's rho of |wxx| and |ixg| per image.
    const at::Tensor rho = store->values("agreement/wxx~ixg");
    for (int64_t i = 0; i < 7; ++i)
        EXPECT_NEAR(rho[i].item<double>(),
                    core::spearmanCorrelation(store->attributions("wxx", i).abs().flatten().to(torch::kDouble),
                                              store->attributions("ixg", i).abs().flatten().to(torch::kDouble)),
                    1e-12);
    EXPECT_EQ(store->curves("deletion/wxx").sizes(), (std::vector<int64_t>{7, 33}));
    EXPECT_NE(stored.out.find("complexity/wxx: mean "), std::string::npos) << stored.out;
}

TEST(ExplainStoreCli, ScoresRandomMapsAsTheFloorOfEveryMetric)
{
    const CliFixture f;
    // Chunks of 3, 3 and 1 images: the random maps' draws go on from chunk to chunk, image after image.
    const auto stored = f.run("explain --input " + f.images + " --method wxx,random --metrics complexity,deletion"
                              + " --seed 5 --chunk-size 3 --batch-size 2 --out " + f.out("store"));
    ASSERT_EQ(stored.status, 0) << stored.err;
    const auto store = core::ExplanationStore::open(f.out("store"));
    EXPECT_EQ(store->index().methods, (std::vector<std::string>{"wxx"})); // random maps are scored, not stored
    EXPECT_EQ(store->index().values, (std::vector<std::string>{"complexity/wxx", "complexity/random", "deletion/wxx",
                                                               "deletion/random"}));
    EXPECT_EQ(store->index().options["deletion/random"]["seed"], 5);
    EXPECT_EQ(store->index().options["random_floor"]["seed"], 5);
    EXPECT_EQ(store->curves("deletion/random").sizes(), (std::vector<int64_t>{7, 33}));
    for (const std::string metric : {"complexity", "deletion"}) {
        // bcos evaluate's floor over the same images, in one pass: the same maps, the same values.
        const auto evaluated = f.run("evaluate " + metric + " --images " + f.images + " --method random --seed 5"
                                     + " --out " + f.out(metric + "-random.safetensors"));
        ASSERT_EQ(evaluated.status, 0) << evaluated.err;
        const at::Tensor expected = core::readSafetensors(f.out(metric + "-random.safetensors")).tensors["values"];
        EXPECT_TRUE(torch::allclose(store->values(metric + "/random"), expected, 1e-6, 1e-9, true)) << metric;
    }
    // Not W(x)x's values: uniform random maps are near the maximum entropy (the tiny untrained model's deletion
    // curves are flat for any order, so only the complexity tells the maps apart).
    EXPECT_TRUE(store->values("complexity/random").gt(store->values("complexity/wxx")).all().item<bool>());
    // Another seed draws other maps.
    const auto other = f.run("explain --input " + f.images + " --method wxx,random --metrics complexity --seed 6"
                             + " --out " + f.out("store6"));
    ASSERT_EQ(other.status, 0) << other.err;
    EXPECT_FALSE(core::ExplanationStore::open(f.out("store6"))->values("complexity/random")
                     .equal(store->values("complexity/random")));
    EXPECT_NE(stored.out.find("deletion/random: mean "), std::string::npos) << stored.out;
}

TEST(ExplainStoreCli, RejectsWhatItCannotStore)
{
    const CliFixture f;
    auto run = f.run("explain --input " + f.images + " --metrics randomisation --out " + f.out("store"));
    EXPECT_EQ(run.status, 2);
    EXPECT_NE(run.err.find("--metrics: randomisation is not stored per image (it re-explains a randomised model); "
                           "run bcos evaluate randomisation"),
              std::string::npos)
        << run.err;
    run = f.run("explain --input " + f.images + " --metrics complexity --out " + f.out("x.safetensors"));
    EXPECT_EQ(run.status, 2);
    EXPECT_NE(run.err.find("--metrics belongs to an explanation store: give --out a folder, not a .safetensors file"),
              std::string::npos)
        << run.err;
    run = f.run("explain --input " + f.images + " --method wxx,wxx --out " + f.out("store"));
    EXPECT_EQ(run.status, 2);
    EXPECT_NE(run.err.find("--method lists wxx twice"), std::string::npos) << run.err;
    run = f.run("explain --input " + f.images + " --method wxx,random --out " + f.out("store"));
    EXPECT_EQ(run.status, 2);
    EXPECT_NE(run.err.find("--method random scores random maps (the floor) with --metrics; it stores no maps"),
              std::string::npos)
        << run.err;
    run = f.run("explain --input " + f.images + " --method random --metrics complexity --out " + f.out("store"));
    EXPECT_EQ(run.status, 2);
    EXPECT_NE(run.err.find("--method expects method names separated by commas, e.g. wxx,gradcam (random is scored "
                           "beside them)"),
              std::string::npos)
        << run.err;
    run = f.run("explain --input " + f.images + " --target label --method ixg --out " + f.out("labelled"));
    EXPECT_EQ(run.status, 0) << run.err;
    const auto store = core::ExplanationStore::open(f.out("labelled"));
    for (int64_t i = 0; i < 7; ++i)
        EXPECT_EQ(store->target(i), i);
}

} // namespace
} // namespace bcos
