"""The import wizard (OFF-2): a GB18030 CSV as WPS saves it goes through every page: the
preview in another encoding and back, a column matched by hand, one duplicate merged, the rest
imported with every Chinese name intact and the new customer in the list. A broken file says
one sentence and writes nothing; a cancelled import leaves the database as it was."""

from __future__ import annotations

import csv
import time

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QWizard,
)

from trustdesk.services import accounts, contacts
from trustdesk.services.importing.mapping import ImportField
from trustdesk.services.importing.planning import Decision
from trustdesk.services.progress import Progress
from trustdesk.ui import ops as ops_module
from trustdesk.ui.account.contacts_tab import ContactsTab
from trustdesk.ui.importing import wizard as wizard_module
from trustdesk.ui.importing.duplicates import DECISION, IN_FILE, DuplicatesModel
from trustdesk.ui.importing.rejects import RejectsDialog, RejectsModel
from trustdesk.ui.importing.wizard import DUPLICATES, FILE, IMPORT, MAPPING, PREVIEW, ImportWizard

from .helpers import settle, when_modal

HEADER = "姓名,手机,公司,职务,邮箱,生日,微信号码"
ROWS = (
    "张伟,138 0013 8000,深圳华科电子有限公司,总经理,zhangwei@huake.cn,,zw_huake",  # same phone
    "张三,13900000000,深圳华科电子有限公司,,,,",  # same name at the customer
    "李娜,13700000001,广州新城贸易有限公司,采购经理,lina@xincheng.cn,1985-03-08,lina88",
    "王芳,13600000002,广州新城贸易有限公司,财务,,,",
    "陳美玲,13500000003,,,,,",  # no company: an individual customer
    "赵磊,13400000004,深圳华科电子有限公司,工程师,,,",
    "李娜,13700000001,广州新城贸易有限公司,,,,",  # line 4 again
    "周杰,13300000005,广州新城贸易有限公司,,,1980/13/45,",  # a birthday that is no date
)


# The choice's list opens on the click; the offscreen platform cannot raise it or give it the
# keyboard, and says so.
popup = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)


def gb18030_csv(folder, rows=ROWS):
    path = folder / "客户通讯录.csv"
    path.write_bytes(("\r\n".join([HEADER, *rows]) + "\r\n").encode("gb18030"))
    return path


@pytest.fixture
def zhang_wei(store, huake):
    """张伟 at 华科, with his mobile but no title or email yet."""
    return store.write(contacts.create_contact, huake.id, "张伟", mobile="13800138000")


@pytest.fixture
def choose(monkeypatch):
    """The file dialogs answer with the paths the test gives."""
    chosen: dict[str, str] = {}
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (chosen.get("open", ""), "")))  # fmt: skip
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (chosen.get("save", ""), "")))  # fmt: skip
    return chosen


def idle(qtbot, wizard: ImportWizard) -> None:
    qtbot.waitUntil(lambda: not wizard.busy and not wizard.ops.busy, timeout=10_000)


def open_file(qtbot, wizard: ImportWizard, choose, path) -> None:
    choose["open"] = str(path)
    wizard.file_page.browse_button.click()
    idle(qtbot, wizard)


def choose_encoding(qtbot, wizard: ImportWizard, codec: str) -> None:
    combo = wizard.preview_page.encoding
    position = combo.findData(codec)
    assert position >= 0, codec
    combo.setCurrentIndex(position)
    combo.activated.emit(position)
    idle(qtbot, wizard)


def preview_cell(wizard: ImportWizard, row: int, column: int) -> str:
    item = wizard.preview_page.table.item(row, column)
    return item.text() if item is not None else ""


def next_page(qtbot, wizard: ImportWizard) -> None:
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert next_button.isEnabled()
    next_button.click()
    idle(qtbot, wizard)


