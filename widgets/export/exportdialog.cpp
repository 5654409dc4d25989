#include "exportdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QSpinBox>

namespace bcos::widgets {

ExportDialog::ExportDialog(bool hasSelection, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Export grid"));
    auto *form = new QFormLayout(this);
    const ExportOptions defaults;
    m_title = new QLineEdit(defaults.title, this);
    m_dpi = new QSpinBox(this);
    m_dpi->setRange(36, 2400);
    m_dpi->setValue(defaults.dpi);
    m_dpi->setSuffix(tr(" dpi"));
    m_rowsPerPage = new QSpinBox(this);
    m_rowsPerPage->setRange(0, 1000);
    m_rowsPerPage->setSpecialValueText(tr("all on one page"));
    m_rowLabels = new QCheckBox(tr("Image names"), this);
    m_rowLabels->setChecked(defaults.rowLabels);
    m_columnLabels = new QCheckBox(tr("Column titles"), this);
    m_columnLabels->setChecked(defaults.columnLabels);
    m_selectionOnly = new QCheckBox(tr("Selected cells only"), this);
    m_selectionOnly->setChecked(hasSelection);
    m_selectionOnly->setEnabled(hasSelection);
    m_recipe = new QCheckBox(tr("Write a JSON recipe beside the file"), this);
    m_recipe->setChecked(true);
    form->addRow(tr("Title:"), m_title);
    form->addRow(tr("Resolution:"), m_dpi);
    form->addRow(tr("PDF rows per page:"), m_rowsPerPage);
    form->addRow(tr("Labels:"), m_rowLabels);
    form->addRow(QString(), m_columnLabels);
    form->addRow(QString(), m_selectionOnly);
    form->addRow(QString(), m_recipe);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

ExportOptions ExportDialog::options() const
{
    ExportOptions o;
    o.title = m_title->text();
    o.dpi = m_dpi->value();
    o.rowLabels = m_rowLabels->isChecked();
    o.columnLabels = m_columnLabels->isChecked();
    o.rowsPerPage = m_rowsPerPage->value();
    return o;
}

bool ExportDialog::selectionOnly() const
{
    return m_selectionOnly->isChecked();
}

bool ExportDialog::writeRecipe() const
{
    return m_recipe->isChecked();
}

} // namespace bcos::widgets
