"""OFF-3's promise, tested the hard way: laptops make random edits, deletes and syncs in random
order, with lost acknowledgements and pushes killed midway; after two final rounds every
laptop holds exactly what the server holds, and every op the laptops made is in the server's
log once and accounted for (the head of its field, superseded by an edit built on it, or in a
conflict). The same run against a sabotaged server (last writer wins, no conflict records)
must fail the accounting: the suite can tell a broken server from a working one."""

from __future__ import annotations

import json
import random
from collections import Counter

import pytest
from sqlalchemy import text

from trustdesk.db.sync_capture import LOCAL_ROWS, SEEDED_TABLES, captured_tables, record_id_of
from trustdesk.services import accounts, contacts
from trustdesk.sync import exchange, laptop

REGIONS = ["深圳", "广州", "上海", "北京", "杭州", "成都"]
INDUSTRIES = ["电子", "医疗", "物流", "机械", ""]


class Lost(Exception):
    """A simulated network failure or killed process."""


def laptop_records(store) -> dict[tuple[str, str], dict]:
    """Every captured record of a laptop: (table, record id) → its captured fields."""

    def read(session):
        conn = session.connection()
        out = {}
        for table in captured_tables():
            cols = [*table.key, *table.fields]
            for row in conn.exec_driver_sql(f"SELECT {', '.join(cols)} FROM {table.name}"):
                values = dict(zip(cols, row, strict=True))
                rid = record_id_of([values[k] for k in table.key])
                if (table.name, rid) in LOCAL_ROWS:
                    continue
                out[(table.name, rid)] = {f: values[f] for f in table.fields}
        return out

    return store.read(read)


def server_records(engine) -> dict[tuple[str, str], dict]:
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT table_name, record_id, field, value FROM field_state")
        ).all()
    out: dict[tuple[str, str], dict] = {}
    for t, r, f, v in rows:
        out.setdefault((t, r), {})[f] = v
    return out


def same_as_server(local: dict, server: dict) -> list[str]:
    """What differs between a laptop and the server (a field the server never heard of is
    an empty field of a new record)."""
    problems = []
    for key in local.keys() | server.keys():
        mine, theirs = local.get(key), server.get(key)
        if theirs is None and key[0] in SEEDED_TABLES and not key[1].startswith("0"):
            continue  # a built-in row nobody edited: every laptop makes it itself
        if mine is None or theirs is None:
            problems.append(f"{key}: only on the {'server' if mine is None else 'laptop'}")
            continue
        for field, value in mine.items():
            if theirs.get(field) != value:
                problems.append(f"{key}.{field}: laptop {value!r}, server {theirs.get(field)!r}")
    return problems


def unaccounted_ops(engine) -> list[str]:
    """Ops in the log that are neither a head, nor the base of a later op, nor in a conflict."""
    with engine.connect() as conn:
        return list(
            conn.execute(
                text(
                    "SELECT c.op_id FROM change_log c WHERE NOT EXISTS (SELECT 1 FROM "
                    "field_state f WHERE f.head_op = c.op_id) AND NOT EXISTS (SELECT 1 FROM "
                    "change_log n WHERE n.base_op = c.op_id) AND NOT EXISTS (SELECT 1 FROM "
                    "conflict k WHERE c.op_id IN (k.winner_op, k.loser_op))"
                )
            ).scalars()
        )


