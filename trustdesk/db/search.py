"""The bilingual search index over accounts and contacts (OFF-5).

``search_doc`` holds one row per live record with its spellings; ``search_fts`` (FTS5 trigram)
answers substring queries of 3+ characters; ``search_term`` answers the 1–2 character queries a
salesperson types most (张三 as ``张三``, ``zs``), which trigram cannot match, by B-tree prefix.
The service layer keeps the index in step in the same transaction as each write.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Table, delete, insert, text
from sqlalchemy.orm import Session

from trustdesk.db.models import SearchDoc, SearchTerm
from trustdesk.domain.names import NameKeys, name_keys, normalize, pinyin_keys

DOC_TABLE = cast(Table, SearchDoc.__table__)
TERM_TABLE = cast(Table, SearchTerm.__table__)

# Highest code point: ``term < prefix || MAX_CHAR`` bounds a prefix range under BINARY collation.
MAX_CHAR = "\U0010ffff"

_RANKED_SELECT = """
SELECT d.kind, d.ref_id, d.account_id, d.name, d.detail,
       CASE WHEN d.norm_name = :q OR d.pinyin = :qn OR d.initials = :qn THEN 0
            WHEN substr(d.norm_name, 1, length(:q)) = :q
              OR substr(d.pinyin, 1, length(:qn)) = :qn THEN 1
            ELSE 2 END AS rank
