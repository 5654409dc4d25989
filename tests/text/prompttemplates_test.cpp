#include "core/error.h"
#include "core/text/prompttemplates.h"

#include <gtest/gtest.h>

#include <set>

namespace bcos {
namespace {

TEST(PromptTemplates, ImagenetListHasEightyDistinctTemplates)
{
    const auto &templates = core::imagenetPromptTemplates();
    ASSERT_EQ(templates.size(), 80u);
    EXPECT_EQ(std::set<std::string>(templates.begin(), templates.end()).size(), 80u);
    EXPECT_EQ(templates.front(), "a bad photo of a {}.");
    EXPECT_EQ(templates.back(), "a tattoo of the {}.");
    EXPECT_EQ(core::PromptTemplates().size(), 80u);
}

TEST(PromptTemplates, FillReplacesThePlaceholder)
{
    const core::PromptTemplates templates({"a photo of a {}.", "{} in a video game"});
    EXPECT_EQ(templates.fill("great_white_shark"),
              (std::vector<std::string>{"a photo of a great white shark.", "great white shark in a video game"}));
}

TEST(PromptTemplates, EditableListRoundTripsThroughText)
{
    auto templates = core::PromptTemplates::fromText("# mine\na photo of a {}.\n\n  art of the {}.  \r\n");
    ASSERT_EQ(templates.size(), 2u);
    templates.add("a {} at night.");
    templates.replace(0, "a picture of a {}.");
    templates.remove(1);
    EXPECT_EQ(templates.toText(), "a picture of a {}.\na {} at night.\n");
    EXPECT_EQ(core::PromptTemplates::fromText(templates.toText()).templates(), templates.templates());
}

TEST(PromptTemplates, RejectsTemplatesWithoutOnePlaceholder)
{
    try {
        core::PromptTemplates::fromText("a photo of a {}.\na photo\n");
        FAIL() << "no error";
    } catch (const core::Error &error) {
        EXPECT_STREQ(error.what(), "prompt template on line 2: 'a photo' must contain the placeholder {} exactly once");
    }
    core::PromptTemplates templates;
    EXPECT_THROW(templates.add("{} and {}"), core::Error);
    EXPECT_THROW(templates.remove(80), core::Error);
}

} // namespace
} // namespace bcos
