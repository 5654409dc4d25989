#pragma once

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListView;
class QPlainTextEdit;
class QPushButton;
class QSlider;

namespace bcos::widgets {

class ClipPromptController;

/// The "Text prompts" dock: the prompt list (add, remove, edit in place), the prompt templates (none, CLIP's 80
/// ImageNet templates or custom text), the BPE vocabulary file and the cosine-power slider (0..10 in steps of
/// 0.1, with a spin box). The editors are disabled, with the reason shown, while the model cannot explain
/// prompts. Logic lives in ClipPromptController; this only shows and edits it.
class ClipPromptPanel : public QWidget {
    Q_OBJECT
public:
    explicit ClipPromptPanel(ClipPromptController &controller, QWidget *parent = nullptr);

    /// Slider steps per unit of cosine power.
    static int sliderSteps() { return 10; }

    QSlider *powerSlider() const { return m_slider; }
    QDoubleSpinBox *powerBox() const { return m_power; }
    QLineEdit *promptEdit() const { return m_newPrompt; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *removeButton() const { return m_remove; }
    QListView *promptList() const { return m_list; }
    QComboBox *templateChoice() const { return m_templateChoice; }
    QPlainTextEdit *templatesEdit() const { return m_templates; }
    QPushButton *applyTemplatesButton() const { return m_applyTemplates; }
    QLineEdit *vocabEdit() const { return m_vocab; }
    QLabel *statusLabel() const { return m_status; }
    /// Everything but the status line (disabled while the model cannot explain prompts).
    QWidget *editors() const { return m_editors; }

private:
    QWidget *createPromptBox();
    QWidget *createTemplateBox();
    QWidget *createVocabRow();
    QWidget *createPowerRow();
    void addPrompt();
    void removeSelected();
    void onTemplateChoice();
    void applyTemplates();
    void chooseVocab();
    void onAvailabilityChanged();
    void onPowerChanged(double power);

    ClipPromptController &m_controller;
    QLabel *m_status = nullptr;
    QWidget *m_editors = nullptr;
    QListView *m_list = nullptr;
    QLineEdit *m_newPrompt = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_remove = nullptr;
    QComboBox *m_templateChoice = nullptr;
    QPlainTextEdit *m_templates = nullptr;
    QPushButton *m_applyTemplates = nullptr;
    QLineEdit *m_vocab = nullptr;
    QSlider *m_slider = nullptr;
    QDoubleSpinBox *m_power = nullptr;
};

} // namespace bcos::widgets
