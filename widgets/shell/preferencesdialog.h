#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QSpinBox;

namespace bcos::widgets {

class AppSettings;
struct VersionInfo;

/// Preferences: the interface language (system default or an override; applied at the next start), the memory
/// for decoded images (AppSettings::memoryBudget), where explanations, predictions and CLIP prompt maps run
/// (AppSettings::computeDevice: automatic, the CPU or one of `versions`' GPUs) and whether explanations on a GPU
/// replay CUDA graphs (AppSettings::explanationGraphs); the window applies them when the dialog is accepted.
class PreferencesDialog : public QDialog {
    Q_OBJECT
public:
    PreferencesDialog(AppSettings &settings, const VersionInfo &versions, QWidget *parent = nullptr);

    void accept() override;
    /// The memory budget's field, in MiB (tests fill it in).
    QSpinBox *memoryBudgetBox() const { return m_memoryBudget; }
    QCheckBox *explanationGraphsBox() const { return m_explanationGraphs; }
    /// The compute device's box: item data "auto", "cpu", "cuda:N".
    QComboBox *computeDeviceBox() const { return m_computeDevice; }

private:
    AppSettings &m_settings;
    QComboBox *m_language = nullptr;
    QSpinBox *m_memoryBudget = nullptr;
    QCheckBox *m_explanationGraphs = nullptr;
    QComboBox *m_computeDevice = nullptr;
};

} // namespace bcos::widgets
