"""Progress and cancelling of long work, without Qt.

A service that can take long accepts ``progress: Progress`` and calls ``progress.step(…)``
now and then; the GUI shows the figures and a Cancel button, the CLI may print them. A step
after Cancel raises ``Cancelled`` inside the unit of work, so its transaction rolls back whole.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass


class Cancelled(Exception):
    """The user cancelled the operation; nothing of it was saved."""


@dataclass(frozen=True, slots=True)
class ProgressState:
    done: int
    total: int  # 0 while unknown
    text: str


class Progress:
    """Shared by the thread doing the work and the one showing it (reads are atomic)."""

    def __init__(self) -> None:
        self._cancel = threading.Event()
        self._state = ProgressState(0, 0, "")

    @property
    def state(self) -> ProgressState:
        return self._state

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def step(self, done: int, total: int | None = None, text: str | None = None) -> None:
        """Report how far the work is; raises ``Cancelled`` once the user asked to stop."""
        old = self._state
        self._state = ProgressState(
            done, old.total if total is None else total, old.text if text is None else text
        )
        self.check()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()
