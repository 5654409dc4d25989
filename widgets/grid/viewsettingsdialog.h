#pragma once

#include "widgets/session/viewcolumn.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

namespace bcos::widgets {

/// Edits one explanation column's ViewSettings: colour map, overlay alpha, percentile, smoothing, per-image or
/// shared scale (maps), background and smoothing (W(x)x).
class ViewSettingsDialog : public QDialog {
    Q_OBJECT
public:
    /// Edits `spec.view`; the fields offered follow the spec (W(x)x colour or a map).
    ViewSettingsDialog(const QString &columnTitle, const ColumnSpec &spec, QWidget *parent = nullptr);

    ViewSettings settings() const;

private:
    ViewSettings m_settings;
    QComboBox *m_colormap = nullptr;
    QDoubleSpinBox *m_alpha = nullptr;
    QDoubleSpinBox *m_percentile = nullptr;
    QSpinBox *m_smooth = nullptr;
    QCheckBox *m_shared = nullptr;
    QComboBox *m_background = nullptr;
};

} // namespace bcos::widgets
