"""How the survey views write bands, cycles and scores (shared by the form, tab and section)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from trustdesk.services.records import SurveyPlanRow, SurveyResponseData
from trustdesk.ui.visits.texts import day, late_days

# The band colours (SUR-2): green excellent, amber at risk, the forms' red for dissatisfied.
BAND_COLORS = {"excellent": "#1e7d32", "at-risk": "#b26a00", "dissatisfied": "#b3261e"}


def cycle_text(months: int) -> str:
    if months == 1:
        return QCoreApplication.translate("SurveyTexts", "monthly")
    if months == 3:
        return QCoreApplication.translate("SurveyTexts", "quarterly")
    if months == 12:
        return QCoreApplication.translate("SurveyTexts", "yearly")
    return QCoreApplication.translate("SurveyTexts", "every {0} months").format(months)


def plan_line(plan: SurveyPlanRow) -> str:
    """e.g. "Last survey 2026-08-02 · next due 2026-11-02 (overdue 21 days)"."""
    parts = [
        QCoreApplication.translate("SurveyTexts", "Last survey {0}").format(
            day(plan.last_survey_at)
        )
        if plan.last_survey_at
        else QCoreApplication.translate("SurveyTexts", "No survey yet")
    ]
    if plan.next_survey_due is not None:
        due = QCoreApplication.translate("SurveyTexts", "next due {0}").format(
            plan.next_survey_due.isoformat()
        )
        if plan.days_overdue:
            due += f" ({late_days(plan.days_overdue)})"
        parts.append(due)
    return " · ".join(parts)


def scores_text(response: SurveyResponseData) -> str:
    """The scores of a filled survey in order, e.g. "5 · 4 · 2"."""
    return " · ".join(str(a.score) for a in response.answers if a.score is not None)
