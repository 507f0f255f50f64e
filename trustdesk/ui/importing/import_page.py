"""The import itself: one write on the database worker, with progress and Cancel (a cancel or
a failure leaves the database as it was, and says so), then the counts. The customer list and
the workspace refresh from the change bus the write announces on."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWizard,
)

from trustdesk.services.importing.importer import ImportResult, run_import
from trustdesk.services.importing.planning import NoCustomer
from trustdesk.ui.i18n import current_language
from trustdesk.ui.importing.base import ImportWizardPage, error_label, show_error
from trustdesk.ui.importing.rejects import save_rejects_as, saved_text

if TYPE_CHECKING:
    from trustdesk.ui.importing.state import ImportState
    from trustdesk.ui.ops import Ops

COUNTS = ("new", "updated", "merged", "skipped", "rejected", "new_customers")


def counts_of(result: ImportResult) -> dict[str, int]:
    return {
        "new": result.new,
        "updated": result.updated,
        "merged": result.merged,
        "skipped": result.skipped,
        "rejected": len(result.rejected),
        "new_customers": result.new_customers,
    }


class ImportRunPage(ImportWizardPage):
    def __init__(self, ops: Ops, state: ImportState) -> None:
        super().__init__(ops, state)
        self.setTitle(self.tr("Import"))
        self.setSubTitle(
            self.tr(
                "Everything is written in one go: a cancel or a problem leaves TrustDesk as it was."
            )
        )
        self.message = QLabel()
        self.message.setObjectName("importMessage")
        self.message.setWordWrap(True)
        self.error = error_label("importError")
        self.again_button = QPushButton(self.tr("Try again"))
        self.again_button.setAutoDefault(False)
        self.again_button.clicked.connect(self._run)
        self.again_button.hide()
        captions = (
            self.tr("Added as new:"),
            self.tr("Updated from the file:"),
            self.tr("Merged (blanks filled):"),
            self.tr("Skipped:"),
            self.tr("Not imported:"),
            self.tr("New customers:"),
        )
        self.counts: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, caption in zip(COUNTS, captions, strict=True):
            value = QLabel()
            value.setObjectName(f"count_{key}")
            self.counts[key] = value
            form.addRow(caption, value)
        self.counts_box = form
        self.save_button = QPushButton(self.tr("Save the rows not imported as CSV…"))
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save_rejects)
        self.save_button.hide()
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_button)
        save_row.addStretch(1)
        self.saved = QLabel()
        self.saved.setObjectName("rejectsSaved")
        self.saved.setWordWrap(True)
        self.saved.hide()
        self.save_error = error_label("saveError")
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.error)
        layout.addWidget(self.again_button)
        layout.addLayout(form)
        layout.addLayout(save_row)
        layout.addWidget(self.saved)
        layout.addWidget(self.save_error)
        layout.addStretch(1)

    def initializePage(self) -> None:
        if self.state.result is None:
            self._run()

    def isComplete(self) -> bool:
        return not self.busy and self.state.result is not None

    def _show_counts(self, result: ImportResult | None) -> None:
        values = counts_of(result) if result is not None else {}
        for key, label in self.counts.items():
            label.setText(f"{values[key]:,}" if key in values else "")
            self.counts_box.setRowVisible(label, result is not None)

    def _run(self) -> None:
        table = self.state.table
        if table is None or self.busy:
            return
        show_error(self.error, "")
        self.again_button.hide()
        self._show_counts(None)
        self.message.setText(self.tr("Importing…"))
        self.set_busy(True)
        self.ops.write(
            run_import, table, list(self.state.mapping), decisions=dict(self.state.decisions),
            no_customer=self.state.no_customer or NoCustomer.INDIVIDUAL, lang=current_language(),
        ).with_progress(self.tr("Importing…")).success(self._done).failure(self._failed).run(
            self
        )  # fmt: skip

    def _done(self, result: ImportResult) -> None:
        self.state.result = result
        # Written: no going back to change it. (After a cancel, Back stays, to change the
        # choices.) The page before becomes a commit page, so the wizard turns Back off.
        wizard = self.wizard()
        visited = wizard.visitedIds() if wizard is not None else []
        if wizard is not None and len(visited) > 1:
            wizard.page(visited[-2]).setCommitPage(True)
            wizard.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.message.setText(
            self.tr("Imported. The customer list shows the new people and customers.")
        )
        self._show_counts(result)
        self.save_button.setVisible(bool(result.rejected))
        self.set_busy(False)

    def _failed(self, error: BaseException) -> None:
        self.set_busy(False)
        self.message.clear()
        text = self.failure_text(error, self.tr("Cancelled; nothing was imported."))
        if text is None:
            text = self.tr("Nothing was imported.")
        show_error(self.error, text)
        self.again_button.show()

    def save_rejects(self) -> None:
        result, table = self.state.result, self.state.table
        if result is None or table is None:
            return
        show_error(self.save_error, "")
        save_rejects_as(
            self, self.ops, self.state.path, result.rejected, table.headers, self._saved,
            lambda sentence: show_error(self.save_error, sentence),
        )  # fmt: skip

    def _saved(self, path: Path) -> None:
        self.saved.setText(saved_text(path))
        self.saved.show()
