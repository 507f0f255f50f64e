"""GUI fixtures: a store on a temporary database and an English main window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from tests.fresh import fresh_database
from trustdesk.services import accounts, contacts
from trustdesk.services.store import open_store
from trustdesk.ui.i18n import install_language
from trustdesk.ui.main_window import MainWindow
from trustdesk.ui.ops import Ops

from .helpers import settle


def delete_closed_widgets() -> None:
    """Delete now what was closed and scheduled for deletion. pytest-qt's ``deleteLater``
    would otherwise run inside a later test's event loop, destroying a window whose
    database was closed meanwhile (an intermittent segfault under load)."""
    if QCoreApplication.instance() is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def store(tmp_path):
    s = open_store(fresh_database(tmp_path / "ui.sqlite3"))
    yield s
    delete_closed_widgets()  # the widgets of the test go while their database is open
    s.close()


@pytest.fixture
def ops(store, qapp):
    """The database worker a window would have, for testing a dialog on its own."""
    worker = Ops(store)
    yield worker
    worker.shutdown()


@pytest.fixture
def english(qapp):
    install_language("en")
    yield
    install_language("en")


@pytest.fixture
def window(qtbot, store, english):
    w = MainWindow(store)
    qtbot.addWidget(w)
    w.show()
    settle(w)
    yield w
    w.close()
    w.deleteLater()
    delete_closed_widgets()


@pytest.fixture
def huake(store):
    """A Chinese company with 张三 (decision-maker) and Margaret Thompson."""
    acc = store.write(accounts.create_account, "深圳华科电子有限公司", region="深圳", tags=["重点"])
    zhang = store.write(
        contacts.create_contact, acc.id, "张三", title="总经理", roles=["decision-maker"]
    )
    store.write(contacts.create_contact, acc.id, "Margaret Thompson", reports_to_id=zhang.id)
    store.write(accounts.create_account, "Northwind Logistics Ltd", region="Sydney")
    return acc


@pytest.fixture
def modeltester(qtmodeltester, monkeypatch):
    """pytest-qt's model checker without its per-index debug lines (thousands of them for a
    paged list), so a failing test's log shows the failure, not the walk."""
    monkeypatch.setattr(qtmodeltester, "_debug", lambda _text: None)
    return qtmodeltester
