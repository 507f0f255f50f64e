"""Automatic map layout: org chart by reports-to, others beside it, nothing overlapping."""

import random

from trustdesk.domain.layout import Box, hierarchical_layout, overlaps


def test_boss_above_and_centred_over_reports():
    pos = hierarchical_layout([("gm", None), ("a", "gm"), ("b", "gm")])
    assert pos["gm"][1] < pos["a"][1] == pos["b"][1]
    centre = pos["gm"][0] + Box().width / 2
    assert min(pos["a"][0], pos["b"][0]) < centre < max(pos["a"][0], pos["b"][0]) + Box().width


def test_people_outside_the_chart_go_below_it():
    pos = hierarchical_layout([("gm", None), ("a", "gm"), ("lone", None), ("other", None)])
    assert pos["lone"][1] > pos["a"][1]
    assert overlaps(pos) == []


def spans(pos):
    xs, ys = [x for x, _ in pos.values()], [y for _, y in pos.values()]
    return max(xs) - min(xs) + Box().width, max(ys) - min(ys) + Box().height


def test_a_small_map_is_laid_out_wide_not_in_one_column():
    people = [("gm", None)] + [(f"r{i}", "gm") for i in range(5)] + [("lone", None)]
    pos = hierarchical_layout(people)
    assert len({pos[f"r{i}"][1] for i in range(5)}) == 1, "five reports side by side"
    width, height = spans(pos)
    assert width > 2 * height


def test_many_reports_form_a_grid_neither_one_row_nor_one_column():
    people = [("gm", None)] + [(f"s{i}", "gm") for i in range(30)]
    pos = hierarchical_layout(people)
    width, height = spans(pos)
    assert 3 * Box().step_x < width < 10 * Box().step_x
    assert 3 * Box().step_y < height < 10 * Box().step_y
    assert overlaps(pos) == []


def test_two_thousand_people_stay_compact_and_on_rows():
    rng = random.Random(1)
    people = [(f"p{i}", f"p{rng.randrange(i)}" if i and rng.random() < 0.9 else None)
              for i in range(2000)]  # fmt: skip
    pos = hierarchical_layout(people)
    width, height = spans(pos)
    assert width < 30_000 and height < 30_000  # was 204,092 px wide in one row
    assert 0.4 < width / height < 2.5
    assert {y % Box().step_y for _, y in pos.values()} == {0}, "rows leave gaps for links"
    assert overlaps(pos) == []


def test_no_overlap_for_random_organisations_up_to_300():
    rng = random.Random(7)
    for size in (1, 2, 5, 40, 300):
        people = [("p0", None)]
        for i in range(1, size):
            boss = f"p{rng.randrange(i)}" if rng.random() < 0.85 else None
            people.append((f"p{i}", boss))
        pos = hierarchical_layout(people)
        assert len(pos) == size
        assert overlaps(pos) == [], size


def test_reporting_loop_does_not_hang():
    pos = hierarchical_layout([("a", "b"), ("b", "a"), ("c", "a")])
    assert set(pos) == {"a", "b", "c"}
    assert overlaps(pos) == []


def test_unknown_boss_is_ignored():
    pos = hierarchical_layout([("a", "gone"), ("b", None)])
    assert set(pos) == {"a", "b"}
