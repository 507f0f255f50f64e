"""File → Export everything…, File → Back up to… and Export contacts (vCard)… from the
window, with the file dialog answering as the user would."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
import vobject
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from tests.faults.conftest import read_only
from trustdesk.services import maintenance
from trustdesk.ui.account.contacts_tab import ContactsTab

from .helpers import settle, when_modal


def choose(monkeypatch, path, selected=""):
    """The save dialog answers ``path`` (and the filter picked), and remembers what it was
    asked."""
    asked = []

    def answer(parent, title, start, filters="", chosen_filter="", options=None):
        asked.append({"title": title, "start": start, "filters": filters})
        return str(path), selected or chosen_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    return asked


def accept_message(qtbot):
    """Read and close the next message box; returns [text] once it came."""
    said = []

    def read(box):
        said.append(box.text())
        box.accept()

    when_modal(qtbot, read)
    return said


def test_export_everything_writes_a_zip_and_says_what_and_where(
    qtbot, window, huake, tmp_path, monkeypatch
):
    asked = choose(monkeypatch, tmp_path / "全部数据")  # the ZIP filter: .zip is added
    said = accept_message(qtbot)

    window.export_all_action.trigger()
    qtbot.waitUntil(lambda: bool(said), timeout=20_000)
    settle(window)

    out = tmp_path / "全部数据.zip"
    assert asked[0]["title"] == "Export everything"
    assert asked[0]["start"].endswith(".zip")
    assert said[0].startswith("Exported ")
    assert "the spreadsheets of 2 customers and 2 contacts to:" in said[0]
    assert said[0].endswith(str(out))
    assert window.statusBar().currentMessage() == f"Exported everything to {out}."
    with zipfile.ZipFile(out) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        text = archive.read("contact.csv").decode("utf-8-sig")
    names = {row["name"] for row in csv.DictReader(io.StringIO(text, newline=""))}
    assert names == {"张三", "Margaret Thompson"}
    assert {"customers.xlsx", "contacts.xlsx"} <= {f["file"] for f in manifest["files"]}


def test_export_everything_into_a_new_folder(qtbot, window, huake, tmp_path, monkeypatch):
    choose(monkeypatch, tmp_path / "导出", selected="A new folder (*)")
    said = accept_message(qtbot)

    window.export_all_action.trigger()
    qtbot.waitUntil(lambda: bool(said), timeout=20_000)
    settle(window)

    assert (tmp_path / "导出" / "manifest.json").is_file()
    assert (tmp_path / "导出" / "customers.xlsx").is_file()
    assert said[0].endswith(str(tmp_path / "导出"))


def test_export_everything_to_a_read_only_place_says_so(
    qtbot, window, huake, tmp_path, monkeypatch
):
    stick = tmp_path / "stick"
    stick.mkdir()
    choose(monkeypatch, stick / "x.zip")
    with read_only(stick, monkeypatch):
        window.export_all_action.trigger()
        settle(window)
    box = shown_box()
    assert box.text() == (
        f"Nothing was exported: {stick} cannot be written (it is read-only, or you have no "
        "permission there). Choose another place."
    )
    box.close()
    assert list(stick.iterdir()) == []


def shown_box() -> QMessageBox:
    boxes = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]
    assert len(boxes) == 1
    return boxes[0]


def test_back_up_to_a_chosen_file_that_restore_accepts(qtbot, window, huake, tmp_path, monkeypatch):
    stick = tmp_path / "U盘"
    stick.mkdir()
    asked = choose(monkeypatch, stick / "我的备份")
    said = accept_message(qtbot)

    window.backup_to_action.trigger()
    qtbot.waitUntil(lambda: bool(said), timeout=20_000)

    copy = stick / "我的备份.sqlite3"
    assert asked[0]["title"] == "Back up to" and asked[0]["start"].endswith(".sqlite3")
    assert said[0].startswith(f"The database was backed up to:\n{copy}")
    assert f"trustdesk db restore {copy}" in said[0]
    maintenance.verify_backup(copy)  # raises unless it is a good TrustDesk backup
    assert [p.name for p in stick.iterdir()] == [copy.name]


def test_back_up_to_a_read_only_place_says_so(qtbot, window, huake, tmp_path, monkeypatch):
    stick = tmp_path / "stick"
    stick.mkdir()
    choose(monkeypatch, stick / "b.sqlite3")
    with read_only(stick, monkeypatch) as how:
        if how == "patched os.access":  # the backup asks the file system, not os.access
            pytest.skip("no way to make a folder read-only for this user here")
        window.backup_to_action.trigger()
        settle(window)
    box = shown_box()
    assert box.text() == (
        f"The backup could not be written to {stick}: it is read-only, or you have no "
        "permission there. Choose another place; no backup was made."
    )
    box.close()


def test_vcard_of_the_open_customer_from_the_menu_and_the_contacts_tab(
    qtbot, window, huake, tmp_path, monkeypatch
):
    assert not window.vcard_action.isEnabled(), "no customer open"
    window.open_account(huake.id)
    settle(window)
    assert window.vcard_action.isEnabled()
    asked = choose(monkeypatch, tmp_path / "华科")

    window.vcard_action.trigger()
    settle(window)

    out = tmp_path / "华科.vcf"
    assert asked[0]["start"].endswith("深圳华科电子有限公司.vcf")
    cards = {c.fn.value: c for c in vobject.readComponents(out.read_text("utf-8"))}
    assert set(cards) == {"张三", "Margaret Thompson"}
    assert (cards["张三"].n.value.family, cards["张三"].n.value.given) == ("张", "三")
    assert window.statusBar().currentMessage() == (
        f"Saved 2 contact cards of 深圳华科电子有限公司 to {out}."
    )

    out.unlink()
    tab = window.workspace.tab(ContactsTab)
    window.workspace.tabs.setCurrentWidget(tab)
    tab.vcard_button.click()
    settle(window)
    assert len(list(vobject.readComponents(out.read_text("utf-8")))) == 2
