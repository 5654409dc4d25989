#pragma once

#include "widgets/session/imagerecord.h"

#include <QUndoCommand>

namespace bcos::widgets {

class Document;

/// Undoable insertion or removal of a contiguous block of images.
class ImageListCommand : public QUndoCommand {
public:
    enum class Kind { Insert, Remove };

    /// Insert: `records` go at `row`. Remove: `count` rows from `row` (records are taken on redo).
    ImageListCommand(Document &document, Kind kind, int row, QVector<ImageRecord> records, int count = 0);

    void redo() override;
    void undo() override;

private:
    void insert();
    void remove();

    Document &m_document;
    Kind m_kind;
    int m_row;
    int m_count;
    QVector<ImageRecord> m_records;
};

} // namespace bcos::widgets
