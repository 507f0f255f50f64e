"""Automatic layout of a relationship map: an org chart by reports-to, others beside it.

Pure geometry: takes (person id, boss id) pairs and returns the top-left corner of each
person's box. Bosses sit centred above their reports; a few reports with no reports of their own sit
side by side, more of them form a grid under their boss (a 40-person department stays
compact); people outside the chart are laid out in a grid beside it. Nothing overlaps.
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


ROW_LEAVES_SMALL = 6  # on a small map up to this many leaf reports sit side by side
ROW_LEAVES = 3  # elsewhere more leaf reports than this go in a grid under their boss
SMALL_MAP = 12  # people: at most this many makes a small map, laid out wide
WRAP_AFTER = 8  # boxes: a row of org charts or of one boss's reports wraps past this width


def leaf_columns(count: int, small_map: bool) -> int:
    """How many columns ``count`` leaf reports of one boss take.

    A few sit side by side (a small map is laid out wide); past the threshold they form
    a grid about as wide as it is tall on screen, never one tall column.
    """
    if count <= (ROW_LEAVES_SMALL if small_map else ROW_LEAVES):
        return max(count, 1)
    return max(2, round(math.sqrt(count * 1.6)))


def hierarchical_layout(
    people: Sequence[tuple[str, str | None]], box: Box | None = None
) -> dict[str, Point]:
    """Positions for ``(id, reports_to_id)`` pairs, in the order given for siblings.

    Every box's top sits on a row of ``box.step_y`` (the gaps between rows stay free for
    links); separate org charts are packed in shelves so a map stays about as wide as tall.
    """
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
    small = len(ids) <= SMALL_MAP

    blocks: list[tuple[float, float, dict[str, Point]]] = []
    for root in roots:
        width, tree = _block(root, children, box, small)
        blocks.append((width, max(y for _, y in tree.values()) + box.height, tree))
    others = [pid for pid in ids if pid not in boss_of and not children[pid]]
    if others:
        per_row = max(4, math.ceil(math.sqrt(len(others) * 2)))
        if len(others) < per_row:
            per_row = len(others)
        grid = {
            pid: ((i % per_row) * box.step_x, (i // per_row) * box.step_y)
            for i, pid in enumerate(others)
        }
        rows = math.ceil(len(others) / per_row)
        blocks.append((per_row * box.step_x - box.gap_x, rows * box.step_y - box.gap_y, grid))
    positions: dict[str, Point] = {}
    for (dx, dy), (_, _, block) in zip(pack_blocks([(w, h) for w, h, _ in blocks], box), blocks):
        for pid, (x, y) in block.items():
            positions[pid] = (x + dx, y + dy)
    return positions


def pack_blocks(
    sizes: Sequence[tuple[float, float]], box: Box | None = None, gap: float | None = None
) -> list[Point]:
    """Top-left offsets for blocks of ``(width, height)`` in shelves, left to right.

    The shelf width aims at a map about 1.6 times as wide as it is tall (a screen's shape),
    never narrower than the widest block or ``WRAP_AFTER`` boxes. Shelf tops stay on rows of ``box.step_y``.
    """
    box = box or Box()
    gap = box.gap_x * 2 if gap is None else gap
    if not sizes:
        return []
    area = sum((w + gap) * (h + box.gap_y) for w, h in sizes)
    limit = max(max(w for w, _ in sizes), math.sqrt(area * 1.6), WRAP_AFTER * box.step_x)
    offsets: list[Point] = []
    x = y = shelf_h = 0.0
    for w, h in sizes:
        if x > 0 and x + w > limit:
            x = 0.0
            y += math.ceil((shelf_h + box.gap_y) / box.step_y) * box.step_y
            shelf_h = 0.0
        offsets.append((x, y))
        x += w + gap
        shelf_h = max(shelf_h, h)
    return offsets


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


def _block(
    node: str, children: dict[str, list[str]], box: Box, small: bool
) -> tuple[float, dict[str, Point]]:
    """``node``'s subtree with its top-left at (0, 0): its width and positions.

    The reports' parts (each branch's subtree, the leaves' grid) sit in shelves under the
    boss, wrapped when one row of them would be much wider than tall.
    """
    kids = children[node]
    if not kids:
        return box.width, {node: (0.0, 0.0)}
    leaves = [k for k in kids if not children[k]]
    branches = [k for k in kids if children[k]]
    parts: list[tuple[float, dict[str, Point]]] = []
    columns = leaf_columns(len(leaves), small)
    if leaves and columns < len(leaves):
        grid = {
            leaf: ((i % columns) * box.step_x, (i // columns) * box.step_y)
            for i, leaf in enumerate(leaves)
        }
        parts.append((columns * box.step_x - box.gap_x, grid))
        singles: list[str] = []
    else:
        singles = leaves
    parts += [_block(child, children, box, small) for child in [*singles, *branches]]
    sizes = [(w, max(y for _, y in pos.values()) + box.height) for w, pos in parts]
    offsets = pack_blocks(sizes, box, gap=box.gap_x)
    positions: dict[str, Point] = {}
    first_shelf: list[float] = []
    for (dx, dy), (w, pos) in zip(offsets, parts):
        if dy == 0:
            first_shelf += [dx, dx + w]
        for pid, (x, y) in pos.items():
            positions[pid] = (x + dx, y + dy + box.step_y)
    centre = (min(first_shelf) + max(first_shelf)) / 2
    boss_x = centre - box.width / 2
    if boss_x < 0:  # a wide boss over one narrow report: shift the reports
        positions = {pid: (x - boss_x, y) for pid, (x, y) in positions.items()}
        boss_x = 0.0
    positions[node] = (boss_x, 0.0)
    width = max(x for x, _ in positions.values()) + box.width
    return width, positions


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
