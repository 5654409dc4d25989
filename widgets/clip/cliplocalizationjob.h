#pragma once

#include "widgets/jobs/jobscheduler.h"
#include "widgets/jobs/resultcache.h"
#include "widgets/session/inputreader.h"

#include <QImage>
#include <QString>
#include <QStringList>
#include <QVector>

#include <ATen/core/Tensor.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace bcos::core {
class ClipLocalization;
class ClipTokenizer;
struct LocalizationMaps;
}

namespace bcos::widgets {

struct LoadedModel;

/// The cell image of one CLIP localisation: the RGBA map [H, W, 4] composited over black (rgb * alpha), as the
/// W(x)x columns draw theirs. Any thread.
QImage renderLocalization(const core::LocalizationMaps &maps);

/// The tokenizer of the current vocabulary file, loaded once on a worker and shared by the jobs.
class TokenizerSlot {
public:
    /// The tokenizer of `file` (read on first use); throws core::Error when the file cannot be read.
    std::shared_ptr<const core::ClipTokenizer> get(const std::string &file);

private:
    std::mutex m_mutex;
    std::string m_path;
    std::shared_ptr<const core::ClipTokenizer> m_tokenizer;
};

/// The missing precomputes of one prompt column.
struct PromptJob {
    std::string prompt;
    QStringList paths;       ///< the images (their inputs are read on the worker, PromptSetup::inputs)
    QVector<ResultKey> keys; ///< per path
};

/// What a precompute job delivers per cell (or, instead, why the vocabulary could not be read).
struct PromptCell {
    ResultKey key;
    std::shared_ptr<const core::ClipLocalization> localization;
    double power = 0;
    at::Tensor rgba;
    QImage cell;
    QString vocabError;
};

/// What a precompute job needs besides its PromptJobs.
struct PromptSetup {
    std::shared_ptr<LoadedModel> model; ///< a B-cos CLIP model with a text tower
    std::string vocab;                  ///< BPE vocabulary file
    std::vector<std::string> templates;
    double power = 1.0;                 ///< the cosine power the first cells are rendered with
    std::shared_ptr<TokenizerSlot> tokenizers;
    std::shared_ptr<std::atomic<int>> counter; ///< counts ClipLocalization::compute calls
    InputReader inputs;                 ///< reads the images' inputs (decodes the files the cache lost)
};

/// The worker side of the CLIP prompt columns (B-cosification paper, Sec. 5.3): for every prompt x image, the
/// expensive core::ClipLocalization::compute, delivered cell by cell with its rendering at `setup.power`.
/// Holds the model's lock; stops between cells when cancelled. Worker threads only.
void precomputePrompts(TaskContext &context, const PromptSetup &setup, const QVector<PromptJob> &jobs,
                       const JobScheduler::Deliver<PromptCell> &deliver);

} // namespace bcos::widgets
