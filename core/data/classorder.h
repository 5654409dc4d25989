#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bcos::core {

/// `classNames`, or where it is empty the index names "0", "1", ... of `classCount` classes (how a model without
/// class names names its classes to class folders).
std::vector<std::string> indexNamesIfNone(const std::vector<std::string> &classNames, int64_t classCount);

/// How the classes `names` of some images (class folders in sorted order, a dataset's classes) are a model's classes
/// `classNames` (none: named by their index) of `classCount`: each one's index among them where all are among them
/// (a folder of some of its classes, in any order); else 0, 1, ... (the same order) where they are as many (a folder
/// of all of them, as torchvision's ImageFolder numbers them); else nullopt: they are not its classes. `bcos
/// evaluate`, `bcos explain --out STORE/` and the studio read class folders with it.
std::optional<std::vector<int64_t>> classOrder(const std::vector<std::string> &names,
                                               const std::vector<std::string> &classNames, int64_t classCount);

} // namespace bcos::core
