"""A table model over the customer list that pages from the database.

It never holds more rows than the user has scrolled to: ``canFetchMore``/``fetchMore`` bring
the next page of ``PAGE_SIZE`` rows, sorted and filtered in SQL by the accounts service, read
by keyset after the last row shown (so page 500 costs what page 1 does).
A new filter or sort (page one plus the count) and the risk column (with the referral
marks) are read on the database worker; scrolling to the next page stays on the GUI thread,
measured at well under a frame at 100,000 customers (tests/benchmarks/bench_ui.py). Rows
follow the change bus: an edited customer's row is refreshed in place, a new or deleted
customer reloads the list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QIcon, QPainter, QPixmap

from trustdesk.domain.coverage import RiskFinding
from trustdesk.domain.enums import Severity, Tier
from trustdesk.services import accounts, referrals, relationship_map
from trustdesk.services.accounts import NO_FILTER, AccountFilter
from trustdesk.services.changes import Changes
from trustdesk.services.records import AccountRow, Page
from trustdesk.ui.customers.risk_chips import CHIPS_ROLE
from trustdesk.ui.i18n import current_language, label
from trustdesk.ui.ops import Ops

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

PAGE_SIZE = 100  # rows a page brings; a search walks the list until it has them
LOCAL_ZONE = datetime.now().astimezone().tzinfo  # one look-up, not one per row
DISPLAY = Qt.ItemDataRole.DisplayRole
FOREGROUND, FONT = Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole
BACKGROUND, DECORATION = Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.DecorationRole
LOOK_ROLES = frozenset({FOREGROUND, FONT, BACKGROUND, DECORATION})
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    key: str  # sort key understood by accounts.list_accounts
    title: object  # QT_TRANSLATE_NOOP: the English source, translated at display time


COLUMNS = (
    Column("name", QT_TRANSLATE_NOOP("AccountTableModel", "Name")),
    Column("stage", QT_TRANSLATE_NOOP("AccountTableModel", "Stage")),
    Column("tier", QT_TRANSLATE_NOOP("AccountTableModel", "Tier")),
    Column("region", QT_TRANSLATE_NOOP("AccountTableModel", "Region")),
    Column("industry", QT_TRANSLATE_NOOP("AccountTableModel", "Industry")),
    Column("owner", QT_TRANSLATE_NOOP("AccountTableModel", "Owner")),
    Column("last_visit", QT_TRANSLATE_NOOP("AccountTableModel", "Last visit")),
    Column("next_due", QT_TRANSLATE_NOOP("AccountTableModel", "Next due")),
    Column("risk", QT_TRANSLATE_NOOP("AccountTableModel", "Risk")),
    # Last: at the default window size the risk chips must stay in view, the edit date less so.
    Column("updated", QT_TRANSLATE_NOOP("AccountTableModel", "Updated")),
)
UNSORTABLE = {"risk"}  # computed from the people, not a column SQL can order by
COLUMN_OF = {column.key: n for n, column in enumerate(COLUMNS)}
NAME, TIER, NEXT_DUE = COLUMN_OF["name"], COLUMN_OF["tier"], COLUMN_OF["next_due"]
RISK = COLUMN_OF["risk"]
RISK_DELAY_MS = 150
RISK_TIP = len(COLUMNS)  # cells carry, after the visible columns, the risk sentences
LIST_KINDS = frozenset({"account", "stage"})  # what the list's columns show
RISK_KINDS = frozenset({"contact", "level"})  # what the risk column is computed from
# The referral marks come with the risks; a referral's customers are not known to the bus.
REFERRAL_KINDS = frozenset({"referral"})
SORT_FIELDS = {
    "updated": "updated_at",
    "last_visit": "last_visit_at",
    "next_due": "next_visit_due",
}  # AccountRow field of a sort key, where not the same


OVERDUE_COLOR = QColor("#b3261e")
# TIER-1: the tier as a short word; key accounts stand out (bold, on amber), low value is
# quiet (grey), standard is plain text. Made once per row in ``_looks_of``, not per paint.
TIER_WORDS = {
    Tier.KEY: QT_TRANSLATE_NOOP("AccountTableModel", "Key"),
    Tier.STANDARD: QT_TRANSLATE_NOOP("AccountTableModel", "Standard"),
    Tier.LOW: QT_TRANSLATE_NOOP("AccountTableModel", "Low"),
}
KEY_BACKGROUND, KEY_FOREGROUND = QBrush(QColor("#fde9b6")), QColor("#6b4a00")
LOW_FOREGROUND = QColor("#7a7a7a")
_FONTS: dict[str, QFont] = {}  # made once the application is (a QFont needs one)


def _bold() -> QFont:
    font = _FONTS.get("bold")
    if font is None:
        font = _FONTS["bold"] = QFont()
        font.setBold(True)
    return font


def tier_words() -> dict[Tier, str]:
    """The tier column's words in the current language (looked up once per page)."""
    return {
        tier: QCoreApplication.translate("AccountTableModel", str(word))
        for tier, word in TIER_WORDS.items()
    }