def decide(qtbot, wizard: ImportWizard, name: str, decision: Decision) -> None:
    """Click the row's What to do cell and pick ``decision`` in the list that opens."""
    page = wizard.duplicates_page
    model, table = page.model, page.table
    row = next(r for r in range(model.rowCount())
               if model.index(r, IN_FILE).data().startswith(name))  # fmt: skip
    index = model.index(row, DECISION)
    table.scrollTo(index)
    rect = table.visualRect(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = table.findChild(QComboBox, "decisionEditor")
    assert editor is not None, "a click on the cell opens the choice"
    position = editor.findText(decision.en)
    assert position >= 0, [editor.itemText(i) for i in range(editor.count())]
    editor.setCurrentIndex(position)
    editor.activated.emit(position)
    qtbot.waitUntil(lambda: model.index(row, DECISION).data() == decision.en)


def duplicates_model(wizard: ImportWizard) -> DuplicatesModel:
    """The duplicates page's model, on its own (the model checker outlives the wizard)."""
    model = DuplicatesModel()
    assert wizard.state.review is not None
    model.set_review(wizard.state.review, wizard.duplicates_page.model.decisions())
    return model


def progress_dialogs() -> list[QProgressDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)]


def names_at(store, account_name: str) -> dict[str, contacts.ContactData]:
    found = [a for a in store.read(accounts.list_accounts).rows if a.name == account_name]
    assert len(found) == 1, account_name
    return {c.name: c for c in store.read(contacts.list_contacts, found[0].id)}


def everything(store) -> tuple[list, list]:
    rows = store.read(accounts.list_accounts).rows
    people = [c for a in rows for c in store.read(contacts.list_contacts, a.id)]
    return sorted((a.id, a.name, a.updated_at) for a in rows), sorted(
        (c.id, c.name, c.title, c.email, c.updated_at) for c in people
    )


