"""Team → Conflicts…: every edit that clashed with a teammate's, both values side by side.

The server kept one value of each conflict (the later edit) so that every laptop shows the
same; the other is kept too and shown here, with the laptop that made each and when.
*Keep this value* on either side resolves the conflict: keeping the other value is a new
edit of the field, sent with the next sync like any other (``conflicts.resolve_conflict``,
on the window's worker). A record deleted on one laptop and edited on another was kept by
the edit: *Keep the record* or *Delete it*.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from trustdesk.services.changes import KIND_OF_TABLE, Changes
from trustdesk.sync.conflicts import ConflictView, list_conflicts, resolve_conflict
from trustdesk.ui.ops import Ops
from trustdesk.ui.team import texts
from trustdesk.ui.team.conflicts_model import ConflictTableModel, field_text, kept_text, other_text

SYNC_KIND = "sync"
VALUE_STYLE = "font-size: 15px; font-weight: 600;"


class _Side(QGroupBox):
    """One value of the conflict: what it is, who made it and when, and the button to keep
    it."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.value = QLabel()
        self.value.setObjectName(f"{name}Value")
        self.value.setWordWrap(True)
        self.value.setStyleSheet(VALUE_STYLE)
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.origin = QLabel()
        self.origin.setObjectName(f"{name}Origin")
        self.origin.setWordWrap(True)
        self.keep = QPushButton()
        self.keep.setObjectName(f"{name}Keep")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.keep)
        column = QVBoxLayout(self)
        column.addWidget(self.value)
        column.addWidget(self.origin)
        column.addStretch(1)
        column.addLayout(buttons)


