#pragma once

namespace bcos::widgets {

class Document;
class JobScheduler;

/// Which document changes make a job kind look for missing work.
enum class DocumentChanges {
    Images,          ///< images added, a new model
    ImagesAndColumns ///< the same, and new column settings (view settings, target class, prompts)
};

/// Connects `document` to `jobs`: each change in `changes` requests a planner run; a new model first
/// invalidates the running jobs (their results belong to the old model).
void followDocument(JobScheduler &jobs, const Document &document, DocumentChanges changes);

} // namespace bcos::widgets
