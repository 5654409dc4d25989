#include "studioservices.h"

namespace bcos::studio {

widgets::StudioServices makeServices()
{
    widgets::StudioServices services;
    services.versions = widgets::queryVersionInfo();
    // The model-file loader (core/io model files + architecture presets) and the trainer (core/train) are
    // merged from their branches; until then the seams stay empty and the studio says so when used:
    // Document::loadModel reports "no model-file loader in this build", TrainingController::start fails
    // with "Training is not available in this build".
    return services;
}

} // namespace bcos::studio
