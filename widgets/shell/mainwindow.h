#pragma once

#include "widgets/shell/appsettings.h"
#include "widgets/session/modelloading.h"
#include "widgets/training/trainingcontroller.h"
#include "widgets/shell/versioninfo.h"

#include <QMainWindow>

#include <memory>

class QComboBox;
class QDockWidget;

namespace bcos::widgets {

class BrowserFilterBar;
class ClipPromptPanel;
class ComparisonView;
class ExplanationGridView;
class GridOrderProxyModel;
class ImageBrowser;
class ImageFilterProxyModel;
class ImageListModel;
class StatusIndicators;
class MetricsPanel;
class PathDropFilter;
class PointingGameTool;
class StudioActions;
class StudioSession;
class RunsPanel;
class TrainingPanel;
struct ExportOptions;

/// What main() plugs into the studio: the core's model loader and trainer, and the versions it found.
struct StudioServices {
    ModelLoader modelLoader;
    TrainFunction trainer;
    VersionInfo versions;
};

/// The studio window. It only builds the widgets and wires them to the StudioSession (document, jobs, cache,
/// training, log); the work happens there. Tests reach the state through session() and the widgets through
/// QObject::findChild.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(StudioServices services, QWidget *parent = nullptr);
    ~MainWindow() override;

    StudioSession &session() { return *m_session; }
    /// Named panels for screenshots: "window", "browser", "grid", "log", "training", "prompts", "pointing", "runs",
    /// "metrics".
    QList<QPair<QString, QWidget *>> panels();

public Q_SLOTS:
    /// Routes files/folders: model files to openModel(), everything else to the image list.
    void openPaths(const QStringList &paths);
    void openModel(const QString &path);
    /// The demo: the demo model (findDemoModel(); a log line when missing) and the first 16 Fashion-MNIST
    /// test images (written to the cache folder).
    void startDemo();
    /// The demo CLIP (findDemoClip(); a log line when missing) with its mosaic images and, when no BPE
    /// vocabulary is set, the one shipped beside it; shows the Text prompts panel.
    void openDemoClip();
    /// Adds the first `count` images of a dataset split (IDX or CIFAR folder) with their labels.
    void openDatasetSplit(const QString &datasetDir, bool train, int count);
    /// Asks for the B-cosify options (BcosifyDialog, remembered) and B-cosifies the loaded standard model in
    /// the background.
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
    void createRunsDock();
    void createPromptDock();
    /// Brings the column `m_columnToShow` on screen once the grid has it and a row (a prompt added while the demo
    /// CLIP's images are still being added), then forgets it.
    void revealPendingColumn();
    /// Selects Document row `row` in the browser (the grid follows); nothing when the browser's filter hides it.
    void selectImage(int row);
    void createMetricsDock();
    void createMenus();
    void createToolBar();
    void connectActions();
    void connectDocument();
    void chooseModel();
    void chooseImages();
    void chooseFolder();
    void chooseDatasetSplit();
    void chooseStore();
    void exportGrid();
    void copyGrid();
    void showAbout();
    void showPreferences();
    /// Where explanations, predictions and CLIP prompt maps run: Edit > Preferences' choice (resolveComputeDevice;
    /// the log says where, and why when the choice is not on this machine). `moveModels`: the loaded models move
    /// there (after the dialog), else only models loaded from now on run there (start-up).
    void applyComputeDevice(bool moveModels);
    void showError(const QString &title, const QString &message);
    void updateTargetChoices();
    void updateRecentMenu();
    void restoreSettings();
    /// The status bar's name of compute device `device` ("cpu", "cuda:k"): "CPU", the GPU's label.
    QString deviceLabel(const QString &device) const;

    StudioServices m_services;
    AppSettings m_settings;
    std::unique_ptr<StudioSession> m_session;
    // Views and what only they need:
    QComboBox *m_target = nullptr;
    ImageListModel *m_imageModel = nullptr;
    ImageFilterProxyModel *m_browserOrder = nullptr;
    GridOrderProxyModel *m_gridOrder = nullptr;
    BrowserFilterBar *m_filterBar = nullptr;
    PointingGameTool *m_pointingGame = nullptr;
    StudioActions *m_actions = nullptr;
    PathDropFilter *m_drops = nullptr;
    ImageBrowser *m_browser = nullptr;
    ExplanationGridView *m_grid = nullptr;
    QString m_columnToShow; ///< ViewColumn::id of a prompt column just added, until it is on screen
    TrainingPanel *m_trainingPanel = nullptr;
    ComparisonView *m_comparison = nullptr;
    QAction *m_compareAction = nullptr;
    StatusIndicators *m_indicators = nullptr;
    ClipPromptPanel *m_clipPanel = nullptr;
    QDockWidget *m_logDock = nullptr;
    QDockWidget *m_trainingDock = nullptr;
    QDockWidget *m_runsDock = nullptr;
    RunsPanel *m_runsPanel = nullptr;
    QDockWidget *m_clipDock = nullptr;
    QDockWidget *m_pointingDock = nullptr;
    MetricsPanel *m_metricsPanel = nullptr;
    QDockWidget *m_metricsDock = nullptr;
};

} // namespace bcos::widgets
