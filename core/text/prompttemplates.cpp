#include "prompttemplates.h"

#include "core/error.h"

#include <algorithm>
#include <sstream>

namespace bcos::core {
namespace {

void validate(const std::string &prompt, const std::string &where)
{
    const size_t first = prompt.find("{}");
    if (first == std::string::npos || prompt.find("{}", first + 2) != std::string::npos)
        fail(ErrorCode::InvalidArgument, "prompt template {}: '{}' must contain the placeholder {{}} exactly once", where,
             prompt);
}

} // namespace

const std::vector<std::string> &imagenetPromptTemplates()
{
    // Radford et al. 2021, CLIP's "Prompt_Engineering_for_ImageNet" notebook.
    static const std::vector<std::string> templates{
        "a bad photo of a {}.", "a photo of many {}.", "a sculpture of a {}.", "a photo of the hard to see {}.",
        "a low resolution photo of the {}.", "a rendering of a {}.", "graffiti of a {}.", "a bad photo of the {}.",
        "a cropped photo of the {}.", "a tattoo of a {}.", "the embroidered {}.", "a photo of a hard to see {}.",
        "a bright photo of a {}.", "a photo of a clean {}.", "a photo of a dirty {}.", "a dark photo of the {}.",
        "a drawing of a {}.", "a photo of my {}.", "the plastic {}.", "a photo of the cool {}.",
        "a close-up photo of a {}.", "a black and white photo of the {}.", "a painting of the {}.",
        "a painting of a {}.", "a pixelated photo of the {}.", "a sculpture of the {}.", "a bright photo of the {}.",
        "a cropped photo of a {}.", "a plastic {}.", "a photo of the dirty {}.", "a jpeg corrupted photo of a {}.",
        "a blurry photo of the {}.", "a photo of the {}.", "a good photo of the {}.", "a rendering of the {}.",
        "a {} in a video game.", "a photo of one {}.", "a doodle of a {}.", "a close-up photo of the {}.",
        "a photo of a {}.", "the origami {}.", "the {} in a video game.", "a sketch of a {}.", "a doodle of the {}.",
        "a origami {}.", "a low resolution photo of a {}.", "the toy {}.", "a rendition of the {}.",
        "a photo of the clean {}.", "a photo of a large {}.", "a rendition of a {}.", "a photo of a nice {}.",
        "a photo of a weird {}.", "a blurry photo of a {}.", "a cartoon {}.", "art of a {}.", "a sketch of the {}.",
        "a embroidered {}.", "a pixelated photo of a {}.", "itap of the {}.", "a jpeg corrupted photo of the {}.",
        "a good photo of a {}.", "a plushie {}.", "a photo of the nice {}.", "a photo of the small {}.",
        "a photo of the weird {}.", "the cartoon {}.", "art of the {}.", "a drawing of the {}.",
        "a photo of the large {}.", "a black and white photo of a {}.", "the plushie {}.", "a dark photo of a {}.",
        "itap of a {}.", "graffiti of the {}.", "a toy {}.", "itap of my {}.", "a photo of a cool {}.",
        "a photo of a small {}.", "a tattoo of the {}.",
    };
    return templates;
}

std::string fillPromptTemplate(const std::string &prompt, const std::string &className)
{
    validate(prompt, "'" + prompt + "'");
    std::string name = className;
    std::replace(name.begin(), name.end(), '_', ' ');
    std::string out = prompt;
    out.replace(out.find("{}"), 2, name);
    return out;
}

PromptTemplates::PromptTemplates()
    : m_templates(imagenetPromptTemplates())
{
}

PromptTemplates::PromptTemplates(std::vector<std::string> templates)
    : m_templates(std::move(templates))
{
    for (size_t i = 0; i < m_templates.size(); ++i)
        validate(m_templates[i], std::to_string(i + 1));
}

PromptTemplates PromptTemplates::fromText(std::string_view text)
{
    std::vector<std::string> templates;
    std::istringstream lines{std::string(text)};
    std::string line;
    for (size_t number = 1; std::getline(lines, line); ++number) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        const size_t begin = line.find_first_not_of(" \t");
        if (begin == std::string::npos || line[begin] == '#')
            continue;
        line = line.substr(begin, line.find_last_not_of(" \t") - begin + 1);
        validate(line, "on line " + std::to_string(number));
        templates.push_back(line);
    }
    return PromptTemplates(std::move(templates));
}

std::string PromptTemplates::toText() const
{
    std::string out;
    for (const auto &prompt : m_templates)
        out += prompt + "\n";
    return out;
}

void PromptTemplates::add(const std::string &prompt)
{
    validate(prompt, std::to_string(m_templates.size() + 1));
    m_templates.push_back(prompt);
}

void PromptTemplates::remove(size_t index)
{
    if (index >= m_templates.size())
        fail(ErrorCode::InvalidArgument, "prompt templates: no template {} (have {})", index + 1, m_templates.size());
    m_templates.erase(m_templates.begin() + std::ptrdiff_t(index));
}

void PromptTemplates::replace(size_t index, const std::string &prompt)
{
    if (index >= m_templates.size())
        fail(ErrorCode::InvalidArgument, "prompt templates: no template {} (have {})", index + 1, m_templates.size());
    validate(prompt, std::to_string(index + 1));
    m_templates[index] = prompt;
}

std::vector<std::string> PromptTemplates::fill(const std::string &className) const
{
    std::vector<std::string> prompts;
    for (const auto &prompt : m_templates)
        prompts.push_back(fillPromptTemplate(prompt, className));
    return prompts;
}

} // namespace bcos::core
