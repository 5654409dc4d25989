#pragma once
// A TrainObserver for the trainer tests: keeps everything the Trainer reports and can cancel at a given step.

#include "core/train/trainobserver.h"

#include <atomic>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace bcos::test {

class TrainRecorder : public core::TrainObserver {
public:
    core::TrainControl *control = nullptr; ///< with cancelAfterStep: set control->cancel after that step
    int64_t cancelAfterStep = -1;
    core::TrainStartInfo start;
    std::vector<core::StepMetrics> steps;
    std::vector<core::EpochMetrics> epochs;
    std::vector<std::string> messages;
    std::vector<std::pair<std::filesystem::path, bool>> models; ///< written models and whether final
    std::atomic<int> modelCount{0};                             ///< models.size(), for tests that poll

    void onStart(const core::TrainStartInfo &info) override { start = info; }
    void onStep(const core::StepMetrics &metrics) override
    {
        steps.push_back(metrics);
        if (control && metrics.globalStep == cancelAfterStep)
            control->cancel = true;
    }
    void onEpoch(const core::EpochMetrics &metrics) override { epochs.push_back(metrics); }
    void onMessage(const std::string &message) override { messages.push_back(message); }
    void onModelWritten(const std::filesystem::path &path, bool final) override
    {
        models.emplace_back(path, final);
        modelCount.store(static_cast<int>(models.size())); // published after the push: tests poll this
    }
};

} // namespace bcos::test
