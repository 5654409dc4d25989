#include "viewsettingsdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QSpinBox>

namespace bcos::widgets {

ViewSettingsDialog::ViewSettingsDialog(const QString &columnTitle, const ColumnSpec &spec, QWidget *parent)
    : QDialog(parent)
    , m_settings(spec.view)
{
    const ViewSettings &settings = spec.view;
    setWindowTitle(tr("View settings: %1").arg(columnTitle));
    auto *form = new QFormLayout(this);
    const bool wxx = spec.method == core::ExplainMethod::Wxx && spec.colour;
    m_percentile = new QDoubleSpinBox(this);
    m_percentile->setRange(50.0, 100.0);
    m_percentile->setDecimals(1);
    m_percentile->setValue(settings.percentile);
    m_smooth = new QSpinBox(this);
    m_smooth->setRange(0, 31);
    m_smooth->setSingleStep(2);
    m_smooth->setValue(settings.smooth);
    m_smooth->setSpecialValueText(tr("off"));
    if (wxx) {
        m_background = new QComboBox(this);
        m_background->addItem(tr("Black"), QStringLiteral("black"));
        m_background->addItem(tr("White"), QStringLiteral("white"));
        m_background->setCurrentIndex(std::max(0, m_background->findData(settings.background)));
        form->addRow(tr("Background:"), m_background);
        form->addRow(tr("Alpha percentile:"), m_percentile);
        form->addRow(tr("Alpha smoothing (px):"), m_smooth);
    } else {
        m_colormap = new QComboBox(this);
        for (const QString &name : {QStringLiteral("bwr"), QStringLiteral("jet"), QStringLiteral("viridis"), QStringLiteral("gray")})
            m_colormap->addItem(name, name);
        m_colormap->setCurrentIndex(std::max(0, m_colormap->findData(settings.colormap)));
        m_alpha = new QDoubleSpinBox(this);
        m_alpha->setRange(0.0, 1.0);
        m_alpha->setSingleStep(0.1);
        m_alpha->setValue(settings.alpha);
        m_shared = new QCheckBox(tr("One colour scale for all images"), this);
        m_shared->setChecked(settings.sharedScale);
        form->addRow(tr("Colour map:"), m_colormap);
        form->addRow(tr("Opacity over the input:"), m_alpha);
        form->addRow(tr("Clip percentile:"), m_percentile);
        form->addRow(tr("Smoothing (px):"), m_smooth);
        form->addRow(QString(), m_shared);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

ViewSettings ViewSettingsDialog::settings() const
{
    ViewSettings s = m_settings;
    s.percentile = m_percentile->value();
    s.smooth = m_smooth->value();
    if (m_background)
        s.background = m_background->currentData().toString();
    if (m_colormap) {
        s.colormap = m_colormap->currentData().toString();
        s.alpha = m_alpha->value();
        s.sharedScale = m_shared->isChecked();
    }
    return s;
}

} // namespace bcos::widgets
