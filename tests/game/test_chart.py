"""The chart renderer: ticks, labels, where lines land in pixels, odd data, and PNG files."""

import math
import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import numpy as np
import pygame
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game import chart
from game.chart import (
    PALETTE,
    ChartSpec,
    Marker,
    Series,
    chart_grid,
    chart_layout,
    draw_chart,
    format_tick,
    nice_ticks,
    render_chart_png,
    render_charts_png,
)

WHITE = (255, 255, 255)
ORANGE = PALETTE[1]
BLUE = PALETTE[0]
GREEN = PALETTE[2]

def close(c1, c2, tol=40) -> bool:
    return all(abs(a - b) <= tol for a, b in zip(tuple(c1)[:3], tuple(c2)[:3]))


def count_colour(surface: pygame.Surface, colour, rect: pygame.Rect | None = None, tol: int = 30) -> int:
    """Pixels within ``tol`` of ``colour`` in each channel (inside ``rect`` if given)."""
    arr = pygame.surfarray.pixels3d(surface)
    if rect is not None:
        arr = arr[rect.left : rect.right, rect.top : rect.bottom]
    hit = np.all(np.abs(arr.astype(int) - np.array(colour)) <= tol, axis=-1)
    return int(hit.sum())


def canvas(w=800, h=500) -> pygame.Surface:
    s = pygame.Surface((w, h))
    s.fill(WHITE)
    return s


# ----------------------------------------------------------------------------- nice_ticks


@pytest.mark.parametrize(
    ("lo", "hi", "max_ticks", "expected"),
    [
        (0, 1, 6, [0, 0.2, 0.4, 0.6, 0.8, 1.0]),  # step 0.1 would need 11
        (0, 12.5, 6, [0, 5, 10, 15]),  # step 2 would need 8
        (-3.2, 7.9, 8, [-4, -2, 0, 2, 4, 6, 8]),
        (0.0123, 0.0178, 6, [0.012, 0.014, 0.016, 0.018]),  # step 0.001 would need 7
        (250, 1900, 5, [0, 500, 1000, 1500, 2000]),
        (1e-300, 1e300, 6, [0, 2e299, 4e299, 6e299, 8e299, 1e300]),
        (5, 5, 6, [4.5, 5.0, 5.5]),  # an empty range is widened by 10 % each way
    ],
)
def test_nice_ticks_linear_hand_computed(lo, hi, max_ticks, expected):
    assert nice_ticks(lo, hi, max_ticks) == pytest.approx(expected, rel=1e-12, abs=1e-300)


@pytest.mark.parametrize(
    ("lo", "hi", "max_ticks", "expected"),
    [
        (0.003, 5, 6, [0.001, 0.01, 0.1, 1, 10]),
        (1, 100, 6, [1, 10, 100]),
        (2, 5, 6, [1, 10]),
        (1e-16, 12.5, 6, [1e-20, 1e-15, 1e-10, 1e-5, 1, 1e5]),  # 19 decades: every 5th
        (1e-300, 1e300, 6, [1e-200, 1, 1e200]),  # 1e-400 and 1e400 are not floats
    ],
)
def test_nice_ticks_log_hand_computed(lo, hi, max_ticks, expected):
    assert nice_ticks(lo, hi, max_ticks, log=True) == pytest.approx(expected, rel=1e-12)


def _is_125_multiple(step: float) -> bool:
    mant = step / 10.0 ** math.floor(math.log10(step))
    return any(math.isclose(mant, m, rel_tol=1e-6) for m in (1, 2, 5, 10))