FROM search_doc AS d
WHERE d.id IN ({matches}) {kind_filter}
ORDER BY rank, d.sort_key
LIMIT :limit
"""
LONG_MATCHES = "SELECT rowid FROM search_fts WHERE search_fts MATCH :match"
SHORT_MATCHES = "SELECT doc_id FROM search_term WHERE term >= :lo AND term < :hi"


@dataclass(frozen=True, slots=True)
class DocInput:
    """What the index needs to know of one record."""

    kind: str  # "account" | "contact"
    ref_id: str
    account_id: str
    name: str
    detail: str = ""
    alt_spelling: str = ""  # a hand-corrected pinyin, with or without spaces
    person: bool = False  # a contact or an individual customer: the name starts with a surname


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


def search_sql(query: str, *, kind: str | None = None) -> tuple[str, dict[str, object]] | None:
    """The SQL and parameters of a ranked search, or None for an empty query.

    Exposed so the benchmark can run exactly this statement through raw ``sqlite3``.
    """
    q = normalize(query)
    qn = q.replace(" ", "")
    if not qn:
        return None
    params: dict[str, object] = {"q": q, "qn": qn}
    if len(qn) >= 3:
        matches = LONG_MATCHES
        phrases = {_fts_phrase(q), _fts_phrase(qn)}
        params["match"] = " OR ".join(sorted(phrases))
    else:
        matches = SHORT_MATCHES
        params.update(lo=qn, hi=qn + MAX_CHAR)
    kind_filter = ""
    if kind:
        kind_filter = "AND d.kind = :kind"
        params["kind"] = kind
    return _RANKED_SELECT.format(matches=matches, kind_filter=kind_filter), params


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
    """SQL listing the raw index rows that match ``query`` (one per term or trigram hit; an
    account has several). Counting them with a LIMIT is the cheapest gauge of how broad a
    search is: a B-tree range or one FTS lookup, no table rows read."""
    built = search_sql(query)
    if built is None:
        return None
    _, params = built
    if "match" in params:
        return "SELECT rowid FROM search_fts WHERE search_fts MATCH :match", {
            "match": params["match"]
        }
    return "SELECT doc_id FROM search_term WHERE term >= :lo AND term < :hi", {
        "lo": params["lo"],
        "hi": params["hi"],
    }


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
            "JOIN search_doc AS d ON d.id = f.rowid WHERE search_fts MATCH :match"
        )
        return sql, {"match": params["match"]}
    sql = (
        "SELECT DISTINCT d.account_id FROM search_term AS t "
        "JOIN search_doc AS d ON d.id = t.doc_id WHERE t.term >= :lo AND t.term < :hi"
    )
    return sql, {"lo": params["lo"], "hi": params["hi"]}


def account_matches_sql(query: str, account_column: str) -> tuple[str, dict[str, object]] | None:
    """An EXISTS condition: the account in ``account_column`` matches ``query``. For broad
    queries, where walking the accounts in list order finds a page of matches at once.

    A substring (FTS) query's hits are read once into a set (MATERIALIZED): asked per
    document instead, SQLite would run the trigram query once for every account it walks.
    """
    built = search_sql(query)
    if built is None:
        return None
    _, params = built
    if "match" in params:
        sql = (
            f"EXISTS (SELECT 1 FROM search_doc AS d WHERE d.account_id = {account_column} "
            "AND +d.id IN (SELECT id FROM fts_hits))"
        )
        return sql, {"match": params["match"]}
    sql = (
        f"EXISTS (SELECT 1 FROM search_doc AS d JOIN search_term AS t ON t.doc_id = d.id "
        f"WHERE d.account_id = {account_column} AND t.term >= :lo AND t.term < :hi)"
    )
    return sql, {"lo": params["lo"], "hi": params["hi"]}


# The common table an FTS ``account_matches_sql`` condition reads (see there).
FTS_HITS = "SELECT rowid AS id FROM search_fts WHERE search_fts MATCH :match"


def _keys(doc: DocInput) -> tuple[NameKeys, NameKeys | None]:
    keys = name_keys(doc.name, person=doc.person)
    alt = pinyin_keys(doc.alt_spelling) if doc.alt_spelling else None
    if alt is not None and alt.pinyin in {keys.pinyin, *(a[0] for a in keys.alternates)}:
        alt = None
    return keys, alt


def index_records(session: Session, docs: Sequence[DocInput]) -> None:
    """Add or replace the index entries of ``docs`` (bulk-friendly: two executemany calls).

    SQLite numbers the documents (INSERT … RETURNING, batched by SQLAlchemy), so two writers
    never pick the same id the way a computed ``max(id) + 1`` could.
    """
    if not docs:
        return
    remove_records(session, [(d.kind, d.ref_id) for d in docs])
    doc_rows: list[dict[str, object]] = []
    doc_terms: list[set[str]] = []
    for doc in docs:
        keys, alt = _keys(doc)
        fts_text = keys.fts_text()
        terms = keys.prefix_terms()
        if alt is not None:
            fts_text += " | " + alt.fts_text()
            terms |= alt.prefix_terms()
        doc_rows.append(
            {
                "kind": doc.kind,
                "ref_id": doc.ref_id,
                "account_id": doc.account_id,
                "name": doc.name,
                "detail": doc.detail,
                "norm_name": keys.name,
                "pinyin": keys.pinyin,
                "initials": keys.initials,
                "sort_key": f"{keys.pinyin_spaced}\x00{keys.name}",
                "fts_text": fts_text,
            }
        )
        doc_terms.append(terms)
    # Batched multi-row INSERT … RETURNING (Core, not the ORM's per-row bulk path); rows may
    # come back in any order, so each id is matched to its document by (kind, ref_id).
    docs_table = DOC_TABLE
    conn = session.connection()
    returned = conn.execute(
        insert(docs_table).returning(docs_table.c.id, docs_table.c.kind, docs_table.c.ref_id),
        doc_rows,
    )
    doc_ids = {(kind, ref_id): doc_id for doc_id, kind, ref_id in returned}
    term_rows = [
        {"term": t, "doc_id": doc_ids[doc.kind, doc.ref_id]}
        for doc, terms in zip(docs, doc_terms, strict=True)
        for t in terms
    ]
    conn.execute(insert(TERM_TABLE), term_rows)


def remove_records(session: Session, keys: Iterable[tuple[str, str]]) -> None:
    """Drop the index entries of ``(kind, ref_id)`` pairs (their terms cascade)."""
    by_kind: dict[str, list[str]] = {}
    for kind, ref_id in keys:
        by_kind.setdefault(kind, []).append(ref_id)
    for kind, ids in by_kind.items():
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            session.execute(
                delete(SearchDoc).where(SearchDoc.kind == kind, SearchDoc.ref_id.in_(chunk))
            )


def remove_account_tree(session: Session, account_id: str) -> None:
    """Drop an account and all its contacts from the index."""
    session.execute(delete(SearchDoc).where(SearchDoc.account_id == account_id))


def set_contact_detail(session: Session, account_id: str, detail: str) -> None:
    """After an account is renamed, its contacts' search results show the new name."""
    session.execute(
        DOC_TABLE.update()
        .where(SearchDoc.account_id == account_id, SearchDoc.kind == "contact")
        .values(detail=detail)
    )
