#include "trainingnetwork.h"

#include "core/bcosify/bcosify.h"
#include "core/error.h"
#include "core/models/family.h"
#include "core/models/loadweights.h"

namespace bcos::core {
namespace {

Network buildForMode(const TrainingNetworkSpec &spec)
{
    switch (spec.mode) {
    case TrainMode::Bcosify:
    case TrainMode::Distill: // the student
        return bcosify(spec.description, spec.weights, spec.bcos, spec.origin);
    case TrainMode::Pretrain: {
        if (!spec.weights.is_empty())
            return loadStandardNetwork(spec.description, spec.weights, spec.origin);
        ModelDescription standard = spec.description;
        standard.bcos = BcosSettings{};
        return buildNetwork(standard);
    }
    case TrainMode::Scratch: {
        ModelDescription description = spec.description;
        description.bcos = spec.bcos;
        description.bcos.enabled = true;
        Network network = buildNetwork(description);
        if (!spec.weights.is_empty())
            loadStateDict(*network, spec.weights, spec.origin);
        return network;
    }
    case TrainMode::ClipDistill:
        break;
    }
    fail(ErrorCode::InvalidArgument, "training mode '{}' has no classifier network (see makeClipDistillation)",
         trainModeName(spec.mode));
}

} // namespace

Network buildTrainingNetwork(const TrainingNetworkSpec &spec)
{
    Network network = buildForMode(spec);
    network->train();
    return network;
}

DistillTask buildDistillation(const TrainingNetworkSpec &spec)
{
    if (spec.mode != TrainMode::Distill)
        fail(ErrorCode::InvalidArgument, "buildDistillation: training mode '{}' has no teacher", trainModeName(spec.mode));
    DistillTask task;
    task.teacher = loadStandardNetwork(spec.description, spec.weights, spec.origin);
    task.teacher->eval();
    task.student = buildTrainingNetwork(spec);
    return task;
}

} // namespace bcos::core
