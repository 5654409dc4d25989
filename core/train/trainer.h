#pragma once

#include "core/cudagraph.h"
#include "core/data/dataset.h"
#include "core/models/network.h"
#include "core/train/checkpoint.h"
#include "core/train/trainobserver.h"
#include "core/train/trainoptions.h"

#include <ATen/core/Tensor.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace torch::optim {
class Optimizer;
}

namespace bcos::core {

class DataLoader;
class DistributedGroup;
struct Batch;

/// Training and validation data. `val` may be null (no validation metrics).
struct TrainData {
    std::shared_ptr<const Dataset> train;
    std::shared_ptr<const Dataset> val;
};

/// CLIP distillation (clip-distill): the student's image embedding is trained towards a fixed teacher's with
/// the SigLIP loss (scale 10, bias -10), written against functions so it works with any CLIP port.
struct ClipDistillTask {
    std::shared_ptr<torch::nn::Module> student; ///< owns the trainable parameters (saved in checkpoints)
    /// images [B, 3, H, W] in [0, 1] -> [B, D] embeddings, or tokens [L, B, D] with sigLipCosScaling > 0
    std::function<at::Tensor(const at::Tensor &)> studentEmbed;
    /// images [B, 3, H, W] in [0, 1] -> [B, D] teacher embeddings (run without gradients)
    std::function<at::Tensor(const at::Tensor &)> teacherEmbed;
    /// Writes the final student model file (optional; default: the student's tensors as plain safetensors)
    std::function<void(const std::filesystem::path &)> saveModel;
};

/// Error{InvalidArgument} when `mode` learns from labels (pretrain, bcosify, scratch) and `data` has none (an image
/// folder without class folders): "--mode M learns from labels, and the training images have none (no class
/// folders); --mode distill trains without labels".
void checkTrainingLabels(TrainMode mode, const Dataset &data);

/// Label-free B-cosification (distill): the B-cosified student is trained towards the frozen original network
/// (teacher) on the same images; see TrainOptions::distillLoss. The student is the run's network (checkpoints, the
/// final model); the teacher is read-only and not saved.
struct DistillTask {
    Network student{nullptr}; ///< B-cos, trainable
    Network teacher{nullptr}; ///< standard, same classes; switched to eval mode, no gradients
};

/// Caller-supplied seams. All optional.
struct TrainHooks {
    TrainObserver *observer = nullptr;
    TrainControl *control = nullptr;
    /// Called after every epoch with the network (eval mode, on the training device), e.g. to render W(x)x of
    /// pinned probe images; the network is put back into training mode afterwards.
    std::function<void(NetworkImpl &network, int64_t epoch)> probe;
    /// Data-parallel training (core/train/dataparallel.h): this process is one rank of the group. Rank 0 alone
    /// writes the run directory (metrics, checkpoints, model); logged metrics are over the global batch.
    /// Pausing is not supported there (cancel is: all ranks stop at the same step).
    std::shared_ptr<DistributedGroup> group;
    /// Records a whole training step for replay (TrainOptions::cudaGraphs): a CUDA graph (core::CapturedWork) when
    /// unset. A test on the CPU passes a recorder whose replay() runs the recorded work again: everything around the
    /// graph (static inputs and outputs, device scalars, warm-ups, fallbacks) then runs without a GPU.
    std::function<std::unique_ptr<ReplayableWork>(const std::function<void()> &work)> captureStep;
};

enum class TrainOutcome { Completed, Cancelled, Diverged };

struct TrainReport {
    TrainOutcome outcome = TrainOutcome::Completed;
    std::string message;                  ///< why it stopped when not Completed
    TrainPosition position;               ///< where a resume would continue
    std::vector<EpochMetrics> epochs;     ///< the epochs run by this call
    std::filesystem::path checkpoint;     ///< last checkpoint written (empty when none)
    std::filesystem::path finalModel;     ///< runDirectory/model.safetensors when completed
};

/// The training engine (Qt-free). Runs on the calling thread; progress goes to the observer, cancellation and
/// pause come through TrainControl. A run directory holds metrics.csv, metrics.jsonl, checkpoint.pt
/// (atomically replaced every epoch and on cancel) and, at the end, model.safetensors (a model file, see
/// core/models/modelfile.h: saveModel(); loadModel() rebuilds the network). Resuming from checkpoint.pt continues
/// bit-identically on CPU for a fixed seed.
class Trainer {
public:
    /// Classifier modes (pretrain, bcosify, scratch): `network` is built by the caller (model zoo,
    /// bcosify(), or a random B-cos net).
    Trainer(TrainOptions options, TrainData data, Network network, TrainHooks hooks = {});
    /// clip-distill.
    Trainer(TrainOptions options, TrainData data, ClipDistillTask task, TrainHooks hooks = {});
    /// distill.
    Trainer(TrainOptions options, TrainData data, DistillTask task, TrainHooks hooks = {});
    ~Trainer();

