"""The look of visit reports, read once from ``resources/reports/`` (style.json, report.css),
and what every writer shares: how a cell reads as text, the words around the content."""

from __future__ import annotations

import json
from datetime import date, datetime
from functools import cache
from typing import Any

from trustdesk import paths
from trustdesk.services.visit_reports import Cell


@cache
def style() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (paths.shipped_dir("resources") / "reports" / "style.json").read_text("utf-8")
    )
    return data


@cache
def css() -> str:
    return (paths.shipped_dir("resources") / "reports" / "report.css").read_text("utf-8")


def cell_text(value: Cell) -> str:
    """A cell as the PDF, DOCX and CSV show it (dates ISO, minutes for times, "" for none)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(value)


def page_label(lang: str, page: int) -> str:
    return f"第 {page} 页" if lang == "zh" else f"Page {page}"


def customer_label(lang: str) -> str:
    return "客户" if lang == "zh" else "Customer"


def writing(lang: str, n: int, total: int) -> str:
    """The progress line while customer ``n`` (from 0) of ``total`` is written."""
    if lang == "zh":
        return f"正在写入客户 {n + 1}/{total}…"
    return f"Writing customer {n + 1} of {total}…"
