"""Issue 19: the bundle runs on a machine with no Python set-up, as a desktop app does.

Each test starts the copied bundle with a clean environment (see conftest): the commands a
salesperson or a support person types, the window on a real (virtual) X display, Chinese
with no CJK font installed, and an old database opened by the new bundle.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import statistics
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest
from alembic import command

from trustdesk import __version__
from trustdesk.db.engine import make_engine
from trustdesk.db.migrate import alembic_config, head_revision

from .conftest import FIGURES, ROOT, SHOTS, Run, clean_env, data_dir, qt_warnings

pytestmark = pytest.mark.bundle

# Qt plugins for desktops the build machine lacks: Qt loads them only where their libraries
# are installed, so their missing libraries are not the bundle's (none at the moment: the
# GTK 3 theme is left out by the spec).
OPTIONAL_PLUGINS: tuple[str, ...] = ()


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def test_version_runs_without_python(bundle: Path, run: Run):
    done = run("--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"trustdesk {__version__}"
    assert not (bundle / "python").exists() and not list(bundle.glob("python3*"))


def test_the_licences_of_what_it_carries_are_beside_it(bundle: Path):
    """Qt is used under the LGPL: its notice and text travel with the program, as do the
    licence files of every other library bundled and of Python itself."""
    listing = (bundle / "licenses" / "THIRD-PARTY.txt").read_text(encoding="utf-8")
    for name in (
        "PySide6_Essentials",
        "shiboken6",
        "sqlcipher3",
        "psycopg-binary",
        "SQLAlchemy",
        "cryptography",
        "numpy",
        "Python",
    ):
        assert f"{name} " in listing, name
        assert any((bundle / "licenses" / name).iterdir()), name
    assert "LGPL-3.0" in listing
    lgpl = (bundle / "licenses" / "PySide6_Essentials" / "LGPL-3.0.txt").read_text()
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in lgpl
    assert (bundle / "licenses" / "sqlcipher3" / "LICENSE").is_file()


def test_libraries_come_from_the_bundle_or_the_desktop(bundle: Path):
    """Every library the program and its Qt plugins need is in the bundle or is one a
    desktop always has (C library, OpenGL, X, fontconfig…); none is missing."""
    system: set[str] = set()
    missing: list[str] = []
    elves = [bundle / "TrustDesk"] + [
        p for p in (bundle / "_internal").rglob("*.so*") if p.is_file() and not p.is_symlink()
    ]
    # As the program's loader finds them: its own folder first (the bootloader sets it).
    env = dict(os.environ, LD_LIBRARY_PATH=str(bundle / "_internal"))
    for elf in elves:
        out = subprocess.run(["ldd", str(elf)], capture_output=True, text=True, env=env).stdout
        for line in out.splitlines():
            name, _, where = line.strip().partition(" => ")
            if "not found" in where:
                if elf.name not in OPTIONAL_PLUGINS:
                    missing.append(f"{elf.relative_to(bundle)} needs {name}")
            elif where.startswith("/") and not where.startswith(str(bundle)):
                system.add(name)
    FIGURES["libraries taken from the system"] = " ".join(sorted(system))
    assert not missing, "\n".join(missing)


def test_demo_search_and_encryption(run: Run, home: Path, tmp_path: Path):
    done = run("demo")
    assert done.returncode == 0, done.stderr
    assert "Added 120 demo customers" in done.stdout
    assert (data_dir(home) / "trustdesk.sqlite3").is_file()

    # Chinese, pinyin (pypinyin's data) and traditional characters (opencc's table).
    for query in ("张", "zhang", "張"):
        found = run("search", query)
        assert found.returncode == 0, found.stderr
        assert re.search(r"\s张\S", found.stdout), (query, found.stdout[:500])

    secret = tmp_path / "secret.sqlite3"
    assert run("--db", str(secret), "demo", "--accounts", "10").returncode == 0
    passphrase = {"TRUSTDESK_PASSPHRASE": "a long passphrase 密码"}
    done = run("--db", str(secret), "db", "encrypt", env=passphrase)
    assert done.returncode == 0, done.stderr
    assert not secret.read_bytes().startswith(b"SQLite format 3")  # SQLCipher's pages
    listed = run("--db", str(secret), "accounts", "list", "--json", env=passphrase)
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) == 10
    refused = run("--db", str(secret), "accounts", "list")  # no passphrase, no terminal
    assert refused.returncode != 0
    assert "passphrase" in refused.stderr.lower() and "Traceback" not in refused.stderr
    # The OS keyring: no Secret Service in this bare session, so it says so, in a sentence.
    remember = run("--db", str(secret), "db", "remember", "on", env=passphrase)
    assert "Traceback" not in remember.stderr + remember.stdout
    assert remember.returncode in (0, 1, 2)


def test_screenshots_offscreen(run: Run, home: Path):
    assert run("demo").returncode == 0
    for view, lang in (("customers", "zh"), ("customers", "en"), ("about", "zh")):
        out = SHOTS / f"{view}-{lang}.png"
        done = run(
            "screenshot", view, "--out", str(out), "--lang", lang,
            env={"QT_QPA_PLATFORM": "offscreen"},
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        width, height = png_size(out)
        assert width >= 300 and height >= 150
    # The offscreen platform cannot resize a window's frame; that notice is not a fault.
    assert [w for w in qt_warnings(home) if "propagateSizeHints" not in w] == []


def test_chinese_renders_with_no_cjk_font_installed(run: Run, home: Path, tmp_path: Path):
    """A machine without any font (fontconfig given an empty configuration): the app uses
    the font it ships, so Chinese is drawn, not boxes (look at the screenshot)."""
    assert run("demo").returncode == 0
    config = tmp_path / "no-fonts.conf"
    config.write_text('<?xml version="1.0"?>\n<fontconfig></fontconfig>\n')
    out = SHOTS / "customers-zh-no-system-fonts.png"
    done = run(
        "screenshot", "customers", "--out", str(out), "--lang", "zh",
        env={"QT_QPA_PLATFORM": "offscreen", "FONTCONFIG_FILE": str(config)},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    log = (data_dir(home) / "logs" / "trustdesk.log").read_text("utf-8")
    assert "using the one shipped with TrustDesk (WenQuanYi Micro Hei)" in log
    assert "no CJK font found" not in log


class Xvfb:
    """A virtual X display whose screen is readable as a picture (-fbdir: an XWD file)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        read, write = os.pipe()
        self.process = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", "1400x900x24",
             "-fbdir", str(folder), "-nolisten", "tcp", "-noreset"],
            pass_fds=(write,), stderr=subprocess.DEVNULL,
        )  # fmt: skip
        os.close(write)
        with os.fdopen(read) as pipe:
            self.display = f":{pipe.readline().strip()}"

    def screen(self) -> tuple[int, int, bytes]:
        """Width, height and the 32-bit pixels (XWD, ZPixmap, 24-bit depth)."""
        data = (self.folder / "Xvfb_screen0").read_bytes()
        fields = struct.unpack(">25I", data[:100])
        header_size, width, height = fields[0], fields[4], fields[5]
        bytes_per_line, colours = fields[12], fields[19]
        start = header_size + 12 * colours
        return width, height, data[start : start + bytes_per_line * height]

    def save(self, out: Path) -> None:
        from PySide6.QtGui import QImage

        width, height, pixels = self.screen()
        image = QImage(pixels, width, height, width * 4, QImage.Format.Format_RGB32)
        assert image.copy().save(str(out), "PNG")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def test_window_starts_under_xvfb_with_no_qt_warnings(bundle: Path, home: Path, tmp_path):
    """The launcher's "Open the demo database" (demo --open) on an X display: the window
    shows the customers and Qt says nothing (no missing plugin, library or font)."""
    fb = tmp_path / "fb"
    fb.mkdir()
    xvfb = Xvfb(fb)
    app = None
    try:
        blank = xvfb.screen()[2]
        env = clean_env(home, DISPLAY=xvfb.display)
        app = subprocess.Popen(
            [str(bundle / "TrustDesk"), "demo", "--open"], env=env, cwd=tmp_path,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        started = time.monotonic()
        last, stable_since, first_paint = blank, None, None
        while time.monotonic() - started < 90 and app.poll() is None:
            time.sleep(0.1)
            now = xvfb.screen()[2]
            if now != blank and first_paint is None:
                first_paint = time.monotonic() - started
            if now != last:
                last, stable_since = now, time.monotonic()
            elif now != blank and stable_since and time.monotonic() - stable_since > 2.0:
                break  # painted, and nothing changed for two seconds: started
        assert app.poll() is None, app.communicate()[1]
        assert first_paint is not None, "nothing was drawn on the display"
        FIGURES["window on Xvfb: demo made, first paint"] = f"{first_paint:.1f} s"
        xvfb.save(SHOTS / "window-xvfb.png")
    finally:
        if app is not None and app.poll() is None:
            app.terminate()
        err = app.communicate(timeout=20)[1] if app is not None else ""
        xvfb.stop()
    with sqlite3.connect(data_dir(home) / "demo.sqlite3") as conn:  # made, then shown
        assert conn.execute("SELECT count(*) FROM account").fetchone()[0] == 120
    conn.close()
    assert not (data_dir(home) / "trustdesk.sqlite3").exists()  # the user's own: untouched
    assert err.strip() == "", err
    assert qt_warnings(home) == []


def _database_at_first_release(path: Path) -> str:
    """A database as the earliest schema (0001) made it, with one customer in it: what a
    salesperson's laptop holds from the first version. Returns the customer's id."""
    engine = make_engine(path)
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
    engine.dispose()
    customer = "01JAAAAAAAAAAAAAAAAAAAAAAA"
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO account (id, name, sort_key, kind, industry, region, address, phone,"
            " website, owner, notes, stage, do_not_serve, do_not_serve_reason, created_at,"
            " updated_at) VALUES (?, '老客户贸易有限公司', 'laokehu', 'company', '', '上海', '',"
            " '', '', '', '第一版留下的客户', 'repeat', 0, '', '2024-01-02 03:04:05',"
            " '2024-01-02 03:04:05')",
            (customer,),
        )
    conn.close()
    return customer


def test_a_newer_bundle_upgrades_an_older_database_in_place(run: Run, home: Path, tmp_path):
    """No earlier release is tagged yet, so the older version is simulated by the earliest
    migration: the bundle opens the file, backs it up, migrates it and keeps the customer."""
    old = tmp_path / "laptop.sqlite3"
    customer = _database_at_first_release(old)
    listed = run("--db", str(old), "accounts", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert [(a["id"], a["name"]) for a in json.loads(listed.stdout)] == [
        (customer, "老客户贸易有限公司")
    ]
    with sqlite3.connect(old) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == (
            head_revision()
        )
    conn.close()
    backups = list((data_dir(home) / "backups").glob("laptop-*-upgrade-0001.sqlite3"))
    assert len(backups) == 1, sorted(p.name for p in (data_dir(home) / "backups").iterdir())
    with sqlite3.connect(backups[0]) as conn:  # the backup is the file as it was
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
        assert conn.execute("SELECT name FROM account").fetchall() == [("老客户贸易有限公司",)]
    conn.close()
    check = run("--db", str(old), "db", "check")
    assert check.returncode == 0, check.stdout + check.stderr


def _median_seconds(commands: dict[str, list[str]], env: dict[str, str], repeat: int):
    """Seconds from start to exit per command, median of ``repeat`` interleaved runs after one
    warm-up each (file cache and bytecode caches, as an installed app has them)."""
    runs: dict[str, list[float]] = {kind: [] for kind in commands}
    for warm_up in (True, *([False] * repeat)):
        for kind, cmd in commands.items():
            started = time.perf_counter()
            subprocess.run(cmd, env=env, check=True, capture_output=True, timeout=120)
            if not warm_up:
                runs[kind].append(time.perf_counter() - started)
    return {kind: statistics.median(times) for kind, times in runs.items()}


def test_size_and_cold_start_against_the_venv(bundle: Path, run: Run, home: Path, tmp_path):
    archive = os.environ.get("TRUSTDESK_BUNDLE_ARCHIVE")
    if archive and Path(archive).is_file():
        FIGURES["bundle .tar.gz"] = f"{Path(archive).stat().st_size / 2**20:.0f} MB ({archive})"
    seconds = ROOT / "dist" / "build-seconds"
    if seconds.is_file():
        FIGURES["build time"] = f"{seconds.read_text().strip()} s"

    db = tmp_path / "cold.sqlite3"
    assert run("--db", str(db), "demo").returncode == 0
    shot = str(tmp_path / "shot.png")
    env = clean_env(home, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    venv = [sys.executable, "-m", "trustdesk"]
    exe = [str(bundle / "TrustDesk")]
    measures = {
        "--version": ["--version"],
        "window painted (screenshot --when window)": [
            "--db", str(db), "screenshot", "customers", "--out", shot, "--when", "window"],
        "first page painted (--when data)": [
            "--db", str(db), "screenshot", "customers", "--out", shot, "--when", "data"],
    }  # fmt: skip
    commands = {}
    for name, args in measures.items():
        commands[f"bundle {name}"] = exe + args
        commands[f"venv {name}"] = venv + args
    median = _median_seconds(commands, env, repeat=5)
    ratios = {}
    for name in measures:
        ours, theirs = median[f"bundle {name}"], median[f"venv {name}"]
        ratios[name] = ours / theirs
        FIGURES[f"cold start {name}"] = (
            f"bundle {ours * 1e3:.0f} ms, venv {theirs * 1e3:.0f} ms, "
            f"ratio {ours / theirs:.2f} (aim <= 1.5)"
        )
    assert ratios["window painted (screenshot --when window)"] <= 1.5, FIGURES
