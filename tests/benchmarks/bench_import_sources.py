"""Reading import files at 100,000 rows (issue 16): seconds and peak memory of
``read_source`` for a GB18030 CSV as WPS writes it, a UTF-8 CSV, an XLSX with a merged
header and an Android vCard, each against the bare library loop over the same file (the
baseline of the run: ``csv.reader`` over the decoded text; openpyxl's read-only
``iter_rows``; for the vCard, splitting the text into lines), as a ratio.

Run:  .venv/bin/python -m tests.benchmarks.bench_import_sources [--rows 100000]

Each measurement runs in a fresh process: peak memory is the process's peak RSS, next to its
RSS once the modules are imported. The files are made once per run in a temp folder.
"""

from __future__ import annotations

import argparse
import datetime
import html
import json
import random
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚华玉萍红玲芬燕彬鹏辉浩宇欣怡涵轩"
HEADER = ["姓名", "手机", "电话", "邮箱", "公司", "部门", "职务", "生日", "地址", "备注"]

CHILD = r"""
import csv, io, json, resource, sys, time
from pathlib import Path
import openpyxl
from trustdesk.services.importing.sources import read_source

kind, path = sys.argv[1], Path(sys.argv[2])
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
began = time.perf_counter()
if kind == "read_source":
    table = read_source(path)
    rows, unread = len(table.rows), len(table.unread)
elif kind == "csv":
    text = path.read_bytes().decode(sys.argv[3])
    rows = sum(1 for _ in csv.reader(io.StringIO(text, newline=""))) - 1
    unread = 0
elif kind == "xlsx":
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True)) - 1
    wb.close()
    unread = 0
else:
    rows = path.read_text("utf-8").count("BEGIN:VCARD")
    unread = 0
seconds = time.perf_counter() - began
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "before_mb": before / 1024, "peak_mb": peak / 1024,
                  "rows": rows, "unread": unread}))
"""


def contact(rng: random.Random, i: int) -> list[str]:
    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))
    return [
        name,
        f"1{rng.choice('3589')}{rng.randint(0, 999999999):09d}",
        f"0755-{rng.randint(0, 99999999):08d}",
        f"user{i}@example.cn",
        f"深圳市{rng.choice(GIVEN)}{rng.choice(GIVEN)}电子有限公司",
        rng.choice(["采购部", "技术部", "财务部", "总经办"]),
        rng.choice(["经理", "总监", "工程师", "主任"]),
        f"19{rng.randint(60, 99)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        f"广东省深圳市南山区科技园{rng.randint(1, 200)}号",
        "老客户，喜欢喝茶" if i % 3 == 0 else "",
    ]


def file_paths(folder: Path) -> dict[str, Path]:
    names = {"csv-gb18030": "wps.csv", "csv-utf8": "utf8.csv", "xlsx": "crm.xlsx"}
    return {key: folder / name for key, name in {**names, "vcf": "android.vcf"}.items()}


def make_files(folder: Path, count: int) -> dict[str, Path]:
    rng = random.Random(16)
    rows = [contact(rng, i) for i in range(count)]
    text = "".join(",".join(r) + "\r\n" for r in [HEADER, *rows])
    files = file_paths(folder)
    files["csv-gb18030"].write_bytes(text.encode("gb18030"))
    files["csv-utf8"].write_bytes(text.encode("utf-8-sig"))

    write_excel_like(files["xlsx"], rows)

    cards = []
    for r in rows:
        qp = "".join(f"={b:02X}" for b in r[0].encode("utf-8"))
        cards.append(
            "BEGIN:VCARD\r\nVERSION:2.1\r\n"
            f"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{qp}\r\n"
            f"TEL;CELL:{r[1]}\r\nTEL;WORK:{r[2]}\r\nEMAIL;WORK:{r[3]}\r\nEND:VCARD\r\n"
        )
    files["vcf"].write_text("".join(cards), encoding="ascii")
    return files


