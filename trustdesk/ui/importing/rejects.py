"""The rows an import leaves out, with their line and reason: listed, and saved as CSV (UTF-8
with BOM, opens in Excel and WPS) to fix and import again. Never dropped silently."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from trustdesk.services.importing.review import write_rejects
from trustdesk.services.importing.table import UnreadRow
from trustdesk.ui.i18n import current_language, error_text
from trustdesk.ui.importing.base import error_label, show_error
from trustdesk.ui.ops import Ops, users_mistake

Index = QModelIndex | QPersistentModelIndex


def rejects_path(source: Path | None) -> Path:
    """Beside the imported file, named after it."""
    if source is None:
        return Path.home() / "not-imported.csv"
    return source.with_name(f"{source.stem}-not-imported.csv")


def save_rejects_as(
    parent: QWidget,
    ops: Ops,
    source: Path | None,
    rejected: list[UnreadRow],
    headers: list[str],
    saved: Callable[[Path], None],
    refused: Callable[[str], None],
) -> None:
    """Ask where, then write on the worker: ``saved(path)``, or ``refused(sentence)``."""
    chosen, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("RejectsDialog", "Save the rows not imported"),
        str(rejects_path(source)),
        QCoreApplication.translate("RejectsDialog", "CSV (*.csv)"),
    )
    if not chosen:
        return
    path = Path(chosen)
    if path.suffix.lower() != ".csv":
        path = path.with_name(f"{path.name}.csv")

    def failed(error: BaseException) -> None:
        mistake = users_mistake(error)
        if mistake is None:
            ops.report_failure(error)
        else:
            refused(error_text(mistake))

    ops.task(write_rejects, path, rejected, headers, current_language()).success(saved).failure(
        failed
    ).run(parent)


class RejectsModel(QAbstractTableModel):
    def __init__(self, rejected: list[UnreadRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows = rejected
        self._zh = current_language() == "zh"

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Line"), self.tr("Why it is not imported"), self.tr("The row"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        row = self._rows[index.row()]
        reason = row.reason_zh if self._zh else row.reason_en
        return (str(row.line), reason, row.text)[index.column()]


class RejectsDialog(QDialog):
    """The rows not imported, and *Save as CSV…*."""

    def __init__(
        self,
        ops: Ops,
        source: Path | None,
        rejected: list[UnreadRow],
        headers: list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ops, self.source, self.rows, self.headers = ops, source, rejected, headers
        self.setWindowTitle(self.tr("Rows not imported"))
        self.resize(860, 460)
        intro = QLabel(
            self.tr(
                "These rows are left out; the others are imported. Save them as CSV, fix "
                "them there and import that file."
            )
        )
        intro.setWordWrap(True)
        self.model = RejectsModel(rejected, self)
        self.table = QTableView()
        self.table.setObjectName("rejects")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 380)
        header.setStretchLastSection(True)
        self.saved = QLabel()
        self.saved.setObjectName("rejectsSaved")
        self.saved.setWordWrap(True)
        self.saved.hide()
        self.error = error_label("rejectsError")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = buttons.addButton(
            self.tr("Save as CSV…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_button.clicked.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.saved)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def save(self) -> None:
        show_error(self.error, "")
        save_rejects_as(
            self, self.ops, self.source, self.rows, self.headers, self._saved,
            lambda sentence: show_error(self.error, sentence),
        )  # fmt: skip

    def _saved(self, path: Path) -> None:
        self.saved.setText(saved_text(path))
        self.saved.show()


def saved_text(path: Path) -> str:
    return QCoreApplication.translate(
        "RejectsDialog", "Saved {0}: fix the rows there and import that file."
    ).format(path)
