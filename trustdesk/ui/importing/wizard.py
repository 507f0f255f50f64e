"""*File → Import contacts and customers…* (Ctrl+I), OFF-2: file → preview of the first rows
→ column mapping → duplicates → import.

Reading the file, looking for duplicates and the import itself run on the window's database
worker (``ui.ops``) with its progress dialog and Cancel; the wizard cannot be closed or moved
while one runs. Nothing is written before the last page, and the last page writes in one
transaction: all the rows, or (cancelled, refused) none.
"""

from __future__ import annotations

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QWidget, QWizard

from trustdesk.services.importing.importer import ImportResult
from trustdesk.ui.importing.base import ImportWizardPage
from trustdesk.ui.importing.duplicates_page import ImportDuplicatesPage
from trustdesk.ui.importing.file_pages import ImportFilePage, ImportPreviewPage
from trustdesk.ui.importing.import_page import ImportRunPage
from trustdesk.ui.importing.mapping_page import ImportMappingPage
from trustdesk.ui.importing.state import ImportState
from trustdesk.ui.ops import Ops

FILE, PREVIEW, MAPPING, DUPLICATES, IMPORT = range(5)


class ImportWizard(QWizard):
    """``imported`` is what was imported once the last page is reached."""

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.state = ImportState()
        self.setObjectName("importWizard")
        self.setWindowTitle(self.tr("Import contacts and customers"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.file_page = ImportFilePage(ops, self.state)
        self.preview_page = ImportPreviewPage(ops, self.state)
        self.mapping_page = ImportMappingPage(ops, self.state)
        self.duplicates_page = ImportDuplicatesPage(ops, self.state)
        self.import_page = ImportRunPage(ops, self.state)
        for page_id, page in (
            (FILE, self.file_page),
            (PREVIEW, self.preview_page),
            (MAPPING, self.mapping_page),
            (DUPLICATES, self.duplicates_page),
            (IMPORT, self.import_page),
        ):
            self.setPage(page_id, page)
        self.setStartId(FILE)
        self.currentIdChanged.connect(self._on_page_shown)
        self.resize(980, 660)

    @property
    def busy(self) -> bool:
        page = self.currentPage()
        return isinstance(page, ImportWizardPage) and page.busy

    def _on_page_shown(self, _page_id: int) -> None:
        """A page that started its work when shown (the duplicates looked for, the import)
        keeps Back and Cancel off: the wizard set its buttons after ``initializePage``."""
        page = self.currentPage()
        if isinstance(page, ImportWizardPage):
            page.hold_buttons()

    def reject(self) -> None:
        """Cancel, Esc, the window's close box: not while a page's work runs (its progress
        dialog has the Cancel for that)."""
        if not self.busy:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy:
            event.ignore()
            return
        super().closeEvent(event)

    @property
    def imported(self) -> ImportResult | None:
        return self.state.result


def open_import_wizard(ops: Ops, parent: QWidget | None) -> ImportResult | None:
    """Show the wizard; what was imported, or None when nothing was."""
    wizard = ImportWizard(ops, parent)
    wizard.exec()
    result = wizard.imported
    wizard.deleteLater()
    return result
