#include "metricspanel.h"

#include "core/models/network.h"
#include "widgets/jobs/taskrunner.h"
#include "widgets/metrics/imagevaluestablemodel.h"
#include "widgets/metrics/metricsplot.h"
#include "widgets/session/document.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

#include <mutex>

namespace bcos::widgets {
namespace {

struct Choice {
    const char *name;
    const char *label;
    bool checked;
};

const Choice kMethods[] = {{"wxx", QT_TRANSLATE_NOOP("bcos::widgets::MetricsPanel", "W(x)x"), true},
                           {"gradcam", QT_TRANSLATE_NOOP("bcos::widgets::MetricsPanel", "GradCAM"), true},
                           {"ixg", QT_TRANSLATE_NOOP("bcos::widgets::MetricsPanel", "Input×Gradient"), true},
                           {"intgrad", QT_TRANSLATE_NOOP("bcos::widgets::MetricsPanel", "Integrated Gradients"), false},
                           {"random", QT_TRANSLATE_NOOP("bcos::widgets::MetricsPanel", "Random maps (the floor)"), false}};
const Choice kMetrics[] = {{"deletion", QT_TRANSLATE_NOOP("bcos::widgets::MetricsPanel", "Deletion"), true},
                           {"insertion", QT_TRANSLATE_NOOP("bcos::widgets::MetricsPanel", "Insertion"), true},
                           {"road-morf", QT_TRANSLATE_NOOP("bcos::widgets::MetricsPanel", "ROAD MoRF"), false},
                           {"road-lerf", QT_TRANSLATE_NOOP("bcos::widgets::MetricsPanel", "ROAD LeRF"), false},
                           {"average-drop", QT_TRANSLATE_NOOP("bcos::widgets::MetricsPanel", "Average drop"), false},
                           {"confidence-increase",
                            QT_TRANSLATE_NOOP("bcos::widgets::MetricsPanel", "Increase in confidence"), false},
                           {"sparseness", QT_TRANSLATE_NOOP("bcos::widgets::MetricsPanel", "Sparseness (Gini)"), false},
                           {"complexity", QT_TRANSLATE_NOOP("bcos::widgets::MetricsPanel", "Complexity (entropy)"), true}};

QCheckBox *choiceBox(const Choice &choice, const QString &prefix, QWidget *parent)
{
    auto *box = new QCheckBox(MetricsPanel::tr(choice.label), parent);
    box->setObjectName(prefix + QLatin1String(choice.name));
    box->setProperty("choice", QLatin1String(choice.name));
    box->setChecked(choice.checked);
    return box;
}

} // namespace

MetricsPanel::MetricsPanel(Document &document, TaskRunner &runner, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_runner(runner)
    , m_compute(new QPushButton(tr("Compute"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_csv(new QPushButton(tr("Export CSV…"), this))
    , m_figure(new QPushButton(tr("Export figure…"), this))
    , m_status(new QLabel(this))
    , m_summaryTable(new QTableWidget(this))
    , m_deletion(new MetricsPlot(QStringLiteral("deletion"), this))
    , m_insertion(new MetricsPlot(QStringLiteral("insertion"), this))
    , m_imageModel(new ImageValuesTableModel(document, this))
    , m_imageOrder(new QSortFilterProxyModel(this))
    , m_imageTable(new QTableView(this))
{
    setObjectName(QStringLiteral("metricsPanel"));
    m_compute->setObjectName(QStringLiteral("metricsCompute"));
    m_status->setObjectName(QStringLiteral("metricsStatus"));
    m_status->setWordWrap(true);
    m_compute->setToolTip(tr("Explain every image with each checked method on the selected model and score the maps "
                             "(the predicted class; the same values as bcos explain --out STORE/ --metrics)"));
    auto *methods = new QGroupBox(tr("Methods"), this);
    auto *methodLayout = new QVBoxLayout(methods);
    for (const Choice &choice : kMethods) {
        m_methods << choiceBox(choice, QStringLiteral("metricsMethod_"), methods);
        methodLayout->addWidget(m_methods.back());
    }
    methodBox(QStringLiteral("random"))
        ->setToolTip(tr("Scores seeded random maps (seed 0) beside the checked methods: the floor a method has to "
                        "beat (the maps of bcos evaluate --method random)"));
    auto *metrics = new QGroupBox(tr("Metrics"), this);
    auto *metricLayout = new QGridLayout(metrics);
    for (const Choice &choice : kMetrics) {
        m_metrics << choiceBox(choice, QStringLiteral("metricsMetric_"), metrics);
        metricLayout->addWidget(m_metrics.back(), (m_metrics.size() - 1) / 2, (m_metrics.size() - 1) % 2);
    }
    auto *buttons = new QHBoxLayout;
    for (QPushButton *button : {m_compute, m_cancel, m_csv, m_figure})
        buttons->addWidget(button);
    buttons->addStretch(1);

    m_summaryTable->setObjectName(QStringLiteral("metricsSummary"));
    m_summaryTable->setColumnCount(6);
    m_summaryTable->setHorizontalHeaderLabels(
        {tr("Metric"), tr("Method"), tr("Mean"), tr("95 % interval"), tr("Images"), tr("Better")});
    m_summaryTable->verticalHeader()->hide();
    m_summaryTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_summaryTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_imageOrder->setSourceModel(m_imageModel);
    m_imageOrder->setSortRole(ImageValuesTableModel::SortRole);
    m_imageTable->setObjectName(QStringLiteral("metricsImages"));
    m_imageTable->setModel(m_imageOrder);
    m_imageTable->setSortingEnabled(true);
    m_imageTable->sortByColumn(-1, Qt::AscendingOrder); // the order added until a header is clicked
    m_imageTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_imageTable->verticalHeader()->hide();
    m_imageTable->setToolTip(tr("Click a column header to sort by it; click an image to select it in the browser"));

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto *choices = new QHBoxLayout;
    choices->addWidget(methods);
    choices->addWidget(metrics, 1);
    leftLayout->addLayout(choices);
    leftLayout->addLayout(buttons);
    leftLayout->addWidget(m_status);
    leftLayout->addWidget(m_summaryTable, 1);
    auto *plots = new QWidget(this);
    auto *plotLayout = new QVBoxLayout(plots);
    plotLayout->setContentsMargins(0, 0, 0, 0);
    plotLayout->addWidget(m_deletion);
    plotLayout->addWidget(m_insertion);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(plots);
    splitter->addWidget(m_imageTable);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 2);
    splitter->setStretchFactor(2, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(splitter);

    connect(m_compute, &QPushButton::clicked, this, &MetricsPanel::compute);
    connect(m_cancel, &QPushButton::clicked, this, &MetricsPanel::cancel);
    connect(m_csv, &QPushButton::clicked, this, &MetricsPanel::chooseCsv);
    connect(m_figure, &QPushButton::clicked, this, &MetricsPanel::chooseFigure);
    connect(m_imageTable, &QTableView::clicked, this,
            [this](const QModelIndex &index) { Q_EMIT imageActivated(m_imageOrder->mapToSource(index).row()); });
    connect(&document, &Document::modelChanged, this, &MetricsPanel::updateAvailability);
    connect(&document, &Document::selectedModelChanged, this, &MetricsPanel::updateAvailability);
    // The summaries cover the session's images that have values: adding or removing images changes them.
    for (auto signal : {&Document::imagesInserted, &Document::imagesRemoved})
        connect(&document, signal, this, [this] {
            updateAvailability();
            if (!m_document.values().isEmpty())
                summarise();
        });
    connect(&document.values(), &ImageValues::changed, this, &MetricsPanel::summarise);
    updateAvailability();
    showSummaries({});
}

QCheckBox *MetricsPanel::methodBox(const QString &method) const
{
    for (QCheckBox *box : m_methods)
        if (box->property("choice").toString() == method)
            return box;
    return nullptr;
}

QCheckBox *MetricsPanel::metricBox(const QString &metric) const
{
    for (QCheckBox *box : m_metrics)
        if (box->property("choice").toString() == metric)
            return box;
    return nullptr;
}

QString MetricsPanel::statusText() const
{
    return m_status->text();
}

void MetricsPanel::updateAvailability()
{
    const auto model = m_document.selectedModel();
    const bool classifier = model && model->network;
    const bool bcos = classifier && model->description.bcos.enabled;
    QCheckBox *wxx = methodBox(QStringLiteral("wxx"));
    wxx->setEnabled(bcos);
    wxx->setToolTip(bcos ? QString() : tr("W(x)x needs a B-cos model (select it in the browser's Model choice)"));
    m_compute->setEnabled(classifier && m_document.imageCount() > 0 && m_computeTask == 0);
    m_cancel->setEnabled(m_computeTask != 0);
    m_csv->setEnabled(!m_summaries.isEmpty());
    m_figure->setEnabled(!m_summaries.isEmpty());
    if (m_computeTask != 0)
        return;
    if (!classifier)
        m_status->setText(tr("Open a classifier model and images, then Compute."));
    else if (m_document.imageCount() == 0)
        m_status->setText(tr("Add images (or open an explanation store), then Compute."));
    else if (m_summaries.isEmpty())
        m_status->setText(tr("Compute scores the checked methods on all %n image(s) with %1.", nullptr,
                             m_document.imageCount())
                              .arg(QString::fromStdString(model->path)));
}

int MetricsPanel::compute()
{
    const auto model = m_document.selectedModel();
    if (!model || !model->network || m_computeTask != 0)
        return 0;
    MetricsRequest request;
    for (QCheckBox *box : m_methods) {
        if (!box->isChecked() || !box->isEnabled())
            continue;
        const std::string name = box->property("choice").toString().toStdString();
        if (name == "random")
            request.randomFloor = true;
        else
            request.methods.push_back(core::parseExplainMethod(name));
    }
    for (QCheckBox *box : m_metrics)
        if (box->isChecked())
            request.metrics.push_back(core::parseMetric(box->property("choice").toString().toStdString()));
    if (request.methods.empty()) {
        m_status->setText(tr("Check at least one explanation method (random maps are scored beside them)."));
        return 0;
    }
    request.inputs = m_document.inputReader(); // the selected model's crop
    for (const ImageRecord &record : m_document.images())
        if (!m_document.isUnreadable(record.path)) {
            request.labels << record.label;
            request.paths << record.path;
        }
    if (request.paths.isEmpty())
        return 0;
    const int total = static_cast<int>(request.paths.size());
    const QString source = tr("computed on %n image(s) with %1", nullptr, total).arg(QString::fromStdString(model->path));
    m_status->setText(tr("Computing on %n image(s)…", nullptr, total));
    QPointer<MetricsPanel> self(this);
    m_computeTask = m_runner.run(
        tr("Computing metrics"),
        [self, model, request, source](TaskContext &context) {
            const auto lock = context.lock(*model->mutex);
            auto outcome = std::make_shared<MetricsOutcome>(
                computeMetrics(*model->network, request, context.cancelFlag(), [&context, &request](double done) {
                    context.progress(done, tr("Metrics on %n image(s)", nullptr, int(request.paths.size())));
                }));
            context.postToGui([self, outcome, source] {
                if (!self)
                    return;
                self->m_document.markUnreadable(outcome->unreadable);
                self->m_document.values().replace(outcome->columns, outcome->rows, source);
            });
        },
        this, [this](const TaskEnd &end) {
            m_computeTask = 0;
            updateAvailability();
            if (end.outcome == TaskEnd::Outcome::Failed)
                m_status->setText(tr("Computing the metrics failed: %1").arg(end.message));
            else if (end.outcome == TaskEnd::Outcome::Cancelled)
                m_status->setText(tr("Cancelled; the values shown are the previous ones."));
        });
    updateAvailability();
    return m_computeTask;
}

void MetricsPanel::cancel()
{
    if (m_computeTask != 0)
        m_runner.cancel(m_computeTask);
}

void MetricsPanel::summarise()
{
    const ImageValues &values = m_document.values();
    const QVector<ValueColumn> columns = values.columns();
    QVector<ImageValueRow> rows;
    for (const ImageRecord &record : m_document.images())
        if (values.hasImage(record.path)) {
            ImageValueRow row;
            for (int c = 0; c < columns.size(); ++c) {
                row.values << values.value(record.path, c);
                row.curves << values.curve(record.path, c);
            }
            rows << row;
        }
    const int generation = ++m_summaryGeneration;
    if (columns.isEmpty()) {
        showSummaries({});
        return;
    }
    m_status->setText(tr("Summarising %n image(s)…", nullptr, static_cast<int>(rows.size())));
    QPointer<MetricsPanel> self(this);
    m_summaryTask = m_runner.run(
        tr("Summarising metrics"),
        [self, columns, rows, generation](TaskContext &context) {
            auto summaries = std::make_shared<QVector<ColumnSummary>>(summariseValues(columns, rows));
            context.postToGui([self, summaries, generation] {
                if (self && generation == self->m_summaryGeneration)
                    self->showSummaries(*summaries);
            });
        },
        this, [this](const TaskEnd &) { m_summaryTask = 0; });
}

void MetricsPanel::showSummaries(const QVector<ColumnSummary> &summaries)
{
    m_summaries = summaries;
    m_summaryTable->setRowCount(static_cast<int>(summaries.size()));
    for (int r = 0; r < summaries.size(); ++r) {
        const ColumnSummary &s = summaries[r];
        const QStringList cells{s.column.metric, s.column.method, QString::number(s.interval.mean, 'f', 4),
                                tr("%1 .. %2").arg(s.interval.lower, 0, 'f', 4).arg(s.interval.upper, 0, 'f', 4),
                                s.leftOut > 0 ? tr("%1 (%2 left out)").arg(s.interval.count).arg(s.leftOut)
                                              : QString::number(s.interval.count),
                                s.column.higherIsBetter ? tr("higher") : tr("lower")};
        for (int c = 0; c < cells.size(); ++c)
            m_summaryTable->setItem(r, c, new QTableWidgetItem(cells[c]));
    }
    m_deletion->setSummaries(summaries);
    m_insertion->setSummaries(summaries);
    if (!summaries.isEmpty())
        m_status->setText(tr("Values: %1.").arg(m_document.values().source()));
    updateAvailability();
    Q_EMIT summariesReady();
}

MetricsReport MetricsPanel::report() const
{
    MetricsReport report;
    report.source = m_document.values().source();
    if (const auto model = m_document.selectedModel())
        report.model = QString::fromStdString(model->path);
    report.summaries = m_summaries;
    const ImageValues &values = m_document.values();
    for (const ImageRecord &record : m_document.images()) {
        if (!values.hasImage(record.path))
            continue;
        report.names << record.name;
        report.paths << record.path;
        report.labels << record.label;
        ImageValueRow row;
        for (const ColumnSummary &s : m_summaries)
            row.values << values.value(record.path, values.columnIndex(s.column.name));
        report.rows << row;
    }
    return report;
}

void MetricsPanel::chooseCsv()
{
    exportWith(tr("Export metrics as CSV"), QStringLiteral("metrics.csv"), tr("CSV (*.csv)"),
               [this](const QString &path) { return exportCsv(path); }, tr("Wrote %1."));
}

void MetricsPanel::chooseFigure()
{
    exportWith(tr("Export metrics figure"), QStringLiteral("metrics.pdf"), tr("Figures (*.pdf *.svg *.png)"),
               [this](const QString &path) { return exportFigure(path); }, tr("Wrote %1 and its recipe %1.json."));
}

void MetricsPanel::exportWith(const QString &title, const QString &suggested, const QString &filter,
                              const std::function<QString(const QString &)> &write, const QString &done)
{
    const QString path = QFileDialog::getSaveFileName(this, title, suggested, filter);
    if (path.isEmpty())
        return;
    const QString error = write(path);
    m_status->setText(error.isEmpty() ? done.arg(path) : error);
}

} // namespace bcos::widgets
