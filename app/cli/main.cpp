// bcos: the headless command-line tool. Each subcommand lives in its own file; this file only dispatches.
#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "core/buildinfo.h"
#include "core/error.h"

#ifdef BCOS_HAVE_OPENCV
#include "core/imaging/imageio.h"
#endif

#include <fmt/format.h>

#include <cstring>
#include <exception>
#include <new>

namespace bcos::cli {

const std::vector<Command> &commands()
{
    static const std::vector<Command> list{
        {"inspect", "list the tensors, metadata and problems of a weights file (any format)", &runInspect},
        {"convert", "B-cosify a standard CNN (torchvision weights) into a model file", &runConvert},
        {"predict", "classify images with a model file or standard weights", &runPredict},
        {"explain", "explain predictions (W(x)x contributions and RGBA maps)", &runExplain},
        {"localize", "CLIP text-prompt localisation maps for cosine powers (B-cosified CLIP)", &runLocalize},
        {"evaluate", "accuracy, localisation and attribution metrics (deletion, ROAD, ...)", &runEvaluate},
        {"train", "train or fine-tune a network (pretrain, bcosify, scratch, distill, clip-distill)", &runTrain},
        {"doctor", "print devices, thread counts and which optional parts were built", &runDoctor},
    };
    return list;
}

namespace {

void printVersion()
{
    const auto info = core::queryBuildInfo();
    fmt::print("bcos {}\n", info.appVersion);
    fmt::print("Qt: not used by the command-line tool\n");
    fmt::print("LibTorch {}\n", info.torchVersion);
#ifdef BCOS_HAVE_OPENCV
    fmt::print("OpenCV {}\n", imaging::opencvVersion());
#else
    fmt::print("OpenCV: not built\n");
#endif
    fmt::print("CUDA available: {}\n", info.cudaAvailable ? "yes" : "no");
}

void printHelp()
{
    fmt::print("usage: bcos <command> [options]\n       bcos --version | --help\n\ncommands:\n");
    for (const auto &command : commands())
        fmt::print("  {:<10} {}\n", command.name, command.summary);
    fmt::print("\nRun 'bcos <command> --help' for the options of a command.\n");
}

} // namespace
} // namespace bcos::cli

int main(int argc, char **argv)
{
    using namespace bcos;
    core::configureThreads();
    if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) {
        cli::printHelp();
        return argc < 2 ? 2 : 0;
    }
    if (std::strcmp(argv[1], "--version") == 0) {
        cli::printVersion();
        return 0;
    }
    const std::string name = argv[1];
    for (const auto &command : cli::commands()) {
        if (name != command.name)
            continue;
        const std::vector<std::string> arguments(argv + 2, argv + argc);
        try {
            return command.run(arguments);
        } catch (const cli::UsageError &error) {
            fmt::print(stderr, "bcos {}: {}\n", name, error.message);
            return 2;
        } catch (const core::Error &error) {
            fmt::print(stderr, "bcos {}: {}\n", name, error.what());
            return error.code() == core::ErrorCode::Cancelled ? 130 : 1; // 130: stopped by Ctrl-C, as bcos train

        } catch (const std::bad_alloc &) {
            fmt::print(stderr, "bcos {}: out of memory\n", name);
            return 1;
        } catch (const std::exception &error) {
            fmt::print(stderr, "bcos {}: {}\n", name, core::torchMessage(error));
            return 1;
        }
    }
    fmt::print(stderr, "bcos: unknown command '{}' (see bcos --help)\n", name);
    return 2;
}