def write_excel_like(path: Path, rows: list[list[str]]) -> None:
    """An .xlsx laid out as Excel and WPS write one (openpyxl's own writer puts every text in
    the cell, which is slower to read than the shared-string table Office uses): shared
    strings, phones as numbers, birthdays as date serials with a date style, and a two-row
    header with merged cells (联系方式 over 手机 and 电话)."""
    strings: dict[str, int] = {}

    def text(col: str, row: int, value: str) -> str:
        if not value:
            return ""
        index = strings.setdefault(value, len(strings))
        return f'<c r="{col}{row}" t="s"><v>{index}</v></c>'

    cols = "ABCDEFGHIJ"
    epoch = datetime.date(1899, 12, 30)
    sheet_rows = [
        "".join(
            text(c, 1, v) for c, v in zip(cols, ["姓名", "联系方式", "", *HEADER[3:]], strict=True)
        ),
        text("B", 2, "手机") + text("C", 2, "电话"),
    ]
    for n, r in enumerate(rows, start=3):
        serial = (datetime.date.fromisoformat(r[7]) - epoch).days
        cells = [text("A", n, r[0]), f'<c r="B{n}"><v>{r[1]}</v></c>']
        cells += [text(c, n, v) for c, v in zip("CDEFG", r[2:7], strict=True)]
        cells += [f'<c r="H{n}" s="1"><v>{serial}</v></c>', text("I", n, r[8]), text("J", n, r[9])]
        sheet_rows.append("".join(cells))
    body = "".join(f'<row r="{i}">{cells}</row>' for i, cells in enumerate(sheet_rows, 1))
    merges = '<mergeCells count="2"><mergeCell ref="A1:A2"/><mergeCell ref="B1:C1"/></mergeCells>'
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "application/vnd.openxmlformats-package."
    office = "application/vnd.openxmlformats-officedocument.spreadsheetml."
    shared = "".join(f"<si><t>{html.escape(v)}</t></si>" for v in strings)
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Default Extension="rels" ContentType="{package}relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            + "".join(
                f'<Override PartName="/xl/{part}" ContentType="{office}{kind}+xml"/>'
                for part, kind in (
                    ("workbook.xml", "sheet.main"),
                    ("worksheets/sheet1.xml", "worksheet"),
                    ("styles.xml", "styles"),
                    ("sharedStrings.xml", "sharedStrings"),
                )
            )
            + "</Types>"
        ),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            f'<workbook {ns} xmlns:r="{rel}"><sheets>'
            '<sheet name="联系人" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId3" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>"
        ),
        "xl/styles.xml": (
            f'<styleSheet {ns}><fonts count="1"><font><sz val="11"/><name val="等线"/></font>'
            '</fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
            '</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
            'borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" '
            'fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" '
            'borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>'
        ),
        "xl/sharedStrings.xml": f'<sst {ns} count="{len(strings)}">{shared}</sst>',
        "xl/worksheets/sheet1.xml": (
            f'<worksheet {ns}><dimension ref="A1:J{len(sheet_rows)}"/>'
            f"<sheetData>{body}</sheetData>{merges}</worksheet>"
        ),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, xml in parts.items():
            z.writestr(name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + xml)


def measure(kind: str, path: Path, *extra: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, kind, str(path), *extra],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--make", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make:
        make_files(Path(args.make), args.rows)
        return
    with tempfile.TemporaryDirectory() as tmp:
        # made in a process of its own: a child forked from a big parent starts with the
        # parent's peak RSS, which would hide the reader's own
        subprocess.run(
            [sys.executable, "-m", "tests.benchmarks.bench_import_sources", "--make", tmp,
             "--rows", str(args.rows)],
            check=True,
            cwd=ROOT,
        )  # fmt: skip
        files = file_paths(Path(tmp))
        baselines = {
            "csv-gb18030": ("csv", "gb18030"),
            "csv-utf8": ("csv", "utf-8-sig"),
            "xlsx": ("xlsx",),
            "vcf": ("vcf",),
        }
        print(f"{'file':12} {'MB':>6} {'read_source s':>14} {'peak MB':>8} {'(+MB)':>6}"
              f" {'baseline s':>11} {'ratio':>6}")  # fmt: skip
        for name, path in files.items():
            ours = measure("read_source", path)
            base = measure(*baselines[name][:1], path, *baselines[name][1:])
            assert ours["rows"] == args.rows, (name, ours)
            print(
                f"{name:12} {path.stat().st_size / 1e6:6.1f} {ours['seconds']:14.2f}"
                f" {ours['peak_mb']:8.0f} {ours['peak_mb'] - ours['before_mb']:6.0f}"
                f" {base['seconds']:11.2f} {ours['seconds'] / base['seconds']:6.2f}"
            )


if __name__ == "__main__":
    main()
