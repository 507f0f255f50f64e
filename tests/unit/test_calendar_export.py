"""The calendar export (issue 11, 5): read back by two independent iCalendar readers
(``icalendar`` and ``vobject``) and checked line by line against RFC 5545's structure."""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime, timedelta

import pytest
import vobject
from icalendar import Calendar

from trustdesk.db.models import CareDate
from trustdesk.errors import ExportFileError, ValidationError
from trustdesk.services import accounts, commitments, contacts, visits
from trustdesk.services.calendar_export import export_ics

PLANNED_AT = datetime(2027, 3, 4, 14, 30).astimezone()  # this computer's clock, as typed


@pytest.fixture
def huake(db):
    """A customer with a planned visit, an open and a finished next step, birthdays (one on
    29 February), care dates and promises; plus people who must not be in the calendar."""
    with db.transaction() as s:
        acc = accounts.create_account(
            s, "深圳华科电子有限公司", stage="regular", address="深圳市南山区科技园, 5 栋; 3 楼"
        )
        zhang = contacts.create_contact(s, acc.id, "张伟", birthday="1980-05-17", title="采购总监")
        li = contacts.create_contact(s, acc.id, "李娜", birthday="1988-02-29")
        gone = contacts.create_contact(s, acc.id, "刘洋", birthday="1990-05-20")
        contacts.update_contact(s, gone.id, departed=True)
        shut = accounts.create_account(s, "不再服务的公司")
        ignored = contacts.create_contact(s, shut.id, "赵敏", birthday="1985-05-18")
        accounts.set_do_not_serve(s, shut.id, True, "拖欠货款")
        planned = visits.log_visit(
            s, acc.id, channel="in-person", contact_ids=[zhang.id, li.id], at=PLANNED_AT,
            done=False, notes="带新样品，讨论明年框架协议",
        )  # fmt: skip
        done = visits.log_visit(
            s, acc.id, channel="phone", functions=["care"], contact_ids=[zhang.id],
            at=datetime(2026, 1, 5, 10, 0).astimezone(), next_step="发送报价单（含安装费）",
            next_due="2027-03-10",
        )  # fmt: skip
        finished = visits.log_visit(
            s, acc.id, channel="email", functions=["information"],
            at=datetime(2026, 1, 6, 10, 0).astimezone(), next_step="寄目录", next_due="2027-03-11",
        )  # fmt: skip
        visits.complete_next_step(s, finished.id)
        promise = commitments.add_commitment(
            s, acc.id, "月底前交付第一批 200 台", contact_id=zhang.id, due="2027-03-31",
            bottom_line_kind="discount", value=20,
        )  # fmt: skip
        kept = commitments.add_commitment(s, acc.id, "免费培训两次", due="2027-03-20")
        commitments.add_commitment(s, acc.id, "保持联系")  # no due date: not in a calendar
        s.add(CareDate(contact_id=zhang.id, day=date(2015, 9, 1), note="女儿上小学", yearly=True))
        s.add(CareDate(contact_id=li.id, day=date(2027, 3, 15), note="手术后复诊", yearly=False))
        s.add(CareDate(contact_id=ignored.id, day=date(2027, 3, 15), note="x", yearly=False))
    return {
        "account": acc.id, "zhang": zhang.id, "li": li.id, "gone": gone.id,
        "ignored": ignored.id, "planned": planned.id, "done": done.id,
        "finished": finished.id, "promise": promise.id, "kept": kept.id,
    }  # fmt: skip


def export(db, path, start=None, end=None, lang="zh"):
    with db.reading() as s:
        count = export_ics(s, path, start, end, lang=lang)
    return count, path.read_bytes()


# --- an independent, strict look at the text ------------------------------------------------

CONTENT_LINE = re.compile(
    r"^(?P<name>[A-Za-z0-9-]+)(?P<params>(;[A-Za-z0-9-]+=(\"[^\"]*\"|[^\";:,]*)"
    r"(,(\"[^\"]*\"|[^\";:,]*))*)*):(?P<value>.*)$"
)
REQUIRED = {
    "VCALENDAR": {"PRODID", "VERSION"},
    "VEVENT": {"UID", "DTSTAMP", "DTSTART"},
    "VTODO": {"UID", "DTSTAMP"},
    "VALARM": {"ACTION", "TRIGGER"},
}
ONCE = {"UID", "DTSTAMP", "DTSTART", "DTEND", "DUE", "PRODID", "VERSION", "SUMMARY", "RRULE"}


