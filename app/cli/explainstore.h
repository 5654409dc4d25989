#pragma once

#include "core/explain/explainer.h"

#include <nlohmann/json.hpp>

#include <functional>

namespace bcos::cli {

class Args;

/// The explain request of one method from the command line; `parameters` gets what the method uses.
using MethodSettings = std::function<core::ExplainRequest(core::ExplainMethod method, nlohmann::json &parameters)>;

/// `bcos explain --input FOLDER|SPEC|I.safetensors --out STORE/`: explains a whole dataset chunk by chunk into an
/// explanation store (core/eval/explanationstore.h), with per-image metrics (--metrics) and the agreement of
/// every pair of methods.
int runExplainStore(const Args &args, const MethodSettings &settings);

/// The store options runExplain() accepts besides its own.
const std::vector<std::string> &storeOptionNames();
/// Their help text.
const char *storeUsage();

} // namespace bcos::cli