@settings(max_examples=300, deadline=None)
@given(
    st.floats(-1e12, 1e12, allow_nan=False),
    st.floats(1e-6, 1e12, allow_nan=False),
    st.integers(2, 10),
)
def test_nice_ticks_linear_cover_and_are_125_steps(lo, span, max_ticks):
    hi = lo + span
    if hi - lo <= max(abs(lo), abs(hi)) * 1e-9:  # below float resolution: widened, checked elsewhere
        return
    ticks = nice_ticks(lo, hi, max_ticks)
    assert 2 <= len(ticks) <= max(max_ticks, 3 if lo < 0 < hi else 2)
    tol = (hi - lo) * 1e-9
    assert ticks[0] <= lo + tol and ticks[-1] >= hi - tol
    steps = np.diff(ticks)
    step = float(np.median(steps))
    assert np.allclose(steps, step, rtol=1e-6)
    assert _is_125_multiple(step)
    exp = math.floor(math.log10(step))
    step = round(step / 10.0**exp) * 10.0**exp  # the exact 1-2-5 step, without subtraction noise
    for t in ticks:  # every tick is a whole multiple of the step
        k = t / step
        assert abs(k - round(k)) <= 1e-6 + 1e-9 * abs(k)


@settings(max_examples=200, deadline=None)
@given(st.floats(-300, 300), st.floats(0.01, 300), st.integers(2, 10))
def test_nice_ticks_log_are_decades_every_125_decades(e_lo, decades, max_ticks):
    lo, hi = 10.0**e_lo, 10.0 ** min(e_lo + decades, 307)
    ticks = nice_ticks(lo, hi, max_ticks, log=True)
    assert 1 <= len(ticks) <= max(max_ticks, 3 if lo < 1 < hi else 2)
    exps = [round(math.log10(t)) for t in ticks]
    assert all(math.isclose(t, 10.0**e, rel_tol=1e-9) for t, e in zip(ticks, exps))
    if len(exps) > 1:
        step = exps[1] - exps[0]
        assert all(b - a == step for a, b in zip(exps, exps[1:]))
        assert _is_125_multiple(step)
        # they cover the range (to a billionth of its decades), unless the enclosing tick is not
        # a float (below 1e-323 or above 1e308)
        e0, e1 = math.log10(lo), math.log10(hi)
        tol = (e1 - e0) * 1e-9 + 1e-12
        assert exps[0] <= e0 + tol or exps[0] - step < -323
        assert exps[-1] >= e1 - tol or exps[-1] + step > 308


@pytest.mark.parametrize(
    ("args", "kwargs", "fragment"),
    [
        ((float("nan"), 1), {}, "finite"),
        ((0, float("inf")), {}, "finite"),
        ((0, 10), {"log": True}, "positive"),
        ((0, 1, 1), {}, "max_ticks"),
    ],
)
def test_nice_ticks_rejects_bad_input(args, kwargs, fragment):
    with pytest.raises(ValueError, match=fragment):
        nice_ticks(*args, **kwargs)


@pytest.mark.parametrize(
    ("v", "log", "step", "text"),
    [
        (0, False, None, "0"),
        (0.30000000000000004, False, 0.1, "0.3"),
        (1000, False, 500, "1000"),
        (-0.5, False, 0.5, "-0.5"),
        (2.5e6, False, 5e5, "2.5e6"),
        (1.0000005, False, 1e-7, "1.0000005"),
        (0.001, True, None, "0.001"),
        (1e-5, True, None, "1e-5"),
        (1e20, True, None, "1e20"),
        (1e-300, False, None, "1e-300"),
    ],
)
def test_format_tick(v, log, step, text):
    assert format_tick(v, log, step) == text


# ----------------------------------------------------------------------------- pixels


def test_line_pixels_are_where_the_layout_says():
    xs = np.linspace(0, 10, 50)
    spec = ChartSpec("line", "x", "y", [Series("y = 2x + 1", xs, 2 * xs + 1, ORANGE)], legend=False)
    surface, rect = canvas(), pygame.Rect(20, 30, 600, 400)
    draw_chart(surface, rect, spec)
    lay = chart_layout(rect, spec)
    assert rect.contains(lay.plot)
    assert lay.to_pixel(lay.x_lo, lay.y_lo) == (lay.plot.left, lay.plot.bottom - 1)
    assert lay.to_pixel(lay.x_hi, lay.y_hi) == (lay.plot.right - 1, lay.plot.top)
    for x in (0.7, 2.5, 4.1, 6.3, 8.8):
        px, py = lay.to_pixel(x, 2 * x + 1)
        assert close(surface.get_at((round(px), round(py))), ORANGE), (x, px, py)
        assert not close(surface.get_at((round(px), round(py) - 8)), ORANGE)  # a line, not a band
        assert lay.from_pixel(px, py) == pytest.approx((x, 2 * x + 1))


