"""Export everything (issue 16, 4): every table as a CSV read back with the csv module, the
manifest checked against the files, the spreadsheets read back with openpyxl, the .zip, and
what a failure or Cancel leaves behind (nothing)."""

from __future__ import annotations

import csv
import errno
import hashlib
import io
import json
import re
import sqlite3
import zipfile
from contextlib import closing
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.faults.conftest import read_only
from trustdesk import __version__
from trustdesk.db.base import Base
from trustdesk.errors import ExportFileError
from trustdesk.services import accounts, contacts, maintenance, visits
from trustdesk.services.exporting import target as target_module
from trustdesk.services.exporting.everything import export_all
from trustdesk.services.exporting.tables import DERIVED, exported_tables
from trustdesk.services.progress import Cancelled, Progress
from trustdesk.services.store import open_store

BOM = b"\xef\xbb\xbf"
ISO_UTC = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z")


@pytest.fixture
def store(tmp_path):
    """Two customers and a deleted one; 张三 with a birthday, roles and a level; a deleted
    person; a visit; a note that looks like a spreadsheet formula."""
    s = open_store(tmp_path / "data.sqlite3")
    acc = s.write(
        accounts.create_account,
        "深圳华科电子有限公司",
        region="深圳",
        tags=["重点"],
        stage="regular",
    )
    zhang = s.write(
        contacts.create_contact, acc.id, "张三", title="总经理", mobile="13812345678",
        birthday="1980-05-17", roles=["decision-maker"], level="partner",
        notes="爱喝茶, 周末打球;\n女儿今年高考",
    )  # fmt: skip
    s.write(contacts.create_contact, acc.id, "Margaret Thompson", reports_to_id=zhang.id,
            notes="=SUM(1,2)")  # fmt: skip
    gone = s.write(contacts.create_contact, acc.id, "王五", mobile="13900000000")
    s.write(contacts.delete_contact, gone.id)
    s.write(accounts.create_account, "Northwind Logistics Ltd", region="Sydney")
    old = s.write(accounts.create_account, "已关闭的公司")
    s.write(accounts.delete_account, old.id)
    s.write(visits.log_visit, acc.id, channel="in-person", functions=["care"],
            contact_ids=[zhang.id], notes="送样品")  # fmt: skip
    s.ids = {"acc": acc.id, "zhang": zhang.id, "gone": gone.id, "old": old.id}
    yield s
    s.close()


def table_counts(path: Path) -> dict[str, int]:
    with closing(sqlite3.connect(path)) as conn:
        return {
            t.name: conn.execute(f'SELECT count(*) FROM "{t.name}"').fetchone()[0]
            for t in exported_tables()
        }


def stored_columns(path: Path) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Per table, the columns the file has (table_info leaves computed ones out), and the
    key's columns in key order."""
    stored, keys = {}, {}
    with closing(sqlite3.connect(path)) as conn:
        for t in exported_tables():
            info = conn.execute(f'PRAGMA table_info("{t.name}")').fetchall()
            stored[t.name] = [row[1] for row in info]
            keys[t.name] = [row[1] for row in sorted(info, key=lambda r: r[5]) if row[5]]
    return stored, keys


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(BOM), "UTF-8 with a byte-order mark, so Excel and WPS read Chinese"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def by_column(rows: list[list[str]], column: str, value: str) -> dict[str, str]:
    header = rows[0]
    found = [
        dict(zip(header, r, strict=True)) for r in rows[1:] if r[header.index(column)] == value
    ]
    assert len(found) == 1, f"{value} in {column}: {len(found)} rows"
    return found[0]


