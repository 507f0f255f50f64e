"""TIER-2: saved views — user-defined filters over the customers (seed 001: 制定搜索和分级规则),
saved by name, shown as list views in the navigation, and usable by the portfolio report and
the CLI (``--view NAME``).

A view is stored as its filter's fields in JSON (``spec``), codes for enums, so that a view
made on one laptop means the same on another. Names are unique among live views (compared
without case and width differences).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from trustdesk.db.base import utcnow
from trustdesk.db.models import SavedView
from trustdesk.domain.enums import Stage, Tier
from trustdesk.errors import NotFoundError, ValidationError
from trustdesk.services.accounts import AccountFilter
from trustdesk.services.fields import current_user, parse_enum, required_text

# The fields a view may hold, in the order they are described.
FIELDS = (
    "text",
    "stages",
    "tiers",
    "region",
    "owner",
    "tag",
    "not_visited_days",
    "overdue",
    "survey_below",
    "open_complaints",
    "risk_at_least",
    "include_do_not_serve",
)


@dataclass(frozen=True, slots=True)
class SavedViewData:
    id: str
    name: str
    filter: AccountFilter
    position: int


def _bad(field: str, en: str, zh: str) -> ValidationError:
    return ValidationError(en, field, zh=zh)


def _whole(value: object, field: str, low: int, high: int, en: str, zh: str) -> int:
    try:
        number = int(str(value).strip())
    except ValueError:
        number = low - 1
    if isinstance(value, bool) or not low <= number <= high:
        raise _bad(
            field,
            f"{en} must be a whole number from {low} to {high}.",
            f"{zh}必须是 {low} 到 {high} 之间的整数。",
        )
    return number


def _flag(value: object) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in {"1", "true", "yes", "y", "on", "是"}


def filter_of(spec: Mapping[str, Any]) -> AccountFilter:
    """The filter a view's fields describe (checked: a bad field is refused, in words)."""
    unknown = sorted(set(spec) - set(FIELDS))
    if unknown:
        names = ", ".join(unknown)
        raise _bad(
            unknown[0],
            f"Unknown view field: {names}; known: {', '.join(FIELDS)}.",
            f"未知的视图字段：{names}。",
        )
    stages = tuple(parse_enum(Stage, s, "stages") for s in spec.get("stages") or ())
    tiers = tuple(parse_enum(Tier, t, "tiers") for t in spec.get("tiers") or ())
    below = spec.get("survey_below")
    if below not in (None, ""):
        try:
            below_value = float(str(below))
        except ValueError:
            below_value = 0.0
        if not 1 < below_value <= 5:
            raise _bad(
                "survey_below",
                "The survey score must be above 1 and at most 5.",
                "调查分数必须大于 1、不超过 5。",
            )
    days = spec.get("not_visited_days")
    risk = spec.get("risk_at_least")
    return AccountFilter(
        text=str(spec.get("text") or "").strip(),
        stages=tuple(dict.fromkeys(stages)),
        tiers=tuple(dict.fromkeys(tiers)),
        region=str(spec.get("region") or "").strip(),
        owner=str(spec.get("owner") or "").strip(),
        tag=str(spec.get("tag") or "").strip() or None,
        not_visited_days=None
        if days in (None, "")
        else _whole(days, "not_visited_days", 1, 3650, "Days without a visit", "未拜访天数"),
        overdue=_flag(spec.get("overdue", False)),
        survey_below=None if below in (None, "") else below_value,
        open_complaints=_flag(spec.get("open_complaints", False)),
        risk_at_least=None
        if risk in (None, "")
        else _whole(risk, "risk_at_least", 0, 100, "The at-risk score", "风险分"),
        include_do_not_serve=_flag(spec.get("include_do_not_serve", True)),
    )


def spec_of(where: AccountFilter) -> dict[str, Any]:
    """A filter's fields as a view stores them (only those that narrow the list)."""
    stages = list(where.stages) or ([where.stage] if where.stage is not None else [])
    spec: dict[str, Any] = {
        "text": where.text,
        "stages": [s.code for s in stages],
        "tiers": [t.code for t in where.tiers],
        "region": where.region,
        "owner": where.owner,
        "tag": where.tag or "",
        "not_visited_days": where.not_visited_days,
        "overdue": where.overdue,
        "survey_below": where.survey_below,
        "open_complaints": where.open_complaints,
        "risk_at_least": where.risk_at_least,
        "include_do_not_serve": where.include_do_not_serve,
    }
    defaults = {"include_do_not_serve": True}
    return {
        k: v
        for k, v in spec.items()
        if (v != defaults[k] if k in defaults else v not in ("", [], None, False))
    }