@popup
def test_a_gb18030_file_goes_through_every_page_and_is_imported_intact(
    qtbot, window, store, zhang_wei, choose, tmp_path, modeltester
):
    path = gb18030_csv(tmp_path)
    window.open_account(zhang_wei.account_id)  # 华科 open beside the list
    window.workspace.tabs.setCurrentWidget(window.workspace.tab(ContactsTab))
    settle(window)
    wizard = ImportWizard(window.ops, window)
    qtbot.addWidget(wizard)
    wizard.show()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # no file yet

    # File → read on the worker, then the preview.
    open_file(qtbot, wizard, choose, path)
    assert wizard.currentId() == PREVIEW
    page = wizard.preview_page
    assert page.read_as.text() == "客户通讯录.csv · CSV · GB18030, detected"
    assert page.table.horizontalHeaderItem(0).text() == "姓名"
    assert [preview_cell(wizard, r, 0) for r in range(3)] == ["张伟", "张三", "李娜"]
    assert preview_cell(wizard, 4, 0) == "陳美玲"
    assert page.counts.text() == "Rows to import: 8"
    offered = [page.encoding.itemData(i) for i in range(page.encoding.count())]
    assert offered[0] == "gb18030" and {"utf-8", "big5", "utf-16"} <= set(offered)

    # An encoding the file is not in says so, and the file stays as it was read.
    choose_encoding(qtbot, wizard, "utf-8")
    assert "is not utf-8 text" in page.error.text() and page.error.isVisibleTo(page)
    assert page.read_as.text().endswith("GB18030, detected")
    assert page.encoding.currentData() == "gb18030" and preview_cell(wizard, 0, 0) == "张伟"
    choose_encoding(qtbot, wizard, "gb18030")  # the one read: the sentence goes
    assert preview_cell(wizard, 0, 0) == "张伟" and not page.error.isVisibleTo(page)

    # Mapping: guessed from the headers; the WeChat column is matched by hand.
    next_page(qtbot, wizard)
    assert wizard.currentId() == MAPPING
    mapping = wizard.mapping_page
    assert mapping.mapping() == [ImportField.NAME, ImportField.MOBILE, ImportField.CUSTOMER,
                                 ImportField.TITLE, ImportField.EMAIL, ImportField.BIRTHDAY,
                                 ImportField.IGNORE]  # fmt: skip
    assert mapping.table.item(6, 0).text() == "微信号码"
    assert mapping.table.item(6, 1).text() == "zw_huake"  # a sample of the column
    mapping.combos[0].setCurrentIndex(mapping.combos[0].findData("ignore"))
    mapping.combos[2].setCurrentIndex(mapping.combos[2].findData("ignore"))
    assert "Choose the column with the person's name" in mapping.error.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    mapping.combos[0].setCurrentIndex(mapping.combos[0].findData("name"))
    mapping.combos[2].setCurrentIndex(mapping.combos[2].findData("customer"))
    mapping.combos[6].setCurrentIndex(mapping.combos[6].findText("WeChat"))
    assert not mapping.error.isVisibleTo(mapping)

    # Duplicates: 张伟 (same phone), 张三 (same name at 华科), 李娜 again (line 4).
    next_page(qtbot, wizard)
    assert wizard.currentId() == DUPLICATES
    duplicates = wizard.duplicates_page
    model = duplicates.model
    assert model.rowCount() == 3
    shown = {model.index(r, IN_FILE).data().split(" · ")[0]: r for r in range(3)}
    assert set(shown) == {"张伟", "张三", "李娜"}
    zw = shown["张伟"]
    assert model.index(zw, 2).data() == "张伟 · 深圳华科电子有限公司\n13800138000"
    assert model.index(zw, 3).data() == "same phone"
    assert model.index(shown["李娜"], 3).data() == "same phone, as line 4 of this file"
    assert all(model.index(r, DECISION).data() == "Skip" for r in range(3))  # the default
    assert duplicates.summary.text().startswith("New: 4.")
    assert duplicates.rejected.text() == "Cannot be imported: 1 (each with the reason)."
    decide(qtbot, wizard, "张伟", Decision.MERGE)
    assert wizard.button(QWizard.WizardButton.NextButton).text() == "Import"

    # The row not imported: listed and saved as CSV to fix.
    rejects = tmp_path / "rejects.csv"
    choose["save"] = str(rejects)

    def save_and_close(dialog):
        assert isinstance(dialog, RejectsDialog)
        modeltester.check(RejectsModel(dialog.rows), force_py=True)
        assert dialog.model.index(0, 0).data() == "9"
        assert "1980/13/45" in dialog.model.index(0, 1).data()
        dialog.save_button.click()
        qtbot.waitUntil(lambda: dialog.saved.isVisible())
        dialog.reject()

    done = when_modal(qtbot, save_and_close)
    duplicates.show_rejects.click()
    assert done
    with rejects.open(encoding="utf-8-sig", newline="") as saved:
        table = list(csv.reader(saved))
    assert table[0] == ["Reason", "Line", *HEADER.split(",")]
    assert table[1][1:4] == ["9", "周杰", "13300000005"]

    # Import: one write; the counts; the list shows the new customer.
    next_page(qtbot, wizard)
    assert wizard.currentId() == IMPORT
    counts = {key: label.text() for key, label in wizard.import_page.counts.items()}
    assert counts == {"new": "4", "updated": "0", "merged": "1", "skipped": "2",
                      "rejected": "1", "new_customers": "2"}  # fmt: skip
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled()

    huake = names_at(store, "深圳华科电子有限公司")
    assert set(huake) == {"张三", "Margaret Thompson", "张伟", "赵磊"}
    merged = huake["张伟"]  # blanks filled, nothing of ours replaced
    assert (merged.title, merged.email, merged.wechat, merged.mobile) == (
        "总经理", "zhangwei@huake.cn", "zw_huake", "13800138000"
    )  # fmt: skip
    assert huake["张三"].title == "总经理" and huake["张三"].mobile == ""  # skipped
    xincheng = names_at(store, "广州新城贸易有限公司")
    assert set(xincheng) == {"李娜", "王芳"}
    assert xincheng["李娜"].wechat == "lina88" and xincheng["李娜"].title == "采购经理"
    assert set(names_at(store, "陳美玲")) == {"陳美玲"}

    settle(window)
    listed = [window.customers.model.index(r, 0).data()
              for r in range(window.customers.model.rowCount())]  # fmt: skip
    assert "广州新城贸易有限公司" in listed and "陳美玲" in listed
    people = window.workspace.tab(ContactsTab).model  # the open customer's people too
    shown = {people.index(r, 0).data(): r for r in range(people.rowCount())}
    assert {"张伟", "赵磊"} <= set(shown)
    assert people.index(shown["张伟"], 1).data() == "总经理"
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.imported is not None and wizard.imported.merged == 1