def test_every_table_is_a_csv_with_every_row_as_stored(store, tmp_path):
    out = tmp_path / "export"
    summary = store.read(export_all, out, lang="zh")

    assert summary.path == out and out.is_dir()
    expected = {t.name for t in Base.metadata.sorted_tables} - DERIVED
    assert "search_doc" not in expected and "account" in expected
    csvs = {p.name for p in out.glob("*.csv")}
    assert csvs == {f"{name}.csv" for name in expected}
    counts = table_counts(store.path)
    stored, keys = stored_columns(store.path)
    for name in expected:
        rows = read_csv((out / f"{name}.csv").read_bytes())
        assert len(rows) - 1 == counts[name], name
        assert rows[0][: len(keys[name])] == keys[name], "the key first"
        assert sorted(rows[0]) == sorted(stored[name]), "every column SQLite stores"

    people = read_csv((out / "contact.csv").read_bytes())
    zhang = by_column(people, "name", "张三")
    assert zhang["mobile"] == "13812345678"
    assert zhang["notes"] == "爱喝茶, 周末打球;\n女儿今年高考"
    assert zhang["level"] == "partner" and zhang["birthday"] == "1980-05-17"
    assert zhang["deleted_at"] == "" and ISO_UTC.fullmatch(zhang["created_at"])
    assert "birthday_md" not in people[0], "computed by SQLite, not stored"
    gone = by_column(people, "name", "王五")
    assert ISO_UTC.fullmatch(gone["deleted_at"]), "deleted people are in, marked as such"
    customers = read_csv((out / "account.csv").read_bytes())
    assert ISO_UTC.fullmatch(by_column(customers, "name", "已关闭的公司")["deleted_at"])
    assert by_column(customers, "name", "深圳华科电子有限公司")["stage"] == "regular"
    assert (out / "contact.csv").read_bytes().count(b"\r\n") >= 4


def test_the_manifest_names_every_file_with_its_rows_and_checksum(store, tmp_path):
    out = tmp_path / "export"
    summary = store.read(export_all, out, lang="en", now=datetime(2026, 3, 1, 8, 30).astimezone())

    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert manifest == summary.manifest
    assert manifest["app_version"] == __version__
    assert manifest["schema_revision"] == maintenance.schema_head()
    assert manifest["exported_at"].endswith("Z")
    assert (
        datetime.fromisoformat(manifest["exported_at"]) == datetime(2026, 3, 1, 8, 30).astimezone()
    )
    listed = {f["file"]: f for f in manifest["files"]}
    on_disk = {p.name for p in out.iterdir()} - {"manifest.json"}
    assert set(listed) == on_disk
    counts = table_counts(store.path)
    for name, entry in listed.items():
        data = (out / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], name
        assert len(data) == entry["bytes"]
        if name.endswith(".csv"):
            assert entry["rows"] == counts[entry["table"]]
            assert read_csv(data)[0] == entry["columns"]
    assert listed["contacts.xlsx"]["live_only"] is True
    assert listed["contacts.xlsx"]["rows"] == 2  # 张三 and Margaret; not the deleted 王五


def values(sheet):
    return sheet.iter_rows(min_row=2, values_only=True)


def test_the_spreadsheets_are_for_people(store, tmp_path):
    out = tmp_path / "export"
    store.read(export_all, out, lang="zh")

    book = load_workbook(out / "contacts.xlsx")
    sheet = book.active
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["客户名称", "姓名", "拼音"]
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width >= 30
    rows = {
        r[1]: dict(zip(header, r, strict=True))
        for r in sheet.iter_rows(min_row=2, values_only=True)
    }
    assert set(rows) == {"张三", "Margaret Thompson"}, "live people only"
    zhang = rows["张三"]
    assert zhang["客户名称"] == "深圳华科电子有限公司"
    assert zhang["关系级别"] == "伙伴" and zhang["角色"] == "决策者"
    assert zhang["手机"] == "13812345678"
    assert rows["Margaret Thompson"]["上级"] == "张三"
    birthday_cell = next(c for c in sheet[2 if sheet.cell(2, 2).value == "张三" else 3]
                         if header[c.column - 1] == "生日")  # fmt: skip
    assert birthday_cell.is_date and birthday_cell.value.date() == date(1980, 5, 17)
    note = next(c for row in sheet.iter_rows(min_row=2) for c in row if c.value == "=SUM(1,2)")
    assert note.data_type == "s", "a note starting with = stays text, not a formula"

    customers = load_workbook(out / "customers.xlsx").active
    header = [c.value for c in customers[1]]
    rows = {
        r[0]: dict(zip(header, r, strict=True))
        for r in customers.iter_rows(min_row=2, values_only=True)
    }
    assert set(rows) == {"深圳华科电子有限公司", "Northwind Logistics Ltd"}
    assert rows["深圳华科电子有限公司"]["阶段"] == "老主顾"
    assert rows["深圳华科电子有限公司"]["标签"] == "重点"
    assert rows["深圳华科电子有限公司"]["联系人数"] == 2
    assert isinstance(rows["深圳华科电子有限公司"]["创建时间"], datetime)


