#include "commands.h"

#include "app/cli/args.h"
#include "core/buildinfo.h"
#include "core/cudagraph.h"
#include "core/explain/wxxgraphs.h"
#include "core/nn/fusedbcosscale.h"

#include <fmt/format.h>

#ifdef BCOS_HAVE_OPENCV
#include "core/imaging/imageio.h"
#endif

#include <thread>

namespace bcos::cli {

namespace {

constexpr const char *kUsage = R"(usage: bcos doctor

Prints the versions (bcos, LibTorch), whether LibTorch was built with CUDA and can use it, the CUDA and cuDNN
versions, each GPU with its name, memory (total and in use) and compute capability, the GPU speed-ups built and
on (fused B-cos kernels, CUDA graphs), the CPU and LibTorch thread counts, the BLAS library and which optional
parts (imaging/OpenCV, the studio) were built. Takes no options.
)";

} // namespace

std::string gpuSpeedUpsLine()
{
    const std::string fused = !core::fusedCudaKernelsBuilt()
        ? "not built (configure with BCOS_WITH_CUDA=ON)"
        : core::fusedKernelsEnabled() ? "built, on" : "built, off (BCOS_FUSED_KERNELS=0)";
    const std::string graphs = !core::cudaGraphsBuilt()
        ? "need a CUDA LibTorch"
        : fmt::format("for bcos train --cuda-graphs; for explanations {}", core::wxxGraphsEnabled()
                          ? "on (BCOS_CUDA_GRAPHS=1)" : "off (BCOS_CUDA_GRAPHS=1 turns them on)");
    return fmt::format("GPU speed-ups: fused B-cos kernels {}; CUDA graphs {}", fused, graphs);
}

int runDoctor(const std::vector<std::string> &arguments)
{
    Args args(arguments, {}, {"help"});
    if (args.has("help")) {
        fmt::print("{}", kUsage);
        return 0;
    }
    if (!args.positional().empty())
        throw UsageError{"takes no arguments (see bcos doctor --help)"};
    const auto info = core::queryBuildInfo();
    fmt::print("bcos {}\n", info.appVersion);
    fmt::print("LibTorch {}  (CUDA built: {}, CUDA available: {}, devices: {})\n", info.torchVersion,
               info.cudaBuilt ? "yes" : "no", info.cudaAvailable ? "yes" : "no", info.cudaDevices);
    if (!info.cudaVersion.empty())
        fmt::print("CUDA {}, cuDNN {}\n", info.cudaVersion, info.cudnnVersion.empty() ? "not available" : info.cudnnVersion);
    for (const core::GpuDevice &gpu : info.gpus)
        fmt::print("GPU {}\n", core::describeGpu(gpu));
    if (!info.cudaAvailable)
        fmt::print("  training and explanations run on the CPU; a CUDA build of LibTorch and an NVIDIA GPU "
                   "are needed for GPU work\n");
    fmt::print("{}\n", gpuSpeedUpsLine());
    fmt::print("CPU: {} hardware threads; LibTorch intra-op threads {}, inter-op threads {}\n",
               std::thread::hardware_concurrency(), info.intraOpThreads, info.interOpThreads);
    fmt::print("BLAS: {}\n", info.blas);
#ifdef BCOS_HAVE_OPENCV
    fmt::print("OpenCV {}: image files and PNG export available\n", imaging::opencvVersion());
#else
    fmt::print("OpenCV: not built (image files need bcos_imaging; safetensors inputs still work)\n");
#endif
    fmt::print("Optional parts: imaging {}, GUI (bcos-studio) {}\n",
#ifdef BCOS_HAVE_OPENCV
               "built",
#else
               "not built",
#endif
#ifdef BCOS_BUILT_GUI
               "built"
#else
               "not built"
#endif
    );
    return 0;
}

} // namespace bcos::cli
