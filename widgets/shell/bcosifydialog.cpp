#include "bcosifydialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>

namespace bcos::widgets {

bool sameBcosifyOptions(const core::BcosSettings &a, const core::BcosSettings &b)
{
    return a.b == b.b && a.keepBiases == b.keepBiases && a.meanFree == b.meanFree && a.maxOut == b.maxOut
           && a.keepMaxPool == b.keepMaxPool;
}

BcosifyDialog::BcosifyDialog(const core::BcosSettings &initial, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("B-cosify"));
    m_form = new QFormLayout(this);
    auto *intro = new QLabel(tr("Turns the loaded standard model into a B-cos network (B-cosification, Arya et al., "
                                "NeurIPS 2024). Fine-tune it afterwards in the Training dock: before fine-tuning its "
                                "accuracy is low."), this);
    intro->setWordWrap(true);
    m_form->addRow(intro);
    // The paper's defaults are the core's BcosSettings defaults; the help lines quote them from there.
    const core::BcosSettings paper;
    const auto onOff = [this](bool on) { return on ? tr("on") : tr("off"); };
    m_b = new QDoubleSpinBox(this);
    m_b->setObjectName(QStringLiteral("b"));
    m_b->setRange(1.0, 5.0);
    m_b->setSingleStep(0.25);
    m_b->setDecimals(2);
    addOption(m_b, tr("Alignment exponent B:"),
              tr("How strongly each unit is scaled down for inputs not aligned with its weights; B = 1 is the "
                 "linear layer, larger B gives sparser, more input-aligned explanations. Paper default: %1.")
                  .arg(paper.b));
    m_keepBiases = new QCheckBox(tr("Keep biases"), this);
    m_keepBiases->setObjectName(QStringLiteral("keepBiases"));
    addOption(m_keepBiases, QString(),
              tr("Keeps the (folded) biases of convolutions and norms. Without them the model is dynamic linear "
                 "and W(x)x sums to the logit. Paper default: %1 (biases removed).").arg(onOff(paper.keepBiases)));
    m_meanFree = new QCheckBox(tr("Mean-free input"), this);
    m_meanFree->setObjectName(QStringLiteral("meanFree"));
    addOption(m_meanFree, QString(),
              tr("Normalises the [x, 1−x] input with mean 0, so the network is exactly dynamic linear in the raw "
                 "image. Default: %1 (the dataset mean is subtracted).").arg(onOff(paper.meanFree)));
    m_maxOut = new QSpinBox(this);
    m_maxOut->setObjectName(QStringLiteral("maxOut"));
    m_maxOut->setRange(1, 8);
    addOption(m_maxOut, tr("Max-out units:"),
              tr("Each output is the maximum of this many B-cos units (units are copied, so the converted function "
                 "is unchanged; more parameters to fine-tune). Paper default: %1.").arg(paper.maxOut));
    m_keepMaxPool = new QCheckBox(tr("Keep max-pooling"), this);
    m_keepMaxPool->setObjectName(QStringLiteral("keepMaxPool"));
    addOption(m_keepMaxPool, QString(),
              tr("Keeps max-pooling instead of replacing it by average pooling (max-pooling is not dynamic linear; "
                 "useful for B = 1 checks). Paper default: %1 (replaced).").arg(onOff(paper.keepMaxPool)));
    m_changes = new QLabel(tr("Counting the layers that change…"), this);
    m_changes->setObjectName(QStringLiteral("changes"));
    m_changes->setWordWrap(true);
    m_form->addRow(m_changes);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel
                                             | QDialogButtonBox::RestoreDefaults, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("B-cosify"));
    m_form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            &BcosifyDialog::restoreDefaults);

    m_b->setValue(initial.b);
    m_keepBiases->setChecked(initial.keepBiases);
    m_meanFree->setChecked(initial.meanFree);
    m_maxOut->setValue(static_cast<int>(initial.maxOut));
    m_keepMaxPool->setChecked(initial.keepMaxPool);
    connect(m_b, &QDoubleSpinBox::valueChanged, this, &BcosifyDialog::optionsChanged);
    connect(m_keepBiases, &QCheckBox::toggled, this, &BcosifyDialog::optionsChanged);
    connect(m_meanFree, &QCheckBox::toggled, this, &BcosifyDialog::optionsChanged);
    connect(m_maxOut, &QSpinBox::valueChanged, this, &BcosifyDialog::optionsChanged);
    connect(m_keepMaxPool, &QCheckBox::toggled, this, &BcosifyDialog::optionsChanged);
    // Wide enough for the help lines to wrap into two or three lines; the height follows from that width.
    setMinimumWidth(640);
    adjustSize();
}

void BcosifyDialog::addOption(QWidget *field, const QString &label, const QString &help)
{
    auto *line = new QLabel(help, this);
    line->setWordWrap(true);
    line->setEnabled(false); // greyed: an explanation, not a control
    field->setToolTip(help);
    if (label.isEmpty())
        m_form->addRow(field);
    else
        m_form->addRow(label, field);
    m_form->addRow(line);
}

core::BcosSettings BcosifyDialog::settings() const
{
    core::BcosSettings s;
    s.enabled = true;
    s.b = m_b->value();
    s.keepBiases = m_keepBiases->isChecked();
    s.meanFree = m_meanFree->isChecked();
    s.maxOut = m_maxOut->value();
    s.keepMaxPool = m_keepMaxPool->isChecked();
    return s;
}

void BcosifyDialog::restoreDefaults()
{
    const core::BcosSettings paper;
    m_b->setValue(paper.b);
    m_keepBiases->setChecked(paper.keepBiases);
    m_meanFree->setChecked(paper.meanFree);
    m_maxOut->setValue(static_cast<int>(paper.maxOut));
    m_keepMaxPool->setChecked(paper.keepMaxPool);
}

void BcosifyDialog::optionsChanged()
{
    m_changes->setText(tr("Counting the layers that change…"));
    Q_EMIT settingsChanged(settings());
}

void BcosifyDialog::setChanges(const core::BcosSettings &counted, const core::BcosifyChanges &changes)
{
    if (!sameBcosifyOptions(counted, settings()))
        return; // a count for options the user has changed since
    QStringList parts;
    if (changes.convolutions > 0)
        parts << tr("%n convolution(s)", nullptr, changes.convolutions);
    if (changes.linears > 0)
        parts << tr("%n linear layer(s)", nullptr, changes.linears);
    if (changes.norms > 0)
        parts << tr("%n norm layer(s)", nullptr, changes.norms);
    if (changes.pools > 0)
        parts << tr("%n max-pool(s) → average pool", nullptr, changes.pools);
    if (changes.other > 0)
        parts << tr("%n other layer(s)", nullptr, changes.other);
    m_changes->setText(tr("%n layer(s) of the loaded model will change: %1.", nullptr, changes.total())
                           .arg(parts.join(tr(", "))));
}

void BcosifyDialog::setCountFailed(const QString &message)
{
    m_changes->setText(tr("Could not count the layers that change: %1").arg(message));
}

QString BcosifyDialog::changesText() const
{
    return m_changes->text();
}

} // namespace bcos::widgets
