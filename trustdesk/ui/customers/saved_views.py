"""TIER-2: saved views in the GUI — the dialog that builds a filter over the customers and
saves it by name, and the views' entries in the navigation (under Customers).

A view is checked and stored by ``services.saved_views``: the dialog only gathers what the
user typed (as text, so a bad number reaches the service and its sentence shows beside the
field) and nothing is saved unless every field is right.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from trustdesk.domain.enums import Stage, Tier
from trustdesk.errors import ValidationError
from trustdesk.services import saved_views
from trustdesk.services.accounts import AccountFilter
from trustdesk.services.changes import Changes
from trustdesk.services.saved_views import SavedViewData
from trustdesk.ui.forms import FieldForm
from trustdesk.ui.i18n import current_language, error_text, label
from trustdesk.ui.ops import Ops, users_mistake

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

VIEW_ROLE = Qt.ItemDataRole.UserRole + 11  # a navigation entry's view name ("" for none)


def save_view_as(
    session: Session, name: str, spec: dict[str, Any], *, replacing: str | None = None
) -> SavedViewData:
    """Save a view under ``name``; when it was ``replacing`` another name (a rename), that
    one goes in the same transaction."""
    saved = saved_views.save_view(session, name, spec)
    if replacing is not None and replacing.strip() and _key(replacing) != _key(saved.name):
        saved_views.delete_view(session, replacing)
    return saved


def _key(name: str) -> str:
    """A view's name as the service compares names (without case and width differences)."""
    return unicodedata.normalize("NFKC", name).casefold().strip()