def rfc5545_problems(data: bytes) -> list[str]:
    """What in ``data`` breaks RFC 5545's structure: line endings, folding, BEGIN/END
    nesting, property syntax, required and single properties."""
    problems = []
    if not data.endswith(b"\r\n"):
        problems.append("does not end with CRLF")
    physical = data[:-2].split(b"\r\n")
    for number, raw in enumerate(physical, 1):
        if b"\n" in raw or b"\r" in raw:
            problems.append(f"line {number}: a bare CR or LF")
        if len(raw) > 75:
            problems.append(f"line {number}: {len(raw)} octets (over 75)")
        try:
            raw.decode("utf-8")  # folding never splits a character
        except UnicodeDecodeError:
            problems.append(f"line {number}: not UTF-8 on its own")
    logical: list[bytes] = []
    for raw in physical:
        if raw[:1] in (b" ", b"\t"):
            logical[-1] += raw[1:]
        else:
            logical.append(raw)
    stack: list[tuple[str, dict[str, int]]] = []
    seen_calendars = 0
    for line in (x.decode("utf-8") for x in logical):
        match = CONTENT_LINE.match(line)
        if match is None:
            problems.append(f"not a content line: {line[:40]!r}")
            continue
        name, value = match["name"].upper(), match["value"]
        if name == "BEGIN":
            if not stack:
                seen_calendars += 1
            stack.append((value, {}))
        elif name == "END":
            if not stack or stack[-1][0] != value:
                problems.append(f"END:{value} does not close {stack[-1][0] if stack else None}")
                continue
            kind, props = stack.pop()
            missing = REQUIRED.get(kind, set()) - set(props)
            problems += [f"{kind} without {m}" for m in sorted(missing)]
            twice = [p for p, n in props.items() if n > 1 and p in ONCE]
            problems += [f"{kind} has {p} more than once" for p in twice]
        elif not stack:
            problems.append(f"{name} outside any component")
        else:
            props = stack[-1][1]
            props[name] = props.get(name, 0) + 1
            if name == "VERSION" and value != "2.0":
                problems.append(f"VERSION:{value}")
    if stack:
        problems.append(f"{stack[-1][0]} never ends")
    if seen_calendars != 1:
        problems.append(f"{seen_calendars} VCALENDAR objects")
    return problems


def test_the_strict_check_finds_broken_files():
    good = b"BEGIN:VCALENDAR\r\nPRODID:x\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
    assert rfc5545_problems(good) == []
    assert "does not end with CRLF" in rfc5545_problems(good.replace(b"\r\n", b"\n"))
    long = good.replace(b"PRODID:x", b"PRODID:" + "长".encode() * 30)
    assert any("over 75" in p for p in rfc5545_problems(long))
    unbalanced = good.replace(b"END:VCALENDAR\r\n", b"BEGIN:VEVENT\r\nEND:VCALENDAR\r\n")
    assert any("does not close" in p for p in rfc5545_problems(unbalanced))
    event = good.replace(b"VERSION:2.0\r\n", b"VERSION:2.0\r\nBEGIN:VEVENT\r\nEND:VEVENT\r\n")
    assert {"VEVENT without UID", "VEVENT without DTSTAMP"} <= set(rfc5545_problems(event))


# --- the export -----------------------------------------------------------------------------


