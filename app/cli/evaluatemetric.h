#pragma once

#include "core/eval/metrics/metricrun.h"

#include <string>
#include <vector>

namespace bcos::cli {

class Args;

/// The options the metric subcommands add to `bcos evaluate`.
const std::vector<std::string> &metricOptionNames();

/// Their part of `bcos evaluate --help`.
const char *metricUsage();

/// `bcos evaluate <metric>`: core::evaluateMetric over the model's images for --method, per-image values to
/// --out, and as the last line on stdout "<metric> <method>: mean <v> (95 % interval <lo>..<hi>, N images)".
/// Progress on stderr; Ctrl-C cancels (core::Error{Cancelled}).
int runMetricCommand(const Args &args, core::Metric metric);

} // namespace bcos::cli
