#include "dropsupport.h"

#include "widgets/session/modelloading.h"

#include <QDir>
#include <QFileInfo>
#include <QMimeData>
#include <QUrl>

namespace bcos::widgets {

QStringList localPathsFromMime(const QMimeData *mime)
{
    QStringList paths;
    if (!mime || !mime->hasUrls())
        return paths;
    for (const QUrl &url : mime->urls())
        if (url.isLocalFile())
            paths << url.toLocalFile();
    return paths;
}

SortedPaths sortPaths(const QStringList &paths)
{
    SortedPaths sorted;
    for (const QString &path : paths) {
        if (isModelFile(path.toStdString()))
            sorted.models << path;
        else if (QFileInfo(path).isDir() && QFileInfo(QDir(path).filePath(QStringLiteral("index.json"))).isFile())
            sorted.stores << path;
        else
            sorted.images << path;
    }
    return sorted;
}

} // namespace bcos::widgets

#include <QDropEvent>
#include <QWidget>

namespace bcos::widgets {

void PathDropFilter::watch(QWidget *target)
{
    target->setAcceptDrops(true);
    target->installEventFilter(this);
}

bool PathDropFilter::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::DragEnter:
    case QEvent::DragMove: {
        auto *drag = static_cast<QDragMoveEvent *>(event);
        if (!localPathsFromMime(drag->mimeData()).isEmpty()) {
            drag->acceptProposedAction();
            return true;
        }
        return false;
    }
    case QEvent::Drop: {
        auto *drop = static_cast<QDropEvent *>(event);
        const QStringList paths = localPathsFromMime(drop->mimeData());
        if (paths.isEmpty())
            return false;
        drop->acceptProposedAction();
        Q_EMIT pathsDropped(paths);
        return true;
    }
    default:
        return QObject::eventFilter(watched, event);
    }
}

} // namespace bcos::widgets
