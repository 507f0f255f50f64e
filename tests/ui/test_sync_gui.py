"""Team sync in the window (OFF-3): what the status bar says, the Conflicts screen, and a real
sync with a PostgreSQL server from the menu."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtWidgets import QLineEdit

from trustdesk.db.base import new_id
from trustdesk.services import accounts, contacts
from trustdesk.services.progress import Cancelled, Progress
from trustdesk.sync import laptop
from trustdesk.sync.conflicts import list_conflicts
from trustdesk.sync.status import remember_server
from trustdesk.ui.errors import reporter
from trustdesk.ui.team.conflicts import ConflictsDialog
from trustdesk.ui.team.controller import WordedProgress
from trustdesk.ui.team.server_dialog import TeamServerDialog
from trustdesk.ui.team.texts import step_words

from .helpers import settle, when_modal

ADDRESS = "postgresql+psycopg://sales@team.example:5432/crm"


def _stamp(ms: int) -> str:
    """A hybrid logical clock as the server writes it: milliseconds first."""
    return f"{ms:016d}-0000-device"


def add_conflict(store, table, record_id, field, winner, loser, *, kind="field",
                 winner_device="LAPTOP-WANG", loser_device="LAPTOP-LI") -> int:  # fmt: skip
    """A conflict as a sync copies it from the server (``run._store_conflicts``)."""
    now = datetime.now(UTC)
    winner_ms = int((now - timedelta(minutes=5)).timestamp() * 1000)
    loser_ms = int((now - timedelta(hours=3)).timestamp() * 1000)

    def insert(session) -> int:
        conn = session.connection()
        cid = conn.exec_driver_sql(
            "SELECT coalesce(max(id), 0) + 1 FROM sync_conflict"
        ).scalar_one()
        conn.exec_driver_sql(
            "INSERT INTO sync_conflict (id, kind, table_name, record_id, field, winner_op, "
            "loser_op, winner_value, loser_value, winner_device, loser_device, winner_hlc, "
            "loser_hlc, detected_at, resolved_at, resolved_by_op, resolution_sent) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, 1)",
            (cid, kind, table, record_id, field, new_id(), new_id(),
             json.dumps(winner, ensure_ascii=False), json.dumps(loser, ensure_ascii=False),
             winner_device, loser_device, _stamp(winner_ms), _stamp(loser_ms),
             now.replace(tzinfo=None).isoformat(sep=" ")),
        )  # fmt: skip
        return int(cid)

    return store.write(insert)


def status_text(window) -> str:
    settle(window)
    return window.team.widget.text()


def test_the_progress_of_a_sync_is_said_in_words(english):
    shown = Progress()
    worded = WordedProgress(shown, step_words())
    worded.step(10, 40, "push")
    assert (shown.state.done, shown.state.total) == (10, 40)
    assert shown.state.text == "Sending your edits to the team…"
    worded.step(3, 9, "pull")
    assert shown.state.text == "Receiving the team's changes…"
    shown.cancel()  # Cancel in the dialog stops the sync at its next step
    with pytest.raises(Cancelled):
        worded.step(4, 9, "pull")


def test_alone_the_status_bar_says_so_quietly(window):
    """The default: no team server, no count of edits to send, no alarm."""
    assert status_text(window) == "Not syncing with a team"
    assert not window.team.widget.label.isEnabled()  # the palette's grey
    assert not window.team.widget.conflicts.isVisible()
    assert not window.message_bar.isVisible()


def test_with_a_team_the_bar_says_last_sync_edits_to_send_and_conflicts(
    qtbot, window, store, huake
):
    store.write(remember_server, ADDRESS)
    window.team.refresh()
    pending = store.read(laptop.pending_count)
    assert pending > 1
    assert status_text(window) == f"Never synced · {pending} edits to send"
    assert "team.example:5432/crm" in window.team.widget.label.toolTip()

    store.write(laptop.stamp_synced, ADDRESS)
    zhang = store.read(contacts.list_contacts, huake.id)[0]
    add_conflict(store, "contact", zhang.id, "mobile", "13900000003", "13800000002")
    window.ops.write(accounts.update_account, huake.id, region="广州").run()  # the bar follows
    text = status_text(window)
    assert re.fullmatch(r"Synced \d\d:\d\d · \d+ edits? to send · 1 conflict", text), text
    assert window.team.widget.conflicts.isVisibleTo(window)

    opened = when_modal(qtbot, lambda dialog: dialog.reject())
    window.team.widget.conflicts.click()  # the link opens the Conflicts screen
    assert opened and isinstance(opened[0], ConflictsDialog)


@pytest.fixture
def conflicts_dialog(qtbot, window):
    def open_dialog() -> ConflictsDialog:
        dialog = ConflictsDialog(window.ops, window)
        qtbot.addWidget(dialog)
        dialog.show()
        settle(window)
        return dialog

    return open_dialog


def test_conflicts_show_both_values_and_keeping_one_is_an_edit_to_send(
    window, store, huake, conflicts_dialog
):
    zhang = next(c for c in store.read(contacts.list_contacts, huake.id) if c.name == "张三")
    store.write(contacts.update_contact, zhang.id, mobile="13900000003")  # the server's
    store.write(remember_server, ADDRESS)
    add_conflict(store, "contact", zhang.id, "mobile", "13900000003", "13800000002")
    add_conflict(store, "account", huake.id, "stage", "repeat", "regular")
    dialog = conflicts_dialog()

    assert dialog.count_label.text() == "2 conflicts to look at"
    rows = [[dialog.model.index(r, c).data() for c in range(4)] for r in range(2)]
    assert rows[0][:2] == ["深圳华科电子有限公司", "Stage"]  # newest first; codes in words
    assert rows[0][2].startswith("Repeat customer") and rows[0][3].startswith("Regular patron")
    assert rows[1][:2] == ["张三 · 深圳华科电子有限公司", "Mobile"]
    assert rows[1][2] == "13900000003  (LAPTOP-WANG)"
    assert rows[1][3] == "13800000002  (LAPTOP-LI)"

    dialog.table.selectRow(1)
    assert dialog.title.text() == "张三 · 深圳华科电子有限公司 — Mobile"
    assert dialog.kept.title() == "Kept by the server"
    assert dialog.kept.value.text() == "13900000003"
    assert dialog.kept.origin.text().startswith("Edited on LAPTOP-WANG, ")
    assert dialog.other.value.text() == "13800000002"
    assert dialog.other.origin.text().startswith("Edited on LAPTOP-LI, ")
    assert dialog.now_label.text() == "On this laptop now: 13900000003"

    before = store.read(laptop.pending_count)
    dialog.other.keep.click()  # keep the value the server did not
    settle(window)
    assert store.read(contacts.get_contact, zhang.id).mobile == "13800000002"
    assert [c.field for c in store.read(list_conflicts)] == ["stage"]
    assert dialog.count_label.text() == "1 conflict to look at"
    assert "kept 13800000002" in dialog.status.text()
    assert store.read(laptop.pending_count) > before  # the choice syncs like any edit
    assert window.team.widget.conflicts.text() == "1 conflict"


def test_a_delete_against_an_edit_reads_deleted_on_x_edited_on_y_kept(
    window, store, huake, conflicts_dialog
):
    store.write(remember_server, ADDRESS)
    deleted = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")
    add_conflict(store, "account", huake.id, "deleted_at", "广州", deleted, kind="delete",
                 winner_device="LAPTOP-WANG", loser_device="LAPTOP-LI")  # fmt: skip
    dialog = conflicts_dialog()

    assert dialog.model.index(0, 1).data() == "Deleted and edited"
    assert dialog.other.title().startswith("Deleted on LAPTOP-LI, ")
    assert dialog.kept.title().startswith("Edited on LAPTOP-WANG, ")
    assert dialog.kept.title().endswith(" — kept")
    assert dialog.kept.keep.text() == "Keep the record"
    assert dialog.other.keep.text() == "Delete it"

    dialog.kept.keep.click()
    settle(window)
    assert store.read(accounts.get_account, huake.id).region == "深圳"  # untouched, alive
    assert store.read(list_conflicts) == []
    assert window.customers.model.rowCount() == 2
    assert not window.team.widget.conflicts.isVisibleTo(window)


def _type_password(password):
    def fill(dialog):
        assert isinstance(dialog, TeamServerDialog)
        assert dialog.password_edit.echoMode() == QLineEdit.EchoMode.Password
        dialog.password_edit.setText(password)
        dialog.accept()
        if dialog.isVisible():  # refused (no address): fail, not hang on the dialog
            dialog.reject()

    return fill


def _wait_synced(qtbot, window):
    qtbot.waitUntil(lambda: not window.team.syncing, timeout=20_000)
    settle(window)


def test_sync_now_pulls_a_teammates_customer_into_the_list(
    qtbot, window, store, team, pg_url, pg_server, monkeypatch
):
    other = team.laptop("wang")
    other.write(accounts.create_account, "杭州云帆科技有限公司", region="杭州")
    team.sync(other)
    mine = store.write(accounts.create_account, "成都蓝海贸易有限公司", region="成都")
    monkeypatch.delenv("TRUSTDESK_SERVER_PASSWORD")  # asked in the window, kept in memory

    asked = when_modal(qtbot, lambda dialog: (
        dialog.address_edit.setText(pg_url), _type_password(pg_server.password)(dialog)
    ))  # fmt: skip
    window.sync_now()  # no server yet: Team server… comes first
    _wait_synced(qtbot, window)
    assert asked
    names = [
        window.customers.model.index(r, 0).data() for r in range(window.customers.model.rowCount())
    ]
    assert "杭州云帆科技有限公司" in names and "成都蓝海贸易有限公司" in names
    assert re.match(r"Synced \d\d:\d\d", status_text(window))
    assert "edits to send" not in status_text(window)
    assert window.statusBar().currentMessage().startswith("Synced: ")
    assert not window.team.widget.conflicts.isVisibleTo(window)  # a first sync is calm
    assert not window.message_bar.isVisible()

    team.sync(other)  # and the window's customer reached the team
    assert other.read(accounts.get_account, mine.id).name == "成都蓝海贸易有限公司"

    other.write(accounts.create_account, "武汉长江物流有限公司")
    team.sync(other)
    window.sync_now()  # the password of this session: not asked again
    _wait_synced(qtbot, window)
    assert window.customers.model.rowCount() == len(names) + 1


def test_a_wrong_password_is_a_sentence_and_nothing_is_lost(
    qtbot, window, store, team, pg_url, pg_server, monkeypatch
):
    monkeypatch.delenv("TRUSTDESK_SERVER_PASSWORD")
    store.write(remember_server, pg_url)
    window.team.refresh()
    settle(window)
    acc = store.write(accounts.create_account, "成都蓝海贸易有限公司")
    pending = store.read(laptop.pending_count)

    when_modal(qtbot, _type_password("not-the-password"))
    window.sync_now()
    _wait_synced(qtbot, window)
    shown = window.message_bar.text()
    assert shown.startswith("Not synced: The server at 127.0.0.1:")
    assert "refused the user name or password" in shown and "Your edits are kept here." in shown
    assert "not-the-password" not in shown and "Traceback" not in shown
    assert not reporter().dialogs  # no crash dialog
    assert store.read(laptop.pending_count) == pending
    assert store.read(accounts.get_account, acc.id).name == "成都蓝海贸易有限公司"
    assert status_text(window).startswith("Never synced")

    asked = when_modal(qtbot, _type_password(pg_server.password))  # asked again
    window.sync_now()
    _wait_synced(qtbot, window)
    assert asked and "Not synced" not in window.message_bar.text()
    assert re.match(r"Synced \d\d:\d\d", status_text(window))


def test_the_conflicts_screenshot_shows_sample_conflicts_on_a_copy(qapp, english, tmp_path):
    """``trustdesk screenshot conflicts`` needs no server: it writes sample conflicts into a
    copy of the database, never into the user's file."""
    from PySide6.QtGui import QImage

    from trustdesk.services.store import open_store
    from trustdesk.ui.screenshot import take_screenshot

    path = tmp_path / "mine.sqlite3"
    store = open_store(path)
    acc = store.write(accounts.create_account, "深圳华科电子有限公司")
    store.write(contacts.create_contact, acc.id, "张三", mobile="13800000001", title="总经理")
    store.write(contacts.create_contact, acc.id, "李四", title="采购经理")
    store.write(accounts.create_account, "杭州云帆科技有限公司", address="杭州市西湖区")
    store.close()
    out = take_screenshot(path, "conflicts", tmp_path / "conflicts.png", size=(1200, 800))
    assert not QImage(str(out)).isNull()
    store = open_store(path)
    try:
        assert store.read(list_conflicts) == []
        assert store.read(laptop.state).server is None
    finally:
        store.close()


def test_a_laptop_that_synced_with_one_server_is_refused_another(window, store):
    """Its place in the server's log belongs to that server (as ``trustdesk sync --server``)."""
    store.write(laptop.stamp_synced, ADDRESS)
    dialog = TeamServerDialog(window, address=ADDRESS, synced_with=ADDRESS)
    dialog.address_edit.setText("postgresql://sales@other-server:5432/crm")
    dialog.accept()
    assert dialog.address is None and dialog.error.isVisibleTo(dialog)
    assert dialog.error.text().startswith(
        "This database syncs with the server at team.example:5432/crm, not other-server:5432/crm"
    )
    dialog.address_edit.setText("postgresql://boss@team.example:5432/crm")  # same server
    dialog.accept()
    assert dialog.address == "postgresql+psycopg://boss@team.example:5432/crm"
