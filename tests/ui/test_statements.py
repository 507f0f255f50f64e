"""How much database work the window does for the two commonest actions (issue 8 figures:
opening a customer was 23 statements in 6 transactions, a level change on the map 29 in 8)."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from trustdesk.domain.enums import RelationshipLevel
from trustdesk.ui.map.tab import MapTab

from .helpers import settle


@pytest.fixture
def statements(store):
    counts = {"statements": 0, "transactions": 0}
    engine = store._db.engine  # the test watches the engine; the app never touches it

    def on_statement(*_args):
        counts["statements"] += 1

    def on_begin(*_args):
        counts["transactions"] += 1

    event.listen(engine, "before_cursor_execute", on_statement)
    event.listen(engine, "begin", on_begin)
    yield counts
    event.remove(engine, "before_cursor_execute", on_statement)
    event.remove(engine, "begin", on_begin)


def reset(counts):
    counts.update(statements=0, transactions=0)


def test_opening_a_customer_reads_only_the_header_and_the_tab_in_front(
    qtbot, window, huake, statements
):
    reset(statements)
    window.open_account(huake.id)
    settle(window)
    assert window.workspace.title.text() == "深圳华科电子有限公司"
    assert statements["transactions"] <= 2
    # 11 since issue 11: the Overview's Promises box (COM-3) is one query more; 18 since
    # issue 14: the suggested stage and the three-chances finding (ACC-4, CMP-3) in its read;
    # 19 since issue 15: the suggested stage reads the orders and referrals too (DEA-3, DEA-4).
    assert statements["statements"] <= 19


def test_a_level_change_on_the_map_is_one_write_and_one_redraw(
    qtbot, window, huake, statements, monkeypatch
):
    window.open_account(huake.id)
    tab = window.workspace.tab(MapTab)
    window.workspace.tabs.setCurrentWidget(tab)
    settle(window)
    zhang = next(p for p in tab.data.people if p.name == "张三")
    monkeypatch.setattr(
        "PySide6.QtWidgets.QInputDialog.getText", lambda *a, **k: ("site visit", True)
    )
    reset(statements)
    tab.change_level(zhang.id, RelationshipLevel.PARTNER)
    settle(window)
    assert tab.scene.nodes[zhang.id].person.level is RelationshipLevel.PARTNER
    # The write, the map's reload and the customer list's risk cell: three units of work
    # (the reload reads the team's contact rhythms too, for the cooling mark).
    assert statements["transactions"] <= 3
    assert statements["statements"] <= 19
