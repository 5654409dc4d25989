// The wheel over a form's value widgets scrolls the form until the widget is clicked (focused).
#include "widgets/shell/wheelguard.h"

#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QWheelEvent>

#include <gtest/gtest.h>

namespace bcos::widgets {
namespace {

/// One notch of the wheel (down) over `widget`'s centre, delivered as the window system would.
void wheelDown(QWidget *widget)
{
    const QPointF centre(widget->width() / 2.0, widget->height() / 2.0);
    QWheelEvent event(centre, widget->mapToGlobal(centre), QPoint(), QPoint(0, -120), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(widget, &event);
}

TEST(WheelGuard, AnUnfocusedSpinBoxLetsTheFormScroll)
{
    QScrollArea scroll;
    auto *form = new QWidget;
    auto *layout = new QVBoxLayout(form);
    auto *batch = new QSpinBox;
    batch->setRange(1, 4096);
    batch->setValue(64);
    auto *mode = new QComboBox;
    mode->addItems({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
    auto *name = new QLineEdit; // where the keyboard focus is at first
    layout->addWidget(name);
    layout->addWidget(batch);
    layout->addWidget(mode);
    for (int i = 0; i < 40; ++i) // taller than the viewport
        layout->addWidget(new QSpinBox);
    scroll.setWidget(form);
    scroll.setWidgetResizable(true);
    scroll.resize(300, 120);
    guardWheelInForm(form);
    scroll.show();
    scroll.activateWindow();
    name->setFocus(Qt::OtherFocusReason);
    QApplication::processEvents();
    ASSERT_GT(scroll.verticalScrollBar()->maximum(), 0);
    ASSERT_FALSE(batch->hasFocus());
    ASSERT_FALSE(mode->hasFocus());

    // Without the guard's focus rule the spin box would take the wheel (QSpinBox's default WheelFocus).
    EXPECT_EQ(batch->focusPolicy(), Qt::StrongFocus);
    wheelDown(batch);
    wheelDown(mode);
    EXPECT_EQ(batch->value(), 64);
    EXPECT_EQ(mode->currentIndex(), 0);
    EXPECT_GT(scroll.verticalScrollBar()->value(), 0); // the form scrolled instead

    // Clicked (focused), the spin box takes the wheel as usual.
    batch->setFocus(Qt::MouseFocusReason);
    if (!batch->hasFocus())
        GTEST_SKIP() << "the window system gives this test window no keyboard focus";
    const int scrolled = scroll.verticalScrollBar()->value();
    wheelDown(batch);
    EXPECT_LT(batch->value(), 64); // (stepped down; how far per notch is the style's)
    EXPECT_EQ(scroll.verticalScrollBar()->value(), scrolled);
}

} // namespace
} // namespace bcos::widgets
