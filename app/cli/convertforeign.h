#pragma once

namespace bcos::cli {

class Args;

/// `bcos convert --from bcos-v2|bcosification`: stores a published B-cos model (a B-cos-v2 zoo state dict,
/// a B-cosification Lightning release) as our model file with its architecture, B, logit bias, preprocessing
/// and (1000 classes) our ImageNet class names. Returns the exit status.
int convertPublished(const Args &args);

} // namespace bcos::cli