def test_a_wrong_encoding_is_corrected_on_the_preview(qtbot, ops, store, choose, tmp_path):
    """A Big5 file (Taiwan, Hong Kong) read as GB18030 shows nonsense; choosing Big5 makes
    the names readable again, and they are imported as the preview shows them."""
    path = tmp_path / "台北客戶.csv"
    rows = ["姓名,公司,職稱", "陳美玲,台北貿易股份有限公司,經理",
            "林志強,台北貿易股份有限公司,業務"]  # fmt: skip
    path.write_bytes(("\r\n".join(rows) + "\r\n").encode("big5"))
    wizard = ImportWizard(ops)
    qtbot.addWidget(wizard)
    wizard.show()
    open_file(qtbot, wizard, choose, path)
    page = wizard.preview_page
    assert page.read_as.text().endswith("Big5, detected")
    assert preview_cell(wizard, 0, 0) == "陳美玲"
    choose_encoding(qtbot, wizard, "gb18030")
    nonsense = preview_cell(wizard, 0, 0)
    assert nonsense and nonsense != "陳美玲"
    assert page.table.horizontalHeaderItem(0).text() != "姓名"
    assert page.read_as.text().endswith("GB18030, chosen")
    choose_encoding(qtbot, wizard, "big5")
    assert [preview_cell(wizard, r, 0) for r in range(2)] == ["陳美玲", "林志強"]
    assert page.table.horizontalHeaderItem(2).text() == "職稱"
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    assert wizard.import_page.counts["new"].text() == "2"
    people = names_at(store, "台北貿易股份有限公司")
    assert set(people) == {"陳美玲", "林志強"} and people["林志強"].title == "業務"


def test_a_phones_vcard_is_imported_through_the_same_pages(qtbot, ops, store, huake, choose,
                                                           tmp_path, modeltester):  # fmt: skip
    """An iPhone's vCard 3.0: one card at a customer already here, one private contact."""
    path = tmp_path / "iPhone 通讯录.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:王;小明;;;\r\nFN:王小明\r\nORG:深圳华科电子有限公司\r\n"
        "TITLE:工程师\r\nTEL;TYPE=CELL:13812345678\r\nTEL;TYPE=WORK:0755-12345678\r\n"
        "EMAIL;TYPE=INTERNET:xm@huake.cn\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:李;四;;;\r\nFN:李四\r\nTEL;TYPE=CELL:13900001111\r\n"
        "END:VCARD\r\n",
        encoding="utf-8",
    )
    wizard = ImportWizard(ops)
    qtbot.addWidget(wizard)
    wizard.show()
    open_file(qtbot, wizard, choose, path)
    assert wizard.preview_page.read_as.text() == "iPhone 通讯录.vcf · vCard · UTF-8, detected"
    assert [preview_cell(wizard, r, 0) for r in range(2)] == ["王小明", "李四"]
    next_page(qtbot, wizard)
    assert wizard.mapping_page.mapping()[:2] == [ImportField.NAME, ImportField.CUSTOMER]
    next_page(qtbot, wizard)
    assert wizard.duplicates_page.model.rowCount() == 0
    modeltester.check(duplicates_model(wizard), force_py=True)
    next_page(qtbot, wizard)
    counts = {key: label.text() for key, label in wizard.import_page.counts.items()}
    assert counts["new"] == "2" and counts["new_customers"] == "1"  # 李四, an individual
    wang = names_at(store, "深圳华科电子有限公司")["王小明"]
    assert (wang.title, wang.mobile, wang.phone, wang.email) == (
        "工程师", "13812345678", "0755-12345678", "xm@huake.cn"
    )  # fmt: skip
    assert set(names_at(store, "李四")) == {"李四"}


