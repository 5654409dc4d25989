#pragma once

#include "core/io/tensormap.h"
#include "core/models/clipimage.h"
#include "core/models/cliptext.h"
#include "core/models/modeldescription.h"

#include <ATen/core/Tensor.h>

#include <filesystem>
#include <string>
#include <vector>

namespace bcos::core {

class ClipTokenizer;

/// A B-cosified CLIP model for text-prompt localisation: the unpooled image encoder and, when the file has
/// one, CLIP's text tower (to embed prompts). Both in eval mode on the CPU.
struct ClipModel {
    ModelDescription description;      ///< architecture {"family": "clip_resnet", ..., optional "text": {...}}
    ClipModifiedResNet image{nullptr}; ///< B-cos encoder: image6 [N, 6, H, W] -> unit tokens [h*w, N, D]
    ClipTextTransformer text{nullptr}; ///< null when the weights hold no text tower
    bool convertedOnLoad = false;      ///< standard CLIP weights were B-cosified on load (not fine-tuned)

    bool hasText() const { return !text.is_empty(); }
    /// The text tower; throws Error{Format} "<origin>: the model file has no CLIP text tower (tensors ...)".
    ClipTextTransformerImpl &requireText(const std::string &origin) const;
};

/// True for the CLIP architecture families ("clip_resnet", "clip_modified_resnet").
bool isClipFamily(const std::string &family);

/// True when `path` is a safetensors file whose metadata "bcos.model" describes a CLIP family (reads the header
/// only; false for anything unreadable).
bool isClipModelFile(const std::filesystem::path &path);

/// The image tower's architecture JSON as CLIP's build_model derives it from OpenAI's state dict (keys with or
/// without "visual."): layers = blocks per stage, width = rows of layer1.0.conv1.weight, output_dim = rows of
/// attnpool.c_proj.weight, input_resolution = 32 * sqrt(rows of attnpool.positional_embedding - 1),
/// heads = width * 32 / 64. Throws Error{Format} "<origin>: not CLIP ModifiedResNet weights (no '<key>')".
nlohmann::json inferClipArchitecture(const TensorMap &weights, const std::string &origin);

/// A flat CLIP state dict split by tower (the key rules of buildClipModel): image keys without "model."/"visual.",
/// text keys without "text.", OpenAI's scalars dropped, floating-point tensors as float32 (OpenAI's .pt is fp16).
struct ClipWeights {
    TensorMap image;
    TensorMap text;
};
ClipWeights splitClipWeights(const TensorMap &weights);

/// Builds a CLIP model from a description and flat weights. Image-encoder keys may sit under "model." or
/// "visual." (OpenAI's full CLIP state dict); text-tower keys under "text." or at OpenAI's top level
/// (token_embedding, positional_embedding, transformer.*, ln_final, text_projection); OpenAI's scalars
/// (logit_scale, input_resolution, context_length, vocab_size) are ignored. Standard CLIP image weights
/// (with attnpool.positional_embedding) are B-cosified with description.bcos. The text tower's shape comes from
/// architecture "text" or, as CLIP's build_model, from the tensor shapes (heads = width / 64).
/// Throws Error{InvalidArgument} "<origin>: text localisation needs a B-cosified CLIP model" when
/// description.bcos.enabled is false, Error{Format} for another family, Error{Mismatch} for weights that do
/// not fit.
ClipModel buildClipModel(const ModelDescription &description, const TensorMap &weights, const std::string &origin);

/// Reads a CLIP model file: safetensors with metadata "bcos.model" (the ModelDescription JSON, family
/// clip_resnet) and the weights as for buildClipModel. Throws Error{Format} "<path>: no 'bcos.model' metadata
/// (not a B-cos Studio model file)", "<path>: not a CLIP model (architecture family '<f>', expected
/// clip_resnet)" and the errors of buildClipModel.
ClipModel loadClipModel(const std::filesystem::path &path);

/// Writes `model` as a CLIP model file: "model.<key>" (B-cos encoder), "text.<key>" (text tower, if any),
/// metadata {"format": "bcos-model-v1", "bcos.model": the description with architecture "text"}.
void saveClipModel(const std::filesystem::path &path, const ClipModel &model);

/// The unit text embedding [D] of `prompt` (templates empty), or the normalised mean of the unit embeddings of
/// every template filled with it (CLIP's zero-shot class weights; PromptTemplates::fill rules). No autograd.
/// Throws Error{InvalidArgument} for a template without exactly one "{}".
at::Tensor encodePrompt(ClipTextTransformerImpl &tower, const ClipTokenizer &tokenizer, const std::string &prompt,
                        const std::vector<std::string> &templates = {});

} // namespace bcos::core
