// MainWindow's user-facing slots (file choosers, export, about); the layout and wiring is in mainwindow.cpp.
#include "mainwindow.h"

#include "core/error.h"
#include "core/explain/wxxgraphs.h"
#include "widgets/shell/architecturedialog.h"
#include "widgets/shell/bcosifydialog.h"
#include "widgets/compare/comparisonview.h"
#include "widgets/session/document.h"
#include "widgets/grid/explanationgridmodel.h"
#include "widgets/grid/explanationgridview.h"
#include "widgets/export/exportdialog.h"
#include "widgets/export/gridexporter.h"
#include "widgets/grid/gridorderproxymodel.h"
#include "widgets/session/logmodel.h"
#include "widgets/session/studiosession.h"
#include "widgets/shell/preferencesdialog.h"
#include "widgets/clip/clippromptcontroller.h"
#include "widgets/session/demodata.h"
#include "widgets/shell/studioactions.h"
#include "widgets/training/trainingpanel.h"
#include "widgets/grid/viewsettingsdialog.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDockWidget>
#include <QFileDialog>
#include <QComboBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QStandardPaths>
#include <QTimer>

#include <memory>

namespace bcos::widgets {

void MainWindow::openModel(const QString &path)
{
    std::optional<ArchitectureSpec> architecture;
    if (needsArchitecture(path.toStdString())) {
        ArchitectureDialog dialog(path, this);
        if (dialog.exec() != QDialog::Accepted)
            return;
        try {
            architecture = dialog.spec();
        } catch (const core::Error &e) {
            showError(tr("Labels file"), QString::fromStdString(e.what()));
            return;
        }
    }
    m_settings.addRecentFile(path);
    updateRecentMenu();
    m_session->document().loadModel(path, architecture);
}

void MainWindow::chooseModel()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open model"), m_settings.lastDir(QStringLiteral("models")),
        tr("Model weights (*.safetensors *.pth *.pt *.ckpt);;All files (*)"));
    if (path.isEmpty())
        return;
    m_settings.setLastDir(QStringLiteral("models"), QFileInfo(path).absolutePath());
    openModel(path);
}

void MainWindow::chooseImages()
{
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Open images"), m_settings.lastDir(QStringLiteral("images")),
        tr("Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.webp);;All files (*)"));
    if (paths.isEmpty())
        return;
    m_settings.setLastDir(QStringLiteral("images"), QFileInfo(paths.first()).absolutePath());
    m_session->document().addImages(paths);
}

void MainWindow::chooseFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open folder"), m_settings.lastDir(QStringLiteral("images")));
    if (dir.isEmpty())
        return;
    m_settings.setLastDir(QStringLiteral("images"), dir);
    m_settings.addRecentFile(dir);
    updateRecentMenu();
    openPaths({dir}); // an explanation store's folder opens as a store
}

void MainWindow::chooseStore()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open explanation store (a folder written by "
                                                                   "bcos explain --out FOLDER/)"),
                                                          m_settings.lastDir(QStringLiteral("stores")));
    if (dir.isEmpty())
        return;
    m_settings.setLastDir(QStringLiteral("stores"), dir);
    m_session->document().openStore(dir);
}

void MainWindow::startDemo()
{
    const QString model = findDemoModel();
    const QString fineTuned = findDemoFile(QLatin1String(kDemoFineTunedModel));
    if (model.isEmpty())
        m_session->log().append(LogLevel::Warning, tr("Demo: the demo model fashion-mnist-densenet.safetensors was not found "
                                            "($BCOS_DEMO_MODEL, <install>/share/bcos-studio/demo, resources/demo); "
                                            "loading the images only."));
    else if (fineTuned.isEmpty() || !qEnvironmentVariableIsEmpty("BCOS_DEMO_MODEL"))
        m_session->document().loadModel(model);
    else // the original's GradCAM next to the fine-tuned B-cos model's W(x)x, from the first window on
        m_session->document().loadModelWithFineTuned(model, fineTuned, tr("the demo"));
    if (AppSettings().trainingForm().isEmpty()) // a first start: a recipe that shows progress within a minute
        m_trainingPanel->setSettings(demoTrainingSettings());
    const QString cache = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    m_session->document().addDemoImages(cache + QStringLiteral("/demo"));
}

