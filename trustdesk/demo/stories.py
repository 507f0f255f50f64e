"""Demo stories of seed 002 (when trust breaks) and seed 000 (winning customers back), told
on a few of the demo's own customers through the services, so every rule of issue 14 applies
to them exactly as to data a user enters:

- *recovered*: a survey scored 2 opens a complaint, answered within hours with a first-person
  apology, put right the next day to the customer's satisfaction; the improvement it asked for
  is done and the customer was told (one failure put right: normal);
- *second failure*: two complaints within the window, the last one not put right to the
  customer's liking — high risk, its chip in the customer list;
- *overdue*: one complaint unanswered past its response deadline, one answered but unresolved
  past its resolution deadline; the improvement's second customer still to be told;
- *half-way*: a lost customer in the middle of the seven win-back steps, steps 1–3 done with
  notes in the customer's own words;
- *won back*: a lost customer through the seven steps and back to repeat customer (the plan
  closed as won back, in the stage history);
- the service log, an advocate candidate (recommends us: 5) and a customer silent past the
  window (both on the Suggestions list).

Small and quick: a dozen service calls. Moments are laid out backwards from the demo's ``now``;
a story whose kind of customer the demo lacks (a tiny demo) is left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from trustdesk.db.models import Account, Contact, StageChange, Visit, WinBackPlan
from trustdesk.demo.showcase import showcases
from trustdesk.domain.enums import (
    Channel,
    ComplaintSeverity,
    ContactFunction,
    RecoverySatisfaction,
    Stage,
    StageRule,
    StepStatus,
    WinBackStep,
)
from trustdesk.services import (
    accounts,
    complaints,
    improvements,
    service_log,
    stage_suggestions,
    survey_templates,
    surveys,
    visits,
    winback,
)
from trustdesk.services.visit_plan import local_day

# The customers a story may use: the first few of each stage (by id, so the same seed gives the
# same ones) among those the demo has just made.
CANDIDATES = 200
SCORE_TEMPLATE = "Customer score"  # the built-in template with overall / buy_again / recommend

# (zh, en) — notes in the customer's own words, in its language.
HALFWAY_STEPS: tuple[tuple[WinBackStep, int, str, str], ...] = (
    (
        WinBackStep.ASK,
        40,
        "问：“我们需要做些什么才能再次为您服务？”采购经理：“交期稳定下来，我们可以再谈。”",
        'Asked "what must we do to serve you again?" The buyer: "Get your lead times steady '
        'and we can talk again."',
    ),
    (
        WinBackStep.LISTEN,
        33,
        "客户原话：“上次断货让我们停线两天，没有一个人打电话来解释。”记下了，没有辩解。",
        'In their words: "When you ran out we stopped the line for two days, and nobody called '
        'to explain." Noted, no excuses.',
    ),
    (
        WinBackStep.FULFIL,
        20,
        "按客户要求备了一个月的安全库存，已当面告知；再次请求合作。客户：“下个月先给一张试单。”",
        "Built the month of safety stock they asked for and told them in person; asked for the "
        'business again. They said: "We will send a trial order next month."',
    ),
)
WON_BACK_STEPS: tuple[tuple[str, str], ...] = (
    (
        "客户：“价格可以谈，但要有专人对接，别再换人。”",
        'They said: "Price we can discuss; give us '
        'one person to deal with, and stop changing them."',
    ),
    (
        "听完没有解释，只说“是我们没做好”。",
        'Listened without explaining; said only "we let you down".',
    ),
    (
        "指定专人对接并告知客户，请求恢复合作。",
        "Named one person for them, told them so, and asked for the business again.",
    ),
    (
        "两个月里没有催单，只按时送资料。",
        "Two months without pushing for an order; sent what they asked for on time.",
    ),
    ("每两周电话问候一次。", "A call every two weeks."),
    ("回来时没有提旧事。", "Said nothing about the past when they came back."),
    ("回头订单提前两天交付。", "The first order back delivered two days early."),
)


@dataclass
class Stories:
    """The customers (and records) each story was told on; None when left out."""

    recovered: str | None = None
    second_failure: str | None = None
    overdue_complaints: list[str] = field(default_factory=list)
    halfway: str | None = None
    won_back: str | None = None
    improvement: str | None = None
    advocate: str | None = None
    silent: str | None = None
    service_records: list[str] = field(default_factory=list)


def _chinese(name: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in name)


def _words(name: str, zh: str, en: str) -> str:
    return zh if _chinese(name) else en


class _Picker:
    """Hands out demo customers of a stage, each at most once."""

    def __init__(self, session: Session, only: set[str]) -> None:
        self.session = session
        self.only = only
        self.used: set[str] = set()
        self.skip = {case.name for case in showcases()}

    def take(self, *stages: Stage, answerable_loss: bool = False) -> Account | None:
        for stage in stages:
            rows = self.session.scalars(
                select(Account)
                .where(
                    Account.stage == stage,
                    Account.deleted_at.is_(None),
                    Account.do_not_serve.is_(False),
                )
                .order_by(Account.id)
                .limit(CANDIDATES)
            )
            for account in rows:
                if account.id in self.used or account.id not in self.only:
                    continue
                if account.name in self.skip:
                    continue
                if (
                    answerable_loss
                    and not winback.worth_check(self.session, account.id, 1).worth_it
                ):
                    continue
                self.used.add(account.id)
                return account
        return None

    def person(self, account: Account) -> str | None:
        return self.session.scalar(
            select(Contact.id)
            .where(Contact.account_id == account.id, Contact.departed.is_(False))
            .order_by(Contact.id)
            .limit(1)
        )


def add_stories(session: Session, *, now: datetime, only: set[str]) -> Stories:
    """Tell the stories on customers among ``only`` (the ones the demo has just made)."""
    pick = _Picker(session, only)
    told = Stories()
    _recovered(session, pick, now, told)
    _second_failure(session, pick, now, told)
    _overdue(session, pick, now, told)
    _improvement(session, now, told)
    _halfway(session, pick, now, told)
    _won_back(session, pick, now, told)
    _service(session, pick, now, told)
    _advocate(session, pick, now, told)
    _silent(session, pick, now, told)
    return told


def _score_template(session: Session) -> str | None:
    for template in survey_templates.list_templates(session):
        if template.title_en.startswith(SCORE_TEMPLATE):
            return template.id
    return None


def _recovered(session: Session, pick: _Picker, now: datetime, told: Stories) -> None:
    account = pick.take(Stage.REGULAR, Stage.REPEAT, Stage.ADVOCATE)
    template = _score_template(session)
    if account is None or template is None:
        return
    name, person = account.name, pick.person(account)
    taken = now - timedelta(days=46)
    surveys.fill_survey(
        session,
        account.id,
        template,
        {"overall": 2, "buy_again": 4, "recommend": 3},
        contact_id=person,
        taken_at=taken,
    )
    task = surveys.follow_ups(session, account_id=account.id)[0]
    received = taken + timedelta(days=1, hours=1)
    made = complaints.add_complaint(
        session,
        account.id,
        description=_words(
            name,
            "调查只打了 2 分：上批货晚到三天，产线差点停工，事先没人通知。",
            "Scored us 2: the last delivery was three days late, the line nearly "
            "stopped, and nobody warned them.",
        ),
        channel=Channel.PHONE,
        severity=ComplaintSeverity.MAJOR,
        contact_id=person,
        received_at=received,
        survey_answer_id=task.answer_id,
    )
    complaints.respond(
        session,
        made.id,
        at=received + timedelta(hours=1, minutes=30),
        apology_words=_words(
            name,
            "对不起，是我没有盯紧这批货，也没有提前告诉您。我今天就把补货安排好。",
            "I am sorry: I did not watch this order closely and I did not warn "
            "you. I will have the goods re-sent today.",
        ),
    )
    complaints.resolve(
        session,
        made.id,
        at=received + timedelta(days=1),
        resolution=_words(
            name,
            "连夜补发，运费由我们承担；以后发货前一天电话确认交期。",
            "Re-sent overnight at our cost; from now on we call the day before "
            "each delivery to confirm it.",
        ),
        satisfied=RecoverySatisfaction.YES,
    )
    surveys.complete_follow_up(
        session,
        task.id,
        _words(name, "已转为投诉并妥善解决。", "Taken up as a complaint, put right."),
    )
    record = service_log.add_service_record(
        session,
        account.id,
        _words(name, "连夜补发货物", "Re-sent the goods overnight"),
        day=local_day(received + timedelta(days=1)),
        value=_words(name, "产线没有停工", "their line did not stop"),
        complaint_id=made.id,
    )
    told.recovered = account.id
    told.service_records.append(record.id)


def _second_failure(session: Session, pick: _Picker, now: datetime, told: Stories) -> None:
    account = pick.take(Stage.REPEAT, Stage.REGULAR, Stage.FIRST_TIME)
    if account is None:
        return
    name, person = account.name, pick.person(account)
    first = now - timedelta(days=150)
    made = complaints.add_complaint(
        session,
        account.id,
        description=_words(
            name, "发票抬头开错，财务退回。", "The invoice had the wrong company name."
        ),
        channel=Channel.EMAIL,
        severity=ComplaintSeverity.MINOR,
        contact_id=person,
        received_at=first,
    )
    complaints.respond(
        session,
        made.id,
        at=first + timedelta(hours=3),
        apology_words=_words(
            name,
            "对不起，是我填错了，我马上重开。",
            "I am sorry, I got it wrong; I will reissue it now.",
        ),
    )
    complaints.resolve(
        session,
        made.id,
        at=first + timedelta(days=2),
        resolution=_words(name, "重开发票并快递寄出。", "Reissued and sent by courier."),
        satisfied=RecoverySatisfaction.YES,
    )
    second = now - timedelta(days=12)
    again = complaints.add_complaint(
        session,
        account.id,
        description=_words(
            name, "同一批货有一成尺寸不合格。", "A tenth of one batch was out of size."
        ),
        channel=Channel.IN_PERSON,
        severity=ComplaintSeverity.CRITICAL,
        contact_id=person,
        received_at=second,
    )
    complaints.respond(session, again.id, at=second + timedelta(hours=6))
    complaints.resolve(
        session,
        again.id,
        at=second + timedelta(days=4),
        resolution=_words(
            name, "换货，但比承诺晚了两天。", "Replaced, two days later than promised."
        ),
        satisfied=RecoverySatisfaction.NO,
    )
    told.second_failure = account.id


def _overdue(session: Session, pick: _Picker, now: datetime, told: Stories) -> None:
    account = pick.take(Stage.FIRST_TIME, Stage.EXPLORER)
    if account is not None:  # unanswered, past its response deadline
        made = complaints.add_complaint(
            session,
            account.id,
            description=_words(
                account.name,
                "样品和报价单上的型号对不上，来电两次没人回。",
                "The samples do not match the quote; called twice, no answer.",
            ),
            channel=Channel.PHONE,
            severity=ComplaintSeverity.MAJOR,
            contact_id=pick.person(account),
            received_at=now - timedelta(days=2, hours=3),
        )
        told.overdue_complaints.append(made.id)
    account = pick.take(Stage.ADVOCATE, Stage.REGULAR)
    if account is not None:  # answered, unresolved past its resolution deadline
        received = now - timedelta(days=11)
        made = complaints.add_complaint(
            session,
            account.id,
            description=_words(
                account.name,
                "安装调试拖了一周还没完成。",
                "Installation is a week late and still not finished.",
            ),
            channel=Channel.IM,
            severity=ComplaintSeverity.MINOR,
            contact_id=pick.person(account),
            received_at=received,
        )
        complaints.respond(
            session,
            made.id,
            at=received + timedelta(hours=2),
            apology_words=_words(
                account.name,
                "对不起，是我排期没排好，我来盯到装完。",
                "I am sorry, I planned it badly; I will see it through myself.",
            ),
        )
        told.overdue_complaints.append(made.id)


def _improvement(session: Session, now: datetime, told: Stories) -> None:
    """CMP-4: the late delivery and the bad batch asked for the same change; done, the
    recovered customer told, the other one still to tell."""
    sources: list[tuple[str, str]] = []
    for account_id in (told.recovered, told.second_failure):
        if account_id is None:
            continue
        for c in complaints.list_complaints(session, account_id=account_id, state="all"):
            sources.append(("complaint", c.id))
            if c.survey_answer_id:
                sources.append(("survey-answer", c.survey_answer_id))
    if not sources:
        return
    action = improvements.add_action(
        session,
        "发货前一天电话确认交期，出库前抽检尺寸 / Call the day before each delivery; "
        "check sizes before shipping",
        sources=sources,
        due=local_day(now - timedelta(days=20)),
    )
    improvements.complete_action(session, action.id, at=now - timedelta(days=9))
    if told.recovered is not None:
        name = accounts.load(session, told.recovered).name
        improvements.mark_informed(
            session,
            action.id,
            told.recovered,
            at=now - timedelta(days=7),
            how=_words(name, "拜访时当面告知", "told in person on a visit"),
        )
    if told.overdue_complaints:  # an open one, still to do
        improvements.add_action(
            session,
            "报价单附样品编号 / Quote the sample number on every quotation",
            sources=[("complaint", told.overdue_complaints[0])],
            due=local_day(now + timedelta(days=14)),
        )
    told.improvement = action.id


def _last_change(session: Session, account_id: str) -> datetime:
    moment = session.scalar(
        select(StageChange.changed_at)
        .where(StageChange.account_id == account_id)
        .order_by(StageChange.changed_at.desc())
        .limit(1)
    )
    assert moment is not None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _visit(
    session: Session,
    pick: _Picker,
    account: Account,
    at: datetime,
    channel: Channel,
    zh: str,
    en: str,
) -> None:
    """A contact logged on a win-back step (so the customer is not silent once back)."""
    person = pick.person(account)
    visits.log_visit(
        session,
        account.id,
        channel=channel,
        functions=[ContactFunction.CARE],
        contact_ids=[person] if person else [],
        at=at,
        notes=_words(account.name, zh, en),
    )


def _started(session: Session, plan_id: str, at: datetime) -> None:
    """The services stamp a plan as started now; the demo lays its time out backwards."""
    row = session.get(WinBackPlan, plan_id)
    assert row is not None
    row.started_at = at


def _halfway(session: Session, pick: _Picker, now: datetime, told: Stories) -> None:
    account = pick.take(Stage.LOST, answerable_loss=True)
    if account is None:
        return
    plan = winback.start_winback(
        session,
        account.id,
        past_value=180_000,
        reason=_words(
            account.name,
            "三年老客户，年采购额约 18 万元；流失原因是我们可以弥补的。",
            "A customer of three years, about 180,000 yuan a year; we can answer why it left.",
        ),
    )
    _started(session, plan.id, now - timedelta(days=42))
    _visit(
        session,
        pick,
        account,
        now - timedelta(days=40),
        Channel.IN_PERSON,
        "上门问：我们需要做些什么才能再次为您服务？",
        "Visited to ask what we must do to serve them again.",
    )
    _visit(
        session,
        pick,
        account,
        now - timedelta(days=20),
        Channel.IN_PERSON,
        "告知安全库存已备好，再次请求合作。",
        "Told them the safety stock is ready; asked for the business again.",
    )
    for step, days_ago, zh, en in HALFWAY_STEPS:
        winback.set_step(
            session,
            plan.id,
            step,
            status=StepStatus.DONE,
            done_on=local_day(now - timedelta(days=days_ago)),
            notes=_words(account.name, zh, en),
        )
    winback.set_step(session, plan.id, WinBackStep.PATIENCE, status=StepStatus.DOING)
    told.halfway = account.id


def _won_back(session: Session, pick: _Picker, now: datetime, told: Stories) -> None:
    account = pick.take(Stage.LOST, answerable_loss=True)
    if account is None:
        return
    name = account.name
    lost_at = _last_change(session, account.id)
    back_at = lost_at + (now - lost_at) * 0.8
    plan = winback.start_winback(session, account.id, past_value=95_000)
    _started(session, plan.id, lost_at + (back_at - lost_at) / 10)
    _visit(
        session,
        pick,
        account,
        lost_at + (back_at - lost_at) / 8,
        Channel.IN_PERSON,
        "上门询问如何才能再次为客户服务。",
        "Visited to ask how we could serve them again.",
    )
    _visit(
        session,
        pick,
        account,
        lost_at + (back_at - lost_at) * 0.7,
        Channel.PHONE,
        "例行电话问候。",
        "A call to keep in touch.",
    )
    _visit(
        session,
        pick,
        account,
        back_at,
        Channel.IN_PERSON,
        "试单验收，客户恢复下单。",
        "Trial order accepted; they are ordering again.",
    )
    _visit(
        session,
        pick,
        account,
        now - timedelta(days=15),
        Channel.PHONE,
        "回访回头订单的使用情况。",
        "Asked how the first order back is doing.",
    )
    steps: Sequence[tuple[str, str]] = WON_BACK_STEPS
    for n, (step, (zh, en)) in enumerate(zip(WinBackStep, steps, strict=True)):
        on = lost_at + (back_at - lost_at) * (n + 1) / (len(steps) + 1)
        if step is WinBackStep.CHERISH:
            on = back_at
        winback.set_step(
            session,
            plan.id,
            step,
            status=StepStatus.DONE,
            done_on=local_day(on),
            notes=_words(name, zh, en),
        )
    accounts.change_stage(
        session,
        account.id,
        Stage.REPEAT,
        _words(name, "试单验收通过，恢复下单", "trial order accepted; ordering again"),
        at=back_at,
    )
    record = service_log.add_service_record(
        session,
        account.id,
        _words(name, "回头订单提前两天交付", "First order back, two days early"),
        day=local_day(back_at),
        value=_words(name, "客户赶上了旺季", "they made their busy season"),
    )
    told.won_back = account.id
    told.service_records.append(record.id)


def _service(session: Session, pick: _Picker, now: datetime, told: Stories) -> None:
    """Good service from a visit, for the visit reports' "what we did for you this year"."""
    for account_id in (told.second_failure, told.recovered):
        if account_id is None:
            continue
        visit = session.scalar(
            select(Visit)
            .where(Visit.account_id == account_id, Visit.done.is_(True))
            .order_by(Visit.at.desc())
            .limit(1)
        )
        if visit is None:
            continue
        name = accounts.load(session, account_id).name
        record = service_log.add_service_record(
            session,
            account_id,
            _words(name, "现场培训两名新操作员", "Trained two new operators on site"),
            day=local_day(visit.at if visit.at.tzinfo else visit.at.replace(tzinfo=UTC)),
            value=_words(name, "废品率降了约 2%", "about 2% less scrap"),
            visit_id=visit.id,
        )
        told.service_records.append(record.id)
        return


