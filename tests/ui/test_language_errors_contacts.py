"""Language switch, error handling, the contact dialog, translations and screenshots."""

from __future__ import annotations

import logging
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QPushButton

from trustdesk import paths
from trustdesk.domain.enums import Attitude, BuyingRole, RelationshipLevel
from trustdesk.logs import setup_logging
from trustdesk.services import contacts
from trustdesk.ui import errors
from trustdesk.ui.account.contact_dialog import ContactDialog
from trustdesk.ui.account.contacts_tab import ContactsTab, ContactTableModel
from trustdesk.ui.account.overview import OverviewTab
from trustdesk.ui.app import TrustDeskApp

from .helpers import settle

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "trustdesk_zh_CN.ts"


def test_language_switch_changes_visible_labels(qtbot, store, huake, english):
    app = TrustDeskApp(store, "en")
    qtbot.addWidget(app.window)
    app.window.show()
    app.window.open_account(huake.id)
    settle(app.window)
    assert app.window.customers_item.text() == "Customers"
    assert app.window.menuBar().actions()[0].text() == "&File"
    assert app.window.customers.model.headerData(1, Qt.Orientation.Horizontal) == "Stage"
    new = app.switch_language("zh")
    qtbot.addWidget(new)
    settle(new)
    assert new.customers_item.text() == "客户"
    assert new.menuBar().actions()[0].text() == "文件(&F)"
    assert new.workspace.tabs.tabText(2) == "联系人"
    assert new.workspace.account_id == huake.id, "the open customer stays open"
    assert "怀疑者" in new.workspace.tab(OverviewTab).stage_label.text()
    assert new.count_label.text() == "2 个客户"
    assert new.customers.model.headerData(1, Qt.Orientation.Horizontal) == "客户阶段"
    back = app.switch_language("en")
    qtbot.addWidget(back)
    assert back.customers_item.text() == "Customers"


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_slot_shows_a_dialog_and_logs(qtbot, english, monkeypatch):
    log_path = setup_logging()
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    errors.install_excepthook()
    button = QPushButton("boom")
    qtbot.addWidget(button)

    quoted = "could not reach 张三 at 13800138000"  # a bug whose message quotes a person

    def explode():
        raise RuntimeError(quoted)

    button.clicked.connect(explode)
    with qtbot.waitSignal(errors.reporter().shown, timeout=2000) as shown:
        button.click()
    box = shown.args[0]
    assert box.windowTitle() == "Something went wrong"
    assert "RuntimeError" in box.text()
    assert str(paths.log_file()) in box.informativeText()
    logging.getLogger("trustdesk").handlers[0].flush()
    text = log_path.read_text(encoding="utf-8")
    assert "RuntimeError" in text and "in explode" in text, "type and frames are logged"
    assert "Traceback" in text
    for secret in ("张三", "13800138000"):
        assert secret not in text and secret not in box.text() + box.detailedText()
    box.close()


def contact_dialog(ops, account_id, contact_id=None):
    return ContactDialog(
        ops, account_id, ops.store.read(contacts.contact_form, account_id, contact_id)
    )


def test_contact_dialog_saves_every_field(qtbot, ops, store, huake, english):
    boss = store.read(contacts.list_contacts, huake.id)[0]
    dialog = contact_dialog(ops, huake.id)
    qtbot.addWidget(dialog)
    dialog.editor("name").setText("李娜")
    dialog.editor("title").setText("采购经理")
    dialog.editor("department").setText("采购部")
    dialog.editor("mobile").setText("13800138000")
    dialog.editor("email").setText("li.na@huake.example")
    dialog.editor("wechat").setText("lina_wx")
    dialog.editor("birthday").setText("1985-03-08")
    dialog.editor("family_notes").setPlainText("女儿今年高考")
    dialog.reports_to.setCurrentIndex(dialog.reports_to.findData(boss.id))
    dialog.role_checks[BuyingRole.EXECUTOR].setChecked(True)
    dialog.role_checks[BuyingRole.INFLUENCER].setChecked(True)
    dialog.editor("level").setCurrentIndex(dialog.editor("level").findData("date"))
    dialog.editor("attitude").setCurrentIndex(dialog.editor("attitude").findData("supporter"))
    dialog.editor("depth").setCurrentIndex(dialog.editor("depth").findData("frequent"))
    with qtbot.waitSignal(dialog.accepted):
        dialog.accept()
    saved = store.read(contacts.get_contact, dialog.saved.id)
    assert (saved.name, saved.pinyin, saved.title, saved.department) == (
        "李娜", "li na", "采购经理", "采购部",
    )  # fmt: skip
    assert saved.reports_to_id == boss.id
    assert saved.roles == (BuyingRole.INFLUENCER, BuyingRole.EXECUTOR)
    assert saved.level is RelationshipLevel.DATE
    assert saved.attitude is Attitude.SUPPORTER
    assert str(saved.birthday) == "1985-03-08"
    assert saved.family_notes == "女儿今年高考"

    # Edit: the level change asks why and lands in the history shown next time.
    again = contact_dialog(ops, huake.id, saved.id)
    qtbot.addWidget(again)
    assert again.editor("email").text() == "li.na@huake.example"
    again.editor("level").setCurrentIndex(again.editor("level").findData("partner"))
    again.editor("level_reason").setText("家庭聚餐")
    with qtbot.waitSignal(again.accepted):
        again.accept()
    third = contact_dialog(ops, huake.id, saved.id)
    qtbot.addWidget(third)
    assert third.level_history.rowCount() == 2
    assert third.level_history.item(0, 1).text() == "Partner"
    assert third.level_history.item(0, 2).text() == "家庭聚餐"


