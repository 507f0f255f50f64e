"""Issue 19: the desktop files agree with each other and with the app, and the launcher
installs for the current user and goes again without touching the data."""

from __future__ import annotations

import configparser
import os
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from trustdesk import __version__
from trustdesk.ui.application import DESKTOP_ID, ICON_SIZES

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
ICONS = ROOT / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def _entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  (keys keep their case)
    parser.read(PACKAGING / f"{DESKTOP_ID}.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_icon_is_drawn_at_every_size():
    for size in PNG_SIZES:
        assert _png_size(ICONS / f"trustdesk-{size}.png") == (size, size)
    assert set(ICON_SIZES) <= set(PNG_SIZES)
    assert (PACKAGING / "icons" / "trustdesk.ico").read_bytes()[:4] == b"\0\0\1\0"
    assert (PACKAGING / "icons" / "trustdesk.icns").read_bytes()[:4] == b"icns"


def test_desktop_entry_and_metainfo_agree_with_the_app():
    entry = _entry()
    assert entry["Type"] == "Application" and entry["Name"] == "TrustDesk"
    assert entry["Icon"] == DESKTOP_ID
    assert entry["Exec"] == "TrustDesk"  # install-desktop.sh writes the absolute path
    assert entry["StartupWMClass"] == "TrustDesk"  # X11: the window's class, the app name
    assert "Office;" in entry["Categories"]

    meta = ET.parse(PACKAGING / f"{DESKTOP_ID}.metainfo.xml").getroot()
    assert meta.findtext("id") == DESKTOP_ID
    assert meta.findtext("launchable") == f"{DESKTOP_ID}.desktop"
    releases = [r.get("version") for r in meta.iter("release")]
    assert releases[0] == __version__, "add this version to the metainfo's <releases>"


def _install(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"HOME": str(home), "PATH": os.environ["PATH"]}
    return subprocess.run(
        ["bash", str(PACKAGING / "install-desktop.sh"), *args],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_install_desktop_puts_the_launcher_and_icon_in_place_and_takes_them_away(tmp_path):
    home = tmp_path / "home"
    folder = tmp_path / "My Apps" / "TrustDesk"  # a space in the path, as people name folders
    folder.mkdir(parents=True)
    program = folder / "TrustDesk"
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    data = home / ".local" / "share" / "TrustDesk"
    data.mkdir(parents=True)
    (data / "trustdesk.sqlite3").write_bytes(b"the user's data")

    done = _install(home, "--exec", str(program))
    assert done.returncode == 0, done.stderr
    share = home / ".local" / "share"
    desktop = (share / "applications" / f"{DESKTOP_ID}.desktop").read_text("utf-8")
    assert f'\nExec="{program}"\n' in desktop
    assert f'\nExec="{program}" demo --open\n' in desktop  # the demo action
    assert f"\nTryExec={program}\n" in desktop
    for size in PNG_SIZES:
        icon = share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{DESKTOP_ID}.png"
        assert icon.read_bytes() == (ICONS / f"trustdesk-{size}.png").read_bytes()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / f"{DESKTOP_ID}.svg").is_file()
    assert (share / "metainfo" / f"{DESKTOP_ID}.metainfo.xml").is_file()
    assert (home / ".local" / "bin" / "trustdesk").resolve() == program

    gone = _install(home, "--uninstall")
    assert gone.returncode == 0, gone.stderr
    assert not (share / "applications" / f"{DESKTOP_ID}.desktop").exists()
    assert not list((share / "icons").rglob(f"{DESKTOP_ID}.*"))
    assert not (home / ".local" / "bin" / "trustdesk").exists()
    assert (data / "trustdesk.sqlite3").read_bytes() == b"the user's data"
    assert str(data) in gone.stdout  # says where the data stays


def test_install_desktop_refuses_a_missing_program(tmp_path):
    done = _install(tmp_path / "home", "--exec", str(tmp_path / "nothing" / "TrustDesk"))
    assert done.returncode == 1 and "build the bundle first" in done.stderr
