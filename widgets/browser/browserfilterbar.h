#pragma once

#include <QStringList>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;

namespace bcos::widgets {

class ImageFilterProxyModel;

/// The browser's filter bar: show all / correct / incorrect / unlabelled, filter by true and by predicted
/// class, by a range of a per-image value (a metric of a method, the agreement of two), sort by order added,
/// name, confidence or that value (ascending/descending), and "n of m" images shown.
/// It only edits the ImageFilterProxyModel; class names come from the loaded model (setClassNames()).
class BrowserFilterBar : public QWidget {
    Q_OBJECT
public:
    explicit BrowserFilterBar(ImageFilterProxyModel &proxy, QWidget *parent = nullptr);

    /// The class choices of both class filters; a choice that no longer exists falls back to "any".
    void setClassNames(const QStringList &names);
    /// The models whose predictions can be shown: (label, role as int) pairs, `selected` among them. Hidden
    /// while there is only one.
    void setModelChoices(const QVector<QPair<QString, int>> &choices, int selected);
    QComboBox *modelBox() const { return m_model; }
    /// The per-image values the list can sort and filter by (labels in Document::values() column order); the
    /// value row is hidden while there are none. A choice that no longer exists falls back to none.
    void setValueColumns(const QStringList &labels);
    QComboBox *valueBox() const { return m_value; }
    QLineEdit *valueMinEdit() const { return m_valueMin; }
    QLineEdit *valueMaxEdit() const { return m_valueMax; }

    QComboBox *correctnessBox() const { return m_correctness; }
    QComboBox *trueClassBox() const { return m_trueClass; }
    QComboBox *predictedClassBox() const { return m_predictedClass; }
    QComboBox *sortBox() const { return m_sort; }
    QString shownText() const;

Q_SIGNALS:
    /// The user chose whose predictions to show (a role from setModelChoices()).
    void modelSelected(int role);
    /// The user chose the value to sort and filter by (a column index, -1 = none).
    void valueColumnSelected(int column);

private:
    /// Refills `box` keeping its choice; true when the choice no longer exists.
    bool fillClassBox(QComboBox *box, const QStringList &names, const QString &anyText);
    void applySort();
    void applyValueRange();
    void updateCount();

    ImageFilterProxyModel &m_proxy;
    QComboBox *m_correctness = nullptr;
    QComboBox *m_trueClass = nullptr;
    QComboBox *m_predictedClass = nullptr;
    QComboBox *m_sort = nullptr;
    QComboBox *m_model = nullptr;
    QLabel *m_modelLabel = nullptr;
    QLabel *m_count = nullptr;
    QComboBox *m_value = nullptr;
    QLabel *m_valueLabel = nullptr;
    QLineEdit *m_valueMin = nullptr;
    QLineEdit *m_valueMax = nullptr;
};

} // namespace bcos::widgets
