#include "trainingpanel.h"

#include "core/error.h"
#include "core/train/runlog.h"
#include "widgets/training/trainingchartadapter.h"
#include "widgets/training/trainingcontroller.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QDoubleValidator>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPixmap>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace bcos::widgets {

TrainingPanel::TrainingPanel(TrainingController &controller, const QList<QPair<QString, QString>> &devices,
                             QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
{
    // Form and controls at the left, the chart at the right: the dock sits below the grid. The form scrolls on
    // its own so Start/Pause/Resume/Cancel and the progress stay in view in a low dock (1366 x 768 screens).
    auto *layout = new QHBoxLayout(this);
    auto *controls = new QVBoxLayout;
    auto *formScroll = new QScrollArea(this);
    formScroll->setObjectName(QStringLiteral("trainingFormScroll"));
    formScroll->setWidget(createForm(devices));
    formScroll->setWidgetResizable(true);
    formScroll->setFrameShape(QFrame::NoFrame);
    formScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    formScroll->setMinimumHeight(90);
    formScroll->setMinimumWidth(formScroll->widget()->sizeHint().width() + 20); // room for the vertical scroll bar
    controls->addWidget(formScroll, 1);
    controls->addWidget(createButtons());
    layout->addLayout(controls);
    auto *right = new QVBoxLayout;
    right->addWidget(createChart(), 1);
    right->addWidget(createComparisonRow());
    right->addWidget(createProbeStrip());
    layout->addLayout(right, 1);
    connect(&controller, &TrainingController::stepMetrics, m_chart, &TrainingChartAdapter::addStep);
    connect(&controller, &TrainingController::epochMetrics, m_chart, &TrainingChartAdapter::addEpoch);
    connect(&controller, &TrainingController::stepMetrics, this, &TrainingPanel::onStep);
    connect(&controller, &TrainingController::epochMetrics, this, &TrainingPanel::onEpoch);
    connect(&controller, &TrainingController::stateChanged, this, &TrainingPanel::onStateChanged);
    connect(&controller, &TrainingController::probeImages, this, &TrainingPanel::onProbes);
    onStateChanged();
}

void TrainingPanel::createFields(QWidget *form, const QList<QPair<QString, QString>> &devices)
{
    const TrainingSettings defaults;
    m_b = new QDoubleSpinBox(form);
    m_b->setRange(1.0, 5.0);
    m_b->setSingleStep(0.25);
    m_b->setValue(defaults.b);
    m_learningRate = new QLineEdit(QString::number(defaults.learningRate, 'g', 6), form);
    m_learningRate->setValidator(new QDoubleValidator(1e-9, 10.0, 9, m_learningRate));
    m_epochs = new QSpinBox(form);
    m_epochs->setRange(1, 1000);
    m_epochs->setValue(defaults.epochs);
    m_batch = new QSpinBox(form);
    m_batch->setRange(1, 4096);
    m_batch->setValue(defaults.batchSize);
    m_agc = new QCheckBox(tr("Adaptive gradient clipping"), form);
    m_agc->setChecked(defaults.adaptiveGradientClipping);
    m_precision = new QComboBox(form);
    m_precision->addItem(tr("32-bit float"), false);
    m_precision->addItem(tr("bfloat16 mixed"), true); // no float16: the core has no loss scaling
    m_precision->setObjectName(QStringLiteral("precision"));
    m_cudaGraphs = new QCheckBox(tr("CUDA graphs"), form);
    m_cudaGraphs->setObjectName(QStringLiteral("cudaGraphs"));
    m_cudaGraphs->setChecked(defaults.cudaGraphs);
    m_cudaGraphs->setToolTip(tr("After 3 warm-up steps, each training step (forward, backward, gradient clipping, "
                                "optimiser) is replayed as one CUDA graph: far fewer kernel launches. On one GPU "
                                "only; the training log says when it is not used."));
    m_mode = new QComboBox(form);
    m_mode->addItem(tr("B-cosify the loaded model"), int(core::TrainMode::Bcosify));
    m_mode->addItem(tr("Fine-tune the loaded model (standard)"), int(core::TrainMode::Pretrain));
    m_mode->addItem(tr("B-cos network from scratch"), int(core::TrainMode::Scratch));
    m_mode->addItem(tr("B-cosify without labels (distil from the original)"), int(core::TrainMode::Distill));
    m_mode->setItemData(m_mode->count() - 1,
                        tr("The loaded model, frozen, teaches its B-cosified copy to give the same outputs. The "
                           "images need no labels: an image folder without class folders will do. Labels, where "
                           "the data has the model's classes, only report accuracy."),
                        Qt::ToolTipRole);
    m_maxSamples = new QSpinBox(form);
    m_maxSamples->setRange(0, 10000000);
    m_maxSamples->setSpecialValueText(tr("all"));
    m_device = new QComboBox(form);
    for (const auto &[id, label] : devices) {
        m_device->addItem(label, id);
        if (id.isEmpty()) // an unavailable device is listed (so the user sees why) but cannot be chosen
            qobject_cast<QStandardItemModel *>(m_device->model())->item(m_device->count() - 1)->setEnabled(false);
    }
}

QWidget *TrainingPanel::createForm(const QList<QPair<QString, QString>> &devices)
{
    auto *form = new QWidget(this);
    auto *layout = new QFormLayout(form);
    createFields(form, devices);
    layout->addRow(tr("Mode:"), m_mode);
    layout->addRow(tr("Alignment exponent B:"), m_b);
    layout->addRow(tr("Learning rate:"), m_learningRate);
    layout->addRow(tr("Epochs:"), m_epochs);
    layout->addRow(tr("Batch size:"), m_batch);
    layout->addRow(QString(), m_agc);
    layout->addRow(tr("Precision:"), m_precision);
    layout->addRow(QString(), m_cudaGraphs);
    layout->addRow(tr("Device:"), m_device);
    layout->addRow(tr("Dataset:"), createDatasetRow());
    layout->addRow(tr("Training images:"), m_maxSamples);
    return form;
}

QWidget *TrainingPanel::createDatasetRow()
{
    auto *row = new QWidget(this);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    m_datasetKind = new QComboBox(row);
    m_datasetKind->addItem(tr("Image folder"), int(core::DatasetKind::ImageFolder));
    m_datasetKind->addItem(tr("IDX (MNIST)"), int(core::DatasetKind::Idx));
    m_datasetKind->addItem(tr("CIFAR-10"), int(core::DatasetKind::Cifar));
    m_datasetPath = new QLineEdit(row);
    m_datasetPath->setPlaceholderText(tr("Folder with the dataset"));
    auto *browse = new QPushButton(tr("Browse…"), row);
    connect(browse, &QPushButton::clicked, this, &TrainingPanel::chooseDataset);
    layout->addWidget(m_datasetKind);
    layout->addWidget(m_datasetPath, 1);
    layout->addWidget(browse);
    return row;
}

QWidget *TrainingPanel::createButtons()
{
    auto *row = new QWidget(this);
    auto *layout = new QGridLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    m_start = new QPushButton(tr("Start"), row);
    m_pause = new QPushButton(tr("Pause"), row);
    m_resume = new QPushButton(tr("Resume"), row);
    m_cancel = new QPushButton(tr("Cancel"), row);
    m_progress = new QProgressBar(row);
    m_progress->setValue(0);
    m_speed = new QLabel(tr("– img/s"), row);
    m_eta = new QLabel(tr("ETA –"), row);
    m_eta->setObjectName(QStringLiteral("eta"));
    m_memory = new QLabel(tr("GPU memory –"), row);
    m_memory->setObjectName(QStringLiteral("gpuMemory"));
    m_validation = new QLabel(row);
    m_validation->setObjectName(QStringLiteral("validation"));
    layout->addWidget(m_start, 0, 0);
    layout->addWidget(m_pause, 0, 1);
    layout->addWidget(m_resume, 0, 2);
    layout->addWidget(m_cancel, 0, 3);
    layout->addWidget(createScriptButton(row), 0, 4);
    layout->addWidget(m_progress, 1, 0, 1, 2);
    layout->addWidget(m_speed, 1, 2);
    layout->addWidget(m_eta, 1, 3);
    layout->addWidget(m_memory, 2, 2, 1, 2);
    layout->addWidget(m_validation, 3, 0, 1, 4);
    connect(m_start, &QPushButton::clicked, this, [this] {
        m_chart->clear();
        m_probeImages.clear();
        m_controller.start(settings());
    });
    connect(m_pause, &QPushButton::clicked, &m_controller, &TrainingController::pause);
    connect(m_resume, &QPushButton::clicked, &m_controller, &TrainingController::resume);
    connect(m_cancel, &QPushButton::clicked, &m_controller, &TrainingController::cancel);
    return row;
}

QWidget *TrainingPanel::createChart()
{
    auto *chart = new QChart();
    // No title (the dock says "Training") and the legend at the right, where a wide, low dock has room: the
    // plot keeps the height for its axes' labels.
    chart->legend()->setAlignment(Qt::AlignRight);
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->setBackgroundRoundness(0);
    chart->legend()->setShowToolTips(true); // compared runs' names are elided when the legend is crowded
    m_chart = new TrainingChartAdapter(chart, this);
    auto *view = new QChartView(chart, this); // the view owns the chart
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(360, 150);
    return view;
}

QToolButton *TrainingPanel::createScriptButton(QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setText(tr("Cluster script"));
    button->setToolTip(tr("Write a launch script that runs this training data-parallel on a cluster"));
    button->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(button);
    connect(menu->addAction(tr("torchrun (every node)…")), &QAction::triggered, this,
            [this] { writeClusterScript(core::ClusterLauncher::Torchrun); });
    connect(menu->addAction(tr("SLURM sbatch…")), &QAction::triggered, this,
            [this] { writeClusterScript(core::ClusterLauncher::Slurm); });
    button->setMenu(menu);
    return button;
}

void TrainingPanel::writeClusterScript(core::ClusterLauncher launcher)
{
    QString script;
    try {
        script = m_controller.clusterScript(settings(), launcher, std::max(1, gpuCount()));
    } catch (const core::Error &error) {
        QMessageBox::warning(this, tr("Cluster script"), QString::fromUtf8(error.what()));
        return;
    }
    const QString name = launcher == core::ClusterLauncher::Slurm ? QStringLiteral("train-slurm.sbatch")
                                                                   : QStringLiteral("train-torchrun.sh");
    const QString path = QFileDialog::getSaveFileName(this, tr("Write the launch script"), name);
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(script.toUtf8()) < 0) {
        QMessageBox::warning(this, tr("Cluster script"), tr("Cannot write %1: %2").arg(path, file.errorString()));
        return;
    }
    file.setPermissions(file.permissions() | QFileDevice::ExeOwner | QFileDevice::ExeGroup | QFileDevice::ExeOther);
}

