#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

namespace bcos::core {

/// Reported once when training starts: where and how it runs.
struct TrainStartInfo {
    std::string device;            ///< "cpu", "cuda:0"
    std::string precision;         ///< "float32" or "bfloat16 autocast"
    bool channelsLast = false;     ///< effective memory format
    int intraOpThreads = 0;
    int interOpThreads = 0;
    int loaderWorkers = 0;
    int64_t trainSize = 0;
    int64_t valSize = 0;
    int64_t stepsPerEpoch = 0;
    int64_t startEpoch = 0;        ///< > 0 or startBatch > 0 when resumed
    int64_t startBatch = 0;
    /// e.g. "bf16 autocast is only effective on CUDA; training in float32"; each also comes as an onMessage().
    std::vector<std::string> notes;
};

/// Every TrainOptions::logEvery optimisation steps.
struct StepMetrics {
    int64_t epoch = 0;             ///< 0-based
    int64_t stepInEpoch = 0;       ///< 1-based number of steps done in this epoch
    int64_t stepsPerEpoch = 0;
    int64_t globalStep = 0;        ///< steps done since the start of training (resumes included)
    int64_t totalSteps = 0;
    double loss = 0.0;             ///< mean over the steps since the previous report
    double top1 = 0.0;             ///< train top-1 over the same steps, in [0, 1] (NaN for clip-distill)
    double imagesPerSecond = 0.0;
    double learningRate = 0.0;
    double etaSeconds = 0.0;       ///< until the end of training
    int64_t batchSize = 0;
    double bcosB = 0.0;            ///< the network's B (0 for a standard network)
    int64_t gpuMemoryBytes = -1;   ///< -1 when unknown (CPU, or no CUDA memory API in this build)
};

/// After each epoch.
struct EpochMetrics {
    int64_t epoch = 0;             ///< 0-based
    double trainLoss = 0.0;
    double trainTop1 = 0.0;
    double valLoss = 0.0;          ///< NaN when there is no validation set
    double valTop1 = 0.0;
    double valTop5 = 0.0;
    double valCosine = 0.0;        ///< clip-distill: mean student/teacher cosine (NaN otherwise)
    double learningRate = 0.0;     ///< at the last step of the epoch
    double seconds = 0.0;
    /// distill: the share of validation images whose top-1 class is the teacher's (NaN otherwise)
    double valAgreement = std::numeric_limits<double>::quiet_NaN();
};

/// Receives progress from Trainer::run() on the training thread; implementations must return quickly
/// (the studio forwards to the GUI thread with queued signals).
class TrainObserver {
public:
    virtual ~TrainObserver() = default;
    virtual void onStart(const TrainStartInfo &info) {}
    virtual void onStep(const StepMetrics &metrics) {}
    virtual void onEpoch(const EpochMetrics &metrics) {}
    virtual void onCheckpoint(const std::filesystem::path &path) {}
    /// RUN_DIR/model.safetensors was written: `final` at the end of training, else when a pause began (the
    /// model so far). A model file loadModel()/loadClipModel() reads.
    virtual void onModelWritten(const std::filesystem::path &path, bool final) {}
    /// Human-readable notices (divergence, cancellation, ignored options).
    virtual void onMessage(const std::string &message) {}
};

/// Cancellation and pause, set from any thread (GUI button, signal handler); polled before every step.
/// Cancelling saves a checkpoint and returns TrainOutcome::Cancelled; pausing blocks between steps.
struct TrainControl {
    std::atomic<bool> cancel{false};
    std::atomic<bool> pause{false};
};

} // namespace bcos::core
