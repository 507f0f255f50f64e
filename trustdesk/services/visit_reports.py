"""VIS-4: what a visit report says — one visit, one customer over a period, or a portfolio.

The report is built here as plain records in the report's own language (chosen apart from
the interface's); ``trustdesk.reports`` turns the same records into PDF, DOCX, XLSX or CSV.
Every writer renders any ``ReportSection`` the same generic way (a heading, sentences, a
table of typed cells, the relationship map), so a new kind of content is one more builder in
``CUSTOMER_SECTIONS`` and no writer changes (survey results and the service log came so).

The data comes from the services the app already has (visits, commitments, intelligence
notes, the relationship map); nothing is queried twice in another way. A portfolio is the
customers visited (or with a visit planned) in the period, narrowed by stage, tag or owner.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from sqlalchemy.orm import Session

from trustdesk.domain.enums import CommitmentStatus, Stage
from trustdesk.domain.surveys import band_of
from trustdesk.errors import ValidationError
from trustdesk.services import (
    accounts,
    commitments,
    relationship_map,
    saved_views,
    service_log,
    survey_results,
    users,
    visits,
)
from trustdesk.services.fields import parse_enum
from trustdesk.services.progress import Progress
from trustdesk.services.records import (
    AccountData,
    CommitmentData,
    IntelNoteData,
    VisitData,
)
from trustdesk.services.relationship_map import MapData
from trustdesk.services.visit_plan import local_day

LANGS = ("zh", "en")
ScopeKind = Literal["visit", "account", "portfolio"]
# What a table cell holds: writers keep the type (XLSX dates as dates, numbers as numbers).
Cell = str | int | float | date | datetime | None
# A column's kind: how wide it is and how its cells are written.
ColumnKind = Literal["text", "long", "date", "datetime", "number"]
EVERYTHING = 1_000_000  # "no limit" for the list services a report reads whole


@dataclass(frozen=True, slots=True)
class ReportScope:
    """What to report on. ``visit``: ``id`` is the visit; ``account``: ``id`` is the customer;
    ``portfolio``: every customer visited in the period, or those of one stage/tag/owner or
    of a saved view (``view``: its name, TIER-2)."""

    kind: ScopeKind
    id: str | None = None
    start: date | None = None
    end: date | None = None
    stage: Stage | None = None
    tag: str | None = None
    owner: str | None = None
    view: str | None = None


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    kind: ColumnKind = "text"
    width: int = 12  # in characters (the XLSX width; the other writers use it as a ratio)


@dataclass(frozen=True, slots=True)
class ReportSection:
    """One part of a customer's report (or the portfolio summary). ``key`` is stable across
    languages (XLSX sheets and CSV rows are picked by it); ``lines`` are sentences shown
    before the table; ``map`` asks the writer to draw that relationship map there."""

    key: str
    title: str
    columns: tuple[Column, ...] = ()
    rows: tuple[tuple[Cell, ...], ...] = ()
    lines: tuple[str, ...] = ()
    empty: str = ""  # said in place of the table when it has no rows
    totals: tuple[Cell, ...] | None = None
    map: MapData | None = None


@dataclass(frozen=True, slots=True)
class CustomerReport:
    account: AccountData
    facts: tuple[tuple[str, str], ...]  # (label, value): stage, trust phase, owner…
    sections: tuple[ReportSection, ...]
    counts: dict[str, int]  # the summary's figures: visits, open, kept, broken, overdue…
    last_visit: datetime | None


@dataclass(frozen=True, slots=True)
class ReportData:
    lang: str
    scope: ReportScope
    title: str
    start: date
    end: date
    facts: tuple[tuple[str, str], ...]  # the header: who, period, generated at, which customers
    generated_at: datetime
    summary: ReportSection | None  # the portfolio's table with totals
    customers: tuple[CustomerReport, ...] = field(default_factory=tuple)

    def section_rows(self, key: str) -> list[tuple[str, tuple[Cell, ...]]]:
        """Every customer's rows of one section, with the customer's name (XLSX, CSV)."""
        return [
            (c.account.name, row)
            for c in self.customers
            for s in c.sections
            if s.key == key
            for row in s.rows
        ]


class Texts:
    """The report's words in its own language."""

    def __init__(self, lang: str) -> None:
        if lang not in LANGS:
            raise ValidationError(
                f"The report's language must be zh or en (got {lang!r}).",
                "lang",
                zh=f"报告语言只能是 zh 或 en（收到的是“{lang}”）。",
            )
        self.lang = lang
        self.zh = lang == "zh"

    def __call__(self, en: str, zh: str) -> str:
        return zh if self.zh else en

    def join(self, items: Sequence[str]) -> str:
        return ("、" if self.zh else ", ").join(items)


