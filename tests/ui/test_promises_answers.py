"""Issue 11 in the window: promises (COM-1..3), suggested levels (REL-6), standard answers
(VIS-5) and the team rules in Settings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QLabel, QPushButton

from trustdesk.domain.enums import BottomLine, CommitmentStatus, RelationshipLevel
from trustdesk.services import commitments, contacts, team_settings, visits
from trustdesk.ui.account.contacts_tab import ContactsTab
from trustdesk.ui.account.overview import OverviewTab
from trustdesk.ui.commitments.approvals import ApprovalsDialog
from trustdesk.ui.commitments.dialogs import CommitmentDialog, StatusDialog
from trustdesk.ui.commitments.tab import CommitmentsTab
from trustdesk.ui.settings_dialog import SettingsDialog

from .helpers import settle, when_modal

LIMITS = {
    BottomLine.DISCOUNT: 15,
    BottomLine.DELIVERY: 7,
    BottomLine.FREE_SERVICE: 365,
    BottomLine.GIFT_VALUE: 500,
}


def people_of(store, account_id):
    return {p.name: p for p in store.read(contacts.list_contacts, account_id)}


def open_tab(window, account_id, tab_type):
    window.open_account(account_id)
    tab = window.workspace.tab(tab_type)
    window.workspace.tabs.setCurrentWidget(tab)
    settle(window)
    return tab


def test_a_commitment_made_through_the_dialog_is_saved_and_listed(qtbot, window, store, huake):
    tab = open_tab(window, huake.id, CommitmentsTab)
    zhang = people_of(store, huake.id)["张三"]

    def fill(dialog):
        dialog.what.setPlainText("Send the revised quotation")
        dialog.contact.setCurrentIndex(dialog.contact.findData(zhang.id))
        dialog.due.setText("2030-01-15")
        dialog.accept()

    when_modal(qtbot, fill)
    tab.new_commitment()
    settle(window)
    saved = store.read(commitments.list_commitments, account_id=huake.id)
    assert [(p.what, p.contact_id, p.due.isoformat()) for p in saved] == [
        ("Send the revised quotation", zhang.id, "2030-01-15")
    ]
    model = tab.model
    assert model.rowCount() == 1
    cells = [model.index(0, c).data() for c in range(model.columnCount())]
    assert saved[0].owner, "by whom: the user who made it"
    assert cells[:5] == ["Send the revised quotation", "张三", saved[0].owner, "2030-01-15", "Open"]
    assert window.statusBar().currentMessage() == "Promise saved."
    assert window.workspace.tabs.tabText(window.workspace.tabs.indexOf(tab)) == "Commitments"


def test_broken_needs_a_reason_then_keeps_its_history(qtbot, window, store, huake):
    promise = store.write(
        commitments.add_commitment, huake.id, "Deliver the samples", due="2020-05-01"
    )
    tab = open_tab(window, huake.id, CommitmentsTab)
    red = tab.model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole)
    assert red is not None and red.name() == "#b3261e", "overdue shows in red"
    assert tab.model.index(0, 4).data() == "Overdue"

    dialog = StatusDialog(window.ops, promise, tab)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.status.setCurrentIndex(dialog.status.findData("broken"))
    dialog.accept()
    settle(window)
    assert dialog.isVisible(), "the refusal keeps the dialog open"
    assert "Say why the promise is broken" in dialog.forms[0].error_text("reason")
    assert store.read(commitments.get_commitment, promise.id).status is CommitmentStatus.OPEN
    assert len(store.read(commitments.history, promise.id)) == 1, "nothing saved"

    dialog.reason.setPlainText("The factory shut for the holiday")
    dialog.accept()
    settle(window)
    assert not dialog.isVisible()
    assert store.read(commitments.get_commitment, promise.id).status is CommitmentStatus.BROKEN
    history = store.read(commitments.history, promise.id)
    assert [(h.from_status, h.to_status, h.reason) for h in history] == [
        (None, CommitmentStatus.OPEN, ""),
        (CommitmentStatus.OPEN, CommitmentStatus.BROKEN, "The factory shut for the holiday"),
    ]
    # The history panel of the selected promise, newest first.
    tab.table.selectRow(0)
    settle(window)
    shown = [tab.history.item(0, c).text() for c in range(2, 5)]
    assert shown == ["Open", "Broken", "The factory shut for the holiday"]
    # The Overview's Promises box names it (COM-3).
    overview = open_tab(window, huake.id, OverviewTab)
    assert "Broken: Deliver the samples" in overview.promises.text()


def test_overview_says_when_no_promise_is_overdue_or_broken(window, store, huake):
    store.write(commitments.add_commitment, huake.id, "Call back", due="2099-01-01")
    overview = open_tab(window, huake.id, OverviewTab)
    assert overview.promises.text() == "No overdue or broken promises."


def test_a_value_beyond_the_bottom_line_waits_for_approval(qtbot, window, store, huake):
    tab = open_tab(window, huake.id, CommitmentsTab)
    dialog = CommitmentDialog(window.ops, huake.id, [], LIMITS, tab)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.what.setPlainText("18 % off the second order")
    dialog.line.setCurrentIndex(dialog.line.findData("discount"))
    qtbot.keyClicks(dialog.value, "12")
    assert dialog.hint.text() == "Within the bottom line (limit 15 %)"
    dialog.value.clear()
    qtbot.keyClicks(dialog.value, "18")
    assert dialog.hint.text() == "Beyond the bottom line (limit 15 %): needs approval"
    dialog.accept()
    settle(window)
    assert dialog.saved is not None and dialog.saved.needs_approval
    assert tab.model.index(0, 5).data() == "Needs approval"

    approvals = ApprovalsDialog(window.ops, window)
    qtbot.addWidget(approvals)
    approvals.show()
    settle(window)
    assert [p.what for p in approvals.model.promises] == ["18 % off the second order"]
    assert approvals.model.index(0, 0).data() == "深圳华科电子有限公司"
    assert approvals.detail.text() == "Maximum discount 18 %"
    approvals.approve_button.click()
    settle(window)
    assert approvals.model.rowCount() == 0
    assert approvals.empty.isVisible()
    assert store.read(commitments.list_commitments, needs_approval=True) == []
    assert tab.model.index(0, 5).data() == "Approved"


def test_ctrl_k_type_enter_copies_the_answer(qtbot, window):
    QGuiApplication.clipboard().clear()
    assert window.answers_action.shortcut().toString() == "Ctrl+K"
    seen = {}

    def use(dialog):
        qtbot.keyClicks(dialog.search, "discount")
        settle(window)
        seen["questions"] = [
            dialog.results.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole).question
            for i in range(dialog.results.topLevelItemCount())
        ]
        qtbot.keyClick(dialog.search, Qt.Key.Key_Down)  # stays in the box, moves the choice
        seen["chosen"] = dialog.selected()
        qtbot.keyClick(dialog.search, Qt.Key.Key_Return)

    when_modal(qtbot, use)
    window.activateWindow()
    qtbot.keyClick(window.customers.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    settle(window)
    # Both languages' "go any lower" answers match; the interface language's comes first.
    assert seen["questions"] == ["Can you go any lower?", "能不能再便宜一点？"]
    assert seen["chosen"].question == "能不能再便宜一点？"
    assert QGuiApplication.clipboard().text() == seen["chosen"].answer
    assert window.statusBar().currentMessage() == "Copied: 能不能再便宜一点？"


def log_meal(store, account_id, contact_id):
    store.write(
        visits.log_visit,
        account_id,
        channel="entertainment",
        functions=["relationship"],
        contact_ids=[contact_id],
        activities=["entertainment"],
        at="2026-10-12T12:00:00",
    )


def test_accepting_a_suggested_level_writes_history_with_the_evidence(window, store, huake):
    zhang = people_of(store, huake.id)["张三"]
    log_meal(store, huake.id, zhang.id)
    tab = open_tab(window, huake.id, ContactsTab)
    panel = tab.suggestions
    assert panel.isVisible()
    assert [s.contact_id for s in panel.suggestions] == [zhang.id]
    row = panel.rows[zhang.id]
    text = row.findChild(QLabel, "suggestionText").text()
    assert text.startswith("Suggest for 张三: Date — Entertainment on 2026-10-12")
    tabs = window.workspace.tabs
    assert tabs.tabText(tabs.indexOf(tab)) == "Contacts (1 suggested)"
    sentence = panel.suggestions[0].sentence("en")
    assert sentence.startswith("Entertainment on 2026-10-12")
    row.findChild(QPushButton, "acceptSuggestion").click()
    settle(window)
    history = store.read(contacts.level_history, zhang.id)
    assert (history[-1].to_level, history[-1].reason) == (RelationshipLevel.DATE, sentence)
    assert not panel.isVisible()
    assert tabs.tabText(tabs.indexOf(tab)) == "Contacts"
    assert window.statusBar().currentMessage() == "张三 is now Date."


def test_dismissing_a_suggestion_hides_it_for_good(window, store, huake):
    margaret = people_of(store, huake.id)["Margaret Thompson"]
    log_meal(store, huake.id, margaret.id)
    tab = open_tab(window, huake.id, ContactsTab)
    tab.suggestions.rows[margaret.id].findChild(QPushButton, "dismissSuggestion").click()
    settle(window)
    assert not tab.suggestions.isVisible()
    tab.mark_stale()  # read again from the database: still not offered
    settle(window)
    assert tab.suggestions.suggestions == []
    assert store.read(contacts.get_contact, margaret.id).level is RelationshipLevel.NONE


def test_team_rules_are_saved_and_a_refused_value_says_why(qtbot, window, store):
    dialog = SettingsDialog(window, window.ops)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(window)
    fields = dialog.team.fields
    assert fields["limit_discount"].text() == "15"
    fields["limit_discount"].setText("abc")
    fields["rhythm_deep_days"].setText("20")
    dialog.accept()
    settle(window)
    assert dialog.isVisible()
    error = dialog.team.forms[2].error_text("limit_discount")
    assert error == "Bottom line: maximum discount must be a whole number from 0 to 1000000 %."
    assert store.read(team_settings.get_setting, "rhythm_deep_days") != 20, "all or nothing"

    fields["limit_discount"].setText("12")
    fields["visit_cadence_days:regular"].setText("45")
    dialog.accept()
    settle(window)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert store.read(team_settings.get_setting, "limit_discount") == 12
    assert store.read(team_settings.get_setting, "rhythm_deep_days") == 20
    cadence = store.read(team_settings.cadence_by_stage)
    assert {s.code: d for s, d in cadence.items()}["regular"] == 45


def test_calendar_export_from_the_menu_writes_a_calendar_a_reader_parses(
    qtbot, window, store, huake, tmp_path
):
    from icalendar import Calendar

    from trustdesk.ui.calendar_dialog import CalendarExportDialog

    zhang = people_of(store, huake.id)["张三"]
    store.write(commitments.add_commitment, huake.id, "寄送样品", contact_id=zhang.id,
                due="2030-01-15")  # fmt: skip
    dialog = CalendarExportDialog(window.ops, window)
    out = tmp_path / "日历.ics"
    dialog.path.setText(str(out))
    dialog.accept()
    qtbot.waitUntil(lambda: dialog.written is not None, timeout=10_000)
    calendar = Calendar.from_ical(out.read_bytes())
    todos = [c for c in calendar.walk("VTODO")]
    assert any("寄送样品" in str(t.get("SUMMARY")) for t in todos)
    again = CalendarExportDialog(window.ops, window)
    again.path.setText(str(tmp_path / "again.ics"))
    again.start.setText("2030-13-01")  # refused before anything is written
    again.accept()
    settle(window)
    assert "YYYY-MM-DD" in again.form.error_text("start")
    assert again.written is None and not (tmp_path / "again.ics").exists()
