#include "imagenetclasses.h"

#include <sstream>

namespace bcos::core {

extern const char kImagenetClassesText[]; // generated from resources/imagenet-classes.txt (core/models/CMakeLists.txt)

const std::vector<std::string> &imagenetClassNames()
{
    static const std::vector<std::string> names = [] {
        std::vector<std::string> list;
        std::istringstream in(kImagenetClassesText);
        for (std::string line; std::getline(in, line);)
            if (!line.empty())
                list.push_back(line);
        return list;
    }();
    return names;
}

} // namespace bcos::core
