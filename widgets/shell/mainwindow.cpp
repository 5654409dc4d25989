#include "mainwindow.h"

#include "core/explain/wxxgraphs.h"
#include "widgets/browser/browserfilterbar.h"
#include "widgets/browser/imagebrowser.h"
#include "widgets/browser/imagefilterproxymodel.h"
#include "widgets/browser/imagelistmodel.h"
#include "widgets/clip/clippromptcontroller.h"
#include "widgets/clip/clippromptpanel.h"
#include "widgets/grid/explanationgridmodel.h"
#include "widgets/grid/explanationgridview.h"
#include "widgets/grid/gridorderproxymodel.h"
#include "widgets/jobs/explanationjobs.h"
#include "widgets/jobs/predictionjobs.h"
#include "widgets/jobs/taskrunner.h"
#include "widgets/metrics/metricspanel.h"
#include "widgets/pointinggame/pointinggametool.h"
#include "widgets/session/document.h"
#include "widgets/session/logmodel.h"
#include "widgets/session/studiosession.h"
#include "widgets/shell/dropsupport.h"
#include "widgets/shell/statusindicators.h"
#include "widgets/shell/studioactions.h"
#include "widgets/shell/appsettings.h"
#include "widgets/shell/wheelguard.h"
#include "widgets/training/runspanel.h"
#include "widgets/training/trainingpanel.h"

#include <QAction>

#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QLabel>
#include <QDockWidget>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QMenuBar>
#include <QScreen>
#include <QMessageBox>
#include <QScrollArea>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>

