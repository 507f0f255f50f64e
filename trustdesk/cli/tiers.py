"""``trustdesk tiers recompute|show``: value tiers from each customer's trailing-12-month
value (TIER-1: key accounts the top 20%, low value the bottom 30%), with the Pareto curve.

Values are whole minor units (分/cents) of the default currency in ``--json``; the text shows
them with the currency's sign.
"""

from __future__ import annotations

import argparse
from typing import Any

from trustdesk.cli.common import SubParsers, colon, command, emit, noun, opened, say
from trustdesk.domain.enums import Tier
from trustdesk.domain.money import DEFAULT_CURRENCY, format_money
from trustdesk.services import tiers
from trustdesk.services.tiers import TierSummary


def summary_json(s: TierSummary) -> dict[str, Any]:
    return {
        "basis": s.basis.code,
        "since": s.since.isoformat(),
        "currency": DEFAULT_CURRENCY,
        "counts": {t.code: s.counts.get(t, 0) for t in Tier},
        "values": {t.code: s.values.get(t, 0) for t in Tier},
        "total_value": s.total_value,
        "key_value_share": s.key_value_share,
        "changed": s.changed,
        "pareto": [
            {"customers": p.customers, "customer_share": p.customer_share,
             "value_share": p.value_share}
            for p in s.pareto
        ],
    }  # fmt: skip


def _lines(args: argparse.Namespace, s: TierSummary, *, recomputed: bool) -> list[str]:
    lang = args.lang
    tiered = sum(s.counts.values())
    if not tiered and recomputed:
        return [say(args, "No customer to tier: only buying customers (first-time customer to "
                    "advocate) get a tier.",
                    "没有可分级的客户：只有已购买的客户"
                    "（初次客户到热心客户）才分级。")]  # fmt: skip
    if not tiered:
        return [say(args, "No customer has a tier yet: run 'trustdesk tiers recompute'.",
                    "还没有客户分级：请运行“trustdesk tiers recompute”。")]  # fmt: skip
    out = [
        say(args, f"{tiered:,} customers tiered by {s.basis.label(lang).lower()} since {s.since}",
            f"按{s.basis.label(lang)}分级（自 {s.since} 起），共 {tiered:,} 个客户")
        + (say(args, f"; {s.changed:,} changed tier.", f"；{s.changed:,} 个客户等级有变。")
           if recomputed else say(args, ".", "。"))
    ]  # fmt: skip
    for t in Tier:
        n = s.counts.get(t, 0)
        share = n / tiered
        value = format_money(s.values.get(t, 0), DEFAULT_CURRENCY)
        out.append(f"  {t.label(lang)}{colon(lang)}{n:,} ({share:.0%})  {value}")
    out.append(
        say(args, f"Key accounts bring {s.key_value_share:.0%} of the value "
            f"({format_money(s.total_value, DEFAULT_CURRENCY)}).",
            f"关键客户贡献了 {s.key_value_share:.0%} 的价值"
            f"（共 {format_money(s.total_value, DEFAULT_CURRENCY)}）。")
    )  # fmt: skip
    return out


def cmd_recompute(args: argparse.Namespace) -> int:
    with opened(args) as store:
        found = store.write(tiers.recompute_tiers)
    emit(args, summary_json(found), lambda: _lines(args, found, recomputed=True))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with opened(args) as store:
        found = store.read(tiers.show_tiers)
    emit(args, summary_json(found), lambda: _lines(args, found, recomputed=False))
    return 0


def register(sub: SubParsers) -> None:
    com = noun(sub, "tiers", "value tiers (key 20%, standard, low 30%) and their Pareto curve")
    money = " (--json: values as minor units, 分/cents, beside the currency code)"
    command(com, "recompute", cmd_recompute,
            "recompute every customer's tier from the last twelve months of orders" + money,
            json_output=True)  # fmt: skip
    command(com, "show", cmd_show, "the tiers as last recomputed" + money, json_output=True)
