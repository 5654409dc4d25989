#include "clippromptpanel.h"

#include "widgets/clip/clippromptcontroller.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QStringListModel>
#include <QVBoxLayout>

#include <cmath>

namespace bcos::widgets {

ClipPromptPanel::ClipPromptPanel(ClipPromptController &controller, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
{
    auto *layout = new QVBoxLayout(this);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setObjectName(QStringLiteral("clipPromptStatus"));
    layout->addWidget(m_status);
    m_editors = new QWidget(this);
    // A wide, short bottom dock: the slider first, the two lists side by side.
    auto *editors = new QVBoxLayout(m_editors);
    editors->setContentsMargins(0, 0, 0, 0);
    editors->addWidget(createPowerRow());
    auto *lists = new QHBoxLayout;
    lists->addWidget(createPromptBox(), 1);
    lists->addWidget(createTemplateBox(), 1);
    editors->addLayout(lists, 1);
    editors->addWidget(createVocabRow());
    layout->addWidget(m_editors, 1);

    connect(&controller, &ClipPromptController::availabilityChanged, this, &ClipPromptPanel::onAvailabilityChanged);
    connect(&controller, &ClipPromptController::cosinePowerChanged, this, &ClipPromptPanel::onPowerChanged);
    connect(&controller, &ClipPromptController::vocabPathChanged, m_vocab, &QLineEdit::setText);
    onAvailabilityChanged();
    onPowerChanged(controller.cosinePower());
}

QWidget *ClipPromptPanel::createPromptBox()
{
    auto *box = new QGroupBox(tr("Prompts (one grid column each)"), this);
    auto *layout = new QVBoxLayout(box);
    m_list = new QListView(box);
    m_list->setModel(m_controller.promptModel());
    m_list->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_newPrompt = new QLineEdit(box);
    m_newPrompt->setPlaceholderText(tr("e.g. a photo of a dog"));
    m_add = new QPushButton(tr("Add"), box);
    m_remove = new QPushButton(tr("Remove"), box);
    auto *row = new QHBoxLayout;
    row->addWidget(m_newPrompt, 1);
    row->addWidget(m_add);
    row->addWidget(m_remove);
    layout->addWidget(m_list, 1);
    layout->addLayout(row);
    connect(m_add, &QPushButton::clicked, this, &ClipPromptPanel::addPrompt);
    connect(m_newPrompt, &QLineEdit::returnPressed, this, &ClipPromptPanel::addPrompt);
    connect(m_remove, &QPushButton::clicked, this, &ClipPromptPanel::removeSelected);
    return box;
}

QWidget *ClipPromptPanel::createTemplateBox()
{
    auto *box = new QGroupBox(tr("Prompt templates ({} = the prompt; the embeddings are averaged)"), this);
    auto *layout = new QVBoxLayout(box);
    m_templateChoice = new QComboBox(box);
    m_templateChoice->addItem(tr("None: the prompt as written"), QStringLiteral("none"));
    m_templateChoice->addItem(tr("CLIP's 80 ImageNet templates"), QStringLiteral("imagenet"));
    m_templateChoice->addItem(tr("Custom"), QStringLiteral("custom"));
    m_templates = new QPlainTextEdit(box);
    m_templates->setPlaceholderText(tr("one template per line, e.g. a photo of a {}."));
    m_applyTemplates = new QPushButton(tr("Apply templates"), box);
    layout->addWidget(m_templateChoice);
    layout->addWidget(m_templates, 1);
    layout->addWidget(m_applyTemplates, 0, Qt::AlignRight);
    m_templates->setPlainText(m_controller.templatesText());
    connect(m_templateChoice, &QComboBox::activated, this, &ClipPromptPanel::onTemplateChoice);
    connect(m_applyTemplates, &QPushButton::clicked, this, &ClipPromptPanel::applyTemplates);
    connect(m_templates, &QPlainTextEdit::textChanged, this, [this] {
        if (m_templates->hasFocus()) // typed by the user: a custom list
            m_templateChoice->setCurrentIndex(m_templateChoice->findData(QStringLiteral("custom")));
    });
    return box;
}

QWidget *ClipPromptPanel::createVocabRow()
{
    auto *row = new QWidget(this);
    auto *layout = new QFormLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    m_vocab = new QLineEdit(m_controller.vocabPath(), row);
    m_vocab->setPlaceholderText(tr("bpe_simple_vocab_16e6.txt.gz (from OpenAI's CLIP)"));
    auto *browse = new QPushButton(tr("Browse…"), row);
    auto *line = new QHBoxLayout;
    line->addWidget(m_vocab, 1);
    line->addWidget(browse);
    layout->addRow(tr("BPE vocabulary:"), line);
    connect(browse, &QPushButton::clicked, this, &ClipPromptPanel::chooseVocab);
    connect(m_vocab, &QLineEdit::editingFinished, this, [this] { m_controller.setVocabPath(m_vocab->text().trimmed()); });
    return row;
}

QWidget *ClipPromptPanel::createPowerRow()
{
    auto *row = new QWidget(this);
    auto *layout = new QFormLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    m_slider = new QSlider(Qt::Horizontal, row);
    m_slider->setRange(0, 10 * sliderSteps());
    m_slider->setTracking(true); // the maps follow while dragging: each step only re-weights stored maps
    m_power = new QDoubleSpinBox(row);
    m_power->setRange(0.0, 10.0);
    m_power->setSingleStep(1.0 / sliderSteps());
    m_power->setDecimals(1);
    m_power->setToolTip(tr("p = 0: the best-matching location only; p = 1: the mean cosine; larger p focuses on "
                           "the locations that match the prompt best"));
    auto *line = new QHBoxLayout;
    line->addWidget(m_slider, 1);
    line->addWidget(m_power);
    layout->addRow(tr("Cosine power:"), line);
    connect(m_slider, &QSlider::valueChanged, this,
            [this](int value) { m_controller.setCosinePower(double(value) / sliderSteps()); });
    connect(m_power, &QDoubleSpinBox::valueChanged, this, [this](double value) { m_controller.setCosinePower(value); });
    return row;
}

void ClipPromptPanel::addPrompt()
{
    m_controller.addPrompt(m_newPrompt->text());
    m_newPrompt->clear();
}

void ClipPromptPanel::removeSelected()
{
    QList<int> rows;
    for (const QModelIndex &index : m_list->selectionModel()->selectedRows())
        rows << index.row();
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (int row : rows)
        m_controller.removePrompt(row);
}

void ClipPromptPanel::onTemplateChoice()
{
    const QString choice = m_templateChoice->currentData().toString();
    if (choice == QLatin1String("custom"))
        return; // edit the text, then Apply
    const QSignalBlocker blocker(m_templates);
    m_templates->setPlainText(choice == QLatin1String("imagenet") ? ClipPromptController::imagenetTemplatesText()
                                                                  : QString());
    applyTemplates();
}

void ClipPromptPanel::applyTemplates()
{
    m_controller.setTemplatesText(m_templates->toPlainText());
}

void ClipPromptPanel::chooseVocab()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("CLIP BPE vocabulary"),
                                                      QFileInfo(m_vocab->text()).absolutePath(),
                                                      tr("CLIP BPE merges (*.txt.gz *.txt);;All files (*)"));
    if (!path.isEmpty())
        m_controller.setVocabPath(path);
}

void ClipPromptPanel::onAvailabilityChanged()
{
    const QString model = m_controller.modelRequirement();
    m_editors->setEnabled(model.isEmpty());
    const QString why = m_controller.requirement();
    m_status->setText(why.isEmpty() ? tr("Ready: %n prompt(s).", nullptr, m_controller.promptModel()->rowCount())
                                    : tr("Text prompts unavailable: %1").arg(why));
}

void ClipPromptPanel::onPowerChanged(double power)
{
    const QSignalBlocker sliderBlocker(m_slider);
    const QSignalBlocker boxBlocker(m_power);
    m_slider->setValue(static_cast<int>(std::lround(power * sliderSteps())));
    m_power->setValue(power);
}

} // namespace bcos::widgets