def test_the_file_is_valid_and_both_readers_agree(db, huake, tmp_path):
    count, data = export(db, tmp_path / "trustdesk.ics", date(2027, 3, 1), date(2027, 5, 31))
    assert rfc5545_problems(data) == []

    cal = Calendar.from_ical(data)
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    todos = {str(t["UID"]): t for t in cal.walk("VTODO")}
    assert count == len(events) + len(todos)
    assert set(events) == {
        f"visit-{huake['planned']}@trustdesk",
        f"next-step-{huake['done']}@trustdesk",
        f"birthday-{huake['zhang']}@trustdesk",
        f"care-{_care_id(db, '手术后复诊')}@trustdesk",
    }
    assert set(todos) == {
        f"commitment-{huake['promise']}@trustdesk",
        f"commitment-{huake['kept']}@trustdesk",
    }

    visit = events[f"visit-{huake['planned']}@trustdesk"]
    assert visit.decoded("dtstart") == PLANNED_AT.astimezone(UTC)
    assert visit.decoded("dtend") - visit.decoded("dtstart") == timedelta(hours=1)
    assert str(visit["summary"]) == "拜访 深圳华科电子有限公司（当面拜访）"
    assert "人员：李娜、张伟" in str(visit["description"])  # by pinyin
    assert "带新样品，讨论明年框架协议" in str(visit["description"])
    assert str(visit["location"]) == "深圳市南山区科技园, 5 栋; 3 楼"

    step = events[f"next-step-{huake['done']}@trustdesk"]
    assert step.decoded("dtstart") == date(2027, 3, 10)  # all day
    assert step.decoded("dtend") == date(2027, 3, 11)
    assert str(step["summary"]) == "下一步：发送报价单（含安装费）（深圳华科电子有限公司）"

    birthday = events[f"birthday-{huake['zhang']}@trustdesk"]
    assert birthday.decoded("dtstart") == date(2027, 5, 17)
    assert birthday["rrule"]["FREQ"] == ["YEARLY"]
    assert str(birthday["summary"]) == "张伟 生日（深圳华科电子有限公司）"
    assert "职务：采购总监" in str(birthday["description"])

    promise = todos[f"commitment-{huake['promise']}@trustdesk"]
    assert promise.decoded("due") == date(2027, 3, 31)
    assert str(promise["status"]) == "NEEDS-ACTION"
    assert "月底前交付第一批 200 台" in str(promise["summary"])
    assert "超出底线，需审批" in str(promise["description"])

    # The second reader, on its own.
    other = vobject.readOne(data.decode("utf-8"))
    assert {e.uid.value for e in other.vevent_list} == set(events)
    assert {t.uid.value for t in other.vtodo_list} == set(todos)
    by_uid = {e.uid.value: e for e in other.vevent_list}
    assert by_uid[f"visit-{huake['planned']}@trustdesk"].summary.value == (
        "拜访 深圳华科电子有限公司（当面拜访）"
    )
    assert by_uid[f"visit-{huake['planned']}@trustdesk"].location.value == (
        "深圳市南山区科技园, 5 栋; 3 楼"
    )
    assert by_uid[f"next-step-{huake['done']}@trustdesk"].dtstart.value == date(2027, 3, 10)
    assert other.prodid.value.startswith("-//TrustDesk//")


def _care_id(db, note):
    from sqlalchemy import select

    with db.reading() as s:
        return s.scalar(select(CareDate.id).where(CareDate.note == note))


def test_a_second_export_updates_the_same_entries(db, huake, tmp_path):
    _, first = export(db, tmp_path / "a.ics", date(2027, 3, 1), date(2027, 5, 31))
    with db.transaction() as s:
        commitments.set_status(s, huake["kept"], "kept")
        visits.update_visit(s, huake["planned"], notes="改为视频会议")
    _, second = export(db, tmp_path / "b.ics", date(2027, 3, 1), date(2027, 5, 31))

    def uids(data):
        return sorted(str(c["UID"]) for c in Calendar.from_ical(data).walk() if "UID" in c)

    assert uids(first) == uids(second) and len(uids(first)) == 6
    todos = {str(t["UID"]): t for t in Calendar.from_ical(second).walk("VTODO")}
    kept = todos[f"commitment-{huake['kept']}@trustdesk"]
    assert str(kept["status"]) == "COMPLETED" and "COMPLETED" in kept
    events = {str(e["UID"]): e for e in Calendar.from_ical(second).walk("VEVENT")}
    assert "改为视频会议" in str(events[f"visit-{huake['planned']}@trustdesk"]["description"])