def test_log_scale_puts_decades_at_equal_spacing_and_draws_there():
    xs = np.array([1.0, 10.0, 100.0])
    spec = ChartSpec("log", "x", "y", [Series("y = x", xs, xs, BLUE)], x_log=True, y_log=True, legend=False)
    surface, rect = canvas(), pygame.Rect(0, 0, 600, 400)
    draw_chart(surface, rect, spec)
    lay = chart_layout(rect, spec)
    (x1, y1), (x10, y10), (x100, y100) = (lay.to_pixel(v, v) for v in xs)
    assert x10 - x1 == pytest.approx(x100 - x10) and x10 > x1
    assert y1 - y10 == pytest.approx(y10 - y100) and y10 < y1
    for v in (2.0, 5.0, 30.0):  # y = x is straight on log-log axes
        px, py = lay.to_pixel(v, v)
        assert close(surface.get_at((round(px), round(py))), BLUE), v


def test_live_redraw_follows_new_data():
    """Drawing new data on the same surface draws at the new layout, not a cached one."""
    surface, rect = canvas(), pygame.Rect(10, 10, 460, 300)
    for n in (20, 400):
        xs = np.arange(n, dtype=float)
        spec = ChartSpec("Loss", "step", "loss", [Series("lr", xs, 0.5 * xs, ORANGE)], legend=False)
        surface.fill(WHITE)
        draw_chart(surface, rect, spec)
        lay = chart_layout(rect, spec)
        px, py = lay.to_pixel(xs[n // 2], 0.5 * xs[n // 2])
        assert close(surface.get_at((round(px), round(py))), ORANGE), n


def test_dense_zigzag_keeps_its_highs_and_lows_in_every_column():
    xs = np.linspace(0, 1, 20_000)
    ys = (np.arange(xs.size) % 2).astype(float)  # 0, 1, 0, 1, ...: a solid band when drawn
    spec = ChartSpec("zigzag", "x", "y", [Series("z", xs, ys, ORANGE)], y_range=(-0.5, 1.5), legend=False)
    surface, rect = canvas(), pygame.Rect(0, 0, 460, 300)
    draw_chart(surface, rect, spec)
    lay = chart_layout(rect, spec)
    top, bottom = round(lay.to_pixel(0, 1)[1]), round(lay.to_pixel(0, 0)[1])
    for px in range(lay.plot.left + 3, lay.plot.right - 3, 7):
        assert close(surface.get_at((px, top)), ORANGE), px
        assert close(surface.get_at((px, bottom)), ORANGE), px


def test_lines_stay_inside_the_plot_area():
    xs = np.arange(40, dtype=float)
    ys = np.where(xs % 2 == 0, -1e300, 1e300)  # every segment crosses the whole plot area
    spec = ChartSpec("clip", "x", "y", [Series("wild", xs, ys, GREEN, width=3)], y_range=(0, 1), legend=False)
    surface, rect = canvas(), pygame.Rect(50, 40, 600, 400)
    draw_chart(surface, rect, spec)
    lay = chart_layout(rect, spec)
    inside = count_colour(surface, GREEN, lay.plot)
    assert inside > 1000  # the steep segments are drawn ...
    bleed = lay.plot.inflate(8, 8)
    assert count_colour(surface, GREEN) == count_colour(surface, GREEN, bleed)  # ... and stop at its edges


def test_legend_and_markers_are_drawn():
    xs = np.logspace(-2, 1, 30)
    series = [Series("steps to hit", xs, 1 / xs, BLUE, style="points")]
    markers = [Marker(1, "lr = 1", GREEN), Marker(2, "lr = 2", ORANGE)]
    rect = pygame.Rect(0, 0, 700, 450)
    for legend in (True, False):
        spec = ChartSpec("sweep", "lr", "steps", series, x_log=True, y_log=True, markers=markers, legend=legend)
        surface = canvas()
        draw_chart(surface, rect, spec)
        lay = chart_layout(rect, spec)
        header = pygame.Rect(rect.left, rect.top, rect.w, lay.plot.top - rect.top - 10)
        assert (count_colour(surface, BLUE, header) > 0) is legend
        for mk in markers:  # a dashed line down the marker's column
            col = pygame.Rect(round(lay.to_pixel(mk.x, 1)[0]), lay.plot.top, 1, lay.plot.h)
            assert count_colour(surface, mk.color, col) > lay.plot.h // 4, mk


def test_bars_fill_their_column_from_the_axis_to_their_value_and_not_beyond():
    xs, ys = [1, 2, 3, 4], [2.0, math.nan, 5.0, -1.0]
    spec = ChartSpec("bars", "x", "y", [Series("b", xs, ys, ORANGE, "bars", bar_width=0.5)], legend=False)
    surface, rect = canvas(), pygame.Rect(10, 10, 600, 400)
    draw_chart(surface, rect, spec)
    lay = chart_layout(rect, spec)
    assert lay.y_lo <= -1 and lay.y_hi >= 5 and lay.x_lo <= 0.75 and lay.x_hi >= 4.25  # bars fit in
    foot = round(lay.to_pixel(0, 0)[1])
    for x, y in zip(xs, ys):
        px = round(lay.to_pixel(x, 0)[0])
        column = [close(surface.get_at((px, row)), ORANGE, 8) for row in range(lay.plot.top, lay.plot.bottom)]
        if math.isnan(y):  # no bar
            assert not any(column), x
            continue
        top = round(lay.to_pixel(x, y)[1])
        filled = [lay.plot.top + i for i, c in enumerate(column) if c]
        assert filled == list(range(min(top, foot), max(top, foot) + 1)), (x, y)
        left, right = (round(lay.to_pixel(x + d, 0)[0]) for d in (-0.25, 0.25))
        middle = (top + foot) // 2
        assert close(surface.get_at((left + 1, middle)), ORANGE, 8) and close(surface.get_at((right - 1, middle)), ORANGE, 8)
        assert not close(surface.get_at((left - 2, middle)), ORANGE) and not close(surface.get_at((right + 1, middle)), ORANGE)


def test_bars_on_a_log_axis_stand_on_its_bottom():
    spec = ChartSpec("log bars", "x", "steps", [Series("b", [1, 2], [30, 700], BLUE, "bars")], y_log=True,
                     y_range=(1, 1000), legend=False)
    surface, rect = canvas(), pygame.Rect(0, 0, 500, 350)
    draw_chart(surface, rect, spec)
    lay = chart_layout(rect, spec)
    for x, y in ((1, 30), (2, 700)):
        px, top = (round(v) for v in lay.to_pixel(x, y))
        column = pygame.Rect(px, lay.plot.top, 1, lay.plot.h)
        assert count_colour(surface, BLUE, column, tol=8) == lay.plot.bottom - top
        assert close(surface.get_at((px, lay.plot.bottom - 1)), BLUE, 8)


def test_named_x_ticks_are_drawn_under_their_values_in_both_languages():
    from game.chart.text import text_size

    theme = chart.ChartTheme(tick_text=(200, 0, 0))
    for names in (["dunes", "decoys", "saddle"], ["くぼみ", "にせスイカ", "鞍点"]):
        labels = list(zip((1, 2, 3), names))
        spec = ChartSpec("named", "beach", "y", [Series("b", [1, 2, 3], [1, 2, 3], BLUE, "bars")],
                         legend=False, x_tick_labels=labels[::-1])  # any order: sorted by value
        surface, rect = canvas(), pygame.Rect(0, 0, 640, 400)
        draw_chart(surface, rect, spec, theme)
        lay = chart_layout(rect, spec, theme)
        assert lay.x_ticks == (1, 2, 3) and lay.x_labels == tuple(names)
        strip = pygame.surfarray.pixels3d(surface)[:, lay.plot.bottom + 2 : lay.plot.bottom + 3 * lay.font_px]
        red = np.all(np.abs(strip.astype(int) - (200, 0, 0)) <= 60, axis=-1).any(axis=1)
        for x, name in labels:
            px = round(lay.to_pixel(x, 0)[0])
            half = text_size(name, lay.font_px)[0] // 2
            cols = np.flatnonzero(red[px - lay.font_px * 4 : px + lay.font_px * 4]) + px - lay.font_px * 4
            assert abs((cols.min() + cols.max()) / 2 - px) <= 3, name  # centred under its value
            assert cols.max() - cols.min() == pytest.approx(2 * half, abs=6), name


def test_named_x_ticks_shrink_then_cut_short_in_a_small_chart():
    names = [(1, "a very long name for a beach"), (2, "another very long name"), (3, "short")]
    spec = ChartSpec("named", "x", "y", [Series("b", [1, 2, 3], [1, 2, 3], BLUE, "bars")], x_tick_labels=names)
    lay = chart_layout(pygame.Rect(0, 0, 320, 240), spec)
    assert lay.x_labels[0].endswith(chart.ELLIPSIS) and lay.x_labels[2] == "short"
    wide = chart_layout(pygame.Rect(0, 0, 1800, 500), spec)
    assert wide.x_labels == tuple(n for _, n in names)  # cached per size: the big chart has room


# ----------------------------------------------------------------------------- texts that do not fit

LONG_TITLE = "Hit rate (accuracy): training vs validation"


def test_fit_text_keeps_shrinks_then_cuts_short():
    from game import assets

    width = lambda s, px: assets.font(px).size(s)[0]  # noqa: E731
    assert chart.fit_text(LONG_TITLE, 16, 10_000) == (LONG_TITLE, 16)
    # fits at 13 px but not at 16: the largest size that fits, whole
    room = width(LONG_TITLE, 13)
    s, px = chart.fit_text(LONG_TITLE, 16, room, min_size=10)
    assert s == LONG_TITLE and 13 <= px < 16 and width(s, px) <= room < width(s, px + 1)
    # fits at no size down to 10 px: the longest prefix + "…" that fits, at 10 px
    s, px = chart.fit_text(LONG_TITLE, 16, 120, min_size=10)
    assert px == 10 and s.endswith("…") and width(s, 10) <= 120
    prefix = s[:-1]
    assert LONG_TITLE.startswith(prefix) and len(prefix) >= 5
    longer = LONG_TITLE[: len(prefix) + 1]
    assert width(longer.rstrip() + "…", 10) > 120
    # nothing fits, not even "…"; nothing to fit
    assert chart.fit_text(LONG_TITLE, 16, 3) == ("", 16)
    assert chart.fit_text("", 16, 100) == ("", 16)


def _columns_and_rows(surface: pygame.Surface, colour, rect: pygame.Rect, tol: int) -> tuple[np.ndarray, np.ndarray]:
    """The columns and rows (surface coordinates) inside ``rect`` that hold ``colour``."""
    arr = pygame.surfarray.pixels3d(surface)[rect.left : rect.right, rect.top : rect.bottom].astype(int)
    hit = np.all(np.abs(arr - np.array(colour)) <= tol, axis=-1)
    return np.flatnonzero(hit.any(axis=1)) + rect.left, np.flatnonzero(hit.any(axis=0)) + rect.top


@pytest.mark.parametrize("title", [LONG_TITLE, "Mmm " * 40, "とても長い題名" * 12], ids=["en", "Mmm", "ja"])
def test_a_title_that_fits_nowhere_stays_inside_the_panel(title):
    spec = ChartSpec(title, "step", "", [Series("s", [0, 1], [0, 1], BLUE)], legend=False)
    surface, rect = canvas(500, 300), pygame.Rect(30, 40, 240, 150)
    draw_chart(surface, rect, spec)
    lay = chart_layout(rect, spec)
    header = pygame.Rect(rect.left, rect.top, rect.w, lay.plot.top - rect.top - lay.font_px)
    cols, rows = _columns_and_rows(surface, chart.DEFAULT_THEME.title, header, tol=60)
    assert cols.size > 50 and rows.size > 5  # the title is drawn ...
    pad = max(2, round(lay.font_px * 0.9))
    assert cols.min() >= rect.left + pad - 1 and cols.max() <= rect.right - pad  # ... inside the panel's margins
    assert count_colour(surface, chart.DEFAULT_THEME.title) == count_colour(surface, chart.DEFAULT_THEME.title, rect)


def test_a_long_title_shrinks_before_it_is_cut_short():
    spec = ChartSpec(LONG_TITLE, "step", "hit rate", [Series("training", [0, 1], [0, 1], BLUE)])
    rect = pygame.Rect(0, 0, 240, 150)
    lay = chart_layout(rect, spec)
    (title,) = [t for t in lay._texts if t.bold]
    assert title.s == LONG_TITLE and title.size < round(lay.font_px * 1.3)  # whole, smaller
    tiny = chart_layout(pygame.Rect(0, 0, 150, 150), spec)
    (title,) = [t for t in tiny._texts if t.bold]
    assert title.s.endswith("…") and LONG_TITLE.startswith(title.s[:-1])  # cut short where too narrow


@pytest.mark.parametrize("label", ["median number of steps until the watermelon is hit, on a log scale",
                                   "スイカに命中するまでのステップ数の中央値(対数目盛)", "loss"], ids=["en", "ja", "short"])
@pytest.mark.parametrize("size", [(300, 240), (460, 300), (640, 400)])
def test_a_y_label_is_no_taller_than_the_plot(label, size):
    theme = chart.ChartTheme(text=(200, 0, 200))  # the y label's colour: nothing else has it here
    xs = np.arange(10.0)
    spec = ChartSpec("Loss", "", label, [Series("s", xs, xs, BLUE)], legend=False)
    surface, rect = canvas(700, 450), pygame.Rect(20, 15, *size)
    draw_chart(surface, rect, spec, theme)
    lay = chart_layout(rect, spec, theme)
    cols, rows = _columns_and_rows(surface, theme.text, rect, tol=90)
    assert rows.size > 10 and cols.max() < lay.plot.left  # drawn, left of the plot
    assert rows.max() - rows.min() + 1 <= lay.plot.h
    assert lay.plot.top <= rows.min() and rows.max() < lay.plot.bottom


# ----------------------------------------------------------------------------- odd input

NAN, INF = float("nan"), float("inf")
ODD = {
    "empty": ([], []),
    "one point": ([3.0], [5.0]),
    "all equal": ([1, 2, 3], [4, 4, 4]),
    "nan and inf": ([0, 1, 2, 3, 4], [1, NAN, 2, INF, -INF]),
    "all nan": ([NAN, NAN], [NAN, NAN]),
    "zeros": ([0, 0, 0], [0, 0, 0]),
    "negatives": ([-1, -2, -3], [-5, -6, -7]),
    "huge range": ([1e-300, 1e300], [1e-300, 1e300]),
    "whole float range": ([-1.7e308, 1.7e308], [1.7e308, -1.7e308]),
    "subnormal": ([5e-324, 1e-323], [5e-324, 5e-324]),
}


@pytest.mark.parametrize("name", list(ODD))
@pytest.mark.parametrize("style", ["line", "points", "steps", "bars"])
def test_odd_data_never_raises(name, style):
    xs, ys = ODD[name]
    surface = canvas(1300, 900)
    for x_log in (False, True) if style != "bars" else (False,):  # bars refuse a log x axis
        for y_log in (False, True):
            spec = ChartSpec(name, "x", "y", [Series(name, xs, ys, BLUE, style=style)], x_log=x_log, y_log=y_log,
                             markers=[Marker(1, "one", GREEN), Marker(-1, "minus one", ORANGE)])
            for size in [(0, 0), (3, 3), (20, 10), (60, 40), (150, 100), (300, 200), (1200, 800)]:
                draw_chart(surface, pygame.Rect((5, 5), size), spec)
            lay = chart_layout(pygame.Rect(0, 0, 460, 300), spec)
            for lo, hi, log in ((lay.x_lo, lay.x_hi, x_log), (lay.y_lo, lay.y_hi, y_log)):
                assert math.isfinite(lo) and math.isfinite(hi) and lo < hi
                assert lo > 0 or not log


def test_log_axis_without_positive_values_falls_back_and_says_no_data():
    rect = pygame.Rect(0, 0, 460, 300)
    for note in ("まだデータがありません", ""):
        spec = ChartSpec("nothing", "x", "y", [Series("s", [1, 2, 3], [0, -1, -2], BLUE)], y_log=True,
                         legend=False, empty_text=note)
        surface = canvas()
        draw_chart(surface, rect, spec)
        lay = chart_layout(rect, spec)
        assert (lay.y_lo, lay.y_hi) == (1.0, 10.0)
        assert count_colour(surface, BLUE, lay.plot) == 0
        assert (count_colour(surface, chart.DEFAULT_THEME.note, lay.plot, tol=10) > 0) is bool(note)


def test_tiny_rect_draws_what_fits():
    spec = ChartSpec("Loss", "step", "loss", [Series("lr", np.arange(50), 0.9 ** np.arange(50), BLUE)])
    surface = canvas()
    draw_chart(surface, pygame.Rect(0, 0, 90, 60), spec)
    lay = chart_layout(pygame.Rect(0, 0, 90, 60), spec)
    assert lay.plot.w > 20 and lay.plot.h > 10
    assert count_colour(surface, BLUE, lay.plot) > 0


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        (lambda: Series("s", [1, 2], [1], BLUE), "same length"),
        (lambda: Series("s", [1], [1], BLUE, style="dots"), "style"),
        (lambda: Series("s", ["a"], [1], BLUE), "numbers"),
        (lambda: Series("s", [1], [1], BLUE, width=0), "width"),
        (lambda: ChartSpec("c", "x", "y", [], y_log=True, y_range=(0, 1)), "positive"),
        (lambda: ChartSpec("c", "x", "y", [], x_range=(2, 1)), "low < high"),
        (lambda: Series("s", [1], [1], BLUE, "bars", bar_width=0), "bar_width"),
        (lambda: ChartSpec("c", "x", "y", [Series("s", [1], [1], BLUE, "bars")], x_log=True), "linear x axis"),
        (lambda: ChartSpec("c", "x", "y", [], x_tick_labels=[1, 2]), "pairs"),
        (lambda: ChartSpec("c", "x", "y", [], x_tick_labels=[(1, 2)]), "must be a text"),
        (lambda: ChartSpec("c", "x", "y", [], x_tick_labels=[(1, "a"), (1, "b")]), "named once"),
        (lambda: ChartSpec("c", "x", "y", [], x_tick_labels=[(0, "a")], x_log=True), "positive"),
        (lambda: ChartSpec("c", "x", "y", [], x_tick_labels=[(math.inf, "a")]), "finite"),
    ],
)
def test_bad_specs_raise_clear_errors(make, fragment):
    with pytest.raises(ValueError, match=fragment):
        make()


