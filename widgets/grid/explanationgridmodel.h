#pragma once

#include "widgets/session/viewcolumn.h"

#include <QAbstractTableModel>
#include <QImage>

namespace bcos::widgets {

class Document;
class ResultCache;
struct ViewColumn;

/// The explanation grid: rows = images, columns = the Document's view columns (Input, W(x)x, ...).
/// ImageRole gives the cell's image at its exact pixels (the model input for "Input", a cached map for a
/// method); unavailable columns are disabled and say what they need in the header.
class ExplanationGridModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role { ImageRole = Qt::UserRole + 1, AvailableRole, ColumnIdRole, ImagePathRole };

    explicit ExplanationGridModel(Document &document, ResultCache *cache = nullptr, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    const ViewColumn &column(int section) const;
    /// The section of the column with ViewColumn::id `id` (the first one); -1 when there is none.
    int columnOf(const QString &id) const;
    /// The image shown in a cell; null when the column is unavailable or the result is not computed yet.
    QImage cellImage(int row, int column) const;
    /// Header text: the title, plus the requirement for an unavailable column.
    QString columnHeader(int section) const;
    QString rowHeader(int row) const;
    /// The row header's predictions: with several classifiers loaded each model's top class ("Fine-tuned: Coat
    /// 91.2 %" lines), else topClasses(). Empty before they are computed.
    QString rowPrediction(int row) const;
    /// The selected model's top-k classes of `row` ("Coat 91.2 %" lines); empty before they are computed.
    QString topClasses(int row) const;
    /// How a model role is named in the row headers and the browser ("Original", "B-cos", "Fine-tuned").
    static QString roleLabel(ModelRole role);

public Q_SLOTS:
    /// Tells the views that cached results arrived (cells and row headers).
    void refresh();

private:
    Document &m_document;
    ResultCache *m_cache;
};

} // namespace bcos::widgets