namespace bcos::widgets {

MainWindow::MainWindow(StudioServices services, QWidget *parent)
    : QMainWindow(parent)
    , m_services(std::move(services))
    , m_session(std::make_unique<StudioSession>(m_services.modelLoader, m_services.trainer))
    , m_imageModel(new ImageListModel(m_session->document(), &m_session->cache(), this))
    , m_browserOrder(new ImageFilterProxyModel(this))
    , m_gridOrder(new GridOrderProxyModel(*m_browserOrder, this))
    , m_actions(new StudioActions(*m_session->document().undoStack(), this))
    , m_drops(new PathDropFilter(this))
{
    setWindowTitle(tr("B-cos Studio"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/app.svg")));
    createCentralArea();
    createComparison();
    createDocks();
    createMenus();
    createToolBar();
    connectActions();
    connectDocument();
    applyComputeDevice(false);
    // The GPU memory shown is the first GPU's (training's too), whichever device the explanations use.
    auto *indicators = new StatusIndicators(deviceLabel(m_session->document().computeDevice()),
                                            m_services.versions.cudaAvailable ? 0 : -1,
                                            &m_session->document().inputCache(), this);
    m_indicators = indicators;
    statusBar()->addPermanentWidget(indicators);
    // What the input cache holds changes when images come in and jobs read inputs.
    connect(&m_session->document(), &Document::imagesInserted, indicators, &StatusIndicators::refreshSoon);
    connect(&m_session->explanations(), &ExplanationJobs::resultsReady, indicators, &StatusIndicators::refreshSoon);
    connect(&m_session->predictions(), &PredictionJobs::predictionsReady, indicators, &StatusIndicators::refreshSoon);
    m_drops->watch(this);
    restoreSettings();
    m_session->setMemoryBudget(m_settings.memoryBudget());
    core::setWxxGraphsEnabled(m_settings.explanationGraphs());
}

MainWindow::~MainWindow() = default;

void MainWindow::applyComputeDevice(bool moveModels)
{
    QString why;
    const QString device = resolveComputeDevice(m_settings.computeDevice(), m_services.versions, &why);
    if (!why.isEmpty())
        m_session->log().append(LogLevel::Warning, why);
    Document &document = m_session->document();
    if (device == document.computeDevice() && moveModels)
        return;
    if (moveModels) {
        if (document.moveModelsTo(device) < 0)
            return; // the log says why
        m_indicators->setDevice(deviceLabel(device));
    } else {
        document.setComputeDevice(device);
    }
    if (!m_services.versions.cudaAvailable && device == QLatin1String("cpu") && !moveModels)
        return; // a machine without a GPU: nothing to say
    const QString where = device == QLatin1String("cpu")
                              ? tr("the CPU")
                              : QStringLiteral("%1 (%2)").arg(device, gpuLabel(m_services.versions, device.mid(5).toInt()));
    m_session->log().append(LogLevel::Info, tr("Explanations, predictions and CLIP prompt maps run on %1.").arg(where));
}

QString MainWindow::deviceLabel(const QString &device) const
{
    const VersionInfo &v = m_services.versions;
    if (!device.startsWith(QLatin1String("cuda:")))
        return tr("CPU");
    const int k = device.mid(5).toInt();
    return v.cudaDevices <= 1 ? gpuLabel(v, k) : tr("%1 (cuda:%2 of %n GPUs)", nullptr, v.cudaDevices).arg(gpuLabel(v, k)).arg(k);
}

void MainWindow::createCentralArea()
{
    m_browser = new ImageBrowser(this);
    m_browserOrder->setSourceModel(m_imageModel);
    m_browser->setModel(m_browserOrder);
    m_imageModel->setDevicePixelRatio(2.0); // thumbnails are decoded at twice the icon size
    m_filterBar = new BrowserFilterBar(*m_browserOrder, this);
    m_grid = new ExplanationGridView(this);
    m_gridOrder->setSourceModel(&m_session->gridModel());
    m_grid->setModel(m_gridOrder); // the grid's rows follow the browser's filter and order
    connect(m_browser->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
        if (!current.isValid())
            return;
        // The grid follows the browser, down or up only (the columns scrolled to stay): a row not wholly on screen
        // goes to the top (EnsureVisible left a row taller than a small grid below the one above it).
        const QModelIndex cell = m_gridOrder->mapFromSource(
            m_session->gridModel().index(m_browser->sourceRow(current), std::max(0, m_grid->columnAt(0))));
        if (!m_grid->viewport()->rect().contains(m_grid->visualRect(cell)))
            m_grid->scrollTo(cell, QAbstractItemView::PositionAtTop);
    });
    connect(&m_session->predictions(), &PredictionJobs::predictionsReady, m_imageModel,
            &ImageListModel::schedulePredictionRefresh);
    // Large sessions explain the rows on screen (and a screenful around them), not all 50,000.
    connect(m_grid, &ExplanationGridView::visibleRowsChanged, this,
            [this] { m_session->explanations().setWantedRows(m_grid->visibleSourceRows()); });
    const auto rowsMoved = [this] { Q_EMIT m_grid->visibleRowsChanged(); };
    connect(m_gridOrder, &QAbstractItemModel::layoutChanged, m_grid, rowsMoved);
    connect(m_gridOrder, &QAbstractItemModel::modelReset, m_grid, rowsMoved);
    connect(m_gridOrder, &QAbstractItemModel::rowsInserted, m_grid, rowsMoved);
    m_pointingGame = new PointingGameTool(m_session->document(), m_session->runner(), m_session->cache(), *m_grid, this);
    connect(&m_session->explanations(), &ExplanationJobs::resultsReady, m_pointingGame, &PointingGameTool::recompute);
    m_drops->watch(m_browser->viewport());
    m_drops->watch(m_grid->viewport());
    m_grid->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_grid->horizontalHeader(), &QHeaderView::customContextMenuRequested, this,
            [this](const QPoint &pos) { editColumnSettings(m_grid->horizontalHeader()->logicalIndexAt(pos)); });
    connect(m_grid->horizontalHeader(), &QHeaderView::sectionDoubleClicked, this, &MainWindow::editColumnSettings);
    auto *browserPane = new QWidget(this);
    auto *browserLayout = new QVBoxLayout(browserPane);
    browserLayout->setContentsMargins(0, 0, 0, 0);
    browserLayout->addWidget(m_filterBar);
    browserLayout->addWidget(m_browser);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(browserPane);
    splitter->addWidget(m_grid);
    splitter->setStretchFactor(1, 3);
    setCentralWidget(splitter);
}

void MainWindow::createDocks()
{
    auto *logView = new QTableView(this);
    logView->setModel(&m_session->log());
    logView->horizontalHeader()->setStretchLastSection(true);
    logView->horizontalHeader()->setSectionResizeMode(LogModel::TimeColumn, QHeaderView::ResizeToContents);
    logView->horizontalHeader()->setSectionResizeMode(LogModel::LevelColumn, QHeaderView::ResizeToContents);
    logView->setWordWrap(false);
    logView->verticalHeader()->hide();
    logView->setSelectionBehavior(QAbstractItemView::SelectRows);
    connect(&m_session->log(), &LogModel::rowsInserted, logView, &QTableView::scrollToBottom);
    m_logDock = new QDockWidget(tr("Log"), this);
    m_logDock->setObjectName(QStringLiteral("logDock"));
    m_logDock->setWidget(logView);
    addDockWidget(Qt::BottomDockWidgetArea, m_logDock);

    QList<QPair<QString, QString>> devices{{QStringLiteral("cpu"), tr("CPU")}};
    for (int k = 0; k < m_services.versions.cudaDevices; ++k)
        devices.append({QStringLiteral("cuda:%1").arg(k), tr("cuda:%1 — %2").arg(k).arg(gpuLabel(m_services.versions, k))});
    if (m_services.versions.cudaDevices > 1) // data-parallel: one rank per GPU (docs/distributed.md)
        devices.append({QString::fromLatin1(kAllGpusDevice),
                         tr("All %1 GPUs of this machine (one rank each)").arg(m_services.versions.cudaDevices)});
    if (!m_services.versions.cudaAvailable)
        devices.append({QString(), tr("CUDA (not available on this machine)")});
    m_trainingPanel = new TrainingPanel(m_session->training(), devices, this);
    guardWheelInForm(m_trainingPanel);
    m_trainingDock = new QDockWidget(tr("Training"), this);
    m_trainingDock->setObjectName(QStringLiteral("trainingDock"));
    auto *scroll = new QScrollArea(this); // the form may be taller than the dock
    scroll->setWidget(m_trainingPanel);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_trainingDock->setWidget(scroll);
    addDockWidget(Qt::BottomDockWidgetArea, m_trainingDock);
    tabifyDockWidget(m_logDock, m_trainingDock);
    createPromptDock();
    m_pointingDock = new QDockWidget(tr("Pointing game"), this);
    m_pointingDock->setObjectName(QStringLiteral("pointingGameDock"));
    m_pointingDock->setWidget(m_pointingGame->table());
    addDockWidget(Qt::BottomDockWidgetArea, m_pointingDock);
    tabifyDockWidget(m_logDock, m_pointingDock);
    createRunsDock();
    createMetricsDock();
    m_logDock->raise();
}

void MainWindow::createRunsDock()
{
    m_runsPanel = new RunsPanel(defaultRunsDirectory(), this);
    m_runsDock = new QDockWidget(tr("Runs"), this);
    m_runsDock->setObjectName(QStringLiteral("runsDock"));
    m_runsDock->setWidget(m_runsPanel);
    addDockWidget(Qt::BottomDockWidgetArea, m_runsDock);
    tabifyDockWidget(m_trainingDock, m_runsDock);
    // A reopened run: its model beside the others (worker), its curves on the chart, its settings in the form.
    connect(m_runsPanel, &RunsPanel::openModelRequested, &m_session->document(), &Document::loadFineTunedModel);
    connect(m_runsPanel, &RunsPanel::curvesRequested, m_trainingPanel, &TrainingPanel::compareWithRun);
    connect(m_runsPanel, &RunsPanel::settingsRequested, m_trainingPanel, &TrainingPanel::setSettings);
    connect(m_runsPanel, &RunsPanel::message, this,
            [this](const QString &text) { m_session->log().append(LogLevel::Info, text); });
    TrainingController &training = m_session->training();
    connect(&training, &TrainingController::modelWritten, m_runsPanel, &RunsPanel::refresh);
    connect(&training, &TrainingController::finished, m_runsPanel, &RunsPanel::refresh);
    connect(&training, &TrainingController::started, this, [this] { // the form is remembered for the next start
        AppSettings().setTrainingForm(trainingSettingsToJson(m_trainingPanel->settings()));
        m_runsPanel->refresh();
    });
    const QJsonObject remembered = AppSettings().trainingForm();
    if (!remembered.isEmpty())
        m_trainingPanel->setSettings(trainingSettingsFromJson(remembered, m_trainingPanel->settings()));
}

void MainWindow::createMetricsDock()
{
    m_metricsPanel = new MetricsPanel(m_session->document(), m_session->runner(), this);
    m_metricsDock = new QDockWidget(tr("Metrics"), this);
    m_metricsDock->setObjectName(QStringLiteral("metricsDock"));
    m_metricsDock->setWidget(m_metricsPanel);
    addDockWidget(Qt::BottomDockWidgetArea, m_metricsDock);
    tabifyDockWidget(m_logDock, m_metricsDock);
    connect(m_metricsPanel, &MetricsPanel::imageActivated, this, &MainWindow::selectImage);
    connect(&m_session->document(), &Document::storeOpened, this, [this] { m_metricsDock->raise(); });
}

void MainWindow::createPromptDock()
{
    ClipPromptController &prompts = m_session->clipPrompts();
    const QString saved = m_settings.clipVocabPath();
    prompts.setVocabPath(saved.isEmpty() ? ClipPromptController::findVocab() : saved);
    connect(&prompts, &ClipPromptController::vocabPathChanged, this,
            [this](const QString &path) { m_settings.setClipVocabPath(path); });
    // A new prompt's column comes after every method column, which a CLIP model leaves empty: bring it on screen
    // (when the grid has rows: the demo CLIP adds its prompt before its images arrive).
    connect(&prompts, &ClipPromptController::promptAdded, this, [this](const QString &id) {
        m_columnToShow = id;
        revealPendingColumn();
    });
    const auto revealLater = [this] {
        if (!m_columnToShow.isEmpty()) // after the view has taken the new rows or columns
            QTimer::singleShot(0, this, &MainWindow::revealPendingColumn);
    };
    connect(m_gridOrder, &QAbstractItemModel::rowsInserted, this, revealLater);
    connect(m_gridOrder, &QAbstractItemModel::modelReset, this, revealLater);
    m_clipPanel = new ClipPromptPanel(prompts, this);
    guardWheelInForm(m_clipPanel);
    m_clipDock = new QDockWidget(tr("Text prompts"), this);
    m_clipDock->setObjectName(QStringLiteral("clipPromptDock"));
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_clipPanel);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_clipDock->setWidget(scroll);
    addDockWidget(Qt::BottomDockWidgetArea, m_clipDock);
    tabifyDockWidget(m_trainingDock, m_clipDock);
    connect(&m_session->document(), &Document::modelChanged, this, [this] {
        if (m_session->document().hasClipModel()) // a CLIP model is explained through prompts: show where they go
            m_clipDock->raise();
    });
}

