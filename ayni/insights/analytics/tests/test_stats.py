"""Change from baseline, Wilson intervals and percentiles against hand-computed values."""

import math
from datetime import timedelta

import pytest

from ayni.insights.analytics.stats import change_from_baseline, median, p90, percentile, proportion

BEFORE = [2, 3, 3, 4, 5]
AFTER = [3, 3, 4, 5, 5]
# Changes 1, 0, 1, 1, 0: mean 0.6; variance (3 x 0.16 + 2 x 0.36) / 4 = 0.3.
SD = math.sqrt(0.3)
T_975_4 = 2.776445  # t table, 4 degrees of freedom, two-sided 95%


def test_the_t_interval_matches_the_hand_computation():
    change = change_from_baseline(BEFORE, AFTER)
    assert (change.n, change.dropped, change.method, change.note) == (5, 0, "t", None)
    assert change.mean_before == pytest.approx(3.4)
    assert change.mean_after == pytest.approx(4.0)
    assert change.mean_change == pytest.approx(0.6)
    assert change.sd_change == pytest.approx(SD)
    half_width = T_975_4 * SD / math.sqrt(5)
    assert change.ci_low == pytest.approx(0.6 - half_width, abs=1e-5)
    assert change.ci_high == pytest.approx(0.6 + half_width, abs=1e-5)
    assert change.cohens_d == pytest.approx(0.6 / SD)
    # t = 0.6 / (SD / sqrt 5) = 2.4495 on 4 df: two-sided p = 0.0705.
    assert change.p_value == pytest.approx(0.0705, abs=1e-4)


def test_a_90_percent_interval_is_narrower():
    wide, narrow = change_from_baseline(BEFORE, AFTER), change_from_baseline(BEFORE, AFTER, confidence=0.9)
    assert wide.ci_low < narrow.ci_low < narrow.ci_high < wide.ci_high


def test_pairs_with_a_missing_score_are_dropped_and_counted():
    change = change_from_baseline([*BEFORE, None, 4, float("nan")], [*AFTER, 2, None, 3])
    assert (change.n, change.dropped) == (5, 3)
    assert change.mean_change == pytest.approx(0.6)


def test_the_bootstrap_interval_is_repeatable_and_sensible():
    first = change_from_baseline(BEFORE, AFTER, method="bootstrap")
    again = change_from_baseline(BEFORE, AFTER, method="bootstrap")
    assert first == again
    assert first.p_value is None
    # Resampled means of five changes that are each 0 or 1 lie on a grid of fifths in [0, 1].
    assert 0 <= first.ci_low < 0.6 < first.ci_high <= 1
    assert first.ci_low * 5 == pytest.approx(round(first.ci_low * 5))
    other_seed = change_from_baseline(BEFORE, AFTER, method="bootstrap", resamples=200, seed=1)
    assert 0 <= other_seed.ci_low <= other_seed.ci_high <= 1


def test_the_bootstrap_agrees_roughly_with_the_t_interval_on_a_larger_sample():
    before = [float(value % 5 + 1) for value in range(200)]
    after = [score + (index % 3) * 0.5 for index, score in enumerate(before)]
    t_interval = change_from_baseline(before, after)
    bootstrap = change_from_baseline(before, after, method="bootstrap", resamples=2_000)
    assert bootstrap.ci_low == pytest.approx(t_interval.ci_low, abs=0.03)
    assert bootstrap.ci_high == pytest.approx(t_interval.ci_high, abs=0.03)


def test_no_pairs_give_no_figures_instead_of_an_error():
    change = change_from_baseline([None, 3], [2, None])
    assert (change.n, change.dropped, change.note) == (0, 2, "no_pairs")
    assert change.mean_change is None and change.ci_low is None and change.cohens_d is None


def test_one_pair_gives_its_change_but_no_interval():
    change = change_from_baseline([2], [4])
    assert (change.n, change.mean_change, change.note) == (1, 2.0, "one_pair")
    assert change.ci_low is None and change.ci_high is None and change.cohens_d is None


def test_identical_changes_give_a_zero_width_interval_and_no_effect_size():
    change = change_from_baseline([1, 2, 3], [2, 3, 4])
    assert (change.mean_change, change.ci_low, change.ci_high, change.note) == (1.0, 1.0, 1.0, "no_variation")
    assert change.cohens_d is None


def test_it_refuses_unpaired_lists_and_unknown_methods():
    with pytest.raises(ValueError, match="pair up"):
        change_from_baseline([1, 2], [1])
    with pytest.raises(ValueError, match="method"):
        change_from_baseline([1, 2], [1, 2], method="z")


@pytest.mark.parametrize(
    ("successes", "total", "low", "high"),
    [
        (3, 10, 0.1078, 0.6032),  # published Wilson values (Newcombe 1998)
        (0, 10, 0.0, 0.2775),
        (10, 10, 0.7225, 1.0),
        (81, 263, 0.2553, 0.3662),
    ],
)
def test_wilson_intervals_match_published_values(successes, total, low, high):
    share = proportion(successes, total)
    assert share.share == pytest.approx(successes / total)
    assert share.ci_low == pytest.approx(low, abs=1e-4)
    assert share.ci_high == pytest.approx(high, abs=1e-4)


def test_a_proportion_of_nobody_has_no_share():
    share = proportion(0, 0)
    assert (share.share, share.ci_low, share.ci_high) == (None, None, None)


@pytest.mark.parametrize(("successes", "total"), [(5, 4), (-1, 4), (1.5, 4), (True, 4)])
def test_it_refuses_impossible_proportions(successes, total):
    with pytest.raises(ValueError):
        proportion(successes, total)


def test_median_and_90th_percentile_interpolate_linearly():
    assert median([4, 1, 3, 2]) == 2.5
    assert p90([1, 2, 3, 4]) == pytest.approx(3.7)
    assert percentile([10], 90) == 10.0
    assert median([1, None, 3]) == 2.0


def test_median_and_90th_percentile_of_nothing_are_none():
    assert median([]) is None
    assert p90([None, None]) is None


def test_durations_give_durations():
    waits = [timedelta(hours=1), timedelta(hours=3), timedelta(hours=2), None]
    assert median(waits) == timedelta(hours=2)
    assert p90(waits) == timedelta(hours=2, minutes=48)
    with pytest.raises(ValueError, match="mix"):
        median([timedelta(hours=1), 2])
