#include "browserfilterbar.h"

#include "widgets/browser/imagefilterproxymodel.h"

#include <QComboBox>
#include <QGridLayout>
#include <QLabel>

namespace bcos::widgets {
namespace {

/// Sort choices: key and order packed into the item data.
enum SortChoice { ByOrder, ByName, ByConfidenceDescending, ByConfidenceAscending };

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
    , m_count(new QLabel(this))
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
    m_sort->setToolTip(tr("Confidence: the probability of the predicted class"));
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
    layout->addWidget(m_count, 2, 0, 1, 4);
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

void BrowserFilterBar::applySort()
{
    switch (m_sort->currentData().toInt()) {
    case ByName: m_proxy.setSorting(BrowserSortKey::Name, Qt::AscendingOrder); break;
    case ByConfidenceDescending: m_proxy.setSorting(BrowserSortKey::Confidence, Qt::DescendingOrder); break;
    case ByConfidenceAscending: m_proxy.setSorting(BrowserSortKey::Confidence, Qt::AscendingOrder); break;
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
