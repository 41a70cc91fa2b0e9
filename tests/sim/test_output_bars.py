"""The outputs scene's model: a distribution y, its one-hot target, both losses and dragging a bar."""
import math

import numpy as np
import pytest

from sim import cross_entropy_error, sum_squared_error
from sim.learning.output_bars import (ARTICLE_RIGHT, ARTICLE_WRONG, PRESETS, SUM_TOLERANCE, TEXTBOOK,
                                      NetworkOutput, check_output, minus_log)
from sim.learning.output_losses import DELTA


def test_presets_give_the_article_and_the_textbook_figures():
    assert (round(ARTICLE_RIGHT.sse, 4), round(ARTICLE_RIGHT.cee, 4)) == (0.0625, 0.3567)
    assert (round(ARTICLE_WRONG.sse, 3), round(ARTICLE_WRONG.cee, 3)) == (0.570, 2.303)
    assert (round(TEXTBOOK.sse, 4), round(TEXTBOOK.cee, 4)) == (0.0975, 0.5108)
    assert TEXTBOOK.classes == 10 and TEXTBOOK.label == 2


@pytest.mark.parametrize("out", list(PRESETS.values()))
def test_terms_sum_to_the_losses_of_sim(out):
    t = [1.0 if k == out.label else 0.0 for k in range(out.classes)]
    assert out.sse_terms.sum() == pytest.approx(sum_squared_error(out.y, t), rel=1e-12)
    assert out.cee_terms.sum() == pytest.approx(cross_entropy_error(out.y, t), rel=1e-12)
    assert out.cee == pytest.approx(-math.log(out.y[out.label] + DELTA), rel=1e-12)
    assert np.count_nonzero(out.cee_terms) == 1


def test_dragging_a_bar_keeps_a_distribution_and_the_others_proportions():
    moved = TEXTBOOK.set_bar(7, 0.4)
    y = np.array(moved.y)
    assert y[7] == 0.4 and y.sum() == pytest.approx(1.0, abs=1e-12) and y.min() >= 0
    others = [k for k in range(10) if k != 7]
    old = np.array(TEXTBOOK.y)[others]
    np.testing.assert_allclose(y[others], old * 0.6 / old.sum(), rtol=1e-12)


def test_raising_the_correct_bar_lowers_both_losses_and_a_wrong_bar_raises_them():
    up = ARTICLE_WRONG.set_bar(2, 0.6)
    assert up.sse < ARTICLE_WRONG.sse and up.cee < ARTICLE_WRONG.cee
    down = ARTICLE_RIGHT.set_bar(3, 0.5)
    assert down.sse > ARTICLE_RIGHT.sse and down.cee > ARTICLE_RIGHT.cee


def test_the_edges_of_dragging():
    full = ARTICLE_RIGHT.set_bar(2, 1.0)
    assert full.y == (0.0, 0.0, 1.0, 0.0, 0.0) and full.sse == 0.0
    assert full.cee == pytest.approx(-math.log(1 + DELTA))
    # from y_k = 1 the others share what is left equally
    assert full.set_bar(2, 0.6).y == pytest.approx((0.1, 0.1, 0.6, 0.1, 0.1))
    # the correct bar at 0: the delta keeps the log finite, −log δ
    zero = ARTICLE_RIGHT.set_bar(2, 0.0)
    assert zero.cee == pytest.approx(-math.log(DELTA)) and math.isfinite(zero.cee)
    assert ARTICLE_RIGHT.set_bar(2, 7.0).y[2] == 1.0 and ARTICLE_RIGHT.set_bar(2, -3.0).y[2] == 0.0


@pytest.mark.parametrize("y, label, words", [
    ([1.0], 0, "at least two classes"),
    ([0.5, 0.6], 0, "sum to 1"),
    ([0.5, 0.5 + 2 * SUM_TOLERANCE], 0, "sum to 1"),
    ([float("nan"), 1.0], 0, "finite"),
    ([float("inf"), 0.0], 0, "finite"),
    ([-0.5, 1.5], 0, "[0, 1]"),
    ([0.5, 0.5], 2, "out of range"),
    ([0.5, 0.5], -1, "out of range"),
    ([[0.5, 0.5]], 0, "one list"),
])
def test_bad_outputs_are_refused_naming_the_problem(y, label, words):
    with pytest.raises(ValueError, match=words.replace("[", r"\[").replace("]", r"\]")):
        check_output(y, label)


def test_a_label_must_be_a_whole_number_and_a_bar_finite():
    with pytest.raises(TypeError, match="whole number"):
        NetworkOutput((0.5, 0.5), 1.0)
    with pytest.raises(ValueError, match="finite"):
        ARTICLE_RIGHT.set_bar(0, float("nan"))
    with pytest.raises(ValueError, match="out of range"):
        ARTICLE_RIGHT.set_bar(5, 0.1)


def test_minus_log_is_zero_at_one_and_grows_toward_zero():
    v = minus_log([1.0, 0.5, 0.1, 0.0])
    assert v[0] == pytest.approx(0, abs=1e-6) and v[1] == pytest.approx(math.log(2), rel=1e-6)
    assert v[3] == pytest.approx(-math.log(DELTA)) and np.all(np.diff(v) > 0)
