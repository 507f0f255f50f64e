"""The installed app (a wheel, not the source checkout) finds its migrations and resources."""

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_installs_and_upgrades_a_new_database(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist)],
        cwd=ROOT, check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    (wheel,) = dist.glob("trustdesk-*.whl")

    # A fresh environment: its own site-packages holds only the wheel; the dependencies
    # (PySide6 is large) come from this interpreter's site-packages through a .pth line, which
    # does not process that folder's own .pth files (so no editable install leaks in).
    env_dir = tmp_path / "fresh"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    site = Path(
        subprocess.check_output(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True
        ).strip()
    )
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [python, "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "TRUSTDESK_DB")}
    where = subprocess.run(
        [python, "-c", "import trustdesk.paths as p; print(p.shipped_dir('migrations'))"],
        cwd=outside, env=env, capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    assert Path(where).is_relative_to(env_dir), where
    assert (Path(where) / "versions").is_dir()
    assert (Path(where).parent / "resources" / "i18n" / "trustdesk_zh_CN.qm").is_file()

    db = outside / "new.sqlite3"
    proc = subprocess.run(
        [env_dir / "bin" / "trustdesk", "--db", str(db), "db", "upgrade"],
        cwd=outside, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "schema upgraded" in proc.stdout
    check = subprocess.run(
        [env_dir / "bin" / "trustdesk", "--db", str(db), "db", "check"],
        cwd=outside, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert check.returncode == 0, check.stderr
