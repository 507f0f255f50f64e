"""The demo customers' business (issue 15): orders with lines and margins, deals in every
stage of the pipeline with our team on them, products installed at customers, and referrals.

Made with the customers, batch by batch (in the demo's second process at scale), from a
random generator of their own, so the customers, people and histories of a seed stay what
they were. The business follows each customer's stage and its history of stages, so that the
stage suggestions (``domain.stage_suggestions``) find nothing to change in it:

* prospects (skeptics, explorers) have no order;
* a first-time customer has one order, placed when it became one;
* a repeat customer has two or three, fewer than four in the last year;
* regular patrons and advocates order steadily, an order every one to four weeks, so at
  least four in the last year;
* a lost customer ordered as the stage it reached did, and stopped before it was lost.

What a customer buys per order is its own size (a long-tailed, log-normal spread) times a
little noise; with the loyal customers ordering most often, about a fifth of the buying
customers bring three quarters of the value, so the tiers and the Pareto curve have something
to show.

Deals: some orders come from a won deal, opened weeks before at the stage the customer was
then at; deals lost in each period of a customer's life are drawn so that the win rates of
the three groups of seed 004 come out near its reference (prospects 6%, new customers 15%,
repeat and loyal 50%). Customers being served may have an open deal at lead, qualified or
proposal. Referrals come from advocates only (a referral is the evidence for an advocate).
"""

from __future__ import annotations

import math
import random
from bisect import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from itertools import accumulate
from typing import Any

from trustdesk.db.bulk import utc_text
from trustdesk.domain.enums import DealRole, DealStage, SalesChannel, Stage

CHINA = timezone(timedelta(hours=8))
Row = tuple[Any, ...]

# (zh, en, unit price in yuan, margin share, years in use before a replacement or None)
PRODUCTS: tuple[tuple[str, str, int, float, int | None], ...] = (
    ("数控加工中心 VMC-850", "CNC machining centre VMC-850", 380_000, 0.22, 8),
    ("工业机器人 R-6", "Industrial robot R-6", 160_000, 0.25, 7),
    ("空压机 AC-37", "Air compressor AC-37", 45_000, 0.28, 6),
    ("变频器 VF-22", "Frequency inverter VF-22", 6_800, 0.32, 5),
    ("伺服电机 SM-750", "Servo motor SM-750", 2_400, 0.30, None),
    ("PLC 控制器 C-300", "PLC controller C-300", 9_500, 0.35, 6),
    ("传感器套件 S-12", "Sensor kit S-12", 1_200, 0.40, None),
    ("精密轴承 B-6205", "Precision bearing B-6205", 85, 0.38, None),
    ("液压油 HM-46（桶）", "Hydraulic oil HM-46 (drum)", 1_600, 0.18, None),
    ("年度维保服务", "Annual maintenance service", 18_000, 0.55, None),
    ("备件包 SP-1", "Spare parts kit SP-1", 3_500, 0.42, None),
    ("操作培训（天）", "Operator training (day)", 4_000, 0.60, None),
)
INSTALLABLE = [p for p in PRODUCTS if p[4] is not None]
PRICED = sorted(PRODUCTS, key=lambda p: p[2])  # the cheapest first
PRICES = [p[2] for p in PRICED]
CHEAPEST = PRICED[:3]
DEAL_PRODUCTS = [(p[0].split("（")[0], p[1].split(" (")[0]) for p in PRODUCTS]
DEAL_TITLES = (
    ("{}采购项目", "{} purchase"),
    ("{}扩产配套", "{} for the new line"),
    ("{}年度框架协议", "{} annual framework agreement"),
    ("{}替换升级", "{} replacement and upgrade"),
)
LOST_REASONS = (
    ("竞争对手报价更低。", "A competitor quoted lower."),
    ("客户预算推迟到明年。", "The customer's budget moved to next year."),
    ("技术方案未通过评审。", "Our proposal did not pass their technical review."),
    ("决策人更换，项目搁置。", "A new decision maker shelved the project."),
    ("交期无法满足要求。", "We could not meet the delivery date."),
)
CHANNELS = (
    (SalesChannel.FACE_TO_FACE, 50),
    (SalesChannel.PHONE, 15),
    (SalesChannel.DISTRIBUTOR, 12),
    (SalesChannel.EMAIL, 8),
    (SalesChannel.IM, 7),
    (SalesChannel.ONLINE, 5),
    (SalesChannel.CALL_CENTER, 3),
)
CHANNEL_LIST = [c for c, _ in CHANNELS]
CHANNEL_CUM = list(accumulate(w for _, w in CHANNELS))
# Our own people beside the customer's owner (the sales rep): seed 000's deal team roles.
TEAM: dict[DealRole, str] = {
    DealRole.GENERAL_MANAGER: "周建国",
    DealRole.FINANCE_DIRECTOR: "赵敏",
    DealRole.SALES_DIRECTOR: "孙立",
    DealRole.IMPLEMENTATION_MANAGER: "Jason Wu",
    DealRole.LOGISTICS: "钱伟",
}

