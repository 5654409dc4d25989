#pragma once

#include <QAbstractListModel>

namespace bcos::widgets {

class Document;

/// The image browser's model: one row per Document image; DecorationRole is the thumbnail (with the
/// device pixel ratio of the screen), DisplayRole the file name, ToolTipRole path and size.
class ImageListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { PathRole = Qt::UserRole + 1 };

    explicit ImageListModel(Document &document, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    void setDevicePixelRatio(qreal ratio);

private:
    Document &m_document;
    qreal m_devicePixelRatio = 1.0;
};

} // namespace bcos::widgets
