"""Automatic layout of a relationship map: an org chart by reports-to, others beside it.

Pure geometry: takes (person id, boss id) pairs and returns the top-left corner of each
person's box. Bosses sit centred above their reports; a boss with many reports who have no
reports of their own gets them stacked in columns (a 40-person department stays readable);
people outside the chart are laid out in a grid under it. Nothing overlaps.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Box:
    width: float = 180.0
    height: float = 72.0
    gap_x: float = 36.0
    gap_y: float = 64.0

    @property
    def step_x(self) -> float:
        return self.width + self.gap_x

    @property
    def step_y(self) -> float:
        return self.height + self.gap_y


STACK_AFTER = 3  # more leaf reports than this are stacked in columns
STACK_ROWS = 6  # rows per stacked column


def hierarchical_layout(
    people: Sequence[tuple[str, str | None]], box: Box | None = None
) -> dict[str, Point]:
    """Positions for ``(id, reports_to_id)`` pairs, in the order given for siblings."""
    box = box or Box()
    ids = [pid for pid, _ in people]
    known = set(ids)
    boss_of = {pid: boss for pid, boss in people if boss in known and boss != pid}
    _break_cycles(boss_of)
    children: dict[str, list[str]] = {pid: [] for pid in ids}
    for pid in ids:
        if pid in boss_of:
            children[boss_of[pid]].append(pid)
    in_chart = [pid for pid in ids if pid in boss_of or children[pid]]
    roots = [pid for pid in in_chart if pid not in boss_of]

    positions: dict[str, Point] = {}
    x = 0.0
    for root in roots:
        x += _place(root, 0, x, children, positions, box) + box.gap_x * 2
    chart_bottom = max((y for _, y in positions.values()), default=-box.step_y) + box.step_y

    others = [pid for pid in ids if pid not in positions]
    if others:
        top = chart_bottom + (box.gap_y if positions else 0)
        per_row = max(4, math.ceil(math.sqrt(len(others) * 2)))
        for i, pid in enumerate(others):
            positions[pid] = ((i % per_row) * box.step_x, top + (i // per_row) * box.step_y)
    return positions


def _break_cycles(boss_of: dict[str, str]) -> None:
    """A loop in reports-to (bad data) must not hang the layout: cut it at the revisit."""
    for start in list(boss_of):
        seen = {start}
        node = start
        while node in boss_of:
            nxt = boss_of[node]
            if nxt in seen:
                del boss_of[node]
                break
            seen.add(nxt)
            node = nxt


def _place(
    node: str,
    depth: int,
    left: float,
    children: dict[str, list[str]],
    positions: dict[str, Point],
    box: Box,
) -> float:
    """Lay out ``node``'s subtree starting at x=``left``; return the subtree's width."""
    kids = children[node]
    leaves = [k for k in kids if not children[k]]
    branches = [k for k in kids if children[k]]
    y_child = (depth + 1) * box.step_y
    cursor = left
    placed: list[float] = []  # centre x of each direct child, for centring the parent

    if len(leaves) > STACK_AFTER:
        columns = math.ceil(len(leaves) / STACK_ROWS)
        for i, leaf in enumerate(leaves):
            col, row = divmod(i, STACK_ROWS)
            positions[leaf] = (cursor + col * box.step_x, y_child + row * box.step_y)
        placed.append(cursor + (columns * box.step_x - box.gap_x) / 2)
        cursor += columns * box.step_x
        branches_first: list[str] = []
    else:
        branches_first = leaves
    for child in [*branches_first, *branches]:
        width = _place(child, depth + 1, cursor, children, positions, box)
        placed.append(positions[child][0] + box.width / 2)
        cursor += width + box.gap_x
    used = max(cursor - left - box.gap_x, box.width) if kids else box.width
    centre = (min(placed) + max(placed)) / 2 if placed else left + box.width / 2
    positions[node] = (centre - box.width / 2, depth * box.step_y)
    if positions[node][0] < left:  # a wide parent over narrow children: shift the subtree
        shift = left - positions[node][0]
        for pid in _subtree(node, children):
            x, y = positions[pid]
            positions[pid] = (x + shift, y)
        used = max(used + shift, box.width)
    return used


def _subtree(node: str, children: dict[str, list[str]]) -> list[str]:
    out, stack = [], [node]
    while stack:
        current = stack.pop()
        out.append(current)
        stack.extend(children[current])
    return out


def overlaps(positions: dict[str, Point], box: Box | None = None) -> list[tuple[str, str]]:
    """Pairs of boxes that overlap (used by tests and as a guard)."""
    box = box or Box()
    items = sorted(positions.items(), key=lambda kv: kv[1])
    found = []
    for i, (a, (ax, ay)) in enumerate(items):
        for b, (bx, by) in items[i + 1 :]:
            if bx >= ax + box.width:
                break
            if abs(ay - by) < box.height and abs(ax - bx) < box.width:
                found.append((a, b))
    return found
