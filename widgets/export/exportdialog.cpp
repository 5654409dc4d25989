#include "exportdialog.h"

#include "core/enumnames.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QSpinBox>

#include <algorithm>

namespace bcos::widgets {

ExportDialog::ExportDialog(bool hasSelection, const ExportOptions &initial, QWidget *parent)
    : QDialog(parent)
    , m_initial(initial)
{
    setWindowTitle(tr("Export grid"));
    auto *form = new QFormLayout(this);
    m_title = new QLineEdit(initial.title, this);
    m_width = new QComboBox(this);
    m_width->setObjectName(QStringLiteral("figureWidth"));
    m_width->addItem(tr("Cells at their exact pixels"), int(FigureWidth::Natural));
    m_width->addItem(tr("Single column (%1 in)").arg(figureWidthInches(FigureWidth::SingleColumn)),
                     int(FigureWidth::SingleColumn));
    m_width->addItem(tr("Double column (%1 in)").arg(figureWidthInches(FigureWidth::DoubleColumn)),
                     int(FigureWidth::DoubleColumn));
    m_width->setCurrentIndex(std::max(0, m_width->findData(int(initial.width))));
    m_width->setToolTip(tr("A paper column: the figure is exactly that wide, so the fonts keep their point size "
                           "when it is included at \\linewidth."));
    m_dpi = new QSpinBox(this);
    m_dpi->setRange(36, 2400);
    m_dpi->setValue(initial.dpi);
    m_dpi->setSuffix(tr(" dpi"));
    m_labelPoints = new QDoubleSpinBox(this);
    m_labelPoints->setObjectName(QStringLiteral("labelPoints"));
    m_labelPoints->setRange(4.0, 36.0);
    m_labelPoints->setSingleStep(0.5);
    m_labelPoints->setDecimals(1);
    m_labelPoints->setValue(initial.labelPoints);
    m_labelPoints->setSuffix(tr(" pt"));
    m_minCellSide = new QSpinBox(this);
    m_minCellSide->setObjectName(QStringLiteral("minCellSide"));
    m_minCellSide->setRange(0, 2048);
    m_minCellSide->setValue(initial.minCellSide);
    m_minCellSide->setSuffix(tr(" px"));
    m_minCellSide->setSpecialValueText(tr("as computed"));
    m_minCellSide->setToolTip(tr("Exact pixels: small cells are enlarged by a whole factor (pixels stay blocks) to at "
                                 "least this side."));
    const auto natural = [this] {
        m_minCellSide->setEnabled(static_cast<FigureWidth>(m_width->currentData().toInt()) == FigureWidth::Natural);
    };
    connect(m_width, &QComboBox::currentIndexChanged, this, natural);
    natural();
    m_rowsPerPage = new QSpinBox(this);
    m_rowsPerPage->setRange(0, 1000);
    m_rowsPerPage->setValue(initial.rowsPerPage);
    m_rowsPerPage->setSpecialValueText(tr("all on one page"));
    m_rowLabels = new QCheckBox(tr("Image names"), this);
    m_rowLabels->setChecked(initial.rowLabels);
    m_rowPredictions = new QCheckBox(tr("Class and confidence under the names"), this);
    m_rowPredictions->setObjectName(QStringLiteral("rowPredictions"));
    m_rowPredictions->setChecked(initial.rowPredictions);
    m_columnLabels = new QCheckBox(tr("Column titles"), this);
    m_columnLabels->setChecked(initial.columnLabels);
    m_colourBars = new QCheckBox(tr("Colour bars with the value range (signed maps)"), this);
    m_colourBars->setObjectName(QStringLiteral("colourBars"));
    m_colourBars->setChecked(initial.colourBars);
    m_selectionOnly = new QCheckBox(tr("Selected cells only"), this);
    m_selectionOnly->setChecked(hasSelection);
    m_selectionOnly->setEnabled(hasSelection);
    m_recipe = new QCheckBox(tr("Write a JSON recipe beside the file"), this);
    m_recipe->setChecked(true);
    form->addRow(tr("Title:"), m_title);
    form->addRow(tr("Width:"), m_width);
    form->addRow(tr("Smallest cell:"), m_minCellSide);
    form->addRow(tr("Resolution:"), m_dpi);
    form->addRow(tr("Font size:"), m_labelPoints);
    form->addRow(tr("PDF rows per page:"), m_rowsPerPage);
    form->addRow(tr("Labels:"), m_rowLabels);
    form->addRow(QString(), m_rowPredictions);
    form->addRow(QString(), m_columnLabels);
    form->addRow(QString(), m_colourBars);
    form->addRow(QString(), m_selectionOnly);
    form->addRow(QString(), m_recipe);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

ExportOptions ExportDialog::defaultOptions()
{
    ExportOptions o;
    o.width = FigureWidth::DoubleColumn;
    o.minCellSide = 112;
    return o;
}

namespace {

constexpr core::EnumNames<FigureWidth, 3> kFigureWidthNames{{{FigureWidth::Natural, "natural"},
                                                             {FigureWidth::SingleColumn, "single-column"},
                                                             {FigureWidth::DoubleColumn, "double-column"}}};

} // namespace

QJsonObject ExportDialog::optionsToJson(const ExportOptions &o)
{
    const std::string_view width = core::enumName(kFigureWidthNames, o.width);
    return {{QStringLiteral("width"), QString::fromLatin1(width.data(), int(width.size()))},
            {QStringLiteral("dpi"), o.dpi},
            {QStringLiteral("label_points"), o.labelPoints},
            {QStringLiteral("min_cell_side"), o.minCellSide},
            {QStringLiteral("rows_per_page"), o.rowsPerPage},
            {QStringLiteral("row_labels"), o.rowLabels},
            {QStringLiteral("row_predictions"), o.rowPredictions},
            {QStringLiteral("column_labels"), o.columnLabels},
            {QStringLiteral("colour_bars"), o.colourBars}};
}

ExportOptions ExportDialog::optionsFromJson(const QJsonObject &json)
{
    ExportOptions o = defaultOptions();
    o.width = core::enumFromName(kFigureWidthNames, json.value(QStringLiteral("width")).toString().toStdString())
                  .value_or(o.width);
    // Within the dialog's ranges, clamped before any conversion to int.
    const auto number = [&json](const char *key, double fallback, double low, double high) {
        const QJsonValue value = json.value(QLatin1String(key));
        return value.isDouble() ? std::clamp(value.toDouble(), low, high) : fallback;
    };
    const auto flag = [&json](const char *key, bool fallback) { return json.value(QLatin1String(key)).toBool(fallback); };
    o.dpi = qRound(number("dpi", o.dpi, 36, 2400));
    o.labelPoints = number("label_points", o.labelPoints, 4.0, 36.0);
    o.titlePoints = o.labelPoints + 2.0;
    o.minCellSide = qRound(number("min_cell_side", o.minCellSide, 0, 2048));
    o.rowsPerPage = qRound(number("rows_per_page", o.rowsPerPage, 0, 1000));
    o.rowLabels = flag("row_labels", o.rowLabels);
    o.rowPredictions = flag("row_predictions", o.rowPredictions);
    o.columnLabels = flag("column_labels", o.columnLabels);
    o.colourBars = flag("colour_bars", o.colourBars);
    return o;
}

ExportOptions ExportDialog::options() const
{
    ExportOptions o = m_initial;
    o.title = m_title->text();
    o.minCellSide = m_minCellSide->value();
    o.width = static_cast<FigureWidth>(m_width->currentData().toInt());
    o.dpi = m_dpi->value();
    o.labelPoints = m_labelPoints->value();
    o.titlePoints = m_labelPoints->value() + 2.0; // the title a size above the labels
    o.rowLabels = m_rowLabels->isChecked();
    o.rowPredictions = m_rowPredictions->isChecked();
    o.columnLabels = m_columnLabels->isChecked();
    o.colourBars = m_colourBars->isChecked();
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