int TrainingPanel::gpuCount() const
{
    int gpus = 0;
    for (int i = 0; i < m_device->count(); ++i) {
        const QString id = m_device->itemData(i).toString();
        gpus += id.startsWith(QLatin1String("cuda:")) && id != QLatin1String(kAllGpusDevice) ? 1 : 0;
    }
    return gpus;
}

void TrainingPanel::chooseDataset()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose the dataset folder"), m_datasetPath->text());
    if (!dir.isEmpty())
        m_datasetPath->setText(dir);
}

TrainingSettings TrainingPanel::settings() const
{
    TrainingSettings s;
    s.b = m_b->value();
    s.learningRate = m_learningRate->text().toDouble();
    s.epochs = m_epochs->value();
    s.batchSize = m_batch->value();
    s.adaptiveGradientClipping = m_agc->isChecked();
    s.bf16 = m_precision->currentData().toBool();
    s.cudaGraphs = m_cudaGraphs->isChecked();
    s.device = m_device->currentData().toString();
    if (s.device == QLatin1String(kAllGpusDevice)) { // one rank per GPU
        s.device = QStringLiteral("cuda");
        s.localRanks = gpuCount();
    }
    s.datasetKind = static_cast<core::DatasetKind>(m_datasetKind->currentData().toInt());
    s.datasetPath = m_datasetPath->text();
    s.mode = static_cast<core::TrainMode>(m_mode->currentData().toInt());
    s.maxSamples = m_maxSamples->value();
    return s;
}