void MainWindow::selectImage(int row)
{
    const QModelIndex index = m_browserOrder->mapFromSource(m_imageModel->index(row));
    if (!index.isValid())
        return; // filtered out of the browser
    m_browser->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
    m_browser->scrollTo(index);
}

void MainWindow::revealPendingColumn()
{
    if (m_columnToShow.isEmpty() || m_gridOrder->rowCount() == 0)
        return;
    const int section = m_session->gridModel().columnOf(m_columnToShow);
    if (section < 0)
        return;
    m_grid->showColumn(section);
    m_columnToShow.clear();
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addActions({m_actions->openModel, m_actions->openImages, m_actions->openFolder, m_actions->startDemo,
                      m_actions->openDemoClip});
    file->addAction(tr("Open &dataset split…"), this, &MainWindow::chooseDatasetSplit);
    file->addAction(tr("Open e&xplanation store…"), this, &MainWindow::chooseStore);
    file->addMenu(m_actions->recentMenu);
    file->addSeparator();
    file->addActions({m_actions->exportGrid, m_actions->copyGrid});
    file->addSeparator();
    file->addAction(m_actions->quit);
    QMenu *model = menuBar()->addMenu(tr("&Model"));
    model->addActions({m_actions->openModel, m_actions->bcosify});
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addActions({m_actions->undo, m_actions->redo, m_actions->removeImages});
    edit->addSeparator();
    edit->addAction(m_actions->preferences);
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_logDock->toggleViewAction());
    view->addAction(m_trainingDock->toggleViewAction());
    view->addAction(m_compareAction);
    view->addAction(m_clipDock->toggleViewAction());
    view->addAction(m_pointingDock->toggleViewAction());
    view->addAction(m_metricsDock->toggleViewAction());
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addActions({m_actions->about, m_actions->aboutQt});
    updateRecentMenu();
}

