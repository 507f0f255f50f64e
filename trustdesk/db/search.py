"""The bilingual search index over accounts and contacts (OFF-5).

``search_doc`` holds one row per live record with its spellings; ``search_fts`` (FTS5 trigram)
answers substring queries of 3+ characters; ``search_prefix`` (FTS5, one token per prefix)
answers the 1–2 character queries a salesperson types most (张三 as ``张三``, ``zs``), which
trigram cannot match. Both FTS tables are contentless: triggers on ``search_doc`` feed them
the text built from its columns, so the text is stored once. Both keep no positions
(``detail='none'``, a third of the size): a substring query asks for documents holding all
its trigrams, and ``instr`` on the rebuilt text keeps those that hold the substring itself.
A record's 1–2 character prefixes are all its short query can match, so only those are
indexed, not whole terms.
The service layer keeps the index in step in the same transaction as each write.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import cast

from sqlalchemy import Table, delete, insert, select, text
from sqlalchemy.orm import Session

from trustdesk.db.models import SearchAccount, SearchDoc
from trustdesk.domain.names import NameKeys, name_keys, normalize, pinyin_keys

DOC_TABLE = cast(Table, SearchDoc.__table__)
ACCOUNT_TABLE = cast(Table, SearchAccount.__table__)

# What each FTS table is fed from a search_doc row (``{r}`` is ``new`` or ``old``): a
# contentless table deletes a row by being given the same text again, so both triggers
# must build it the same way. ``terms`` becomes hex tokens: UTF-8 bytes as hex, so any
# character is one plain token, and a space (hex 20) stays the separator; no other
# byte pair can read as 20 across a boundary, as no character here encodes a byte 0x0?.
FTS_TEXT = "{r}.norm_name || ' | ' || {r}.pinyin || ' | ' || {r}.initials || {r}.alts"
PREFIX_TEXT = "replace(hex({r}.terms), '20', ' ')"


def _feed(r: str) -> tuple[str, str]:
    return FTS_TEXT.format(r=r), PREFIX_TEXT.format(r=r)


def _triggers() -> dict[str, str]:
    new_fts, new_prefix = _feed("new")
    old_fts, old_prefix = _feed("old")
    add = (
        f"INSERT INTO search_fts(rowid, fts_text) VALUES (new.id, {new_fts}); "
        f"INSERT INTO search_prefix(rowid, terms) VALUES (new.id, {new_prefix});"
    )
    drop = (
        f"INSERT INTO search_fts(search_fts, rowid, fts_text) VALUES ('delete', old.id, "
        f"{old_fts}); INSERT INTO search_prefix(search_prefix, rowid, terms) "
        f"VALUES ('delete', old.id, {old_prefix});"
    )
    return {
        "search_doc_ai": f"AFTER INSERT ON search_doc BEGIN {add} END",
        "search_doc_ad": f"AFTER DELETE ON search_doc BEGIN {drop} END",
        "search_doc_au": "AFTER UPDATE OF id, norm_name, pinyin, initials, alts, terms "
        f"ON search_doc BEGIN {drop} {add} END",
    }


# The DDL of the FTS tables and their triggers (migration 0005 holds a copy, as migrations
# must not change when this module does). The column sizes stay (no ``columnsize=0``): a
# contentless table without them cannot be scanned, which breaks a plain ``.dump``.
FTS_TABLES = {
    "search_fts": "fts5(fts_text, content='', detail='none', tokenize='trigram')",
    "search_prefix": "fts5(terms, content='', detail='none', tokenize='ascii')",
}
TRIGGERS = _triggers()

# Rank and cut the matches first, then read what the best ``limit`` show from the account
# and contact tables (so a broad query joins 50 rows, not all its matches).
_RANKED_SELECT = """
SELECT CASE WHEN top.ref_id = top.account_id THEN 'account' ELSE 'contact' END,
       top.ref_id, top.account_id, coalesce(c.name, a.name),
       CASE WHEN c.id IS NOT NULL THEN a.name
            WHEN a.industry <> '' AND a.region <> '' THEN a.industry || ' · ' || a.region
            ELSE a.industry || a.region END,
       top.rank
