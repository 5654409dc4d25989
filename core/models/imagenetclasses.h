#pragma once

#include <string>
#include <vector>

namespace bcos::core {

/// The class names we ship for 1000-class ImageNet models: short common names written by us
/// (resources/imagenet-classes.txt, compiled in), in the standard class-index order.
const std::vector<std::string> &imagenetClassNames();

} // namespace bcos::core
