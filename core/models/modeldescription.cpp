#include "modeldescription.h"

#include "core/error.h"
#include "core/nn/bcossettings.h"

#include <cstdint>
#include <limits>
#include <type_traits>

namespace bcos::core {

Preprocessing Preprocessing::imagenet() { return {}; }

Preprocessing Preprocessing::clip()
{
    Preprocessing p;
    p.name = "clip";
    p.mean = {0.48145466, 0.4578275, 0.40821073};
    p.std = {0.26862954, 0.26130258, 0.27577711};
    p.inputSize = 224;
    p.resizeSize = 224;
    return p;
}

Preprocessing Preprocessing::preset(const std::string &name)
{
    if (name == "imagenet")
        return imagenet();
    if (name == "clip")
        return clip();
    fail(ErrorCode::InvalidArgument, "unknown preprocessing preset '{}' (expected imagenet or clip)", name);
}

std::string ModelDescription::family() const { return architecture.value("family", std::string()); }

int64_t ModelDescription::numClasses() const { return architecture.value("num_classes", int64_t{0}); }

std::string ModelDescription::className(int64_t index) const
{
    if (index >= 0 && index < static_cast<int64_t>(classNames.size()))
        return classNames[static_cast<size_t>(index)];
    return "class " + std::to_string(index);
}

nlohmann::json ModelDescription::toJson() const
{
    const auto &p = preprocessing;
    return {{"format", "bcos-model-v1"},
            {"architecture", architecture},
            {"bcos",
             {{"enabled", bcos.enabled}, {"b", bcos.b}, {"keep_biases", bcos.keepBiases},
              {"logit_bias", bcos.logitBias}, {"mean_free", bcos.meanFree}, {"max_out", bcos.maxOut},
              {"learn_b", bcos.learnB}, {"keep_maxpool", bcos.keepMaxPool}, {"gap_reorder", bcos.gapReorder}}},
            {"preprocessing",
             {{"name", p.name}, {"mean", p.mean}, {"std", p.std}, {"input_size", p.inputSize},
              {"resize_size", p.resizeSize}}},
            {"class_names", classNames},
            {"provenance", provenance}};
}

namespace {

template <class T>
void readField(const nlohmann::json &object, const char *key, T &target, const std::string &where)
{
    const auto found = object.find(key);
    if (found == object.end())
        return; // optional: keep the default
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
        static_assert(std::is_signed_v<T>);
        // nlohmann converts a float (e.g. 1e104, or a literal too long for 64 bits) with a plain cast, which is
        // undefined behaviour out of range: integer fields take JSON integers only, range-checked.
        if (!found->is_number_integer())
            fail(ErrorCode::Format, "{}: field '{}' has the wrong type ({})", where, key, found->dump());
        const bool fits = found->is_number_unsigned()
            ? found->get<std::uint64_t>() <= static_cast<std::uint64_t>(std::numeric_limits<T>::max())
            : found->get<std::int64_t>() >= static_cast<std::int64_t>(std::numeric_limits<T>::min())
                && found->get<std::int64_t>() <= static_cast<std::int64_t>(std::numeric_limits<T>::max());
        if (!fits)
            fail(ErrorCode::Format, "{}: field '{}' is out of range ({})", where, key, found->dump());
    }
    try {
        target = found->get<T>();
    } catch (const nlohmann::json::exception &) {
        fail(ErrorCode::Format, "{}: field '{}' has the wrong type ({})", where, key, found->dump());
    }
}

} // namespace

ModelDescription ModelDescription::fromJson(const nlohmann::json &json, const std::string &origin)
{
    if (!json.is_object())
        fail(ErrorCode::Format, "{}: model description must be a JSON object", origin);
    const auto format = json.find("format");
    if (format == json.end() || !format->is_string() || format->get<std::string>() != "bcos-model-v1")
        fail(ErrorCode::Format, "{}: field 'format' must be \"bcos-model-v1\"", origin);
    ModelDescription d;
    const auto arch = json.find("architecture");
    if (arch == json.end() || !arch->is_object() || !arch->contains("family"))
        fail(ErrorCode::Format, "{}: field 'architecture' must be an object with a 'family'", origin);
    d.architecture = *arch;
    if (const auto b = json.find("bcos"); b != json.end()) {
        const std::string where = origin + ": bcos";
        readField(*b, "enabled", d.bcos.enabled, where);
        readField(*b, "b", d.bcos.b, where);
        readField(*b, "keep_biases", d.bcos.keepBiases, where);
        readField(*b, "logit_bias", d.bcos.logitBias, where);
        readField(*b, "mean_free", d.bcos.meanFree, where);
        readField(*b, "max_out", d.bcos.maxOut, where);
        readField(*b, "learn_b", d.bcos.learnB, where);
        readField(*b, "keep_maxpool", d.bcos.keepMaxPool, where);
        readField(*b, "gap_reorder", d.bcos.gapReorder, where);
        if (const std::string problem = bcosSettingsProblem(d.bcos); !problem.empty())
            fail(ErrorCode::Format, "{}: {}", where, problem);
    }
    if (const auto p = json.find("preprocessing"); p != json.end()) {
        const std::string where = origin + ": preprocessing";
        readField(*p, "name", d.preprocessing.name, where);
        readField(*p, "mean", d.preprocessing.mean, where);
        readField(*p, "std", d.preprocessing.std, where);
        readField(*p, "input_size", d.preprocessing.inputSize, where);
        readField(*p, "resize_size", d.preprocessing.resizeSize, where);
        const Preprocessing &read = d.preprocessing;
        if (read.inputSize < 1)
            fail(ErrorCode::Format, "{}: field 'input_size' must be a positive number of pixels, got {}", where,
                 read.inputSize);
        if (read.resizeSize != 0 && read.resizeSize < read.inputSize)
            fail(ErrorCode::Format,
                 "{}: field 'resize_size' must be 0 (the shorter side to input_size) or at least input_size ({}), got {}",
                 where, read.inputSize, read.resizeSize);
    }
    readField(json, "class_names", d.classNames, origin);
    if (const auto prov = json.find("provenance"); prov != json.end())
        d.provenance = *prov;
    return d;
}

} // namespace bcos::core
