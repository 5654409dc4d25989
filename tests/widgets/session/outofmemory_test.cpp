// An out-of-memory failure in a studio worker (loading a model file whose architecture needs terabytes of weights)
// ends as a logged message; the studio stays alive and keeps working.
#include "qtwait.h"
#include "testimages.h"
#include "tests/support/tempdir.h"
#include "tests/support/tinymodel.h"

#include "core/io/safetensors.h"
#include "core/models/modelfile.h"
#include "widgets/training/coretrainer.h"
#include "widgets/session/document.h"
#include "widgets/session/logmodel.h"
#include "widgets/session/studiosession.h"
#include "widgets/shell/mainwindow.h"
#include "widgets/session/modelloading.h"
#include "widgets/jobs/taskrunner.h"

#include <torch/torch.h>

#include <gtest/gtest.h>

namespace bcos::widgets {
namespace {

QString qpath(const std::filesystem::path &path)
{
    return QString::fromStdString(path.string());
}

/// A model file whose description asks for a simplecnn with 10^11 channels: its second convolution alone needs
/// 10^11 * 4 * 9 floats (13.1 TiB), an allocation that fails at once (no memory is touched).
void writeHostileModel(const std::filesystem::path &path)
{
    core::ModelDescription description;
    description.architecture = {{"family", "simplecnn"}, {"num_classes", 10}, {"widths", {4, 100000000000LL}}};
    description.bcos.enabled = true;
    core::Metadata metadata;
    metadata.set("format", "bcos-model-v1");
    metadata.set("bcos.model", description.toJson().dump());
    core::TensorMap tensors;
    tensors.insert("model.placeholder", torch::zeros({1}));
    core::writeSafetensors(path, tensors, metadata);
}

TEST(OutOfMemory, AWorkerThatCannotAllocateLeavesTheStudioAliveWithAMessage)
{
    test::TempDir dir;
    MainWindow window{StudioServices{loadModelWithCore, trainWithCore, {}}};
    writeHostileModel(dir / "huge.safetensors");
    QString failure;
    QObject::connect(&window.session().document(), &Document::modelLoadFailed, &window,
                     [&failure](const QString &, const QString &message) { failure = message; });
    window.openModel(qpath(dir / "huge.safetensors"));
    ASSERT_TRUE(test::waitUntil([&failure] { return !failure.isEmpty(); }, 60000));
    EXPECT_EQ(failure.toStdString(), "building the simplecnn network: out of memory: could not allocate 13.1 TiB");
    EXPECT_FALSE(window.session().document().hasModel());
    ASSERT_EQ(window.session().log().count(LogLevel::Error), 1);
    EXPECT_TRUE(
        window.session().log().entry(window.session().log().rowCount() - 1).message.contains(QStringLiteral("out of memory")));

    // Still alive: the next model loads and explains an image.
    test::writeTinyModel(dir / "tiny.safetensors", 10, 28);
    window.openModel(qpath(dir / "tiny.safetensors"));
    ASSERT_TRUE(test::waitUntil([&window] { return window.session().document().hasModel(); }, 60000));
    test::writeTestPng(qpath(dir / "photo.png"), 28, 28);
    window.openPaths({qpath(dir / "photo.png")});
    ASSERT_TRUE(test::waitUntil([&window] { return window.session().document().imageCount() == 1; }));
    EXPECT_TRUE(test::waitUntil([&window] { return window.session().runner().activeCount() == 0; }, 60000));
    EXPECT_EQ(window.session().log().count(LogLevel::Error), 1);
}

} // namespace
} // namespace bcos::widgets
