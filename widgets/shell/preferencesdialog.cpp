#include "preferencesdialog.h"

#include "widgets/shell/appsettings.h"
#include "widgets/shell/languagesupport.h"
#include "widgets/shell/versioninfo.h"

#include "core/cudagraph.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>

namespace bcos::widgets {

PreferencesDialog::PreferencesDialog(AppSettings &settings, const VersionInfo &versions, QWidget *parent)
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
    m_computeDevice = new QComboBox(this);
    m_computeDevice->addItem(versions.cudaAvailable ? tr("Automatic: the first GPU") : tr("Automatic: the CPU (no GPU)"),
                             QStringLiteral("auto"));
    m_computeDevice->addItem(tr("CPU"), QStringLiteral("cpu"));
    for (int k = 0; versions.cudaAvailable && k < versions.cudaDevices; ++k)
        m_computeDevice->addItem(QStringLiteral("cuda:%1 — %2").arg(k).arg(gpuLabel(versions, k)),
                                 QStringLiteral("cuda:%1").arg(k));
    const int stored = m_computeDevice->findData(settings.computeDevice());
    m_computeDevice->setCurrentIndex(std::max(0, stored)); // a GPU that is gone: automatic
    m_computeDevice->setToolTip(tr("Where explanations, predictions and CLIP prompt maps run. The CPU keeps a GPU free "
                                   "for training; the loaded models move when the dialog is accepted. Training has "
                                   "its own device in the Training dock."));
    form->addRow(tr("Explanations run on:"), m_computeDevice);
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
    m_settings.setComputeDevice(m_computeDevice->currentData().toString());
    if (m_explanationGraphs->isEnabled())
        m_settings.setExplanationGraphs(m_explanationGraphs->isChecked());
    QDialog::accept();
}

} // namespace bcos::widgets