void MainWindow::openDemoClip()
{
    const QString clip = findDemoClip();
    if (clip.isEmpty()) {
        m_session->log().append(LogLevel::Warning, tr("Demo CLIP: fashion-mnist-clip.safetensors was not found "
                                                      "(<install>/share/bcos-studio/demo, resources/demo)."));
        return;
    }
    ClipPromptController &prompts = m_session->clipPrompts();
    if (!QFileInfo(prompts.vocabPath()).isFile())
        prompts.setVocabPath(findDemoFile(QStringLiteral("bpe_simple_vocab_16e6.txt.gz")));
    Document &document = m_session->document();
    document.loadModel(clip);
    // The mosaics come after the images already open: select the first when it arrives (the grid follows).
    const QStringList mosaics = demoClipImages();
    auto arrival = std::make_shared<QMetaObject::Connection>();
    *arrival = connect(&document, &Document::imagesInserted, this, [this, arrival, first = mosaics.value(0)](int from, int to) {
        for (int row = from; row <= to; ++row)
            if (m_session->document().image(row).path == first) {
                disconnect(*arrival);
                // once the views have laid the new rows out (a grid scrolled before cannot reach them yet)
                QTimer::singleShot(0, this, [this, row] { selectImage(row); });
                return;
            }
    });
    document.addImages(mosaics);
    // Each demo mosaic has a sneaker in another cell (resources/demo/train_demo_clip.py): a prompt that finds it.
    if (prompts.prompts().isEmpty())
        prompts.addPrompt(QStringLiteral("a photo of a sneaker"));
    m_clipDock->show();
    m_clipDock->raise();
}

void MainWindow::openDatasetSplit(const QString &datasetDir, bool train, int count)
{
    DatasetImagesRequest request;
    request.datasetDir = datasetDir;
    request.train = train;
    request.count = count;
    request.prefix = QFileInfo(datasetDir).fileName() + (train ? QStringLiteral("-train") : QStringLiteral("-test"));
    request.outputDir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/datasets/")
        + request.prefix;
    if (const LoadedModel *model = m_session->document().model()) // name the files by the model's classes
        for (int64_t k = 0; k < model->description.numClasses(); ++k)
            request.classNames << QString::fromStdString(model->description.className(k));
    m_session->document().addDatasetImages(request);
}

void MainWindow::chooseDatasetSplit()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open dataset split (MNIST/Fashion-MNIST IDX or CIFAR)"),
                                                          m_settings.lastDir(QStringLiteral("datasets")));
    if (dir.isEmpty())
        return;
    m_settings.setLastDir(QStringLiteral("datasets"), dir);
    bool ok = false;
    const QStringList splits{tr("Test"), tr("Training")};
    const QString split = QInputDialog::getItem(this, tr("Dataset split"), tr("Split:"), splits, 0, false, &ok);
    if (!ok)
        return;
    const int count = QInputDialog::getInt(this, tr("Dataset split"), tr("Number of images (the first ones):"), 100, 1,
                                           10000, 1, &ok);
    if (ok)
        openDatasetSplit(dir, split == splits.at(1), count);
}

void MainWindow::bcosifyModel()
{
    if (!m_session->document().standardModel()) {
        showError(tr("B-cosify"), tr("Load a standard (non-B-cos) model first."));
        return;
    }
    BcosifyDialog dialog(m_settings.bcosifySettings(), this);
    dialog.setObjectName(QStringLiteral("bcosifyDialog"));
    const auto count = [this, &dialog](const core::BcosSettings &settings) { // on the worker; ends while the dialog lives
        m_session->document().countBcosifyChanges(
            settings, &dialog, [&dialog, settings](const core::BcosifyChanges &changes) { dialog.setChanges(settings, changes); },
            [&dialog](const QString &message) { dialog.setCountFailed(message); });
    };
    connect(&dialog, &BcosifyDialog::settingsChanged, this, count);
    count(dialog.settings());
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_settings.setBcosifySettings(dialog.settings());
    m_session->document().bcosifyModel(dialog.settings());
}

void MainWindow::editColumnSettings(int section)
{
    if (section < 0 || section >= m_session->gridModel().columnCount())
        return;
    const ViewColumn column = m_session->gridModel().column(section);
    if (column.spec.kind == ColumnSpec::Kind::ClipPrompt) {
        m_clipDock->raise(); // prompts, templates and the cosine power are edited there
        return;
    }
    if (column.id == QLatin1String("input") || !column.available)
        return;
    ViewSettingsDialog dialog(column.title, column.spec, this);
    if (dialog.exec() == QDialog::Accepted)
        m_session->document().setColumnView(column.id, dialog.settings());
}

void MainWindow::updateTargetChoices()
{
    m_target->clear();
    m_target->addItem(tr("Predicted class"), -1);
    if (const LoadedModel *model = m_session->document().model())
        for (int64_t k = 0; k < model->description.numClasses(); ++k)
            m_target->addItem(tr("%1: %2").arg(k).arg(QString::fromStdString(model->description.className(k))),
                              static_cast<int>(k));
    m_target->setCurrentIndex(std::max(0, m_target->findData(m_session->document().targetClass())));
}

