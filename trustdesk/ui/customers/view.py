"""The customer list view: search box, stage and tag filters, and the paged table; with a
saved view active (TIER-2), a line naming it and the way back to all customers."""

from __future__ import annotations

from dataclasses import replace
from html import escape

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from trustdesk.domain.enums import Stage
from trustdesk.services import accounts, saved_views
from trustdesk.services.accounts import AccountFilter
from trustdesk.services.changes import Changes
from trustdesk.services.saved_views import SavedViewData
from trustdesk.ui.customers.model import (
    COLUMN_OF,
    COLUMNS,
    RISK,
    UNSORTABLE,
    AccountTableModel,
    tier_words,
)
from trustdesk.ui.customers.risk_chips import RiskChipsDelegate
from trustdesk.ui.i18n import current_language, label
from trustdesk.ui.ops import Ops

SEARCH_DELAY_MS = 200
COMPACT_MIN_CHARS = 28  # the list's least width beside an open customer
COMPACT = {"name", "stage"}  # the columns shown beside an open customer


class CustomerListView(QWidget):
    """Emits ``openRequested(account_id)`` on double-click or Enter."""

    openRequested = Signal(str)
    allRequested = Signal()  # "Show all customers" on a saved view's line

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self._wanted: str | None = None  # the account to select once the list shows it
        self.view: SavedViewData | None = None  # the saved view the list shows, if any
        self.model = AccountTableModel(ops, self)
        self.model.reloaded.connect(self._on_reloaded)
        ops.bus.changed.connect(self._on_changes)

        self.search = QLineEdit()
        self.search.setObjectName("customerSearch")
        # A clear action of our own, shown only with text: Qt's own clear button fades in on
        # the first keystroke, and while it animates (~200 ms) the new rows waited to paint.
        self.clear_search = self.search.addAction(
            self.style().standardIcon(QStyle.StandardPixmap.SP_LineEditClearButton),
            QLineEdit.ActionPosition.TrailingPosition,
        )
        self.clear_search.setToolTip(self.tr("Clear the search"))
        self.clear_search.setVisible(False)
        self.clear_search.triggered.connect(self.search.clear)
        self.search.textChanged.connect(lambda text: self.clear_search.setVisible(bool(text)))
        self.search.setPlaceholderText(self.tr("Search name, pinyin or initials (Ctrl+F)"))
        self.stage_filter = QComboBox()
        self.stage_filter.addItem(self.tr("All stages"), None)
        for stage in Stage:
            self.stage_filter.addItem(label(stage), stage.code)
        self.tag_filter = QComboBox()
        self.tag_filter.addItem(self.tr("All tags"), None)  # the tags come from the worker
        self.reload_tags()

        self.table = QTableView()
        self.table.setObjectName("customerTable")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(RISK, RiskChipsDelegate(self.table))
        self.table.setIconSize(QSize(32, 18))  # the referral mark before a name, unscaled
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        # The name stays readable when the list is narrowed beside an open account: it keeps
        # its width (the list scrolls sideways) and the last column takes any spare room.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(60)
        metrics = self.fontMetrics()
        char = metrics.averageCharWidth()
        stage_width = max(metrics.horizontalAdvance(label(s)) for s in Stage) + 3 * char
        tier_width = max(
            metrics.horizontalAdvance(text)
            for text in (*tier_words().values(), self.model.headerData(COLUMN_OF["tier"],
                         Qt.Orientation.Horizontal))
        ) + 4 * char  # fmt: skip
        for key, width in (("name", 28 * char), ("stage", stage_width), ("tier", tier_width),
                           ("region", 10 * char), ("industry", 12 * char), ("owner", 10 * char),
                           ("risk", 18 * char), ("updated", 11 * char)):  # fmt: skip
            header.resizeSection(COLUMN_OF[key], width)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self._sorted_by = (0, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self._on_sort_indicator)
        self.table.setSortingEnabled(True)
        self.table.doubleClicked.connect(self._on_activated)
        self.table.installEventFilter(self)

        self.view_line = QFrame()
        self.view_line.setObjectName("savedViewLine")
        self.view_line.setStyleSheet(
            "#savedViewLine { background: #e8f0fa; border: 1px solid #b9cde6; border-radius: 4px; }"
        )
        self.view_label = QLabel()
        self.view_label.setObjectName("savedViewLabel")
        self.view_label.setWordWrap(True)
        self.show_all = QPushButton(self.tr("Show all customers"))
        self.show_all.setObjectName("showAllCustomers")
        self.show_all.clicked.connect(self.allRequested)
        line = QHBoxLayout(self.view_line)
        line.setContentsMargins(8, 4, 4, 4)
        line.addWidget(self.view_label, 1)
        line.addWidget(self.show_all)
        self.view_line.hide()

        self._filters = QGridLayout()
        self._compact = True
        self.set_compact(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view_line)
        layout.addLayout(self._filters)
        layout.addWidget(self.table)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self.apply_filters)
        self.stage_filter.currentIndexChanged.connect(self.apply_filters)
        self.tag_filter.currentIndexChanged.connect(self.apply_filters)

    def set_compact(self, compact: bool) -> None:
        """Beside an open customer the list keeps what stays readable in a narrow pane: the
        name and the stage, and the search box on a row of its own (its hint readable)."""
        if compact == self._compact:
            return
        self._compact = compact
        for column in range(len(COLUMNS)):
            self.table.setColumnHidden(column, compact and COLUMNS[column].key not in COMPACT)
        for widget in (self.search, self.stage_filter, self.tag_filter):
            self._filters.removeWidget(widget)
        if compact:
            self._filters.addWidget(self.search, 0, 0, 1, 2)
            self._filters.addWidget(self.stage_filter, 1, 0)
            self._filters.addWidget(self.tag_filter, 1, 1)
        else:
            self._filters.addWidget(self.search, 0, 0)
            self._filters.addWidget(self.stage_filter, 0, 1)
            self._filters.addWidget(self.tag_filter, 0, 2)
        for column, stretch in enumerate((1, 1, 0) if compact else (3, 1, 1)):
            self._filters.setColumnStretch(column, stretch)
        # Narrow, but never so narrow that a name or what is typed cannot be read; the map
        # beside it needs the room more (its names must stay legible at the default size).
        self.setMinimumWidth(
            COMPACT_MIN_CHARS * self.fontMetrics().averageCharWidth() if compact else 0
        )

    @property
    def compact(self) -> bool:
        return self._compact

    def _on_sort_indicator(self, column: int, order: Qt.SortOrder) -> None:
        """Columns computed outside SQL (risk) cannot sort: keep the previous indicator."""
        header = self.table.horizontalHeader()
        if COLUMNS[column].key in UNSORTABLE:
            header.blockSignals(True)
            header.setSortIndicator(*self._sorted_by)
            header.blockSignals(False)
        else:
            self._sorted_by = (column, order)

    def reload_tags(self) -> None:
        self.ops.read(accounts.list_tags).success(self._show_tags).run(self, key="tags")

    def _show_tags(self, tags: list[str]) -> None:
        current = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem(self.tr("All tags"), None)
        for tag in tags:
            self.tag_filter.addItem(tag, tag)
        self.tag_filter.setCurrentIndex(max(self.tag_filter.findData(current), 0))
        self.tag_filter.blockSignals(False)

    def apply_filters(self) -> None:
        """The list's filters: the search box and the stage and tag choices, within the
        saved view when one is shown (its own search, stage or tag unless one is picked)."""
        self._search_timer.stop()
        stage = self.stage_filter.currentData()
        chosen = AccountFilter(
            stage=Stage.parse(stage) if stage else None,
            tag=self.tag_filter.currentData(),
            text=self.search.text().strip(),
        )
        if self.view is not None:
            base = self.view.filter
            chosen = replace(
                base,
                stage=chosen.stage or base.stage,
                tag=chosen.tag or base.tag,
                text=chosen.text or base.text,
            )
        self.model.set_filters(chosen)

    def set_view(self, view: SavedViewData | None) -> None:
        """Show the customers of a saved view (None: all customers)."""
        self.view = view
        if view is None:
            self.view_line.hide()
        else:
            description = saved_views.describe(view.filter, current_language())
            self.view_label.setText(
                self.tr("Saved view: <b>{0}</b> — {1}").format(
                    escape(view.name), escape(description)
                )
            )
            self.view_label.setToolTip(description)
            self.view_line.show()
        self.apply_filters()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def current_account_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.account_id(index.row()) if index.isValid() else None

    def select_account(self, account_id: str) -> None:
        """Select the account's row; if the list does not show it yet (a reload is on its
        way), once it does."""
        self._wanted = account_id
        row = self.model.row_of(account_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def _on_reloaded(self) -> None:
        if self._wanted is not None:
            self.select_account(self._wanted)

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches({"tag"}):
            self.reload_tags()

    def _on_activated(self) -> None:
        account_id = self.current_account_id()
        if account_id:
            self.openRequested.emit(account_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._on_activated()
            return True
        return super().eventFilter(watched, event)
