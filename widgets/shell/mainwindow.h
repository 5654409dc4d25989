#pragma once

#include "widgets/shell/appsettings.h"
#include "widgets/session/modelloading.h"
#include "widgets/training/trainingcontroller.h"
#include "widgets/shell/versioninfo.h"

#include <QMainWindow>

#include <memory>

class QComboBox;
class QDockWidget;
class QTableView;

namespace bcos::widgets {

class ComparisonView;
class ClipPromptController;
class ClipPromptPanel;
class BrowserFilterBar;
class Document;
class ExplanationGridModel;
class ExplanationGridView;
class ExplanationScheduler;
class GridOrderProxyModel;
class ImageBrowser;
class ImageFilterProxyModel;
class ImageListModel;
class LogModel;
class PathDropFilter;
class PointingGameTool;
class PredictionScheduler;
class ResultCache;
class StudioActions;
class TaskRunner;
class TrainingPanel;
struct ExportOptions;

/// What main() plugs into the studio: the core's model loader and trainer, and the versions it found.
struct StudioServices {
    ModelLoader modelLoader;
    TrainFunction trainer;
    VersionInfo versions;
};

/// The studio window. It only builds the widgets and wires them to the Document, the TaskRunner and the
/// TrainingController; the work happens in those.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(StudioServices services, QWidget *parent = nullptr);
    ~MainWindow() override;

    Document &document() { return *m_document; }
    LogModel &logModel() { return *m_log; }
    ImageBrowser *imageBrowser() const { return m_browser; }
    ExplanationGridView *gridView() const { return m_grid; }
    ExplanationGridModel &gridModel() { return *m_gridModel; }
    TrainingPanel *trainingPanel() const { return m_trainingPanel; }
    TaskRunner &taskRunner() { return *m_runner; }
    ExplanationScheduler &scheduler() { return *m_scheduler; }
    ResultCache &resultCache() { return *m_cache; }
    ComparisonView *comparisonView() const { return m_comparison; }
    ClipPromptController &clipPrompts() { return *m_clipPrompts; }
    ClipPromptPanel *clipPromptPanel() const { return m_clipPanel; }
    ImageFilterProxyModel &browserOrder() { return *m_browserOrder; }
    GridOrderProxyModel &gridOrder() { return *m_gridOrder; }
    BrowserFilterBar *filterBar() const { return m_filterBar; }
    PredictionScheduler &predictionScheduler() { return *m_predictions; }
    PointingGameTool &pointingGame() { return *m_pointingGame; }
    /// Named panels for screenshots: "window", "browser", "grid", "log", "training", "prompts", "pointing".
    QList<QPair<QString, QWidget *>> panels();

public Q_SLOTS:
    /// Routes files/folders: model files to openModel(), everything else to the image list.
    void openPaths(const QStringList &paths);
    void openModel(const QString &path);
    /// The demo: the demo model (findDemoModel(); a log line when missing) and the first 16 Fashion-MNIST
    /// test images (written to the cache folder).
    void startDemo();
    /// Adds the first `count` images of a dataset split (IDX or CIFAR folder) with their labels.
    void openDatasetSplit(const QString &datasetDir, bool train, int count);
    /// Asks for B (default 2) and B-cosifies the loaded standard model in the background.
    void bcosifyModel();
    /// Edits the view settings of grid column `section`.
    void editColumnSettings(int section);
    /// Opens the before/after window (original vs B-cosified model, synchronised zoom) for grid row `row`.
    void compareRow(int row);
    /// Exports the grid (or the selection) to `path`; the format follows the suffix (png, svg, pdf).
    bool exportGridTo(const QString &path, const bcos::widgets::ExportOptions &options, bool selectionOnly,
                      bool writeRecipe);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createCentralArea();
    void createComparison();
    void createDocks();
    void createPromptDock();
    void createMenus();
    void createToolBar();
    void connectActions();
    void connectDocument();
    void chooseModel();
    void chooseImages();
    void chooseFolder();
    void chooseDatasetSplit();
    void exportGrid();
    void copyGrid();
    void showAbout();
    void showPreferences();
    void showError(const QString &title, const QString &message);
    void updateTargetChoices();
    void fillTrainingContext(TrainingSettings &settings) const;
    void updateRecentMenu();
    void restoreSettings();
    QString deviceLabel() const;

    StudioServices m_services;
    AppSettings m_settings;
    std::unique_ptr<TaskRunner> m_runner;
    std::unique_ptr<Document> m_document;
    std::unique_ptr<ResultCache> m_cache;
    QComboBox *m_target = nullptr;
    LogModel *m_log = nullptr;
    ImageListModel *m_imageModel = nullptr;
    ExplanationGridModel *m_gridModel = nullptr;
    ExplanationScheduler *m_scheduler = nullptr;
    PredictionScheduler *m_predictions = nullptr;
    ImageFilterProxyModel *m_browserOrder = nullptr;
    GridOrderProxyModel *m_gridOrder = nullptr;
    BrowserFilterBar *m_filterBar = nullptr;
    PointingGameTool *m_pointingGame = nullptr;
    QDockWidget *m_pointingDock = nullptr;
    TrainingController *m_training = nullptr;
    StudioActions *m_actions = nullptr;
    PathDropFilter *m_drops = nullptr;
    ImageBrowser *m_browser = nullptr;
    ExplanationGridView *m_grid = nullptr;
    QDockWidget *m_logDock = nullptr;
    QDockWidget *m_trainingDock = nullptr;
    TrainingPanel *m_trainingPanel = nullptr;
    ComparisonView *m_comparison = nullptr;
    QAction *m_compareAction = nullptr;
    ClipPromptController *m_clipPrompts = nullptr;
    ClipPromptPanel *m_clipPanel = nullptr;
    QDockWidget *m_clipDock = nullptr;
};

} // namespace bcos::widgets
