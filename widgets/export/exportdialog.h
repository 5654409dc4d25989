#pragma once

#include "widgets/export/gridexporter.h"

#include <QDialog>
#include <QJsonObject>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;

namespace bcos::widgets {

/// Export settings: title, figure width (exact pixels or a paper's single/double column), DPI, font size in
/// points, labels (names, class and confidence), colour bars, PDF rows per page, selection vs whole grid,
/// recipe sidecar.
class ExportDialog : public QDialog {
    Q_OBJECT
public:
    /// `initial`: the options to show.
    ExportDialog(bool hasSelection, const ExportOptions &initial = defaultOptions(), QWidget *parent = nullptr);

    /// What the dialog proposes: a double-column figure, 8 pt labels, small cells enlarged to >= 112 px when
    /// exported at their pixels.
    static ExportOptions defaultOptions();
    /// The options as the studio's settings remember them between exports: everything but the title, which
    /// belongs to one figure.
    static QJsonObject optionsToJson(const ExportOptions &options);
    /// The inverse of optionsToJson(); keys that are missing or of the wrong type keep defaultOptions()'s value.
    static ExportOptions optionsFromJson(const QJsonObject &json);

    ExportOptions options() const;
    bool selectionOnly() const;
    bool writeRecipe() const;

private:
    ExportOptions m_initial;
    QLineEdit *m_title = nullptr;
    QComboBox *m_width = nullptr;
    QSpinBox *m_dpi = nullptr;
    QDoubleSpinBox *m_labelPoints = nullptr;
    QSpinBox *m_minCellSide = nullptr;
    QCheckBox *m_rowPredictions = nullptr;
    QCheckBox *m_colourBars = nullptr;
    QSpinBox *m_rowsPerPage = nullptr;
    QCheckBox *m_rowLabels = nullptr;
    QCheckBox *m_columnLabels = nullptr;
    QCheckBox *m_selectionOnly = nullptr;
    QCheckBox *m_recipe = nullptr;
};

} // namespace bcos::widgets