void TrainingPanel::setDataset(core::DatasetKind kind, const QString &path, int maxSamples)
{
    m_datasetKind->setCurrentIndex(m_datasetKind->findData(int(kind)));
    m_datasetPath->setText(path);
    m_maxSamples->setValue(maxSamples);
}

void TrainingPanel::setSettings(const TrainingSettings &s)
{
    m_b->setValue(s.b);
    m_learningRate->setText(QString::number(s.learningRate));
    m_epochs->setValue(s.epochs);
    m_batch->setValue(s.batchSize);
    m_agc->setChecked(s.adaptiveGradientClipping);
    m_precision->setCurrentIndex(std::max(0, m_precision->findData(s.bf16)));
    m_cudaGraphs->setChecked(s.cudaGraphs);
    const QString device = s.localRanks > 1 ? QString::fromLatin1(kAllGpusDevice) : s.device;
    if (const int index = m_device->findData(device); index >= 0) // a CUDA device this machine lacks: keep
        m_device->setCurrentIndex(index);
    m_mode->setCurrentIndex(std::max(0, m_mode->findData(int(s.mode))));
    setDataset(s.datasetKind, s.datasetPath, s.maxSamples);
}

void TrainingPanel::setEpochs(int epochs)
{
    m_epochs->setValue(epochs);
}

