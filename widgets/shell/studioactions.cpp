#include "studioactions.h"

#include <QAction>
#include <QIcon>
#include <QKeySequence>
#include <QMenu>
#include <QUndoStack>

namespace bcos::widgets {

StudioActions::StudioActions(QUndoStack &undoStack, QObject *parent)
    : QObject(parent)
{
    openModel = make(tr("Open &Model…"), QStringLiteral("open-model"), QKeySequence(tr("Ctrl+M")),
                     tr("Load model weights (.safetensors, .pth, .pt, .ckpt)"));
    openImages = make(tr("&Open Images…"), QStringLiteral("open-images"), QKeySequence::Open, tr("Add image files"));
    openFolder = make(tr("Open &Folder…"), QStringLiteral("open-folder"), QKeySequence(tr("Ctrl+Shift+O")),
                      tr("Add every image in a folder"));
    startDemo = make(tr("Start with the &Demo"), QStringLiteral("demo"), QKeySequence(tr("Ctrl+D")),
                     tr("Load the demo model and the first Fashion-MNIST test images"));
    bcosify = make(tr("&B-cosify…"), QString(), QKeySequence(tr("Ctrl+B")),
                   tr("Convert the loaded standard model into a B-cos network (the original is kept)"));
    exportGrid = make(tr("&Export…"), QStringLiteral("export"), QKeySequence(tr("Ctrl+E")),
                      tr("Export the grid or the selected cells as PNG, SVG or PDF"));
    copyGrid = make(tr("&Copy Grid"), QStringLiteral("copy"), QKeySequence::Copy,
                    tr("Copy the selected cells (or the whole grid) as an image"));
    quit = make(tr("&Quit"), QString(), QKeySequence::Quit, tr("Quit B-cos Studio"));
    undo = undoStack.createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    redo = undoStack.createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    removeImages = make(tr("&Remove Images"), QString(), QKeySequence::Delete, tr("Remove the selected images"));
    preferences = make(tr("&Preferences…"), QString(), QKeySequence::Preferences, tr("Language and other settings"));
    about = make(tr("&About B-cos Studio"), QStringLiteral("app"), QKeySequence(), tr("Versions and devices"));
    aboutQt = make(tr("About &Qt"), QString(), QKeySequence(), tr("Qt's licence and version"));
    recentMenu = new QMenu(tr("Recent &Files"));
    connect(this, &QObject::destroyed, recentMenu, &QObject::deleteLater);
}

QAction *StudioActions::make(const QString &text, const QString &icon, const QKeySequence &shortcut, const QString &tip)
{
    auto *action = new QAction(text, this);
    if (!icon.isEmpty())
        action->setIcon(QIcon(QStringLiteral(":/icons/%1.svg").arg(icon)));
    action->setShortcut(shortcut);
    action->setStatusTip(tip);
    action->setToolTip(tip);
    return action;
}

} // namespace bcos::widgets
