#include "imagelistcommand.h"

#include "widgets/session/document.h"

#include <QCoreApplication>

namespace bcos::widgets {

ImageListCommand::ImageListCommand(Document &document, Kind kind, int row, QVector<ImageRecord> records, int count,
                                   int batch)
    : m_document(document)
    , m_kind(kind)
    , m_row(row)
    , m_count(kind == Kind::Insert ? static_cast<int>(records.size()) : count)
    , m_batch(kind == Kind::Insert ? batch : 0)
    , m_records(std::move(records))
{
    updateText();
}

void ImageListCommand::updateText()
{
    const bool insert = m_kind == Kind::Insert;
    setText(insert ? QCoreApplication::translate("ImageListCommand", "Add %n image(s)", nullptr, m_count)
                   : QCoreApplication::translate("ImageListCommand", "Remove %n image(s)", nullptr, m_count));
}

bool ImageListCommand::mergeWith(const QUndoCommand *other)
{
    const auto *next = dynamic_cast<const ImageListCommand *>(other);
    if (!next || m_batch == 0 || next->m_batch != m_batch || next->m_row != m_row + m_count)
        return false;
    m_count += next->m_count; // both are done (inserted): undo removes the whole block
    updateText();
    return true;
}

void ImageListCommand::insert()
{
    m_document.insertImages(m_row, m_records);
    m_records.clear();
}

void ImageListCommand::remove()
{
    m_records = m_document.takeImages(m_row, m_count);
}

void ImageListCommand::redo()
{
    m_kind == Kind::Insert ? insert() : remove();
}

void ImageListCommand::undo()
{
    m_kind == Kind::Insert ? remove() : insert();
}

} // namespace bcos::widgets
