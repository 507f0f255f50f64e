"""``trustdesk import FILE``: people and customers from CSV, XLSX or vCard, in one transaction;
prints what was new, updated, merged and skipped, and every row not imported with its line
and reason. Duplicates are skipped unless ``--duplicates`` says otherwise."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from trustdesk.cli.common import SubParsers, _common_options, colon, one_line, opened, say

SHOWN_REJECTS = 20


def _dump(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def cmd_import(args: argparse.Namespace) -> int:
    from trustdesk.services.importing.importer import run_import, save_rejects
    from trustdesk.services.importing.mapping import mapping_for, mapping_json, read_mapping_file
    from trustdesk.services.importing.planning import Decision, NoCustomer
    from trustdesk.services.importing.sources import read_source
    from trustdesk.services.importing.table import SourceFormat

    path = Path(args.file).expanduser()
    fmt = SourceFormat(args.format) if args.format else None
    table = read_source(path, format=fmt, encoding=args.encoding)
    decision = Decision.parse(args.duplicates)
    no_customer = NoCustomer.parse(args.no_customer)
    with opened(args) as store:
        if args.mapping:
            mapping = read_mapping_file(Path(args.mapping).expanduser(), table.headers)
        else:
            mapping = store.read(mapping_for, table.headers)
        result = store.write(run_import, table, mapping, default_decision=decision,
                             no_customer=no_customer, lang=args.lang,
                             dry_run=args.dry_run)  # fmt: skip
    if args.rejects and result.rejected:
        save_rejects(Path(args.rejects).expanduser(), result.rejected, table.headers, args.lang)
    if args.json:
        _dump({
            "file": str(path), "format": table.format.value, "encoding": table.encoding,
            "encoding_guessed": table.encoding_guessed, "rows": len(table.rows),
            "mapping": mapping_json(table.headers, mapping), **result.as_json(),
        })  # fmt: skip
        return 0
    _print_summary(args, path, table, mapping, result)
    return 0


def _print_summary(args, path, table, mapping, result) -> None:  # noqa: ANN001
    lang = args.lang
    read_as = table.format.value + (f", {table.encoding}" if table.encoding else "")
    print(say(args, f"Read {len(table.rows)} rows from {path} ({read_as}).",
              f"已从 {path} 读取 {len(table.rows)} 行（{read_as}）。"))  # fmt: skip
    used = ", ".join(f"{h} → {f.label(lang)}" for h, f in zip(table.headers, mapping, strict=True)
                     if f.code != "ignore")  # fmt: skip
    print(say(args, "Columns: ", "列：") + used)
    for row, _decision in result.duplicates:
        match = row.match
        assert match is not None
        where = (say(args, f"line {match.line}", f"第 {match.line} 行") if match.line
                 else f"{one_line(match.name)} @ {one_line(match.customer)}")  # fmt: skip
        name = one_line(row.person.get("name") or row.customer.get("name"))
        print(say(args, f"  line {row.line}: {name} may be {where} ({match.reason.en})",
                  f"  第 {row.line} 行：{name} 可能就是 {where}（{match.reason.zh}）"))  # fmt: skip
    verb = say(args, "Would import" if result.dry_run else "Imported",
               "将导入" if result.dry_run else "已导入")  # fmt: skip
    print(say(args,
              f"{verb}: {result.new} new, {result.updated} updated, {result.merged} merged, "
              f"{result.skipped} skipped, {len(result.rejected)} not imported; "
              f"{result.new_customers} new customers.",
              f"{verb}：新增 {result.new}，更新 {result.updated}，合并 {result.merged}，"
              f"跳过 {result.skipped}，未导入 {len(result.rejected)}；"
              f"新客户 {result.new_customers} 个。"))  # fmt: skip
    for row in result.rejected[:SHOWN_REJECTS]:
        reason = row.reason_zh if lang.startswith("zh") else row.reason_en
        print(say(args, f"  line {row.line}", f"  第 {row.line} 行") + colon(lang) + reason)
    if len(result.rejected) > SHOWN_REJECTS:
        more = len(result.rejected) - SHOWN_REJECTS
        print(say(args, f"  … and {more} more (--rejects FILE.csv writes them all).",
                  f"  ……另有 {more} 行（用 --rejects FILE.csv 全部写出）。"))  # fmt: skip


def register(sub: SubParsers) -> None:
    about = (
        "import people and customers from CSV (any Chinese encoding), XLSX or vCard; one "
        "transaction; duplicates are listed and skipped unless --duplicates says otherwise"
    )
    p = sub.add_parser("import", help=about, description=about, parents=[_common_options()])
    p.set_defaults(func=cmd_import, prog_name=p.prog)
    p.add_argument("file", metavar="FILE", help="the .csv, .xlsx or .vcf file")
    p.add_argument(
        "--format",
        choices=["csv", "xlsx", "vcf"],
        help="the file's format (default: from its name and content)",
    )
    p.add_argument(
        "--encoding",
        metavar="E",
        help="a CSV's encoding, e.g. gb18030, big5, utf-8, utf-16 (default: detected)",
    )
    p.add_argument(
        "--mapping",
        metavar="FILE.json",
        help="which column is which field: "
        '{"姓名": "name", "手机": "mobile", …} (default: the last one used for these '
        "headers, else guessed from them)",
    )
    p.add_argument(
        "--duplicates",
        choices=["skip", "update", "merge", "new"],
        default="skip",
        help="rows that seem to be someone already there: skip them (default), "
        "update them from the file, merge (fill blanks only) or import as new",
    )
    p.add_argument(
        "--no-customer",
        choices=["individual", "skip"],
        default="individual",
        help="people whose row names no company: import each as an individual "
        "customer (default) or leave them out",
    )
    p.add_argument(
        "--rejects",
        metavar="FILE.csv",
        help="write the rows not imported, with the reason, to fix and import again",
    )
    p.add_argument("--dry-run", action="store_true", help="show what would happen; write nothing")
    p.add_argument("--json", action="store_true", help="print the counts and rows as JSON")
