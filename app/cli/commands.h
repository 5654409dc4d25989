#pragma once

#include <string>
#include <vector>

namespace bcos::cli {

/// A subcommand: `run` gets the arguments after the command name and returns the exit status
/// (0 success, 1 failure with a one-line reason on stderr, 2 usage error).
struct Command {
    const char *name;
    const char *summary;
    int (*run)(const std::vector<std::string> &arguments);
};

/// Every subcommand, in help order (defined in main.cpp).
const std::vector<Command> &commands();

int runDoctor(const std::vector<std::string> &arguments);
/// The line of `bcos doctor` that names the GPU speed-ups this build has and whether they are on.
std::string gpuSpeedUpsLine();
int runEvaluate(const std::vector<std::string> &arguments);
int runTrain(const std::vector<std::string> &arguments);
int runLocalize(const std::vector<std::string> &arguments);
int runConvert(const std::vector<std::string> &arguments);
int runPredict(const std::vector<std::string> &arguments);
int runExplain(const std::vector<std::string> &arguments);
int runInspect(const std::vector<std::string> &arguments);

} // namespace bcos::cli
