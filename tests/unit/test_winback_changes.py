"""The change bus names the customer whose win-back step changed: a step row holds only its
plan, and without this the customer's open Win back tab would not reload."""

from __future__ import annotations

from trustdesk.services import accounts, winback
from trustdesk.services.store import open_store


def test_a_step_saved_announces_its_customer(tmp_path):
    store = open_store(tmp_path / "t.sqlite3")
    try:
        acc = store.write(accounts.create_account, "成都远源医疗器械股份有限公司")
        store.write(accounts.change_stage, acc.id, "lost", "被挖走", lost_reason="competitor")
        plan = store.write(winback.start_winback, acc.id, past_value=10_000)
        saved, changes = store.write_tracked(
            winback.set_step, plan.id, "ask", status="done", notes="要求交期稳定"
        )
        assert saved.steps[0].notes == "要求交期稳定"
        assert "winback" in changes.kinds and changes.concerns(acc.id)
    finally:
        store.close()
