#pragma once

#include <QSortFilterProxyModel>

#include <limits>

namespace bcos::widgets {

/// Which images the browser shows, by the primary model's prediction against the ground-truth label.
enum class CorrectnessFilter {
    All,        ///< every image
    Correct,    ///< labelled and predicted as labelled
    Incorrect,  ///< labelled and predicted otherwise
    Unlabelled, ///< images without a label (dropped/opened files)
};

/// The browser order.
enum class BrowserSortKey {
    Order,      ///< as added to the session
    Name,       ///< file name (case-insensitive)
    Confidence, ///< the predicted class's probability; rows without a prediction count as the lowest
    Value,      ///< the per-image value of the list model's valueColumn(); rows without one count as the lowest
};

/// Filter and sort over an ImageListModel (its LabelRole, PredictedClassRole, ConfidenceRole, OrderRole, ValueRole).
/// Labelled rows whose prediction is not computed yet pass only the All filter (and the label filter).
/// acceptsSourceRow()/sourceRowLessThan() are public so the explanation grid can follow the same order.
class ImageFilterProxyModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit ImageFilterProxyModel(QObject *parent = nullptr);

    void setCorrectness(CorrectnessFilter filter);
    CorrectnessFilter correctness() const { return m_correctness; }
    /// Only rows with this ground-truth label (-1 = any).
    void setTrueClass(int label);
    int trueClass() const { return m_trueClass; }
    /// Only rows predicted as this class (-1 = any).
    void setPredictedClass(int label);
    int predictedClass() const { return m_predictedClass; }
    /// Only rows whose value (ImageListModel::ValueRole) lies in [min, max]; NaN = no bound on that side. Rows
    /// without a value pass only while both bounds are NaN.
    void setValueRange(double min, double max);
    double valueMin() const { return m_valueMin; }
    double valueMax() const { return m_valueMax; }
    /// The value column changed in the list model: re-filter and re-sort.
    void valuesChanged();
    /// Sorts by `key` in `order` (Order ascending = as added).
    void setSorting(BrowserSortKey key, Qt::SortOrder order);
    BrowserSortKey sortKey() const { return m_sortKey; }

    bool acceptsSourceRow(int sourceRow) const;
    bool sourceRowLessThan(int left, int right) const;

Q_SIGNALS:
    /// The filter or the sort changed (views that follow this order re-apply it).
    void criteriaChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    void apply();

    CorrectnessFilter m_correctness = CorrectnessFilter::All;
    int m_trueClass = -1;
    int m_predictedClass = -1;
    BrowserSortKey m_sortKey = BrowserSortKey::Order;
    double m_valueMin = std::numeric_limits<double>::quiet_NaN();
    double m_valueMax = std::numeric_limits<double>::quiet_NaN();
};

} // namespace bcos::widgets