# ----------------------------------------------------------------------------- PNGs


def test_render_chart_png_writes_a_png_of_the_size(tmp_path):
    spec = ChartSpec("Loss", "step", "loss", [Series("lr", np.arange(30), 0.8 ** np.arange(30), BLUE)])
    path = tmp_path / "loss.png"
    render_chart_png(spec, path, size=(640, 400))
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    img = pygame.image.load(str(path))
    assert img.get_size() == (640, 400)
    assert count_colour(img, BLUE) > 100
    assert sorted(p.name for p in tmp_path.iterdir()) == ["loss.png"]  # no temp file left


def test_render_charts_png_side_by_side(tmp_path):
    xs = np.arange(30)
    specs = [
        ChartSpec("Loss", "step", "loss", [Series("training", xs, 0.8**xs, BLUE)], legend=False),
        ChartSpec("Accuracy", "step", "hit rate", [Series("training", xs, 1 - 0.8**xs, ORANGE)], legend=False),
    ]
    path = tmp_path / "pair.png"
    render_charts_png(specs, path, (1000, 400), cols=2)
    img = pygame.image.load(str(path))
    assert img.get_size() == (1000, 400)
    left, right = pygame.Rect(0, 0, 500, 400), pygame.Rect(500, 0, 500, 400)
    assert count_colour(img, BLUE, left) > 100 and count_colour(img, BLUE, right) == 0
    assert count_colour(img, ORANGE, right) > 100 and count_colour(img, ORANGE, left) == 0


