#include "bcosify.h"

#include "core/error.h"
#include "core/models/family.h"
#include "core/models/loadweights.h"

#include <torch/torch.h>

namespace bcos::core {

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
    if (settings.b <= 0 || settings.maxOut < 1)
        fail(ErrorCode::InvalidArgument, "bcosify: B must be positive and max-out at least 1 (got B={}, max-out={})",
             settings.b, settings.maxOut);
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
