// core/enumnames.h: the one style of enum <-> name tables.
#include "core/enumnames.h"

#include <gtest/gtest.h>

namespace bcos {
namespace {

enum class Fruit { Apple, Pear, Plum, Quince };

constexpr core::EnumNames<Fruit, 3> kFruitNames{{{Fruit::Apple, "apple"}, {Fruit::Pear, "pear"}, {Fruit::Plum, "plum"}}};

TEST(EnumNames, NameAndValueBothWays)
{
    static_assert(core::enumName(kFruitNames, Fruit::Pear) == "pear");
    static_assert(core::enumFromName(kFruitNames, "plum") == Fruit::Plum);
    EXPECT_EQ(core::enumName(kFruitNames, Fruit::Apple), "apple");
    EXPECT_EQ(core::enumName(kFruitNames, Fruit::Quince), "unknown");
    EXPECT_EQ(core::enumName(kFruitNames, Fruit::Quince, "?"), "?");
    EXPECT_EQ(core::enumFromName(kFruitNames, "apple"), Fruit::Apple);
    EXPECT_EQ(core::enumFromName(kFruitNames, "Apple"), std::nullopt); // exact match only
    EXPECT_EQ(core::enumFromName(kFruitNames, ""), std::nullopt);
}

TEST(EnumNames, ListsForErrorMessages)
{
    EXPECT_EQ(core::joinedNames(kFruitNames), "apple, pear, plum");
    EXPECT_EQ(core::namesWithOr(kFruitNames), "apple, pear or plum");
    constexpr core::EnumNames<Fruit, 2> two{{{Fruit::Apple, "apple"}, {Fruit::Pear, "pear"}}};
    EXPECT_EQ(core::namesWithOr(two), "apple or pear");
    constexpr core::EnumNames<Fruit, 1> one{{{Fruit::Plum, "plum"}}};
    EXPECT_EQ(core::namesWithOr(one), "plum");
}

} // namespace
} // namespace bcos
