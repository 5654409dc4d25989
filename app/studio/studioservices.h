#pragma once

#include "widgets/shell/mainwindow.h"

namespace bcos::studio {

/// The core services the studio runs with. This is the one place where the core's model-file loader and
/// trainer are plugged into the widgets' seams (ModelLoader, TrainFunction).
widgets::StudioServices makeServices();

} // namespace bcos::studio
