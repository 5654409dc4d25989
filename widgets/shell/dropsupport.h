#pragma once

#include <QObject>
#include <QStringList>

class QMimeData;

namespace bcos::widgets {

/// Local files and folders named by a drop (URLs that are not local files are ignored).
QStringList localPathsFromMime(const QMimeData *mime);

/// A drop or an "open" split by kind: model files go to Document::loadModel, the rest to addImages.
struct SortedPaths {
    QStringList models;
    QStringList stores; ///< explanation stores: folders with an index.json (bcos explain --out FOLDER/)
    QStringList images; ///< image files, folders and anything else (which then gets a clear error)
};
SortedPaths sortPaths(const QStringList &paths);

/// Makes a widget (for item views: its viewport) accept drops of local files and folders and report them
/// as pathsDropped(); one filter serves the browser, the grid and the main window.
class PathDropFilter : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    /// Installs the filter on `target` and enables drops on it.
    void watch(QWidget *target);

Q_SIGNALS:
    void pathsDropped(const QStringList &paths);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
};

} // namespace bcos::widgets
