#include "explanationgridmodel.h"

#include "widgets/session/document.h"
#include "widgets/session/modelloading.h"
#include "widgets/jobs/resultcache.h"

#include <QBrush>
#include <QPalette>

namespace bcos::widgets {

ExplanationGridModel::ExplanationGridModel(Document &document, ResultCache *cache, QObject *parent)
    : QAbstractTableModel(parent)
    , m_document(document)
    , m_cache(cache)
{
    connect(&document, &Document::imagesAboutToBeInserted, this,
            [this](int first, int last) { beginInsertRows({}, first, last); });
    connect(&document, &Document::imagesInserted, this, &ExplanationGridModel::endInsertRows);
    connect(&document, &Document::imagesAboutToBeRemoved, this,
            [this](int first, int last) { beginRemoveRows({}, first, last); });
    connect(&document, &Document::imagesRemoved, this, &ExplanationGridModel::endRemoveRows);
    connect(&document, &Document::columnsChanged, this, [this] {
        beginResetModel();
        endResetModel();
    });
}

int ExplanationGridModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_document.imageCount();
}

int ExplanationGridModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_document.columns().size());
}

const ViewColumn &ExplanationGridModel::column(int section) const
{
    return m_document.columns().at(section);
}

int ExplanationGridModel::columnOf(const QString &id) const
{
    for (int section = 0; section < columnCount(); ++section)
        if (column(section).id == id)
            return section;
    return -1;
}

QImage ExplanationGridModel::cellImage(int row, int col) const
{
    if (row < 0 || row >= rowCount() || col < 0 || col >= columnCount())
        return {};
    const ViewColumn &view = column(col);
    const ImageRecord &record = m_document.image(row);
    if (view.id == QLatin1String("input")) // decoded on demand: ExplanationJobs reads the rows shown
        return m_document.cachedInput(record.path);
    const auto model = m_document.modelFor(view);
    if (!view.available || !m_cache || !model)
        return {};
    return m_cache->find(ResultKey::make(record.path, *model, view));
}

QString ExplanationGridModel::rowPrediction(int row) const
{
    const LoadedModel *model = m_document.model();
    if (!m_cache || !model || row < 0 || row >= rowCount())
        return {};
    const auto models = m_document.classifierModels();
    if (models.size() <= 1)
        return topClasses(row);
    QStringList lines; // each model's top class and confidence, side by side with its columns
    for (const auto &[role, each] : models) {
        const auto top = m_cache->prediction(m_document.image(row).path, *each);
        if (!top.isEmpty())
            lines << tr("%1: %2 %3 %").arg(roleLabel(role),
                                           QString::fromStdString(each->description.className(top.first().index)))
                         .arg(top.first().probability * 100.0, 0, 'f', 1);
    }
    return lines.join(QLatin1Char('\n'));
}

QString ExplanationGridModel::topClasses(int row) const
{
    const LoadedModel *model = m_document.model();
    if (!m_cache || !model || row < 0 || row >= rowCount())
        return {};
    QStringList lines;
    for (const ClassScore &score : m_cache->prediction(m_document.image(row).path, *model))
        lines << tr("%1 %2 %").arg(QString::fromStdString(model->description.className(score.index)))
                     .arg(score.probability * 100.0, 0, 'f', 1);
    return lines.join(QLatin1Char('\n'));
}

QString ExplanationGridModel::roleLabel(ModelRole role)
{
    switch (role) {
    case ModelRole::Standard: return tr("Original");
    case ModelRole::Bcos: return tr("B-cos");
    case ModelRole::FineTuned: break;
    }
    return tr("Fine-tuned");
}

void ExplanationGridModel::refresh()
{
    if (rowCount() == 0 || columnCount() == 0)
        return;
    Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
    Q_EMIT headerDataChanged(Qt::Vertical, 0, rowCount() - 1);
}

QString ExplanationGridModel::columnHeader(int section) const
{
    const ViewColumn &view = column(section);
    return view.available ? view.title : tr("%1 (%2)").arg(view.title, view.requirement);
}

QString ExplanationGridModel::rowHeader(int row) const
{
    return m_document.image(row).name;
}

QVariant ExplanationGridModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const ViewColumn &view = column(index.column());
    switch (role) {
    case ImageRole: return cellImage(index.row(), index.column());
    case AvailableRole: return view.available;
    case ColumnIdRole: return view.id;
    case ImagePathRole: return m_document.image(index.row()).path;
    case Qt::DisplayRole: return view.available ? QVariant() : QVariant(view.requirement);
    case Qt::ToolTipRole: return tr("%1 — %2").arg(rowHeader(index.row()), columnHeader(index.column()));
    default: return {};
    }
}

QVariant ExplanationGridModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (section >= rowCount())
            return {};
        const QString prediction = rowPrediction(section);
        if (role == Qt::DisplayRole) { // the name and the top class (of each model when several are loaded)
            if (prediction.isEmpty())
                return rowHeader(section);
            const bool perModel = m_document.classifierModels().size() > 1;
            return rowHeader(section) + QLatin1Char('\n') + (perModel ? prediction : prediction.section(QLatin1Char('\n'), 0, 0));
        }
        if (role == Qt::ToolTipRole && !prediction.isEmpty())
            return tr("%1\nTop classes:\n%2").arg(rowHeader(section), prediction);
        return {};
    }
    if (section >= columnCount())
        return {};
    const ViewColumn &view = column(section);
    if (role == Qt::DisplayRole) // two lines on screen, so the requirement is not elided
        return view.available ? view.title : tr("%1\n(%2)").arg(view.title, view.requirement);
    if (role == Qt::ToolTipRole && !view.available)
        return tr("%1 is not available: %2").arg(view.title, view.requirement);
    if (role == Qt::ForegroundRole && !view.available)
        return QPalette().brush(QPalette::Disabled, QPalette::WindowText);
    return {};
}

Qt::ItemFlags ExplanationGridModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() || !column(index.column()).available)
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

} // namespace bcos::widgets