TEAM_ROLES = list(TEAM)

# The share of orders a won deal stands behind, by the order's place: the first order (the
# customer a prospect when the deal opened), the second (a first-time customer), the rest.
WON_SHARE = {0: 0.06, 1: 0.15, 2: 0.03}
REFERENCE = {0: 0.06, 1: 0.15, 2: 0.50}  # seed 004's win rates of the three groups
# About two thirds of the customers ever buy (first-time to advocate, and most lost ones):
# the prospects' period of everyone carries the lost deals of the buyers' won first deals.
BUYERS = 0.66
BUY_AGAIN = 0.73  # of the buyers, those who order a second time
LOST_PER_PERIOD = {
    0: WON_SHARE[0] * (1 - REFERENCE[0]) / REFERENCE[0] * BUYERS,
    1: WON_SHARE[1] * (1 - REFERENCE[1]) / REFERENCE[1] * BUY_AGAIN,
}
OPEN_DEAL_CHANCE = {
    Stage.SKEPTIC: 0.10,
    Stage.EXPLORER: 0.35,
    Stage.FIRST_TIME: 0.25,
    Stage.REPEAT: 0.25,
    Stage.REGULAR: 0.35,
    Stage.ADVOCATE: 0.35,
}
GROUP_STAGES = {
    0: (Stage.SKEPTIC, Stage.EXPLORER),
    1: (Stage.FIRST_TIME,),
    2: (Stage.REPEAT, Stage.REGULAR, Stage.ADVOCATE),
}
OPEN_STAGES = (DealStage.LEAD, DealStage.QUALIFIED, DealStage.PROPOSAL)
REFERRED_SHARE = 0.12  # of the customers, those an advocate brought us
SIZE_SIGMA = 1.25  # the spread of the customers' sizes (log-normal): the Pareto's long tail
INSTALLED_BEFORE = 0.3  # of the buyers, those with an older machine of someone else's

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # ULIDs' (Crockford's) base 32
_PAIRS = [a + b for a in _ALPHABET for b in _ALPHABET]  # two characters by 10-bit value
_EPOCH_DAY = date(1970, 1, 1).toordinal()

DEAL_COLUMNS = (
    "id", "account_id", "title", "stage", "channel", "amount", "currency", "opened_on",
    "expected_close", "closed_on", "account_stage", "owner_id", "lost_reason", "notes",
    "created_at", "updated_at", "deleted_at",
)  # fmt: skip
MEMBER_COLUMNS = ("id", "deal_id", "user_id", "role", "created_at", "updated_at", "deleted_at")
ORDER_COLUMNS = ("id", "account_id", "deal_id", "number", "ordered_on", "currency", "notes",
                 "created_at", "updated_at", "deleted_at")  # fmt: skip
LINE_COLUMNS = ("id", "order_id", "product", "quantity", "amount", "margin", "created_at",
                "updated_at", "deleted_at")  # fmt: skip
INSTALLED_COLUMNS = ("id", "account_id", "product", "installed_on", "replace_by", "order_line_id",
                     "notes", "created_at", "updated_at", "deleted_at")  # fmt: skip
REFERRAL_COLUMNS = ("id", "referred_account_id", "by_account_id", "by_contact_id",
                    "referred_on", "notes", "created_at", "updated_at", "deleted_at")  # fmt: skip
TABLES = (
    ("deal", DEAL_COLUMNS),
    ("deal_member", MEMBER_COLUMNS),
    ("sales_order", ORDER_COLUMNS),
    ("order_line", LINE_COLUMNS),
    ("installed_product", INSTALLED_COLUMNS),
    ("referral", REFERRAL_COLUMNS),
)  # parents first


@dataclass(slots=True)
class TradeRows:
    """One batch's rows in stored form, in each table's column order above."""

    deal: list[Row] = field(default_factory=list)
    deal_member: list[Row] = field(default_factory=list)
    sales_order: list[Row] = field(default_factory=list)
    order_line: list[Row] = field(default_factory=list)
    installed_product: list[Row] = field(default_factory=list)
    referral: list[Row] = field(default_factory=list)

    def tables(self) -> list[tuple[str, Sequence[str], list[Row]]]:
        return [(name, columns, getattr(self, name)) for name, columns in TABLES]


