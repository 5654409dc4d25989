#include "preferencesdialog.h"

#include "widgets/shell/appsettings.h"
#include "widgets/shell/languagesupport.h"

#include "core/cudagraph.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>

namespace bcos::widgets {

PreferencesDialog::PreferencesDialog(AppSettings &settings, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
{
    setWindowTitle(tr("Preferences"));
    auto *form = new QFormLayout(this);
    m_language = new QComboBox(this);
    m_language->addItem(tr("System default"), QString());
    for (const auto &[code, name] : availableLanguages())
        m_language->addItem(name, code);
    m_language->setCurrentIndex(std::max(0, m_language->findData(settings.language())));
    form->addRow(tr("Language:"), m_language);
    form->addRow(new QLabel(tr("The language changes at the next start."), this));
    m_memoryBudget = new QSpinBox(this);
    m_memoryBudget->setRange(AppSettings::minMemoryBudgetMiB(), AppSettings::maxMemoryBudgetMiB());
    m_memoryBudget->setSingleStep(64);
    m_memoryBudget->setSuffix(tr(" MiB"));
    // A number typed outside the range becomes the nearest allowed one (not silently the previous value).
    m_memoryBudget->setCorrectionMode(QAbstractSpinBox::CorrectToNearestValue);
    m_memoryBudget->setValue(static_cast<int>(settings.memoryBudget() >> 20));
    m_memoryBudget->setToolTip(tr("Model inputs decoded from the image files are kept up to this size; the least "
                                  "recently used are decoded again when a job needs them. The thumbnails on screen "
                                  "get an eighth of it on top. The status bar shows what is kept."));
    form->addRow(tr("Memory for decoded images:"), m_memoryBudget);
    m_explanationGraphs = new QCheckBox(tr("Replay explanations as CUDA graphs"), this);
    m_explanationGraphs->setChecked(settings.explanationGraphs());
    if (core::cudaGraphsBuilt()) {
        m_explanationGraphs->setToolTip(tr("On a GPU, the second W(x)x explanation of a given image size is captured "
                                           "as one CUDA graph and later ones replay it: one launch instead of "
                                           "hundreds of small kernels."));
    } else {
        m_explanationGraphs->setEnabled(false);
        m_explanationGraphs->setToolTip(tr("Needs a build against a CUDA LibTorch; this one is CPU-only."));
    }
    form->addRow(tr("GPU:"), m_explanationGraphs);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &PreferencesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void PreferencesDialog::accept()
{
    m_settings.setLanguage(m_language->currentData().toString());
    m_settings.setMemoryBudget(qint64(m_memoryBudget->value()) << 20);
    if (m_explanationGraphs->isEnabled())
        m_settings.setExplanationGraphs(m_explanationGraphs->isChecked());
    QDialog::accept();
}

} // namespace bcos::widgets
