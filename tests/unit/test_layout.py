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


def test_many_reports_are_stacked_not_spread():
    people = [("gm", None)] + [(f"s{i}", "gm") for i in range(12)]
    pos = hierarchical_layout(people)
    width = max(x for x, _ in pos.values()) - min(x for x, _ in pos.values())
    assert width < 4 * Box().step_x
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
