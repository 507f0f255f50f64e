"""``trustdesk export all`` and ``trustdesk export vcard`` as a user types them."""

import csv
import hashlib
import io
import json
import zipfile

import vobject

from tests.faults.conftest import read_only


def _add_people(cli):
    acc = json.loads(cli("accounts", "add", "深圳华科电子有限公司", "--json")[1])["id"]
    cli("contacts", "add", "--account", acc, "张三", "--mobile", "13812345678")
    cli("contacts", "add", "--account", acc, "Margaret Thompson", "--email", "m@example.com")
    cli("accounts", "add", "Northwind Logistics Ltd")
    return acc


def test_export_all_to_a_folder_prints_the_counts(cli, tmp_path):
    _add_people(cli)
    out = tmp_path / "导出"

    _, printed, _ = cli("export", "all", "--out", str(out))

    lines = printed.splitlines()
    assert any(line.split() == ["account.csv", "2", "rows"] for line in lines)
    assert any(line.split() == ["contacts.xlsx", "2", "rows"] for line in lines)
    assert lines[-1].startswith("Exported ")
    assert "the spreadsheets of 2 customers and 2 contacts" in lines[-1]
    assert f"to {out} (" in lines[-1]
    text = (out / "contact.csv").read_bytes().decode("utf-8-sig")
    names = [row["name"] for row in csv.DictReader(io.StringIO(text, newline=""))]
    assert sorted(names) == ["Margaret Thompson", "张三"]

    _, printed, _ = cli("export", "all", "--out", str(tmp_path / "zh"), lang="zh")
    assert "已导出" in printed.splitlines()[-1] and "2 位联系人" in printed


def test_export_all_to_a_zip_with_json_prints_the_manifest(cli, tmp_path):
    _add_people(cli)
    out = tmp_path / "everything.zip"

    _, printed, _ = cli("export", "all", "--out", str(out), "--json")

    manifest = json.loads(printed)
    assert manifest["path"] == str(out)
    assert manifest["format"] == "trustdesk-export"
    with zipfile.ZipFile(out) as archive:
        stored = json.loads(archive.read("manifest.json"))
        assert {k: v for k, v in manifest.items() if k != "path"} == stored
        for entry in stored["files"]:
            data = archive.read(entry["file"])
            assert hashlib.sha256(data).hexdigest() == entry["sha256"]
    rows = {f["file"]: f["rows"] for f in manifest["files"]}
    assert rows["account.csv"] == 2 and rows["contact.csv"] == 2


def test_export_all_to_a_read_only_place_is_one_sentence(cli, tmp_path, monkeypatch):
    cli("accounts", "add", "Acme")
    stick = tmp_path / "stick"
    stick.mkdir()
    with read_only(stick, monkeypatch):
        _, out, err = cli("export", "all", "--out", str(stick / "x.zip"), expect=2)
    assert err.strip() == (
        f"trustdesk: Nothing was exported: {stick} cannot be written (it is read-only, or you "
        "have no permission there). Choose another place."
    )
    assert out == "" and list(stick.iterdir()) == []


def test_export_vcard_of_a_customer_and_of_everyone(cli, tmp_path):
    acc = _add_people(cli)
    out = tmp_path / "华科.vcf"

    _, printed, _ = cli("export", "vcard", "--customer", acc, "--out", str(out))

    assert printed.strip() == f"Wrote 2 contact cards (vCard 3.0) to {out}."
    cards = {c.fn.value: c for c in vobject.readComponents(out.read_text("utf-8"))}
    assert set(cards) == {"张三", "Margaret Thompson"}
    assert cards["张三"].tel.value == "13812345678"
    assert cards["Margaret Thompson"].email.value == "m@example.com"

    _, printed, _ = cli("export", "vcard", "--all", "--out", str(tmp_path / "all.vcf"), lang="zh")
    assert "已将 2 张联系人名片" in printed

    _, _, err = cli("export", "vcard", "--out", str(tmp_path / "x.vcf"), expect=2)
    assert "one of the arguments --customer/--account --all is required" in err