_REFERRED_ICONS: dict[str, QIcon] = {}


def referred_icon() -> QIcon:
    """The small green mark before a referred customer's name (drawn once per language)."""
    text = QCoreApplication.translate("AccountTableModel", "Ref", "short mark: came by referral")
    icon = _REFERRED_ICONS.get(text)
    if icon is None:
        font = QFont()
        font.setPixelSize(11)
        font.setBold(True)
        width = max(18, QFontMetricsF(font).horizontalAdvance(text) + 8)
        pixmap = QPixmap(int(width), 18)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#dff3e4"))
        painter.drawRoundedRect(0, 1, int(width), 16, 4, 4)
        painter.setPen(QColor("#1e6b34"))
        painter.setFont(font)
        painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, text)
        painter.end()
        icon = _REFERRED_ICONS[text] = QIcon(pixmap)
    return icon


def deferred_columns(
    session: Session, account_ids: list[str]
) -> tuple[dict[str, tuple[RiskFinding, ...]], set[str]]:
    """What the list fills in just after a page paints, in one read: the coverage risks and
    which customers came by a referral (DEA-4)."""
    return (
        relationship_map.risks_for_accounts(session, account_ids),
        referrals.referred_accounts(session, account_ids),
    )


def _days_late(row: AccountRow) -> int:
    """Days the customer's visit is overdue (0 when not)."""
    due = row.next_visit_due
    return max((date.today() - due).days, 0) if due is not None else 0


def _looks_of(row: AccountRow) -> dict[tuple[int, int], Any]:
    """The colours and fonts of a row's cells that differ from the list's: an overdue visit
    in red; a key account's tier on amber, a low one grey; a customer marked do-not-serve
    greyed, its name struck out."""
    looks: dict[tuple[int, int], Any] = {}
    if row.tier is Tier.KEY:
        looks[(TIER, BACKGROUND)] = KEY_BACKGROUND
        looks[(TIER, FOREGROUND)] = KEY_FOREGROUND
        looks[(TIER, FONT)] = _bold()
    elif row.tier is Tier.LOW:
        looks[(TIER, FOREGROUND)] = LOW_FOREGROUND
    if row.do_not_serve:
        grey = QColor("#8a8a8a")
        looks.update(((column, FOREGROUND), grey) for column in range(len(COLUMNS)))
        struck = QFont()
        struck.setStrikeOut(True)
        looks[(NAME, FONT)] = struck
    if _days_late(row):
        looks[(NEXT_DUE, FOREGROUND)] = OVERDUE_COLOR
    return looks