def run_scenario(team, monkeypatch, seed: int, laptops: int = 3, steps: int = 120) -> dict:
    rng = random.Random(seed)
    stores = [team.laptop(f"l{i}") for i in range(laptops)]
    made: list[str] = []  # op ids every laptop handed to the server
    real_push = exchange.push

    def recording_push(conn, device_id, name, ops, resolutions=()):
        made.extend(o.op_id for o in ops)
        result = real_push(conn, device_id, name, ops, resolutions)
        if failure["kill"]:
            failure["kill"] = False
            raise Lost("killed before the commit")
        return result

    real_drop = laptop.drop_pushed

    def maybe_lost_ack(session, op_ids):
        if failure["ack"]:
            failure["ack"] = False
            raise Lost("acknowledgement lost")
        real_drop(session, op_ids)

    failure = {"kill": False, "ack": False}
    monkeypatch.setattr(exchange, "push", recording_push)
    monkeypatch.setattr(laptop, "drop_pushed", maybe_lost_ack)
    stats: Counter[str] = Counter()

    def known_accounts(store) -> list[str]:
        return store.read(
            lambda s: list(
                s.connection()
                .exec_driver_sql("SELECT id FROM account WHERE deleted_at IS NULL ORDER BY id")
                .scalars()
            )
        )

    for _ in range(steps):
        store = rng.choice(stores)
        ids = known_accounts(store)
        roll = rng.random()
        if roll < 0.15 or not ids:
            store.write(accounts.create_account, f"客户{rng.randrange(10**6)}", region="深圳")
            stats["create"] += 1
        elif roll < 0.55:
            field = rng.choice(["region", "industry"])
            value = rng.choice(REGIONS if field == "region" else INDUSTRIES)
            store.write(accounts.update_account, rng.choice(ids), **{field: value})
            stats["edit"] += 1
        elif roll < 0.62:
            store.write(accounts.delete_account, rng.choice(ids))
            stats["delete"] += 1
        elif roll < 0.72:
            store.write(contacts.create_contact, rng.choice(ids), f"联系人{rng.randrange(1000)}")
            stats["contact"] += 1
        else:
            failure["kill"] = rng.random() < 0.15
            failure["ack"] = not failure["kill"] and rng.random() < 0.15
            try:
                team.sync(store)
                stats["sync"] += 1
            except Lost:
                stats["failed sync"] += 1
            failure["kill"] = failure["ack"] = False
    for _ in range(2):
        for store in stores:
            team.sync(store)
    server = server_records(team.engine)
    for i, store in enumerate(stores):
        problems = same_as_server(laptop_records(store), server)
        assert problems == [], f"laptop {i} differs from the server: {problems[:5]}"
        assert store.read(laptop.pending_count) == 0
    with team.engine.connect() as conn:
        logged = Counter(conn.execute(text("SELECT op_id FROM change_log")).scalars())
        stats["conflicts"] = conn.execute(text("SELECT count(*) FROM conflict")).scalar_one()
    assert set(made) <= set(logged), "an op the laptops sent is missing from the log"
    assert max(logged.values()) == 1
    stats["unaccounted"] = len(unaccounted_ops(team.engine))
    stats["ops"] = len(logged)
    return dict(stats)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_edits_and_syncs_converge_and_every_op_is_accounted_for(team, monkeypatch, seed):
    stats = run_scenario(team, monkeypatch, seed)
    print(seed, stats)
    assert stats["unaccounted"] == 0
    assert stats["failed sync"] > 0 and stats["sync"] > 0  # the failures were exercised


def test_a_sabotaged_server_fails_the_accounting(team, monkeypatch):
    """Last writer wins, no conflict records: the laptops still converge (they follow the
    server), but the edits it overwrote are in no conflict and built on by nothing."""
    monkeypatch.setattr(exchange, "_wins", lambda *a: True)
    real_write = exchange._write
    monkeypatch.setattr(
        exchange, "_write", lambda conn, log, heads, conflicts: real_write(conn, log, heads, [])
    )
    stats = run_scenario(team, monkeypatch, seed=1)
    assert stats["unaccounted"] > 0


def test_values_travel_as_stored(team):
    """Text with quotes, newlines and emoji, numbers and empties arrive as they left."""
    a, b = team.laptop("a"), team.laptop("b")
    acc = a.write(accounts.create_account, '华科 "Huake" 😀', region="深圳")
    a.write(accounts.update_account, acc.id, notes="第一行\n第二行 'x'")
    team.sync(a), team.sync(b)
    shown = b.read(accounts.get_account, acc.id)
    assert shown.name == '华科 "Huake" 😀' and shown.notes == "第一行\n第二行 'x'"
    assert json.loads(json.dumps(shown.region)) == "深圳"
