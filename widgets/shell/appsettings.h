#pragma once

#include "core/nn/bcossettings.h"

#include <QByteArray>
#include <QJsonObject>
#include <QSettings>
#include <QStringList>

namespace bcos::widgets {

/// Typed access to the studio's persistent settings (QSettings): window geometry/state, recent files,
/// last directories per kind ("images", "models", "export"), language override, memory budget.
class AppSettings {
public:
    AppSettings() = default;

    QStringList recentFiles() const;
    /// Moves `path` to the front; keeps at most maxRecentFiles().
    void addRecentFile(const QString &path);
    void clearRecentFiles();
    static int maxRecentFiles() { return 10; }

    QString lastDir(const QString &kind) const;
    void setLastDir(const QString &kind, const QString &dir);

    QByteArray geometry() const;
    void setGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);

    /// True until markLaunched(): the first start shows the demo.
    bool isFirstLaunch() const;
    void markLaunched();

    /// "" = follow the system locale, otherwise "en", "de", "fr".
    QString language() const;
    void setLanguage(const QString &language);

    /// The memory for decoded images in bytes (StudioSession::setMemoryBudget; Edit > Preferences), stored in MiB;
    /// defaultMemoryBudget() until set.
    qint64 memoryBudget() const;
    void setMemoryBudget(qint64 bytes);
    /// 512 MiB, or a quarter of the physical memory where that is less.
    static qint64 defaultMemoryBudget();
    /// What the Preferences accept, in MiB.
    static constexpr int minMemoryBudgetMiB() { return 64; }
    static constexpr int maxMemoryBudgetMiB() { return 1024 * 1024; }

    /// Whether W(x)x explanations on a GPU are replayed as CUDA graphs (core::setWxxGraphsEnabled; Edit >
    /// Preferences); until set, what the environment says (BCOS_CUDA_GRAPHS=1).
    bool explanationGraphs() const;
    void setExplanationGraphs(bool enabled);

    /// Where explanations, predictions and CLIP prompt maps run (Edit > Preferences): "auto" (the first GPU when
    /// there is one, else the CPU; the default), "cpu" or "cuda:N". resolveComputeDevice() turns it into a device.
    QString computeDevice() const;
    void setComputeDevice(const QString &device);

    /// CLIP's BPE vocabulary file (bpe_simple_vocab_16e6.txt.gz) chosen in the Text prompts panel; "" = unset.
    QString clipVocabPath() const;
    /// The training form of the last started run (trainingSettingsToJson()); empty before the first run.
    QJsonObject trainingForm() const;
    void setTrainingForm(const QJsonObject &form);
    /// The export dialog's last options (ExportDialog::optionsToJson()); empty before the first export.
    QJsonObject exportForm() const;
    void setExportForm(const QJsonObject &form);
    void setClipVocabPath(const QString &path);

    /// The B-cosify dialog's last options (B, biases, mean-free, max-out, max-pool); the paper's defaults
    /// (core::BcosSettings{}) until the first B-cosification.
    core::BcosSettings bcosifySettings() const;
    void setBcosifySettings(const core::BcosSettings &settings);

private:
    mutable QSettings m_settings;
};

} // namespace bcos::widgets
