"""``trustdesk risk --top N [--json]`` and ``risk show ID``: the customers most at risk, each
with its score and why in sentences (DSH-2) — "why is this customer at risk?"."""

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
    one_line,
    opened,
    say,
    whole_number,
)
from trustdesk.services import accounts, at_risk
from trustdesk.services.at_risk import AtRiskCustomer


def as_json(customer: AtRiskCustomer, lang: str) -> dict[str, Any]:
    return {
        "account_id": customer.account_id,
        "name": customer.name,
        "stage": customer.stage.code,
        "score": customer.score,
        "explanation": customer.explanation(lang),
        "reasons": [
            {"signal": r.signal.code, "weight": r.signal.weight, "en": r.en, "zh": r.zh}
            for r in customer.reasons
        ],
    }


def _dump(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def customer_lines(args: argparse.Namespace, c: AtRiskCustomer, rank: int | None) -> list[str]:
    lang = args.lang
    head = f"{rank:>3}. " if rank is not None else ""
    score = say(args, f"score {c.score}", f"风险分 {c.score}")
    out = [f"{head}{one_line(c.name)}  [{c.stage.label(lang)}]  {score}  id {c.account_id}"]
    indent = " " * (len(head) + 2)
    out += [f"{indent}{r.signal.label(lang)}{colon(lang)}{r.sentence(lang)}" for r in c.reasons]
    return out


def cmd_top(args: argparse.Namespace) -> int:
    with opened(args) as store:
        top = store.read(at_risk.top_at_risk, args.top)
    if args.json:
        _dump([as_json(c, args.lang) for c in top])
        return 0
    if not top:
        print(say(args, "No customer shows a risk signal.", "没有客户出现风险信号。"))
    for rank, customer in enumerate(top, start=1):
        for line in customer_lines(args, customer, rank):
            print(line)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with opened(args) as store:
        account = store.read(accounts.get_account, args.id)  # an unknown id: refused
        found = store.read(at_risk.explain, args.id)
    if args.json:
        _dump(None if found is None else as_json(found, args.lang))
        return 0
    name = one_line(account.name)
    if found is None:
        print(say(args, f"{name} is not scored: lost and do-not-serve customers are not watched.",
                  f"{name} 不计算风险分：已流失和不予服务的客户不在关注之列。"))  # fmt: skip
    elif not found.reasons:
        print(say(args, f"{name}: score 0, no risk signal.", f"{name}：风险分 0，没有风险信号。"))
    else:
        for line in customer_lines(args, found, None):
            print(line)
    return 0


def cmd_refresh(args: argparse.Namespace) -> int:
    with opened(args) as store:
        changed = store.write(at_risk.refresh_risk_scores)
    if args.json:
        _dump({"changed": changed})
    else:
        print(
            say(
                args,
                f"At-risk scores stored ({changed} changed); saved views filtering on "
                "the score use them.",
                f"已保存风险分（{changed} 个有变化）；按风险分筛选的视图会用到。",
            )
        )
    return 0  # fmt: skip


def register(sub: SubParsers) -> None:
    about = "the customers most at risk and why (or one customer's score: risk show ID)"
    parser = sub.add_parser("risk", help=about, description=about, parents=[_common_options()])
    parser.add_argument(
        "--top", type=whole_number(1, 10_000), default=20, metavar="N", help="how many (default 20)"
    )
    parser.add_argument("--json", action="store_true", help="print as JSON")
    parser.set_defaults(func=cmd_top, prog_name=parser.prog)
    actions = parser.add_subparsers(title="actions", metavar="ACTION")
    p = command(
        actions, "show", cmd_show, "why is this customer at risk? its score and reasons",
        json_output=True,
    )  # fmt: skip
    p.add_argument("id", metavar="ID", help="customer id")
    command(
        actions, "refresh", cmd_refresh,
        "store every customer's score (for saved views that filter on it)", json_output=True,
    )  # fmt: skip
