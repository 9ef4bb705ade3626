"""Up and Down in a search box move through the list it filters, as in a completer.

A keyboard user typed a name, pressed Enter and nothing happened: nobody was chosen in the
list below, and getting there took a Tab and an arrow. Now Down picks the best match and
Enter takes it, the focus staying in the box for more typing.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLineEdit

MOVES = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)


class ListKeys(QObject):
    """Sends the box's Up, Down, Page Up and Page Down to `view`."""

    def __init__(self, box: QLineEdit, view: QAbstractItemView) -> None:
        super().__init__(box)
        self.view = view
        box.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in MOVES and not event.modifiers():
                if not self.view.currentIndex().isValid() and event.key() == Qt.Key.Key_Down:
                    self._first()  # from nobody chosen: the best match, listed first
                else:
                    self.view.event(event)  # the view moves its own current row
                return True
        return False

    def _first(self) -> None:
        model = self.view.model()
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            if model.flags(index) & Qt.ItemFlag.ItemIsSelectable:
                self.view.setCurrentIndex(index)
                return


def follow_arrows(box: QLineEdit, view: QAbstractItemView) -> ListKeys:
    return ListKeys(box, view)
