"""The Relationship map tab: who decides, who supports us, how deep, and where it is fragile."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QPointF, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from trustdesk.domain.enums import BuyingRole, EdgeKind, RelationshipLevel
from trustdesk.reports.map_export import export_account_map
from trustdesk.reports.map_legend import draw_legend, legend_size
from trustdesk.services import contacts, level_suggestions, relationship_map
from trustdesk.services.records import LevelSuggestionData
from trustdesk.services.relationship_map import MapData
from trustdesk.ui.account.contact_dialog import edit_contact
from trustdesk.ui.account.suggestions import SuggestionPanel
from trustdesk.ui.account.tab import AccountTab
from trustdesk.ui.i18n import current_language, error_text, label
from trustdesk.ui.map.scene import GROUP_AFTER, MapScene
from trustdesk.ui.map.view import MapView
from trustdesk.ui.ops import Ops, users_mistake
from trustdesk.ui.visits.log_dialog import open_log_visit, saved_message


def map_and_suggestions(session: Any, account_id: str) -> tuple[MapData, list[LevelSuggestionData]]:
    """The tab's one read: the map and the levels the logged activities suggest (REL-6)."""
    return (
        relationship_map.load_map(session, account_id),
        level_suggestions.suggestions_for_account(session, account_id),
    )


