#pragma once

#include "widgets/session/modelloading.h"

#include <QDialog>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace bcos::widgets {

/// Asks which architecture foreign weights belong to: preset, class count, preprocessing (ImageNet, CLIP
/// or custom mean/std) and an optional labels file (one class name per line). "clip_rn50" is OpenAI's CLIP
/// RN50 (.pt or state dict): no classes, CLIP preprocessing; the studio B-cosifies it for text prompts.
class ArchitectureDialog : public QDialog {
    Q_OBJECT
public:
    explicit ArchitectureDialog(const QString &weightsPath, QWidget *parent = nullptr);

    /// The choice; reads the labels file (throws core::Error{Io} naming it when unreadable).
    ArchitectureSpec spec() const;
    void setSpec(const ArchitectureSpec &spec);

    static QStringList presets();
    static std::vector<std::string> readLabels(const QString &path);

private:
    void onPreprocessingChanged();
    void onPresetChanged();
    void chooseLabels();

    QComboBox *m_preset = nullptr;
    QSpinBox *m_classes = nullptr;
    QComboBox *m_preprocessing = nullptr;
    QDoubleSpinBox *m_mean[3] = {};
    QDoubleSpinBox *m_std[3] = {};
    QLineEdit *m_labels = nullptr;
};

} // namespace bcos::widgets
