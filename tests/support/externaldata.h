#pragma once
// What some tests need from the machine beyond the checkout and ../shared/golden. A test that needs one of these
// and finds it missing skips with the reason (GTEST_SKIP() << kNeeds...): ctest reports it as skipped, never as
// passed (bcos_add_test sets SKIP_REGULAR_EXPRESSION).

#include <filesystem>

namespace bcos::test {

/// Debian's dataset-fashion-mnist: /usr/share/datasets/fashion-mnist, or "" when this machine lacks it.
std::filesystem::path fashionMnistDir();
inline constexpr const char *kNeedsFashionMnist =
    "needs /usr/share/datasets/fashion-mnist (Debian: apt-get install dataset-fashion-mnist)";

/// Whether /usr/bin/python3 imports torch (Debian's python3-torch writes the reference torch.save files).
/// Checked once per process.
bool systemPythonHasTorch();
inline constexpr const char *kSystemPython = "/usr/bin/python3";
inline constexpr const char *kNeedsPythonTorch =
    "needs /usr/bin/python3 with torch (Debian: apt-get install python3-torch)";

/// Process groups (core/train/distributedgroup.h) are built only with gloo's headers; tests of them skip otherwise
/// (they define BCOS_HAVE_DISTRIBUTED from CMake's BCOS_HAVE_DISTRIBUTED).
inline constexpr const char *kNeedsGloo =
    "built without gloo's headers (Debian: apt-get install libgloo-dev): no process groups";

} // namespace bcos::test
