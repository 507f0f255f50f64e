"""The built desktop bundle, run as a salesperson's machine would run it.

``bash packaging/build.sh --check`` builds ``dist/TrustDesk`` and runs these tests (they are
left out of the default run: pyproject's ``--ignore=tests/bundle``; naming the folder runs
them). The bundle is copied to an empty folder and every program is started with a clean
environment: no virtual environment or Python on PATH, no PYTHONPATH, a fresh HOME, so
nothing of the build machine's Python set-up can help it. The figures measured on the way
(size, build time, cold start against the venv) are printed at the end.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIGURES: dict[str, str] = {}
SYSTEM_PATH = "/usr/bin:/bin"  # no venv, no ~/.local/bin
# Where the screenshots taken from the bundle are kept to be looked at.
SHOTS = Path(os.environ.get("TRUSTDESK_BUNDLE_SHOTS", ROOT / "dist" / "bundle-shots"))


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the built bundle in an otherwise empty folder."""
    source = Path(os.environ.get("TRUSTDESK_BUNDLE", ROOT / "dist" / "TrustDesk"))
    if not (source / "TrustDesk").is_file():
        pytest.fail(f"no bundle at {source}: build it with 'bash packaging/build.sh'")
    place = tmp_path_factory.mktemp("empty") / "TrustDesk"
    shutil.copytree(source, place, symlinks=True)
    FIGURES["bundle folder"] = f"{folder_size(place) / 2**20:.0f} MB"
    SHOTS.mkdir(parents=True, exist_ok=True)
    return place


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """What a desktop session gives a program it starts, and nothing from the build."""
    env = {"HOME": str(home), "PATH": SYSTEM_PATH, "LANG": "C.UTF-8", "TZ": "UTC"}
    env.update(extra)
    return env


def data_dir(home: Path) -> Path:
    return home / ".local" / "share" / "TrustDesk"


Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run(bundle: Path, home: Path, tmp_path: Path) -> Run:
    """``run(*args, env=…, timeout=…)``: the bundle's program in a clean environment, from an
    empty working folder."""
    cwd = tmp_path / "cwd"
    cwd.mkdir()

    def go(
        *args: str, env: dict[str, str] | None = None, timeout: float = 120
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(bundle / "TrustDesk"), *args],
            cwd=cwd,
            env=clean_env(home, **(env or {})),
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )

    return go


def qt_warnings(home: Path) -> list[str]:
    """Qt's warnings that reached the log (the app routes Qt's messages there)."""
    log = data_dir(home) / "logs" / "trustdesk.log"
    if not log.exists():
        return []
    return [
        line
        for line in log.read_text("utf-8").splitlines()
        if " trustdesk.qt: " in line and (" WARNING " in line or " ERROR " in line)
    ]


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not FIGURES:
        return
    terminalreporter.section("TrustDesk bundle figures")
    for name, value in FIGURES.items():
        terminalreporter.write_line(f"{name:38} {value}")
    terminalreporter.write_line(f"{'screenshots to look at':38} {SHOTS}")
