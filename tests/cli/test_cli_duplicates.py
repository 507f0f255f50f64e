"""``trustdesk duplicates``: the same pairs, reasons and merges as the services give the GUI,
readable in Chinese and English; a merge moves what the person had and is undone by its id;
mistakes are one line in the user's language, exit code 2, no traceback."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from trustdesk.services import accounts, contacts, visits
from trustdesk.services.store import open_store


def as_json(cli, *args, lang="en"):
    return json.loads(cli(*args, "--json", lang=lang)[1])


def one_line(err, part):
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    assert part in lines[0], err


@pytest.fixture
def book(cli):
    """华科 with 张伟 and 張偉 (the phone's copy, with a visit), 李娜 twice; 恒信 with a
    赵强 whose desk phone is 华科's 赵强's; the customer 华科 entered again in traditional."""
    cli("accounts", "list")  # makes the database
    store = open_store(cli.path)
    try:

        def make(s):
            huake = accounts.create_account(s, "深圳华科电子有限公司", phone="0755-88881234")
            other = accounts.create_account(s, "广州恒信机械有限公司")
            ids = {
                "张伟": contacts.create_contact(s, huake.id, "张伟", mobile="13800138000").id,
                "張偉": contacts.create_contact(
                    s, huake.id, "張偉", mobile="+86 138 0013 8000", email="zw@huake.cn"
                ).id,
                "李娜": contacts.create_contact(s, huake.id, "李娜").id,
                "李娜2": contacts.create_contact(s, huake.id, "李娜").id,
                "赵强": contacts.create_contact(s, huake.id, "赵强", phone="010-65529988").id,
                "赵强2": contacts.create_contact(s, other.id, "赵强", mobile="+86 10 6552 9988").id,
            }
            day = date.today() - timedelta(days=5)
            visits.log_visit(
                s, huake.id, channel="phone", functions=["information"],
                contact_ids=[ids["張偉"]], at=f"{day}T10:00",
            )  # fmt: skip
            twin = accounts.create_account(s, "深圳華科電子有限公司", phone="+86 755 8888 1234")
            return huake.id, other.id, twin.id, ids

        return store.write(make)
    finally:
        store.close()


def _pair(found, a, b):
    return next(p for p in found if {p["first"]["id"], p["second"]["id"]} == {a, b})


def test_the_list_gives_each_pair_with_why_and_both_records(cli, book):
    huake, _other, _twin, p = book
    found = as_json(cli, "duplicates")
    assert len(found) == 3
    zhang = _pair(found, p["张伟"], p["張偉"])
    assert [r["code"] for r in zhang["reasons"]] == ["same-phone", "name-variant"]
    assert zhang["first"]["name"] == "张伟" and zhang["second"]["mobile"] == "+86 138 0013 8000"
    assert zhang["second"]["email"] == "zw@huake.cn" and zhang["same_customer"] is True
    assert zhang["first"]["account_name"] == "深圳华科电子有限公司"
    assert _pair(found, p["赵强"], p["赵强2"])["same_customer"] is False

    _, out, _ = cli("duplicates")
    assert "Same phone number; Same name, written differently" in out
    assert f"张伟  [深圳华科电子有限公司]  mobile 13800138000  id {p['张伟']}" in out
    assert "merge the customers first" in out
    _, out, _ = cli("duplicates", lang="zh")
    assert "电话号码相同；同名（写法不同）：13800138000" in out
    assert "共 3 对可能重复" in out

    inside = as_json(cli, "duplicates", "--customer", huake)
    assert len(inside) == 2  # 赵强 and his twin are at two customers
    customers = as_json(cli, "duplicates", "--kind", "account")
    assert [r["code"] for r in customers[0]["reasons"]] == ["same-phone", "name-variant"]


def test_compare_merge_history_and_undo(cli, book):
    huake, _other, _twin, p = book
    _, out, _ = cli("duplicates", "compare", p["张伟"], p["張偉"])
    assert "Mobile (mobile): *13800138000  |   +86 138 0013 8000" in out
    assert "Email (email):  —  |  *zw@huake.cn" in out  # the kept one has none
    assert "Moving to the kept record: visits 1" in out
    _, out, _ = cli("duplicates", "compare", p["张伟"], p["張偉"], lang="zh")
    assert "姓名 (name)：*张伟  |   張偉" in out and "将移到保留记录：拜访 1" in out

    merged = as_json(cli, "duplicates", "merge", p["张伟"], p["張偉"], "--take", "mobile=drop")
    assert merged["moved"] == 1  # the visit he attended
    merge_id = merged["merge"]["id"]
    kept = as_json(cli, "contacts", "show", p["张伟"])
    assert kept["mobile"] == "+86 138 0013 8000" and kept["email"] == "zw@huake.cn"
    people = as_json(cli, "contacts", "list", "--account", huake)
    assert sorted(c["name"] for c in people) == ["张伟", "李娜", "李娜", "赵强"]
    assert len(as_json(cli, "duplicates")) == 2

    _, out, _ = cli("duplicates", "history")
    assert f"Person  張偉 → 张伟  tester  id {merge_id}" in out
    _, out, _ = cli("duplicates", "undo", merge_id)
    assert "Undid the merge of 張偉 into 张伟: both are back as they were" in out
    people = as_json(cli, "contacts", "list", "--account", huake)
    assert sorted(c["name"] for c in people) == ["张伟", "張偉", "李娜", "李娜", "赵强"]
    assert as_json(cli, "contacts", "show", p["张伟"])["mobile"] == "13800138000"
    assert as_json(cli, "duplicates", "history")[0]["undone_at"] is not None

    _, _, err = cli("duplicates", "undo", merge_id, expect=2, lang="zh")
    one_line(err, "该合并已于")
    _, _, err = cli("duplicates", "undo", "01NOSUCHMERGE", expect=2)
    one_line(err, "No merge with id 01NOSUCHMERGE.")


def test_merge_says_what_moved_and_how_to_undo(cli, book):
    _huake, _other, _twin, p = book
    _, out, _ = cli("duplicates", "merge", p["李娜"], p["李娜2"], lang="zh")
    assert out.startswith("已将李娜合并到李娜：移动")
    assert "撤销：trustdesk duplicates undo " in out


def test_not_same_is_never_listed_again(cli, book):
    _huake, _other, _twin, p = book
    _, out, _ = cli("duplicates", "not-same", p["李娜"], p["李娜2"])
    assert "they will not be proposed as duplicates again" in out
    found = as_json(cli, "duplicates")
    assert len(found) == 2
    assert all({f["first"]["id"], f["second"]["id"]} != {p["李娜"], p["李娜2"]} for f in found)


def test_customers_merge_and_their_people_meet(cli, book):
    huake, _other, twin, p = book
    cli("contacts", "add", "--account", twin, "张伟", "--mobile", "138 0013 8000")
    merged = as_json(cli, "duplicates", "merge", huake, twin)
    assert merged["merge"]["kind"] == "account"
    assert as_json(cli, "accounts", "show", huake)["account"]["name"] == "深圳华科电子有限公司"
    _, _, err = cli("accounts", "show", twin, expect=2)
    one_line(err, twin)
    # The twin's 张伟 is now beside 华科's own: the same name, the same number.
    found = as_json(cli, "duplicates", "--customer", huake)
    assert any(
        f["first"]["id"] == p["张伟"]
        and [r["code"] for r in f["reasons"]] == ["same-phone", "same-name"]
        for f in found
    )


def test_mistakes_are_one_sentence(cli, book):
    _huake, _other, twin, p = book
    _, _, err = cli("duplicates", "merge", p["赵强"], p["赵强2"], expect=2)
    one_line(err, "are people of two different customers")
    _, _, err = cli("duplicates", "merge", p["赵强"], p["赵强2"], expect=2, lang="zh")
    one_line(err, "请先合并客户")
    _, _, err = cli("duplicates", "merge", p["张伟"], p["張偉"], "--take", "mobile", expect=2)
    one_line(err, "--take needs FIELD=drop or FIELD=keep")
    _, _, err = cli("duplicates", "merge", p["张伟"], p["張偉"], "--take", "id=drop", expect=2)
    one_line(err, "'id' is not a field that can be chosen")
    _, _, err = cli("duplicates", "merge", p["张伟"], twin, expect=2)
    one_line(err, "Both records must be people, or both customers.")
    _, _, err = cli("duplicates", "not-same", p["张伟"], "01NOBODY", expect=2)
    one_line(err, "No person or customer with id 01NOBODY.")
    _, _, err = cli("duplicates", "--kind", "people", expect=2)
    one_line(err, "invalid choice: 'people'")
