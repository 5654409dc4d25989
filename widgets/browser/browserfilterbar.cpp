#include "browserfilterbar.h"

#include "widgets/browser/imagefilterproxymodel.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>

#include <cmath>
#include <limits>

namespace bcos::widgets {
namespace {

/// Sort choices: key and order packed into the item data.
enum SortChoice { ByOrder, ByName, ByConfidenceDescending, ByConfidenceAscending, ByValueDescending, ByValueAscending };

/// A bound typed into a range field: NaN when empty (or not a number, which the field marks).
double boundOf(const QLineEdit *edit)
{
    bool ok = false;
    const double value = QLocale().toDouble(edit->text().trimmed(), &ok);
    return ok ? value : std::numeric_limits<double>::quiet_NaN();
}

QComboBox *comboBox(const QString &objectName, QWidget *parent)
{
    auto *box = new QComboBox(parent);
    box->setObjectName(objectName);
    box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    box->setMinimumContentsLength(8);
    return box;
}

} // namespace

BrowserFilterBar::BrowserFilterBar(ImageFilterProxyModel &proxy, QWidget *parent)
    : QWidget(parent)
    , m_proxy(proxy)
    , m_correctness(comboBox(QStringLiteral("browserShow"), this))
    , m_trueClass(comboBox(QStringLiteral("browserTrueClass"), this))
    , m_predictedClass(comboBox(QStringLiteral("browserPredictedClass"), this))
    , m_sort(comboBox(QStringLiteral("browserSort"), this))
    , m_model(comboBox(QStringLiteral("browserModel"), this))
    , m_modelLabel(new QLabel(tr("Model:"), this))
    , m_count(new QLabel(this))
    , m_value(comboBox(QStringLiteral("browserValue"), this))
    , m_valueLabel(new QLabel(tr("Value:"), this))
    , m_valueMin(new QLineEdit(this))
    , m_valueMax(new QLineEdit(this))
{
    m_correctness->addItem(tr("All images"), static_cast<int>(CorrectnessFilter::All));
    m_correctness->addItem(tr("Correct"), static_cast<int>(CorrectnessFilter::Correct));
    m_correctness->addItem(tr("Incorrect"), static_cast<int>(CorrectnessFilter::Incorrect));
    m_correctness->addItem(tr("Unlabelled"), static_cast<int>(CorrectnessFilter::Unlabelled));
    m_correctness->setToolTip(tr("Correct/incorrect compare the model's prediction with the label of images "
                                 "opened from a dataset split"));
    m_sort->addItem(tr("Order added"), ByOrder);
    m_sort->addItem(tr("Name"), ByName);
    m_sort->addItem(tr("Confidence (high first)"), ByConfidenceDescending);
    m_sort->addItem(tr("Confidence (low first)"), ByConfidenceAscending);
    m_sort->addItem(tr("Value (high first)"), ByValueDescending);
    m_sort->addItem(tr("Value (low first)"), ByValueAscending);
    m_sort->setToolTip(tr("Confidence: the probability of the predicted class; Value: the per-image value chosen "
                          "below (a metric or the agreement of two methods)"));
    m_valueMin->setObjectName(QStringLiteral("browserValueMin"));
    m_valueMax->setObjectName(QStringLiteral("browserValueMax"));
    m_valueMin->setPlaceholderText(tr("min"));
    m_valueMax->setPlaceholderText(tr("max"));
    m_value->setToolTip(tr("A per-image value from an explanation store or the Metrics view: sort by it (Sort: "
                           "Value) and show only the images within min..max (empty: no bound). Low "
                           "agreement/A~B: the two methods disagree"));
    setClassNames({});

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Show:"), this), 0, 0);
    layout->addWidget(m_correctness, 0, 1);
    layout->addWidget(new QLabel(tr("Sort:"), this), 0, 2);
    layout->addWidget(m_sort, 0, 3);
    layout->addWidget(new QLabel(tr("Label:"), this), 1, 0);
    layout->addWidget(m_trueClass, 1, 1);
    layout->addWidget(new QLabel(tr("Predicted:"), this), 1, 2);
    layout->addWidget(m_predictedClass, 1, 3);
    layout->addWidget(m_modelLabel, 2, 0);
    layout->addWidget(m_model, 2, 1, 1, 3);
    auto *range = new QHBoxLayout;
    range->addWidget(m_value, 2);
    range->addWidget(m_valueMin, 1);
    auto *dots = new QLabel(QStringLiteral("…"), this);
    dots->setObjectName(QStringLiteral("browserValueDots"));
    range->addWidget(dots);
    range->addWidget(m_valueMax, 1);
    layout->addWidget(m_valueLabel, 3, 0);
    layout->addLayout(range, 3, 1, 1, 3);
    layout->addWidget(m_count, 4, 0, 1, 4);
    setValueColumns({});
    m_model->setToolTip(tr("Whose predictions the list shows, sorts and filters by"));
    setModelChoices({}, -1);
    layout->setColumnStretch(1, 1);
    layout->setColumnStretch(3, 1);

    connect(m_correctness, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy.setCorrectness(static_cast<CorrectnessFilter>(m_correctness->currentData().toInt()));
    });
    connect(m_trueClass, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy.setTrueClass(m_trueClass->currentData().toInt()); });
    connect(m_predictedClass, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy.setPredictedClass(m_predictedClass->currentData().toInt()); });
    connect(m_sort, &QComboBox::currentIndexChanged, this, &BrowserFilterBar::applySort);
    connect(m_model, &QComboBox::activated, this,
            [this] { Q_EMIT modelSelected(m_model->currentData().toInt()); });
    connect(m_value, &QComboBox::currentIndexChanged, this, [this] {
        Q_EMIT valueColumnSelected(m_value->currentData().toInt());
        m_proxy.valuesChanged();
    });
    connect(m_valueMin, &QLineEdit::textChanged, this, &BrowserFilterBar::applyValueRange);
    connect(m_valueMax, &QLineEdit::textChanged, this, &BrowserFilterBar::applyValueRange);
    connect(&m_proxy, &QAbstractItemModel::modelReset, this, &BrowserFilterBar::updateCount);
    connect(&m_proxy, &QAbstractItemModel::layoutChanged, this, &BrowserFilterBar::updateCount);
    connect(&m_proxy, &QAbstractItemModel::rowsInserted, this, &BrowserFilterBar::updateCount);
    connect(&m_proxy, &QAbstractItemModel::rowsRemoved, this, &BrowserFilterBar::updateCount);
    connect(&m_proxy, &ImageFilterProxyModel::criteriaChanged, this, &BrowserFilterBar::updateCount);
    updateCount();
}

