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
    positions: dict[str, Point] = {}
    offsets = pack_blocks([(w, h) for w, h, _ in blocks], box)
    for (dx, dy), (_, _, block) in zip(offsets, blocks, strict=True):
        for pid, (x, y) in block.items():
            positions[pid] = (x + dx, y + dy)
    others = [pid for pid in ids if pid not in boss_of and not children[pid]]
    if others:  # a grid under the charts, on the next free row
        top = max((y for _, y in positions.values()), default=-box.step_y) + box.step_y
        chart_width = max((x for x, _ in positions.values()), default=0) + box.width
        per_row = max(4, math.ceil(math.sqrt(len(others) * 2)), int(chart_width // box.step_x))
        for i, pid in enumerate(others):
            positions[pid] = ((i % per_row) * box.step_x, top + (i // per_row) * box.step_y)
    return positions


def pack_blocks(
    sizes: Sequence[tuple[float, float]], box: Box | None = None, gap: float | None = None
) -> list[Point]:
    """Top-left offsets for blocks of ``(width, height)`` in shelves, left to right.

    The shelf width aims at a map about 1.6 times as wide as it is tall (a screen's shape),
    never narrower than the widest block or ``WRAP_AFTER`` boxes. Shelf tops stay on rows
    of ``box.step_y``.
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
    for (dx, dy), (w, pos) in zip(offsets, parts, strict=False):
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


@dataclass(frozen=True, slots=True)
class DepartmentBlock:
    """One department on a grouped map: its card's corner and the frame around it."""

    name: str
    card: Point  # top-left of the department's card (a box the size of a person's)
    frame: tuple[float, float, float, float]  # x, y, width, height
    people: tuple[str, ...]  # everyone in it, shown or not
    collapsed: bool


def department_layout(
    people: Sequence[tuple[str, str | None, str]],
    collapsed: frozenset[str] | set[str],
    box: Box | None = None,
) -> tuple[dict[str, Point], list[DepartmentBlock]]:
    """A map grouped by department: each department's org chart under its card, the
    departments packed in shelves; a collapsed department is its card alone.

    ``people`` are ``(id, reports_to_id, department)``; bosses in another department do not
    pull a person out of their own. Returns the shown people's positions and the blocks.
    """
    box = box or Box()
    members: dict[str, list[tuple[str, str | None]]] = {}
    for pid, boss, dept in people:
        members.setdefault(dept, []).append((pid, boss))
    inside: list[dict[str, Point]] = []
    sizes: list[tuple[float, float]] = []
    for dept, group in members.items():
        if dept in collapsed:
            inside.append({})
            sizes.append((box.width, box.height))
            continue
        ids = {pid for pid, _ in group}
        tree = hierarchical_layout([(p, b if b in ids else None) for p, b in group], box)
        tree = {pid: (x, y + box.step_y) for pid, (x, y) in tree.items()}
        inside.append(tree)
        width = max(x for x, _ in tree.values()) + box.width
        sizes.append((width, max(y for _, y in tree.values()) + box.height))
    pad = box.gap_x / 2
    positions: dict[str, Point] = {}
    blocks: list[DepartmentBlock] = []
    offsets = pack_blocks(sizes, box, gap=box.gap_x * 3)
    for (dx, dy), (w, h), tree, (dept, group) in zip(
        offsets, sizes, inside, members.items(), strict=False
    ):
        for pid, (x, y) in tree.items():
            positions[pid] = (x + dx, y + dy)
        frame = (dx - pad, dy - pad, w + 2 * pad, h + 2 * pad)
        blocks.append(
            DepartmentBlock(
                dept, (dx, dy), frame, tuple(pid for pid, _ in group), dept in collapsed
            )
        )
    return positions, blocks
