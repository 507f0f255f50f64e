"""Helpers for the fault suite: worker processes, a read-only folder or file."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def start(*args: str) -> subprocess.Popen[str]:
    """``python -m tests.faults.workers …`` in this checkout."""
    return subprocess.Popen(
        [sys.executable, "-m", "tests.faults.workers", *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )


def result(proc: subprocess.Popen[str], timeout: float = 120) -> dict:
    out, err = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, err
    return json.loads(out.strip().splitlines()[-1])


def _run(*cmd: str) -> bool:
    return subprocess.run(cmd, capture_output=True).returncode == 0


@contextmanager
def read_only(target: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Make ``target`` (a folder or a file) unwritable, even for root; yields how.

    1. a read-only bind mount of the folder over itself (as a USB stick or a mounted backup);
    2. else ``chattr +i`` (immutable: root cannot write it either);
    3. else, for an unprivileged user, ``chmod`` — or a patched writability probe as a last
       resort (then SQLite itself could still write; the tests say which was used).
    """
    if (
        target.is_dir()
        and shutil.which("mount")
        and _run("mount", "--bind", str(target), str(target))
    ):
        if _run("mount", "-o", "remount,ro,bind", str(target)):
            try:
                yield "bind mount"
            finally:
                _run("umount", str(target))
            return
        _run("umount", str(target))
    if shutil.which("chattr") and _run("chattr", "+i", str(target)):
        try:
            yield "chattr +i"
        finally:
            _run("chattr", "-i", str(target))
        return
    if os.geteuid() != 0:
        mode = target.stat().st_mode
        target.chmod(0o555 if target.is_dir() else 0o444)
        try:
            yield "chmod"
        finally:
            target.chmod(mode)
        return
    real = os.access
    monkeypatch.setattr(
        os,
        "access",
        lambda p, m, **kw: False if Path(p) == target and m & os.W_OK else real(p, m, **kw),
    )
    yield "patched os.access"
