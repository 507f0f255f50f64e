"""``trustdesk import`` (OFF-2), as issue 16's "done when" reads: a phone's vCard and a GB18030
spreadsheet go in with every Chinese name intact, the spreadsheet's people already there from
the phone are found as duplicates and skipped unless the user says merge, and a broken file
changes nothing and says why in one sentence."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

from tests.unit.test_import_sources import android_vcf

WPS_CSV = (
    "姓名,手机,公司,职务,生日,备注\r\n"
    "张伟,+86 138-0013-8000,华为技术有限公司,采购经理,1985/3/12,展会上认识\r\n"
    "陈美玲,13900001111,华为技术有限公司,财务总监,,\r\n"
    "王𠀀,13700002222,深圳华科电子有限公司,总经理,1979年5月8日,\r\n"
    "李娜,13600003333,深圳华科电子有限公司,工程师,1990-13-40,\r\n"
)


def people(path) -> dict[str, tuple[str, str, str | None]]:
    with sqlite3.connect(path) as raw:
        rows = raw.execute(
            "SELECT c.name, a.name, c.title, c.birthday FROM contact c "
            "JOIN account a ON a.id = c.account_id WHERE c.deleted_at IS NULL"
        ).fetchall()
    return {name: (customer, title, born) for name, customer, title, born in rows}


def test_a_phone_then_a_gb18030_sheet_with_the_same_people(cli, tmp_path):
    phone = tmp_path / "00001.vcf"
    phone.write_bytes(android_vcf().encode("ascii"))
    _, out, _ = cli("import", str(phone), "--json")
    first = json.loads(out)
    assert (first["format"], first["new"], first["rejected"]) == ("vcf", 2, [])
    assert people(cli.path)["张伟"] == ("华为技术有限公司", "", "1985-03-12")
    assert people(cli.path)["欧阳晓燕"][0] == "欧阳晓燕"  # no company: an individual customer

    sheet = tmp_path / "客户联系人.csv"
    sheet.write_bytes(WPS_CSV.encode("gb18030"))
    _, out, _ = cli("import", str(sheet), "--json")
    second = json.loads(out)
    assert (second["encoding"], second["encoding_guessed"]) == ("gb18030", True)
    assert (second["new"], second["skipped"], second["new_customers"]) == (2, 1, 1)
    [dupe] = second["duplicates"]
    assert (dupe["line"], dupe["name"], dupe["matches"], dupe["reason"]) == (
        2, "张伟", "张伟", "same-phone",
    )  # fmt: skip
    [bad] = second["rejected"]
    assert bad["line"] == 5 and "1990-13-40" in bad["reason"]
    found = people(cli.path)
    assert found["陈美玲"] == ("华为技术有限公司", "财务总监", None)  # joined the phone's 华为
    assert found["王𠀀"] == ("深圳华科电子有限公司", "总经理", "1979-05-08")
    assert found["张伟"][1] == ""  # skipped: unchanged

    rejects = tmp_path / "rejects.csv"
    _, out, _ = cli("import", str(sheet), "--duplicates", "merge", "--rejects", str(rejects))
    assert "3 merged" in out and "line 5" in out
    assert people(cli.path)["张伟"][1] == "采购经理"  # the blank title filled in
    text = rejects.read_bytes().decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text)))[1][1:3] == ["5", "李娜"]


def test_a_broken_file_says_why_and_changes_nothing(cli, tmp_path):
    cli("accounts", "add", "华科")
    before = (tmp_path / "records.sqlite3").read_bytes()
    fake = tmp_path / "联系人.csv"
    fake.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n" * 40)
    _, out, err = cli("import", str(fake), expect=2)
    assert out == "" and "Traceback" not in err
    assert err.count("\n") == 1 and "PDF" in err
    _, _, err = cli("import", str(fake), expect=2, lang="zh")
    assert "PDF" in err and "。" in err
    assert (tmp_path / "records.sqlite3").read_bytes() == before


def test_dry_run_and_a_mapping_file(cli, tmp_path):
    sheet = tmp_path / "list.csv"
    sheet.write_text("联系人,单位,电话号码\n张伟,华科,13800138000\n", encoding="utf-8-sig")
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"联系人": "name", "单位": "customer", "电话号码": "mobile"}))
    _, out, _ = cli("import", str(sheet), "--mapping", str(mapping), "--dry-run")
    assert "Would import: 1 new" in out and "电话号码 → Mobile" in out
    assert people(cli.path) == {}
    cli("import", str(sheet), "--mapping", str(mapping))
    with sqlite3.connect(cli.path) as raw:
        assert raw.execute("SELECT name, mobile FROM contact").fetchall() == [
            ("张伟", "13800138000")
        ]
    _, _, err = cli("import", str(sheet), "--mapping", str(tmp_path / "nope.json"), expect=2)
    assert "cannot be read" in err


def test_a_vcard_exported_by_trustdesk_imports_back_unchanged(cli, tmp_path):
    cli("accounts", "add", "深圳华科电子有限公司")
    with sqlite3.connect(cli.path) as raw:
        [(account_id,)] = raw.execute("SELECT id FROM account").fetchall()
    cli("contacts", "add", "--account", account_id, "欧阳娜娜", "--mobile", "+86 138 0013 8000",
        "--title", "采购经理", "--email", "nana@huake.cn", "--birthday", "1988-02-29")  # fmt: skip
    phone = "0755-8888 6666"
    cli("contacts", "add", "--account", account_id, "Margaret Thompson", "--phone", phone)
    card = tmp_path / "huake.vcf"
    cli("export", "vcard", "--customer", account_id, "--out", str(card))
    other = tmp_path / "other.sqlite3"
    _, out, _ = cli("import", str(card), "--json", db=other)
    assert json.loads(out)["new"] == 2
    with sqlite3.connect(other) as raw:
        got = raw.execute(
            "SELECT c.name, a.name, c.title, c.mobile, c.phone, c.email, c.birthday "
            "FROM contact c JOIN account a ON a.id = c.account_id ORDER BY c.name"
        ).fetchall()
    assert got == [
        ("Margaret Thompson", "深圳华科电子有限公司", "", "", "0755-8888 6666", "", None),
        ("欧阳娜娜", "深圳华科电子有限公司", "采购经理", "+86 138 0013 8000", "",
         "nana@huake.cn", "1988-02-29"),
    ]  # fmt: skip
