"""Self-assessment scoring rules (no database)."""

import pytest

from assessment.scoring import (
    assess,
    category,
    differences,
    dimension_score,
    radar_points,
    radar_svg,
    weakest,
)

DIMENSIONS = ["governance", "people", "living", "environment", "economy", "mobility"]


def test_all_unknown_gives_no_score_and_no_category():
    result = assess({"mobility": [None] * 4})["mobility"]
    assert (result.score, result.category, result.coverage) == (None, None, 0.0)


def test_all_at_the_top_level_is_100_and_a():
    result = assess({"mobility": [5, 5, 5, 5]})["mobility"]
    assert (result.score, result.category, result.coverage) == (100, "A", 1.0)
    assert dimension_score([1, 1, 1, 1]) == 0 and category(0) == "D"


def test_mixed_answers_leave_unknowns_out():
    # (3-1)/4*100 = 50, (4-1)/4*100 = 75 -> mean 62.5 -> 63 (half up), coverage 2/4
    result = assess({"people": [3, None, 4, None]})["people"]
    assert (result.score, result.category, result.coverage) == (63, "B", 0.5)


@pytest.mark.parametrize("score, expected", [(75, "A"), (74, "B"), (50, "B"), (49, "C"),
                                             (25, "C"), (24, "D")])
def test_category_thresholds_and_configuration(score, expected):
    assert category(score) == expected
    assert category(60, thresholds=(("A", 90), ("B", 60), ("C", 30))) == "B"


def test_out_of_range_levels_are_refused():
    with pytest.raises(ValueError):
        dimension_score([6, 1, 1, 1])


def test_weakest_and_differences():
    before = assess({"governance": [2, 2, 2, 2], "people": [4, 4, 4, 4],
                     "mobility": [1, 2, None, None], "economy": [None] * 4})
    assert weakest(before) == ["mobility", "governance"]  # economy has no score
    after = assess({"governance": [3, 3, 3, 3], "people": [4, 4, 4, 4],
                    "mobility": [2, 2, 2, 2], "economy": [3, 3, 3, 3]})
    assert differences(before, after) == {"governance": 25, "people": 0, "mobility": 12}


def test_radar_points_for_known_scores():
    points = radar_points([100, 50, 0, 100, 50, 0], radius=100, centre=(150, 150))
    assert points[0] == (150.0, 50.0)  # top, full score
    assert points[1] == pytest.approx((193.3, 125.0), abs=0.01)  # 60° clockwise, half way
    assert points[2] == (150.0, 150.0)  # zero sits at the centre
    assert points[3] == (150.0, 250.0)  # bottom
    svg = radar_svg(DIMENSIONS, [100, 50, 0, 100, 50, 0], previous=[50] * 6,
                    title="Val <Sole>")
    assert 'class="current" points="150.0,50.0 ' in svg
    assert 'class="previous"' in svg and "Val &lt;Sole&gt;" in svg