class LegendWidget(QWidget):
    """The same legend the exported pictures carry."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        size = legend_size(current_language())
        self.setFixedSize(QSize(int(size.width()) + 2, int(size.height()) + 2))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        draw_legend(painter, QPointF(0, 0), current_language())
        painter.end()


class EmptyMapHint(QWidget):
    """Over an empty map: what to do first, with the button that does it."""

    def __init__(self, add: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLabel(
            self.tr("No one is on this map yet. Add the first person you know at this customer.")
        )
        self.text.setObjectName("emptyMapText")
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.button = QPushButton(add.text())
        self.button.setObjectName("emptyMapAdd")
        self.button.clicked.connect(add.trigger)
        self.button.setEnabled(add.isEnabled())
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.text)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)


class MapTab(AccountTab):
    """The account's people as an org chart with links, coverage risks and the legend."""

    KINDS = frozenset({"account", "contact", "level", "link", "position", "visit", "visit_contact"})

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.data: MapData | None = None
        self._shown_id: str | None = None  # the account whose map the view was fitted to
        self.scene = MapScene(self)
        self.view = MapView(self.scene)
        self.view.setObjectName("mapView")
        self._fit_next = False

        self.toolbar = QToolBar()
        self.add_action = self._tool(self.tr("Add contact…"), self.add_contact)
        self.relayout_action = self._tool(self.tr("Re-layout"), self.relayout)
        self.fit_action = self._tool(self.tr("Fit to view"), self.view.fit, "Ctrl+0")
        self._tool(
            self.tr("Zoom in"), lambda: self.view.zoom_by(1.2), QKeySequence.StandardKey.ZoomIn
        )
        self._tool(
            self.tr("Zoom out"),
            lambda: self.view.zoom_by(1 / 1.2),
            QKeySequence.StandardKey.ZoomOut,
        )
        self.toolbar.addSeparator()
        self._tool(self.tr("Export PNG…"), lambda: self.export("png"))
        self._tool(self.tr("Export SVG…"), lambda: self.export("svg"))
        self.toolbar.addSeparator()
        self.group_action = self._tool(self.tr("Group by department"), self._on_group_toggled)
        self.group_action.setCheckable(True)
        self.search = QLineEdit()
        self.search.setObjectName("mapSearch")
        self.search.setPlaceholderText(self.tr("Find a person on the map…"))
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(220)
        self.search.textEdited.connect(lambda _text: self.find_person(again=False))
        self.search.returnPressed.connect(lambda: self.find_person(again=True))
        self.toolbar.addWidget(self.search)
        self._collapsed: frozenset[str] = frozenset()
        self._found: list[str] = []

        self.scope_label = QLabel()
        self.scope_label.setObjectName("scopeLabel")
        self.scope_label.setWordWrap(True)
        self.risks = QListWidget()
        self.risks.setObjectName("riskList")
        self.risks.setWordWrap(True)
        self.risks.itemClicked.connect(self._on_risk_clicked)
        # The list takes the height left beside the legend, down to about three lines.
        self.risks.setMinimumHeight(60)
        self.risks.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        self.hint = QLabel(self.tr("Click a risk to highlight the people concerned."))
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #666;")
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(6, 0, 0, 0)
        side_layout.addWidget(self.scope_label)
        self.suggestions = SuggestionPanel(ops, wrap=True)
        self.suggestions.setObjectName("mapSuggestions")
        self.suggestions.message.connect(self.message)
        side_layout.addWidget(self.suggestions)
        side_layout.addWidget(self.risks, 1)
        side_layout.addWidget(self.hint)
        side_layout.addWidget(LegendWidget())
        side.setMinimumWidth(250)
        # The side panel scrolls, so suggestions, risks and the legend never make the
        # window taller than a 768-pixel laptop screen.
        side_scroll = QScrollArea()
        side_scroll.setWidget(side)
        side_scroll.setWidgetResizable(True)
        side_scroll.setFrameShape(QFrame.Shape.NoFrame)
        side_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side_scroll.setMinimumWidth(side.minimumWidth() + 16)

        self.empty_hint = EmptyMapHint(self.add_action, self.view)
        self.empty_hint.hide()
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.view)
        split.addWidget(side_scroll)
        split.setStretchFactor(0, 1)
        split.setSizes([900, 280])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(split, 1)

        if ops.store.read_only:
            self.scene.movable = False
            for action in (self.add_action, self.relayout_action):
                action.setEnabled(False)
        self.scene.nodesMoved.connect(self._on_nodes_moved)
        self.scene.nodeActivated.connect(self.edit_contact)
        self.scene.departmentToggled.connect(self.toggle_department)
        self.view.contextRequested.connect(self._on_context_menu)
        self.view.linkPicked.connect(self._on_link_picked)
        self.view.linkModeChanged.connect(self._on_link_mode)

    def _tool(
        self, text: str, slot: object, shortcut: QKeySequence.StandardKey | str | None = None
    ) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setToolTip(
                f"{text} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
            )
        self.toolbar.addAction(action)
        self.addAction(action)
        return action

    # --- loading -------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Relationship map")

    def load(self) -> None:
        self.ops.read(map_and_suggestions, self.account_id).success(self._show_both).run(
            self, key="load"
        )

    def _show_both(self, found: tuple[MapData, list[LevelSuggestionData]]) -> None:
        data, suggestions = found
        self.suggestions.show_suggestions(suggestions)
        self._show(data)

    def _show(self, data: MapData) -> None:
        """Draw the map; the view is fitted when another account is shown. A reload that
        only confirms the arrangement on screen (after a drag) leaves the scene alone."""
        old, self.data = self.data, data
        first = data.account_id != self._shown_id
        self._shown_id = data.account_id
        if first:  # a large map opens grouped, its departments collapsed but the key ones
            large = len(data.people) > GROUP_AFTER
            self.group_action.setChecked(large)
            self._collapsed = self._default_collapsed(data) if large else frozenset()
        if (
            not first
            and old is not None
            and (old.people, old.edges, old.coverage) == (data.people, data.edges, data.coverage)
            and data.positions == self.scene.positions()
        ):
            return
        self._build()
        self._show_coverage()
        if first or self._fit_next:
            self._fit_next = False
            self.view.fit()

    def _build(self) -> None:
        assert self.data is not None
        self.scene.build(
            self.data,
            current_language(),
            grouped=self.group_action.isChecked(),
            collapsed=self._collapsed,
        )
        self.empty_hint.setVisible(not self.data.people)
        self.empty_hint.resize(self.view.size())

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self.empty_hint.resize(self.view.size())

    @staticmethod
    def _default_collapsed(data: MapData) -> frozenset[str]:
        """Departments shown open on a large map: those with a decision-maker, smallest
        first, the first always and the others while they stay within ``2 * GROUP_AFTER``
        people together; the rest collapsed."""
        sizes: dict[str, int] = {}
        deciding: set[str] = set()
        for p in data.people:
            sizes[p.department] = sizes.get(p.department, 0) + 1
            if BuyingRole.DECISION_MAKER in p.roles:
                deciding.add(p.department)
        shown: set[str] = set()
        total = 0
        for dept in sorted(deciding, key=lambda d: sizes[d]):
            if not shown or total + sizes[dept] <= 2 * GROUP_AFTER:
                shown.add(dept)
                total += sizes[dept]
        return frozenset(sizes) - shown

    # --- large maps: departments and search ------------------------------------------

    def _on_group_toggled(self) -> None:
        if self.data is not None:
            self._build()
            self.view.fit()

    def toggle_department(self, name: str) -> None:
        """Collapse or expand one department, keeping its card where it was on screen."""
        if self.data is None:
            return
        card = self.scene.departments.get(name)
        before = self.view.mapFromScene(card.pos()) if card is not None else None
        self._collapsed = self._collapsed ^ {name}
        self._build()
        card = self.scene.departments.get(name)
        if card is not None and before is not None:
            shift = self.view.mapToScene(before) - card.pos()
            self.view.centerOn(self.view.mapToScene(self.view.viewport().rect().center()) - shift)

    def find_person(self, again: bool = False) -> str | None:
        """Centre the map on the first person whose name (or pinyin) holds the search
        text and highlight them; Enter moves on to the next match."""
        if self.data is None:
            return None
        text = self.search.text().strip().casefold()
        if not text:
            self._found = []
            self.scene.highlight([])
            return None
        matches = [
            p
            for p in self.data.people
            if text in p.name.casefold() or text in p.pinyin.replace(" ", "").casefold()
        ]
        matches.sort(key=lambda p: (not p.name.casefold().startswith(text), p.name))
        ids = [p.id for p in matches]
        if not ids:
            self._found = []
            self.scene.highlight([])
            self.message.emit(self.tr("No one on this map matches."))
            return None
        if again and self._found == ids and self.scene.highlighted_ids:
            current = next(iter(self.scene.highlighted_ids))
            wanted = ids[(ids.index(current) + 1) % len(ids)] if current in ids else ids[0]
        else:
            wanted = ids[0]
        self._found = ids
        person = next(p for p in matches if p.id == wanted)
        if wanted not in self.scene.nodes:  # in a collapsed department: open it
            self._collapsed = self._collapsed - {person.department}
            self._build()
        self.scene.highlight([wanted])
        self.view.show_person(wanted)
        self.message.emit(
            self.tr("{0} ({1} of {2})").format(person.name, ids.index(wanted) + 1, len(ids))
        )
        return wanted

    def _show_coverage(self) -> None:
        assert self.data is not None
        coverage = self.data.coverage
        self.scope_label.setText(self.tr("Relationship scope: {0}").format(label(coverage.scope)))
        self.risks.clear()
        lang = current_language()
        if not coverage.findings:
            item = QListWidgetItem(self.tr("No coverage risk found."))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.risks.addItem(item)
        for finding in coverage.findings:
            item = QListWidgetItem(f"⚠ {label(finding.risk)}\n{finding.sentence(lang)}")
            item.setData(Qt.ItemDataRole.UserRole, list(finding.people))
            self.risks.addItem(item)
        self.scene.highlight([])

    def _on_risk_clicked(self, item: QListWidgetItem) -> None:
        people = item.data(Qt.ItemDataRole.UserRole) or []
        self.scene.highlight(people)
        self.view.center_on_people(people)

    # --- writes --------------------------------------------------------------------------

    def _write(self, done: str | Callable[[Any], str], fn: Callable[..., Any], *args: Any) -> None:
        """Write through the worker; the map redraws from the change bus, then says ``done``."""

        def succeeded(result: Any) -> None:
            self.message.emit(done(result) if callable(done) else done)

        self.ops.write(fn, *args).success(succeeded).failure(self._refused).run(self)

    def _refused(self, error: BaseException) -> None:
        mistake = users_mistake(error)
        if mistake is None:
            self.ops.report_failure(error)
        else:
            self.message.emit(error_text(mistake))

    def _on_nodes_moved(self, positions: dict[str, tuple[float, float]]) -> None:
        if self.account_id is not None:
            self._write(
                self.tr("Arrangement saved."),
                relationship_map.save_positions,
                self.account_id,
                positions,
            )

    def relayout(self) -> None:
        if self.account_id is None:
            return
        self._fit_next = True
        self._write(
            self.tr("Laid out by reporting lines."),
            relationship_map.clear_positions,
            self.account_id,
        )

    def add_contact(self, reports_to_id: str | None = None) -> None:
        if self.account_id is not None:
            edit_contact(self, self.account_id, None, reports_to_id=reports_to_id)

    def edit_contact(self, contact_id: str) -> None:
        if self.account_id is not None:
            edit_contact(self, self.account_id, contact_id)

    def change_level(self, contact_id: str, level: RelationshipLevel) -> None:
        reason, ok = QInputDialog.getText(
            self,
            self.tr("Change level"),
            self.tr("Why does the level change to {0}?").format(label(level)),
        )
        if ok:
            self._write(
                lambda saved: self.tr("{0} is now {1}.").format(saved.name, label(saved.level)),
                contacts.set_level,
                contact_id,
                level,
                reason,
            )

    def add_link(self, source_id: str, target_id: str, kind: EdgeKind | str) -> None:
        self._write(self.tr("Link added."), relationship_map.add_edge, source_id, target_id, kind)

    def remove_link(self, edge_id: str) -> None:
        self._write(self.tr("Link removed."), relationship_map.remove_edge, edge_id)

    def _on_link_picked(self, source_id: str, target_id: str, kind: str) -> None:
        self.add_link(source_id, target_id, kind)

    def _on_link_mode(self, active: bool) -> None:
        if active:
            self.message.emit(self.tr("Click the other person (Esc cancels)."))

    def export(self, fmt: str) -> Path | None:
        """Ask where, then draw and save the picture on the database worker."""
        if self.data is None or self.account_id is None:
            return None
        caption = self.tr("Export the relationship map")
        filters = {"png": self.tr("PNG image (*.png)"), "svg": self.tr("SVG drawing (*.svg)")}
        suggested = str(Path.home() / f"{self.data.account_name}.{fmt}")
        chosen, _ = QFileDialog.getSaveFileName(self, caption, suggested, filters[fmt])
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != f".{fmt}":
            path = path.with_name(path.name + f".{fmt}")
        self.ops.read(export_account_map, self.account_id, path, lang=current_language()).success(
            lambda out: self.message.emit(self.tr("Saved {0}.").format(out))
        ).failure(self._refused).run(self)
        return path

    # --- context menu --------------------------------------------------------------------

    def _on_context_menu(self, contact_id: str, where: QPoint) -> None:
        menu = self.context_menu(contact_id)
        menu.exec(where)

    def log_visit(self, contact_id: str) -> None:
        """A visit to this customer with the person already ticked as met."""
        if self.account_id is not None:
            open_log_visit(
                self,
                self.ops,
                self.account_id,
                contact_id=contact_id,
                done=lambda visit: self.message.emit(saved_message(visit)),
            )

    def fill_survey(self, contact_id: str) -> None:
        """SUR-5: a survey of this customer with the person filled in as who answered."""
        if self.account_id is not None:
            from trustdesk.ui.surveys.form import open_survey, saved_message

            open_survey(
                self,
                self.ops,
                self.account_id,
                contact_id=contact_id,
                done=lambda response: self.message.emit(saved_message(response)),
            )

    def context_menu(self, contact_id: str) -> QMenu:
        menu = QMenu(self)
        if not contact_id:
            menu.addAction(self.add_action)
            menu.addAction(self.relayout_action)
            menu.addAction(self.fit_action)
            return menu
        node = self.scene.nodes[contact_id]
        menu.addAction(
            self.tr("Edit {0}…").format(node.person.name), lambda: self.edit_contact(contact_id)
        )
        writes: list[QAction | QMenu] = []
        writes.append(
            menu.addAction(
                self.tr("Log visit with {0}…").format(node.person.name),
                lambda: self.log_visit(contact_id),
            )
        )
        writes.append(
            menu.addAction(
                self.tr("Survey with {0}…").format(node.person.name),
                lambda: self.fill_survey(contact_id),
            )
        )
        suggested = next(
            (s for s in self.suggestions.suggestions if s.contact_id == contact_id), None
        )
        if suggested is not None:  # REL-6: answered from here too
            writes.append(
                menu.addAction(
                    self.tr("Accept suggested level: {0}").format(label(suggested.level)),
                    lambda: self.suggestions.accept(contact_id),
                )
            )
            writes.append(
                menu.addAction(
                    self.tr("Dismiss suggested level"),
                    lambda: self.suggestions.dismiss(contact_id),
                )
            )
            menu.addSeparator()
        levels = menu.addMenu(self.tr("Change level"))
        writes.append(levels)
        for level in RelationshipLevel:
            action = levels.addAction(label(level), partial(self.change_level, contact_id, level))
            action.setCheckable(True)
            action.setChecked(level is node.person.level)
        links = menu.addMenu(self.tr("Add link from here"))
        writes.append(links)
        for kind in EdgeKind:
            links.addAction(
                self.tr("{0}… (then click the other person)").format(label(kind)),
                partial(self.view.begin_link, contact_id, kind.code),
            )
        writes.append(
            menu.addAction(
                self.tr("Add someone reporting to {0}…").format(node.person.name),
                lambda: self.add_contact(reports_to_id=contact_id),
            )
        )
        touching = self.scene.edges_of(contact_id)
        remove = menu.addMenu(self.tr("Remove link"))
        remove.setEnabled(bool(touching))
        names = {p.id: p.name for p in self.data.people} if self.data else {}
        for edge in touching:
            source, target = names.get(edge.source_id, "?"), names.get(edge.target_id, "?")
            text = f"{source} → {target} ({label(edge.kind)})"
            remove.addAction(text, partial(self.remove_link, edge.id))
        if self.ops.store.read_only:
            for item in (*writes, remove):
                item.setEnabled(False)
        return menu
