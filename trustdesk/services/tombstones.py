"""Link rows (a contact's roles, an account's tags) are never deleted: a removed one becomes a
tombstone, so every laptop syncing later learns of the removal, and giving it back revives the
same row."""

from __future__ import annotations

from collections.abc import Collection, Hashable, Mapping
from datetime import datetime
from typing import Any, TypeVar

K = TypeVar("K", bound=Hashable)


def sync_link_rows(rows: Mapping[K, Any], wanted: Collection[K], now: datetime) -> list[K]:
    """Make the live ``rows`` exactly ``wanted``: tombstone the others, revive wanted ones.
    Returns the wanted keys that have no row yet (the caller adds them)."""
    for key, row in rows.items():
        live = row.deleted_at is None
        if (key in wanted) != live:
            row.deleted_at = None if key in wanted else now
            row.updated_at = now
    return [key for key in wanted if key not in rows]