@dataclass(frozen=True, slots=True)
class CustomerInput:
    """What the section builders read for one customer (already loaded once)."""

    account: AccountData
    start: date
    end: date
    visits: tuple[VisitData, ...]  # in the period, newest first; planned ones included
    commitments: tuple[CommitmentData, ...]
    notes: tuple[IntelNoteData, ...]
    map: MapData
    visit_id: str | None = None  # a one-visit report


SectionBuilder = Callable[[Session, CustomerInput, Texts], ReportSection | None]


def _local(moment: datetime) -> datetime:
    """A stored moment as the laptop's wall-clock time, without zone (spreadsheets want it)."""
    return moment.astimezone().replace(tzinfo=None, microsecond=0)


def _in(day: date | None, start: date, end: date) -> bool:
    return day is not None and start <= day <= end


# --- the sections, in the order a customer's report shows them ------------------------------


def map_section(_session: Session, data: CustomerInput, t: Texts) -> ReportSection:
    findings = tuple(f.sentence(t.lang) for f in data.map.coverage.findings)
    scope = data.map.coverage.scope.label(t.lang)
    lines = (t(f"Relationship scope: {scope}.", f"关系范围：{scope}。"),) + (
        findings or (t("No coverage risks found.", "未发现覆盖风险。"),)
    )
    return ReportSection("map", t("Relationship map and coverage risks", "关系地图与覆盖风险"),
                         lines=lines, map=data.map)  # fmt: skip


def visit_columns(t: Texts) -> tuple[Column, ...]:
    return (
        Column(t("Date", "日期"), "datetime", 12),
        Column(t("Channel", "方式"), "text", 10),
        Column(t("Contacts met", "会见联系人"), "text", 13),
        Column(t("Functions", "职能"), "text", 14),
        Column(t("Notes", "纪要"), "long", 27),
        Column(t("Outcome", "结果"), "long", 18),
        Column(t("Next step", "下一步"), "long", 18),
    )


def visits_section(_session: Session, data: CustomerInput, t: Texts) -> ReportSection:
    done = [v for v in data.visits if v.done]
    rows = tuple(
        (
            _local(v.at),
            v.channel.label(t.lang),
            t.join([p.name for p in v.people]),
            t.join([f.label(t.lang) for f in v.functions]),
            v.notes,
            v.outcome,
            v.next_step + (f" ({v.next_due.isoformat()})" if v.next_step and v.next_due else ""),
        )
        for v in sorted(done, key=lambda v: v.at)
    )
    return ReportSection("visits", t("Visits", "拜访记录"), visit_columns(t), rows,
                         empty=t("No visits in the period.", "本期间没有拜访。"))  # fmt: skip


def _commitment_state(c: CommitmentData, t: Texts) -> str:
    if c.overdue:
        return t("Overdue", "已逾期")
    return c.status.label(t.lang)


