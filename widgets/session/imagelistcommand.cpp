#include "imagelistcommand.h"

#include "widgets/session/document.h"

#include <QCoreApplication>

namespace bcos::widgets {

ImageListCommand::ImageListCommand(Document &document, Kind kind, int row, QVector<ImageRecord> records, int count)
    : m_document(document)
    , m_kind(kind)
    , m_row(row)
    , m_count(kind == Kind::Insert ? static_cast<int>(records.size()) : count)
    , m_records(std::move(records))
{
    const bool insert = kind == Kind::Insert;
    setText(insert ? QCoreApplication::translate("ImageListCommand", "Add %n image(s)", nullptr, m_count)
                   : QCoreApplication::translate("ImageListCommand", "Remove %n image(s)", nullptr, m_count));
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
