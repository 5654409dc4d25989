#pragma once

#include <QDialog>

class QComboBox;

namespace bcos::widgets {

class AppSettings;

/// Preferences: the interface language (system default or an override; applied at the next start).
class PreferencesDialog : public QDialog {
    Q_OBJECT
public:
    PreferencesDialog(AppSettings &settings, QWidget *parent = nullptr);

    void accept() override;

private:
    AppSettings &m_settings;
    QComboBox *m_language = nullptr;
};

} // namespace bcos::widgets
