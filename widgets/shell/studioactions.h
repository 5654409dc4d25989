#pragma once

#include <QObject>

class QAction;
class QMenu;
class QUndoStack;

namespace bcos::widgets {

/// The main window's actions (text, icon, shortcut, status tip), created once; MainWindow connects them.
class StudioActions : public QObject {
    Q_OBJECT
public:
    StudioActions(QUndoStack &undoStack, QObject *parent);

    QAction *openModel;
    QAction *openImages;
    QAction *openFolder;
    QAction *startDemo;
    QAction *bcosify;
    QAction *exportGrid;
    QAction *copyGrid;
    QAction *quit;
    QAction *undo;
    QAction *redo;
    QAction *removeImages;
    QAction *preferences;
    QAction *about;
    QAction *aboutQt;
    QMenu *recentMenu;

private:
    QAction *make(const QString &text, const QString &icon, const QKeySequence &shortcut, const QString &tip);
};

} // namespace bcos::widgets
