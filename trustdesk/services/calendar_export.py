"""Issue 11 (5): the salesperson's dates as an iCalendar file (RFC 5545) any calendar app reads.

What goes in: planned visits (timed, in UTC), open next steps (all-day), each person's
birthday and personal care dates (情感关怀; yearly ones recur), as VEVENT; promises with a due
date as VTODO. Every component's UID is made from its kind and record id (``visit-<id>@trustdesk``),
so importing a second export updates the entries of the first instead of doubling them; for the
same reason a promise kept or withdrawn since then is exported once more, COMPLETED or
CANCELLED, so the calendar's task does not stay open.

The range (local days, both ends included) filters by each entry's day; a yearly date is in
when one of its occurrences is. Open things (planned visits, next steps, open promises) have no
lower bound without ``start`` (an overdue step still wants doing); dated things (birthdays,
care dates) then start today.

The file is written whole or not at all (a temp file in the same folder, renamed over the
target), so a calendar app watching it never reads half a file.

The iCalendar building sits here rather than in ``reports/``: reports sit above services
(they call them), and this writer needs no Qt.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from trustdesk import __version__
from trustdesk.db.models import Account, CareDate, Commitment, Contact, Visit, VisitContact
from trustdesk.domain.enums import CommitmentStatus, ContactFunction
from trustdesk.domain.visit_plan import next_birthday
from trustdesk.errors import ExportFileError, ValidationError
from trustdesk.services.team_settings import get_setting
from trustdesk.services.visit_plan import local_day, today

LANGS = ("zh", "en")
UID_DOMAIN = "trustdesk"
VISIT_HOURS = 1  # a planned visit's length in the calendar (the record has no end time)
# Without a start day, promises closed within this many days are exported too, so the open
# task an earlier export put in the calendar turns COMPLETED or CANCELLED.
RECENTLY_CLOSED_DAYS = 90

_TODO_STATUS = {
    CommitmentStatus.OPEN: "NEEDS-ACTION",
    CommitmentStatus.KEPT: "COMPLETED",
    CommitmentStatus.BROKEN: "CANCELLED",
    CommitmentStatus.WITHDRAWN: "CANCELLED",
}


def uid(kind: str, record_id: str) -> str:
    """The component's stable UID: the same record gives the same UID in every export."""
    return f"{kind}-{record_id}@{UID_DOMAIN}"


def export_ics(
    session: Session,
    path: str | os.PathLike[str],
    start: date | None = None,
    end: date | None = None,
    lang: str = "zh",
) -> int:
    """Write the calendar to ``path``; returns how many events and to-dos it holds."""
    target = _target(Path(path))
    if lang not in LANGS:
        raise ValidationError(
            f"The calendar's language must be zh or en (got {lang!r}).",
            "lang",
            zh=f"日历语言只能是 zh 或 en（收到的是“{lang}”）。",
        )
    if start is not None and end is not None and start > end:
        raise ValidationError(
            f"The range starts after it ends ({start} > {end}).",
            "start",
            zh=f"日期范围的开始晚于结束（{start} > {end}）。",
        )
    calendar, count = build_calendar(session, start=start, end=end, lang=lang)
    _write_atomically(target, calendar.to_ical())
    return count


