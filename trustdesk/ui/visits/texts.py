"""How the visit lists write dates, people and purposes (shared by the tab and the section)."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication

from trustdesk.services.records import PlanRow, VisitData
from trustdesk.ui.i18n import label


def when(moment: datetime | None) -> str:
    return "" if moment is None else moment.astimezone().strftime("%Y-%m-%d %H:%M")


def day(moment: datetime | date | None) -> str:
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        moment = moment.astimezone().date()
    return moment.isoformat()


def people(visit: VisitData) -> str:
    return ", ".join(p.name for p in visit.people)


def purposes(visit: VisitData) -> str:
    return " / ".join(label(f) for f in visit.functions)


def late_days(n: int) -> str:
    return (
        QCoreApplication.translate("VisitTexts", "overdue {0} days").format(n)
        if n != 1
        else QCoreApplication.translate("VisitTexts", "overdue 1 day")
    )


def in_days(n: int) -> str:
    if n == 0:
        return QCoreApplication.translate("VisitTexts", "today")
    return (
        QCoreApplication.translate("VisitTexts", "in {0} days").format(n)
        if n != 1
        else QCoreApplication.translate("VisitTexts", "tomorrow")
    )


def plan_line(plan: PlanRow) -> str:
    """e.g. "Last visit 2026-10-02 · next due 2026-11-01 (overdue 22 days)"."""
    parts = [
        QCoreApplication.translate("VisitTexts", "Last visit {0}").format(day(plan.last_visit_at))
        if plan.last_visit_at
        else QCoreApplication.translate("VisitTexts", "No visit logged yet")
    ]
    if plan.next_visit_due is None:
        parts.append(QCoreApplication.translate("VisitTexts", "not on the visit plan"))
    else:
        due = QCoreApplication.translate("VisitTexts", "next due {0}").format(
            plan.next_visit_due.isoformat()
        )
        if plan.days_overdue:
            due += f" ({late_days(plan.days_overdue)})"
        parts.append(due)
    return " · ".join(parts)
