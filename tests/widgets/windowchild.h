#pragma once

#include <QObject>

#include <gtest/gtest.h>

namespace bcos::test {

/// The one object of type T below `parent` (a view, panel or tool of the studio window): tests reach the
/// window's widgets the way a user finds them, and its state through MainWindow::session().
template <class T>
T &child(const QObject &parent)
{
    T *found = parent.findChild<T *>();
    if (!found)
        ADD_FAILURE() << "no " << T::staticMetaObject.className() << " in the window";
    return *found;
}

} // namespace bcos::test