def commitments_section(_session: Session, data: CustomerInput, t: Texts) -> ReportSection:
    counts: defaultdict[str, int] = defaultdict(int)
    for c in data.commitments:
        counts["overdue" if c.overdue else c.status.code] += 1
    summary = t(
        f"Open {counts['open']}, kept {counts['kept']}, broken {counts['broken']}, "
        f"overdue {counts['overdue']}.",
        f"未兑现 {counts['open']} 项，已兑现 {counts['kept']} 项，未能兑现 {counts['broken']} 项，"
        f"已逾期 {counts['overdue']} 项。",
    )
    rows = tuple(
        (c.what, c.contact_name, c.due, _commitment_state(c, t), c.owner) for c in data.commitments
    )
    columns = (
        Column(t("Commitment", "承诺"), "long", 40),
        Column(t("To", "对象"), "text", 12),
        Column(t("Due", "到期"), "date", 12),
        Column(t("Status", "状态"), "text", 10),
        Column(t("By", "承诺人"), "text", 12),
    )
    return ReportSection("commitments", t("Commitments", "承诺"), columns, rows,
                         lines=(summary,) if rows else (),
                         empty=t("No commitments.", "没有承诺。"))  # fmt: skip


def notes_section(_session: Session, data: CustomerInput, t: Texts) -> ReportSection:
    rows = tuple(
        (_local(n.created_at), n.kind.label(t.lang), n.contact_name, n.text)
        for n in sorted(data.notes, key=lambda n: n.created_at)
    )
    columns = (
        Column(t("Noted", "记录时间"), "datetime", 16),
        Column(t("Kind", "类别"), "text", 12),
        Column(t("About", "涉及"), "text", 12),
        Column(t("Note", "内容"), "long", 60),
    )
    return ReportSection("notes", t("Intelligence notes", "情报"), columns, rows,
                         empty=t("No intelligence noted in the period.",
                                 "本期间没有记录情报。"))  # fmt: skip


def next_steps_section(_session: Session, data: CustomerInput, t: Texts) -> ReportSection:
    steps: list[tuple[date | None, str, str]] = []
    for v in data.visits:
        if v.done and v.next_step and v.next_done_at is None:
            source = t(f"Visit of {local_day(v.at)}", f"{local_day(v.at)} 的拜访")
            steps.append((v.next_due, v.next_step, source))
        elif not v.done:
            what = v.notes.strip().splitlines()[0] if v.notes.strip() else ""
            steps.append((local_day(v.at), what or v.channel.label(t.lang),
                          t("Planned visit", "计划拜访")))  # fmt: skip
    steps.sort(key=lambda s: (s[0] is None, s[0] or date.min))
    columns = (
        Column(t("Due", "日期"), "date", 12),
        Column(t("Next step", "下一步"), "long", 50),
        Column(t("From", "来源"), "text", 18),
    )
    return ReportSection("next_steps", t("Next steps", "下一步计划"), columns, tuple(steps),
                         empty=t("No open next steps.", "没有待办的下一步。"))  # fmt: skip


def surveys_section(session: Session, data: CustomerInput, t: Texts) -> ReportSection | None:
    """SUR-4: every score given in the period with its band, and how it moved since the
    customer's previous answer to the same question (↑ ↓ =); None when no survey was taken."""
    found = survey_results.survey_results(session, account_id=data.account.id, end=data.end)
    texts = {q.signature: q.text(t.lang) for q in found.questions}
    previous: dict[str, int] = {}
    rows: list[tuple[Cell, ...]] = []
    scores: list[int] = []
    for point in found.trend:  # oldest first
        day = local_day(point.taken_at)
        before = previous.get(point.signature)
        previous[point.signature] = point.score
        if day is None or not _in(day, data.start, data.end):
            continue
        move = (
            ""
            if before is None
            else "↑"
            if point.score > before
            else "↓"
            if point.score < before
            else "="
        )
        scores.append(point.score)
        rows.append(
            (day, texts.get(point.signature, ""), point.score,
             band_of(point.score).label(t.lang), move)
        )  # fmt: skip
    if not rows:
        return None
    columns = (
        Column(t("Date", "日期"), "date", 12),
        Column(t("Question", "问题"), "long", 48),
        Column(t("Score", "评分"), "number", 6),
        Column(t("Band", "等级"), "text", 14),
        Column(t("Since last", "较上次"), "text", 8),
    )
    low, mean = sum(1 for s in scores if s <= 3), sum(scores) / len(scores)
    line = t(
        f"{len(scores)} scores, mean {mean:.1f}; {low} dissatisfied (1–3).",
        f"共 {len(scores)} 个评分，平均 {mean:.1f} 分；不满意（1–3分）{low} 个。",
    )
    return ReportSection("surveys", t("Survey results", "满意度调查结果"), columns, tuple(rows),
                         lines=(line,))  # fmt: skip