def _key(name: str) -> str:
    return unicodedata.normalize("NFKC", name).casefold().strip()


def _live(session: Session) -> list[SavedView]:
    return list(
        session.scalars(
            select(SavedView)
            .where(SavedView.deleted_at.is_(None))
            .order_by(SavedView.position, SavedView.name)
        )
    )


def _data(view: SavedView) -> SavedViewData:
    return SavedViewData(view.id, view.name, filter_of(view.spec), view.position)


def list_views(session: Session) -> list[SavedViewData]:
    """Every saved view, in the order of the navigation."""
    out = []
    for view in _live(session):
        try:
            out.append(_data(view))
        except ValidationError:  # written by a newer version: left out, not broken
            continue
    return out


def _find(session: Session, name: str) -> SavedView | None:
    wanted = _key(name)
    return next((v for v in _live(session) if _key(v.name) == wanted), None)


def get_view(session: Session, name: str) -> SavedViewData:
    view = _find(session, name)
    if view is None:
        known = "、".join(v.name for v in _live(session)) or "—"
        raise NotFoundError(
            f"No saved view named {name!r}. Saved views: {known}.",
            zh=f"没有名为“{name}”的视图。已保存的视图：{known}。",
        )
    return _data(view)


def save_view(
    session: Session, name: str, where: AccountFilter | Mapping[str, Any]
) -> SavedViewData:
    """Save a filter under ``name`` (replacing the view of that name, if any)."""
    clean = required_text(name, "name", ("The view's name", "视图名称"), 100)
    spec = spec_of(where if isinstance(where, AccountFilter) else filter_of(where))
    if not spec:
        raise _bad(
            "spec",
            "A view needs at least one condition (a stage, tier, region, owner…).",
            "视图至少需要一个条件（阶段、分级、地区、负责人……）。",
        )
    view = _find(session, clean)
    if view is None:
        position = session.scalar(select(func.max(SavedView.position))) or 0
        view = SavedView(name=clean, spec=spec, owner_id=current_user(session))
        view.position = int(position) + 1
        session.add(view)
    else:
        view.name, view.spec, view.updated_at = clean, spec, utcnow()
    session.flush()
    return _data(view)


def delete_view(session: Session, name: str) -> None:
    view = _find(session, name)
    if view is None:
        get_view(session, name)  # raises the NotFoundError naming the views there are
        return
    view.deleted_at = utcnow()
    session.flush()


def describe(where: AccountFilter, lang: str = "en") -> str:
    """A view's conditions in one line of words (for the navigation's tooltip and the CLI)."""
    zh = lang.startswith("zh")
    parts: list[str] = []
    stages = list(where.stages) or ([where.stage] if where.stage is not None else [])
    if stages:
        names = ("、" if zh else ", ").join(s.label(lang) for s in stages)
        parts.append(f"阶段：{names}" if zh else f"stage: {names}")
    if where.tiers:
        names = ("、" if zh else ", ").join(t.label(lang) for t in where.tiers)
        parts.append(f"分级：{names}" if zh else f"tier: {names}")
    for value, zh_label, en_label in (
        (where.region, "地区", "region"),
        (where.owner, "负责人", "owner"),
        (where.tag, "标签", "tag"),
        (where.text, "搜索", "search"),
    ):
        if value:
            parts.append(f"{zh_label}：{value}" if zh else f"{en_label}: {value}")
    if where.not_visited_days is not None:
        n = where.not_visited_days
        parts.append(f"{n} 天未拜访" if zh else f"not visited for {n} days")
    if where.overdue:
        parts.append("拜访逾期" if zh else "visit overdue")
    if where.survey_below is not None:
        b = where.survey_below
        parts.append(f"最近调查低于 {b:g} 分" if zh else f"latest survey below {b:g}")
    if where.open_complaints:
        parts.append("有未解决的投诉" if zh else "open complaints")
    if where.risk_at_least is not None:
        r = where.risk_at_least
        parts.append(f"风险分 ≥ {r}" if zh else f"at-risk score ≥ {r}")
    if not where.include_do_not_serve:
        parts.append("不含不予服务" if zh else "without do-not-serve")
    return ("；" if zh else "; ").join(parts)


__all__ = [
    "FIELDS",
    "SavedViewData",
    "delete_view",
    "describe",
    "filter_of",
    "get_view",
    "list_views",
    "save_view",
    "spec_of",
]
