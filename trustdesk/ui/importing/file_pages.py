"""The first two pages of the import wizard: choose the file (read on the worker, with
progress and Cancel), then look at its first rows, and read it again in another encoding when
the guess was wrong (the Chinese shows as nonsense)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from trustdesk.ui.i18n import settings
from trustdesk.ui.importing.base import ImportWizardPage, error_label, show_error
from trustdesk.ui.importing.state import PREVIEW_ROWS, encoding_name, encodings_offered

if TYPE_CHECKING:
    from trustdesk.services.importing.table import SourceFormat, SourceTable
    from trustdesk.services.progress import Progress
    from trustdesk.ui.importing.state import ImportState
    from trustdesk.ui.ops import Ops

FOLDER_KEY = "import/folder"


def read_import_file(
    path: Path,
    *,
    format: SourceFormat | None = None,
    encoding: str | None = None,
    progress: Progress | None = None,
) -> SourceTable:
    """The file read on the worker (the readers load openpyxl and vobject: not before the
    user imports)."""
    from trustdesk.services.importing.sources import read_source

    return read_source(path, format=format, encoding=encoding, progress=progress)


def start_reading(
    page: ImportWizardPage,
    path: Path,
    done: Callable[[SourceTable], None],
    failed: Callable[[BaseException], None],
    *,
    format: SourceFormat | None = None,
    encoding: str | None = None,
) -> None:
    title = QCoreApplication.translate("ImportFilePage", "Reading {0}…").format(path.name)
    page.set_busy(True)
    page.ops.task(read_import_file, path, format=format, encoding=encoding).with_progress(
        title
    ).success(done).failure(failed).run(page)


class ImportFilePage(ImportWizardPage):
    """Choose the file: Browse… reads it and goes on; a path typed is read on Next. A file
    that cannot be read says why here, and the wizard stays."""

    def __init__(self, ops: Ops, state: ImportState) -> None:
        super().__init__(ops, state)
        self.setTitle(self.tr("Choose the file"))
        self.setSubTitle(
            self.tr(
                "A CSV file (UTF-8, GB18030/GBK, Big5 or UTF-16), an Excel workbook (.xlsx) or "
                "a phone's address book saved as vCard (.vcf). Nothing is saved until the last "
                "step."
            )
        )
        self.path = QLineEdit()
        self.path.setObjectName("importPath")
        self.path.setPlaceholderText(self.tr("The file to import"))
        self.path.textChanged.connect(self._on_path_edited)
        self.path.returnPressed.connect(self._on_return)
        self.browse_button = QPushButton(self.tr("Browse…"))
        self.browse_button.setAutoDefault(False)
        self.browse_button.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse_button)
        self.error = error_label("fileError")
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.status)
        layout.addStretch(1)

    def cleanupPage(self) -> None:
        """Back from here keeps what was typed."""

    def isComplete(self) -> bool:
        return not self.busy and bool(self.path.text().strip())

    def browse(self) -> None:
        folder = str(settings().value(FOLDER_KEY, str(Path.home())))
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import contacts and customers"),
            folder,
            ";;".join(
                (
                    self.tr("Contacts (*.csv *.xlsx *.vcf)"),
                    self.tr("CSV (*.csv)"),
                    self.tr("Excel workbook (*.xlsx)"),
                    self.tr("vCard (*.vcf)"),
                    self.tr("All files (*)"),
                )
            ),
        )
        if chosen:
            self.path.setText(chosen)
            self.read(advance=True)

    def validatePage(self) -> bool:
        """Next: on when the file typed is the one read; else read it, then go on."""
        path = self._chosen()
        if path is not None and self.state.table is not None and self.state.path == path:
            return True
        self.read(advance=True)
        return False

    def _chosen(self) -> Path | None:
        text = self.path.text().strip()
        return Path(text).expanduser() if text else None

    def _on_path_edited(self) -> None:
        show_error(self.error, "")
        self.completeChanged.emit()

    def _on_return(self) -> None:
        if self.isComplete():
            self.read(advance=True)

    def read(self, *, advance: bool) -> None:
        path = self._chosen()
        if path is None or self.busy:
            return
        show_error(self.error, "")
        if not path.is_file():
            show_error(self.error, self.tr("There is no file {0}.").format(path))
            return
        self.status.clear()

        def done(table: SourceTable) -> None:
            self.set_busy(False)
            self.state.read(path, table)
            settings().setValue(FOLDER_KEY, str(path.parent))
            self.status.setText(self.tr("Read {0}.").format(path.name))
            wizard = self.wizard()
            if advance and wizard is not None and wizard.currentPage() is self:
                wizard.next()

        start_reading(self, path, done, self._failed)

    def _failed(self, error: BaseException) -> None:
        self.set_busy(False)
        text = self.failure_text(error, self.tr("Cancelled; the file was not read."))
        if text:
            show_error(self.error, text)


class ImportPreviewPage(ImportWizardPage):
    """The first rows as read, the format and encoding, a choice of encoding (the file is read
    again), the count of rows and of rows that could not be read."""

    def __init__(self, ops: Ops, state: ImportState) -> None:
        super().__init__(ops, state)
        self.setTitle(self.tr("Check the first rows"))
        self.setSubTitle(
            self.tr(
                "If names show as nonsense characters, choose another encoding: the file is "
                "read again."
            )
        )
        self.read_as = QLabel()
        self.read_as.setObjectName("readAs")
        self.read_as.setWordWrap(True)
        self.encoding_caption = QLabel(self.tr("Text encoding:"))
        self.encoding = QComboBox()
        self.encoding.setObjectName("encoding")
        self.encoding.activated.connect(self._on_encoding_chosen)
        row = QHBoxLayout()
        row.addWidget(self.read_as, 1)
        row.addWidget(self.encoding_caption)
        row.addWidget(self.encoding)
        self.error = error_label("previewError")
        self.table = QTableWidget()
        self.table.setObjectName("preview")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.counts = QLabel()
        self.counts.setObjectName("rowCounts")
        self.counts.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.counts)

    def initializePage(self) -> None:
        show_error(self.error, "")
        self._show_table()

    def cleanupPage(self) -> None:
        """Back keeps the file as read."""

    def isComplete(self) -> bool:
        table = self.state.table
        return not self.busy and table is not None and bool(table.rows)

    def _show_table(self) -> None:
        table = self.state.table
        if table is None:
            return
        self._show_read_as(table)
        self._show_encodings(table)
        self._fill_rows(table)
        self._show_counts(table)

    def _show_read_as(self, table: SourceTable) -> None:
        kind = {
            "csv": self.tr("CSV"),
            "xlsx": self.tr("Excel workbook"),
            "vcf": self.tr("vCard"),
        }.get(table.format.value, table.format.value)
        name = self.state.path.name if self.state.path is not None else ""
        if table.encoding:
            how = self.tr("detected") if table.encoding_guessed else self.tr("chosen")
            encoding = self.tr("{0}, {1}").format(encoding_name(table.encoding), how)
            self.read_as.setText(self.tr("{0} · {1} · {2}").format(name, kind, encoding))
        else:
            self.read_as.setText(self.tr("{0} · {1}").format(name, kind))

    def _show_encodings(self, table: SourceTable) -> None:
        text = bool(table.encoding)  # a workbook has no encoding to choose
        self.encoding_caption.setVisible(text)
        self.encoding.setVisible(text)
        self.encoding.clear()
        if not text:
            return
        for codec in encodings_offered(table):
            self.encoding.addItem(encoding_name(codec), codec)
        self.encoding.setCurrentIndex(0)

    def _fill_rows(self, table: SourceTable) -> None:
        rows = table.rows[:PREVIEW_ROWS]
        self.table.clear()
        self.table.setColumnCount(len(table.headers))
        self.table.setRowCount(len(rows))
        self.table.setHorizontalHeaderLabels(table.headers)
        self.table.setVerticalHeaderLabels([str(r.line) for r in rows])
        for r, row in enumerate(rows):
            for c, text in enumerate(row.cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in range(self.table.columnCount()):  # a long note does not take it all
            header.resizeSection(column, min(header.sectionSize(column), 260))

    def _show_counts(self, table: SourceTable) -> None:
        rows, unread = len(table.rows), len(table.unread)
        if not rows:
            self.counts.setText(self.tr("The file has no rows to import below its headers."))
            return
        parts = [self.tr("Rows to import: {0}").format(f"{rows:,}")]
        if unread:
            parts.append(
                self.tr("rows that could not be read: {0} (listed before the import)").format(
                    f"{unread:,}"
                )
            )
        if rows > PREVIEW_ROWS:
            parts.append(self.tr("the first {0} are shown").format(PREVIEW_ROWS))
        self.counts.setText(self.tr("; ").join(parts))

    def _on_encoding_chosen(self) -> None:
        table, path = self.state.table, self.state.path
        codec = self.encoding.currentData()
        show_error(self.error, "")
        if table is None or path is None or not codec or codec == table.encoding:
            return

        def done(read: SourceTable) -> None:
            self.set_busy(False)
            self.state.read(path, read)
            self._show_table()

        start_reading(self, path, done, self._failed, format=table.format, encoding=codec)

    def _failed(self, error: BaseException) -> None:
        """The file stays as it was read before; the choice goes back to its encoding."""
        self.set_busy(False)
        if self.state.table is not None:
            self._show_encodings(self.state.table)
        text = self.failure_text(error, self.tr("Cancelled; the file is shown as it was read."))
        if text:
            show_error(self.error, text)