class ConflictsDialog(QDialog):
    """``message(str)`` after a conflict was resolved (for the status bar)."""

    message = Signal(str)

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.setWindowTitle(self.tr("Conflicts"))
        self.setObjectName("conflictsDialog")
        self.resize(1000, 600)
        intro = QLabel(
            self.tr(
                "These edits were made on two laptops before they synced. The server kept the "
                "later one, so that every laptop shows the same; the other is kept here. "
                "Choose the value to keep: your choice goes to the team with the next sync."
            )
        )
        intro.setWordWrap(True)
        self.count_label = QLabel(self.tr("Reading the conflicts…"))
        self.count_label.setObjectName("conflictCount")
        self.model = ConflictTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("conflictTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_chosen())

        self.title = QLabel()
        self.title.setObjectName("conflictTitle")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: 600;")
        self.now_label = QLabel()
        self.now_label.setObjectName("conflictNow")
        self.kept = _Side("kept")
        self.other = _Side("other")
        self.kept.keep.clicked.connect(lambda: self.keep("winner"))
        self.other.keep.clicked.connect(lambda: self.keep("loser"))
        sides = QHBoxLayout()
        sides.addWidget(self.kept, 1)
        sides.addWidget(self.other, 1)
        self.detail = QWidget()
        detail = QVBoxLayout(self.detail)
        detail.setContentsMargins(0, 0, 0, 0)
        detail.addWidget(self.title)
        detail.addWidget(self.now_label)
        detail.addLayout(sides)

        self.status = QLabel()
        self.status.setObjectName("conflictStatus")
        self.status.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail, 1)
        layout.addLayout(bottom)
        ops.bus.changed.connect(self._on_changes)
        self._show_chosen()
        self.load()

    # --- reading -------------------------------------------------------------------------

    def load(self) -> None:
        self.ops.read(list_conflicts).success(self._show).run(self, key="list")

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches({SYNC_KIND}):
            self.load()

    def _show(self, conflicts: list[ConflictView]) -> None:
        chosen = self.chosen()
        row = self.table.currentIndex().row()
        self.model.set_conflicts(conflicts)
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 320))
        if not conflicts:
            self.count_label.setText(
                self.tr("No conflicts: every edit reached the team without a clash.")
            )
        elif len(conflicts) == 1:
            self.count_label.setText(self.tr("1 conflict to look at"))
        else:
            self.count_label.setText(self.tr("{0} conflicts to look at").format(len(conflicts)))
        if chosen is not None:  # stay on it, or near the one just resolved
            row = next((i for i, c in enumerate(conflicts) if c.id == chosen.id), row)
        if conflicts:
            self.table.selectRow(max(0, min(row, len(conflicts) - 1)))
        self._show_chosen()

    def chosen(self) -> ConflictView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.conflict(rows[0].row()) if rows else None

    def _show_chosen(self) -> None:
        c = self.chosen()
        self.detail.setVisible(c is not None)
        if c is None:
            return
        record = texts.record_label(c.table_name, c.record_id, c.record_label)
        writable = not self.ops.store.read_only
        kept_when = texts.moment(c.winner_at)
        other_when = texts.moment(c.loser_at)
        if c.kind == "delete":
            self.title.setText(
                self.tr("{0} — deleted on one laptop, edited on another").format(record)
            )
            self.now_label.setText(self.tr("The edit kept the record on every laptop."))
            self.kept.setTitle(
                self.tr("Edited on {0}, {1} — kept").format(c.winner_device, kept_when)
            )
            self.kept.value.setText(kept_text(c))
            self.kept.origin.setText(self.tr("Edit: {0}").format(c.winner_value))
            self.kept.keep.setText(self.tr("Keep the record"))
            self.other.setTitle(self.tr("Deleted on {0}, {1}").format(c.loser_device, other_when))
            self.other.value.setText(other_text(c))
            self.other.origin.setText(self.tr("Deleting it again removes it on every laptop."))
            self.other.keep.setText(self.tr("Delete it"))
        else:
            self.title.setText(f"{record} — {field_text(c)}")
            self.now_label.setText(
                self.tr("On this laptop now: {0}").format(
                    texts.value_label(c.table_name, c.field, c.current)
                )
            )
            self.kept.setTitle(self.tr("Kept by the server"))
            self.kept.value.setText(kept_text(c))
            self.kept.origin.setText(
                self.tr("Edited on {0}, {1}").format(c.winner_device, kept_when)
            )
            self.kept.keep.setText(self.tr("Keep this value"))
            self.other.setTitle(self.tr("Not kept"))
            self.other.value.setText(other_text(c))
            self.other.origin.setText(
                self.tr("Edited on {0}, {1}").format(c.loser_device, other_when)
            )
            self.other.keep.setText(self.tr("Keep this value"))
        for side in (self.kept, self.other):
            side.keep.setEnabled(writable)

    # --- resolving -----------------------------------------------------------------------

    def keep(self, side: str) -> None:
        """Resolve the chosen conflict keeping the ``winner``'s or the ``loser``'s value."""
        c = self.chosen()
        if c is None or self.ops.store.read_only:
            return
        for button in (self.kept.keep, self.other.keep):
            button.setEnabled(False)
        self.ops.write(resolve_conflict, c.id, side).success(
            lambda _op: self._resolved(c, side)
        ).failure(self._failed).run(self)

    def _resolved(self, c: ConflictView, side: str) -> None:
        kind = KIND_OF_TABLE.get(c.table_name, c.table_name)
        # The edit is written without the session seeing it: say what changed.
        self.ops.bus.changed.emit(
            Changes(
                kinds=frozenset({kind, SYNC_KIND}),
                any_account=True,
                added_or_removed=frozenset({kind}) if c.kind == "delete" else frozenset(),
            )
        )
        record = texts.record_label(c.table_name, c.record_id, c.record_label)
        if c.kind == "delete":
            text = (
                self.tr("Kept {0}; the team gets it with the next sync.")
                if side == "winner"
                else self.tr("Deleted {0}; the team gets it with the next sync.")
            ).format(record)
        else:
            value = kept_text(c) if side == "winner" else other_text(c)
            text = self.tr("{0}: kept {1}; the team gets it with the next sync.").format(
                record, value
            )
        self.status.setText(text)
        self.message.emit(text)

    def _failed(self, error: BaseException) -> None:
        self._show_chosen()
        self.ops.report_failure(error)
