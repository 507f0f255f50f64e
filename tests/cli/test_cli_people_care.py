"""``contacts care-*`` (seed 004 care dates) and ``contacts suggestions|suggestion`` (REL-6)."""

import json
from datetime import UTC, datetime

from trustdesk.services import visits
from trustdesk.services.store import open_store


def _person(cli):
    acc = json.loads(cli("accounts", "add", "深圳华科电子", "--json")[1])["id"]
    person = json.loads(cli("contacts", "add", "--account", acc, "张伟", "--level",
                            "acquaintance", "--json")[1])["id"]  # fmt: skip
    return acc, person


def test_care_dates_round_trip_and_refusal(cli):
    _, person = _person(cli)
    cli("contacts", "care-add", person, "2027-06-07", "孩子高考")
    cli("contacts", "care-add", person, "2010-12-31", "结婚纪念日", "--yearly")
    listed = json.loads(cli("contacts", "care-list", person, "--json")[1])
    assert [(c["day"], c["note"], c["yearly"]) for c in listed] == [
        ("2010-12-31", "结婚纪念日", True),
        ("2027-06-07", "孩子高考", False),
    ]
    _, _, err = cli("contacts", "care-add", person, "2027-13-07", "x", expect=2, lang="zh")
    assert "日期" in err
    cli("contacts", "care-remove", listed[1]["id"])
    assert len(json.loads(cli("contacts", "care-list", person, "--json")[1])) == 1


def test_a_suggested_level_is_shown_and_accepted_with_its_reason(cli):
    acc, person = _person(cli)
    store = open_store(cli.path)
    store.write(
        visits.log_visit, acc, channel="entertainment", functions=["relationship"],
        contact_ids=[person], at=datetime(2026, 10, 12, 12, tzinfo=UTC),
    )  # fmt: skip
    store.close()
    _, out, _ = cli("contacts", "suggestions", "--account", acc)
    assert "张伟  Acquaintance → Date  Entertainment on 2026-10-12" in out
    cli("contacts", "suggestion", person, "accept", lang="zh")
    history = json.loads(cli("contacts", "history", person, "--json")[1])
    assert any("商务招待" in json.dumps(h, ensure_ascii=False) for h in history)
    _, out, _ = cli("contacts", "suggestions", "--account", acc)
    assert out.strip() == ""
    _, _, err = cli("contacts", "suggestion", person, "dismiss", expect=2)
    assert "no level to suggest" in err


def test_search_finds_a_note_and_a_rebuild_keeps_it(cli):
    acc, _ = _person(cli)
    cli("visits", "note", "--account", acc, "--kind", "competitor", "--text", "竞争对手降价 8%")
    _, out, _ = cli("search", "竞争")
    assert "note" in out and "竞争对手降价" in out and "深圳华科电子" in out
    cli("db", "reindex")
    found = json.loads(cli("search", "降价", "--json")[1])
    assert [(h["kind"], h["account_id"]) for h in found] == [("note", acc)]
