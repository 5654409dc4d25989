#pragma once
// Paths of this checkout and of this build that tests use. CMake writes them into one generated source
// (buildpaths.cpp in the build directory, tests/support/CMakeLists.txt) instead of passing them as -D definitions, so
// every other test source compiles to the same object in any checkout and ccache shares it between checkouts (CI
// builds a fresh clone; cmake/bcosccache.cmake).

#include <string>

namespace bcos::test {

/// The checkout: resources/demo, docs/, tests/*/fixtures.
const std::string &sourceDir();
/// Where the golden reference files are unless the environment's BCOS_GOLDEN_DIR says otherwise (goldenDir()):
/// the BCOS_GOLDEN_DIR of the configure step, ../shared/golden beside the checkout by default.
const std::string &goldenDefaultDir();
/// The `bcos` executable of this build (a test that runs it makes its target depend on `bcos`).
const std::string &cliPath();
/// The studio's executable, Qt's lupdate and the list of the translated sources: "" in builds without the GUI.
const std::string &studioPath();
const std::string &lupdatePath();
const std::string &translationSourcesFile();

} // namespace bcos::test
