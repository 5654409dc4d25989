#include "cliplocalizationjob.h"

#include "widgets/jobs/tensorimage.h"
#include "widgets/session/modelloading.h"

#include "core/error.h"
#include "core/explain/cliplocalize.h"
#include "core/models/clipmodelfile.h"
#include "core/text/cliptokenizer.h"
#include "core/text/prompttemplates.h"

#include <torch/torch.h>

#include <QCoreApplication>

namespace bcos::widgets {

QImage renderLocalization(const core::LocalizationMaps &maps)
{
    const at::Tensor alpha = maps.rgba.slice(2, 3, 4);
    return imageFromTensor(maps.rgba.slice(2, 0, 3) * alpha);
}

std::shared_ptr<const core::ClipTokenizer> TokenizerSlot::get(const std::string &file)
{
    std::lock_guard lock(m_mutex);
    if (!m_tokenizer || m_path != file) {
        m_tokenizer = std::make_shared<const core::ClipTokenizer>(file);
        m_path = file;
    }
    return m_tokenizer;
}

void precomputePrompts(TaskContext &context, const PromptSetup &setup, const QVector<PromptJob> &jobs,
                       const JobScheduler::Deliver<PromptCell> &deliver)
{
    std::shared_ptr<const core::ClipTokenizer> tokenizer;
    try {
        tokenizer = setup.tokenizers->get(setup.vocab);
    } catch (const core::Error &error) { // the columns then say why
        deliver({{}, nullptr, 0, {}, {}, QString::fromStdString(error.what())});
        return;
    }
    int total = 0;
    for (const PromptJob &job : jobs)
        total += static_cast<int>(job.keys.size());
    const LoadedModel &model = *setup.model;
    const auto lock = context.lock(*model.mutex); // explanation mode and autograd state are per module
    int done = 0;
    for (const PromptJob &job : jobs) {
        const at::Tensor text = core::encodePrompt(model.clip->requireText(model.path), *tokenizer, job.prompt,
                                                   setup.templates);
        for (int i = 0; i < job.paths.size(); ++i, ++done) {
            if (context.isCancelled())
                return;
            const QString status =
                QCoreApplication::translate("bcos::widgets::ClipPromptController", "CLIP: %1 (%2 of %3)")
                    .arg(QString::fromStdString(job.prompt))
                    .arg(done + 1)
                    .arg(total);
            context.progress(double(done) / total, status);
            const at::Tensor image = tensorFromImages({setup.inputs.read(job.paths[i])})[0];
            // A CLIP RN50 at 224 px takes seconds on a CPU: progress and cancel go on inside the image, pass by pass.
            core::ClipLocalizationOptions options;
            options.progress = [&context, &status, done, total](int64_t passes, int64_t locations) {
                context.progress((done + double(passes) / double(locations)) / total, status);
                return !context.isCancelled();
            };
            // The passes run where the encoder is (the studio's GPU when it has one); the stored maps live on the
            // CPU, where the slider re-weights them. A cancel inside (Error{Cancelled}) ends the task as cancelled.
            auto localization = std::make_shared<const core::ClipLocalization>(
                core::ClipLocalization::compute(*model.clip->image, torch::cat({image, 1 - image}, 0), text, options)
                    .to(torch::kCPU));
            ++*setup.counter;
            const core::LocalizationMaps maps = localization->mapsForPower(setup.power);
            deliver({job.keys[i], localization, setup.power, maps.rgba, renderLocalization(maps), {}});
        }
    }
}

} // namespace bcos::widgets