def service_section(session: Session, data: CustomerInput, t: Texts) -> ReportSection | None:
    """TCH-2 (为自己吹响号角): the good service delivered in the period, so the customer is
    reminded of it; None when nothing was logged."""
    done = service_log.list_service_records(
        session, data.account.id, start=data.start, end=data.end
    )
    if not done:
        return None
    columns = (
        Column(t("Date", "日期"), "date", 12),
        Column(t("What we did", "服务内容"), "long", 50),
        Column(t("Worth to you", "为您带来的价值"), "long", 30),
    )
    rows = tuple((r.day, r.what, r.value) for r in sorted(done, key=lambda r: r.day))
    return ReportSection("service", t("What we did for you", "我们为您做了什么"), columns, rows)


CUSTOMER_SECTIONS: list[SectionBuilder] = [
    map_section,
    visits_section,
    commitments_section,
    surveys_section,
    service_section,
    notes_section,
    next_steps_section,
]


# --- reading ---------------------------------------------------------------------------------


def _period(scope: ReportScope) -> tuple[date, date]:
    if scope.start is None or scope.end is None:
        raise ValidationError(
            "Give the period's first and last day.",
            "start",
            zh="请给出期间的开始日期和结束日期。",
        )
    if scope.start > scope.end:
        raise ValidationError(
            f"The period starts after it ends ({scope.start} > {scope.end}).",
            "start",
            zh=f"期间的开始晚于结束（{scope.start} > {scope.end}）。",
        )
    return scope.start, scope.end


def _relevant_commitments(
    found: list[CommitmentData], start: date, end: date, visit_id: str | None
) -> tuple[CommitmentData, ...]:
    """Promises made or due in the period, and every one still open (a manager asks about
    those whatever the period); for one visit, those made at it and the open ones."""
    out = []
    for c in found:
        still_open = c.status is CommitmentStatus.OPEN
        if visit_id is not None:
            wanted = c.visit_id == visit_id or still_open
        else:
            wanted = (
                still_open or _in(local_day(c.created_at), start, end) or _in(c.due, start, end)
            )
        if wanted:
            out.append(c)
    return tuple(out)


def _customer(
    session: Session,
    account: AccountData,
    found: Sequence[VisitData],
    start: date,
    end: date,
    t: Texts,
    visit_id: str | None = None,
) -> CustomerReport:
    # Notes taken at the visits reported on, or noted in the period.
    seen = {v.id for v in found}
    notes = [
        n
        for n in visits.list_intel_notes(session, account.id)
        if n.visit_id in seen or (not visit_id and _in(local_day(n.created_at), start, end))
    ]
    data = CustomerInput(
        account=account,
        start=start,
        end=end,
        visits=tuple(found),
        commitments=_relevant_commitments(
            commitments.list_commitments(session, account_id=account.id, limit=EVERYTHING),
            start,
            end,
            visit_id,
        ),
        notes=tuple(notes),
        map=relationship_map.load_map(session, account.id),
        visit_id=visit_id,
    )
    sections = tuple(s for build in CUSTOMER_SECTIONS if (s := build(session, data, t)) is not None)
    facts = (
        (t("Stage", "客户阶段"), account.stage.label(t.lang)),
        (t("Trust phase", "信任阶段"), account.trust_phase.label(t.lang)),
        (t("Owner", "负责人"), account.owner or "—"),
        (t("Region", "地区"), account.region or "—"),
        (t("Industry", "行业"), account.industry or "—"),
        (t("Next visit due", "下次拜访"), str(account.next_visit_due or "—")),
    )
    done = [v for v in found if v.done]
    counts = {
        "visits": len(done),
        "overdue": sum(c.overdue for c in data.commitments),
        "notes": len(notes),
        "risks": len(data.map.coverage.findings),
    }
    for status in CommitmentStatus:
        counts[status.code] = sum(c.status is status and not c.overdue for c in data.commitments)
    last = max((v.at for v in done), default=None)
    return CustomerReport(account, facts, sections, counts, None if last is None else _local(last))


