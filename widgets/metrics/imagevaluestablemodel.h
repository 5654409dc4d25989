#pragma once

#include <QAbstractTableModel>

namespace bcos::widgets {

class Document;

/// The per-image values as a table: one row per Document image, columns Image, Label and every value column of
/// Document::values() ("deletion/wxx", "agreement/wxx~gradcam"...). SortRole gives numbers (values, labels) or
/// the name, so a QSortFilterProxyModel sorts every column; images without a value sort as the lowest.
class ImageValuesTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role { SortRole = Qt::UserRole + 1 };
    static constexpr int kFixedColumns = 2; ///< Image, Label

    explicit ImageValuesTableModel(Document &document, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    Document &m_document;
};

} // namespace bcos::widgets
