#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QSpinBox;

namespace bcos::widgets {

class AppSettings;

/// Preferences: the interface language (system default or an override; applied at the next start) and the memory
/// for decoded images (AppSettings::memoryBudget), whether explanations on a GPU replay CUDA graphs
/// (AppSettings::explanationGraphs); the window applies both when the dialog is accepted.
class PreferencesDialog : public QDialog {
    Q_OBJECT
public:
    PreferencesDialog(AppSettings &settings, QWidget *parent = nullptr);

    void accept() override;
    /// The memory budget's field, in MiB (tests fill it in).
    QSpinBox *memoryBudgetBox() const { return m_memoryBudget; }
    QCheckBox *explanationGraphsBox() const { return m_explanationGraphs; }

private:
    AppSettings &m_settings;
    QComboBox *m_language = nullptr;
    QSpinBox *m_memoryBudget = nullptr;
    QCheckBox *m_explanationGraphs = nullptr;
};

} // namespace bcos::widgets
