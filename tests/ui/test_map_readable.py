"""A map you can read (issue 10): links never pass under a third person's box, small maps
are laid out wide, the view opens at a legible zoom on the people who matter."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLineF, QPointF, QRectF

from trustdesk.demo.generator import generate
from trustdesk.reports.map_drawing import MapDrawing, person_box
from trustdesk.services import accounts
from trustdesk.services import relationship_map as rm
from trustdesk.services.relationship_map import MapData
from trustdesk.ui.main_window import MainWindow
from trustdesk.ui.map.tab import MapTab

from ..map_people import make_organisation
from .helpers import settle


def _crosses(a: QPointF, b: QPointF, rect: QRectF) -> bool:
    """Does the segment a–b enter the inside of ``rect``? (Touching its border is not.)"""
    inner = rect.adjusted(0.5, 0.5, -0.5, -0.5)
    if inner.contains(a) or inner.contains(b):
        return True
    line = QLineF(a, b)
    sides = (
        QLineF(inner.topLeft(), inner.topRight()),
        QLineF(inner.topRight(), inner.bottomRight()),
        QLineF(inner.bottomRight(), inner.bottomLeft()),
        QLineF(inner.bottomLeft(), inner.topLeft()),
    )
    return any(
        line.intersects(side)[0] == QLineF.IntersectionType.BoundedIntersection for side in sides
    )


def links_under_boxes(data: MapData) -> list[tuple[str, str, str]]:
    """(link's source, target, the third person it passes under) for every such case."""
    drawing = MapDrawing(data, "zh")
    names = {p.id: p.name for p in data.people}
    boxes = {pid: person_box(QPointF(*xy)) for pid, xy in drawing.positions.items()}
    from trustdesk.reports.map_drawing import map_links

    found = []
    for link, (path, _, _) in zip(map_links(data), drawing.lines, strict=True):
        for polygon in path.toSubpathPolygons():
            points = list(polygon)
            for a, b in zip(points, points[1:]):
                for pid, rect in boxes.items():
                    if pid in (link.source_id, link.target_id):
                        continue
                    if _crosses(a, b, rect):
                        found.append((names[link.source_id], names[link.target_id], names[pid]))
    return found


def test_no_link_passes_under_a_third_box_on_any_demo_map(store):
    store.write(generate, 20, seed=4)
    page = store.read(accounts.list_accounts, limit=100, with_total=False)
    maps = [store.read(rm.load_map, row.id) for row in page.rows]
    assert sum(len(m.edges) for m in maps) > 10
    assert max(len(m.people) for m in maps) >= 40
    for data in maps:
        assert links_under_boxes(data) == [], data.account_name


def test_no_link_passes_under_a_third_box_on_a_generated_forty_person_map(store):
    account_id = store.write(make_organisation, "四十人公司", 40, links=16, seed=3)
    data = store.read(rm.load_map, account_id)
    assert len(data.people) == 40 and len(data.edges) == 16
    assert links_under_boxes(data) == []