bool MainWindow::exportGridTo(const QString &path, const ExportOptions &options, bool selectionOnly, bool writeRecipe)
{
    const GridSelection selection = selectionOnly ? m_grid->selection() : GridExporter::everything(m_session->gridModel());
    return m_session->exportGrid(path, options, selection, writeRecipe).isEmpty();
}

void MainWindow::exportGrid()
{
    ExportDialog dialog(!m_grid->selection().isEmpty(), ExportDialog::optionsFromJson(m_settings.exportForm()), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_settings.setExportForm(ExportDialog::optionsToJson(dialog.options())); // the next export starts from these
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export grid"), m_settings.lastDir(QStringLiteral("export")) + QStringLiteral("/grid.png"),
        tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
    if (path.isEmpty())
        return;
    m_settings.setLastDir(QStringLiteral("export"), QFileInfo(path).absolutePath());
    const GridSelection selection =
        dialog.selectionOnly() ? m_grid->selection() : GridExporter::everything(m_session->gridModel());
    const QString error = m_session->exportGrid(path, dialog.options(), selection, dialog.writeRecipe());
    if (!error.isEmpty())
        showError(tr("Export"), error);
}

void MainWindow::copyGrid()
{
    GridSelection selection = m_grid->selection();
    if (selection.isEmpty())
        selection = GridExporter::everything(m_session->gridModel());
    const GridExporter exporter(m_session->document(), m_session->gridModel(), selection, {});
    if (exporter.selection().isEmpty())
        return;
    QApplication::clipboard()->setImage(exporter.renderImage());
    m_session->log().append(LogLevel::Info, tr("Copied the grid to the clipboard"));
}

void MainWindow::updateRecentMenu()
{
    QMenu *menu = m_actions->recentMenu;
    menu->clear();
    for (const QString &path : m_settings.recentFiles())
        menu->addAction(QFileInfo(path).fileName(), this, [this, path] { openPaths({path}); })->setToolTip(path);
    menu->setEnabled(!menu->isEmpty());
}

void MainWindow::showAbout()
{
    const QString text = versionLines(m_services.versions).join(QStringLiteral("<br>"));
    QMessageBox::about(this, tr("About B-cos Studio"),
                       tr("<h3>B-cos Studio</h3><p>Inherently interpretable B-cos networks: convert, train, "
                          "explain.</p><p>%1</p>").arg(text));
}

void MainWindow::showPreferences()
{
    PreferencesDialog dialog(m_settings, m_services.versions, this);
    if (dialog.exec() == QDialog::Accepted) {
        m_session->setMemoryBudget(m_settings.memoryBudget());
        core::setWxxGraphsEnabled(m_settings.explanationGraphs());
        applyComputeDevice(true);
    }
}

void MainWindow::createComparison()
{
    m_comparison = new ComparisonView(m_session->gridModel(), this);
    m_comparison->setWindowFlag(Qt::Window); // its own window, beside the grid
    m_compareAction = new QAction(tr("&Compare Original and B-cosified"), this);
    m_compareAction->setShortcut(QKeySequence(tr("Ctrl+K")));
    m_compareAction->setStatusTip(tr("Show the current image's maps side by side, zoomed and panned together"));
    // The grid shows the browser's filter and order (m_gridOrder); the comparison works on grid-model rows.
    const auto modelRow = [this](int viewRow) { return m_gridOrder->sourceRow(viewRow); };
    connect(m_compareAction, &QAction::triggered, this,
            [this, modelRow] { compareRow(modelRow(std::max(0, m_grid->currentIndex().row()))); });
    connect(m_grid, &QAbstractItemView::doubleClicked, this,
            [this, modelRow](const QModelIndex &index) { compareRow(modelRow(index.row())); });
    connect(m_grid->verticalHeader(), &QHeaderView::sectionDoubleClicked, this,
            [this, modelRow](int section) { compareRow(modelRow(section)); });
    connect(m_grid->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this, modelRow](const QModelIndex &current) {
                if (m_comparison->isVisible() && current.isValid()) // an open comparison follows the current row
                    m_comparison->setRow(modelRow(current.row()));
            });
    m_grid->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_grid, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex index = m_grid->indexAt(pos);
        if (!index.isValid())
            return;
        QMenu menu(this);
        menu.addAction(tr("Compare Original and B-cosified…"), this,
                       [this, row = m_gridOrder->sourceRow(index.row())] { compareRow(row); });
        menu.exec(m_grid->viewport()->mapToGlobal(pos));
    });
}

void MainWindow::compareRow(int row)
{
    if (row < 0 || row >= m_session->gridModel().rowCount())
        return;
    m_comparison->setRow(row);
    m_comparison->show();
    m_comparison->raise();
}

} // namespace bcos::widgets
