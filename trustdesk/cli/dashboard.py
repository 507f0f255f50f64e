"""``trustdesk dashboard [--json]`` and ``dashboard customers KEY``: every figure of the
dashboard (DSH-1, DSH-3), and the customers behind one of them — the CLI's way of clicking a
number. The JSON is ``services.dashboard.figures_json``, the same figures the GUI paints."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from trustdesk.cli.common import (
    SubParsers,
    _common_options,
    colon,
    command,
    emit,
    one_line,
    opened,
    say,
    whole_number,
)
from trustdesk.domain.deals import WinGroup
from trustdesk.domain.enums import Stage, Tier
from trustdesk.services import dashboard
from trustdesk.services.fields import parse_enum
from trustdesk.services.records import AccountRow


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def _stage(code: str, lang: str) -> str:
    return Stage.parse(code).label(lang)


def figure_lines(f: dict[str, Any], lang: str) -> list[str]:
    """The figures of ``figures_json`` as readable lines, each with the key that lists the
    customers behind it (``dashboard customers KEY``) in brackets."""
    zh = lang == "zh"

    def t(en: str, zh_text: str) -> str:
        return zh_text if zh else en

    sep = "；" if zh else "; "
    churn, repeat, referral = f["churn"], f["repeat_purchase"], f["referral"]
    out = [
        t(f"Dashboard on {f['as_of']} (the twelve months since {f['since']})",
          f"评估看板 {f['as_of']}（自 {f['since']} 起的十二个月）"),
        t(f"Customers: {f['customers']:,}", f"客户：{f['customers']:,}"),
        t("By stage:", "按阶段："),
    ]  # fmt: skip
    for code, n in f["by_stage"].items():
        out.append(f"  {_stage(code, lang)}{colon(lang)}{n:,}  [stage:{code}]")
    out.append(t("By tier:", "按分级："))
    for code, n in f["by_tier"].items():
        label = t("Not tiered", "未分级") if code == "untiered" else Tier.parse(code).label(lang)
        key = "untiered" if code == "untiered" else f"tier:{code}"
        out.append(f"  {label}{colon(lang)}{n:,}  [{key}]")
    retention = f["retention_rate"]
    out += [
        t(f"Churn: {_percent(churn['rate'])} ({churn['lost']:,} of the {churn['base']:,} "
          f"customers buying a year ago were lost; usual: 20–40% a year){sep}"
          f"retention {_percent(retention)}  [churned]",
          f"流失率：{_percent(churn['rate'])}（一年前在购买的 {churn['base']:,} 个客户中流失 "
          f"{churn['lost']:,} 个；通常每年 20–40%）{sep}保持率 {_percent(retention)}  [churned]"),
        t(f"Repeat purchase: {_percent(repeat['rate'])} ({repeat['repeat_buyers']:,} of "
          f"{repeat['buyers']:,} buyers ordered twice or more)  [repeat-buyers] [buyers]",
          f"重复购买率：{_percent(repeat['rate'])}（{repeat['buyers']:,} 个购买客户中 "
          f"{repeat['repeat_buyers']:,} 个下单两次以上）  [repeat-buyers] [buyers]"),
        t(f"Referral: {_percent(referral['rate'])} ({referral['referred']:,} of "
          f"{referral['added']:,} new customers came by a referral)  [referred]",
          f"推荐率：{_percent(referral['rate'])}（{referral['added']:,} 个新客户中 "
          f"{referral['referred']:,} 个经推荐而来）  [referred]"),
        t("Satisfaction index by month (share of 5s minus share of 1–3s):",
          "各月满意度指数（5 分占比减 1–3 分占比）："),
    ]  # fmt: skip
    if not f["satisfaction"]:
        out.append(t("  no survey answers in the period", "  期间内没有调查答卷"))
    for m in f["satisfaction"]:
        index = "—" if m["index"] is None else f"{m['index']:+.1f}"
        out.append(
            t(f"  {m['month']}: {index} ({m['responses']:,} responses)",
              f"  {m['month']}：{index}（{m['responses']:,} 份答卷）")
        )  # fmt: skip
    commitments, complaints = f["commitments"], f["complaints"]
    out += [
        t(f"Overdue visits: {f['overdue_visits']:,}  [overdue-visits]",
          f"逾期拜访：{f['overdue_visits']:,}  [overdue-visits]"),
        t(f"Promises: {commitments['open']:,} open [open-commitments], "
          f"{commitments['overdue']:,} overdue [overdue-commitments]",
          f"承诺：{commitments['open']:,} 项未兑现 [open-commitments]，"
          f"{commitments['overdue']:,} 项逾期 [overdue-commitments]"),
        t(f"Complaints: {complaints['open']:,} open [open-complaints], "
          f"{complaints['overdue']:,} overdue [overdue-complaints]",
          f"投诉：{complaints['open']:,} 件未解决 [open-complaints]，"
          f"{complaints['overdue']:,} 件逾期 [overdue-complaints]"),
        t("Win rate by the customer's stage when the deal opened (seed-004 reference):",
          "按商机开启时客户阶段的赢单率（种子 004 参考值）："),
    ]  # fmt: skip
    for w in f["win_rates"]:
        group = WinGroup.parse(w["group"]).label(lang)
        ref = _percent(w["reference"])
        out.append(
            t(f"  {group}: {_percent(w['rate'])} ({w['won']:,} won, {w['lost']:,} lost; "
              f"reference {ref})",
              f"  {group}：{_percent(w['rate'])}（赢 {w['won']:,}，输 {w['lost']:,}；参考 {ref}）")
        )  # fmt: skip
    out.append(t("Stage roadmap (customers who moved up one stage, per quarter):",
                 "阶段路径图（每季度向上移动一个阶段的客户）："))  # fmt: skip
    for r in f["roadmap"]:
        frm, to = _stage(r["stage"], lang), _stage(r["next_stage"], lang)
        moved = ("，" if zh else ", ").join(f"{q} {n:,}" for q, n in r["moved"].items())
        key = f"[moved:{r['stage']}:{t('QUARTER', '季度')}]"
        out.append(
            t(f"  {frm} → {to}: {r['at_stage']:,} at {frm} now; moved up: {moved}  {key}",
              f"  {frm} → {to}：现有 {r['at_stage']:,} 个；上移：{moved}  {key}")
        )  # fmt: skip
        out.append(f"    {r['what_moves_up']['zh' if zh else 'en']}")
    out.append(
        t("The customers behind a figure: trustdesk dashboard customers KEY (the key in brackets).",
          "某个数字背后的客户：trustdesk dashboard customers 键（方括号中的键）。")
    )  # fmt: skip
    return out


def cmd_dashboard(args: argparse.Namespace) -> int:
    with opened(args) as store:
        data = store.read(dashboard.dashboard)
    figures = dashboard.figures_json(data)
    if args.json:
        json.dump(figures, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for line in figure_lines(figures, args.lang):
            print(line)
    return 0


def row_lines(args: argparse.Namespace, rows: list[AccountRow]) -> list[str]:
    lang = args.lang
    out = []
    for r in rows:
        mark = say(args, "  (do not serve)", "  （不予服务）") if r.do_not_serve else ""
        out.append(
            f"{r.id}  {one_line(r.name)}  [{r.stage.label(lang)}]  {one_line(r.region)}{mark}"
        )
    out.append(say(args, f"({len(rows)} customers)", f"（共 {len(rows)} 个客户）"))
    return out


def cmd_customers(args: argparse.Namespace) -> int:
    name, _, code = args.key.partition(":")
    if name in ("stage", "tier"):  # a misspelt code is refused, not shown as no customers
        parse_enum(Stage if name == "stage" else Tier, code, "key")
    with opened(args) as store:
        rows = store.read(dashboard.customers_behind, args.key, limit=args.limit)
    emit(args, rows, lambda: row_lines(args, rows))
    return 0


def register(sub: SubParsers) -> None:
    about = "every figure of the dashboard (--json: as JSON), or the customers behind one"
    parser = sub.add_parser("dashboard", help=about, description=about, parents=[_common_options()])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.set_defaults(func=cmd_dashboard, prog_name=parser.prog)
    actions = parser.add_subparsers(title="actions", metavar="ACTION")
    p = command(
        actions,
        "customers",
        cmd_customers,
        "the customers a figure counts, by the key shown next to it",
        json_output=True,
    )
    keys = ", ".join(
        k if k not in ("stage", "tier", "moved") else f"{k}:…" for k in dashboard.FIGURE_KEYS
    )
    p.add_argument("key", metavar="KEY", help=f"{keys} (e.g. stage:repeat, moved:repeat:2026 Q3)")
    p.add_argument("--limit", type=whole_number(1, 10_000), default=1000, metavar="N")
