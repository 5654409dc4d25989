#pragma once

#include "core/bcosify/bcosify.h"
#include "core/nn/bcossettings.h"

#include <QDialog>

class QCheckBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QSpinBox;

namespace bcos::widgets {

/// The B-cosification options (Arya et al., NeurIPS 2024): B, keep biases, mean-free input, max-out, keep
/// max-pool, each with a line on what it does and the paper's default (core::BcosSettings{}), and how many
/// layers of the loaded model will change. The count is computed by whoever opens the dialog (off the GUI
/// thread) when settingsChanged() is emitted, and shown with setChanges().
class BcosifyDialog : public QDialog {
    Q_OBJECT
public:
    explicit BcosifyDialog(const core::BcosSettings &initial, QWidget *parent = nullptr);

    /// The chosen settings (enabled is set).
    core::BcosSettings settings() const;
    /// Shows what bcosify would change with `counted`; ignored when the options have changed since.
    void setChanges(const core::BcosSettings &counted, const core::BcosifyChanges &changes);
    /// Shows why the layers could not be counted.
    void setCountFailed(const QString &message);
    /// The line that says how many layers change ("" until counted).
    QString changesText() const;

Q_SIGNALS:
    void settingsChanged(const core::BcosSettings &settings);

private:
    void addOption(QWidget *field, const QString &label, const QString &help);
    void restoreDefaults();
    void optionsChanged();

    QDoubleSpinBox *m_b = nullptr;
    QCheckBox *m_keepBiases = nullptr;
    QCheckBox *m_meanFree = nullptr;
    QSpinBox *m_maxOut = nullptr;
    QCheckBox *m_keepMaxPool = nullptr;
    QLabel *m_changes = nullptr;
    QFormLayout *m_form = nullptr;
};

/// The options bcosify() reads, compared field by field (B, biases, mean-free, max-out, max-pool).
bool sameBcosifyOptions(const core::BcosSettings &a, const core::BcosSettings &b);

} // namespace bcos::widgets
