"""OFF-2: importing rows already read from a file: the mapping guessed and remembered, new
people and customers written and findable, duplicates found and never merged unless chosen,
bad rows listed with their line and reason, and all or nothing (Cancel, errors)."""

from __future__ import annotations

import csv
import io
import sqlite3
from datetime import date

import pytest

from tests.fresh import fresh_database
from trustdesk.db.search import search
from trustdesk.services import accounts, contacts, history
from trustdesk.services.importing.importer import rejects_csv, run_import
from trustdesk.services.importing.mapping import (
    ImportField,
    MappingError,
    check_mapping,
    guess_mapping,
    mapping_for,
)
from trustdesk.services.importing.planning import (
    Decision,
    MatchReason,
    NoCustomer,
    parse_birthday,
    plan_import,
)
from trustdesk.services.importing.table import SourceFormat, SourceRow, SourceTable
from trustdesk.services.progress import Cancelled, Progress
from trustdesk.services.store import open_store
from trustdesk.services.survey_plan import refresh_survey_plans
from trustdesk.services.visit_plan import refresh_plans

F = ImportField
HEADERS = ["姓名", "手机", "公司", "职务", "生日", "邮箱", "地区"]


def table(*rows: tuple[str, ...], headers: list[str] = HEADERS) -> SourceTable:
    return SourceTable(
        SourceFormat.CSV,
        "gb18030",
        True,
        list(headers),
        [SourceRow(line, tuple(cells)) for line, cells in enumerate(rows, start=2)],
    )


@pytest.fixture
def store(tmp_path):
    s = open_store(fresh_database(tmp_path / "import.sqlite3"))
    yield s
    s.close()


def people(store, account_name: str) -> dict[str, contacts.ContactData]:
    found = [a for a in store.read(accounts.list_accounts).rows if a.name == account_name]
    assert len(found) == 1, account_name
    return {c.name: c for c in store.read(contacts.list_contacts, found[0].id)}


def test_headers_in_chinese_and_english_are_mapped_and_a_second_phone_is_kept_apart():
    assert guess_mapping(HEADERS) == [F.NAME, F.MOBILE, F.CUSTOMER, F.TITLE, F.BIRTHDAY,
                                      F.EMAIL, F.REGION]  # fmt: skip
    assert guess_mapping(["First Name", "Last Name", "Company", "E-mail", "Mobile Phone",
                          "Phone", "Phone 2", "Notes", "Favourite colour"]) == [
        F.GIVEN_NAME, F.FAMILY_NAME, F.CUSTOMER, F.EMAIL, F.MOBILE, F.PHONE,
        F.OTHER_PHONES, F.NOTES, F.IGNORE,
    ]  # fmt: skip
    with pytest.raises(MappingError, match="name"):
        check_mapping(["手机"], [F.MOBILE])
    with pytest.raises(MappingError) as twice:
        check_mapping(["姓名", "名字"], [F.NAME, F.NAME])
    assert "姓名、名字" in twice.value.zh


def test_new_people_and_customers_are_written_findable_and_intact(store):
    rows = table(
        ("张伟", "138 0013 8000", "深圳华科电子有限公司", "总经理", "1980/5/17", "", "深圳"),
        ("陳美玲", "+86 139-0000-1111", "深圳华科电子有限公司", "财务总监", "", "mei@hk.cn", ""),
        ("王𠀀", "13700000000", "", "", "", "", ""),
    )
    result = store.write(run_import, rows, guess_mapping(HEADERS))
    assert (result.new, result.new_customers, result.rejected) == (3, 2, [])
    huake = people(store, "深圳华科电子有限公司")
    assert huake["张伟"].birthday == date(1980, 5, 17)
    assert huake["张伟"].mobile == "138 0013 8000"
    assert huake["陳美玲"].email == "mei@hk.cn"
    account = next(a for a in store.read(accounts.list_accounts).rows if a.name.startswith("深圳"))
    assert store.read(accounts.get_account, account.id).region == "深圳"
    # The person without a company became an individual customer under their own name.
    assert set(people(store, "王𠀀")) == {"王𠀀"}
    # Found by initials and pinyin like any person typed by hand.
    assert "张伟" in {hit.name for hit in store.read(search, "zw")}
    assert "陳美玲" in {hit.name for hit in store.read(search, "chenmeiling")}