class AccountTableModel(QAbstractTableModel):
    """Rows of the customer list. ``totalChanged(int)`` tells how many match the filters;
    ``reloaded()`` after a new first page arrived."""

    totalChanged = Signal(int)
    reloaded = Signal()
    IdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, ops: Ops, parent: Any = None) -> None:
        super().__init__(parent)
        self._ops = ops
        self._rows: list[AccountRow] = []
        self._cells: list[list[str]] = []  # display text, made once per fetched row
        # Colours and fonts of the few cells that have their own: account id → (column, role)
        self._looks: dict[str, dict[tuple[int, int], Any]] = {}
        # Risks need the people of every row: fetched just after the page shows, so the list
        # paints at once and the risk column fills in a moment later.
        self._chips: dict[str, tuple[tuple[str, Severity], ...]] = {}  # account id → chips
        self._referred: set[str] = set()  # of the rows read so far, who came by a referral
        self._risk_timer = QTimer(self)
        self._risk_timer.setSingleShot(True)
        self._risk_timer.setInterval(RISK_DELAY_MS)
        self._risk_timer.timeout.connect(self.fill_risks)
        self._total = 0
        self._exact = True  # False: a broad search, ``_total`` is a lower bound ("200+")
        self._after: tuple[Any, ...] | None = None  # keyset cursor of the last row loaded
        self._sort = "name"
        self._descending = False
        self._filters = NO_FILTER
        ops.bus.changed.connect(self._on_changes)
        self.reload()

    # --- what the list shows -------------------------------------------------------------

    @property
    def total(self) -> int:
        return self._total

    @property
    def total_exact(self) -> bool:
        """Whether ``total`` is the exact count (else: at least that many)."""
        return self._exact

    @property
    def filters(self) -> AccountFilter:
        return self._filters

    def set_filters(self, filters: AccountFilter) -> None:
        if filters != self._filters:
            self._filters = filters
            self.reload()

    def account_id(self, row: int) -> str:
        return self._rows[row].id

    def row_of(self, account_id: str) -> int:
        """The row showing ``account_id`` among the rows loaded so far, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.id == account_id), -1)

    def reload(self) -> None:
        """Start again from the first page (after a filter, sort or data change)."""
        self._risk_timer.stop()  # the old rows' risks: not worth holding up the new page
        self._ops.forget(self, "risks")
        self._ops.read(
            accounts.list_accounts,
            self._filters,
            offset=0,
            limit=PAGE_SIZE,
            sort=self._sort,
            descending=self._descending,
            with_total=True,
        ).success(self._show_first_page).run(self, key="reload")

    def _show_first_page(self, page: Page[AccountRow]) -> None:
        self.beginResetModel()
        self._rows = page.rows
        self._looks = {}
        self._cells = self._cells_of(page.rows)
        self._total = page.total
        self._exact = page.exact
        self._after = page.after
        self.endResetModel()
        self.totalChanged.emit(self._total)
        self.reloaded.emit()

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches(REFERRAL_KINDS):
            self._on_referrals()
        if "account" in changes.added_or_removed or (
            changes.any_account and changes.touches(LIST_KINDS)
        ):
            self.reload()
            return
        loaded = [r.id for r in self._rows if r.id in changes.account_ids]
        if not loaded:
            return
        if changes.touches(LIST_KINDS):
            self._ops.read(accounts.account_rows, loaded).success(
                lambda found: self._refresh_rows(loaded, found)
            ).run(self)
        elif changes.touches(RISK_KINDS):
            for account_id in loaded:
                self._cells[self.row_of(account_id)][RISK_TIP] = ""
            self._risk_timer.start()

    def _on_referrals(self) -> None:
        """A referral added or deleted: the marks of the rows shown are read again."""
        for cells in self._cells:
            cells[RISK_TIP] = ""
        self._referred.intersection_update(row.id for row in self._rows)  # the rest: stale
        self._risk_timer.start()

    def _refresh_rows(self, asked: list[str], found: dict[str, AccountRow]) -> None:
        """Edited rows in place; a reload when one left the list or moved in the order."""
        sort_field = SORT_FIELDS.get(self._sort, self._sort)
        for account_id in asked:
            row = self.row_of(account_id)
            new = found.get(account_id)
            if row >= 0 and (
                new is None
                or getattr(new, sort_field, None) != getattr(self._rows[row], sort_field, None)
            ):
                self.reload()
                return
        for account_id, new in found.items():
            row = self.row_of(account_id)
            if row < 0:
                continue
            self._rows[row] = new
            self._cells[row] = self._cells_of([new])[0]
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    # --- Qt model API --------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._after is not None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        page = self._ops.store.read(
            accounts.list_accounts,
            self._filters,
            limit=PAGE_SIZE,
            sort=self._sort,
            descending=self._descending,
            with_total=False,
            after=self._after,
        )
        self._after = page.after
        if page.rows:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(page.rows) - 1)
            self._rows.extend(page.rows)
            self._cells.extend(self._cells_of(page.rows))
            self.endInsertRows()
        if not self._exact and (self._after is None or len(self._rows) > self._total):
            # A broad search's count grows as the user scrolls; exact once it reached the end.
            self._total = len(self._rows)
            self._exact = self._after is None
            self.totalChanged.emit(self._total)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        key, descending = COLUMNS[column].key, order == Qt.SortOrder.DescendingOrder
        if key in UNSORTABLE:
            return
        if (key, descending) == (self._sort, self._descending):
            return  # e.g. the view enabling sorting: the rows are already in this order
        self._sort, self._descending = key, descending
        self.reload()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return QCoreApplication.translate("AccountTableModel", str(COLUMNS[section].title))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role == DISPLAY:
            return self._cells[index.row()][index.column()]
        row = self._rows[index.row()]
        key = COLUMNS[index.column()].key
        if role == self.IdRole:
            return row.id
        if role == CHIPS_ROLE:
            return self._chips.get(row.id, ()) if key == "risk" else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "risk":
                return self._cells[index.row()][RISK_TIP].strip() or None
            if key == "stage":
                return label(row.stage.trust_phase)
            if key == "tier":
                return label(row.tier) if row.tier is not None else None
            if key == "name" and row.id in self._referred:
                return QCoreApplication.translate("AccountTableModel", "Came by a referral")
            if key == "next_due" and (late := _days_late(row)):
                return QCoreApplication.translate("AccountTableModel", "overdue {0} days").format(
                    late
                )
            if row.do_not_serve:
                return QCoreApplication.translate("AccountTableModel", "Do not serve")
            return None
        if role in LOOK_ROLES:
            return self._looks.get(row.id, {}).get((index.column(), role))
        return None

    def multiData(self, index: Index, roleDataSpan: QModelRoleDataSpan | QModelRoleData) -> None:
        """What a cell paints, in one call: the item delegate asks for seven roles per cell,
        and seven calls into Python per cell were a third of painting a page (12.8 → 9.4 ms
        for 1,400×860 at 100,000 customers). Only the text, and the colour and font of the
        few rows that have their own, are set; the other roles are cleared."""
        row = index.row()
        if not 0 <= row < len(self._rows):
            return
        column = index.column()
        text = self._cells[row][column]
        looks = self._looks.get(self._rows[row].id)
        span: Any = roleDataSpan  # sized and indexable, which PySide's stubs do not say
        for at in range(len(span)):
            item = span[at]
            role = item.role()
            if role == DISPLAY:
                item.setData(text)
            elif looks is not None and (value := looks.get((column, role))) is not None:
                item.setData(value)
            else:  # the view hands the same span from cell to cell: last cell's values
                item.clearData()

    def _cells_of(self, rows: list[AccountRow]) -> list[list[str]]:
        """Display text of fetched rows; the risk cells are filled just after (fill_risks)."""
        words = tier_words()
        for row in rows:
            self._looks.pop(row.id, None)
            looks = _looks_of(row)
            if row.id in self._referred:  # known from an earlier read; checked again after
                looks[(NAME, DECORATION)] = referred_icon()
            if looks:
                self._looks[row.id] = looks
        cells = [
            [
                row.name,
                label(row.stage),
                words[row.tier] if row.tier is not None else "",
                row.region,
                row.industry,
                row.owner,
                row.last_visit_at.astimezone(LOCAL_ZONE).date().isoformat()
                if row.last_visit_at
                else "",
                row.next_visit_due.isoformat() if row.next_visit_due else "",
                "",  # the risk chips: filled just after (fill_risks)
                row.updated_at.astimezone(LOCAL_ZONE).date().isoformat(),
                "",  # RISK_TIP
            ]
            for row in rows
        ]
        self._risk_timer.start()
        return cells

    @property
    def risks_pending(self) -> bool:
        """The risk column is about to be read (it fills just after the page paints)."""
        return self._risk_timer.isActive()

    def fill_risks(self) -> None:
        """REL-8 risks of the rows still without them, in one read after the page painted."""
        todo = [self._rows[i].id for i, cells in enumerate(self._cells) if cells[RISK_TIP] == ""]
        if todo:
            self._ops.read(deferred_columns, todo).success(
                lambda read: self._show_deferred(todo, *read)
            ).run(self, key="risks")

    def _show_deferred(
        self, asked: list[str], found: dict[str, tuple[RiskFinding, ...]], referred: set[str]
    ) -> None:
        """The risks and the referral marks of the rows asked about."""
        marked = []
        for account_id in asked:
            was = account_id in self._referred
            if (account_id in referred) != was:
                self._referred.symmetric_difference_update({account_id})
                looks = self._looks.setdefault(account_id, {})
                if was:
                    looks.pop((NAME, DECORATION), None)
                else:
                    looks[(NAME, DECORATION)] = referred_icon()
                marked.append(self.row_of(account_id))
        marked = [row for row in marked if row >= 0]
        if marked:
            self.dataChanged.emit(self.index(min(marked), NAME), self.index(max(marked), NAME))
        self._show_risks({a: found.get(a, ()) for a in asked})

    def _show_risks(self, found: dict[str, tuple[RiskFinding, ...]]) -> None:
        lang = current_language()
        join = "、" if lang == "zh" else ", "
        rows = [self.row_of(account_id) for account_id in found]
        rows = [row for row in rows if row >= 0]
        for row in rows:
            account_id = self._rows[row].id
            findings = sorted(found[account_id], key=lambda f: f.risk.severity, reverse=True)
            chips = tuple((f.risk.short(lang), f.risk.severity) for f in findings)
            self._chips[account_id] = chips
            self._cells[row][RISK] = join.join(text for text, _ in chips)
            self._cells[row][RISK_TIP] = "\n".join(f.sentence(lang) for f in findings) or " "
        if rows:
            self.dataChanged.emit(self.index(min(rows), RISK), self.index(max(rows), RISK))