def test_contact_dialog_shows_service_errors_beside_the_field(qtbot, ops, store, huake, english):
    dialog = contact_dialog(ops, huake.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.editor("name").setText("王伟")
    dialog.editor("email").setText("not-an-email")
    dialog.accept()
    assert ops.wait_idle()
    assert dialog.isVisible() and dialog.isEnabled()
    assert "not an email" in dialog.forms[0].error_text("email")
    assert len(store.read(contacts.list_contacts, huake.id)) == 2


def test_contact_table_model_passes_the_model_checker(qtbot, modeltester, ops, store, huake):
    model = ContactTableModel()
    model.set_people(store.read(contacts.list_contacts, huake.id))
    assert model.rowCount() == 2
    modeltester.check(model, force_py=True)
    model.set_people([])
    modeltester.check(model, force_py=True)


def test_contacts_tab_lists_people_with_labels(qtbot, huake, window):
    window.open_account(huake.id)
    window.workspace.tabs.setCurrentWidget(window.workspace.tab(ContactsTab))
    settle(window)
    model = window.workspace.tab(ContactsTab).model
    rows = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    assert set(rows) == {"张三", "Margaret Thompson"}
    assert model.index(rows["张三"], 4).data() == "Decision-maker"
    assert model.index(rows["Margaret Thompson"], 6).data() == "张三"
    assert "2 contacts" in window.workspace.subtitle.text()


def test_chinese_translation_is_complete_and_compiled(tmp_path):
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        from update_translations import QM, compile_qm, sources, tool
    finally:
        sys.path.pop(0)
    # Every tr() string in the code is in the .ts and translated: lupdate into a copy.
    copy = tmp_path / "check.ts"
    copy.write_bytes(TS.read_bytes())
    subprocess.run(
        [tool("pyside6-lupdate"), *sources(), "-no-obsolete", "-ts", str(copy)],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    root = ET.parse(copy).getroot()
    unfinished = [
        m.findtext("source")
        for m in root.iter("message")
        if m.find("translation").get("type") == "unfinished"
    ]
    assert unfinished == [], "run packaging/update_translations.py and translate these"
    fresh = tmp_path / "fresh.qm"
    compile_qm(TS, fresh)
    assert fresh.read_bytes() == QM.read_bytes(), "run packaging/update_translations.py"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_screenshot_command_writes_png(tmp_path, lang):
    db = tmp_path / "shot.sqlite3"
    run = [sys.executable, "-m", "trustdesk", "--db", str(db)]
    subprocess.run([*run, "demo", "--accounts", "12"], check=True, capture_output=True)
    for view in ("customers", "account", "map"):
        out = tmp_path / f"{view}-{lang}.png"
        proc = subprocess.run(
            [*run, "screenshot", view, "--out", str(out), "--lang", lang, "--size", "1200x800"],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr
        assert proc.stderr == "", proc.stderr
        image = QImage(str(out))
        assert (image.width(), image.height()) == (1200, 800)
    bad = subprocess.run(
        [*run, "screenshot", "account", "--account", "01NOPE", "--out", str(tmp_path / "x.png")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert bad.returncode == 2 and "No customer" in bad.stderr


def test_a_cjk_font_is_installed(qapp):
    """Set-up installs fonts-noto-cjk; without it Chinese renders as empty boxes."""
    from PySide6.QtGui import QFontDatabase, QFontMetrics

    from trustdesk.reports.qt_runtime import CJK_FAMILIES
    from trustdesk.ui.application import make_application

    available = set(QFontDatabase.families())
    assert available & set(CJK_FAMILIES), "no CJK font: run packaging/setup.sh (fonts-noto-cjk)"
    app = make_application()
    assert QFontMetrics(app.font()).inFont("关")


def test_a_color_emoji_font_is_installed_and_names_with_emoji_render(qapp):
    """Set-up installs fonts-noto-color-emoji; without it 王伟🎉 ends in an empty box."""
    from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetrics, QImage, QPainter

    from trustdesk.ui.application import make_application

    emoji_families = [f for f in QFontDatabase.families() if "emoji" in f.lower()]
    assert emoji_families, "no emoji font: run packaging/setup.sh (fonts-noto-color-emoji)"
    assert any(QFontMetrics(QFont(f)).inFontUcs4(0x1F389) for f in emoji_families)

    app = make_application()
    image = QImage(64, 64, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    font = QFont(app.font())
    font.setPixelSize(40)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(4, 50, "🎉")  # the app's own font, falling back as a name would
    painter.end()
    # a colour glyph, not a black outline of a missing-glyph box
    colours = {
        (c.red(), c.green(), c.blue())
        for x in range(0, 64, 2)
        for y in range(0, 64, 2)
        if (c := image.pixelColor(x, y)) and abs(c.red() - c.blue()) > 60
    }
    assert len(colours) > 5


def test_service_errors_show_in_chinese_in_the_chinese_ui(qtbot, ops, store, huake):
    from trustdesk.ui.i18n import install_language

    install_language("zh")
    try:
        dialog = contact_dialog(ops, huake.id)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.editor("name").setText("王伟")
        dialog.editor("birthday").setText("17/05/1980")
        dialog.accept()
        assert ops.wait_idle()
        assert dialog.forms[0].error_text("birthday") == "生日应为日期，例如 1980-05-17。"
    finally:
        install_language("en")