void MainWindow::createToolBar()
{
    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->addActions({m_actions->openModel, m_actions->openImages, m_actions->openFolder, m_actions->startDemo,
                     m_actions->bcosify, m_actions->exportGrid, m_actions->copyGrid});
    bar->addAction(m_pointingGame->action());
    bar->addSeparator();
    bar->addWidget(new QLabel(tr("Explain: "), bar));
    m_target = new QComboBox(bar);
    m_target->setObjectName(QStringLiteral("targetClass"));
    m_target->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    bar->addWidget(m_target);
    updateTargetChoices();
    connect(m_target, &QComboBox::activated, this,
            [this] { m_session->document().setTargetClass(m_target->currentData().toInt()); });
}

void MainWindow::connectActions()
{
    connect(m_actions->openModel, &QAction::triggered, this, &MainWindow::chooseModel);
    connect(m_actions->openImages, &QAction::triggered, this, &MainWindow::chooseImages);
    connect(m_actions->openFolder, &QAction::triggered, this, &MainWindow::chooseFolder);
    connect(m_actions->startDemo, &QAction::triggered, this, &MainWindow::startDemo);
    connect(m_actions->openDemoClip, &QAction::triggered, this, &MainWindow::openDemoClip);
    connect(m_actions->bcosify, &QAction::triggered, this, &MainWindow::bcosifyModel);
    connect(m_actions->exportGrid, &QAction::triggered, this, &MainWindow::exportGrid);
    connect(m_actions->copyGrid, &QAction::triggered, this, &MainWindow::copyGrid);
    connect(m_actions->quit, &QAction::triggered, this, &QMainWindow::close);
    connect(m_actions->removeImages, &QAction::triggered, this,
            [this] { m_session->document().removeImages(m_browser->selectedRows()); });
    connect(m_actions->preferences, &QAction::triggered, this, &MainWindow::showPreferences);
    connect(m_actions->about, &QAction::triggered, this, &MainWindow::showAbout);
    connect(m_actions->aboutQt, &QAction::triggered, this, &QApplication::aboutQt);
    // Queued: a dropped .pth opens the (modal) architecture dialog after the drop has finished.
    connect(m_drops, &PathDropFilter::pathsDropped, this, &MainWindow::openPaths, Qt::QueuedConnection);
}

