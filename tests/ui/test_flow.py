"""The wrapping row of buttons (ui/panels/flow.py): its height follows its width and what
it holds, also now that it keeps the height it worked out for each width."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QPushButton

from netview.ui.panels.flow import flow_row


def test_a_row_wraps_when_narrow_and_follows_its_buttons_shown(qtbot: Any) -> None:
    buttons = [QPushButton(f"Button number {i}") for i in range(3)]
    row = flow_row(*buttons)
    qtbot.addWidget(row)
    row.show()
    layout = row.layout()
    one = buttons[0].sizeHint()
    wide = sum(b.sizeHint().width() for b in buttons) + 20
    assert layout.heightForWidth(wide) == one.height()  # one line
    narrow = layout.heightForWidth(one.width() + 5)  # one button a line
    assert narrow >= 3 * one.height()
    assert layout.heightForWidth(one.width() + 5) == narrow  # asked again: the same
    buttons[1].hide()  # what the row holds changed: worked out anew
    assert one.height() * 2 <= layout.heightForWidth(one.width() + 5) < narrow
    buttons[1].show()
    buttons[2].setText("A much, much longer label than before on this button")
    assert layout.heightForWidth(wide) > one.height()  # it no longer fits on one line
