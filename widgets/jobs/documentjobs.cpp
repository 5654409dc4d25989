#include "documentjobs.h"

#include "widgets/jobs/jobscheduler.h"
#include "widgets/session/document.h"

namespace bcos::widgets {

void followDocument(JobScheduler &jobs, const Document &document, DocumentChanges changes)
{
    QObject::connect(&document, &Document::imagesInserted, &jobs, &JobScheduler::requestSchedule);
    if (changes == DocumentChanges::ImagesAndColumns)
        QObject::connect(&document, &Document::columnsChanged, &jobs, &JobScheduler::requestSchedule);
    QObject::connect(&document, &Document::modelChanged, &jobs, [&jobs] {
        jobs.invalidate();
        jobs.requestSchedule();
    });
}

} // namespace bcos::widgets