def _nothing(t: Texts, start: date, end: date) -> ValidationError:
    return ValidationError(
        f"Nothing to report: no visits between {start} and {end} in this scope.",
        "start",
        zh=f"没有可报告的内容：{start} 至 {end} 之间在此范围内没有拜访。",
    )


def build_report(
    session: Session,
    scope: ReportScope,
    lang: str = "zh",
    *,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> ReportData:
    """The report's content. Refuses an unknown id, a period that ends before it starts and
    a scope with no visit in the period (``ValidationError`` / ``NotFoundError``)."""
    t = Texts(lang)
    generated = (now or datetime.now()).astimezone().replace(microsecond=0)
    summary: ReportSection | None = None
    who = users.device_login()
    if scope.kind == "visit":
        if not scope.id:
            raise ValidationError("Name the visit.", "id", zh="请指定拜访记录。")
        visit = visits.get_visit(session, scope.id)
        day = local_day(visit.at)
        assert day is not None
        start = end = day
        account = accounts.get_account(session, visit.account_id)
        customers = [_customer(session, account, [visit], day, day, t, visit_id=visit.id)]
        title = t(f"Visit report: {account.name}", f"拜访报告：{account.name}")
        who = visit.owner or account.owner or who
        chosen = account.name
    elif scope.kind == "account":
        if not scope.id:
            raise ValidationError("Name the customer.", "id", zh="请指定客户。")
        start, end = _period(scope)
        account = accounts.get_account(session, scope.id)
        found = visits.list_visits(
            session, account_id=account.id, start=start, end=end, limit=EVERYTHING
        )
        if not found:
            raise _nothing(t, start, end)
        customers = [_customer(session, account, found, start, end, t)]
        title = t(f"Customer report: {account.name}", f"客户报告：{account.name}")
        who = account.owner or who
        chosen = account.name
    elif scope.kind == "portfolio":
        start, end = _period(scope)
        customers, chosen = _portfolio(session, scope, start, end, t, progress)
        if not customers:
            raise _nothing(t, start, end)
        summary = summary_section(customers, t)
        title = t("Portfolio report", "客户组合报告")
        who = scope.owner or who
    else:
        raise ValidationError(
            f"Unknown report scope {scope.kind!r}; use visit, account or portfolio.",
            "kind",
            zh=f"未知的报告范围“{scope.kind}”；请用 visit、account 或 portfolio。",
        )
    facts = (
        (t("Salesperson", "销售人员"), who or "—"),
        (t("Period", "期间"), f"{start} — {end}" if start != end else str(start)),
        (t("Customers", "客户"), chosen),
        (t("Generated at", "生成时间"), generated.strftime("%Y-%m-%d %H:%M")),
    )
    return ReportData(lang, scope, title, start, end, facts, generated, summary, tuple(customers))


def _portfolio(
    session: Session,
    scope: ReportScope,
    start: date,
    end: date,
    t: Texts,
    progress: Progress | None,
) -> tuple[list[CustomerReport], str]:
    stage = None if scope.stage is None else parse_enum(Stage, scope.stage, "stage")
    owner = (scope.owner or "").strip()
    tag = (scope.tag or "").strip().casefold()
    by_account: dict[str, list[VisitData]] = defaultdict(list)
    for v in visits.list_visits(session, start=start, end=end, limit=EVERYTHING):
        by_account[v.account_id].append(v)
    rows = accounts.account_rows(session, by_account)
    view = (scope.view or "").strip()
    if view:  # the view's customers among those visited (its filter, as the list applies it)
        where = saved_views.get_view(session, view).filter
        in_view = accounts.ids_matching(session, where, rows)
        rows = {a: r for a, r in rows.items() if a in in_view}
    chosen = [
        r
        for r in sorted(rows.values(), key=lambda r: r.name)
        if (stage is None or r.stage is stage) and (not owner or r.owner == owner)
    ]
    if owner and not any(r.owner == owner for r in rows.values()):
        raise ValidationError(
            f"No customer visited between {start} and {end} is owned by {owner!r}.",
            "owner",
            zh=f"{start} 至 {end} 之间拜访过的客户中，没有负责人为“{owner}”的客户。",
        )
    customers: list[CustomerReport] = []
    for n, row in enumerate(chosen):
        if progress is not None:
            of = len(chosen)
            progress.step(
                n, of, t(f"Reading customer {n + 1} of {of}…", f"正在读取客户 {n + 1}/{of}…")
            )
        account = accounts.get_account(session, row.id)
        if tag and tag not in {x.casefold() for x in account.tags}:
            continue
        customers.append(_customer(session, account, by_account[row.id], start, end, t))
    narrowed = [
        *([t(f"stage {stage.label('en')}", f"阶段 {stage.label('zh')}")] if stage else []),
        *([t(f"tag {scope.tag}", f"标签 {scope.tag}")] if tag else []),
        *([t(f"owner {owner}", f"负责人 {owner}")] if owner else []),
        *([t(f"view {view}", f"视图 {view}")] if view else []),
    ]
    what = t(f"{len(customers)} visited in the period", f"本期间拜访过的 {len(customers)} 个客户")
    return customers, what + (f" ({t.join(narrowed)})" if narrowed else "")


def summary_section(customers: Sequence[CustomerReport], t: Texts) -> ReportSection:
    """The portfolio's opening table: one line per customer, totals at the foot."""
    keys = ("visits", "open", "kept", "broken", "overdue", "notes", "risks")
    rows = [
        (
            c.account.name,
            c.account.stage.label(t.lang),
            c.account.trust_phase.label(t.lang),
            c.counts["visits"],
            c.last_visit.date() if c.last_visit else None,
            *(c.counts[k] for k in keys[1:]),
        )
        for c in customers
    ]
    columns = (
        Column(t("Customer", "客户"), "text", 20),
        Column(t("Stage", "阶段"), "text", 11),
        Column(t("Trust phase", "信任阶段"), "text", 9),
        Column(t("Visits", "拜访"), "number", 6),
        Column(t("Last visit", "最近拜访"), "date", 12),
        Column(t("Open", "未兑现"), "number", 6),
        Column(t("Kept", "已兑现"), "number", 6),
        Column(t("Broken", "未能兑现"), "number", 8),
        Column(t("Overdue", "已逾期"), "number", 9),
        Column(t("Notes", "情报"), "number", 6),
        Column(t("Risks", "风险"), "number", 6),
    )
    totals: tuple[Cell, ...] = (
        t(f"Total ({len(rows)} customers)", f"合计（{len(rows)} 个客户）"),
        "",
        "",
        sum(c.counts["visits"] for c in customers),
        None,
        *(sum(c.counts[k] for c in customers) for k in keys[1:]),
    )
    return ReportSection("summary", t("Summary", "概览"), columns, tuple(rows), totals=totals)


__all__ = [
    "CUSTOMER_SECTIONS",
    "Column",
    "CustomerInput",
    "CustomerReport",
    "ReportData",
    "ReportScope",
    "ReportSection",
    "build_report",
]
