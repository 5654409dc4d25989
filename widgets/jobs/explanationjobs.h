#pragma once

#include "widgets/jobs/jobscheduler.h"

#include <QObject>
#include <QSet>

namespace bcos::widgets {

class Document;
class ResultCache;
struct LoadedModel;
struct RenderedColumn;
struct ViewColumn;

/// Fills the ResultCache with the explanation cells: whenever images, models or column settings change, it
/// submits one job per available method column for the rows whose result (image x model x method x params) is
/// missing. Workers read the rows' inputs (InputReader) and render the cells (renderColumn); resultsReady() then
/// tells the views. The rows the grid shows whose input is not decoded get a job that reads them into the input
/// cache (the Input column); images that cannot be read again are reported to the Document and left out.
class ExplanationJobs : public QObject {
    Q_OBJECT
public:
    ExplanationJobs(Document &document, TaskRunner &runner, ResultCache &cache, QObject *parent = nullptr);

    /// Number of column jobs still running.
    int pendingTasks() const { return m_jobs.runningCount(); }
    /// No job running and none about to be scheduled.
    bool isIdle() const { return m_jobs.isIdle(); }
    /// Sessions above eagerRowLimit() images explain only these Document rows (the grid's rows on screen and
    /// around them); smaller sessions, or with no rows given, explain every row.
    void setWantedRows(const QList<int> &rows);
    static constexpr int eagerRowLimit() { return 512; }

Q_SIGNALS:
    void resultsReady();

private:
    struct ColumnResult;
    struct ColumnInputs;
    void schedule();
    /// The Document rows the grid shows (the wanted rows of a large session, else all).
    QList<int> rowsToShow() const;
    void scheduleInputs();
    /// Whether the open explanation store holds `column`'s maps for `model` (its model, method and rendering).
    bool storeServes(const ViewColumn &column, const LoadedModel &model) const;
    void scheduleColumn(const ViewColumn &column);
    void store(const ColumnResult &result);

    Document &m_document;
    ResultCache &m_cache;
    JobScheduler m_jobs;
    QSet<int> m_wanted;
};

} // namespace bcos::widgets
