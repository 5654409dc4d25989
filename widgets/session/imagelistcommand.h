#pragma once

#include "widgets/session/imagerecord.h"

#include <QUndoCommand>

namespace bcos::widgets {

class Document;

/// Undoable insertion or removal of a contiguous block of images.
class ImageListCommand : public QUndoCommand {
public:
    enum class Kind { Insert, Remove };

    /// Insert: `records` go at `row`. Remove: `count` rows from `row` (records are taken on redo). Inserts with
    /// the same non-zero `batch` that follow each other merge into one command (a folder added in batches is
    /// undone as a whole).
    ImageListCommand(Document &document, Kind kind, int row, QVector<ImageRecord> records, int count = 0,
                     int batch = 0);

    void redo() override;
    void undo() override;
    int id() const override { return m_batch != 0 ? 1 : -1; }
    bool mergeWith(const QUndoCommand *other) override;

private:
    void insert();
    void remove();
    void updateText();

    Document &m_document;
    Kind m_kind;
    int m_row;
    int m_count;
    int m_batch;
    QVector<ImageRecord> m_records;
};

} // namespace bcos::widgets
