"""A stage move recorded for an earlier moment (``change_stage(at=…)``) closes the win-back plan
at that same moment: the plan's "won back" day and the stage history agree."""

from datetime import UTC, datetime

from trustdesk.domain.enums import WinBackStatus
from trustdesk.services import accounts, winback


def test_the_plan_is_won_back_when_the_customer_came_back(db):
    back = datetime(2026, 2, 10, 8, 30, tzinfo=UTC)
    with db.transaction() as s:
        acc = accounts.create_account(s, "广州远航物流", stage="regular").id
        accounts.change_stage(
            s,
            acc,
            "lost",
            "被对手抢走",
            lost_reason="competitor",
            at=datetime(2025, 6, 1, tzinfo=UTC),
        )
        plan = winback.start_winback(s, acc, past_value=50_000)
        accounts.change_stage(s, acc, "repeat", "重新下单", at=back)
    with db.reading() as s:
        closed = winback.get_plan(s, plan.id)
        moved = next(h for h in accounts.stage_history(s, acc) if h.to_stage.value == "repeat")
    assert closed.status is WinBackStatus.WON_BACK
    assert closed.closed_at == back == moved.changed_at