def test_the_spreadsheets_in_english(store, tmp_path):
    out = tmp_path / "export"
    store.read(export_all, out, lang="en")
    sheet = load_workbook(out / "customers.xlsx").active
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Customer", "Kind", "Stage"]
    stages = {r[0]: r[2] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert stages["深圳华科电子有限公司"] == "Regular patron"


def test_a_zip_holds_the_same_files(store, tmp_path):
    folder = store.read(export_all, tmp_path / "as-folder", lang="zh")
    summary = store.read(export_all, tmp_path / "备份.zip", lang="zh")

    assert summary.is_zip and summary.path == tmp_path / "备份.zip"
    with zipfile.ZipFile(summary.path) as archive:
        assert archive.testzip() is None
        names = set(archive.namelist())
        assert names == {p.name for p in folder.path.iterdir()}
        manifest = json.loads(archive.read("manifest.json"))
        for entry in manifest["files"]:
            data = archive.read(entry["file"])
            assert hashlib.sha256(data).hexdigest() == entry["sha256"]
        people = read_csv(archive.read("contact.csv"))
        assert by_column(people, "name", "张三")["title"] == "总经理"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_folder_with_files_in_it_gets_a_dated_export_folder(store, tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / "photos.txt").write_text("mine")
    moment = datetime(2026, 3, 1, 8, 30, 5).astimezone()
    first = store.read(export_all, stick, lang="zh", now=moment)
    second = store.read(export_all, stick, lang="zh", now=moment)

    assert first.path == stick / "trustdesk-export-20260301-083005"
    assert second.path == stick / "trustdesk-export-20260301-083005-2"
    assert (stick / "photos.txt").read_text() == "mine"
    empty = tmp_path / "empty"
    empty.mkdir()
    assert store.read(export_all, empty, lang="zh").path == empty
    assert (empty / "manifest.json").is_file()


def test_places_that_cannot_be_used_are_refused_before_the_work(store, tmp_path):
    with pytest.raises(ExportFileError) as missing:
        store.read(export_all, tmp_path / "no" / "such" / "folder", lang="zh")
    assert "does not exist" in str(missing.value)
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(ExportFileError) as a_file:
        store.read(export_all, tmp_path / "notes.txt", lang="zh")
    assert "ending in .zip" in str(a_file.value) and "zip" in a_file.value.zh
    assert (tmp_path / "notes.txt").read_text() == "x"


class CancelAfter(Progress):
    """The user presses Cancel once ``steps`` progress reports have come."""

    def __init__(self, steps: int) -> None:
        super().__init__()
        self.left = steps

    def step(self, done: int, total: int | None = None, text: str | None = None) -> None:
        self.left -= 1
        if self.left == 0:
            self.cancel()
        super().step(done, total, text)


@pytest.mark.parametrize("name", ["export", "export.zip"])
def test_cancel_in_the_middle_leaves_no_file(store, tmp_path, name):
    before = set(tmp_path.iterdir())
    progress = CancelAfter(12)
    with pytest.raises(Cancelled):
        store.read(export_all, tmp_path / name, lang="zh", progress=progress)
    assert progress.state.done < progress.state.total, "it stopped part way"
    assert set(tmp_path.iterdir()) == before, "no export and no temporary file left"


@pytest.mark.parametrize("name", ["export", "export.zip"])
def test_a_read_only_destination_says_so_and_leaves_nothing(store, tmp_path, monkeypatch, name):
    stick = tmp_path / "stick"
    stick.mkdir()
    with read_only(stick, monkeypatch), pytest.raises(ExportFileError) as refused:
        store.read(export_all, stick / name, lang="zh")
    assert str(refused.value) == (
        f"Nothing was exported: {stick} cannot be written (it is read-only, or you have no "
        "permission there). Choose another place."
    )
    assert "只读" in refused.value.zh
    assert list(stick.iterdir()) == []


@pytest.mark.parametrize("name", ["export", "export.zip"])
def test_a_disk_that_fills_up_half_way_leaves_nothing(store, tmp_path, monkeypatch, name):
    real = target_module._Hashing.write
    written = {"bytes": 0}

    def fill_up(self, data):
        written["bytes"] += len(data)
        if written["bytes"] > 20_000:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, data)

    monkeypatch.setattr(target_module._Hashing, "write", fill_up)
    before = set(tmp_path.iterdir())
    with pytest.raises(ExportFileError) as full:
        store.read(export_all, tmp_path / name, lang="zh")
    assert str(full.value).startswith(f"Nothing was exported: the disk holding {tmp_path} is full")
    assert "磁盘已满" in full.value.zh
    assert set(tmp_path.iterdir()) == before