def test_a_person_already_there_is_a_duplicate_skipped_unless_the_user_chooses(store):
    huake = store.write(accounts.create_account, "深圳华科电子有限公司")
    zhang = store.write(contacts.create_contact, huake.id, "张伟", mobile="13800138000",
                        title="经理")  # fmt: skip
    rows = table(("張偉", "+86 138-0013-8000", "深圳华科电子有限公司", "总经理", "", "", ""))
    plan = store.read(plan_import, rows, guess_mapping(HEADERS))
    [row] = plan.duplicates
    assert row.match.reason is MatchReason.SAME_PHONE and row.match.record_id == zhang.id
    skipped = store.write(run_import, rows, guess_mapping(HEADERS))
    assert (skipped.new, skipped.skipped) == (0, 1)
    assert set(people(store, "深圳华科电子有限公司")) == {"张伟"}
    assert store.read(contacts.get_contact, zhang.id).title == "经理"

    merged = store.write(run_import, rows, guess_mapping(HEADERS), decisions={2: Decision.MERGE})
    assert merged.merged == 1
    after = store.read(contacts.get_contact, zhang.id)
    assert after.title == "经理" and "总经理" in after.notes  # kept, the file's value noted

    more = table(("李娜", "13900000000", "深圳华科电子有限公司", "", "", "", ""))
    store.write(run_import, more, guess_mapping(HEADERS))  # a new person at that customer
    assert "李娜" in people(store, "深圳华科电子有限公司")
    hits = store.read(search, "ln")
    assert [(h.name, h.detail) for h in hits if h.kind == "contact"] == [
        ("李娜", "深圳华科电子有限公司")
    ]
    updated = store.write(
        run_import, rows, guess_mapping(HEADERS), default_decision=Decision.UPDATE
    )
    assert updated.updated == 1
    assert store.read(contacts.get_contact, zhang.id).title == "总经理"
    changes = store.read(history.contact_history, zhang.id)
    assert any(c.field == "title" and c.new_value == "总经理" for c in changes)


def test_same_name_and_same_sound_inside_one_customer_and_inside_the_file(store):
    huake = store.write(accounts.create_account, "深圳华科电子有限公司")
    store.write(contacts.create_contact, huake.id, "李娜")
    store.write(contacts.create_contact, huake.id, "章伟")
    rows = table(
        ("李 娜", "", "深圳华科电子有限公司", "", "", "", ""),
        ("张伟", "", "深圳華科電子有限公司", "", "", "", ""),
        ("刘洋", "13600000000", "Other Co", "", "", "", ""),
        ("刘洋", "136-0000-0000", "Other Co", "", "", "", ""),
        ("李娜", "", "Another Co", "", "", "", ""),  # another company: another person
    )
    plan = store.read(plan_import, rows, guess_mapping(HEADERS))
    reasons = {r.line: (r.match.reason, r.match.line) for r in plan.duplicates}
    assert reasons == {
        2: (MatchReason.SAME_NAME, None),
        3: (MatchReason.SOUNDS_SAME, None),
        5: (MatchReason.SAME_PHONE, 4),
    }


def test_bad_rows_are_listed_with_line_and_reason_and_the_rest_imported(store):
    rows = table(
        ("张伟", "", "华科", "", "1980-13-45", "", ""),
        ("李娜", "", "华科", "", "", "not-an-address", ""),
        ("", "", "", "", "", "", ""),
        ("王芳", "", "华科", "", "1975年3月8日", "", ""),
    )
    result = store.write(run_import, rows, guess_mapping(HEADERS))
    assert result.new == 1
    assert [(r.line, r.reason_en.split(" ")[1]) for r in result.rejected] == [
        (2, "birthday"), (3, "is"), (4, "row"),
    ]  # fmt: skip
    assert "不是有效日期" in result.rejected[0].reason_zh
    assert people(store, "华科")["王芳"].birthday == date(1975, 3, 8)
    fixed = list(csv.reader(io.StringIO(rejects_csv(result.rejected, HEADERS, "zh")[1:])))
    assert fixed[0][:3] == ["原因", "行号", "姓名"] and fixed[1][1:3] == ["2", "张伟"]