def test_people_without_a_company_can_be_left_out(qtbot, ops, store, choose, tmp_path):
    wizard = ImportWizard(ops)
    qtbot.addWidget(wizard)
    wizard.show()
    open_file(qtbot, wizard, choose, gb18030_csv(tmp_path, ROWS[2:5]))
    next_page(qtbot, wizard)
    wizard.mapping_page.findChild(QRadioButton, "noCustomer_skip").click()
    next_page(qtbot, wizard)
    assert wizard.duplicates_page.rejected.text() == "Cannot be imported: 1 (each with the reason)."
    next_page(qtbot, wizard)
    assert wizard.import_page.counts["new"].text() == "2"
    assert wizard.import_page.counts["rejected"].text() == "1"
    assert "names no customer" in wizard.imported.rejected[0].reason_en
    names = {a.name for a in store.read(accounts.list_accounts).rows}
    assert names == {"广州新城贸易有限公司"}


def test_the_mapping_is_remembered_for_the_same_headers(qtbot, ops, store, choose, tmp_path):
    path = gb18030_csv(tmp_path, ROWS[2:4])
    first = ImportWizard(ops)
    qtbot.addWidget(first)
    first.show()
    open_file(qtbot, first, choose, path)
    next_page(qtbot, first)
    assert first.mapping_page.source.text().startswith("Guessed")
    first.mapping_page.combos[6].setCurrentIndex(first.mapping_page.combos[6].findData("wechat"))
    next_page(qtbot, first)
    assert first.duplicates_page.summary.text().startswith("New: 2. No duplicates")
    assert not first.duplicates_page.table.isVisibleTo(first.duplicates_page)
    next_page(qtbot, first)
    assert first.import_page.counts["new"].text() == "2"

    again = ImportWizard(ops)
    qtbot.addWidget(again)
    again.show()
    open_file(qtbot, again, choose, path)
    next_page(qtbot, again)
    assert again.mapping_page.source.text().startswith("As you matched them last time")
    assert again.mapping_page.mapping()[6] is ImportField.WECHAT


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("通讯录.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "is a picture"),
        ("通讯录.xlsx", b"PK\x03\x04" + b"\x00" * 40, "workbook"),
        ("通讯录.csv", b"", "empty"),
    ],
)
def test_a_broken_file_says_one_sentence_and_writes_nothing(
    qtbot, ops, store, huake, choose, tmp_path, name, content, says
):
    before = everything(store)
    path = tmp_path / name
    path.write_bytes(content)
    wizard = ImportWizard(ops)
    qtbot.addWidget(wizard)
    wizard.show()
    open_file(qtbot, wizard, choose, path)
    page = wizard.file_page
    assert wizard.currentId() == FILE
    text = page.error.text()
    assert says in text and name in text and "Traceback" not in text
    assert text.count(".") <= 3 and "\n" not in text  # one sentence
    assert page.error.isVisibleTo(page)
    assert everything(store) == before


def test_the_sentence_is_in_the_interface_language(qtbot, ops, store, choose, tmp_path):
    from trustdesk.ui.i18n import install_language

    path = tmp_path / "通讯录.csv"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)))
    install_language("zh")
    try:
        wizard = ImportWizard(ops)
        qtbot.addWidget(wizard)
        wizard.show()
        open_file(qtbot, wizard, choose, path)
        assert "是 PDF 文档" in wizard.file_page.error.text()
    finally:
        install_language("en")