def test_chart_grid_tiles_without_overlap():
    rects = chart_grid(pygame.Rect(0, 0, 1000, 600), 3, cols=2, gap=10)
    assert len(rects) == 3
    assert rects[0].right + 10 == rects[1].left and rects[0].bottom + 10 == rects[2].top
    assert not any(a.colliderect(b) for i, a in enumerate(rects) for b in rects[i + 1 :])


def test_save_to_missing_folder_raises_and_leaves_nothing(tmp_path):
    spec = ChartSpec("Loss", "step", "loss", [])
    path = tmp_path / "missing" / "chart.png"
    with pytest.raises(FileNotFoundError, match="does not exist"):
        render_chart_png(spec, path)
    assert not path.exists() and list(tmp_path.iterdir()) == []
    with pytest.raises(ValueError, match=r"\.png"):
        render_chart_png(spec, tmp_path / "chart.jpg")
    assert list(tmp_path.iterdir()) == []


def test_failed_write_keeps_the_old_file_and_no_temp(tmp_path, monkeypatch):
    import errno
    import os

    path = tmp_path / "chart.png"
    path.write_bytes(b"old")

    def full_disk(fd):   # the PNG's bytes reach the disk at fsync: there the disk is full
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space left on device") as caught:
        render_chart_png(ChartSpec("Loss", "step", "loss", []), path)
    assert caught.value.filename == str(path)            # the user's path, not the temporary file's
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["chart.png"]