def test_the_range_filters_by_day(db, huake, tmp_path):
    def uids(start, end):
        _, data = export(db, tmp_path / "r.ics", start, end)
        found = [str(c["UID"]) for c in Calendar.from_ical(data).walk() if "UID" in c]
        return {uid.split("@")[0].rsplit("-", 1)[0] for uid in found}  # the kinds

    assert uids(date(2027, 3, 4), date(2027, 3, 4)) == {"visit"}
    assert uids(date(2027, 3, 10), date(2027, 3, 20)) == {"next-step", "care", "commitment"}
    assert uids(date(2027, 6, 1), date(2027, 6, 30)) == set()
    assert uids(date(2027, 9, 1), date(2027, 9, 1)) == {"care"}  # the yearly one
    with pytest.raises(ValidationError) as refused:
        export(db, tmp_path / "r.ics", date(2027, 3, 2), date(2027, 3, 1))
    assert "开始晚于结束" in refused.value.zh


def test_without_a_range_birthdays_recur_from_their_next_day(db, huake, tmp_path):
    _, data = export(db, tmp_path / "all.ics", lang="en")
    events = {str(e["UID"]): e for e in Calendar.from_ical(data).walk("VEVENT")}
    birthday = events[f"birthday-{huake['zhang']}@trustdesk"]
    start = birthday.decoded("dtstart")
    today = date.today()
    assert (start.month, start.day) == (5, 17) and today <= start < today + timedelta(days=366)
    assert "UNTIL" not in birthday["rrule"]
    assert str(birthday["summary"]) == "张伟's birthday (深圳华科电子有限公司)"
    uids = set(events)
    assert f"birthday-{huake['gone']}@trustdesk" not in uids  # departed
    assert f"birthday-{huake['ignored']}@trustdesk" not in uids  # a do-not-serve customer
    assert f"next-step-{huake['finished']}@trustdesk" not in uids  # done already
    assert f"next-step-{huake['done']}@trustdesk" in uids


def test_a_birthday_on_29_february_falls_on_the_28th_in_common_years(db, huake, tmp_path):
    _, data = export(db, tmp_path / "leap.ics", date(2027, 1, 1), date(2029, 12, 31), "en")
    assert rfc5545_problems(data) == []
    uid = f"birthday-{huake['li']}@trustdesk"
    event = next(e for e in Calendar.from_ical(data).walk("VEVENT") if str(e["UID"]) == uid)
    assert event.decoded("dtstart") == date(2027, 2, 28)
    assert event["rrule"]["BYMONTH"] == [2] and event["rrule"]["BYMONTHDAY"] == [-1]
    # The other reader expands the rule itself.
    other = vobject.readOne(data.decode("utf-8"))
    found = next(e for e in other.vevent_list if e.uid.value == uid)
    days = [d.date() if isinstance(d, datetime) else d for d in found.getrruleset()]
    assert days == [date(2027, 2, 28), date(2028, 2, 29), date(2029, 2, 28)]


def test_english_entries(db, huake, tmp_path):
    _, data = export(db, tmp_path / "en.ics", date(2027, 3, 1), date(2027, 3, 31), "en")
    summaries = {str(c["summary"]) for c in Calendar.from_ical(data).walk() if "summary" in c}
    assert "Visit 深圳华科电子有限公司 (In person)" in summaries
    assert "Next step: 发送报价单（含安装费） (深圳华科电子有限公司)" in summaries
    assert "Promise: 月底前交付第一批 200 台 (深圳华科电子有限公司)" in summaries


def test_a_place_the_file_cannot_go_is_refused_clearly(db, huake, tmp_path):
    with pytest.raises(ExportFileError) as missing:
        export(db, tmp_path / "no such folder" / "x.ics")
    assert "does not exist" in str(missing.value) and "不存在" in missing.value.zh
    with pytest.raises(ExportFileError) as folder:
        export(db, tmp_path)
    assert "is a folder" in str(folder.value) and "是一个文件夹" in folder.value.zh


def test_a_failed_write_leaves_the_old_file_whole(db, huake, tmp_path, monkeypatch):
    folder = tmp_path / "calendars"
    folder.mkdir()
    target = folder / "cal.ics"
    target.write_bytes(b"the old calendar")

    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(ExportFileError) as refused:
        export(db, target)
    assert "could not be written" in str(refused.value) and "磁盘" in refused.value.zh
    assert target.read_bytes() == b"the old calendar"
    assert [p.name for p in folder.iterdir()] == ["cal.ics"]  # no temp file left behind
