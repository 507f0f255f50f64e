"""Helpers for driving modal dialogs in GUI tests."""

from PySide6.QtCore import QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem, QTableView


def when_modal(qtbot, action):
    """Run ``action(dialog)`` on the next modal dialog that opens."""
    done = []

    def poll():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, poll)
            return
        action(dialog)
        done.append(dialog)

    QTimer.singleShot(0, poll)
    return done


def settle(window):
    """Let the window's database work finish and its answers show (reads run on a worker)."""
    assert window.ops.wait_idle(), "database work still running after 10 s"


def painted_cell(table: QTableView, row: int, column: int) -> tuple[str, str, bool]:
    """(text, text colour, struck out) of a cell as its delegate paints it: through the
    model's ``multiData``, as the view asks, not ``data`` role by role."""
    index = table.model().index(row, column)
    option = QStyleOptionViewItem()
    table.itemDelegateForIndex(index).initStyleOption(option, index)
    colour = option.palette.color(QPalette.ColorRole.Text).name()
    return option.text, colour, option.font.strikeOut()