bool BrowserFilterBar::fillClassBox(QComboBox *box, const QStringList &names, const QString &anyText)
{
    const int chosen = box->currentData().toInt();
    const QSignalBlocker blocker(box);
    box->clear();
    box->addItem(anyText, -1);
    for (int k = 0; k < names.size(); ++k)
        box->addItem(tr("%1: %2").arg(k).arg(names.at(k)), k);
    const int index = box->findData(chosen);
    box->setCurrentIndex(std::max(0, index));
    return index < 0 && chosen >= 0;
}

void BrowserFilterBar::setClassNames(const QStringList &names)
{
    // A chosen class that the new model does not have falls back to "any".
    if (fillClassBox(m_trueClass, names, tr("Any label")))
        m_proxy.setTrueClass(-1);
    if (fillClassBox(m_predictedClass, names, tr("Any prediction")))
        m_proxy.setPredictedClass(-1);
}

void BrowserFilterBar::setModelChoices(const QVector<QPair<QString, int>> &choices, int selected)
{
    const QSignalBlocker blocker(m_model);
    m_model->clear();
    for (const auto &[label, role] : choices)
        m_model->addItem(label, role);
    m_model->setCurrentIndex(std::max(0, m_model->findData(selected)));
    m_model->setVisible(choices.size() > 1);
    m_modelLabel->setVisible(choices.size() > 1);
}

void BrowserFilterBar::setValueColumns(const QStringList &labels)
{
    const QString chosen = m_value->currentText();
    {
        const QSignalBlocker blocker(m_value);
        m_value->clear();
        m_value->addItem(tr("None"), -1);
        for (int c = 0; c < labels.size(); ++c)
            m_value->addItem(labels[c], c);
        m_value->setCurrentIndex(std::max(0, m_value->findText(chosen)));
    }
    const bool any = !labels.isEmpty();
    // The whole value row hides while there is nothing to sort or filter by.
    for (QWidget *widget : std::initializer_list<QWidget *>{m_valueLabel, m_value, m_valueMin, m_valueMax,
                                                            findChild<QLabel *>(QStringLiteral("browserValueDots"))})
        if (widget)
            widget->setVisible(any);
    Q_EMIT valueColumnSelected(m_value->currentData().toInt());
    m_proxy.valuesChanged();
}

void BrowserFilterBar::applyValueRange()
{
    for (QLineEdit *edit : {m_valueMin, m_valueMax}) { // a typo is marked, and counts as no bound
        bool ok = true;
        if (!edit->text().trimmed().isEmpty())
            QLocale().toDouble(edit->text().trimmed(), &ok);
        edit->setStyleSheet(ok ? QString() : QStringLiteral("color: red"));
    }
    m_proxy.setValueRange(boundOf(m_valueMin), boundOf(m_valueMax));
}

void BrowserFilterBar::applySort()
{
    switch (m_sort->currentData().toInt()) {
    case ByName: m_proxy.setSorting(BrowserSortKey::Name, Qt::AscendingOrder); break;
    case ByConfidenceDescending: m_proxy.setSorting(BrowserSortKey::Confidence, Qt::DescendingOrder); break;
    case ByConfidenceAscending: m_proxy.setSorting(BrowserSortKey::Confidence, Qt::AscendingOrder); break;
    case ByValueDescending: m_proxy.setSorting(BrowserSortKey::Value, Qt::DescendingOrder); break;
    case ByValueAscending: m_proxy.setSorting(BrowserSortKey::Value, Qt::AscendingOrder); break;
    default: m_proxy.setSorting(BrowserSortKey::Order, Qt::AscendingOrder); break;
    }
}

QString BrowserFilterBar::shownText() const
{
    return m_count->text();
}

void BrowserFilterBar::updateCount()
{
    const int total = m_proxy.sourceModel() ? m_proxy.sourceModel()->rowCount() : 0;
    m_count->setText(tr("%1 of %n image(s) shown", nullptr, total).arg(m_proxy.rowCount()));
}

} // namespace bcos::widgets
