"""Customer → Find duplicates… (and a customer's people from its Contacts tab).

The pairs found, strongest sign first; choosing one shows the two records side by side with
a choice per differing field; *Merge* merges the second into the first (or the other way
round after *Keep the other one*), *Not the same* never proposes the pair again, and *Undo
last merge* (or Undo in the history) takes a merge back. Everything runs through ``ops``
(finding with progress and Cancel); the list reloads from the change bus after each write,
and so do the customer list and the open customer.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from trustdesk.domain.enums import DuplicateKind
from trustdesk.services import duplicates, merging
from trustdesk.services.changes import Changes
from trustdesk.services.duplicates import DuplicatePair
from trustdesk.services.merging import MergeData, MergePreview, MergeResult
from trustdesk.ui.duplicates.compare import CompareView
from trustdesk.ui.duplicates.model import MergeTableModel, PairTableModel
from trustdesk.ui.ops import Ops

# A change of these reloads the pairs and the history.
KINDS = frozenset({"contact", "account", "merge", "duplicate"})
WHY_WIDTH = 230


def _table(model: PairTableModel | MergeTableModel, name: str) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class DuplicatesDialog(QDialog):
    """``merged(MergeData)`` after a merge, ``undone(MergeData)`` after an undo (the main
    window opens the kept customer when the one it showed was merged away)."""

    merged = Signal(object)
    undone = Signal(object)

    def __init__(
        self,
        ops: Ops,
        parent: QWidget | None = None,
        *,
        kind: DuplicateKind = DuplicateKind.CONTACT,
        account_id: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self.account_id = account_id
        self.kind = DuplicateKind.CONTACT if account_id else kind
        self.keep_first = True  # which record of the chosen pair is kept
        self.setWindowTitle(
            self.tr("Duplicates among this customer's people")
            if account_id
            else self.tr("Find duplicates")
        )
        self.resize(1100, 640)
        self.model = PairTableModel(self)
        self.table = _table(self.model, "duplicatePairs")
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._on_pair_chosen())
        self.compare = CompareView()
        self.compare.swapRequested.connect(self._swap)
        self.kind_choice = QComboBox()
        self.kind_choice.setObjectName("duplicateKind")
        self.kind_choice.addItem(self.tr("People"), DuplicateKind.CONTACT)
        self.kind_choice.addItem(self.tr("Customers"), DuplicateKind.ACCOUNT)
        self.kind_choice.setCurrentIndex(0 if self.kind is DuplicateKind.CONTACT else 1)
        self.kind_choice.currentIndexChanged.connect(self._on_kind)
        self.kind_choice.setVisible(account_id is None)
        self.find_button = QPushButton(self.tr("Look again"))
        self.find_button.clicked.connect(self.look)
        self.count_label = QLabel()
        self.count_label.setObjectName("duplicateCount")
        self.status = QLabel()
        self.status.setObjectName("duplicateStatus")
        self.status.setWordWrap(True)
        self.merge_button = QPushButton(self.tr("Merge"))
        self.merge_button.setObjectName("mergeDuplicates")
        self.merge_button.clicked.connect(self.merge_selected)
        self.not_same_button = QPushButton(self.tr("Not the same"))
        self.not_same_button.setObjectName("notSame")
        self.not_same_button.clicked.connect(self.not_same_selected)
        self.undo_last_button = QPushButton(self.tr("Undo last merge"))
        self.undo_last_button.setObjectName("undoLastMerge")
        self.undo_last_button.clicked.connect(self.undo_last)

        self.history = MergeTableModel(self)
        self.history_table = _table(self.history, "mergeHistory")
        self.history_table.selectionModel().selectionChanged.connect(lambda *_: self._update())
        self.undo_button = QPushButton(self.tr("Undo this merge"))
        self.undo_button.setObjectName("undoMerge")
        self.undo_button.clicked.connect(self.undo_selected)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._pairs_page(), self.tr("Possible duplicates"))
        self.tabs.addTab(self._history_page(), self.tr("Merge history"))
        top = QHBoxLayout()
        top.addWidget(self.kind_choice)
        top.addWidget(self.count_label, 1)
        top.addWidget(self.find_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.undo_last_button)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        ops.bus.changed.connect(self._on_changes)
        self._update()
        self.look()
        self.load_history()

    def _pairs_page(self) -> QWidget:
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(self.compare)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([520, 620])
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.not_same_button)
        buttons.addWidget(self.merge_button)
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(split, 1)
        column.addLayout(buttons)
        return page

    def _history_page(self) -> QWidget:
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.undo_button)
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(self.history_table, 1)
        column.addLayout(buttons)
        return page

    # --- reading -------------------------------------------------------------------------

    def look(self) -> None:
        self.count_label.setText(self.tr("Looking for duplicates…"))
        self.ops.read(
            duplicates.find_duplicates, kind=self.kind, account_id=self.account_id
        ).with_progress(self.tr("Looking for duplicates…")).success(self._show_pairs).run(
            self, key="find"
        )

    def load_history(self) -> None:
        self.ops.read(merging.list_merges, account_id=self.account_id).success(
            self._show_history
        ).run(self, key="history")

    def _show_pairs(self, pairs: list[DuplicatePair]) -> None:
        chosen = self.selected_pair()
        self.model.set_pairs(self.kind, pairs)
        self.table.resizeColumnsToContents()
        if self.table.columnWidth(0) > WHY_WIDTH:  # the rest in its tooltip
            self.table.setColumnWidth(0, WHY_WIDTH)
        if not pairs:
            self.count_label.setText(self.tr("No duplicates found."))
        elif len(pairs) == 1:
            self.count_label.setText(self.tr("1 possible duplicate"))
        else:
            self.count_label.setText(self.tr("{0} possible duplicates").format(len(pairs)))
        row = 0
        if chosen is not None:  # stay near the pair the user was at
            ids = {chosen.first.id, chosen.second.id}
            row = next((i for i, p in enumerate(pairs) if {p.first.id, p.second.id} == ids), 0)
        if pairs:
            self.table.selectRow(row)
        else:
            self.compare.clear()
        self._update()

    def _show_history(self, merges: list[MergeData]) -> None:
        self.history.set_merges(merges)
        self.history_table.resizeColumnsToContents()
        self._update()

    def selected_pair(self) -> DuplicatePair | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.pairs[rows[0].row()] if rows else None

    def _ids(self) -> tuple[str, str] | None:
        pair = self.selected_pair()
        if pair is None:
            return None
        a, b = pair.first.id, pair.second.id
        return (a, b) if self.keep_first else (b, a)

    def _on_pair_chosen(self) -> None:
        self.keep_first = True
        self._load_preview()

    def _swap(self) -> None:
        self.keep_first = not self.keep_first
        self._load_preview()

    def _load_preview(self) -> None:
        ids = self._ids()
        self.compare.clear()
        self._update()
        if ids is None:
            return
        self.ops.read(merging.merge_preview, *ids).success(self._show_preview).run(
            self, key="preview"
        )

    def _show_preview(self, preview: MergePreview) -> None:
        if self._ids() == (preview.keep.id, preview.drop.id):
            self.compare.show_preview(preview)
        self._update()

    # --- writing -------------------------------------------------------------------------

    def merge_selected(self) -> None:
        preview = self.compare.preview
        if preview is None or preview.problem_en:
            return
        choices = self.compare.choices()
        self.ops.write(merging.merge, preview.keep.id, preview.drop.id, choices).success(
            self._on_merged
        ).run(self)

    def _on_merged(self, result: MergeResult) -> None:
        m = result.merge
        self.status.setText(
            self.tr("Merged {0} into {1}. Undo last merge takes it back.").format(
                m.merged_name, m.kept_name
            )
        )
        self.merged.emit(m)

    def not_same_selected(self) -> None:
        pair = self.selected_pair()
        if pair is None:
            return
        self.ops.write(duplicates.mark_not_duplicates, pair.first.id, pair.second.id).success(
            lambda _kind: self.status.setText(
                self.tr("{0} and {1} will not be proposed again.").format(
                    pair.first.name, pair.second.name
                )
            )
        ).run(self)

    def last_merge(self) -> MergeData | None:
        return next((m for m in self.history.merges if m.undone_at is None), None)

    def undo_last(self) -> None:
        last = self.last_merge()
        if last is not None:
            self._undo(last)

    def undo_selected(self) -> None:
        rows = self.history_table.selectionModel().selectedRows()
        if rows:
            self._undo(self.history.merges[rows[0].row()])

    def _undo(self, merge: MergeData) -> None:
        self.ops.write(merging.undo_merge, merge.id).success(self._on_undone).run(self)

    def _on_undone(self, result: MergeResult) -> None:
        m = result.merge
        self.status.setText(
            self.tr("Undid the merge of {0} into {1}: both are back.").format(
                m.merged_name, m.kept_name
            )
        )
        self.undone.emit(m)

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches(KINDS):
            self.look()
            self.load_history()

    def _on_kind(self) -> None:
        kind = self.kind_choice.currentData()
        if isinstance(kind, DuplicateKind) and kind is not self.kind:
            self.kind = kind
            self.model.set_pairs(kind, [])
            self.compare.clear()
            self.look()

    def _update(self) -> None:
        writable = not self.ops.store.read_only
        preview = self.compare.preview
        can_merge = preview is not None and not preview.problem_en and self._ids() is not None
        self.merge_button.setEnabled(writable and can_merge)
        self.not_same_button.setEnabled(writable and self.selected_pair() is not None)
        self.undo_last_button.setEnabled(writable and self.last_merge() is not None)
        rows = self.history_table.selectionModel().selectedRows()
        chosen = self.history.merges[rows[0].row()] if rows else None
        self.undo_button.setEnabled(writable and chosen is not None and chosen.undone_at is None)