def test_a_small_chart_of_two_lines_keeps_its_legend_before_its_title():
    """The learning curves in the panel at 1280×720: training and validation lines need their
    legend more than the title (the y label still says loss)."""
    from game.learn_charts import learn_charts
    from sim import LearnSettings, learn
    spec = learn_charts(learn(LearnSettings(epochs=2, limit=100)))[0]
    big = chart_layout(pygame.Rect(0, 0, 700, 500), spec)
    assert [t.s for t in big._texts if t.bold] and len(big._legend) == 2
    small = chart_layout(pygame.Rect(0, 0, 370, 140), spec)
    assert len(small._legend) == 2 and not [t for t in small._texts if t.bold]
    assert "loss" in [t.s for t in small._texts]


def test_a_log_axis_and_a_linear_axis_write_a_thousand_alike():
    """A loss axis 1..10,000 beside a step axis 0..1,000 said '1e3' next to '1000'."""
    from game.chart.axis import make_axis
    log_labels = make_axis((1.0, 1e4), None, True, 9).labels
    assert "1000" in log_labels and "10000" in log_labels and not any("e" in s for s in log_labels)
    assert "1000" in make_axis((0.0, 1000.0), None, False, 6).labels
    assert make_axis((1.0, 1e6), None, True, 9).labels[-1] == "1e6"   # past PLAIN the whole axis turns


