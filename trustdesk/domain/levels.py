"""REL-6: the relationship level suggested by what has happened with a person (seed 004).

Each typical activity belongs to a level (认识: phone call, visit, business gift; 约会:
entertainment, site visit or technical exchange, pre-sales or trial; 伙伴: private contact,
leisure, personal care; 同盟: intelligence, introductions, championing us). The suggestion is
the highest level whose activity has happened, when that is above the level recorded; it is
never applied silently — the user accepts it (the sentence becomes the history's reason) or
dismisses it, and a dismissed level is not suggested again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from trustdesk.domain.enums import Activity, Channel, RelationshipLevel


@dataclass(frozen=True, slots=True)
class Evidence:
    activity: Activity
    day: date


@dataclass(frozen=True, slots=True)
class LevelSuggestion:
    level: RelationshipLevel
    evidence: tuple[Evidence, ...]  # the activities of that level, newest first
    interactions: int  # every logged activity with the person

    def sentence(self, lang: str = "en") -> str:
        """The evidence in one sentence, e.g. "Entertainment on 2026-10-12 and Site visit
        or technical exchange on 2026-11-02 are typical of Date (约会)."."""
        shown = sorted(self.evidence[:2], key=lambda e: e.day)
        if lang.startswith("zh"):
            what = "、".join(f"{e.day.isoformat()}的{e.activity.zh}" for e in shown)
            more = f"等 {len(self.evidence)} 项" if len(self.evidence) > 2 else ""
            level = self.level.zh
            return f"{what}{more}属于“{level}”阶段的典型活动，建议将关系等级调为{level}。"
        what = " and ".join(f"{e.activity.en} on {e.day.isoformat()}" for e in shown)
        more = f" (and {len(self.evidence) - 2} more)" if len(self.evidence) > 2 else ""
        verb = "is" if len(shown) == 1 and not more else "are"
        level = self.level.en
        return f"{what}{more} {verb} typical of {level} ({self.level.zh}): suggest {level}."


def suggest_level(
    current: RelationshipLevel,
    history: Iterable[Evidence],
    dismissed: RelationshipLevel | None = None,
) -> LevelSuggestion | None:
    """The level the history supports when it is above ``current`` and not the one the user
    dismissed; None otherwise."""
    events = sorted(history, key=lambda e: e.day, reverse=True)
    if not events:
        return None
    top = max(e.activity.level for e in events)
    if top <= current or top == dismissed:
        return None
    evidence = tuple(e for e in events if e.activity.level == top)
    return LevelSuggestion(top, evidence, len(events))


# The activity a visit's channel stands for when the user names none (a call is 电话交谈…).
CHANNEL_ACTIVITY: dict[Channel, Activity] = {
    Channel.IN_PERSON: Activity.CUSTOMER_VISIT,
    Channel.PHONE: Activity.PHONE_CALL,
    Channel.EMAIL: Activity.PHONE_CALL,
    Channel.IM: Activity.PHONE_CALL,
    Channel.VIDEO: Activity.PHONE_CALL,
    Channel.GIFT: Activity.BUSINESS_GIFT,
    Channel.ENTERTAINMENT: Activity.ENTERTAINMENT,
    Channel.SITE_VISIT: Activity.SITE_VISIT,
}
