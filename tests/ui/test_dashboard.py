"""The Dashboard section (DSH-1..3): first in the navigation, the same figures as the service,
every number opening the customers behind it, the at-risk list explained and opening the
customer, one reload for a burst of changes."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from trustdesk.domain.enums import Stage, Tier
from trustdesk.services import accounts, commitments, complaints, orders, referrals, visits
from trustdesk.services.at_risk import top_at_risk
from trustdesk.services.dashboard import customers_behind, dashboard
from trustdesk.ui.dashboard import section as dashboard_section
from trustdesk.ui.dashboard.behind import CustomersBehindDialog
from trustdesk.ui.dashboard.section import DashboardSection

from .helpers import settle


def _order(store, account_id, days_ago, amount="1,200.00"):
    day = datetime.now().date() - timedelta(days=days_ago)
    lines = [{"product": "Valve kit", "quantity": 2, "amount": amount}]
    store.write(orders.add_order, account_id, lines, ordered_on=day)


@pytest.fixture
def book(store):
    """Four customers whose figures are known by hand:

    - Alpha Trading: repeat customer for over a year, two orders this year (a repeat buyer),
      a promise three days overdue; referred Gamma.
    - Beta Foods: one order, a promise due next week, last visited 200 days ago (overdue).
    - Gamma 建材: came by Alpha's referral; a complaint received ten days ago, not answered.
    - Delta Lost: was buying a year and more ago, lost 100 days ago (the one churned).
    """
    now = datetime.now().astimezone()
    today = now.date()
    alpha = store.write(accounts.create_account, "Alpha Trading", stage="repeat")
    beta = store.write(accounts.create_account, "Beta Foods", stage="first-time")
    gamma = store.write(accounts.create_account, "Gamma 建材", stage="explorer")
    delta = store.write(accounts.create_account, "Delta Lost", stage="skeptic")
    store.write(
        accounts.change_stage, delta.id, "repeat", "Second order", at=now - timedelta(days=420)
    )
    store.write(
        accounts.change_stage,
        delta.id,
        "lost",
        "Went to a competitor",
        lost_reason="competitor",
        at=now - timedelta(days=100),
    )
    _order(store, alpha.id, 10)
    _order(store, alpha.id, 60)
    _order(store, beta.id, 30)
    store.write(referrals.add_referral, gamma.id, alpha.id)
    store.write(commitments.add_commitment, alpha.id, "Send samples", due=today - timedelta(3))
    store.write(commitments.add_commitment, beta.id, "Call back", due=today + timedelta(7))
    store.write(
        visits.log_visit,
        beta.id,
        channel="in-person",
        functions=["care"],
        at=now - timedelta(days=200),
    )
    store.write(
        complaints.add_complaint,
        gamma.id,
        description="Late delivery",
        received_at=now - timedelta(days=10),
    )
    return {"alpha": alpha, "beta": beta, "gamma": gamma, "delta": delta}


def _show(window):
    window.nav.setCurrentItem(window.dashboard_item)
    settle(window)
    return window.dashboard


def test_the_dashboard_is_first_and_the_app_opens_on_the_customers(window, book):
    assert window.nav.item(0) is window.dashboard_item
    assert window.dashboard_item.text() == "Dashboard"
    assert window.nav.currentItem() is window.customers_item
    assert window.pages.currentWidget() is window.customer_split
    assert window.findChildren(DashboardSection) == [], "made and read when first shown"
    section = _show(window)
    assert window.pages.currentWidget() is section
    assert section.data is not None and section.at_risk is not None


def test_the_tiles_show_the_services_figures(window, store, book):
    data = store.read(dashboard)
    # The hand-made book (see the fixture), so a wrong figure in the service shows here too.
    assert (data.churn.part, data.churn.whole) == (1, 1)
    assert (data.repeat_purchase.part, data.repeat_purchase.whole) == (1, 2)
    assert (data.referral.referred, data.referral.added) == (1, 4)
    assert data.overdue_visits == 1
    assert (data.open_commitments, data.overdue_commitments) == (2, 1)
    assert data.open_complaints == 1

    section = _show(window)
    tiles = section.tiles
    assert tiles["churned"].value.text() == "100%"
    assert ">1</a> of 1 buying customers lost" in tiles["churned"].detail.text()
    assert tiles["churned"].note.text().startswith("Retention 0% · usual churn 20–40% a year")
    assert tiles["repeat-buyers"].value.text() == "50%"
    assert ">1</a> of <a" in tiles["repeat-buyers"].detail.text()
    assert tiles["referred"].value.text() == "25%"
    assert tiles["overdue-visits"].value.text() == str(data.overdue_visits)
    assert tiles["open-commitments"].value.text() == "2"
    assert ">1</a> past their due day" in tiles["open-commitments"].detail.text()
    assert tiles["open-complaints"].value.text() == "1"
    overdue = data.overdue_complaints
    assert f">{overdue}</a> past a response" in tiles["open-complaints"].detail.text()

    stages = {r.cells[0]: r.cells[1] for r in section.stage_model.rows}
    assert stages == {s.en: str(data.by_stage[s]) for s in Stage}
    assert stages["Repeat customer"] == "1" and stages["Lost customer"] == "1"
    tiers = {r.cells[0]: r.cells[1] for r in section.tier_model.rows}
    assert tiers == {**{t.en: "0" for t in Tier}, "No tier yet": "4"}
    roadmap = {r.cells[0]: r.cells[1] for r in section.roadmap_model.rows}
    assert roadmap["Repeat customer → Regular patron"] == "1"
    sentences = [r.cells[-1] for r in section.roadmap_model.rows]
    assert sentences[0].startswith("Make contact")
    wins = [r.cells for r in section.win_model.rows]
    assert [(c[0], c[2], c[3]) for c in wins] == [
        ("Prospects", "—", "6%"),
        ("New customers", "—", "15%"),
        ("Repeat and loyal customers", "—", "50%"),
    ]


def _listed(qtbot, section) -> CustomersBehindDialog:
    dialog = section.behind
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.heading.text() != "Reading…")
    return dialog


def test_clicking_a_figure_lists_exactly_the_customers_behind_it(qtbot, window, store, book):
    section = _show(window)
    names = {}
    for key, tile in section.tiles.items():
        qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
        settle(window)
        dialog = _listed(qtbot, section)
        expected = store.read(customers_behind, key)
        assert dialog.account_ids() == [r.id for r in expected], key
        names[key] = [r.cells[0] for r in dialog.model.rows]
    assert names["churned"] == ["Delta Lost"]
    assert names["repeat-buyers"] == ["Alpha Trading"]
    assert names["referred"] == ["Gamma 建材"]
    assert names["open-commitments"] == ["Alpha Trading", "Beta Foods"]
    assert "Beta Foods" in names["overdue-visits"]

    # A number in a tile's line, a stage's row, a roadmap cell: the same.
    section.tiles["open-commitments"].detail.linkActivated.emit("overdue-commitments")
    assert [r.cells[0] for r in _listed(qtbot, section).model.rows] == ["Alpha Trading"]
    assert section.behind.windowTitle() == "Customers with overdue promises"
    row = next(i for i, r in enumerate(section.stage_model.rows) if r.payload == "stage:repeat")
    table = section.stage_table
    qtbot.mouseClick(
        table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=table.visualRect(section.stage_model.index(row, 1)).center(),
    )
    dialog = _listed(qtbot, section)
    assert dialog.account_ids() == [book["alpha"].id]
    assert dialog.windowTitle() == "Customers at stage Repeat customer"
    step = next(
        i for i, r in enumerate(section.roadmap_model.rows) if r.payload.step.stage.code == "repeat"
    )
    assert section.roadmap_key(section.roadmap_model.index(step, 1)) == "stage:repeat"
    quarter = section.roadmap_model.rows[step].payload.moved[-1][0]
    assert section.roadmap_key(section.roadmap_model.index(step, 5)) == f"moved:repeat:{quarter}"

    # Enter on a customer of the list opens it in the customer list; the list stays open.
    dialog.table.setFocus()
    dialog.table.setCurrentIndex(dialog.model.index(0, 0))
    QTest.keyClick(dialog.table, Qt.Key.Key_Return)
    settle(window)
    assert window.nav.currentItem() is window.customers_item
    assert window.workspace.account_id == book["alpha"].id
    assert dialog.isVisible()


def test_an_at_risk_row_says_why_and_opens_the_customer(qtbot, window, store, book):
    expected = store.read(top_at_risk, 50)
    assert expected, "the book has customers at risk (overdue promise, visit, complaint)"
    section = _show(window)
    model = section.risk_model
    assert [r.payload.account_id for r in model.rows] == [c.account_id for c in expected]
    first = expected[0]
    cells = model.rows[0].cells
    assert cells[:4] == ("1", str(first.score), first.name, first.stage.en)
    for reason in first.reasons:
        assert reason.signal.en in cells[4]
        assert reason.en in section.reasons.text()  # the pane: "why is this customer at risk?"
        assert reason.en in model.data(model.index(0, 2), Qt.ItemDataRole.ToolTipRole)
    assert f"Why is {first.name} at risk? Score {first.score} of 100." in section.reasons.text()

    last = len(expected) - 1
    section.risk_table.setCurrentIndex(model.index(last, 0))  # the arrow keys: the pane follows
    assert expected[last].reasons[0].en in section.reasons.text()

    table = section.risk_table
    qtbot.mouseClick(
        table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=table.visualRect(model.index(last, 2)).center(),
    )
    settle(window)
    assert window.nav.currentItem() is window.customers_item
    assert window.workspace.account_id == expected[last].account_id


def test_a_burst_of_changes_reloads_the_figures_once(qtbot, window, store, book, monkeypatch):
    monkeypatch.setattr(dashboard_section, "RELOAD_DELAY_MS", 150)
    section = _show(window)
    shown: list[int] = []
    section.figuresShown.connect(lambda: shown.append(section.data.open_commitments))
    section._reload.setInterval(150)
    for what in ("One", "Two", "Three"):
        window.ops.write(commitments.add_commitment, book["gamma"].id, what).run()
    settle(window)
    qtbot.waitUntil(lambda: bool(shown), timeout=3000)
    settle(window)
    QTest.qWait(300)
    assert shown == [5]
    assert section.tiles["open-commitments"].value.text() == "5"

    # Hidden, a change only marks it stale: it reads again when shown.
    window.nav.setCurrentItem(window.customers_item)
    window.ops.write(commitments.add_commitment, book["gamma"].id, "Four").run()
    settle(window)
    QTest.qWait(300)
    assert shown == [5]
    _show(window)
    assert shown == [5, 6] and section.tiles["open-commitments"].value.text() == "6"


def test_saving_the_scores_stores_them_for_the_saved_views(qtbot, window, store, book):
    expected = {c.account_id: c.score for c in store.read(top_at_risk, 50)}
    section = _show(window)
    assert set(_stored_scores(store).values()) == {None}
    qtbot.mouseClick(section.store_scores, Qt.MouseButton.LeftButton)
    settle(window)
    stored = {a: s for a, s in _stored_scores(store).items() if s is not None}
    assert {a: s for a, s in stored.items() if s} == expected  # and the others scored 0
    assert f"At-risk scores saved ({len(stored)} changed)." in window.statusBar().currentMessage()
    assert section.store_scores.isEnabled()


def _stored_scores(store):
    with sqlite3.connect(store.path) as raw:
        return dict(raw.execute("SELECT id, risk_score FROM account"))
