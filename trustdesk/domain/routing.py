"""Routing a map's links around the boxes that are not their ends (issue 10).

A line passing under a third person's box reads as a chain through them, so every link is
an orthogonal path that keeps to free space. Boxes are gathered into horizontal *bands*
(the union of their heights); between two bands lies a *channel* no box touches, where a
link runs sideways. To go further down or up a link crosses each band in between at a gap
between boxes (the gutters an org chart leaves between columns), the gap nearest to where
it is going. The automatic layout puts every box on a row, so bands are exactly its rows.

Pure geometry, no Qt: ``(x, y)`` points, boxes as top-left corners of one size.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping

from trustdesk.domain.layout import Box, Point

MARGIN = 6.0  # a link keeps at least this far from a box it passes
LANE_STEP = 7.0  # links sharing a channel or gutter run this far apart
INF = float("inf")


def lane_offset(lane: int) -> float:
    """0, -1, +1, -2, +2 … steps from the middle: lane 0 is the org chart's own line."""
    half = (lane + 1) // 2
    return half * LANE_STEP * (-1 if lane % 2 else 1)


class _Band:
    __slots__ = ("bottom", "free", "starts", "top")

    def __init__(self, top: float, bottom: float) -> None:
        self.top, self.bottom = top, bottom
        self.free: list[tuple[float, float]] = []
        self.starts: list[float] = []

    def close(self, blocked: list[tuple[float, float]]) -> None:
        blocked.sort()
        edge = -INF
        for a, b in blocked:
            if a > edge:
                self.free.append((edge, a))
            edge = max(edge, b)
        self.free.append((edge, INF))
        self.starts = [a for a, _ in self.free]

    def free_x(self, want: float, lane: int) -> float:
        """The x nearest ``want`` where a vertical line crosses this band touching no box."""
        i = bisect.bisect_right(self.starts, want) - 1
        best, best_d = want, INF
        for a, b in self.free[max(i - 1, 0) : i + 2]:
            if a == -INF:
                x = min(want, b - LANE_STEP * 2) + min(lane_offset(lane), 0)
            elif b == INF:
                x = max(want, a + LANE_STEP * 2) + max(lane_offset(lane), 0)
            elif b - a < 4:
                x = (a + b) / 2
            else:
                room = (b - a) / 2 - 2
                mid = (a + b) / 2
                x = min(max(want, a + 2), b - 2)
                if x == want:
                    x = max(a + 2, min(b - 2, x + lane_offset(lane)))
                else:
                    x = mid + max(-room, min(room, lane_offset(lane)))
            if abs(x - want) < best_d:
                best, best_d = x, abs(x - want)
        return best


class Router:
    """Routes between the boxes at ``corners`` (top-left points), all of size ``box``."""

    def __init__(self, corners: Mapping[str, Point], box: Box) -> None:
        self.box = box
        self.corners = dict(corners)
        order = sorted(self.corners.items(), key=lambda kv: kv[1][1])
        self.bands: list[_Band] = []
        self.band_of: dict[str, int] = {}
        blocked: list[tuple[float, float]] = []
        for pid, (x, y) in order:
            top, bottom = y - MARGIN, y + box.height + MARGIN
            if not self.bands or top > self.bands[-1].bottom:
                if self.bands:
                    self.bands[-1].close(blocked)
                blocked = []
                self.bands.append(_Band(top, bottom))
            band = self.bands[-1]
            band.bottom = max(band.bottom, bottom)
            blocked.append((x - MARGIN, x + box.width + MARGIN))
            self.band_of[pid] = len(self.bands) - 1
        if self.bands:
            self.bands[-1].close(blocked)

    def _channel_y(self, k: int, lane: int) -> float:
        """The y of ``lane`` in the channel above band ``k`` (``k == len``: below the last)."""
        top = self.bands[k - 1].bottom if k > 0 else self.bands[0].top - self.box.gap_y
        bottom = self.bands[k].top if k < len(self.bands) else top + self.box.gap_y
        mid = (top + bottom) / 2
        room = max((bottom - top) / 2 - 3, 0)
        return mid + max(-room, min(room, lane_offset(lane)))

    def route(self, source: str, target: str, lane: int = 0) -> list[Point]:
        """Points of an orthogonal path from ``source``'s box to ``target``'s box."""
        w, h = self.box.width, self.box.height
        (sx0, sy0), (tx0, ty0) = self.corners[source], self.corners[target]
        port = min(max(lane_offset(lane) * 2, -w / 2 + 12), w / 2 - 12)
        sx, tx = sx0 + w / 2 + port, tx0 + w / 2 + port
        i, j = self.band_of[source], self.band_of[target]
        if i == j:  # the same row: over the top through the channel above
            y = self._channel_y(i, lane)
            return [(sx, sy0), (sx, y), (tx, y), (tx, ty0)]
        down = j > i
        points = [(sx, sy0 + h if down else sy0)]
        k = i + 1 if down else i  # the channel next to the source, towards the target
        y = self._channel_y(k, lane)
        points.append((sx, y))
        step = 1 if down else -1
        band = i + step
        while band != j:
            x = self.bands[band].free_x(tx, lane)
            k += step
            y_next = self._channel_y(k, lane)
            points += [(x, y), (x, y_next)]
            y = y_next
            band += step
        points += [(tx, y), (tx, ty0 if down else ty0 + h)]
        return _simplify(points)


def _simplify(points: list[Point]) -> list[Point]:
    """Drop repeated points and the middle of three in a straight line."""
    out: list[Point] = []
    for p in points:
        if out and abs(p[0] - out[-1][0]) < 1e-6 and abs(p[1] - out[-1][1]) < 1e-6:
            continue
        if len(out) >= 2:
            (ax, ay), (bx, by) = out[-2], out[-1]
            if (ax == bx == p[0]) or (ay == by == p[1]):
                out[-1] = p
                continue
        out.append(p)
    return out