def _advocate(session: Session, pick: _Picker, now: datetime, told: Stories) -> None:
    """Recommends us: 5 — an advocate candidate on the Suggestions list."""
    template = _score_template(session)
    if template is None:
        return
    # The customer's own history (an open complaint, a long silence) may outrank the
    # survey on the Suggestions list: the next one is tried then, as the demo's dates move.
    for _ in range(5):
        account = pick.take(Stage.REGULAR, Stage.REPEAT)
        if account is None:
            return
        surveys.fill_survey(
            session,
            account.id,
            template,
            {"overall": 5, "buy_again": 5, "recommend": 5},
            contact_id=pick.person(account),
            taken_at=now - timedelta(days=8),
        )
        found = stage_suggestions.suggestion_for(session, account.id, on=local_day(now))
        if found is not None and found.rule is StageRule.ADVOCATE:
            told.advocate = account.id
            return


def _silent(session: Session, pick: _Picker, now: datetime, told: Stories) -> None:
    """The customer longest without a visit, if silent past the window (the history leaves
    a few so)."""
    on = local_day(now)
    for stage in (Stage.EXPLORER, Stage.SKEPTIC, Stage.FIRST_TIME, Stage.REPEAT):
        rows = session.scalars(
            select(Account.id)
            .where(Account.stage == stage, Account.deleted_at.is_(None))
            .order_by(Account.last_visit_at.is_not(None), Account.last_visit_at)
            .limit(20)
        )
        for account_id in rows:
            if account_id not in pick.only or account_id in pick.used:
                continue
            found = stage_suggestions.suggestion_for(session, account_id, on=on)
            if found is not None and found.to_stage is Stage.LOST:
                told.silent = account_id
                return