def test_a_log_axis_has_a_floor_and_marks_the_line_that_goes_under_it():
    """A racer at lr = 1 reaches loss 1e-22 in one step: the axis stops LOG_DECADES below its top
    (so the other racers keep their shape), and a triangle on the bottom edge marks where the
    line goes under, in its colour; the line runs on along the bottom."""
    from game.chart.layout import LOG_DECADES
    steps = np.arange(31.0)
    slow, fast = 100 * 0.8 ** steps, np.r_[100.0, np.full(30, 1e-22)]
    spec = ChartSpec("race", "step", "loss", [Series("slow", steps, slow, BLUE), Series("fast", steps, fast, PALETTE[2])],
                     y_log=True, legend=False)
    rect = pygame.Rect(0, 0, 600, 360)
    lay = chart_layout(rect, spec)
    assert 100 * 10.0 ** -LOG_DECADES <= lay.y_lo < 1e-22 * 1e20 and lay.y_hi >= 100
    surf = pygame.Surface(rect.size)
    draw_chart(surf, rect, spec)
    x, _ = lay.to_pixel(1.0, 1.0)
    tip_above = (round(x), lay.plot.bottom - 4)
    assert tuple(surf.get_at(tip_above))[:3] == PALETTE[2]
    far, _ = lay.to_pixel(20.0, 1.0)
    along = np.array(tuple(surf.get_at((round(far), lay.plot.bottom - 1)))[:3])   # along the bottom
    assert np.abs(along - PALETTE[2]).sum() < 30