class ViewDialog(QDialog):
    """Build a filter and save it by name. ``saved`` is the view once written."""

    def __init__(
        self,
        ops: Ops,
        parent: QWidget | None = None,
        *,
        view: SavedViewData | None = None,
        start: AccountFilter | None = None,
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self.saved: SavedViewData | None = None
        self._replacing = view.name if view is not None else None
        where = view.filter if view is not None else (start or AccountFilter())
        self.setWindowTitle(self.tr("Edit saved view") if view else self.tr("New saved view"))
        self.setObjectName("savedViewDialog")
        self.form = FieldForm()
        self.name = self.form.add("name", self.tr("Name"), QLineEdit())
        self.name.setPlaceholderText(self.tr("e.g. Key accounts not visited for 60 days"))
        self.stage_checks = {stage: QCheckBox(label(stage)) for stage in Stage}
        self.form.add("stages", self.tr("Stages"), self._grid(self.stage_checks, 3))
        self.tier_checks = {tier: QCheckBox(label(tier)) for tier in Tier}
        self.form.add("tiers", self.tr("Tiers"), self._grid(self.tier_checks, 3))
        self.region = self.form.add("region", self.tr("Region"), QLineEdit())
        self.owner = self.form.add("owner", self.tr("Owner"), QLineEdit())
        self.tag = self.form.add("tag", self.tr("Tag"), QLineEdit())
        self.not_visited = self.form.add(
            "not_visited_days", self.tr("Not visited for (days)"), QLineEdit()
        )
        self.overdue = self.form.add("overdue", "", QCheckBox(self.tr("Visit overdue")))
        self.survey_below = self.form.add(
            "survey_below", self.tr("Latest survey below"), QLineEdit()
        )
        self.survey_below.setPlaceholderText(self.tr("a score from 1 to 5, e.g. 3.5"))
        self.open_complaints = self.form.add(
            "open_complaints", "", QCheckBox(self.tr("Has open complaints"))
        )
        self.risk = self.form.add("risk_at_least", self.tr("At-risk score at least"), QLineEdit())
        self.risk.setPlaceholderText(self.tr("0 to 100"))
        for edit in (self.not_visited, self.survey_below, self.risk):
            edit.setMaximumWidth(160)
        self.problem = QLabel()
        self.problem.setObjectName("viewProblem")
        self.problem.setStyleSheet("color: #b3261e;")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self._fill(view.name if view is not None else "", where)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    @staticmethod
    def _grid(checks: dict[Any, QCheckBox], columns: int) -> QWidget:
        holder = QWidget()
        grid = QGridLayout(holder)
        grid.setContentsMargins(0, 0, 0, 0)
        for n, check in enumerate(checks.values()):
            grid.addWidget(check, n // columns, n % columns)
        return holder

    def _fill(self, name: str, where: AccountFilter) -> None:
        self.name.setText(name)
        stages = set(where.stages) | ({where.stage} if where.stage is not None else set())
        for stage, check in self.stage_checks.items():
            check.setChecked(stage in stages)
        for tier, check in self.tier_checks.items():
            check.setChecked(tier in where.tiers)
        self.region.setText(where.region)
        self.owner.setText(where.owner)
        self.tag.setText(where.tag or "")
        self.not_visited.setText(
            "" if where.not_visited_days is None else str(where.not_visited_days)
        )
        self.overdue.setChecked(where.overdue)
        self.survey_below.setText("" if where.survey_below is None else f"{where.survey_below:g}")
        self.open_complaints.setChecked(where.open_complaints)
        self.risk.setText("" if where.risk_at_least is None else str(where.risk_at_least))
        self._text = where.text  # a search the view was started from: kept, not edited here
        self._include_do_not_serve = where.include_do_not_serve

    def spec(self) -> dict[str, Any]:
        """What the user entered, as a view's fields (checked by the service)."""
        return {
            "text": self._text,
            "stages": [s.code for s, check in self.stage_checks.items() if check.isChecked()],
            "tiers": [t.code for t, check in self.tier_checks.items() if check.isChecked()],
            "region": self.region.text().strip(),
            "owner": self.owner.text().strip(),
            "tag": self.tag.text().strip(),
            "not_visited_days": self.not_visited.text().strip() or None,
            "overdue": self.overdue.isChecked(),
            "survey_below": self.survey_below.text().strip() or None,
            "open_complaints": self.open_complaints.isChecked(),
            "risk_at_least": self.risk.text().strip() or None,
            "include_do_not_serve": self._include_do_not_serve,
        }

    def save(self) -> None:
        self.form.clear_errors()
        self.problem.hide()
        self.buttons.setEnabled(False)
        self.ops.write(
            save_view_as, self.name.text(), self.spec(), replacing=self._replacing
        ).success(self._saved).failure(self._refused).run(self)

    def _saved(self, view: SavedViewData) -> None:
        self.saved = view
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        mistake = users_mistake(error)
        if mistake is None:
            self.ops.report_failure(error)
            return
        field = mistake.field if isinstance(mistake, ValidationError) else None
        message = error_text(mistake)
        if not self.form.show_error(field, message):  # no field of its own (no condition)
            self.problem.setText(message)
            self.problem.show()
        editor = self.form.editors.get(str(field))
        if editor is not None:
            editor.setFocus()


class ViewsInNavigation(QObject):
    """The saved views as entries of the navigation, just under Customers.
    ``chosen(SavedViewData)`` when the user picks one; ``editRequested(SavedViewData)`` from
    its context menu; ``message(str)`` for the status bar."""

    chosen = Signal(object)
    editRequested = Signal(object)
    message = Signal(str)

    def __init__(self, ops: Ops, nav: QListWidget, customers_item: QListWidgetItem) -> None:
        super().__init__(nav)
        self.ops = ops
        self.nav = nav
        self.customers_item = customers_item
        self.views: dict[str, SavedViewData] = {}
        self.items: list[QListWidgetItem] = []
        self._select: str | None = None  # a view to show once listed (just saved)
        nav.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        nav.customContextMenuRequested.connect(self._context_menu)
        ops.bus.changed.connect(self._on_changes)
        self.reload()

    def reload(self) -> None:
        self.ops.read(saved_views.list_views).success(self._show).run(self, key="views")

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches({"view"}):
            self.reload()

    def select_when_listed(self, name: str) -> None:
        """Show the view ``name`` (just saved) once the navigation lists it."""
        self._select = name
        self.reload()

    def is_view(self, item: QListWidgetItem | None) -> bool:
        return item is not None and item in self.items

    def view_of(self, item: QListWidgetItem | None) -> SavedViewData | None:
        if item is None or not self.is_view(item):
            return None
        return self.views.get(str(item.data(VIEW_ROLE)))

    def item_of(self, name: str) -> QListWidgetItem | None:
        return next((i for i in self.items if i.data(VIEW_ROLE) == name), None)

    def _show(self, views: list[SavedViewData]) -> None:
        current = self.nav.currentItem()
        was = str(current.data(VIEW_ROLE)) if self.is_view(current) else None
        self.nav.blockSignals(True)
        for item in self.items:
            self.nav.takeItem(self.nav.row(item))
        self.items = []
        self.views = {v.name: v for v in views}
        row = self.nav.row(self.customers_item)
        lang = current_language()
        for n, view in enumerate(views, start=1):
            item = QListWidgetItem("   " + view.name)
            item.setData(VIEW_ROLE, view.name)
            item.setToolTip(saved_views.describe(view.filter, lang))
            item.setForeground(QBrush(QColor("#2b4f7a")))
            self.nav.insertItem(row + n, item)
            self.items.append(item)
        again = self.item_of(was) if was is not None else None
        if again is not None:
            self.nav.setCurrentItem(again)
        self.nav.blockSignals(False)
        if was is not None:
            if again is None:  # deleted (or renamed elsewhere): back to all customers
                self.nav.setCurrentItem(self.customers_item)
            else:  # its filter may have changed
                self.chosen.emit(self.views[was])
        wanted, self._select = self._select, None
        if wanted is not None and (listed := self.item_of(wanted)) is not None:
            self.nav.setCurrentItem(listed)

    def _context_menu(self, at: QPoint) -> None:
        menu = self.menu_for(self.nav.itemAt(at))
        if menu is not None:
            menu.exec(self.nav.viewport().mapToGlobal(at))
            menu.deleteLater()

    def menu_for(self, item: QListWidgetItem | None) -> QMenu | None:
        """A view entry's context menu: Edit view…, Delete view (None for other entries)."""
        view = self.view_of(item)
        if view is None:
            return None
        menu = QMenu(self.nav)
        writable = not self.ops.store.read_only
        edit = menu.addAction(self.tr("Edit view…"))
        edit.setEnabled(writable)
        edit.triggered.connect(lambda: self.editRequested.emit(view))
        delete = menu.addAction(self.tr("Delete view"))
        delete.setEnabled(writable)
        delete.triggered.connect(lambda: self.delete(view.name))
        return menu

    def delete(self, name: str) -> None:
        self.ops.write(saved_views.delete_view, name).success(
            lambda _none: self.message.emit(self.tr("Deleted the view {0}.").format(name))
        ).run(self)
