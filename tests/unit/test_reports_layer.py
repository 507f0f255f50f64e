"""``reports/`` draws pictures and documents; interaction (mouse, signals, widgets) is ``ui/``'s.

Guards the map scene split (issue 8): a report writer or the CLI can draw a map without
widgets, and the map tab's interactive scene cannot creep back into ``reports/``.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import trustdesk

REPORTS = Path(trustdesk.__file__).parent / "reports"
FORBIDDEN_MODULES = ("PySide6.QtWidgets", "trustdesk.ui")
FORBIDDEN_NAMES = {
    "Signal",
    "Slot",
    "QApplication",
    "QWidget",
    "QGraphicsScene",
    "QGraphicsObject",
    "QGraphicsItem",
    "ItemIsMovable",
    "ItemIsSelectable",
    "ItemIsFocusable",
}
EVENT_HANDLER = re.compile(r"^(mouse|key|wheel|hover|drag|drop|focus|contextMenu)\w*Event$")


def interaction_in(source: str) -> list[str]:
    """What in ``source`` belongs to interaction, as "line: what" strings."""
    found = []
    for node in ast.walk(ast.parse(source)):
        modules: list[str] = []
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            modules = [node.module or ""]
            found += [
                f"{node.lineno}: imports {a.name}" for a in node.names if a.name in FORBIDDEN_NAMES
            ]
        found += [f"{node.lineno}: imports {m}" for m in modules if m.startswith(FORBIDDEN_MODULES)]
        name = None
        if isinstance(node, ast.Name):
            name = node.id
        elif isinstance(node, ast.Attribute):
            name = node.attr
        if name in FORBIDDEN_NAMES:
            found.append(f"{node.lineno}: uses {name}")
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and (
            EVENT_HANDLER.match(node.name) or node.name == "itemChange"
        ):
            found.append(f"{node.lineno}: handles {node.name}")
    return found


def test_the_check_recognises_an_interactive_item():
    source = textwrap.dedent(
        """
        from PySide6.QtCore import Signal
        from PySide6.QtWidgets import QGraphicsObject, QGraphicsItem

        class Node(QGraphicsObject):
            moved = Signal(dict)

            def __init__(self):
                self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsMovable)

            def mouseReleaseEvent(self, event):
                pass
        """
    )
    found = " | ".join(interaction_in(source))
    for expected in ("imports Signal", "PySide6.QtWidgets", "ItemIsMovable", "mouseReleaseEvent"):
        assert expected in found


def test_reports_hold_no_interaction():
    modules = sorted(REPORTS.glob("*.py"))
    assert REPORTS / "map_export.py" in modules
    found = [
        f"{path.name}:{hit}"
        for path in modules
        for hit in interaction_in(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_a_script_exports_a_map_without_widgets(tmp_path):
    """What the CLI and report writers do: no QApplication, no QtWidgets; Chinese still has
    a CJK font (else names would print as boxes)."""
    script = textwrap.dedent(
        f"""
        import os, sys
        from pathlib import Path
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from trustdesk.reports.map_export import export_map
        from trustdesk.reports.qt_runtime import CJK_FAMILIES
        from trustdesk.services import accounts, contacts, relationship_map
        from trustdesk.services.store import open_store

        store = open_store(Path({str(tmp_path / "m.sqlite3")!r}))
        acc = store.write(accounts.create_account, "深圳华科电子有限公司")
        boss = store.write(contacts.create_contact, acc.id, "张三", roles=["decision-maker"])
        store.write(contacts.create_contact, acc.id, "Margaret", reports_to_id=boss.id)
        data = store.read(relationship_map.load_map, acc.id)
        out = export_map(data, Path({str(tmp_path / "map.png")!r}), lang="zh")
        store.close()
        from PySide6.QtGui import QGuiApplication
        app = QGuiApplication.instance()
        print(out.stat().st_size > 0, type(app).__name__, "PySide6.QtWidgets" in sys.modules,
              app.font().family() in CJK_FAMILIES)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(trustdesk.__file__).parent.parent,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "QGuiApplication", "False", "True"]
