"""The article's two loss functions give the article's figures on one-hot examples."""
import math

import numpy as np
import pytest

from sim import cross_entropy_error, sum_squared_error
from sim.learning.output_bars import ARTICLE_RIGHT, ARTICLE_WRONG

# The article's two outputs (reconstructed from its four numbers: its code was an image)
T = [0, 0, 1, 0, 0]                      # one-hot: the third label is right
Y_RIGHT = list(ARTICLE_RIGHT.y)          # the network says "third", with 0.7
Y_WRONG = list(ARTICLE_WRONG.y)          # the network says "fourth"; 0.1 on the right label


def test_sum_squared_error_matches_the_article():
    assert sum_squared_error(Y_RIGHT, T) == pytest.approx(0.0625, abs=5e-5)
    assert round(sum_squared_error(Y_WRONG, T), 3) == 0.570


def test_cross_entropy_error_matches_the_article():
    assert round(cross_entropy_error(Y_RIGHT, T), 4) == 0.3567
    assert round(cross_entropy_error(Y_WRONG, T), 3) == 2.303


def test_cross_entropy_is_minus_log_of_the_right_label():
    for y in (Y_RIGHT, Y_WRONG):
        assert cross_entropy_error(y, T) == pytest.approx(-math.log(y[2]), rel=1e-5)


def test_cross_entropy_never_takes_log_zero():
    e = cross_entropy_error([1.0, 0.0, 0.0, 0.0, 0.0], T)
    assert math.isfinite(e) and e == pytest.approx(-math.log(1e-7))


def test_sum_squared_error_is_half_the_squared_distance():
    rng = np.random.default_rng(1)
    y, t = rng.random(7), rng.random(7)
    assert sum_squared_error(y, t) == pytest.approx(0.5 * np.linalg.norm(y - t) ** 2, rel=1e-12)
