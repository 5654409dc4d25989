#include "bcosify.h"

#include "core/error.h"
#include "core/models/family.h"
#include "core/models/loadweights.h"
#include "core/nn/bcossettings.h"

#include <torch/torch.h>


namespace bcos::core {
namespace {

void countChange(BcosifyChanges &changes, const std::string &standardType)
{
    const auto has = [&standardType](const char *part) { return standardType.find(part) != std::string::npos; };
    if (has("Conv"))
        ++changes.convolutions;
    else if (has("Linear"))
        ++changes.linears;
    else if (has("Norm"))
        ++changes.norms;
    else if (has("MaxPool"))
        ++changes.pools;
    else
        ++changes.other;
}

/// Walks both trees child by child in registration order: a family builds its layers in the same order in
/// either mode, while the B-cos network may name them otherwise (DenseNet's renumbered features).
void compareModules(const torch::nn::Module &standard, const torch::nn::Module &bcos, BcosifyChanges &changes)
{
    const auto standardChildren = standard.children();
    if (standardChildren.empty()) { // a layer: changed when the B-cos network has another type in its place
        if (standard.name() != bcos.name())
            countChange(changes, standard.name());
        return;
    }
    const auto bcosChildren = bcos.children();
    if (bcosChildren.size() == standardChildren.size()) {
        for (size_t i = 0; i < standardChildren.size(); ++i)
            compareModules(*standardChildren[i], *bcosChildren[i], changes);
        return;
    }
    // Children added or removed (ResNet's avgpool: B-cos pools after the classifier): pair them by name;
    // every layer of a child the B-cos network does not have changes.
    const auto bcosNamed = bcos.named_children();
    for (const auto &child : standard.named_children()) {
        if (const auto *match = bcosNamed.find(child.key())) {
            compareModules(*child.value(), **match, changes);
            continue;
        }
        for (const auto &module : child.value()->modules(true))
            if (module->children().empty())
                countChange(changes, module->name());
    }
}

} // namespace

BcosifyChanges countBcosifyChanges(const ModelDescription &standard, const BcosSettings &settings)
{
    if (standard.bcos.enabled)
        fail(ErrorCode::InvalidArgument, "bcosify: the model is already a B-cos network");
    ModelDescription plain = standard;
    plain.bcos = BcosSettings{};
    plain.architecture = canonicalArchitecture(standard.architecture, "architecture");
    ModelDescription converted = plain;
    converted.bcos = settings;
    converted.bcos.enabled = true;
    torch::NoGradGuard noGrad;
    const Network before = buildNetwork(plain);
    const Network after = buildNetwork(converted);
    BcosifyChanges changes;
    compareModules(*before, *after, changes);
    return changes;
}

Network loadStandardNetwork(const ModelDescription &description, const TensorMap &weights, const std::string &origin)
{
    ModelDescription standard = description;
    standard.bcos = BcosSettings{};
    standard.architecture = canonicalArchitecture(description.architecture, "architecture");
    Network network = buildNetwork(standard);
    loadStateDict(network->model(), weights, origin);
    network->eval();
    return network;
}

Network bcosify(const ModelDescription &standard, const TensorMap &standardWeights, const BcosSettings &settings,
                const std::string &origin)
{
    if (standard.bcos.enabled)
        fail(ErrorCode::InvalidArgument, "bcosify: the model is already a B-cos network");
    BcosSettings target = settings;
    target.enabled = true;
    if (const std::string problem = bcosSettingsProblem(target); !problem.empty())
        fail(ErrorCode::InvalidArgument, "bcosify: {}", problem);
    // Loading into the standard model first gives the readable key/shape diff for foreign checkpoints.
    Network source = loadStandardNetwork(standard, standardWeights, origin);

    ModelDescription description = source->description();
    description.bcos = settings;
    description.bcos.enabled = true;
    const Family &family = findFamily(description.family(), "architecture");
    if (!family.bcosifyWeights) // e.g. the B-cos-v2 zoo's standard ViTs: their B-cos versions are published instead
        fail(ErrorCode::InvalidArgument, "bcosify: {}: the '{}' family cannot be B-cosified", origin, family.name);
    const TensorMap converted =
        family.bcosifyWeights(description.architecture, stateDict(source->model()), description.bcos);
    Network network = buildNetwork(description);
    loadStateDict(network->model(), converted, "the B-cosified weights");
    network->eval();
    return network;
}

} // namespace bcos::core
