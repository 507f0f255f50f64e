"""Relationship map speed at 300, 1,000 and 2,000 real people against bare rectangles.

Run:  .venv/bin/python -m tests.benchmarks.bench_map [300 1000 2000]
People are made through the services (``tests.map_people``) into a database cached under
/tmp/trustdesk-bench. For each size it prints (a) opening: read the map, build the scene as
the tab opens it (grouped by department past ``GROUP_AFTER`` people, the key departments
open) and paint it once; the same with every department expanded; (b) one frame while
panning over the densest part at 100%, the legible fit zoom and the lowest zoom; each
against a bare scene of one plain rectangle per person at the same places, as a ratio.
Aims (issue 10): open <= 1 s, pan >= 60 fps at any zoom.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView

from trustdesk.reports.map_style import BOX
from trustdesk.services import relationship_map
from trustdesk.services.store import Store, open_store
from trustdesk.ui.application import make_application
from trustdesk.ui.map.scene import GROUP_AFTER, MapScene
from trustdesk.ui.map.tab import MapTab
from trustdesk.ui.map.view import MIN_SCALE, READABLE_SCALE, MapView

from ..map_people import make_organisation
from .bench_ui import _until_painted

SIZES = (300, 1000, 2000)
VIEW = (900, 640)  # the map view inside a 1280x800 window, roughly
CACHE = Path("/tmp/trustdesk-bench")
ZOOMS = (("100%", 1.0), ("fit", READABLE_SCALE), ("lowest", MIN_SCALE))


def fixture(people: int) -> tuple[Store, str]:
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"map-{people}.sqlite3"
    if not path.exists():
        store = open_store(path)
        store.write(make_organisation, f"大客户{people}人", people, seed=5)
        store.close()
    store = open_store(path)
    page = store.read(relationship_map.accounts.list_accounts, limit=1, with_total=False)
    return store, page.rows[0].id


def bare_scene(positions: dict[str, tuple[float, float]]) -> QGraphicsScene:
    scene = QGraphicsScene()
    for x, y in positions.values():
        scene.addRect(QRectF(x, y, BOX.width, BOX.height), QColor("#777777"), QColor("#5EC962"))
    return scene


def densest(positions: dict[str, tuple[float, float]]) -> QPointF:
    """The centre of the 2,000-px square holding the most people."""
    cells: dict[tuple[int, int], int] = {}
    for x, y in positions.values():
        key = (int(x // 2000), int(y // 2000))
        cells[key] = cells.get(key, 0) + 1
    cx, cy = max(cells, key=lambda k: cells[k])
    return QPointF(cx * 2000 + 1000, cy * 2000 + 1000)


def show(app: QApplication, view: QGraphicsView) -> None:
    view.resize(*VIEW)
    view.show()
    _until_painted(app, view)


def pan_frames(app: QApplication, view: QGraphicsView, zoom: float, at: QPointF) -> list[float]:
    view.resetTransform()
    view.scale(zoom, zoom)
    view.centerOn(at)
    app.processEvents()
    view.viewport().repaint()  # the first frame at a zoom fills the caches
    bar = view.horizontalScrollBar()
    start = bar.value()
    samples = []
    for i in range(60):
        t = time.perf_counter()
        bar.setValue(start + (i % 30 - 15) * 12)
        view.viewport().repaint()
        samples.append(time.perf_counter() - t)
    return samples


def measure(app: QApplication, people: int) -> None:
    store, account_id = fixture(people)
    opens: dict[str, list[float]] = {"tab": [], "expanded": [], "bare": []}
    frames: dict[tuple[str, str], list[float]] = {}
    for _ in range(5):
        for kind in ("tab", "expanded"):
            t = time.perf_counter()
            data = store.read(relationship_map.load_map, account_id)
            grouped = len(data.people) > GROUP_AFTER
            collapsed = MapTab._default_collapsed(data) if kind == "tab" and grouped else None
            scene = MapScene()
            scene.build(data, "zh", grouped=grouped, collapsed=collapsed or frozenset())
            view = MapView(scene)
            show(app, view)
            opens[kind].append(time.perf_counter() - t)
            positions = scene.positions()
            at = densest(positions)
            for name, zoom in ZOOMS:
                frames.setdefault((kind, name), []).extend(pan_frames(app, view, zoom, at))
            view.close()
            view.deleteLater()
            app.processEvents()
        t = time.perf_counter()
        bare = QGraphicsView(bare_scene(positions))
        show(app, bare)
        opens["bare"].append(time.perf_counter() - t)
        for name, zoom in ZOOMS:
            frames.setdefault(("bare", name), []).extend(pan_frames(app, bare, zoom, at))
        bare.close()
        bare.deleteLater()
        app.processEvents()
    store.close()

    def ms(xs: list[float]) -> float:
        return statistics.median(xs) * 1e3

    def p95(xs: list[float]) -> float:
        return sorted(xs)[int(len(xs) * 0.95)] * 1e3

    b_open = ms(opens["bare"])
    print(f"\n{people} people (view {VIEW[0]}x{VIEW[1]}, offscreen raster; median of 5)")
    for kind, label in (("tab", "as the tab opens it"), ("expanded", "all expanded")):
        m = ms(opens[kind])
        print(f"  open, {label:20s} {m:7.1f} ms (p95 {p95(opens[kind]):7.1f})   bare "
              f"{b_open:6.1f} ms   ratio {m / b_open:5.2f}   (aim <= 1000 ms)")  # fmt: skip
    for name, _ in ZOOMS:
        b = ms(frames[("bare", name)])
        for kind in ("tab", "expanded"):
            f = ms(frames[(kind, name)])
            print(f"  pan at {name:6s} {kind:8s} {f:6.2f} ms/frame ({1e3 / f:5.0f} fps, p95 "
                  f"{1e3 / p95(frames[(kind, name)]):5.0f} fps)   bare {b:5.2f} ms "
                  f"({1e3 / b:5.0f} fps)   ratio {f / b:5.2f}   (aim >= 60 fps)")  # fmt: skip


def main() -> None:
    app = make_application()
    sizes = [int(a) for a in sys.argv[1:]] or list(SIZES)
    print(f"load: {os.getloadavg()[0]:.2f} (2 cores shared)")
    for people in sizes:
        measure(app, people)


if __name__ == "__main__":
    main()
