"""The demo a newcomer opens first looks like real data: no one twice, histories in order."""

from collections import Counter, defaultdict
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta, timezone
from itertools import pairwise

import pytest
from sqlalchemy import select, text

from trustdesk import demo
from trustdesk.db.models import Account, AccountTag, Contact, LevelChange, StageChange, Tag
from trustdesk.domain.enums import RelationshipLevel, Stage
from trustdesk.domain.names import pinyin_of, sort_key

NOW = datetime(2025, 6, 1, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """5,000 demo customers (the size at which the old generator repeated names)."""
    from trustdesk.db.engine import open_database

    database = open_database(tmp_path_factory.mktemp("demo") / "demo.sqlite3")
    with database.transaction() as s:
        demo.generate(s, 5000, seed=3, contacts_per_account=(3, 9), now=NOW, batch_size=2000)
    yield database
    database.close()


def test_no_customer_twice_and_no_person_twice_in_a_customer(big):
    with big.reading() as s:
        names = s.scalars(select(Account.name)).all()
        people = s.execute(select(Contact.account_id, Contact.name)).all()
    assert len(names) == 5000
    assert [n for n, c in Counter(names).items() if c > 1] == []
    assert [k for k, c in Counter(people).items() if c > 1] == []


def test_stage_histories_move_in_order_with_reasons_over_months(big):
    with big.reading() as s:
        stages = dict(s.execute(select(Account.id, Account.stage)).all())
        rows = s.execute(
            select(StageChange.account_id, StageChange.from_stage, StageChange.to_stage,
                   StageChange.reason, StageChange.changed_at, StageChange.lost_reason)
            .order_by(StageChange.account_id, StageChange.changed_at)
        ).all()  # fmt: skip
    by_account = defaultdict(list)
    for row in rows:
        by_account[row.account_id].append(row)
    spans = []
    for account_id, history in by_account.items():
        assert history[0].from_stage is None and history[0].reason == ""
        assert history[-1].to_stage is stages[account_id]
        for before, after in pairwise(history):
            assert after.from_stage is before.to_stage
            won_back = before.to_stage is Stage.LOST and "won back" in after.reason
            assert after.to_stage is Stage.LOST or after.to_stage > before.to_stage or won_back
            assert after.reason  # every move says why
            assert after.changed_at > before.changed_at
            assert (after.lost_reason is not None) is (after.to_stage is Stage.LOST)
        assert history[-1].changed_at <= NOW
        if len(history) >= 4:
            spans.append(history[-1].changed_at - history[0].changed_at)
    assert len(by_account) == 5000
    assert sorted(spans)[len(spans) // 2] > timedelta(days=90)  # months, not minutes


def test_level_histories_climb_one_step_at_a_time_with_reasons_and_dates(big):
    with big.reading() as s:
        levels = dict(s.execute(select(Contact.id, Contact.level)).all())
        rows = s.execute(
            select(LevelChange.contact_id, LevelChange.from_level, LevelChange.to_level,
                   LevelChange.reason, LevelChange.changed_at)
            .order_by(LevelChange.contact_id, LevelChange.changed_at)
        ).all()  # fmt: skip
    by_contact = defaultdict(list)
    for row in rows:
        by_contact[row.contact_id].append(row)
    gaps = []
    for contact_id, history in by_contact.items():
        assert history[-1].to_level is levels[contact_id]
        assert [r.to_level.position for r in history] == list(range(1, len(history) + 1))
        assert all(r.reason for r in history)
        gaps += [b.changed_at - a.changed_at for a, b in pairwise(history)]
    unmet = [c for c, lvl in levels.items() if lvl is RelationshipLevel.NONE]
    assert not set(unmet) & set(by_contact)
    assert min(gaps) > timedelta(0)
    assert sorted(gaps)[len(gaps) // 2] > timedelta(days=30)  # dates spread over months


def test_names_are_spelled_as_the_app_spells_them(big):
    with big.reading() as s:
        accounts = s.execute(select(Account.name, Account.sort_key).limit(1500)).all()
        contacts = s.execute(select(Contact.name, Contact.pinyin, Contact.sort_key).limit(1500))
        contacts = contacts.all()
    assert [key for _, key in accounts] == [sort_key(name) for name, _ in accounts]
    assert [(c.pinyin, c.sort_key) for c in contacts] == [
        (pinyin_of(c.name), sort_key(c.name)) for c in contacts
    ]


def test_only_the_showcase_is_tagged_strategic(db):
    with db.transaction() as s:
        demo.generate(s, 300, seed=4)
    with db.reading() as s:
        tagged = s.scalars(
            select(Account.name)
            .join(AccountTag, AccountTag.account_id == Account.id)
            .join(Tag, Tag.id == AccountTag.tag_id)
            .where(Tag.name.in_(["战略", "strategic"]))
        ).all()
    assert sorted(tagged) == sorted(case.name for case in demo.showcases())


def test_adding_a_demo_again_adds_no_customer_twice(db):
    with db.transaction() as s:
        demo.generate(s, 40, seed=1)
    with db.transaction() as s:
        demo.generate(s, 40, seed=1)
    with db.reading() as s:
        names = s.scalars(select(Account.name)).all()
    assert len(set(names)) == len(names) > 40


def test_bulk_rows_store_datetimes_as_the_orm_does():
    """The generator writes datetimes as text itself; an account it saves must read back
    (and sort) like one the app saves."""
    from sqlalchemy.dialects import sqlite

    from trustdesk.db.base import UTCDateTime
    from trustdesk.db.bulk import utc_text

    orm = UTCDateTime()._cached_bind_processor(sqlite.dialect())
    moments = [
        NOW,
        NOW + timedelta(microseconds=7),
        datetime(1999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
        datetime(2025, 1, 1, 8, tzinfo=timezone(timedelta(hours=8))),
    ]
    assert [utc_text(m) for m in moments] == [orm(m) for m in moments]
    assert utc_text(None) is None


def test_names_do_not_run_out_at_the_benchmark_size():
    """100,000 customers need more individuals and English companies than the plain name
    lists hold (the build used to loop for ever at ~35,000); every name stays different."""
    from trustdesk.demo.generator import _Generator

    gen = _Generator(42, NOW, {})
    people = [gen.individual_name(chinese) for chinese in [True] * 4000 + [False] * 1500]
    companies = [gen.company(False)["name"] for _ in range(20_000)]
    assert len(set(people)) == len(people) and len(set(companies)) == len(companies)
    assert all("  " not in name for name in people + companies)


def _schema(database):
    with database.reading() as s:
        return sorted(s.execute(text("SELECT type, name, sql FROM sqlite_master")).all())


def test_a_big_demo_leaves_the_schema_and_index_a_fresh_database_has(big, tmp_path):
    """The build sets the secondary indexes aside and indexes its customers in bulk; after
    it the file has every index again, and each search entry is the one an edit writes."""
    from trustdesk.db.engine import open_database
    from trustdesk.db.search import doc_row
    from trustdesk.services.indexing import account_doc, contact_doc

    fresh = open_database(tmp_path / "fresh.sqlite3")
    assert _schema(big) == _schema(fresh)
    fresh.close()
    columns = "ref_id, account_id, norm_name, pinyin, initials, alts, terms"
    with big.reading() as s:
        assert s.scalar(text("PRAGMA integrity_check")) == "ok"
        people = s.execute(
            select(Contact.id, Contact.account_id, Contact.name, Account.name)
            .join(Account, Account.id == Contact.account_id)
            .limit(300)
        ).all()
        docs = [contact_doc(c, a, name, account, "") for c, a, name, account in people]
        fields = (Account.id, Account.name, Account.industry, Account.region, Account.kind)
        companies = s.execute(select(*fields).limit(300)).all()
        docs += [
            account_doc(a, name, ind, reg, individual=kind.code == "individual")
            for a, name, ind, reg, kind in companies
        ]
        stored = {
            row[0]: dict(zip(columns.split(", "), row, strict=True))
            for row in s.execute(text(f"SELECT {columns} FROM search_doc"))
        }
        prefixes = dict(s.execute(text("SELECT account_id, terms FROM search_account")).all())
    assert [stored[d.ref_id] for d in docs] == [doc_row(d) for d in docs]
    union: dict[str, set[str]] = defaultdict(set)
    for row in stored.values():
        union[row["account_id"]].update(row["terms"].split())
    assert {a: set(t.split()) for a, t in prefixes.items()} == union


def test_search_finds_a_big_demos_people_every_way_they_are_typed(big):
    from trustdesk.db.search import search
    from trustdesk.domain.names import name_keys

    with big.reading() as s:
        person = s.scalars(select(Contact).where(Contact.pinyin != "").limit(1)).one()
        keys = name_keys(person.name, person=True)
        for query in (person.name, keys.pinyin, person.pinyin, keys.initials):
            hits = search(s, query, limit=5000, kind="contact")
            assert person.id in {h.id for h in hits}, query
        english = s.scalars(select(Contact).where(Contact.pinyin == "").limit(1)).one()
        fragment = english.name.split()[-1][1:5].lower()  # Thompson → homp
        hits = search(s, fragment, limit=50_000, kind="contact")
        assert english.id in {h.id for h in hits}
        company = s.scalars(select(Account).limit(1)).one()
        assert company.id in {h.id for h in search(s, company.name, kind="account")}


def _base_database(path):
    """A database with the demo's users and tags in it (their ids are random): copies of it
    get the same demo from the same seed, row for row."""
    from trustdesk.db.engine import open_database

    database = open_database(path)
    with database.transaction() as s:
        demo.generate(s, 0, seed=9)
    with database.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    return path


def _build_copy(base, path, monkeypatch, *, apart: bool, method: str = "fork", idle=None):
    """Copy ``base`` to ``path`` and add 2,000 customers there, in one process or two
    (``idle``: the writer always / never spells the search entries; None: as it goes)."""
    import multiprocessing
    import shutil

    from trustdesk.db.engine import open_database
    from trustdesk.demo import generator, pipeline

    shutil.copyfile(base, path)
    started = []
    real = pipeline.second_process

    def spied(job, args, depth=pipeline.DEPTH):
        with real(job, args, depth) as made:
            started.append(made is not None)
            yield made

    monkeypatch.setattr(generator, "PIPELINE_MIN", 0 if apart else 10**9)
    monkeypatch.setattr(pipeline, "usable", lambda: True)
    monkeypatch.setattr(pipeline, "_context", lambda: multiprocessing.get_context(method))
    monkeypatch.setattr(pipeline, "second_process", contextmanager(spied))
    if idle is not None:
        monkeypatch.setattr(pipeline, "_idle", lambda out: idle)
    database = open_database(path)
    seen = []
    with database.transaction() as s:
        made = demo.generate(
            s, 2000, seed=11, contacts_per_account=(4, 7), now=NOW, batch_size=300,
            progress=seen.append,
            # The histories, surveys and stories come after, in this process either way (the
            # stories through the services, with this device's user and fresh ids).
            history=False,
        )  # fmt: skip
    assert started == ([True] if apart else [])
    assert made[0] == 2000 and seen == [*range(300, 2000, 300), 2000]
    return database


def _every_row(database):
    """Every row of every table (the search index's own tables too), in a stable order; a team
    setting and a sync mark without the moment they were written (on the wall clock)."""
    with database.reading() as s:
        tables = s.scalars(
            text("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'")
        ).all()
        # a sync mark's wall-clock moment of the edit, like the tier recompute's
        columns = {
            "team_setting": "key, value, deleted_at",
            "sync_mark": "table_name, record_id, seen_seq",
        }
        return {
            t: sorted(map(repr, s.execute(text(f'SELECT {columns.get(t, "*")} FROM "{t}"'))))
            for t in tables
        }


@pytest.fixture(scope="module")
def one_process(tmp_path_factory):
    """The 2,000-customer demo made in this process, with its base database."""
    folder = tmp_path_factory.mktemp("one")
    base = _base_database(folder / "base.sqlite3")
    with pytest.MonkeyPatch.context() as monkeypatch:
        database = _build_copy(base, folder / "one.sqlite3", monkeypatch, apart=False)
    rows = _every_row(database)
    database.close()
    return base, rows


@pytest.mark.parametrize(
    ("method", "idle"), [("fork", None), ("fork", True), ("fork", False), ("spawn", None)]
)
def test_a_demo_made_in_a_second_process_is_the_one_made_in_one(
    one_process, tmp_path, monkeypatch, method, idle
):
    """The same seed gives the same customers, people, histories and search entries whether
    the rows are made up beside the writer or by it, whichever of the two spells the search
    entries; progress counts the same batches."""
    import multiprocessing

    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} here")
    base, expected = one_process
    path = tmp_path / "two.sqlite3"
    database = _build_copy(base, path, monkeypatch, apart=True, method=method, idle=idle)
    rows = _every_row(database)
    with database.reading() as s:
        people = s.scalar(text("SELECT count(*) FROM contact"))
        found = s.scalar(text("SELECT count(*) FROM search_fts"))
    database.close()
    assert people >= 8000 and found == people + 2000
    assert rows.keys() == expected.keys()
    for table, table_rows in rows.items():
        assert table_rows == expected[table], table


def _fail_in_the_worker(monkeypatch, failure):
    """Make the 1,500th customer fail (in the worker: it is forked after this)."""
    import multiprocessing

    from trustdesk.demo import generator, pipeline

    real = generator._one_account
    count = [0]

    def failing(*args, **kwargs):
        count[0] += 1
        if count[0] == 1500:
            failure()
        return real(*args, **kwargs)

    monkeypatch.setattr(generator, "_one_account", failing)
    monkeypatch.setattr(generator, "PIPELINE_MIN", 0)
    monkeypatch.setattr(pipeline, "usable", lambda: True)
    monkeypatch.setattr(pipeline, "_context", lambda: multiprocessing.get_context("fork"))


def _raise():
    raise ValueError("王伟 13800001111")


def _die():
    import os

    os._exit(3)


@pytest.mark.parametrize(
    ("failure", "said"),
    [(_raise, "ValueError in the demo's second process"), (_die, "exit code 3")],
)
def test_a_failure_in_the_second_process_keeps_nothing_of_the_demo(
    db, tmp_path, monkeypatch, failure, said
):
    """Batches written before the worker failed roll back with the transaction: no customer,
    person or search entry is left, the set-aside indexes are back, and the error says what
    failed without the data it was making."""
    import multiprocessing

    from trustdesk.db.engine import open_database
    from trustdesk.demo.pipeline import WorkerFailed

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("the failure is planted in a forked worker")
    _fail_in_the_worker(monkeypatch, failure)
    written = []
    with pytest.raises(WorkerFailed, match=said) as raised, db.transaction() as s:
        demo.generate(s, 3000, seed=2, batch_size=500, progress=written.append, history=False)
    assert written[:2] == [500, 1000]  # batches were written before it failed
    assert "王伟" not in str(raised.value) and "13800001111" not in str(raised.value)
    with db.reading() as s:
        for table in ("account", "contact", "stage_change", "search_doc", "search_fts"):
            assert s.scalar(text(f"SELECT count(*) FROM {table}")) == 0, table
    fresh = open_database(tmp_path / "fresh.sqlite3")
    assert _schema(db) == _schema(fresh)
    fresh.close()
