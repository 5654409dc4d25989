// Runs every row of the bad-input catalogue (badinputcase.h) and checks docs/bad-inputs.md lists the same rows
// with the same expected messages.
#include "tests/badinput/badinputcase.h"
#include "tests/badinput/inputbuilders.h"
#include "tests/badinput/imagecases.h"
#include "tests/support/buildpaths.h"
#include "tests/support/clirun.h"
#include "tests/support/errorof.h"
#include "tests/support/tempdir.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <set>

namespace bcos::test {
namespace {

std::string replaceAll(std::string text, const std::string &from, const std::string &to)
{
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

std::string withoutFinalNewline(std::string text)
{
    if (!text.empty() && text.back() == '\n')
        text.pop_back();
    return text;
}

/// The doc's table cell for an expectation: {dir} as DIR, '|' escaped, line breaks as \n, in backticks.
std::string docCell(const std::string &text)
{
    return "`" + replaceAll(replaceAll(replaceAll(text, "{dir}", "DIR"), "|", "\\|"), "\n", "\\n") + "`";
}

class BadInput : public ::testing::TestWithParam<BadInputCase> { };

TEST_P(BadInput, GivesTheCataloguedResult)
{
    const BadInputCase &row = GetParam();
    TempDir dir;
    const std::string expected = replaceAll(row.message, "{dir}", dir.path().string());
    if (row.core) {
        EXPECT_EQ(errorOf([&] { row.core(dir.path()); }), expected);
        return;
    }
    const std::string arguments = row.cli(dir.path());
    const CliRun run = runCli(cliPath(), arguments, dir.path());
    EXPECT_EQ(run.status, row.status) << "bcos " << arguments << "\n" << run.out << run.err;
    if (row.status == 0)
        EXPECT_NE(run.out.find(expected), std::string::npos) << run.out << run.err;
    else
        EXPECT_EQ(withoutFinalNewline(run.err), expected) << "bcos " << arguments;
}

INSTANTIATE_TEST_SUITE_P(Catalogue, BadInput, ::testing::ValuesIn(badInputCatalogue()),
                         [](const auto &info) { return gtestName(info.param.name); });

TEST(BadInputCatalogue, NamesAreUnique)
{
    std::set<std::string> names;
    for (const auto &row : badInputCatalogue())
        EXPECT_TRUE(names.insert(row.name).second) << row.name;
    for (const auto &image : unusualImageCases())
        EXPECT_TRUE(names.insert(image.name).second) << image.name;
}

/// docs/bad-inputs.md from the tables; the commands come from running each row's builder in a scratch dir.
std::string catalogueMarkdown()
{
    std::string text = readTextFile(sourceDir() + "/docs/bad-inputs.in.md");
    text += "\n| case | input | what | command | exit | expected message |\n|---|---|---|---|---|---|\n";
    for (const auto &row : badInputCatalogue()) {
        std::string command = "(core API)";
        if (row.cli) {
            TempDir scratch;
            command = "`bcos " + replaceAll(row.cli(scratch.path()), scratch.path().string(), "DIR") + "`";
        }
        text += "| `" + row.name + "` | " + row.input + " | " + row.what + " | " + command + " | "
            + std::to_string(row.status) + " | " + docCell(row.message) + " |\n";
    }
    text += "\nUnusual but valid images (decoded by `readImage`, accepted by `bcos predict`):\n\n"
            "| case | input | what | command | exit | expected result |\n|---|---|---|---|---|---|\n";
    for (const auto &image : unusualImageCases())
        text += "| `" + image.name + "` | image file | " + image.what + " | `bcos predict --input DIR/" + image.fileName
            + "` | 0 | " + image.expected + " |\n";
    return text;
}

TEST(BadInputCatalogue, DocumentListsEveryRowWithItsMessage)
{
    if (std::getenv("BCOS_UPDATE_BADINPUT_DOC"))
        std::ofstream(sourceDir() + "/docs/bad-inputs.md") << catalogueMarkdown();
    std::ifstream in(sourceDir() + "/docs/bad-inputs.md");
    ASSERT_TRUE(in) << "docs/bad-inputs.md is missing";
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        if (line.rfind("| `", 0) == 0)
            lines.push_back(line);
    std::size_t rows = 0;
    const auto findRow = [&](const std::string &name) -> std::string {
        for (const auto &line : lines)
            if (line.rfind("| `" + name + "` |", 0) == 0)
                return line;
        return {};
    };
    for (const auto &row : badInputCatalogue()) {
        const std::string line = findRow(row.name);
        ASSERT_FALSE(line.empty()) << "docs/bad-inputs.md has no row for " << row.name;
        EXPECT_NE(line.find(docCell(row.message)), std::string::npos) << row.name << ": " << line;
        ++rows;
    }
    for (const auto &image : unusualImageCases()) {
        const std::string line = findRow(image.name);
        ASSERT_FALSE(line.empty()) << "docs/bad-inputs.md has no row for " << image.name;
        EXPECT_NE(line.find(image.expected), std::string::npos) << image.name << ": " << line;
        ++rows;
    }
    EXPECT_EQ(lines.size(), rows) << "docs/bad-inputs.md lists rows that the catalogue does not test";
}

TEST(CliDocument, EveryHelpBlockIsTheCommandsHelp)
{
    // docs/cli.md quotes `bcos ... --help` in blocks opened by "$ bcos ... --help": each must be what the command
    // prints now (the explain block had gone without the explanation store's usage).
    const std::string text = readTextFile(sourceDir() + "/docs/cli.md");
    const std::string prompt = "\n$ bcos ";
    int blocks = 0;
    for (size_t at = text.find(prompt); at != std::string::npos; at = text.find(prompt, at + 1)) {
        const size_t lineEnd = text.find('\n', at + 1);
        const std::string arguments = text.substr(at + prompt.size(), lineEnd - at - prompt.size());
        const size_t blockEnd = text.find("```", lineEnd);
        ASSERT_NE(blockEnd, std::string::npos) << "docs/cli.md: the block of 'bcos " << arguments << "' is not closed";
        const std::string quoted = text.substr(lineEnd + 1, blockEnd - lineEnd - 1);
        TempDir dir;
        const CliRun run = runCli(cliPath(), arguments, dir.path());
        EXPECT_EQ(run.status, 0) << "bcos " << arguments << "\n" << run.err;
        EXPECT_EQ(quoted, run.out) << "docs/cli.md quotes an old 'bcos " << arguments << "'";
        ++blocks;
    }
    EXPECT_GE(blocks, 9); // bcos --help and the eight commands'
}

} // namespace
} // namespace bcos::test
