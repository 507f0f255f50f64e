"""VIS-2: intelligence notes found by the search box (``note_fts``, FTS5 over the notes'
words as ``domain.names.text_tokens`` writes them: Chinese as pairs of characters).

Beside the names' index rather than in it: that index is shaped for names (pinyin, initials,
surnames); notes are sentences, searched by their words in whatever language they are in.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import text
from sqlalchemy.orm import Session

from trustdesk.domain.names import has_cjk, text_tokens

CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS note_fts USING fts5("
    "tokens, note_id UNINDEXED, account_id UNINDEXED, tokenize='unicode61 remove_diacritics 0')"
)


def _phrase(tokens: list[str]) -> str:
    return '"' + " ".join(t.replace('"', '""') for t in tokens) + '"'


def match_expression(query: str) -> str | None:
    """The FTS5 query for what was typed: every word must appear (a Chinese run as the phrase
    of its pairs, a single character or the last word as a prefix), or None when nothing is
    searchable."""
    parts: list[str] = []
    for word in query.split():
        tokens = text_tokens(word)
        if not tokens:
            continue
        if len(tokens) == 1 and (not has_cjk(tokens[0]) or len(tokens[0]) == 1):
            parts.append(_phrase(tokens) + " *")  # a prefix: 竞 finds 竞争, pack packaging
        else:
            parts.append(_phrase(tokens))
    return " AND ".join(parts) or None


def index_notes(session: Session, notes: Iterable[tuple[str, str, str]]) -> None:
    """Add ``(note_id, account_id, text)`` to the index."""
    rows = [
        {"tokens": " ".join(text_tokens(body)), "note_id": nid, "account_id": aid}
        for nid, aid, body in notes
    ]
    if rows:
        session.execute(
            text(
                "INSERT INTO note_fts (tokens, note_id, account_id) "
                "VALUES (:tokens, :note_id, :account_id)"
            ),
            rows,
        )


def remove_note(session: Session, note_id: str) -> None:
    session.execute(text("DELETE FROM note_fts WHERE note_id = :id"), {"id": note_id})


def remove_account_notes(session: Session, account_id: str) -> None:
    session.execute(text("DELETE FROM note_fts WHERE account_id = :id"), {"id": account_id})


def clear(session: Session) -> None:
    session.execute(text("DELETE FROM note_fts"))


def matching_notes(session: Session, query: str, limit: int = 50) -> list[tuple[str, str]]:
    """``(note_id, account_id)`` of notes matching ``query``, best first."""
    expression = match_expression(query)
    if expression is None:
        return []
    rows = session.execute(
        text(
            "SELECT note_id, account_id FROM note_fts WHERE note_fts MATCH :m "
            "ORDER BY rank LIMIT :n"
        ),
        {"m": expression, "n": limit},
    )
    return [(nid, aid) for nid, aid in rows]


def matching_accounts(session: Session, query: str, limit: int) -> list[str]:
    """Distinct customers with a note matching ``query`` (at most ``limit``)."""
    expression = match_expression(query)
    if expression is None:
        return []
    rows = session.execute(
        text("SELECT DISTINCT account_id FROM note_fts WHERE note_fts MATCH :m LIMIT :n"),
        {"m": expression, "n": limit},
    )
    return [aid for (aid,) in rows]
