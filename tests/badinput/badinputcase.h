#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace bcos::test {

/// One row of the bad-input catalogue; docs/bad-inputs.md holds the same rows (generated from this table).
/// A case either runs the built `bcos` (cli) or calls a core API that must throw (core).
struct BadInputCase {
    std::string name; ///< unique id "<file type>.<case>", e.g. "safetensors.truncated"
    std::string input; ///< the file type or command under test
    std::string what; ///< one line: what is wrong (or unusual) about the input
    /// Writes the inputs under `dir` and returns the `bcos` arguments (paths inside `dir`).
    std::function<std::string(const std::filesystem::path &dir)> cli;
    /// Alternatively: writes the inputs under `dir` and calls the core API (for readers no command reaches alone).
    std::function<void(const std::filesystem::path &dir)> core;
    int status = 1; ///< expected exit status of the command (0 for unusual but valid inputs)
    /// Exact expectation with "{dir}" standing for the temp dir: the command's stderr (without the final
    /// newline) or the core Error's message; for status 0 a line the command prints on stdout.
    std::string message;
};

std::vector<BadInputCase> weightsFileCases(); ///< safetensors, torch zip/pickle, .ckpt, TorchScript
std::vector<BadInputCase> modelFileCases(); ///< our model files and architecture JSON
std::vector<BadInputCase> dataFileCases(); ///< IDX, CIFAR, image files and folders, run dirs, BPE vocab
std::vector<BadInputCase> commandLineCases(); ///< usage errors of every bcos command

/// All of the above, in catalogue order.
std::vector<BadInputCase> badInputCatalogue();

} // namespace bcos::test
