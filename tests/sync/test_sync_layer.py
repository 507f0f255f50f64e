"""``trustdesk/sync`` sits beside ``services/``: it uses the store and the services that
derive per-laptop data (the search index, visit plans) for pulled records, and never imports
Qt, the GUI, the CLI or the reports, so a sync can run in any worker or CLI."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import trustdesk

SYNC = Path(trustdesk.__file__).parent / "sync"
ABOVE = ("PySide6", "trustdesk.ui", "trustdesk.cli", "trustdesk.reports")


def _imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names.append(node.module or "")
    return names


def test_sync_imports_nothing_above_it():
    found = {
        f"{path.name}: {name}"
        for path in sorted(SYNC.glob("*.py"))
        for name in _imports(path)
        if name.startswith(ABOVE)
    }
    assert found == set()


def test_loading_the_server_module_loads_no_qt():
    code = (
        "import sys, trustdesk.sync.server; "
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'trustdesk.ui'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