FROM (
  SELECT d.ref_id, d.account_id, d.pinyin, d.norm_name,
         CASE WHEN d.norm_name = :q OR d.pinyin = :qn OR d.initials = :qn THEN 0
              WHEN substr(d.norm_name, 1, length(:q)) = :q
                OR substr(d.pinyin, 1, length(:qn)) = :qn THEN 1
              ELSE 2 END AS rank
  FROM search_doc AS d
  WHERE d.id IN ({matches}) {verify} {kind_filter}
  ORDER BY rank, d.pinyin, d.norm_name
  LIMIT :limit
) AS top
JOIN account AS a ON a.id = top.account_id
LEFT JOIN contact AS c ON c.id = top.ref_id AND top.ref_id <> top.account_id
ORDER BY top.rank, top.pinyin, top.norm_name
"""
LONG_MATCHES = "SELECT rowid FROM search_fts WHERE search_fts MATCH :match"
# search_fts finds documents holding every trigram of the query (it keeps no positions);
# this keeps those whose text holds the query itself.
_TEXT = FTS_TEXT.format(r="d")
VERIFY = f"AND (instr({_TEXT}, :q) > 0 OR instr({_TEXT}, :qn) > 0)"
SHORT_MATCHES = "SELECT rowid FROM search_prefix WHERE search_prefix MATCH :pmatch"


@dataclass(frozen=True, slots=True)
class DocInput:
    """What the index needs to know of one record (``detail`` is not stored: a hit shows
    the live account's, so renaming a customer needs no index update for its people)."""

    kind: str  # "account" | "contact"
    ref_id: str
    account_id: str
    name: str
    detail: str = ""
    alt_spelling: str = ""  # a hand-corrected pinyin, with or without spaces
    person: bool = False  # a contact or an individual customer: the name starts with a surname


# The way names are spelled for search (readings, folding, the index tables). Raise it with
# any change that needs every name indexed again: a file indexed an older way is reindexed
# once on opening. Kept in the file's header (PRAGMA user_version, set by a rebuild and on a
# new file), so schema migrations that leave search alone (surveys, complaints) no longer
# rebuild the index (94 s at 100,000 customers).
INDEX_SPELLING = 1


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: str
    id: str
    account_id: str
    name: str
    detail: str
    rank: int


def _fts_phrase(text_: str) -> str:
    return '"' + text_.replace('"', '""') + '"'


def _all_trigrams(text_: str) -> str:
    """An FTS query for the documents holding every trigram of ``text_`` (3+ characters)."""
    grams = dict.fromkeys(text_[i : i + 3] for i in range(len(text_) - 2))
    return "(" + " AND ".join(_fts_phrase(g) for g in grams) + ")"


def prefix_token(prefix: str) -> str:
    """The ``search_prefix`` token of a 1–2 character prefix (as ``PREFIX_TEXT`` makes it)."""
    return prefix.encode().hex()


def search_sql(query: str, *, kind: str | None = None) -> tuple[str, dict[str, object]] | None:
    """The SQL and parameters of a ranked search, or None for an empty query.

    Exposed so the benchmark can run exactly this statement through raw ``sqlite3``.
    """
    q = normalize(query)
    qn = q.replace(" ", "")
    if not qn:
        return None
    params: dict[str, object] = {"q": q, "qn": qn}
    verify = ""
    if len(qn) >= 3:
        matches, verify = LONG_MATCHES, VERIFY
        params["match"] = " OR ".join(sorted({_all_trigrams(q), _all_trigrams(qn)}))
    else:
        matches = SHORT_MATCHES
        params.update(pmatch=_fts_phrase(prefix_token(qn)), term=f" {qn} ")
    kind_filter = ""
    if kind == "account":
        kind_filter = "AND d.ref_id = d.account_id"
    elif kind == "contact":
        kind_filter = "AND d.ref_id <> d.account_id"
    sql = _RANKED_SELECT.format(matches=matches, verify=verify, kind_filter=kind_filter)
    return sql, params


def search(
    session: Session, query: str, *, limit: int = 50, kind: str | None = None
) -> list[SearchHit]:
    """Records matching ``query``: exact name, pinyin or initials first, then prefixes."""
    built = search_sql(query, kind=kind)
    if built is None:
        return []
    sql, params = built
    rows = session.execute(text(sql), {**params, "limit": limit})
    return [SearchHit(*row) for row in rows]


def index_rows_sql(query: str) -> tuple[str, dict[str, object]] | None:
    """SQL listing the raw index rows that match ``query`` (one per document holding the
    prefix, or every trigram: a few may not hold the substring; an account has several).
    Counting them with a LIMIT is the cheapest gauge of how broad a search is: one FTS
    lookup, no table rows read."""
    built = search_sql(query)
    if built is None:
        return None
    _, params = built
    if "match" in params:
        return LONG_MATCHES, {"match": params["match"]}
    return SHORT_MATCHES, {"pmatch": params["pmatch"]}


# How a typed text is looked up: "prefix" (1–2 characters, ``search_prefix``) or
# "substring" (3 or more, trigrams in ``search_fts``). Per kind: the index rows it matches,
# at most ``:limit`` (the gauge of a search's breadth, and for a narrow one its hits); the
# distinct accounts of those hits, given as a JSON array ``:hits`` (so the FTS query runs
# once, not once to gauge and again to list).
INDEX_HITS = {
    "prefix": f"{SHORT_MATCHES} LIMIT :limit",
    "substring": f"{LONG_MATCHES} LIMIT :limit",
}
ACCOUNTS_OF_HITS = {
    "prefix": "SELECT DISTINCT d.account_id FROM search_doc AS d "
    "WHERE d.id IN (SELECT value FROM json_each(:hits))",
    "substring": "SELECT DISTINCT d.account_id FROM search_doc AS d "
    f"WHERE d.id IN (SELECT value FROM json_each(:hits)) {VERIFY}",
}


def text_kind(query: str) -> tuple[str, dict[str, object]] | None:
    """``(kind, parameters)`` of a typed text, None when nothing is searchable."""
    built = search_sql(query)
    if built is None:
        return None
    _, params = built
    return ("substring" if "match" in params else "prefix"), params


def matching_accounts_sql(query: str) -> tuple[str, dict[str, object]] | None:
    """SQL selecting the distinct accounts that match, or have a person who matches,
    ``query`` — starting from the index, so its cost follows the matches, not the accounts."""
    built = search_sql(query)
    if built is None:
        return None
    _, params = built
    if "match" in params:
        sql = (
            "SELECT DISTINCT d.account_id FROM search_fts AS f "
            f"JOIN search_doc AS d ON d.id = f.rowid WHERE search_fts MATCH :match {VERIFY}"
        )
        return sql, {k: params[k] for k in ("match", "q", "qn")}
    sql = (
        "SELECT DISTINCT d.account_id FROM search_prefix AS p "
        "JOIN search_doc AS d ON d.id = p.rowid WHERE search_prefix MATCH :pmatch"
    )
    return sql, {"pmatch": params["pmatch"]}


# The EXISTS test of a broad search for the account in ``account.id``: walking the accounts in list
# order finds a page of matches at once. A substring query's hits are read once into a set
# (the MATERIALIZED ``fts_hits``, ``FTS_HITS``): asked per document instead, SQLite would run
# the trigram query once for every account it walks. The set is of documents holding every
# trigram; only those of the accounts walked are read to check the substring itself
# (checking all of them first costs a row read per hit: 10,000 for "garet"). A short query
# reads the account's prefixes from ``search_account``: one seek per account walked.
ACCOUNT_MATCHES = {
    "prefix": "EXISTS (SELECT 1 FROM search_account AS s WHERE s.account_id = account.id "
    "AND instr(s.terms, :term) > 0)",
    "substring": "EXISTS (SELECT 1 FROM search_doc AS d WHERE d.account_id = account.id "
    f"AND +d.id IN (SELECT id FROM fts_hits) {VERIFY})",
}


FTS_HITS = "SELECT rowid AS id FROM search_fts WHERE search_fts MATCH :match"


def _keys(name: str, person: bool, alt_spelling: str) -> tuple[NameKeys, NameKeys | None]:
    keys = name_keys(name, person=person)
    alt = pinyin_keys(alt_spelling) if alt_spelling else None
    if alt is not None and alt.pinyin in {keys.pinyin, *(a[0] for a in keys.alternates)}:
        alt = None
    return keys, alt


def _prefixes(keys: NameKeys) -> set[str]:
    """The 1–2 character prefixes of a name's terms: all a short query is compared with
    (spaces dropped, as the query's are)."""
    out: set[str] = set()
    for term in keys.prefix_terms():
        bare = term.replace(" ", "")
        out.update((bare[:1], bare[:2]))
    out.discard("")
    return out


def _alts(keys: NameKeys) -> list[str]:
    return [p for pair in keys.alternates for p in pair]


# The columns a name gives its search_doc row (norm_name, pinyin, initials, alts, terms).
# People's names repeat (the 100,000-customer demo's 530,000 people share ~2,300 names, and
# a real book has many 王伟): each is spelled once (most of a bulk index build went here).
@lru_cache(maxsize=32768)
def _name_columns(name: str, person: bool, alt_spelling: str) -> tuple[str, str, str, str, str]:
    keys, alt = _keys(name, person, alt_spelling)
    alts = _alts(keys)
    prefixes = _prefixes(keys)
    if alt is not None:
        alts += [alt.pinyin, alt.initials, *_alts(alt)]
        prefixes |= _prefixes(alt)
    base = {keys.name, keys.pinyin, keys.initials}
    others = [a for a in dict.fromkeys(alts) if a and a not in base]
    return (
        keys.name,
        keys.pinyin,
        keys.initials,
        "".join(f" | {a}" for a in others),
        f" {' '.join(sorted(prefixes))} " if prefixes else "",
    )


@lru_cache(maxsize=32768)
def _term_set(terms: str) -> frozenset[str]:
    return frozenset(terms.split())


def doc_row(doc: DocInput) -> dict[str, object]:
    """The ``search_doc`` row of one record (without its id)."""
    norm_name, pinyin, initials, alts, terms = _name_columns(doc.name, doc.person, doc.alt_spelling)
    return {
        "ref_id": doc.ref_id,
        "account_id": doc.account_id,
        "norm_name": norm_name,
        "pinyin": pinyin,
        "initials": initials,
        "alts": alts,
        "terms": terms,
    }


def index_records(session: Session, docs: Sequence[DocInput]) -> None:
    """Add or replace the index entries of ``docs`` (bulk-friendly: one executemany; the
    FTS tables follow through the triggers)."""
    if not docs:
        return
    before = remove_records(session, [(d.kind, d.ref_id) for d in docs], refresh=False)
    session.connection().execute(insert(DOC_TABLE), [doc_row(doc) for doc in docs])
    refresh_accounts(session, before | {d.account_id for d in docs})


NEW_DOC_SQL = (
    "INSERT INTO search_doc (ref_id, account_id, norm_name, pinyin, initials, alts, terms) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)"
)


NEW_ACCOUNT_TERMS_SQL = "INSERT INTO search_account (account_id, terms) VALUES (?, ?)"


def index_new_accounts(session: Session, docs: Sequence[DocInput]) -> None:
    """Index new accounts (a bulk build): ``docs`` holds every entry of each account it
    names, and none of them is indexed yet. The same rows as ``index_records`` writes, without
    looking for entries to replace, and each account's prefixes are the union of its documents'
    worked out here rather than read back."""
    if not docs:
        return
    rows, fresh = new_account_rows(docs)
    conn = session.connection()
    conn.exec_driver_sql(NEW_DOC_SQL, rows)
    if fresh:
        conn.exec_driver_sql(NEW_ACCOUNT_TERMS_SQL, fresh)


def new_account_rows(
    docs: Sequence[DocInput],
) -> tuple[list[tuple[str, ...]], list[tuple[str, str]]]:
    """``index_new_accounts``' rows without a database: (``NEW_DOC_SQL`` rows,
    ``NEW_ACCOUNT_TERMS_SQL`` rows). The demo's second process spells them while the first
    writes."""
    rows: list[tuple[str, ...]] = []
    union: dict[str, set[str]] = {}
    for doc in docs:
        columns = _name_columns(doc.name, doc.person, doc.alt_spelling)
        rows.append((doc.ref_id, doc.account_id, *columns))
        terms = union.get(doc.account_id)
        if terms is None:
            terms = union[doc.account_id] = set()
        terms |= _term_set(columns[4])
    fresh = [(a, f" {' '.join(sorted(t))} ") for a, t in union.items() if t]
    return rows, fresh


def refresh_accounts(session: Session, account_ids: Iterable[str]) -> None:
    """Set each account's ``search_account`` prefixes to the union of its documents'."""
    ids = sorted(set(account_ids))
    conn = session.connection()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        union: dict[str, set[str]] = {}
        rows = conn.execute(
            select(DOC_TABLE.c.account_id, DOC_TABLE.c.terms).where(
                DOC_TABLE.c.account_id.in_(chunk)
            )
        )
        for account_id, terms in rows:
            union.setdefault(account_id, set()).update(terms.split())
        conn.execute(delete(ACCOUNT_TABLE).where(ACCOUNT_TABLE.c.account_id.in_(chunk)))
        fresh = [
            {"account_id": a, "terms": f" {' '.join(sorted(t))} "} for a, t in union.items() if t
        ]
        if fresh:
            conn.execute(insert(ACCOUNT_TABLE), fresh)


def clear_index(session: Session) -> None:
    """Empty the whole index at once (before a rebuild): the FTS tables by their
    ``delete-all`` command, the documents with the triggers set aside, which would
    otherwise feed every row back to the FTS tables one by one to delete it."""
    for name in TRIGGERS:
        session.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
    for table in FTS_TABLES:
        session.execute(text(f"INSERT INTO {table}({table}) VALUES ('delete-all')"))
    session.execute(delete(SearchDoc))
    session.execute(delete(SearchAccount))
    for name, body in TRIGGERS.items():
        session.execute(text(f"CREATE TRIGGER {name} {body}"))


def remove_records(
    session: Session, keys: Iterable[tuple[str, str]], *, refresh: bool = True
) -> set[str]:
    """Drop the index entries of ``(kind, ref_id)`` pairs (the FTS rows follow; so do their
    accounts' prefixes, unless ``refresh`` is False because the caller refreshes the
    accounts returned)."""
    ids = [ref_id for _, ref_id in keys]  # ids are unique across accounts and contacts
    touched: set[str] = set()
    for start in range(0, len(ids), 500):
        where = SearchDoc.ref_id.in_(ids[start : start + 500])
        touched.update(session.scalars(select(SearchDoc.account_id).where(where)))
        session.execute(delete(SearchDoc).where(where))
    if refresh and touched:
        refresh_accounts(session, touched)
    return touched


def remove_account_tree(session: Session, account_id: str) -> None:
    """Drop an account and all its contacts from the index."""
    session.execute(delete(SearchDoc).where(SearchDoc.account_id == account_id))
    session.execute(delete(SearchAccount).where(SearchAccount.account_id == account_id))


@contextmanager
def bulk_index(session: Session) -> Iterator[None]:
    """For a bulk build (the demo, a rebuild): the FTS tables are filled once at the end from
    the documents added inside, by one INSERT … SELECT each, instead of row by row by the
    insert trigger (FTS5 writes its pending entries out after every statement: a 20,000-
    customer demo spent most of its index time there). Deleting a document added inside the
    block is not supported (its FTS rows are not there yet); building never does."""
    conn = session.connection()
    start = conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM search_doc").scalar_one()
    conn.exec_driver_sql("DROP TRIGGER IF EXISTS search_doc_ai")
    try:
        yield
        fts, prefix = _feed("d")
        conn.exec_driver_sql(
            f"INSERT INTO search_fts(rowid, fts_text) SELECT d.id, {fts} FROM search_doc AS d "
            "WHERE d.id > ? ORDER BY d.id",
            (start,),
        )
        conn.exec_driver_sql(
            f"INSERT INTO search_prefix(rowid, terms) SELECT d.id, {prefix} "
            "FROM search_doc AS d WHERE d.id > ? ORDER BY d.id",
            (start,),
        )
    finally:
        conn.exec_driver_sql(f"CREATE TRIGGER search_doc_ai {TRIGGERS['search_doc_ai']}")