void MainWindow::connectDocument()
{
    Document &document = m_session->document();
    connect(&document, &Document::modelLoadFailed, this,
            [this](const QString &path, const QString &message) { showError(tr("Could not load %1").arg(path), message); });
    auto showSelectedModel = [this] {
        const Document &document = m_session->document();
        QStringList classes;
        if (const LoadedModel *model = document.model())
            for (int64_t k = 0; k < model->description.numClasses(); ++k)
                classes << QString::fromStdString(model->description.className(k));
        m_filterBar->setClassNames(classes);
        QVector<QPair<QString, int>> choices;
        for (const auto &[role, model] : document.classifierModels())
            choices.append({ExplanationGridModel::roleLabel(role), static_cast<int>(role)});
        m_filterBar->setModelChoices(choices, static_cast<int>(document.selectedRole()));
    };
    connect(&document, &Document::modelChanged, this, [this, showSelectedModel] {
        m_actions->bcosify->setEnabled(m_session->document().standardModel() != nullptr);
        updateTargetChoices();
        showSelectedModel();
    });
    connect(&document, &Document::selectedModelChanged, this, showSelectedModel);
    connect(&document.values(), &ImageValues::changed, this, [this] {
        QStringList labels;
        for (const ValueColumn &column : m_session->document().values().columns())
            labels << (column.name + (column.higherIsBetter ? QString() : tr(" (lower is better)")));
        m_filterBar->setValueColumns(labels);
    });
    connect(m_filterBar, &BrowserFilterBar::valueColumnSelected, m_imageModel, &ImageListModel::setValueColumn);
    connect(m_filterBar, &BrowserFilterBar::modelSelected, this,
            [this](int role) { m_session->document().setSelectedRole(static_cast<ModelRole>(role)); });
    m_actions->bcosify->setEnabled(false);
    connect(&m_session->training(), &TrainingController::failed, this,
            [this](const QString &message) { showError(tr("Training"), message); });
    connect(&m_session->runner(), &TaskRunner::finished, statusBar(), &QStatusBar::clearMessage);
    connect(&m_session->runner(), &TaskRunner::progressChanged, this, [this](int, double fraction, const QString &text) {
        statusBar()->showMessage(tr("%1 (%2%)").arg(text).arg(qRound(fraction * 100)), 2000);
    });
}

