#include "architecturedialog.h"

#include "core/error.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTextStream>

namespace bcos::widgets {
namespace {

QWidget *tripleRow(QWidget *parent, QDoubleSpinBox *(&boxes)[3])
{
    auto *row = new QWidget(parent);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    for (auto &box : boxes) {
        box = new QDoubleSpinBox(row);
        box->setDecimals(4);
        box->setRange(0.0, 1.0);
        box->setSingleStep(0.001);
        layout->addWidget(box);
    }
    return row;
}

} // namespace

QStringList ArchitectureDialog::presets()
{
    return {"resnet18", "resnet34", "resnet50", "resnet101", "resnet152", "densenet121", "densenet161",
            "densenet169", "densenet201", "vit", "clip_rn50"};
}

ArchitectureDialog::ArchitectureDialog(const QString &weightsPath, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Architecture of %1").arg(QFileInfo(weightsPath).fileName()));
    auto *form = new QFormLayout(this);
    m_preset = new QComboBox(this);
    m_preset->addItems(presets());
    m_classes = new QSpinBox(this);
    m_classes->setRange(0, 100000);
    m_classes->setSpecialValueText(tr("from the weights")); // 0: the classifier head's size
    m_preprocessing = new QComboBox(this);
    m_preprocessing->addItem(tr("ImageNet"), QStringLiteral("imagenet"));
    m_preprocessing->addItem(tr("CLIP"), QStringLiteral("clip"));
    m_preprocessing->addItem(tr("Custom"), QStringLiteral("custom"));
    m_labels = new QLineEdit(this);
    m_labels->setPlaceholderText(tr("optional: one class name per line"));
    auto *browse = new QPushButton(tr("Browse…"), this);
    auto *labelsRow = new QHBoxLayout;
    labelsRow->addWidget(m_labels, 1);
    labelsRow->addWidget(browse);
    form->addRow(tr("Architecture:"), m_preset);
    form->addRow(tr("Classes:"), m_classes);
    form->addRow(tr("Preprocessing:"), m_preprocessing);
    form->addRow(tr("Mean (R, G, B):"), tripleRow(this, m_mean));
    form->addRow(tr("Std (R, G, B):"), tripleRow(this, m_std));
    form->addRow(tr("Labels file:"), labelsRow);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browse, &QPushButton::clicked, this, &ArchitectureDialog::chooseLabels);
    connect(m_preprocessing, &QComboBox::currentIndexChanged, this, &ArchitectureDialog::onPreprocessingChanged);
    connect(m_preset, &QComboBox::currentTextChanged, this, &ArchitectureDialog::onPresetChanged);
    setSpec({});
}

void ArchitectureDialog::setSpec(const ArchitectureSpec &spec)
{
    m_preset->setCurrentText(QString::fromStdString(spec.preset));
    m_classes->setValue(static_cast<int>(spec.numClasses.value_or(0)));
    const int index = m_preprocessing->findData(QString::fromStdString(spec.preprocessing.name));
    m_preprocessing->setCurrentIndex(std::max(0, index));
    for (int i = 0; i < 3; ++i) {
        m_mean[i]->setValue(spec.preprocessing.mean[i]);
        m_std[i]->setValue(spec.preprocessing.std[i]);
    }
    m_labels->setText(QString::fromStdString(spec.labelsFile));
    onPreprocessingChanged();
}

void ArchitectureDialog::onPresetChanged()
{
    // OpenAI's CLIP has no classes (text prompts instead) and its own normalisation.
    const bool clip = m_preset->currentText() == QLatin1String("clip_rn50");
    m_classes->setEnabled(!clip);
    m_labels->setEnabled(!clip);
    if (clip)
        m_preprocessing->setCurrentIndex(m_preprocessing->findData(QStringLiteral("clip")));
}

void ArchitectureDialog::onPreprocessingChanged()
{
    const QString name = m_preprocessing->currentData().toString();
    const bool custom = name == QLatin1String("custom");
    if (!custom) {
        const core::Preprocessing preset = core::Preprocessing::preset(name.toStdString());
        for (int i = 0; i < 3; ++i) {
            m_mean[i]->setValue(preset.mean[i]);
            m_std[i]->setValue(preset.std[i]);
        }
    }
    for (int i = 0; i < 3; ++i) {
        m_mean[i]->setEnabled(custom);
        m_std[i]->setEnabled(custom);
    }
}

void ArchitectureDialog::chooseLabels()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Labels file"), m_labels->text(),
                                                      tr("Text files (*.txt);;All files (*)"));
    if (!path.isEmpty())
        m_labels->setText(path);
}

std::vector<std::string> ArchitectureDialog::readLabels(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        core::fail(core::ErrorCode::Io, "{}: cannot read the labels file ({})", path.toStdString(),
                   file.errorString().toStdString());
    std::vector<std::string> names;
    QTextStream stream(&file);
    while (!stream.atEnd()) {
        const QString line = stream.readLine().trimmed();
        if (!line.isEmpty())
            names.push_back(line.toStdString());
    }
    return names;
}

ArchitectureSpec ArchitectureDialog::spec() const
{
    ArchitectureSpec spec;
    spec.preset = m_preset->currentText().toStdString();
    if (m_classes->value() > 0)
        spec.numClasses = m_classes->value();
    const QString name = m_preprocessing->currentData().toString();
    spec.preprocessing = name == QLatin1String("custom") ? core::Preprocessing{}
                                                          : core::Preprocessing::preset(name.toStdString());
    spec.preprocessing.name = name.toStdString();
    for (int i = 0; i < 3; ++i) {
        spec.preprocessing.mean[i] = m_mean[i]->value();
        spec.preprocessing.std[i] = m_std[i]->value();
    }
    spec.labelsFile = m_labels->text().toStdString();
    if (!m_labels->text().isEmpty())
        spec.classNames = readLabels(m_labels->text());
    return spec;
}

} // namespace bcos::widgets
