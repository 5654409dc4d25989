#pragma once

#include <QListView>

namespace bcos::widgets {

/// The image browser: thumbnails in icon mode. Drops are handled by a PathDropFilter on its viewport.
class ImageBrowser : public QListView {
    Q_OBJECT
public:
    explicit ImageBrowser(QWidget *parent = nullptr);

    /// Selected rows of the Document (through a filter/sort proxy when the view has one), ascending.
    QList<int> selectedRows() const;
    /// The Document row of a view index (mapped through the proxy when there is one).
    int sourceRow(const QModelIndex &index) const;
};

} // namespace bcos::widgets