@dataclass(slots=True)
class Customer:
    """What the business of one customer is made from."""

    id: str
    stage: Stage
    path: list[tuple[Stage, datetime]]  # the stages it went through, with when
    created: datetime
    owner_id: str | None
    chinese: bool
    served: bool  # not marked do-not-serve
    top_contact: str | None


class Trade:
    """The business of the demo customers, one customer at a time."""

    def __init__(self, seed: int, now: datetime, users: dict[str, str]) -> None:
        self.rng = random.Random(seed)
        self.now = now
        # Days are the app's (services.visit_plan.today: this computer's clock).
        local = now.astimezone()
        self.today = local.date()
        self.offset = local.utcoffset() or timedelta(0)
        self._path: list[tuple[Stage, date]] = []  # the customer's, as days
        self.users = users  # names → ids: the owners and the deal team (TEAM)
        self.advocates: list[tuple[datetime, str, str | None]] = []  # created, id, contact

    def ulid(self, at: datetime) -> str:
        """A ULID of ``at`` from this generator (see ``_time_part``, ``_random_part``)."""
        return _time_part(int(at.timestamp() * 1000)) + self._random_part()

    def _random_part(self) -> str:
        """A ULID's 80 random bits as two 40-bit numbers, two characters (10 bits) at a time:
        base64's ``b32encode`` is Python, and Python's arithmetic on one 80-bit number costs
        more than this (a million and a half ids at 100,000 customers)."""
        getrandbits, p = self.rng.getrandbits, _PAIRS
        a, b = getrandbits(40), getrandbits(40)
        return (
            p[a >> 30] + p[(a >> 20) & 1023] + p[(a >> 10) & 1023] + p[a & 1023]
            + p[b >> 30] + p[(b >> 20) & 1023] + p[(b >> 10) & 1023] + p[b & 1023]
        )  # fmt: skip

    def moment(self, day: date) -> datetime:
        """``day`` at office hours in China, as UTC."""
        hour = 9 + self.rng.randrange(9)
        return datetime(day.year, day.month, day.day, hour, tzinfo=CHINA).astimezone(UTC)

    # --- one customer ------------------------------------------------------------------------

    def add(self, rows: TradeRows, c: Customer) -> None:
        r = self.rng
        offset = self.offset
        self._path = [(stage, (at + offset).date()) for stage, at in c.path]
        when = dict(self._path)
        created = (c.created + offset).date()
        lost_on = when.get(Stage.LOST)
        end = (lost_on - timedelta(days=r.randint(30, 120))) if lost_on else self.today
        end = max(end, created)
        days = self._order_days(c, when, created, end)
        # The customer's size: what an order of theirs is worth, long-tailed (yuan).
        size = 20_000 * math.exp(r.gauss(0, SIZE_SIGMA))
        for n, day in enumerate(days):
            # Some orders come from a won deal, opened at the stage the customer was then at.
            group = min(n, 2)
            if r.random() < WON_SHARE[group]:
                opened = max(day - timedelta(days=r.randint(14, 120)), created)
                deal_id = self.ulid(self.moment(opened))
                total = self._order(rows, c, day, size, deal_id)
                account_stage = self._stage_on(c, opened, group)
                self._deal(rows, c, opened, day, DealStage.WON, account_stage, total, deal_id)
            else:
                self._order(rows, c, day, size, None)
        self._other_deals(rows, c, created, end, days)
        if days:
            self._installed(rows, c, days)
        if c.stage is Stage.ADVOCATE:
            self.advocates.append((c.created, c.id, c.top_contact))
        elif self.advocates and r.random() < REFERRED_SHARE:
            self._referred(rows, c)

    def _order_days(
        self, c: Customer, when: dict[Stage, date], created: date, end: date
    ) -> list[date]:
        r = self.rng
        reached = [s for s, _ in c.path if s is not Stage.LOST][-1]
        first = when.get(Stage.FIRST_TIME)
        if first is None:
            return []
        first = min(first, end)
        if reached is Stage.FIRST_TIME:
            return [first]
        second = min(max(when[Stage.REPEAT], first + timedelta(days=7)), end)
        days = [first, second]
        if reached is Stage.REPEAT:
            # At most three orders in the last year: four would make it a regular patron.
            third = second + timedelta(days=r.randint(30, 150))
            if third <= end and r.random() < 0.5:
                days.append(third)
            return days
        # Regular patrons and advocates: steady orders from the second one on, frequent enough
        # for four or more in the last year of a customer still being served.
        span = (end - second).days
        gap = r.uniform(6, 30)
        if c.stage is not Stage.LOST:
            gap = min(gap, max(span, 1) / 5)
        day = float(span)
        steady = []
        while day >= gap:
            steady.append(end - timedelta(days=round(day)))
            day -= gap * r.uniform(0.7, 1.3)
        steady.append(end - timedelta(days=r.randint(1, max(1, min(round(gap), span)))))
        return days + sorted(d for d in steady if d > second)

    def _order(
        self, rows: TradeRows, c: Customer, day: date, size: float, deal_id: str | None
    ) -> int:
        """One order with one to three lines; returns its total (minor units).

        Half a million of them at 100,000 customers, made in the demo's second process while
        the first writes: the moment, its text and its ids are spelled here directly (no
        datetime per order), the products to choose from found by bisection."""
        rand = self.rng.random
        hour = 1 + int(rand() * 9)  # UTC: 9:00 to 17:00 in China, the same day
        ms = ((day.toordinal() - _EPOCH_DAY) * 24 + hour) * 3_600_000
        prefix = _time_part(ms)
        random_part = self._random_part
        order_id = prefix + random_part()
        iso = day.isoformat()
        stamp = f"{iso} {hour:02d}:00:00.000000"
        value = size * math.exp(self.rng.gauss(0, 0.35))
        products = PRICED[: bisect(PRICES, value)] or CHEAPEST
        count = 1 if value < 3_000 else min(len(products), (1, 1, 2, 2, 3)[int(rand() * 5)])
        lang = 0 if c.chinese else 1
        total = 0
        left = value
        chosen = (
            [products[int(rand() * len(products))]]
            if count == 1
            else self.rng.sample(products, count)
        )
        for n, product in enumerate(chosen, start=1):
            price = product[2]
            share = left if n == count else left * (0.3 + rand() * 0.5)
            left -= share
            quantity = max(1, round(share / price))
            amount = round(quantity * price * (0.85 + rand() * 0.15)) * 100  # whole yuan
            margin = (
                None
                if rand() < 0.1
                else round(amount * min(product[3] * (0.8 + rand() * 0.4), 0.9))
            )
            rows.order_line.append(
                (prefix + random_part(), order_id,
                 product[lang], float(quantity), amount, margin, stamp, stamp, None)
            )  # fmt: skip
            total += amount
        number = f"SO-{iso[:4]}{iso[5:7]}{iso[8:]}-{int(rand() * 10_000):04d}"
        rows.sales_order.append(
            (order_id, c.id, deal_id, number, iso, "CNY", "", stamp, stamp, None)
        )
        return total

    def _other_deals(
        self, rows: TradeRows, c: Customer, created: date, end: date, days: list[date]
    ) -> None:
        r = self.rng
        # Deals lost in each period: as a prospect (until the first order), as a new customer
        # (until the second), as a repeat or loyal one (after it).
        periods = [(created, days[0] if days else end, 0)]
        if days:
            periods.append((days[0], days[1] if len(days) > 1 else end, 1))
        if len(days) > 1:
            periods.append((days[1], end, 2))
        for start, stop, group in periods:
            if group == 2:
                expected = WON_SHARE[2] * (len(days) - 2) * (1 - REFERENCE[2]) / REFERENCE[2]
            else:
                expected = LOST_PER_PERIOD[group]
            for _ in range(_poisson(r, expected)):
                span = max((stop - start).days - 10, 0)
                opened = start + timedelta(days=r.randint(0, span))
                closed = min(opened + timedelta(days=r.randint(10, 90)), self.today)
                stage = self._stage_on(c, opened, group)
                amount = round(20_000 * math.exp(r.gauss(0, 1.0))) * 100
                self._deal(rows, c, opened, closed, DealStage.LOST, stage, amount)
        # An open deal for a customer being served.
        chance = OPEN_DEAL_CHANCE.get(c.stage, 0.0)
        if c.served and r.random() < chance:
            opened = max(self.today - timedelta(days=r.randint(3, 120)), created)
            amount = round(30_000 * math.exp(r.gauss(0, 1.0))) * 100
            self._deal(rows, c, opened, None, r.choice(OPEN_STAGES), c.stage, amount)

    def _stage_on(self, c: Customer, day: date, group: int) -> Stage:
        """The customer's stage on ``day`` within its group (the path says when it moved)."""
        stage = self._path[0][0]
        for s, on in self._path:
            if s is not Stage.LOST and on <= day:
                stage = s
        allowed = GROUP_STAGES[group]
        if stage in allowed:
            return stage
        return allowed[-1] if stage.position > allowed[-1].position else allowed[0]

    def _deal(
        self,
        rows: TradeRows,
        c: Customer,
        opened: date,
        closed: date | None,
        stage: DealStage,
        account_stage: Stage,
        amount: int,
        deal_id: str | None = None,
    ) -> str:
        r = self.rng
        at = self.moment(opened)
        deal_id = deal_id or self.ulid(at)
        lang = 0 if c.chinese else 1
        product = r.choice(DEAL_PRODUCTS)[lang]
        title = r.choice(DEAL_TITLES)[lang].format(product)
        channel = CHANNEL_LIST[bisect(CHANNEL_CUM, r.random() * CHANNEL_CUM[-1])]
        expected = closed if closed is not None else self.today + timedelta(days=r.randint(10, 120))
        updated = utc_text(self.moment(closed)) if closed is not None else utc_text(at)
        rows.deal.append(
            (
                deal_id, c.id, title, stage.code, channel.code, amount, "CNY",
                opened.isoformat(), expected.isoformat(),
                None if closed is None else closed.isoformat(), account_stage.code,
                c.owner_id, r.choice(LOST_REASONS)[lang] if stage is DealStage.LOST else "",
                "", utc_text(at), updated, None,
            )
        )  # fmt: skip
        if stage is not DealStage.LOST:  # our team on the open and won ones
            stamp = utc_text(at)
            members = [(DealRole.SALES_REP, c.owner_id)]
            for role in r.sample(TEAM_ROLES, 1 + (r.random() < 0.5)):
                members.append((role, self.users[TEAM[role]]))
            for role, user_id in members:
                if user_id is not None:
                    rows.deal_member.append(
                        (self.ulid(at), deal_id, user_id, role.code, stamp, stamp, None)
                    )
        return deal_id

    def _installed(self, rows: TradeRows, c: Customer, days: list[date]) -> None:
        """A machine bought from us now and then (its replacement years away), and for some
        customers an older one of someone else's, some due for replacement soon."""
        r = self.rng
        lang = 0 if c.chinese else 1
        if r.random() < 0.25:
            product = r.choice(INSTALLABLE)
            day = r.choice(days)
            at = self.moment(day)
            years = product[4] or 5
            replace = day + timedelta(days=365 * years)
            rows.installed_product.append(
                (self.ulid(at), c.id, product[lang], day.isoformat(), replace.isoformat(),
                 None, "", utc_text(at), utc_text(at), None)
            )  # fmt: skip
        if c.stage is not Stage.LOST and r.random() < INSTALLED_BEFORE:
            product = r.choice(INSTALLABLE)
            replace = self.today + timedelta(days=r.randint(-30, 400))
            years = product[4] or 5
            installed = replace - timedelta(days=365 * years + r.randint(-60, 60))
            at = c.created
            note = ("其他品牌，已使用多年。", "Another maker's; in use for years.")[lang]
            rows.installed_product.append(
                (self.ulid(at), c.id, product[lang], installed.isoformat(), replace.isoformat(),
                 None, note, utc_text(at), utc_text(at), None)
            )  # fmt: skip

    def _referred(self, rows: TradeRows, c: Customer) -> None:
        """An advocate made before this customer referred it to us."""
        r = self.rng
        earlier = [a for a in self.advocates[-50:] if a[0] < c.created]
        if not earlier:
            return
        _, by_id, contact = r.choice(earlier)
        at = c.created
        lang = 0 if c.chinese else 1
        note = ("老客户介绍，见面时提到了我们的服务。", "Introduced by a happy customer.")[lang]
        rows.referral.append(
            (self.ulid(at), c.id, by_id, contact if r.random() < 0.6 else None,
             at.astimezone().date().isoformat(), note, utc_text(at), utc_text(at), None)
        )  # fmt: skip


def _time_part(ms: int) -> str:
    """A ULID's first ten characters: the 48-bit time in milliseconds."""
    p = _PAIRS
    return (
        p[ms >> 40] + p[(ms >> 30) & 1023] + p[(ms >> 20) & 1023] + p[(ms >> 10) & 1023]
        + p[ms & 1023]
    )  # fmt: skip


def _poisson(r: random.Random, expected: float) -> int:
    """A Poisson draw (Knuth's): small means only."""
    limit, n, p = math.exp(-expected), 0, r.random()
    while p > limit:
        n += 1
        p *= r.random()
    return n
