"""What the import wizard reads before anything is written: the records its duplicates match
(to show side by side), whether the mapping proposed was remembered or guessed, and the rows
not imported saved as CSV, with a sentence when the folder cannot be written."""

from __future__ import annotations

import csv

import pytest

from tests.fresh import fresh_database
from trustdesk.services import accounts, contacts
from trustdesk.services.importing.importer import run_import
from trustdesk.services.importing.mapping import ImportField
from trustdesk.services.importing.review import (
    RecordSummary,
    RejectsFileError,
    proposed_mapping,
    review_import,
    write_rejects,
)
from trustdesk.services.importing.table import SourceFormat, SourceRow, SourceTable, UnreadRow
from trustdesk.services.store import open_store

HEADERS = ["姓名", "手机", "公司"]


def table(*rows: tuple[str, ...]) -> SourceTable:
    return SourceTable(SourceFormat.CSV, "gb18030", True, list(HEADERS),
                       [SourceRow(n, r) for n, r in enumerate(rows, start=2)])  # fmt: skip


@pytest.fixture
def store(tmp_path):
    s = open_store(fresh_database(tmp_path / "review.sqlite3"))
    yield s
    s.close()


def test_duplicates_come_with_the_record_they_match(store):
    huake = store.write(accounts.create_account, "深圳华科电子有限公司", phone="0755-8888")
    zhang = store.write(contacts.create_contact, huake.id, "张伟", mobile="13800138000",
                        email="zw@huake.cn")  # fmt: skip
    mapping = [ImportField.NAME, ImportField.MOBILE, ImportField.CUSTOMER]
    review = store.read(review_import, table(
        ("张伟", "138-0013-8000", "深圳华科电子有限公司"),
        ("李娜", "13700000001", "广州新城贸易有限公司"),
        ("", "", "深圳华科电子有限公司"),  # a customer-only row: the customer is here
    ), mapping)  # fmt: skip
    assert [r.line for r in review.plan.duplicates] == [2, 4]
    assert review.records == {
        zhang.id: RecordSummary("张伟", "深圳华科电子有限公司", "13800138000", "zw@huake.cn"),
        huake.id: RecordSummary("深圳华科电子有限公司", "深圳华科电子有限公司", "0755-8888", ""),
    }
    assert store.read(accounts.list_accounts).total == 1  # nothing written


def test_the_mapping_proposed_says_whether_it_was_remembered(store):
    guessed, remembered = store.read(proposed_mapping, HEADERS)
    assert (guessed, remembered) == ([ImportField.NAME, ImportField.MOBILE,
                                      ImportField.CUSTOMER], False)  # fmt: skip
    chosen = [ImportField.NAME, ImportField.PHONE, ImportField.CUSTOMER]
    store.write(run_import, table(("李娜", "13700000001", "广州新城贸易有限公司")), chosen)
    assert store.read(proposed_mapping, HEADERS) == (chosen, True)


def test_rejects_are_saved_as_csv_or_refused_with_a_sentence(tmp_path):
    rows = [UnreadRow(9, "周杰,13300000005,新城", "The birthday is no date.", "生日不是日期。")]
    saved = write_rejects(tmp_path / "not-imported.csv", rows, HEADERS, "zh")
    with saved.open(encoding="utf-8-sig", newline="") as f:
        written = list(csv.reader(f))
    assert written == [["原因", "行号", *HEADERS],
                       ["生日不是日期。", "9", "周杰", "13300000005", "新城"]]  # fmt: skip
    with pytest.raises(RejectsFileError) as refused:
        write_rejects(tmp_path / "no such folder" / "x.csv", rows, HEADERS, "en")
    assert "could not be saved" in refused.value.message and "Traceback" not in str(refused.value)
    assert "无法把未导入的行保存到" in refused.value.zh