QWidget *TrainingPanel::createProbeStrip()
{
    auto *strip = new QWidget(this);
    m_probeStrip = new QHBoxLayout(strip);
    m_probeStrip->setContentsMargins(0, 0, 0, 0);
    m_probeTitle = new QLabel(tr("W(x)x of the first four images after each epoch"), strip);
    m_probeStrip->addWidget(m_probeTitle);
    m_probeStrip->addStretch(1);
    return strip;
}

void TrainingPanel::onProbes(int epoch, const QVector<QImage> &images)
{
    m_probeImages = images;
    while (m_probeStrip->count() > 2) { // title + stretch stay
        QLayoutItem *item = m_probeStrip->takeAt(1);
        delete item->widget();
        delete item;
    }
    m_probeTitle->setText(tr("W(x)x after epoch %1:").arg(epoch + 1));
    for (int i = 0; i < images.size(); ++i) {
        auto *label = new QLabel(this);
        label->setPixmap(QPixmap::fromImage(images[i].scaled(72, 72, Qt::KeepAspectRatio, Qt::FastTransformation)));
        m_probeStrip->insertWidget(1 + i, label);
    }
}

void TrainingPanel::onStep(const core::StepMetrics &metrics)
{
    m_progress->setRange(0, static_cast<int>(std::max<int64_t>(1, metrics.totalSteps)));
    m_progress->setValue(static_cast<int>(metrics.globalStep));
    m_speed->setText(tr("%1 img/s").arg(metrics.imagesPerSecond, 0, 'f', 1));
    m_memory->setText(metrics.gpuMemoryBytes < 0
                          ? tr("GPU memory: n/a (CPU)")
                          : tr("GPU memory %1 GiB").arg(double(metrics.gpuMemoryBytes) / (1 << 30), 0, 'f', 2));
    // The core's estimate: the run's own batch size and steps, without the time spent paused.
    const auto seconds = static_cast<qint64>(std::max(0.0, metrics.etaSeconds));
    m_eta->setText(tr("ETA %1:%2:%3").arg(seconds / 3600).arg(seconds / 60 % 60, 2, 10, QLatin1Char('0'))
                       .arg(seconds % 60, 2, 10, QLatin1Char('0')));
}

