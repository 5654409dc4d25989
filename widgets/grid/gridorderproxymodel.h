#pragma once

#include <QPointer>
#include <QSortFilterProxyModel>

namespace bcos::widgets {

class ImageFilterProxyModel;

/// Puts the explanation grid's rows (one per Document image, as the browser's source rows) in the browser's
/// filtered and sorted order: rows are accepted and compared by the browser's ImageFilterProxyModel, and
/// re-ordered whenever the browser's criteria or order change. Columns pass through unchanged.
class GridOrderProxyModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit GridOrderProxyModel(ImageFilterProxyModel &browserOrder, QObject *parent = nullptr);

    /// The source (Document) row of a proxy row, -1 when out of range.
    int sourceRow(int proxyRow) const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    void follow();

    QPointer<ImageFilterProxyModel> m_browserOrder;
};

} // namespace bcos::widgets
