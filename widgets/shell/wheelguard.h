#pragma once

class QWidget;

namespace bcos::widgets {

/// The spin boxes, combo boxes and sliders under `form` (a form in a scroll area) take the mouse wheel only once they
/// have the keyboard focus (a click or Tab): a wheel turned while the pointer passes over them scrolls the nearest
/// scroll area around them on, instead of changing the value under the pointer without a word (the batch size of a
/// training run, say). They get Qt::StrongFocus, so the wheel does not focus them either. Widgets added to `form`
/// later are not covered.
void guardWheelInForm(QWidget *form);

} // namespace bcos::widgets
