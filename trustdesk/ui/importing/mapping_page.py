"""Which field each column goes to: proposed from the mapping remembered for the same headers,
else guessed from their words; checked as the user changes it (Next is off while the importer
could not use it, and the reason shows under the table)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from trustdesk.services.importing.mapping import ImportField, MappingError, check_mapping
from trustdesk.services.importing.planning import NoCustomer
from trustdesk.services.importing.review import proposed_mapping
from trustdesk.ui.forms import set_combo_data
from trustdesk.ui.i18n import error_text, label
from trustdesk.ui.importing.base import ImportWizardPage, error_label, show_error

if TYPE_CHECKING:
    from trustdesk.ui.importing.state import ImportState
    from trustdesk.ui.ops import Ops

HEADER, SAMPLE, FIELD = range(3)


class ImportMappingPage(ImportWizardPage):
    def __init__(self, ops: Ops, state: ImportState) -> None:
        super().__init__(ops, state)
        self.setTitle(self.tr("Match the columns"))
        self.setSubTitle(
            self.tr(
                "Choose where each column of the file goes. The choice is remembered for "
                "files with the same columns."
            )
        )
        self.source = QLabel()
        self.source.setObjectName("mappingSource")
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("mapping")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Column in the file"), self.tr("Example"), self.tr("Import as")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(HEADER, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SAMPLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(FIELD, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(FIELD, self._field_combo().sizeHint().width() + 12)
        self.combos: list[QComboBox] = []
        self.error = error_label("mappingError")

        self.no_customer = QButtonGroup(self)
        people = QHBoxLayout()
        people.addWidget(QLabel(self.tr("People without a company:")))
        for position, choice in enumerate(NoCustomer):
            button = QRadioButton(label(choice))
            button.setObjectName(f"noCustomer_{choice.code}")
            self.no_customer.addButton(button, position)
            people.addWidget(button)
        people.addStretch(1)
        self.no_customer.button(0).setChecked(True)
        state.no_customer = NoCustomer.INDIVIDUAL
        self.no_customer.idClicked.connect(self._on_no_customer)

        layout = QVBoxLayout(self)
        layout.addWidget(self.source)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(people)

    def initializePage(self) -> None:
        table = self.state.table
        if table is None:
            return
        if self.state.mapping and self.state.mapped_headers == table.headers:
            self._fill(list(self.state.mapping))
            return
        self.set_busy(True)
        headers = list(table.headers)
        self.ops.read(proposed_mapping, headers).success(
            lambda found: self._proposed(headers, *found)
        ).failure(self._failed).run(self, key="mapping")

    def cleanupPage(self) -> None:
        """Back keeps the choices (for the same headers)."""

    def isComplete(self) -> bool:
        return not self.busy and bool(self.combos) and not self.error.text()

    def _proposed(self, headers: list[str], mapping: list[ImportField], remembered: bool) -> None:
        self.set_busy(False)
        self.state.mapped_headers = headers
        self.source.setText(
            self.tr("As you matched them last time for a file with these columns.")
            if remembered
            else self.tr("Guessed from the column names; check them.")
        )
        self._fill(mapping)

    def _fill(self, mapping: list[ImportField]) -> None:
        table = self.state.table
        assert table is not None
        self.table.setRowCount(len(table.headers))
        self.combos = []
        for row, header in enumerate(table.headers):
            sample = self.state.sample(row)
            for column, text in ((HEADER, header), (SAMPLE, sample)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
            combo = self._field_combo()
            combo.setObjectName(f"field_{row}")
            set_combo_data(combo, mapping[row].code if row < len(mapping) else "ignore")
            combo.currentIndexChanged.connect(self._on_changed)
            self.table.setCellWidget(row, FIELD, combo)
            self.combos.append(combo)
        self._on_changed()

    @staticmethod
    def _field_combo() -> QComboBox:
        combo = QComboBox()
        for field in ImportField:
            combo.addItem(label(field), field.code)
        return combo

    def mapping(self) -> list[ImportField]:
        return [ImportField.parse(str(combo.currentData())) for combo in self.combos]

    def _on_changed(self) -> None:
        table = self.state.table
        assert table is not None
        mapping = self.mapping()
        self.state.mapping = mapping
        self.state.mapped_headers = list(table.headers)
        self.state.review = None  # the duplicates are looked for again
        try:
            check_mapping(table.headers, mapping)
        except MappingError as refusal:
            show_error(self.error, error_text(refusal))
        else:
            show_error(self.error, "")
        self.completeChanged.emit()

    def _on_no_customer(self, position: int) -> None:
        self.state.no_customer = list(NoCustomer)[position]
        self.state.review = None

    def _failed(self, error: BaseException) -> None:
        self.set_busy(False)
        text = self.failure_text(error, "")
        if text:
            show_error(self.error, text)
