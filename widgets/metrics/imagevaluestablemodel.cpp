#include "imagevaluestablemodel.h"

#include "widgets/session/document.h"

#include <cmath>
#include <limits>

namespace bcos::widgets {

ImageValuesTableModel::ImageValuesTableModel(Document &document, QObject *parent)
    : QAbstractTableModel(parent)
    , m_document(document)
{
    const auto reset = [this] {
        beginResetModel();
        endResetModel();
    };
    connect(&document, &Document::imagesInserted, this, reset);
    connect(&document, &Document::imagesRemoved, this, reset);
    connect(&document.values(), &ImageValues::changed, this, reset);
    connect(&document, &Document::modelChanged, this, reset); // labels and class names follow the model
    connect(&document, &Document::selectedModelChanged, this, reset);
}

int ImageValuesTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_document.imageCount();
}

int ImageValuesTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : kFixedColumns + static_cast<int>(m_document.values().columns().size());
}

QVariant ImageValuesTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const ImageRecord &record = m_document.image(index.row());
    if (index.column() == 0) {
        if (role == Qt::DisplayRole || role == SortRole)
            return record.name;
        return role == Qt::ToolTipRole ? QVariant(record.path) : QVariant();
    }
    if (index.column() == 1) {
        if (role == SortRole)
            return record.label;
        if (role != Qt::DisplayRole)
            return {};
        const LoadedModel *model = m_document.model();
        if (record.label < 0)
            return QStringLiteral("–");
        return model ? QString::fromStdString(model->description.className(record.label)) : QString::number(record.label);
    }
    const double value = m_document.values().value(record.path, index.column() - kFixedColumns);
    switch (role) {
    case Qt::DisplayRole: return std::isnan(value) ? QStringLiteral("–") : QString::number(value, 'f', 4);
    case SortRole: return std::isnan(value) ? -std::numeric_limits<double>::infinity() : value;
    case Qt::TextAlignmentRole: return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole: return std::isnan(value) ? tr("left out: the map is all zero") : QVariant();
    default: return {};
    }
}

QVariant ImageValuesTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section < kFixedColumns) {
        if (role == Qt::DisplayRole)
            return section == 0 ? tr("Image") : tr("Label");
        return {};
    }
    const ValueColumn &column = m_document.values().columns()[section - kFixedColumns];
    if (role == Qt::DisplayRole)
        return column.name;
    if (role == Qt::ToolTipRole)
        return column.higherIsBetter ? tr("%1 of %2: higher is better").arg(column.metric, column.method)
                                     : tr("%1 of %2: lower is better").arg(column.metric, column.method);
    return {};
}

} // namespace bcos::widgets
