"""Relationship map speed: 300 people and 400 links against a bare scene of 300 rectangles.

Run:  .venv/bin/python -m tests.benchmarks.bench_map
Prints (a) build scene + first paint, (b) time per frame while panning at 100% zoom, for
the map and for the baseline, with ratios. Aims (issue 5): open <= 500 ms, pan >= 30 fps.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from datetime import UTC, datetime

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView

from trustdesk.domain.coverage import coverage_risks, relationship_scope
from trustdesk.domain.enums import Attitude, BuyingRole, EdgeKind, RelationshipLevel
from trustdesk.reports.map_style import BOX
from trustdesk.services.records import ContactData
from trustdesk.services.relationship_map import CoverageData, EdgeData, MapData
from trustdesk.ui.application import make_application
from trustdesk.ui.map.scene import MapScene
from trustdesk.ui.map.view import MapView

from .bench_ui import _until_painted

PEOPLE, LINKS = 300, 400
SIZE = (1400, 900)


def synthetic_map(seed: int = 1) -> MapData:
    rng = random.Random(seed)
    now = datetime.now(UTC)
    people = []
    for i in range(PEOPLE):
        boss = f"p{rng.randrange(i)}" if i and rng.random() < 0.9 else None
        people.append(
            ContactData(
                id=f"p{i}", account_id="a", name=f"联系人{i:03d}", pinyin="", title="采购经理",
                department=f"部门{i % 9}", phone="", mobile="", email="", wechat="",
                birthday=None, family_notes="", education_notes="", notes="",
                reports_to_id=boss, departed=rng.random() < 0.05, departed_at=None,
                level=rng.choice(list(RelationshipLevel)), target_level=None, depth=None,
                attitude=rng.choice(list(Attitude)),
                roles=tuple(rng.sample(list(BuyingRole), rng.randint(0, 2))),
                is_placeholder=False, created_at=now, updated_at=now,
            )
        )  # fmt: skip
    edges = []
    for n in range(LINKS):
        a, b = rng.sample(range(PEOPLE), 2)
        kind = EdgeKind.INFLUENCES if n % 2 else EdgeKind.KNOWS
        edges.append(EdgeData(f"e{n}", "a", f"p{a}", f"p{b}", kind, ""))
    coverage = CoverageData(relationship_scope(people), tuple(coverage_risks(people)))
    return MapData("a", "基准客户", people, edges, {}, coverage)


def bare_scene(data: MapData, positions: dict[str, tuple[float, float]]) -> QGraphicsScene:
    scene = QGraphicsScene()
    for person in data.people:
        x, y = positions[person.id]
        scene.addRect(QRectF(x, y, BOX.width, BOX.height), QColor("#777777"), QColor("#5EC962"))
    return scene


def bare_scene_with_lines(
    data: MapData, positions: dict[str, tuple[float, float]]
) -> QGraphicsScene:
    """The same rectangles plus one plain line per link: shows what the links cost."""
    scene = bare_scene(data, positions)
    centre = {pid: (x + BOX.width / 2, y + BOX.height / 2) for pid, (x, y) in positions.items()}
    pairs = [(p.id, p.reports_to_id) for p in data.people if p.reports_to_id]
    pairs += [(e.source_id, e.target_id) for e in data.edges]
    for a, b in pairs:
        scene.addLine(*centre[a], *centre[b], QColor("#555555"))
    return scene


def open_time(app: QApplication, make_scene, view_cls) -> tuple[float, QGraphicsView]:
    t = time.perf_counter()
    scene = make_scene()
    view = view_cls(scene)
    view.resize(*SIZE)
    view.show()
    _until_painted(app, view)
    return time.perf_counter() - t, view


def pan_frame_time(app: QApplication, view: QGraphicsView, frames: int = 60) -> float:
    view.resetTransform()
    bar = view.horizontalScrollBar()
    bar.setValue(bar.minimum())
    app.processEvents()
    samples = []
    for i in range(frames):
        t = time.perf_counter()
        bar.setValue(bar.minimum() + (i + 1) * 25)
        view.viewport().repaint()
        samples.append(time.perf_counter() - t)
    return statistics.median(samples)


def main() -> None:
    app = make_application()
    data = synthetic_map()
    probe = MapScene()
    probe.build(data, "zh")
    positions = probe.positions()

    def ours_scene() -> MapScene:
        scene = MapScene()
        scene.build(data, "zh")
        return scene

    results = {}
    for name, make, view_cls in (
        ("map", ours_scene, MapView),
        ("bare", lambda: bare_scene(data, positions), QGraphicsView),
        ("lines", lambda: bare_scene_with_lines(data, positions), QGraphicsView),
    ):
        opens, frames = [], []
        for _ in range(5):
            elapsed, view = open_time(app, make, view_cls)
            opens.append(elapsed)
            frames.append(pan_frame_time(app, view))
            view.close()
            view.deleteLater()
            app.processEvents()
        results[name] = (statistics.median(opens), statistics.median(frames))
    (m_open, m_frame), (b_open, b_frame) = results["map"], results["bare"]
    print(f"{PEOPLE} people, {LINKS} links, view {SIZE[0]}x{SIZE[1]}, offscreen raster")
    print(f"(a) build + first paint: map {m_open * 1e3:6.1f} ms   bare rects {b_open * 1e3:6.1f} ms"
          f"   ratio {m_open / b_open:.2f}   (aim: map <= 500 ms)")  # fmt: skip
    print(f"(b) pan frame:           map {m_frame * 1e3:6.2f} ms ({1 / m_frame:5.0f} fps)   bare "
          f"{b_frame * 1e3:6.2f} ms ({1 / b_frame:5.0f} fps)   ratio {m_frame / b_frame:.2f}"
          "   (aim: >= 30 fps)")  # fmt: skip
    l_open, l_frame = results["lines"]
    print(f"    for reference, bare rects + {len(data.edges) + PEOPLE - 1} plain lines: open "
          f"{l_open * 1e3:.1f} ms, pan frame {l_frame * 1e3:.2f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
