"""Processes the fault tests start: writers and a reader on one database file.

Run as ``python -m tests.faults.workers KIND PATH …``; each prints one JSON line with what
it did, so the test can add up successes and failures across processes.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from sqlalchemy.orm import Session

from trustdesk.errors import TrustDeskError
from trustdesk.services import accounts
from trustdesk.services.store import open_store


def read_then_add(session: Session, name: str) -> object:
    """A write as the services do them: read first (checks, the current row), then change.
    With a plain BEGIN this is the transaction that failed at once with "database is
    locked": its read snapshot is stale by the time it asks for the write lock."""
    accounts.count_accounts(session)
    return accounts.create_account(session, name)


def writer(path: Path, tag: str, count: int) -> dict[str, object]:
    """``count`` writes, one customer each, as fast as it can."""
    store = open_store(path)
    failures: list[str] = []
    for i in range(count):
        try:
            store.write(read_then_add, f"{tag}-{i:04d}")
        except TrustDeskError as exc:
            failures.append(str(exc))
    store.close()
    return {"ok": count - len(failures), "failed": len(failures), "errors": failures[:3]}


def app(path: Path, stop: Path, every: float) -> dict[str, object]:
    """An app-like writer: saves once every ``every`` seconds until ``stop`` exists."""
    store = open_store(path)
    done, failures = 0, []
    while not stop.exists():
        try:
            store.write(read_then_add, f"app-{done:05d}")
            done += 1
        except TrustDeskError as exc:
            failures.append(str(exc))
        time.sleep(every)
    store.close()
    return {"ok": done, "failed": len(failures), "errors": failures[:3]}


def reader(path: Path, stop: Path) -> dict[str, object]:
    """Counts customers over and over until ``stop`` exists."""
    store = open_store(path)
    reads, failures, last = 0, [], 0
    while not stop.exists():
        try:
            last = store.read(accounts.count_accounts)
            reads += 1
        except TrustDeskError as exc:
            failures.append(str(exc))
    store.close()
    return {"ok": reads, "failed": len(failures), "errors": failures[:3], "last": last}


def main(argv: list[str]) -> None:
    kind, path = argv[0], Path(argv[1])
    if kind == "writer":
        result = writer(path, argv[2], int(argv[3]))
    elif kind == "app":
        result = app(path, Path(argv[2]), float(argv[3]))
    else:
        result = reader(path, Path(argv[2]))
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