void TrainingPanel::onEpoch(const core::EpochMetrics &metrics)
{
    if (std::isnan(metrics.valLoss)) // no validation set
        return;
    QString text = std::isnan(metrics.valTop1) // no labels to compare with (distillation)
        ? tr("Epoch %1: validation loss %2").arg(metrics.epoch + 1).arg(metrics.valLoss, 0, 'f', 3)
        : tr("Epoch %1: validation loss %2, top-1 %3 %, top-5 %4 %")
              .arg(metrics.epoch + 1)
              .arg(metrics.valLoss, 0, 'f', 3)
              .arg(metrics.valTop1 * 100.0, 0, 'f', 1)
              .arg(metrics.valTop5 * 100.0, 0, 'f', 1);
    if (!std::isnan(metrics.valAgreement))
        text += tr(", agrees with the teacher on %1 %").arg(metrics.valAgreement * 100.0, 0, 'f', 1);
    m_validation->setText(text);
}

void TrainingPanel::onStateChanged()
{
    const auto state = m_controller.state();
    m_start->setEnabled(state == TrainingController::State::Idle);
    m_pause->setEnabled(state == TrainingController::State::Running);
    m_resume->setEnabled(state == TrainingController::State::Paused);
    m_cancel->setEnabled(state != TrainingController::State::Idle);
}

QWidget *TrainingPanel::createComparisonRow()
{
    auto *row = new QWidget(this);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *compare = new QPushButton(tr("Compare with run…"), row);
    compare->setToolTip(tr("Show the curves of a finished run (its folder with metrics.csv) dashed on the chart"));
    connect(compare, &QPushButton::clicked, this, &TrainingPanel::chooseComparedRun);
    m_removeComparison = new QToolButton(row);
    m_removeComparison->setText(tr("Remove comparison"));
    m_removeComparison->setPopupMode(QToolButton::InstantPopup);
    m_removeComparison->setMenu(new QMenu(m_removeComparison));
    connect(m_removeComparison->menu(), &QMenu::aboutToShow, this, &TrainingPanel::fillComparisonMenu);
    m_comparisonMessage = new QLabel(row);
    m_comparisonMessage->setWordWrap(true);
    m_comparisonMessage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(compare);
    layout->addWidget(m_removeComparison);
    layout->addWidget(m_comparisonMessage, 1);
    updateComparisonMenu();
    return row;
}

void TrainingPanel::chooseComparedRun()
{
    const QString start = m_lastRunDirectory.isEmpty()
        ? QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/runs")
        : m_lastRunDirectory;
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose a run folder"), start);
    if (!dir.isEmpty())
        compareWithRun(dir);
}

bool TrainingPanel::compareWithRun(const QString &directory)
{
    m_lastRunDirectory = directory;
    try {
        const core::RunHistory run = core::readRunLog(directory.toStdString());
        m_chart->addComparedRun(run);
        m_comparisonMessage->setPalette(palette());
        m_comparisonMessage->setText(tr("Comparing with %1: %n epoch(s)", nullptr, int(run.epochs.size()))
                                         .arg(QString::fromStdString(run.name)));
    } catch (const std::exception &error) { // core::Error: names the file, the line and the field
        QPalette red = palette();
        red.setColor(QPalette::WindowText, Qt::darkRed);
        m_comparisonMessage->setPalette(red);
        m_comparisonMessage->setText(QString::fromStdString(error.what()));
        updateComparisonMenu();
        return false;
    }
    updateComparisonMenu();
    return true;
}

void TrainingPanel::removeComparedRun(const QString &name)
{
    if (m_chart->removeComparedRun(name))
        m_comparisonMessage->clear();
    updateComparisonMenu();
}

QString TrainingPanel::comparisonMessage() const
{
    return m_comparisonMessage->text();
}

void TrainingPanel::updateComparisonMenu()
{
    m_removeComparison->setEnabled(!m_chart->comparedRuns().isEmpty());
}

void TrainingPanel::fillComparisonMenu()
{
    // Filled when it opens: removing a run from its own menu action must not delete that action.
    QMenu *menu = m_removeComparison->menu();
    menu->clear();
    const QStringList runs = m_chart->comparedRuns();
    for (const QString &name : runs)
        menu->addAction(name, this, [this, name] { removeComparedRun(name); });
    if (runs.size() > 1) {
        menu->addSeparator();
        menu->addAction(tr("All"), this, [this, runs] {
            for (const QString &name : runs)
                removeComparedRun(name);
        });
    }
}

} // namespace bcos::widgets