def build_calendar(
    session: Session, *, start: date | None = None, end: date | None = None, lang: str = "zh"
) -> tuple[Any, int]:
    """The ``icalendar.Calendar`` and how many components it holds."""
    from icalendar import Calendar

    stamp = datetime.now(UTC).replace(microsecond=0)
    text = _Texts(lang)
    cal = Calendar()
    cal.add("prodid", f"-//TrustDesk//TrustDesk {__version__}//{lang.upper()}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "TrustDesk")
    days_ahead = get_setting(session, "reminder_days_ahead")
    ahead = days_ahead if isinstance(days_ahead, int) else 3
    components = [
        *_planned_visits(session, start, end, text),
        *_next_steps(session, start, end, text),
        *_birthdays(session, start, end, text, ahead),
        *_care_dates(session, start, end, text, ahead),
        *_commitments(session, start, end, text),
    ]
    for component in components:
        component.add("dtstamp", stamp)
        cal.add_component(component)
    return cal, len(components)


# --- what each language says --------------------------------------------------------------


class _Texts:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.zh = lang == "zh"

    def say(self, en: str, zh: str) -> str:
        return zh if self.zh else en

    def row(self, en: str, zh: str, value: str) -> str:
        return f"{zh}：{value}" if self.zh else f"{en}: {value}"

    def join(self, items: Iterable[str]) -> str:
        return ("、" if self.zh else ", ").join(items)

    def around(self, main: str, aside: str) -> str:
        """``main (aside)`` with the language's brackets."""
        return f"{main}（{aside}）" if self.zh else f"{main} ({aside})"


def _first_line(text: str, limit: int = 80) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


# --- the components -------------------------------------------------------------------------


def _event(kind: str, record_id: str, summary: str, description: list[str]) -> Any:
    from icalendar import Event

    event = Event()
    event.add("uid", uid(kind, record_id))
    event.add("summary", summary)
    lines = [line for line in description if line]
    if lines:
        event.add("description", "\n".join(lines))
    return event


def _all_day(event: Any, day: date) -> None:
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("transp", "TRANSPARENT")  # a day to remember, not a busy day


def _yearly(event: Any, first: date, until: date | None, *, leap_day: bool) -> None:
    rule: dict[str, Any] = {"freq": "yearly"}
    if leap_day:
        # 29 February: the last day of February every year (the 28th in common years), as
        # the app's own reminders have it; a plain yearly rule skips three years in four.
        rule |= {"bymonth": 2, "bymonthday": -1}
    if until is not None:
        rule["until"] = until
    event.add("rrule", rule)


def _alarm(event: Any, days_before: int, summary: str) -> None:
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", timedelta(days=-days_before))
    event.add_component(alarm)


def _local_bounds(start: date | None, end: date | None) -> tuple[datetime | None, datetime | None]:
    low = datetime.combine(start, time.min).astimezone() if start else None
    high = datetime.combine(end + timedelta(days=1), time.min).astimezone() if end else None
    return low, high


def _live() -> list[Any]:
    """Customers on the plan: not deleted, not do-not-serve (as the visit plan has them)."""
    return [Account.deleted_at.is_(None), Account.do_not_serve.is_(False)]


def _people(session: Session, visit_ids: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {vid: [] for vid in visit_ids}
    for at in range(0, len(visit_ids), 500):
        rows = session.execute(
            select(VisitContact.visit_id, Contact.name)
            .join(Contact, Contact.id == VisitContact.contact_id)
            .where(
                VisitContact.visit_id.in_(visit_ids[at : at + 500]),
                VisitContact.deleted_at.is_(None),
                Contact.deleted_at.is_(None),
            )
            .order_by(Contact.sort_key)
        )
        for vid, name in rows:
            out[vid].append(name)
    return out


def _planned_visits(
    session: Session, start: date | None, end: date | None, text: _Texts
) -> list[Any]:
    query = (
        select(Visit, Account.name, Account.address)
        .join(Account, Account.id == Visit.account_id)
        .where(*_live(), Visit.deleted_at.is_(None), Visit.done.is_(False))
    )
    low, high = _local_bounds(start, end)
    if low is not None:
        query = query.where(Visit.at >= low)
    if high is not None:
        query = query.where(Visit.at < high)
    rows = session.execute(query.order_by(Visit.at, Visit.id)).all()
    people = _people(session, [v.id for v, _, _ in rows])
    out = []
    for visit, account, address in rows:
        channel = visit.channel.label(text.lang)
        summary = text.around(text.say(f"Visit {account}", f"拜访 {account}"), channel)
        functions = [
            ContactFunction.parse(c).label(text.lang)
            for c in visit.functions
            if c in ContactFunction.codes()
        ]
        event = _event(
            "visit",
            visit.id,
            summary,
            [
                text.row("Customer", "客户", account),
                text.row("People", "人员", text.join(people[visit.id])) if people[visit.id] else "",
                text.row("Purpose", "接触功能", text.join(functions)) if functions else "",
                text.row("Notes", "备注", visit.notes) if visit.notes else "",
                text.row("Next step", "下一步", visit.next_step) if visit.next_step else "",
            ],
        )
        moment = visit.at if visit.at.tzinfo else visit.at.replace(tzinfo=UTC)
        event.add("dtstart", moment.astimezone(UTC))
        event.add("dtend", moment.astimezone(UTC) + timedelta(hours=VISIT_HOURS))
        if address:
            event.add("location", address)
        event.add("categories", [text.say("Visit", "拜访")])
        event.add("last-modified", _utc(visit.updated_at))
        out.append(event)
    return out


def _next_steps(session: Session, start: date | None, end: date | None, text: _Texts) -> list[Any]:
    query = (
        select(Visit, Account.name)
        .join(Account, Account.id == Visit.account_id)
        .where(
            *_live(),
            Visit.deleted_at.is_(None),
            Visit.next_due.is_not(None),
            Visit.next_done_at.is_(None),
            Visit.next_step != "",
        )
    )
    if start is not None:
        query = query.where(Visit.next_due >= start)
    if end is not None:
        query = query.where(Visit.next_due <= end)
    rows = session.execute(query.order_by(Visit.next_due, Visit.id)).all()
    people = _people(session, [v.id for v, _ in rows])
    out = []
    for visit, account in rows:
        assert visit.next_due is not None
        step = _first_line(visit.next_step)
        summary = text.around(text.say(f"Next step: {step}", f"下一步：{step}"), account)
        day = local_day(visit.at)
        source = (
            text.say(f"From the visit on {day}", f"来自 {day} 的拜访")
            if visit.done
            else text.say(f"For the visit planned on {day}", f"用于 {day} 计划的拜访")
        )
        event = _event(
            "next-step",
            visit.id,
            summary,
            [
                text.row("Customer", "客户", account),
                text.row("Next step", "下一步", visit.next_step),
                source,
                text.row("People", "人员", text.join(people[visit.id])) if people[visit.id] else "",
            ],
        )
        _all_day(event, visit.next_due)
        event.add("categories", [text.say("Next step", "下一步")])
        event.add("last-modified", _utc(visit.updated_at))
        out.append(event)
    return out


def _first_in(day: date, start: date | None, end: date | None, yearly: bool) -> date | None:
    """The first occurrence of ``day`` in the range (from today without a start), or None."""
    low = start or today()
    first = next_birthday(day, low) if yearly else day
    if first < low or (end is not None and first > end):
        return None
    return first


def _person_rows() -> Select[Contact, str]:
    return (
        select(Contact, Account.name)
        .join(Account, Account.id == Contact.account_id)
        .where(
            *_live(),
            Contact.deleted_at.is_(None),
            Contact.departed.is_(False),
            Contact.is_placeholder.is_(False),
        )
    )


def _birthdays(
    session: Session, start: date | None, end: date | None, text: _Texts, ahead: int
) -> list[Any]:
    rows = session.execute(
        _person_rows().where(Contact.birthday.is_not(None)).order_by(Contact.sort_key, Contact.id)
    ).all()
    out = []
    for contact, account in rows:
        assert contact.birthday is not None
        first = _first_in(contact.birthday, start, end, yearly=True)
        if first is None:
            continue
        leap = contact.birthday.month == 2 and contact.birthday.day == 29
        summary = text.around(
            text.say(f"{contact.name}'s birthday", f"{contact.name} 生日"), account
        )
        event = _event(
            "birthday",
            contact.id,
            summary,
            [
                text.row("Customer", "客户", account),
                text.row("Title", "职务", contact.title) if contact.title else "",
                text.say(
                    "Born on 29 February: in common years the date is 28 February.",
                    "2 月 29 日出生：平年在 2 月 28 日。",
                )
                if leap
                else "",
            ],
        )
        _all_day(event, first)
        _yearly(event, first, end, leap_day=leap)
        event.add("categories", [text.say("Birthday", "生日")])
        event.add("last-modified", _utc(contact.updated_at))
        if ahead > 0:
            _alarm(event, ahead, summary)
        out.append(event)
    return out


def _care_dates(
    session: Session, start: date | None, end: date | None, text: _Texts, ahead: int
) -> list[Any]:
    rows = session.execute(
        _person_rows()
        .add_columns(CareDate)
        .join(CareDate, CareDate.contact_id == Contact.id)
        .where(CareDate.deleted_at.is_(None))
        .order_by(CareDate.day, CareDate.id)
    ).all()
    out = []
    for contact, account, care in rows:
        first = _first_in(care.day, start, end, yearly=care.yearly)
        if first is None:
            continue
        note = _first_line(care.note) or text.say("personal date", "关怀日")
        said = text.say(f"Care: {contact.name}: {note}", f"关怀：{contact.name}：{note}")
        summary = text.around(said, account)
        event = _event(
            "care",
            care.id,
            summary,
            [text.row("Customer", "客户", account), care.note],
        )
        leap = care.yearly and care.day.month == 2 and care.day.day == 29
        _all_day(event, first)
        if care.yearly:
            _yearly(event, first, end, leap_day=leap)
        event.add("categories", [text.say("Personal care", "情感关怀")])
        event.add("last-modified", _utc(care.updated_at))
        if ahead > 0:
            _alarm(event, ahead, summary)
        out.append(event)
    return out


def _commitments(session: Session, start: date | None, end: date | None, text: _Texts) -> list[Any]:
    from icalendar import Todo

    query = (
        select(Commitment, Account.name, Contact.name)
        .join(Account, Account.id == Commitment.account_id)
        .outerjoin(Contact, Contact.id == Commitment.contact_id)
        .where(
            Commitment.deleted_at.is_(None),
            Account.deleted_at.is_(None),
            Commitment.due.is_not(None),
        )
    )
    if start is not None:
        query = query.where(Commitment.due >= start)
    else:
        recently = datetime.now(UTC) - timedelta(days=RECENTLY_CLOSED_DAYS)
        query = query.where(
            (Commitment.status == CommitmentStatus.OPEN) | (Commitment.updated_at >= recently)
        )
    if end is not None:
        query = query.where(Commitment.due <= end)
    out = []
    for row, account, person in session.execute(query.order_by(Commitment.due, Commitment.id)):
        assert row.due is not None
        what = _first_line(row.what)
        todo = Todo()
        todo.add("uid", uid("commitment", row.id))
        todo.add("summary", text.around(text.say(f"Promise: {what}", f"承诺：{what}"), account))
        lines = [
            text.row("Customer", "客户", account),
            text.row("To", "承诺对象", person) if person else "",
            text.row("What", "承诺内容", row.what),
            text.row("Status", "状态", row.status.label(text.lang)),
        ]
        if row.bottom_line is not None and row.stated_value is not None:
            unit = row.bottom_line.unit(text.lang)
            value = f"{row.stated_value:g}{unit if unit == '%' or text.zh else ' ' + unit}"
            line = text.row(row.bottom_line.en, row.bottom_line.zh, value)
            if row.needs_approval:
                line += text.say(" — beyond the bottom line, needs approval", "——超出底线，需审批")
            lines.append(line)
        todo.add("description", "\n".join(x for x in lines if x))
        todo.add("due", row.due)
        todo.add("status", _TODO_STATUS[row.status])
        if row.status is CommitmentStatus.KEPT:
            todo.add("completed", _utc(row.updated_at))
            todo.add("percent-complete", 100)
        if row.needs_approval:
            todo.add("priority", 1)
        todo.add("categories", [text.say("Promise", "承诺")])
        todo.add("last-modified", _utc(row.updated_at))
        out.append(todo)
    return out


def _utc(moment: datetime) -> datetime:
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).replace(microsecond=0)


# --- the file -------------------------------------------------------------------------------


def _target(path: Path) -> Path:
    """Refuse, before any work, a place the file cannot go."""
    path = path.expanduser()
    folder = path.parent
    if not folder.is_dir():
        raise ExportFileError(
            f"The folder {folder} does not exist; choose an existing folder for the calendar file.",
            zh=f"文件夹 {folder} 不存在；请为日历文件选择一个已有的文件夹。",
        )
    if path.is_dir():
        raise ExportFileError(
            f"{path} is a folder; give a file name such as {path / 'trustdesk.ics'}.",
            zh=f"{path} 是一个文件夹；请给出文件名，例如 {path / 'trustdesk.ics'}。",
        )
    return path


def _write_atomically(path: Path, data: bytes) -> None:
    try:
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise _cannot_write(path) from exc
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise _cannot_write(path) from exc
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _cannot_write(path: Path) -> ExportFileError:
    return ExportFileError(
        f"The calendar file could not be written to {path}: check that the folder is writable "
        "and the disk is not full.",
        zh=f"无法把日历文件写入 {path}：请检查该文件夹是否可写、磁盘是否已满。",
    )
