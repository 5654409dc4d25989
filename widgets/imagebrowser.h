#pragma once

#include <QListView>

namespace bcos::widgets {

/// The image browser: thumbnails in icon mode. Drops are handled by a PathDropFilter on its viewport.
class ImageBrowser : public QListView {
    Q_OBJECT
public:
    explicit ImageBrowser(QWidget *parent = nullptr);

    /// Selected rows, ascending.
    QList<int> selectedRows() const;
};

} // namespace bcos::widgets
