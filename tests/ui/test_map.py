"""The relationship map tab as a salesperson uses it, and its exports."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from trustdesk.domain.enums import EdgeKind, RelationshipLevel, Severity
from trustdesk.reports.map_export import MapPicture, export_map
from trustdesk.services import contacts
from trustdesk.services import relationship_map as rm
from trustdesk.ui.account.contacts_tab import ContactsTab
from trustdesk.ui.customers.risk_chips import CHIPS_ROLE, RiskChipsDelegate
from trustdesk.ui.main_window import MainWindow
from trustdesk.ui.map.scene import MapScene
from trustdesk.ui.map.tab import MapTab

from .helpers import settle, when_modal


@pytest.fixture
def opened(qtbot, huake, store, english):
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.resize(1300, 800)
    window.show()
    window.open_account(huake.id)
    window.workspace.tabs.setCurrentWidget(window.workspace.tab(MapTab))
    settle(window)
    return window


def node_point(view, node):
    return view.mapFromScene(node.sceneBoundingRect().center())


def test_map_draws_every_person_and_the_reporting_line(opened, huake, store):
    tab = opened.workspace.tab(MapTab)
    people = store.read(contacts.list_contacts, huake.id)
    assert set(tab.scene.nodes) == {p.id for p in people}
    reports = [e for e in tab.scene.edges if e.kind == "reports"]
    assert len(reports) == 1
    assert tab.scope_label.text().startswith("Relationship scope:")


def test_dragging_a_person_is_remembered_after_reopening(qtbot, opened, huake, store):
    tab = opened.workspace.tab(MapTab)
    view = tab.view
    zhang = next(n for n in tab.scene.nodes.values() if n.person.name == "张三")
    before = zhang.pos()
    start = node_point(view, zhang)
    end = start + QPoint(120, 70)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 6):
        qtbot.mouseMove(view.viewport(), start + (end - start) * step / 5)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)
    settle(opened)
    moved = zhang.pos()
    assert tab.scene.nodes[zhang.person.id] is zhang, "saving the drag does not rebuild the map"
    assert moved != before
    saved = store.read(rm.load_map, huake.id).positions
    assert saved[zhang.person.id] == pytest.approx((moved.x(), moved.y()))

    opened.close_account()
    opened.open_account(huake.id)
    settle(opened)
    again = opened.workspace.tab(MapTab).scene.nodes[zhang.person.id]
    assert (again.pos().x(), again.pos().y()) == pytest.approx((moved.x(), moved.y()))


def test_relayout_forgets_the_arrangement(opened, huake, store):
    tab = opened.workspace.tab(MapTab)
    tab.scene.report_moved()
    settle(opened)
    assert store.read(rm.load_map, huake.id).positions
    tab.relayout_action.trigger()
    settle(opened)
    assert store.read(rm.load_map, huake.id).positions == {}


def test_adding_a_link_on_the_map_persists(qtbot, opened, huake, store):
    tab = opened.workspace.tab(MapTab)
    nodes = {n.person.name: n for n in tab.scene.nodes.values()}
    tab.view.begin_link(nodes["Margaret Thompson"].person.id, EdgeKind.INFLUENCES.code)
    qtbot.mouseClick(
        tab.view.viewport(), Qt.MouseButton.LeftButton, pos=node_point(tab.view, nodes["张三"])
    )
    settle(opened)
    edges = store.read(rm.load_map, huake.id).edges
    assert [(e.source_id, e.target_id, e.kind) for e in edges] == [
        (nodes["Margaret Thompson"].person.id, nodes["张三"].person.id, EdgeKind.INFLUENCES)
    ]
    drawn = [e for e in tab.scene.edges if e.kind == EdgeKind.INFLUENCES.code]
    assert len(drawn) == 1

    # Remove it again through the person's context menu.
    menu = tab.context_menu(nodes["张三"].person.id)
    remove = next(a for a in menu.actions() if a.text() == "Remove link").menu()
    remove.actions()[0].trigger()
    settle(opened)
    assert store.read(rm.load_map, huake.id).edges == []


def test_level_change_on_the_map_shows_in_the_contacts_tab(opened, huake, store, monkeypatch):
    tab = opened.workspace.tab(MapTab)
    zhang = next(n for n in tab.scene.nodes.values() if n.person.name == "张三")
    monkeypatch.setattr(
        "PySide6.QtWidgets.QInputDialog.getText", lambda *a, **k: ("site visit", True)
    )
    tab.change_level(zhang.person.id, RelationshipLevel.DATE)
    settle(opened)
    saved = store.read(contacts.get_contact, zhang.person.id)
    assert saved.level is RelationshipLevel.DATE
    history = store.read(contacts.level_history, zhang.person.id)
    assert history[0].reason == "site visit"
    opened.workspace.tabs.setCurrentWidget(opened.workspace.tab(ContactsTab))
    settle(opened)
    model = opened.workspace.tab(ContactsTab).model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "张三")
    assert model.index(row, 3).data() == "Date"
    assert tab.scene.nodes[zhang.person.id].person.level is RelationshipLevel.DATE


def test_contacts_tab_edit_redraws_the_map(opened, huake, store):
    margaret = next(
        p for p in store.read(contacts.list_contacts, huake.id) if p.name.startswith("M")
    )
    # Any write through the window's worker (here as the Contacts tab's dialog makes it)
    # reaches the map through the change bus.
    opened.ops.write(contacts.update_contact, margaret.id, departed=True).run()
    settle(opened)
    assert opened.workspace.tab(MapTab).scene.nodes[margaret.id].person.departed


def test_clicking_a_risk_highlights_its_people(opened, huake):
    tab = opened.workspace.tab(MapTab)
    item = tab.risks.item(0)
    people = item.data(Qt.ItemDataRole.UserRole)
    assert people
    tab.risks.itemClicked.emit(item)
    lit = {pid for pid, node in tab.scene.nodes.items() if node.highlighted}
    assert lit == set(people)


def test_keyboard_moves_focus_between_people(qtbot, opened):
    view = opened.workspace.tab(MapTab).view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    first = view.focused_node()
    assert first is not None
    qtbot.keyClick(view, Qt.Key.Key_Down)
    second = view.focused_node()
    assert second is not None and second is not first
    assert second.pos().y() > first.pos().y()


def test_zoom_and_fit(qtbot, opened):
    view = opened.workspace.tab(MapTab).view
    before = view.transform().m11()
    view.zoom_by(2)
    assert view.transform().m11() == pytest.approx(before * 2)
    view.fit()
    rect = view.mapFromScene(opened.workspace.tab(MapTab).scene.content_rect()).boundingRect()
    assert view.viewport().rect().contains(rect)


def test_export_png_and_svg(tmp_path, huake, store, english):
    data = store.read(rm.load_map, huake.id)
    png = export_map(data, tmp_path / "map.png", lang="en")
    expected = MapPicture(data, "en").size
    image = QImage(str(png))
    assert (image.width(), image.height()) == (expected.width(), expected.height())
    assert image.width() > 400 and image.height() > 300
    colours = {
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), 7)
        for y in range(0, image.height(), 7)
    }
    assert "#fde725" in colours or "#eeeeee" in colours  # node fills were drawn

    svg = export_map(data, tmp_path / "map.svg", lang="zh")
    root = ET.parse(svg).getroot()
    texts = "".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    for person in data.people:
        assert person.name in texts
    assert "关系范围" in texts


def test_the_tab_and_the_exported_picture_draw_the_map_alike(opened, huake, store):
    """The map tab's interactive scene (ui/map/scene.py) and the picture (reports/) share
    one way of drawing: same frame, same pixels for every person and link."""
    tab = opened.workspace.tab(MapTab)
    assert type(tab.scene) is MapScene
    people = {p.name: p for p in store.read(contacts.list_contacts, huake.id)}
    zhang, margaret = people["张三"], people["Margaret Thompson"]
    opened.ops.write(contacts.update_contact, margaret.id, departed=True).run()
    opened.ops.write(rm.add_edge, margaret.id, zhang.id, EdgeKind.INFLUENCES).run()
    settle(opened)
    assert len(tab.scene.edges) == 2
    picture = MapPicture(store.read(rm.load_map, huake.id), "en")
    frame = tab.scene.content_rect()
    assert picture.content == frame

    def draw(paint) -> QImage:
        image = QImage(int(frame.width()) + 1, int(frame.height()) + 1, QImage.Format.Format_ARGB32)
        image.fill(QColor("#FFFFFF"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint(painter)
        painter.end()
        return image

    def from_tab(painter: QPainter) -> None:
        tab.scene.setBackgroundBrush(Qt.BrushStyle.NoBrush)
        # The tab caches each person as a pixmap for panning; through the cache a departed
        # person's greying differs by a shade at anti-aliased edges, so compare the drawing.
        for node in tab.scene.nodes.values():
            node.setCacheMode(node.CacheMode.NoCache)
        tab.scene.render(painter, QRectF(0, 0, frame.width(), frame.height()), frame)

    def from_picture(painter: QPainter) -> None:
        painter.translate(-frame.topLeft())
        picture.drawing.paint(painter)

    on_screen, on_paper = draw(from_tab), draw(from_picture)
    assert on_screen.pixelColor(20, 20).name() != "#ffffff"  # a person was drawn
    assert on_screen == on_paper


def test_export_refuses_other_formats(tmp_path, huake, store):
    from trustdesk.errors import TrustDeskError

    data = store.read(rm.load_map, huake.id)
    with pytest.raises(TrustDeskError, match=r"\.png or \.svg"):
        export_map(data, tmp_path / "map.pdf")


def test_customer_list_shows_coverage_risk_and_explains_it(qtbot, huake, window, store):
    model = window.customers.model
    row = model.row_of(huake.id)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    risk_column = headers.index("Risk")
    assert model.headerData(risk_column, Qt.Orientation.Horizontal) == "Risk"
    qtbot.waitUntil(lambda: model.index(row, risk_column).data() != "", timeout=2000)
    # 张三 and Margaret are both neutral: nobody supports us; 张三 decides but is not close.
    assert model.index(row, risk_column).data() == "No supporter, Distant decider"
    chips = model.index(row, risk_column).data(CHIPS_ROLE)
    assert chips == (("No supporter", Severity.HIGH), ("Distant decider", Severity.MEDIUM))
    assert isinstance(window.customers.table.itemDelegateForColumn(risk_column), RiskChipsDelegate)
    tip = model.index(row, risk_column).data(Qt.ItemDataRole.ToolTipRole)
    assert "Nobody at this customer supports us" in tip

    zhang = next(p for p in store.read(contacts.list_contacts, huake.id) if p.name == "张三")
    window.open_account(huake.id)
    window.ops.write(contacts.update_contact, zhang.id, attitude="supporter", level="ally").run()
    settle(window)
    qtbot.waitUntil(lambda: model.index(row, risk_column).data() == "Single thread", timeout=2000)
    assert model.index(row, risk_column).data(CHIPS_ROLE) == (("Single thread", Severity.HIGH),)


def test_double_click_on_a_person_opens_their_contact_dialog(qtbot, opened):
    tab = opened.workspace.tab(MapTab)
    zhang = next(n for n in tab.scene.nodes.values() if n.person.name == "张三")
    seen = []

    def look(dialog):
        seen.append((dialog.windowTitle(), dialog.editor("name").text()))
        dialog.reject()

    when_modal(qtbot, look)
    qtbot.mouseDClick(
        tab.view.viewport(), Qt.MouseButton.LeftButton, pos=node_point(tab.view, zhang)
    )
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    assert seen == [("Edit contact", "张三")]


def test_export_from_the_toolbar_draws_on_the_worker_and_says_where(
    qtbot, opened, huake, store, tmp_path, monkeypatch
):
    messages = []
    opened.workspace.message.connect(messages.append)
    chosen = tmp_path / "华科关系地图"  # no extension typed: .png is added
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *a, **k: (str(chosen), "")
    )
    opened.workspace.tab(MapTab).export("png")
    settle(opened)
    out = chosen.with_name(chosen.name + ".png")
    image = QImage(str(out))
    expected = MapPicture(store.read(rm.load_map, huake.id), "en").size
    assert (image.width(), image.height()) == (expected.width(), expected.height())
    assert messages[-1] == f"Saved {out}."
