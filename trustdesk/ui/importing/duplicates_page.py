"""The plan before the import: every row that seems to be someone already here, side by side
with the record, and what to do with it (Skip unless the user chooses); the rows that cannot
be imported, to look at and save. Nothing is written on this page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWizard,
)

from trustdesk.services.importing.planning import Decision, NoCustomer
from trustdesk.services.importing.review import ImportReview, review_import
from trustdesk.ui.i18n import current_language, label
from trustdesk.ui.importing.base import ImportWizardPage, error_label, show_error
from trustdesk.ui.importing.duplicates import (
    DECISION,
    HERE,
    IN_FILE,
    LINE,
    WHY,
    DecisionDelegate,
    DuplicatesModel,
)
from trustdesk.ui.importing.rejects import RejectsDialog

if TYPE_CHECKING:
    from trustdesk.ui.importing.state import ImportState
    from trustdesk.ui.ops import Ops


class ImportDuplicatesPage(ImportWizardPage):
    def __init__(self, ops: Ops, state: ImportState) -> None:
        super().__init__(ops, state)
        self.setTitle(self.tr("Duplicates"))
        self.setSubTitle(
            self.tr(
                "Rows that seem to be someone already in TrustDesk are skipped unless you "
                "choose otherwise. Nothing is merged on its own."
            )
        )
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Import"))
        self.summary = QLabel()
        self.summary.setObjectName("planSummary")
        self.summary.setWordWrap(True)
        self.error = error_label("planError")
        self.again_button = QPushButton(self.tr("Look again"))
        self.again_button.setAutoDefault(False)
        self.again_button.clicked.connect(self._plan)
        self.again_button.hide()

        self.model = DuplicatesModel(self)
        self.table = self._table()
        self.all_choice = QComboBox()
        self.all_choice.setObjectName("allChoice")
        for decision in Decision:
            self.all_choice.addItem(label(decision), decision.code)
        self.apply_all = QPushButton(self.tr("Apply to all"))
        self.apply_all.setAutoDefault(False)
        self.apply_all.clicked.connect(self._apply_to_all)
        self.all_row = QHBoxLayout()
        self.all_row.addWidget(QLabel(self.tr("For every duplicate:")))
        self.all_row.addWidget(self.all_choice)
        self.all_row.addWidget(self.apply_all)
        self.all_row.addStretch(1)

        self.rejected = QLabel()
        self.rejected.setObjectName("rejectedCount")
        self.rejected.setWordWrap(True)
        self.show_rejects = QPushButton(self.tr("Show or save them…"))
        self.show_rejects.setAutoDefault(False)
        self.show_rejects.clicked.connect(self.open_rejects)
        rejects_row = QHBoxLayout()
        rejects_row.addWidget(self.rejected, 1)
        rejects_row.addWidget(self.show_rejects)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addWidget(self.again_button)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.all_row)
        layout.addLayout(rejects_row)
        self._show(None)

    def _table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("duplicates")
        table.setModel(self.model)
        table.setItemDelegateForColumn(DECISION, DecisionDelegate(table))
        table.verticalHeader().hide()
        table.setWordWrap(True)  # a long reason takes the cell's second line
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        table.clicked.connect(self._on_clicked)
        lines = QFontMetrics(table.font()).lineSpacing()
        rows = table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(2 * lines + 12)  # who, then phone and email
        header = table.horizontalHeader()
        for column, mode in (
            (LINE, QHeaderView.ResizeMode.ResizeToContents),
            (IN_FILE, QHeaderView.ResizeMode.Stretch),
            (HERE, QHeaderView.ResizeMode.Stretch),
            (WHY, QHeaderView.ResizeMode.Interactive),
            (DECISION, QHeaderView.ResizeMode.Interactive),
        ):
            header.setSectionResizeMode(column, mode)
        header.resizeSection(WHY, 220)
        header.resizeSection(DECISION, 190)
        return table

    def _on_clicked(self, index: QModelIndex) -> None:
        if index.column() == DECISION:
            self.table.edit(index)

    def initializePage(self) -> None:
        if self.state.review is None:
            self._plan()
        else:
            self._show(self.state.review)

    def cleanupPage(self) -> None:
        """Back: the choices are kept (by line) for when the plan is made again."""
        self.state.decisions.update(self.model.decisions())

    def isComplete(self) -> bool:
        return not self.busy and self.state.review is not None

    def validatePage(self) -> bool:
        self.state.decisions = self.model.decisions()
        return True

    def _plan(self) -> None:
        table = self.state.table
        if table is None:
            return
        show_error(self.error, "")
        self.again_button.hide()
        self.set_busy(True)
        self.ops.read(
            review_import, table, list(self.state.mapping),
            no_customer=self.state.no_customer or NoCustomer.INDIVIDUAL,
            lang=current_language(),
        ).with_progress(self.tr("Looking for duplicates…")).success(self._planned).failure(
            self._failed
        ).run(self)  # fmt: skip

    def _planned(self, review: ImportReview) -> None:
        self.state.review = review
        self._show(review)
        self.set_busy(False)

    def _failed(self, error: BaseException) -> None:
        self.set_busy(False)
        text = self.failure_text(error, self.tr("Cancelled; nothing was looked at."))
        if text:
            show_error(self.error, text)
            self.again_button.show()

    def _show(self, review: ImportReview | None) -> None:
        if review is not None:
            self.model.set_review(review, self.state.decisions)
        plan = review.plan if review is not None else None
        duplicates = len(plan.duplicates) if plan is not None else 0
        has_rows = duplicates > 0
        self.table.setVisible(has_rows)
        for position in range(self.all_row.count()):
            item = self.all_row.itemAt(position)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setVisible(has_rows)
        if plan is None:
            self.summary.clear()
            self.rejected.hide()
            self.show_rejects.hide()
            return
        fresh = len(plan.rows) - duplicates
        if duplicates:
            text = self.tr(
                "New: {0}. Seem to be someone already here, or repeat an earlier row of the "
                "file: {1}. Choose what to do with each."
            ).format(f"{fresh:,}", f"{duplicates:,}")
        else:
            text = self.tr(
                "New: {0}. No duplicates: no row matches someone already in TrustDesk."
            ).format(f"{fresh:,}")
        self.summary.setText(text)
        rejected = len(plan.rejected)
        self.rejected.setText(
            self.tr("Cannot be imported: {0} (each with the reason).").format(f"{rejected:,}")
        )
        self.rejected.setVisible(bool(rejected))
        self.show_rejects.setVisible(bool(rejected))

    def _apply_to_all(self) -> None:
        decision = Decision.parse(str(self.all_choice.currentData()))
        self.model.apply_to_all(decision)

    def open_rejects(self) -> None:
        review, table = self.state.review, self.state.table
        if review is None or table is None:
            return
        RejectsDialog(self.ops, self.state.path, review.plan.rejected, table.headers, self).exec()
