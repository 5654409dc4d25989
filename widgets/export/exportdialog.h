#pragma once

#include "widgets/export/gridexporter.h"

#include <QDialog>

class QCheckBox;
class QLineEdit;
class QSpinBox;

namespace bcos::widgets {

/// Export settings: title, DPI, labels, PDF rows per page, selection vs whole grid, recipe sidecar.
class ExportDialog : public QDialog {
    Q_OBJECT
public:
    ExportDialog(bool hasSelection, QWidget *parent = nullptr);

    ExportOptions options() const;
    bool selectionOnly() const;
    bool writeRecipe() const;

private:
    QLineEdit *m_title = nullptr;
    QSpinBox *m_dpi = nullptr;
    QSpinBox *m_rowsPerPage = nullptr;
    QCheckBox *m_rowLabels = nullptr;
    QCheckBox *m_columnLabels = nullptr;
    QCheckBox *m_selectionOnly = nullptr;
    QCheckBox *m_recipe = nullptr;
};

} // namespace bcos::widgets
