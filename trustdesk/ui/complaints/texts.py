"""How the complaint views write durations and the two timers (the section and the tab)."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication

from trustdesk.services.records import ComplaintData

HOUR = 3600
MIN_WIDTH = 400  # the views' rows of buttons must not set the window's narrowest width
DAY = 24 * HOUR


def duration(seconds: int) -> str:
    """e.g. "45 min", "3 h", "2 d 4 h" (zh "45 分钟", "3 小时", "2 天 4 小时")."""
    seconds = max(seconds, 0)
    if seconds < HOUR:
        return QCoreApplication.translate("ComplaintTexts", "{0} min").format(max(seconds // 60, 1))
    if seconds < 2 * DAY:
        return QCoreApplication.translate("ComplaintTexts", "{0} h").format(seconds // HOUR)
    days, rest = divmod(seconds, DAY)
    hours = rest // HOUR
    text = QCoreApplication.translate("ComplaintTexts", "{0} d").format(days)
    if not hours:
        return text
    return f"{text} {QCoreApplication.translate('ComplaintTexts', '{0} h').format(hours)}"


def over(seconds: int) -> str:
    """The time past a deadline: "3 h over" (zh "超时 3 小时")."""
    return QCoreApplication.translate("ComplaintTexts", "{0} over").format(duration(seconds))


def when(moment: datetime | None) -> str:
    return "" if moment is None else moment.astimezone().strftime("%Y-%m-%d %H:%M")


def day(moment: datetime | date | None) -> str:
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        moment = moment.astimezone().date()
    return moment.isoformat()


def response_timer(c: ComplaintData) -> str:
    """The first timer: "answered in 2 h", "3 h over" or "5 h left"."""
    if c.first_response_at is not None:
        text = QCoreApplication.translate("ComplaintTexts", "answered in {0}").format(
            duration(c.response_seconds)
        )
        return f"{text} ({over(c.response_over_seconds)})" if c.response_over_seconds else text
    if c.response_over_seconds:
        return over(c.response_over_seconds)
    allowed = int((c.respond_by - c.received_at).total_seconds())
    return QCoreApplication.translate("ComplaintTexts", "{0} left").format(
        duration(allowed - c.response_seconds)
    )


def resolution_timer(c: ComplaintData) -> str:
    """The second timer: "resolved in 2 d", "1 d over" or "4 d left"."""
    if c.resolved_at is not None:
        text = QCoreApplication.translate("ComplaintTexts", "resolved in {0}").format(
            duration(c.resolve_seconds)
        )
        return f"{text} ({over(c.resolve_over_seconds)})" if c.resolve_over_seconds else text
    if c.resolve_over_seconds:
        return over(c.resolve_over_seconds)
    allowed = int((c.resolve_by - c.received_at).total_seconds())
    return QCoreApplication.translate("ComplaintTexts", "{0} left").format(
        duration(allowed - c.resolve_seconds)
    )


def worst_over(c: ComplaintData) -> tuple[int, str]:
    """How far past which deadline an overdue complaint is: (seconds, "no answer yet" / …)."""
    late_answer = c.response_over_seconds if c.first_response_at is None else 0
    if late_answer >= c.resolve_over_seconds:
        return late_answer, QCoreApplication.translate("ComplaintTexts", "no first response")
    return c.resolve_over_seconds, QCoreApplication.translate("ComplaintTexts", "not resolved")


def one_line(text: str) -> str:
    return text.replace("\n", " ")
