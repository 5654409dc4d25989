#include "studioservices.h"

#include "widgets/training/coretrainer.h"
#include "widgets/session/modelloading.h"

namespace bcos::studio {

widgets::StudioServices makeServices()
{
    widgets::StudioServices services;
    services.versions = widgets::queryVersionInfo();
    services.modelLoader = widgets::loadModelWithCore; // model files and foreign weights (core/models, core/io)
    services.trainer = widgets::trainWithCore;         // core/train Trainer
    return services;
}

} // namespace bcos::studio