    /// Trains until options.epochs, cancellation or a non-finite loss (which stops cleanly with
    /// TrainOutcome::Diverged and a message, without overwriting the last good checkpoint).
    /// Throws Error for configuration problems (bad device, unreadable checkpoint, data errors) and
    /// Error{Numerical} "training: out of memory: ...; lower the batch size (now B) or the image size (now S)"
    /// when an allocation fails on the CPU or the GPU (LibTorch errors are translated).
    TrainReport run();

    static std::filesystem::path checkpointPath(const std::filesystem::path &runDirectory);

private:
    struct Running;
    void setUp(Running &state);
    void resumeFromCheckpoint(Running &state);
    void announceStart(const Running &state) const;
    TrainReport trainLoop();
    /// One epoch of steps; false when it stopped the run (cancelled or diverged, `report` says which).
    bool trainEpoch(Running &state, int64_t epoch, TrainReport &report);
    /// Forward, backward, AGC and the optimizer step of one batch, queued without waiting for the device: its
    /// loss and top-1 count stay device tensors until settleSteps() reads them.
    void trainStep(Running &state, const Batch &batch, int64_t epoch);
    /// --cuda-graphs: runs the step of `batch` as a replay of the captured graph (capturing it after the warm-up
    /// steps) and stores its loss and top-1 count in `loss` and `correct`; false when the step must run eagerly (a
    /// warm-up, a batch of another shape than the graph's, a capture that failed and turned graphs off).
    bool graphStep(Running &state, const Batch &batch, at::Tensor &loss, at::Tensor &correct);
    /// Captures the training step for `batch`'s shape; false (graphs off from here on, with a message) on failure.
    bool captureGraph(Running &state, const Batch &batch);
    /// Reads the losses and top-1 counts of the steps since the last call in one transfer (reduced over the ranks
    /// of a data-parallel run) into the epoch's and the log window's sums. False when one of them was not finite:
    /// `report` then says Diverged at the first such step, and nothing after it may be written (the weights are
    /// no longer good; the last checkpoint is).
    bool settleSteps(Running &state, TrainReport &report);
    /// Whether to stop before the next step (cancel; pause waits here). All ranks of a group agree.
    bool stopRequested(Running &state);
    bool leader() const;
    void reportStep(Running &state, int64_t epoch, int64_t batchIndex);
    void finishEpoch(Running &state, int64_t epoch, double seconds, TrainReport &report);
    void saveCheckpoint(Running &state, const TrainPosition &position, TrainReport &report) const;
    /// Loss of one batch (forward pass); stores the detached float logits [B, K] in `logits` (classifiers).
    at::Tensor computeLoss(const at::Tensor &images, const at::Tensor &labels, at::Tensor *logits);
    /// distill: the weighted logit and feature terms of one batch (student and teacher logits, float, detached, in
    /// `logits` and `teacherLogits` when given).
    at::Tensor distillationLoss(const at::Tensor &images, at::Tensor *logits, at::Tensor *teacherLogits = nullptr);
    EpochMetrics validate(Running &state, int64_t epoch);
    bool waitWhilePaused() const;
    void message(const std::string &text) const;
    void writeFinalModel(TrainReport &report) const;
    /// Writes RUN_DIR/model.safetensors (atomically) from the current weights; empty path without a run directory.
    std::filesystem::path writeModel() const;

    TrainOptions m_options;
    TrainData m_data;
    Network m_network{nullptr};
    Network m_teacher{nullptr}; ///< distill
    ClipDistillTask m_clip;
    bool m_reportsAccuracy = true; ///< the data's labels are the network's classes (not clip-distill, not unlabelled)
    std::shared_ptr<torch::nn::Module> m_module;
    TrainHooks m_hooks;
};

} // namespace bcos::core
