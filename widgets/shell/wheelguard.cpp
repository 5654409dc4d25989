#include "wheelguard.h"

#include <QAbstractScrollArea>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QEvent>
#include <QScrollBar>
#include <QWidget>

namespace bcos::widgets {
namespace {

/// Gives the wheel events of an unfocused value widget to the scroll area around it (its vertical scroll bar), and
/// none to the widget. Forwarded here rather than ignored for the parents: Qt offers only the window system's own
/// (spontaneous) wheel events to the parents.
class WheelGuard : public QObject {
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() != QEvent::Wheel)
            return false;
        const auto *widget = qobject_cast<QWidget *>(watched);
        if (!widget || widget->hasFocus())
            return false;
        QWidget *parent = widget->parentWidget();
        while (parent && !qobject_cast<QAbstractScrollArea *>(parent))
            parent = parent->parentWidget();
        if (parent)
            QApplication::sendEvent(static_cast<QAbstractScrollArea *>(parent)->verticalScrollBar(), event);
        event->accept(); // handled: the value stays, nothing else scrolls
        return true;
    }
};

template <class Widget>
void guardAll(QWidget *form, QObject *guard)
{
    for (Widget *widget : form->findChildren<Widget *>()) {
        if (qobject_cast<QScrollBar *>(widget)) // scroll bars scroll with the wheel, focused or not
            continue;
        widget->setFocusPolicy(Qt::StrongFocus);
        widget->installEventFilter(guard);
    }
}

} // namespace

void guardWheelInForm(QWidget *form)
{
    auto *guard = new WheelGuard(form);
    guardAll<QAbstractSpinBox>(form, guard);
    guardAll<QComboBox>(form, guard);
    guardAll<QAbstractSlider>(form, guard);
}

} // namespace bcos::widgets
