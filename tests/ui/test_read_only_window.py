"""A database on read-only media (a USB stick, a mounted backup) opens to read, not to fail."""

from __future__ import annotations

from trustdesk.services import accounts, contacts
from trustdesk.services.store import open_store
from trustdesk.ui.account.contacts_tab import ContactsTab
from trustdesk.ui.account.overview import OverviewTab
from trustdesk.ui.main_window import MainWindow
from trustdesk.ui.map.tab import MapTab

from ..faults.conftest import read_only
from .helpers import settle


def test_a_read_only_database_shows_everything_and_offers_no_change(
    qtbot, tmp_path, monkeypatch, english
):
    folder = tmp_path / "stick"
    folder.mkdir()
    store = open_store(folder / "td.sqlite3")
    acc = store.write(accounts.create_account, "深圳华科电子有限公司", region="深圳")
    store.write(contacts.create_contact, acc.id, "张三", roles=["decision-maker"])
    store.close()
    with read_only(folder, monkeypatch) as how:
        store = open_store(folder / "td.sqlite3")
        try:
            assert store.read_only, how
            window = MainWindow(store)
            qtbot.addWidget(window)
            window.show()
            settle(window)
            assert window.message_bar.text().startswith("Read-only: this database's file")
            assert not window.message_bar.close_button.isVisible()
            assert not window.new_action.isEnabled()
            assert not window.restore_action.isEnabled()
            window.open_account(acc.id)
            settle(window)
            assert window.workspace.title.text() == "深圳华科电子有限公司", "reading works"
            overview = window.workspace.tab(OverviewTab)
            assert overview.form.editors["region"].text() == "深圳"
            assert not overview.save_button.isEnabled()
            assert not window.save_action.isEnabled() and not window.stage_action.isEnabled()
            assert not window.workspace.tab(ContactsTab).add_button.isEnabled()
            tab = window.workspace.tab(MapTab)
            window.workspace.tabs.setCurrentWidget(tab)
            settle(window)
            assert len(tab.scene.nodes) == 1 and not tab.add_action.isEnabled()
            zhang = next(iter(tab.scene.nodes))
            menu = tab.context_menu(zhang)
            enabled = [a.text() for a in menu.actions() if a.isEnabled()]
            assert enabled == ["Edit 张三…"], "only viewing the person is offered"
            # A write that still gets through is refused with the sentence, nothing changes.
            window.ops.write(accounts.update_account, acc.id, region="广州").run()
            settle(window)
            assert "Read-only" in window.message_bar.text()
            assert store.read(accounts.get_account, acc.id).region == "深圳"
            window.close()
        finally:
            store.close()
    assert sorted(p.name for p in folder.iterdir()) == ["td.sqlite3"], "no stray -wal/-shm"
