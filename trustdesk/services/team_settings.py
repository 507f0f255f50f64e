"""Team-wide settings: rules the whole team works by, kept in the database so that every laptop
of the team uses the same numbers once the team syncs.

Per-machine preferences (window geometry, interface language) stay in the settings file.
Every known setting is declared once in ``SETTINGS`` with its type, default, bounds and labels;
a stage-keyed setting holds one whole number per lifecycle stage.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from trustdesk.db.base import utcnow
from trustdesk.db.models import TeamSetting
from trustdesk.db.prepared import Prepared
from trustdesk.domain.bottom_lines import DEFAULT_LIMITS
from trustdesk.domain.complaints import DEFAULT_FAILURE_WINDOW_DAYS, DEFAULT_RESOLVE_DAYS
from trustdesk.domain.enums import BottomLine, ContactDepth, Stage, Tier, TierBasis
from trustdesk.domain.stage_suggestions import DEFAULT_SILENT_DAYS
from trustdesk.domain.surveys import DEFAULT_CYCLE, DEFAULT_FOLLOW_UP_DAYS
from trustdesk.domain.tiers import DEFAULT_TIER_CADENCE_DAYS, DEFAULT_TIER_RESPONSE_HOURS
from trustdesk.domain.visit_plan import DEFAULT_CADENCE_DAYS, DEFAULT_RHYTHM_DAYS, MAX_CADENCE_DAYS
from trustdesk.errors import ValidationError
from trustdesk.services.fields import current_user, parse_enum
from trustdesk.services.users import user_name

PerStage = dict[Stage, int]
SettingValue = int | PerStage | str


@dataclass(frozen=True, slots=True)
class SettingSpec:
    """One known setting: its name, unit, default and allowed range. A setting whose default
    is a mapping holds one number per lifecycle stage."""

    key: str
    en: str
    zh: str
    unit_en: str
    unit_zh: str
    default: int | Mapping[Stage, int] | str
    minimum: int = 0
    maximum: int = 0
    choices: tuple[str, ...] = ()  # a setting picked from codes (``default`` is one of them)

    @property
    def per_stage(self) -> bool:
        return isinstance(self.default, Mapping)

    def label(self, lang: str) -> str:
        return self.zh if lang.startswith("zh") else self.en


def _stages(**days: int) -> dict[Stage, int]:
    return {Stage.parse(code.replace("_", "-")): value for code, value in days.items()}


SETTINGS: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in (
        SettingSpec(
            "visit_cadence_days",
            "Visit cadence",
            "拜访周期",
            "days",
            "天",
            DEFAULT_CADENCE_DAYS,
            1,
            MAX_CADENCE_DAYS,
        ),
        SettingSpec(
            "complaint_response_hours",
            "Complaint first-response limit",
            "投诉首次响应时限",
            "hours",
            "小时",
            _stages(
                skeptic=48,
                explorer=24,
                first_time=8,
                repeat=8,
                regular=4,
                advocate=4,
                lost=24,
            ),
            1,
            168,
        ),
        *(
            SettingSpec(
                f"rhythm_{depth.code}_days",
                f"Contact rhythm for {depth.en.lower()} contact",
                f"{depth.zh}人员的联系周期",
                "days",
                "天",
                days,
                7,
                730,
            )
            for depth, days in DEFAULT_RHYTHM_DAYS.items()
        ),
        SettingSpec(
            "reminder_days_ahead",
            "Remind of birthdays and care dates",
            "生日和关怀日提前提醒",
            "days ahead",
            "天",
            7,
            0,
            60,
        ),
        SettingSpec(
            "complaint_resolve_days",
            "Resolve a complaint within",
            "投诉解决时限",
            "days",
            "天",
            DEFAULT_RESOLVE_DAYS,
            1,
            90,
        ),
        SettingSpec(
            "failure_window_days",
            "Count failures (three chances) over the last",
            "失误计入“三次机会”的期间",
            "days",
            "天",
            DEFAULT_FAILURE_WINDOW_DAYS,
            90,
            3650,
        ),
        SettingSpec(
            "silent_days",
            'Suggest "at risk of lost" after no order or contact for',
            "无订单也无联系多久后提示流失风险",
            "days",
            "天",
            DEFAULT_SILENT_DAYS,
            30,
            1095,
        ),
        SettingSpec(
            "survey_cycle_months",
            "Survey every",
            "满意度调查周期",
            "months",
            "个月",
            DEFAULT_CYCLE.months,
            1,
            12,
        ),
        SettingSpec(
            "survey_follow_up_days",
            "Act on a low score within",
            "低分跟进期限",
            "days",
            "天",
            DEFAULT_FOLLOW_UP_DAYS,
            1,
            90,
        ),
        *(
            SettingSpec(
                f"limit_{line.code.replace('-', '_')}",
                f"Bottom line: {line.en.lower()}",
                f"底线：{line.zh}",
                line.unit_en,
                line.unit_zh,
                limit,
                0,
                1_000_000,
            )
            for line, limit in DEFAULT_LIMITS.items()
        ),
        SettingSpec(
            "replacement_notice_days",
            "Offer a replacement before it is due by",
            "产品到期更换提前提醒",
            "days",
            "天",
            90,
            0,
            730,
        ),
        SettingSpec(
            "tier_basis",
            "Value tiers count",
            "客户价值分级依据",
            "",
            "",
            TierBasis.REVENUE.code,
            choices=tuple(TierBasis.codes()),
        ),
        *(
            SettingSpec(
                f"tier_{tier.code}_cadence_days",
                f"Visit cadence of a {tier.en.lower()}",
                f"{tier.zh}的拜访周期",
                "days",
                "天",
                days,
                1,
                MAX_CADENCE_DAYS,
            )
            for tier, days in DEFAULT_TIER_CADENCE_DAYS.items()
        ),
        *(
            SettingSpec(
                f"tier_{tier.code}_response_hours",
                f"Complaint first-response limit of a {tier.en.lower()}",
                f"{tier.zh}的投诉首次响应时限",
                "hours",
                "小时",
                hours,
                1,
                168,
            )
            for tier, hours in DEFAULT_TIER_RESPONSE_HOURS.items()
        ),
    )
}


@dataclass(frozen=True, slots=True)
class SettingData:
    """A setting as the team has it: the value, and who set it when (None: the default)."""

    key: str
    value: SettingValue
    updated_at: datetime | None
    updated_by: str  # display name; "" for the default


def _unknown(key: str) -> ValidationError:
    names = ", ".join(SETTINGS)
    return ValidationError(
        f"Unknown team setting {key!r}; known: {names}.",
        "key",
        zh=f"没有名为“{key}”的团队设置；可用：{names}。",
    )


def _whole_number(spec: SettingSpec, value: object, what_en: str, what_zh: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        number = None
    else:
        try:
            number = int(value)
        except ValueError:
            number = None
    if number is None or not spec.minimum <= number <= spec.maximum:
        raise ValidationError(
            f"{what_en} must be a whole number from {spec.minimum} to {spec.maximum} "
            f"{spec.unit_en}.",
            spec.key,
            zh=f"{what_zh}必须是 {spec.minimum} 到 {spec.maximum} 之间的整数（{spec.unit_zh}）。",
        )
    return number


def _choice(spec: SettingSpec, value: object) -> str:
    code = str(value).strip().lower()
    if code not in spec.choices:
        names = ", ".join(spec.choices)
        raise ValidationError(
            f"{spec.en}: choose one of {names}.", spec.key, zh=f"{spec.zh}：请从 {names} 中选择。"
        )
    return code


def check_value(spec: SettingSpec, value: object) -> SettingValue:
    """The checked value, or ValidationError in both languages. A stage-keyed setting takes
    a mapping of stage (or stage code) to number; stages left out keep their current value."""
    if spec.choices:
        return _choice(spec, value)
    if not spec.per_stage:
        return _whole_number(spec, value, spec.en, spec.zh)
    if not isinstance(value, Mapping):
        raise ValidationError(
            f"{spec.en} needs one number per lifecycle stage.",
            spec.key,
            zh=f"{spec.zh}需要为每个客户阶段分别填写一个数字。",
        )
    out: PerStage = {}
    for raw_stage, number in value.items():
        stage = parse_enum(Stage, raw_stage, spec.key)
        out[stage] = _whole_number(
            spec, number, f"{spec.en} for {stage.en}", f"“{stage.zh}”阶段的{spec.zh}"
        )
    return out


def _stored(spec: SettingSpec, raw: Any) -> SettingValue:
    """A stored JSON value read back, falling back to the default for anything unreadable
    (a newer laptop may have written a stage this version does not know)."""
    if spec.choices:
        return raw if raw in spec.choices else str(spec.default)
    if not spec.per_stage:
        if raw is None:  # not set: the default (without building the refusal below)
            return int(spec.default)  # type: ignore[arg-type]
        try:
            return _whole_number(spec, raw, spec.en, spec.zh)
        except ValidationError:
            return int(spec.default)  # type: ignore[arg-type]
    merged: PerStage = dict(spec.default)  # type: ignore[arg-type]
    if isinstance(raw, Mapping):
        for code, number in raw.items():
            try:
                merged[Stage.parse(code)] = _whole_number(spec, number, spec.en, spec.zh)
            except (ValueError, ValidationError):
                continue
    return merged


def _to_json(spec: SettingSpec, value: SettingValue) -> object:
    if isinstance(value, dict):
        return {stage.code: number for stage, number in value.items()}
    return value


def _rows(session: Session) -> dict[str, TeamSetting]:
    rows = session.scalars(select(TeamSetting).where(TeamSetting.deleted_at.is_(None)))
    return {row.key: row for row in rows if row.key in SETTINGS}


# The team's settings as stored, read on every Visits tab and list (through the driver,
# see db.prepared): the stored JSON is decoded here.
_VALUES = Prepared(
    select(TeamSetting.key, TeamSetting.value).where(TeamSetting.deleted_at.is_(None))
)
_VALUE_OF = Prepared(
    select(TeamSetting.value).where(
        TeamSetting.key == bindparam("key"), TeamSetting.deleted_at.is_(None)
    )
)


def _decoded(raw: Any) -> Any:
    # A JSON column has SQLite's numeric affinity: a number comes back as a number, anything
    # else as its JSON text.
    return json.loads(raw) if isinstance(raw, str) else raw


def _values(session: Session) -> dict[str, Any]:
    return {key: _decoded(raw) for key, raw in _VALUES.rows(session) if key in SETTINGS}


def get_settings(session: Session) -> dict[str, SettingValue]:
    """Every known setting's value: the team's where set, the default elsewhere."""
    values = _values(session)
    return {key: _stored(spec, values.get(key)) for key, spec in SETTINGS.items()}


def get_setting(session: Session, key: str) -> SettingValue:
    if key not in SETTINGS:
        raise _unknown(key)
    return get_settings(session)[key]


def setting_details(session: Session) -> list[SettingData]:
    """Every known setting with who last set it and when (for a settings page)."""
    rows = _rows(session)
    out = []
    for key, spec in SETTINGS.items():
        row = rows.get(key)
        if row is None:
            out.append(SettingData(key, _stored(spec, None), None, ""))
        else:
            who = user_name(session, row.updated_by_id)
            out.append(SettingData(key, _stored(spec, row.value), row.updated_at, who))
    return out


def set_setting(session: Session, key: str, value: object) -> SettingValue:
    """Check and store a team setting, recording who changed it and when; returns the value
    now in force (for a stage-keyed setting, all stages)."""
    spec = SETTINGS.get(key)
    if spec is None:
        raise _unknown(key)
    checked = check_value(spec, value)
    row = session.get(TeamSetting, key)
    if isinstance(checked, dict):
        current = _stored(spec, row.value if row is not None and row.deleted_at is None else None)
        assert isinstance(current, dict)
        checked = {**current, **checked}
    if row is None:
        row = TeamSetting(key=key)
        session.add(row)
    row.value = _to_json(spec, checked)
    row.deleted_at = None
    row.updated_at = utcnow()
    row.updated_by_id = current_user(session)
    session.flush()
    _after_change(session, key)
    return checked


def reset_setting(session: Session, key: str) -> SettingValue:
    """Back to the default (the row is kept, marked deleted, so the reset reaches the team)."""
    spec = SETTINGS.get(key)
    if spec is None:
        raise _unknown(key)
    row = session.get(TeamSetting, key)
    if row is not None and row.deleted_at is None:
        row.deleted_at = utcnow()
        row.updated_at = row.deleted_at
        row.updated_by_id = current_user(session)
        session.flush()
        _after_change(session, key)
    return _stored(spec, None)


def tier_levels(session: Session) -> tuple[dict[Tier, int], dict[Tier, int]]:
    """TIER-3: (visit cadence in days, complaint first-response hours) per tier."""
    values = _values(session)

    def of(key: str) -> int:
        return int(_stored(SETTINGS[key], values.get(key)))  # type: ignore[arg-type]

    cadence = {tier: of(f"tier_{tier.code}_cadence_days") for tier in Tier}
    hours = {tier: of(f"tier_{tier.code}_response_hours") for tier in Tier}
    return cadence, hours


def _after_change(session: Session, key: str) -> None:
    if key == "visit_cadence_days" or (key.startswith("tier_") and key.endswith("_cadence_days")):
        # Imported here: the plan reads these settings, so it cannot be imported at the top.
        from trustdesk.services.visit_plan import refresh_all_plans

        refresh_all_plans(session)
    elif key == "survey_cycle_months":
        from trustdesk.services.survey_plan import refresh_all_survey_plans

        refresh_all_survey_plans(session)


def cadence_by_stage(session: Session) -> PerStage:
    value = get_setting(session, "visit_cadence_days")
    assert isinstance(value, dict)
    return value


def rhythm_by_depth(session: Session) -> dict[ContactDepth, int]:
    values = _values(session)
    keys = {depth: f"rhythm_{depth.code}_days" for depth in DEFAULT_RHYTHM_DAYS}
    return {depth: int(_stored(SETTINGS[key], values.get(key))) for depth, key in keys.items()}  # type: ignore[arg-type]


def bottom_line(session: Session, line: BottomLine) -> int:
    """One limit, read alone (lists of visits check every gift against it)."""
    key = f"limit_{line.code.replace('-', '_')}"
    found = _VALUE_OF.rows(session, key=key)
    value = _stored(SETTINGS[key], _decoded(found[0][0]) if found else None)
    assert isinstance(value, int)
    return value