@popup
def test_cancel_during_the_import_leaves_the_database_unchanged(
    qtbot, ops, store, zhang_wei, choose, tmp_path, monkeypatch
):
    path = gb18030_csv(tmp_path)
    wizard = ImportWizard(ops)
    qtbot.addWidget(wizard)
    wizard.show()
    open_file(qtbot, wizard, choose, path)
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    assert wizard.currentId() == DUPLICATES
    decide(qtbot, wizard, "张伟", Decision.UPDATE)
    before = everything(store)
    real_step = Progress.step

    def slow_step(self, done, total=None, text=None):
        """A long import: each step waits until the user cancels (at most 5 s)."""
        real_step(self, done, total, text)
        deadline = time.monotonic() + 5
        while not self.cancelled and time.monotonic() < deadline:
            time.sleep(0.01)
        self.check()

    monkeypatch.setattr(Progress, "step", slow_step)
    monkeypatch.setattr(ops_module, "PROGRESS_DELAY_MS", 0)  # the dialog shows at once
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert wizard.busy and not wizard.button(QWizard.WizardButton.BackButton).isEnabled()
    assert not wizard.button(QWizard.WizardButton.CancelButton).isEnabled()
    wizard.reject()  # Esc while importing: the wizard stays (Cancel is the progress dialog's)
    assert wizard.isVisible()
    qtbot.waitUntil(lambda: any(d.isVisible() for d in progress_dialogs()))
    dialog = next(d for d in progress_dialogs() if d.isVisible())
    cancel = dialog.findChild(QPushButton)
    assert cancel.text() == "Cancel"
    cancel.click()
    idle(qtbot, wizard)
    page = wizard.import_page
    assert page.error.text() == "Cancelled; nothing was imported."
    assert everything(store) == before
    assert names_at(store, "深圳华科电子有限公司")["张伟"].title == ""
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    assert wizard.button(QWizard.WizardButton.BackButton).isEnabled()  # to change the choices

    monkeypatch.setattr(Progress, "step", real_step)
    page.again_button.click()
    idle(qtbot, wizard)
    assert page.counts["updated"].text() == "1" and page.counts["new"].text() == "4"
    assert names_at(store, "深圳华科电子有限公司")["张伟"].title == "总经理"


def test_apply_to_all_offers_only_what_a_row_can_take(qtbot, ops, store, zhang_wei, choose,
                                                     tmp_path, modeltester):  # fmt: skip
    wizard = ImportWizard(ops)
    qtbot.addWidget(wizard)
    wizard.show()
    open_file(qtbot, wizard, choose, gb18030_csv(tmp_path))
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    page = wizard.duplicates_page
    modeltester.check(duplicates_model(wizard), force_py=True)
    page.all_choice.setCurrentIndex(page.all_choice.findData("merge"))
    page.apply_all.click()
    chosen = {page.model.index(r, IN_FILE).data().split(" · ")[0]:
              page.model.index(r, DECISION).data() for r in range(3)}  # fmt: skip
    # 李娜 repeats line 4 of the file: there is no record to merge into.
    assert chosen == {"张伟": "Merge (fill blanks)", "张三": "Merge (fill blanks)", "李娜": "Skip"}
    # Back and Next again: the plan is made again and the choices are kept.
    wizard.back()
    next_page(qtbot, wizard)
    assert page.model.decisions() == {2: Decision.MERGE, 3: Decision.MERGE, 8: Decision.SKIP}


def test_file_menu_opens_the_wizard_with_ctrl_i(qtbot, window, monkeypatch):
    calls = []
    monkeypatch.setattr(wizard_module, "open_import_wizard",
                        lambda ops, parent: calls.append(parent))  # fmt: skip
    action = window.import_action
    assert action.text() == "&Import contacts and customers…"
    assert action.shortcut().toString() == "Ctrl+I"
    assert action in window.menuBar().actions()[0].menu().actions()
    action.trigger()
    assert calls == [window]


def test_the_wizard_fits_the_default_window(qtbot, window, zhang_wei, choose, tmp_path):
    wizard = ImportWizard(window.ops, window)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.width() <= window.width() and wizard.height() <= window.height()
    open_file(qtbot, wizard, choose, gb18030_csv(tmp_path))
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    table = wizard.duplicates_page.table
    for row in range(table.model().rowCount()):
        rect = table.visualRect(table.model().index(row, DECISION))
        assert table.viewport().rect().contains(rect.topLeft() + QPoint(1, 1))