def test_cancel_and_dry_run_write_nothing(store):
    rows = table(*[(f"客户{i}", "", f"公司{i % 7}", "", "", "", "") for i in range(12000)])
    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        store.write(run_import, rows, guess_mapping(HEADERS), progress=progress)
    dry = store.write(run_import, rows, guess_mapping(HEADERS), dry_run=True)
    assert (dry.new, dry.new_customers, dry.dry_run) == (12000, 7, True)
    assert store.read(accounts.count_accounts) == 0


def test_the_mapping_is_remembered_for_the_same_headers(store):
    headers = ["联系人", "单位", "备注一"]
    mine = [F.NAME, F.CUSTOMER, F.NOTES]
    assert store.read(mapping_for, headers) == [F.NAME, F.CUSTOMER, F.IGNORE]
    store.write(run_import, table(("张伟", "华科", "老客户"), headers=headers), mine)
    assert store.read(mapping_for, headers) == mine
    assert store.read(mapping_for, ["联系人", "单位"]) == [F.NAME, F.CUSTOMER]


def test_people_without_a_company_can_be_left_out(store):
    rows = table(("妈妈", "13900000000", "", "", "", "", ""))
    result = store.write(run_import, rows, guess_mapping(HEADERS), no_customer=NoCustomer.SKIP)
    assert result.new == 0 and result.rejected[0].line == 2
    assert store.read(accounts.count_accounts) == 0


def test_customer_only_rows_make_customers_and_match_existing_ones(store):
    store.write(accounts.create_account, "Northwind Logistics Ltd", region="Sydney")
    headers = ["客户名称", "地区", "公司电话", "网址"]
    rows = table(
        ("ＮＯＲＴＨＷＩＮＤ logistics ltd", "Melbourne", "", ""),
        ("杭州远景科技", "杭州", "0571-8888 6666", "https://yj.example.cn"),
        headers=headers,
    )
    result = store.write(run_import, rows, guess_mapping(headers), default_decision=Decision.MERGE)
    assert (result.new, result.merged, result.new_customers) == (1, 1, 1)
    made = next(a for a in store.read(accounts.list_accounts).rows if a.name == "杭州远景科技")
    detail = store.read(accounts.get_account, made.id)
    assert (detail.region, detail.phone) == ("杭州", "0571-8888 6666")
    north = next(a for a in store.read(accounts.list_accounts).rows if a.name.startswith("North"))
    assert store.read(accounts.get_account, north.id).region == "Sydney"


@pytest.mark.parametrize(
    ("text", "day"),
    [("1980-05-17", date(1980, 5, 17)), ("1980.5.7", date(1980, 5, 7)),
     ("19800517", date(1980, 5, 17)), ("", None)],
)  # fmt: skip
def test_birthdays_in_the_ways_people_write_them(text, day):
    assert parse_birthday(text) == day


def test_new_customers_are_on_the_visit_and_survey_plans_as_the_planners_put_them(store):
    store.write(run_import, table(("张伟", "", "华科", "", "", "", "")), guess_mapping(HEADERS))
    with sqlite3.connect(store.path) as raw:
        planned = raw.execute("SELECT id, next_visit_due, next_survey_due FROM account").fetchall()
    [(account_id, visit_due, _survey_due)] = planned
    assert visit_due is not None  # a prospect is visited, not yet surveyed
    store.write(refresh_plans, [account_id])
    store.write(refresh_survey_plans, [account_id])
    with sqlite3.connect(store.path) as raw:
        assert (
            raw.execute("SELECT id, next_visit_due, next_survey_due FROM account").fetchall()
            == planned
        )
