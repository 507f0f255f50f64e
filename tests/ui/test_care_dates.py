"""Care dates in the contact dialog (seed 004): added at once, refused with a sentence, removed;
they raise reminders like birthdays."""

from datetime import date

from trustdesk.services import care_dates, contacts, visit_plan
from trustdesk.ui.account.contact_dialog import ContactDialog


def _dialog(ops, store, account_id, contact_id):
    form = store.read(contacts.contact_form, account_id, contact_id)
    return ContactDialog(ops, account_id, form)


def test_a_care_date_added_in_the_dialog_is_saved_and_reminded(qtbot, ops, store, huake, english):
    zhang = next(c for c in store.read(contacts.list_contacts, huake.id) if c.name == "张三")
    dialog = _dialog(ops, store, huake.id, zhang.id)
    qtbot.addWidget(dialog)
    box = dialog.care_dates
    box.day.setText("2027-06-07")
    box.note.setText("女儿高考")
    box.add()
    qtbot.waitUntil(lambda: box.table.rowCount() == 1, timeout=5000)
    assert box.table.item(0, 1).text() == "女儿高考"
    saved = store.read(care_dates.list_care_dates, zhang.id)
    assert [(c.day, c.note, c.yearly) for c in saved] == [(date(2027, 6, 7), "女儿高考", False)]
    assert [r.what for r in store.read(visit_plan.reminders, on=date(2027, 6, 3))] == ["女儿高考"]

    box.day.setText("2027-02-30")  # refused: the sentence shows, nothing is added
    box.note.setText("x")
    box.add()
    qtbot.waitUntil(lambda: not box.error.isHidden(), timeout=5000)
    assert "date" in box.error.text().lower()
    assert len(store.read(care_dates.list_care_dates, zhang.id)) == 1

    box.table.setCurrentCell(0, 0)
    box.remove()
    qtbot.waitUntil(lambda: box.table.rowCount() == 0, timeout=5000)
    assert store.read(care_dates.list_care_dates, zhang.id) == []


def test_a_new_person_says_to_save_first(qtbot, ops, store, huake, english):
    dialog = _dialog(ops, store, huake.id, None)
    qtbot.addWidget(dialog)
    ops.wait_idle()
    assert not dialog.care_dates.add_button.isEnabled()
    assert dialog.care_dates.note.placeholderText() == "Save the person first"