void MainWindow::openPaths(const QStringList &paths)
{
    const SortedPaths sorted = sortPaths(paths);
    for (const QString &model : sorted.models)
        openModel(model);
    for (const QString &store : sorted.stores)
        m_session->document().openStore(store);
    if (sorted.images.isEmpty())
        return;
    const bool asksArchitecture = std::any_of(sorted.models.begin(), sorted.models.end(), [](const QString &model) {
        return needsArchitecture(model.toStdString()); // a dialog the user may cancel: no model may come
    });
    if (sorted.models.isEmpty() || asksArchitecture) {
        m_session->document().addImages(sorted.images);
        return;
    }
    // Images opened with a model are decoded once the model is in, at its input size: decoding them first at
    // the default 224 px and again for the model would cost both (a 50,000-image folder: gigabytes).
    auto *context = new QObject(this);
    const auto addImages = [this, context, images = sorted.images] {
        context->deleteLater();
        m_session->document().addImages(images);
    };
    connect(&m_session->document(), &Document::modelChanged, context, addImages, Qt::SingleShotConnection);
    connect(&m_session->document(), &Document::modelLoadFailed, context, addImages, Qt::SingleShotConnection);
}

void MainWindow::showError(const QString &title, const QString &message)
{
    // Non-modal, so a failing background task never blocks the event loop (or a test).
    auto *box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::restoreSettings()
{
    if (!restoreGeometry(m_settings.geometry())) { // first start: 1440 x 900, or 90 % of a smaller screen
        const QSize available = screen() ? screen()->availableGeometry().size() : QSize(1440, 900);
        resize(QSize(1440, 900).boundedTo(available * 0.9));
    }
    if (!restoreState(m_settings.windowState())) {
        // First start: the log waits in View > Log (errors also open a message box); the training dock is in
        // front, low enough to leave most of the height to the grid (it scrolls its form, not its buttons).
        m_logDock->hide();
        m_trainingDock->raise();
        QTimer::singleShot(0, this, [this] { resizeDocks({m_trainingDock}, {std::max(280, height() / 3)}, Qt::Vertical); });
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_settings.setGeometry(saveGeometry());
    m_settings.setWindowState(saveState());
    QMainWindow::closeEvent(event);
}

QList<QPair<QString, QWidget *>> MainWindow::panels()
{
    return {{QStringLiteral("window"), this}, {QStringLiteral("browser"), m_browser}, {QStringLiteral("grid"), m_grid},
            {QStringLiteral("log"), m_logDock}, {QStringLiteral("training"), m_trainingDock},
            {QStringLiteral("prompts"), m_clipDock}, {QStringLiteral("pointing"), m_pointingDock},
            {QStringLiteral("runs"), m_runsDock}, {QStringLiteral("metrics"), m_metricsDock}};
}

} // namespace bcos::widgets
