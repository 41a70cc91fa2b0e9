"""The textbook comparison (Deep Learning from Scratch ch. 6, optimizer_compare_naive.py): on
f(x, y) = x²/20 + y² from (−7, 2), 30 updates of SGD 0.95, Momentum 0.1, AdaGrad 1.5 and Adam 0.3
with the book's ε = 1e-7. The expected paths are computed here, plainly, from the book's update
rules with the analytic gradient (x/10, 2y); the race walks on the numerical gradient."""
import math

import pytest

from sim.walking.race import Race, race_summary
from sim.walking.racers import Racer, parse_racers
from sim.beach.scenario import get_scenario

EPS = 1e-7


def df(x, y):
    return x / 10.0, 2.0 * y


def sgd(lr):
    x, y = -7.0, 2.0
    path = [(x, y)]
    for _ in range(30):
        gx, gy = df(x, y)
        x, y = x - lr * gx, y - lr * gy
        path.append((x, y))
    return path


def momentum(lr, mu=0.9):
    x, y, vx, vy = -7.0, 2.0, 0.0, 0.0
    path = [(x, y)]
    for _ in range(30):
        gx, gy = df(x, y)
        vx, vy = mu * vx - lr * gx, mu * vy - lr * gy
        x, y = x + vx, y + vy
        path.append((x, y))
    return path


def adagrad(lr):
    x, y, hx, hy = -7.0, 2.0, 0.0, 0.0
    path = [(x, y)]
    for _ in range(30):
        gx, gy = df(x, y)
        hx, hy = hx + gx * gx, hy + gy * gy
        x, y = x - lr * gx / (math.sqrt(hx) + EPS), y - lr * gy / (math.sqrt(hy) + EPS)
        path.append((x, y))
    return path


def adam(lr, b1=0.9, b2=0.999):
    x, y, mx, my, vx, vy = -7.0, 2.0, 0.0, 0.0, 0.0, 0.0
    path = [(x, y)]
    for t in range(1, 31):
        gx, gy = df(x, y)
        lr_t = lr * math.sqrt(1.0 - b2 ** t) / (1.0 - b1 ** t)
        mx, my = mx + (1 - b1) * (gx - mx), my + (1 - b1) * (gy - my)
        vx, vy = vx + (1 - b2) * (gx * gx - vx), vy + (1 - b2) * (gy * gy - vy)
        x, y = x - lr_t * mx / (math.sqrt(vx) + EPS), y - lr_t * my / (math.sqrt(vy) + EPS)
        path.append((x, y))
    return path


def test_textbook_scenario_is_the_books_setting():
    s = get_scenario("textbook")
    assert (s.start, s.target, s.max_steps, s.eps) == ((-7.0, 2.0), (0.0, 0.0), 30, 1e-7)
    assert parse_racers(s.race) == [Racer(0.95, "gd"), Racer(0.1, "momentum"), Racer(1.5, "adagrad"),
                                    Racer(0.3, "adam")]
    assert s.loss_fn(3.0, -2.0, 0.0, 0.0) == pytest.approx(9 / 20 + 4)


def test_textbook_race_follows_the_books_paths():
    s = get_scenario("textbook")
    results = Race(s, parse_racers(s.race)).run()
    expected = [sgd(0.95), momentum(0.1), adagrad(1.5), adam(0.3)]
    for result, path in zip(results, expected):
        assert result.outcome == "max_steps" and result.steps == 30
        walked = [(r.x, r.y) for r in result.trace]
        assert len(walked) == 31
        for (x, y), (ex, ey) in zip(walked, path):
            assert (x, y) == pytest.approx((ex, ey), abs=1e-6), result.scenario.optimizer
    # The book's picture: AdaGrad ends nearest the minimum, SGD zigzags in y, momentum overshoots in x.
    finals = {r.scenario.optimizer: r.final for r in results}
    assert min(finals, key=lambda k: finals[k].distance) == "adagrad"
    assert finals["momentum"].x > 0


def test_each_racers_row_names_its_optimizer():
    s = get_scenario("textbook")
    summary = race_summary(Race(s, parse_racers(s.race)).run())
    assert [(r["optimizer"]["name"], r["lr"]) for r in summary["racers"]] == \
        [("gd", 0.95), ("momentum", 0.1), ("adagrad", 1.5), ("adam", 0.3)]
    assert summary["racers"][3]["optimizer"]["hyperparameters"] == {"beta1": 0.9, "beta2": 0.999, "eps": 1e-7}
    assert "optimizer" not in summary["scenario"]


def test_racers_parse():
    assert parse_racers("0.1, 0.5") == [Racer(0.1), Racer(0.5)]
    assert parse_racers("0.1,adam:0.3") == [Racer(0.1), Racer(0.3, "adam")]
    assert [r.lr for r in parse_racers("0.01:1:3")] == pytest.approx([0.01, 0.1, 1.0])
    for bad, named in (("sgd:0.1", "unknown optimizer 'sgd'"), ("adam:", "no step sizes"),
                       ("adam:0.1:1:3", "one step size"), ("0.1,,0.2", "empty step size"), ("", "no step sizes")):
        with pytest.raises(ValueError, match=named):
            parse_racers(bad)
