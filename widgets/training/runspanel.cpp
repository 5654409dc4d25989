#include "runspanel.h"

#include "core/train/runlog.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QThreadPool>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace bcos::widgets {
namespace {

enum Column { RunColumn, EpochsColumn, TopColumn, ModelColumn };

RunEntry readRun(const QFileInfo &folder)
{
    RunEntry run;
    run.name = folder.fileName();
    run.directory = folder.absoluteFilePath();
    const QDir dir(run.directory);
    if (dir.exists(QStringLiteral("model.safetensors")))
        run.model = dir.absoluteFilePath(QStringLiteral("model.safetensors"));
    run.hasSettings = dir.exists(QLatin1String(kRunSettingsFile));
    if (!dir.exists(QStringLiteral("metrics.csv")) && !dir.exists(QStringLiteral("metrics.jsonl")))
        return run;
    try {
        const core::RunHistory history = core::readRunLog(run.directory.toStdString());
        run.epochs = static_cast<int>(history.epochs.size());
        for (auto it = history.epochs.rbegin(); it != history.epochs.rend(); ++it)
            if (!std::isnan(it->valTop1)) {
                run.valTop1 = it->valTop1;
                break;
            }
    } catch (const std::exception &error) { // core::Error: names the file, the line and the field
        run.problem = QString::fromStdString(error.what());
    }
    return run;
}

} // namespace

QVector<RunEntry> scanRuns(const QString &root)
{
    QVector<RunEntry> runs;
    const QFileInfoList folders = QDir(root).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name | QDir::Reversed);
    for (const QFileInfo &folder : folders) {
        RunEntry run = readRun(folder);
        if (!run.model.isEmpty() || run.epochs > 0 || !run.problem.isEmpty() || run.hasSettings)
            runs.append(run);
    }
    return runs;
}

RunsPanel::RunsPanel(QString root, QWidget *parent)
    : QWidget(parent)
    , m_root(std::move(root))
    , m_list(new QTreeWidget(this))
    , m_open(new QPushButton(tr("Open run"), this))
    , m_status(new QLabel(this))
{
    m_list->setObjectName(QStringLiteral("runsList"));
    m_list->setHeaderLabels({tr("Run"), tr("Epochs"), tr("Val top-1"), tr("Model")});
    m_list->setRootIsDecorated(false);
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_open->setObjectName(QStringLiteral("openRun"));
    m_open->setToolTip(tr("The run's model joins the grid as the fine-tuned model; its curves go on the chart "
                          "and its settings into the training form"));
    auto *refreshButton = new QPushButton(tr("Refresh"), this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_open);
    buttons->addWidget(refreshButton);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_status);

    connect(refreshButton, &QPushButton::clicked, this, &RunsPanel::refresh);
    connect(m_open, &QPushButton::clicked, this, &RunsPanel::openSelected);
    connect(m_list, &QTreeWidget::itemDoubleClicked, this, &RunsPanel::openSelected);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &RunsPanel::updateButtons);
    refresh();
}

void RunsPanel::refresh()
{
    const int scan = ++m_scan;
    m_status->setText(tr("Reading %1…").arg(m_root));
    // The metrics files of many long runs are too much to read on the GUI thread. The pool thread never touches
    // the panel: its result is delivered on the GUI thread, where the QPointer is checked.
    QThreadPool::globalInstance()->start([self = QPointer<RunsPanel>(this), root = m_root, scan] {
        QVector<RunEntry> runs = scanRuns(root);
        if (QCoreApplication *app = QCoreApplication::instance())
            QMetaObject::invokeMethod(app, [self, runs = std::move(runs), scan]() mutable {
                if (self && scan == self->m_scan)
                    self->showRuns(std::move(runs));
            }, Qt::QueuedConnection);
    });
}

void RunsPanel::showRuns(QVector<RunEntry> runs)
{
    const QString selected = selectedRun() ? selectedRun()->name : QString();
    m_list->clear();
    m_runs = std::move(runs);
    for (const RunEntry &run : m_runs) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(RunColumn, run.name);
        item->setText(EpochsColumn, QString::number(run.epochs));
        item->setText(TopColumn, run.valTop1 < 0 ? tr("–") : tr("%1 %").arg(run.valTop1 * 100.0, 0, 'f', 1));
        item->setText(ModelColumn, run.model.isEmpty() ? tr("none") : tr("yes"));
        item->setToolTip(RunColumn, run.problem.isEmpty() ? run.directory : run.problem);
    }
    m_status->setText(m_runs.isEmpty() ? tr("No runs in %1 yet: start one in the Training dock.").arg(m_root)
                                        : tr("%n run(s) in %1", nullptr, int(m_runs.size())).arg(m_root));
    if (!selected.isEmpty())
        selectRun(selected);
    updateButtons();
    Q_EMIT runsChanged();
}

bool RunsPanel::selectRun(const QString &name)
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i)
        if (m_list->topLevelItem(i)->text(RunColumn) == name) {
            m_list->setCurrentItem(m_list->topLevelItem(i));
            return true;
        }
    return false;
}

const RunEntry *RunsPanel::selectedRun() const
{
    const int row = m_list->currentItem() ? m_list->indexOfTopLevelItem(m_list->currentItem()) : -1;
    return row >= 0 && row < m_runs.size() ? &m_runs[row] : nullptr;
}

void RunsPanel::updateButtons()
{
    m_open->setEnabled(selectedRun() != nullptr);
}

void RunsPanel::openSelected()
{
    const RunEntry *run = selectedRun();
    if (!run)
        return;
    QStringList opened;
    if (!run->model.isEmpty()) {
        Q_EMIT openModelRequested(run->model, run->name);
        opened << tr("model");
    }
    if (run->epochs > 0) {
        Q_EMIT curvesRequested(run->directory);
        opened << tr("curves");
    }
    if (run->hasSettings) {
        QFile file(QDir(run->directory).absoluteFilePath(QLatin1String(kRunSettingsFile)));
        QJsonParseError error{};
        const QJsonDocument json = file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll(), &error)
                                                                   : QJsonDocument();
        if (json.isObject()) {
            Q_EMIT settingsRequested(trainingSettingsFromJson(json.object()));
            opened << tr("settings");
        } else {
            Q_EMIT message(tr("%1: not a settings file (%2)").arg(file.fileName(),
                                                                   file.isOpen() ? error.errorString() : file.errorString()));
        }
    }
    const QString text = opened.isEmpty() ? tr("Run %1 has no model, curves or settings to open.").arg(run->name)
                                          : tr("Opened run %1: %2").arg(run->name, opened.join(QStringLiteral(", ")));
    m_status->setText(text);
    Q_EMIT message(text);
}

} // namespace bcos::widgets
