"""Refresh the Chinese translation: collect tr() strings into the .ts, then compile the .qm.

Run after changing user-visible strings:  .venv/bin/python packaging/update_translations.py
Then translate the new entries in resources/i18n/trustdesk_zh_CN.ts (Qt Linguist:
``.venv/bin/pyside6-linguist``) and run it again. The .qm is committed; a test checks it is
current and that nothing is left untranslated.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "i18n" / "trustdesk_zh_CN.ts"
QM = TS.with_suffix(".qm")


def tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found; install PySide6 (bash packaging/setup.sh test)")
    return found


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "trustdesk" / "ui").rglob("*.py"))


def update_ts() -> None:
    subprocess.run(
        [tool("pyside6-lupdate"), *sources(), "-no-obsolete", "-locations", "none",
         "-source-language", "en", "-target-language", "zh_CN", "-ts", str(TS)],
        cwd=ROOT, check=True,
    )  # fmt: skip


def compile_qm(ts: Path = TS, qm: Path = QM) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


if __name__ == "__main__":
    update_ts()
    compile_qm()
    print(f"updated {TS.relative_to(ROOT)} and {QM.relative_to(ROOT)}")
