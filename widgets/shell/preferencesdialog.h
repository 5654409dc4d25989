#pragma once

#include <QDialog>

class QComboBox;
class QSpinBox;

namespace bcos::widgets {

class AppSettings;

/// Preferences: the interface language (system default or an override; applied at the next start) and the memory
/// for decoded images (AppSettings::memoryBudget; the window applies it when the dialog is accepted).
class PreferencesDialog : public QDialog {
    Q_OBJECT
public:
    PreferencesDialog(AppSettings &settings, QWidget *parent = nullptr);

    void accept() override;
    /// The memory budget's field, in MiB (tests fill it in).
    QSpinBox *memoryBudgetBox() const { return m_memoryBudget; }

private:
    AppSettings &m_settings;
    QComboBox *m_language = nullptr;
    QSpinBox *m_memoryBudget = nullptr;
};

} // namespace bcos::widgets
