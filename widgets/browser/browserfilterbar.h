#pragma once

#include <QStringList>
#include <QWidget>

class QComboBox;
class QLabel;

namespace bcos::widgets {

class ImageFilterProxyModel;

/// The browser's filter bar: show all / correct / incorrect / unlabelled, filter by true and by predicted
/// class, sort by order added, name or confidence (ascending/descending), and "n of m" images shown.
/// It only edits the ImageFilterProxyModel; class names come from the loaded model (setClassNames()).
class BrowserFilterBar : public QWidget {
    Q_OBJECT
public:
    explicit BrowserFilterBar(ImageFilterProxyModel &proxy, QWidget *parent = nullptr);

    /// The class choices of both class filters; a choice that no longer exists falls back to "any".
    void setClassNames(const QStringList &names);

    QComboBox *correctnessBox() const { return m_correctness; }
    QComboBox *trueClassBox() const { return m_trueClass; }
    QComboBox *predictedClassBox() const { return m_predictedClass; }
    QComboBox *sortBox() const { return m_sort; }
    QString shownText() const;

private:
    /// Refills `box` keeping its choice; true when the choice no longer exists.
    bool fillClassBox(QComboBox *box, const QStringList &names, const QString &anyText);
    void applySort();
    void updateCount();

    ImageFilterProxyModel &m_proxy;
    QComboBox *m_correctness = nullptr;
    QComboBox *m_trueClass = nullptr;
    QComboBox *m_predictedClass = nullptr;
    QComboBox *m_sort = nullptr;
    QLabel *m_count = nullptr;
};

} // namespace bcos::widgets
