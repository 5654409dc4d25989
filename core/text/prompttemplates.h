#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bcos::core {

/// The 80 ImageNet prompt templates of CLIP ("a bad photo of a {}." ...), in CLIP's order.
const std::vector<std::string> &imagenetPromptTemplates();

/// A user-editable list of prompt templates; each must contain the placeholder "{}" exactly once.
class PromptTemplates {
public:
    /// CLIP's 80 ImageNet templates.
    PromptTemplates();
    explicit PromptTemplates(std::vector<std::string> templates);

    /// One template per line; blank lines and lines starting with '#' are ignored. Throws
    /// Error{InvalidArgument} naming the line of a template without exactly one "{}".
    static PromptTemplates fromText(std::string_view text);
    /// One template per line.
    std::string toText() const;

    const std::vector<std::string> &templates() const { return m_templates; }
    size_t size() const { return m_templates.size(); }
    void add(const std::string &prompt);
    void remove(size_t index);
    void replace(size_t index, const std::string &prompt);

    /// Every template with "{}" replaced by `className` (underscores become spaces, as CLIP's class lists).
    std::vector<std::string> fill(const std::string &className) const;

private:
    std::vector<std::string> m_templates;
};

/// The template with its "{}" replaced by `className`.
std::string fillPromptTemplate(const std::string &prompt, const std::string &className);

} // namespace bcos::core
