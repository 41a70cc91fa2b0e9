"""--lang ja (or a Japanese locale) puts every report a command prints in Japanese: run (a walk, a
race, a population), sweep (and --grid), learn, losses and the progress lines. The same numbers
as in English, no English words but option names, units and names the user types, and columns
that line up although a kanji takes two terminal columns."""
from __future__ import annotations

import re
import string

import pytest

from game.i18n import terminal
from game.i18n.ja import TERMINAL
from sim import LearnSettings, SCENARIOS, Scenario, Walk, learn
from sim.learning.learn import LEARN_COLUMNS, learn_table
from sim.learning.output_bars import LOSSES_TABLE
from sim.reports.columns import Column, display_width, table
from sim.reports.text import GROUND_TEXT, STEP_COLUMNS, run_summary
from sim.walking.population import POPULATION_TABLE
from sim.walking.race import RACE_TABLE
from sim.walking.swarm import OUTCOMES
from sim.walking.sweep import PLACE_COLUMN, SWEEP_TABLE
from tests.clitools import cli

JA = terminal("ja", strict=True)   # a template or a code without its Japanese is a KeyError

# A short run of every command (and the features that add lines: places and grounds on dunes, a
# loss without theory edges, noise, two optimizers, a map with theory and one without).
COMMANDS = {
    "run": ("run", "--scenario", "dunes"),
    "race": ("run", "--race", "gd:0.1,adam:0.3", "--noise", "0.1", "--schedule", "cosine"),
    "population": ("run", "--population", "20", "--steps", "40"),
    "sweep": ("sweep", "--scenario", "dunes", "--starts", "12", "--lrs", "0.1,0.5,1,3"),
    "sweep flat": ("sweep", "--scenario", "flat", "--starts", "2", "--lrs", "0.1,1", "--optimizer", "gd,adam"),
    "sweep valley": ("sweep", "--scenario", "valley", "--starts", "2", "--lrs", "0.1,1", "--noise", "0.1"),
    "grid": ("sweep", "--grid", "lr=0.1:3:3,momentum=0:0.9:2", "--optimizer", "momentum", "--starts", "4", "--jobs", "1"),
    "grid adam": ("sweep", "--grid", "lr=0.1:3:3,beta1=0:0.9:2", "--optimizer", "adam", "--starts", "4", "--jobs", "1"),
    "learn": ("learn", "--epochs", "2", "--lr", "100"),
    "gradcheck": ("learn", "--gradcheck"),
    "losses": ("losses",),
}


@pytest.fixture(scope="module")
def printed() -> dict[str, dict[str, str]]:
    """Each command's stdout in English and in Japanese."""
    out = {}
    for name, args in COMMANDS.items():
        out[name] = {}
        for lang in ("en", "ja"):
            ran = cli(*args, "--lang", lang)
            assert ran.returncode == 0 and ran.stderr == "", (name, lang, ran.stderr)
            out[name][lang] = ran.stdout
    return out


def _allowed_words() -> set[str]:
    """ASCII words a Japanese report may keep: option names and what options take (scenario, loss,
    optimizer, schedule and hyperparameter names), units, math symbols, the textbook's title."""
    from game.cli.options import build_parser
    from sim.beach.losses import LOSS_NAMES
    from sim.beach.scenario import LOSS_CHOICES
    from sim.learning.network import LOSS_KINDS
    from sim.walking.optimizers import HYPERPARAMETERS, OPTIMIZER_NAMES
    from sim.walking.schedules import SCHEDULE_NAMES

    parser = build_parser()
    options = {o.lstrip("-") for p in parser._subparsers._group_actions[0].choices.values()
               for o in p._option_string_actions}
    names = {*SCENARIOS, *LOSS_NAMES, *LOSS_CHOICES, *LOSS_KINDS, *OPTIMIZER_NAMES, *SCHEDULE_NAMES,
             *(h for hp in HYPERPARAMETERS.values() for h in hp)}
    return options | names | {"m", "x", "y", "t", "c", "A", "B", "y1", "y2", "SSE", "CEE", "log", "one-hot",
                              "Deep", "Learning", "gd", "inf", "nan"}


ALLOWED = _allowed_words()
WORD = re.compile(r"(?<![\w.])[A-Za-z][A-Za-z0-9_-]*")
KANA_KANJI = "\u3040-\u30ff\u4e00-\u9fff"
NUMBER = re.compile(rf"(?<![A-Za-z0-9_.{KANA_KANJI}])-?\d+(?:,\d{{3}})*(?:\.\d+)?(?:e[+-]?\d+)?%?(?![A-Za-z0-9_{KANA_KANJI}])")


@pytest.mark.parametrize("name", COMMANDS)
def test_japanese_reports_keep_no_english_words(printed, name):
    words = set(WORD.findall(printed[name]["ja"])) - ALLOWED
    assert not words, (name, sorted(words), printed[name]["ja"])
    assert re.search(f"[{KANA_KANJI}]", printed[name]["ja"])


@pytest.mark.parametrize("name", COMMANDS)
def test_japanese_reports_print_the_same_numbers_on_the_same_lines(printed, name):
    en, ja = (printed[name][lang].splitlines() for lang in ("en", "ja"))
    assert len(en) == len(ja)
    if name == "losses":   # the note spells its numbers in words ("five classes"; "5クラス")
        en, ja = en[2:], ja[2:]
    for line_en, line_ja in zip(en, ja):
        assert sorted(NUMBER.findall(line_en)) == sorted(NUMBER.findall(line_ja)), (line_en, line_ja)


def test_every_japanese_template_has_the_english_fields_with_their_formats():
    for english, japanese in TERMINAL.items():
        parsed = [{(name, spec) for _, name, spec, _ in string.Formatter().parse(text) if name}
                  for text in (english, japanese)]
        if "." not in english or " " in english:   # a template (not a "kind.code" word)
            assert parsed[1] <= parsed[0] and parsed[0] - parsed[1] <= {("s", "")}, english   # no plural "s" in Japanese


def _expanded(line: str) -> list[str]:
    """The line as terminal columns: a wide character, then an empty filler column."""
    return [part for ch in line for part in ((ch, "") if display_width(ch) == 2 else (ch,))]


def _assert_lined_up(lines: list[str], columns: list[Column]) -> None:
    """Every row's cell ends (right-aligned) or starts (left-aligned) in its heading's column."""
    heading_line = next(i for i, line in enumerate(lines) if all(c.heading in line for c in columns))
    header, rows = lines[heading_line], []
    for line in lines[heading_line + 1:]:
        if not line or "、" in line or ", " in line:   # the table ends at a blank line or prose
            break
        rows.append(line)
    at = 0
    edges = []
    for c in columns:
        found = header.index(c.heading, at)
        start = display_width(header[:found])
        edges.append((c.align, start, start + display_width(c.heading)))
        at = found + len(c.heading)
    assert rows
    for row in rows:
        if row.lstrip().startswith(("...", "----")):
            continue
        cells = _expanded(row)
        for align, start, end in edges:
            if align == ">":
                assert cells[end - 1] != " " and (end == len(cells) or cells[end] == " "), (row, header)
            else:
                assert cells[start] != " " and (start == 0 or cells[start - 1] == " "), (row, header)


def _said(columns, say=JA) -> list[Column]:
    return [Column(say.word("outcome_name", c.heading) if c.heading in OUTCOMES else say(c.heading), c.width, c.align, c.gap)
            for c in columns]


@pytest.mark.parametrize("name, columns", [
    ("run", STEP_COLUMNS), ("race", RACE_TABLE), ("population", POPULATION_TABLE), ("learn", LEARN_COLUMNS),
    ("losses", LOSSES_TABLE),
    ("sweep", (*SWEEP_TABLE, *(Column(JA.word("place", p) if p == "elsewhere" else JA("at {place}", place=JA.word("place", p)),
                                      PLACE_COLUMN.width, gap=1) for p in ("watermelon", "hollow", "elsewhere"))))])
def test_japanese_columns_line_up_under_their_headings(printed, name, columns):
    lines = printed[name]["ja"].splitlines()
    said = _said(columns) if name != "sweep" else _said(columns[:len(SWEEP_TABLE)]) + list(columns[len(SWEEP_TABLE):])
    _assert_lined_up([line.split("  止まった所")[0] for line in lines], said)
    _assert_lined_up(printed[name]["en"].splitlines(), list(columns) if name != "sweep" else
                     list(SWEEP_TABLE) + [Column(h, 13) for h in ("at watermelon", "at hollow", "elsewhere")])


def test_a_table_pads_wide_characters_by_their_terminal_width():
    lines = table([Column("名前", align="<", gap=0), Column("値", 3)], [("スイカ", "1"), ("a", "22")])
    assert lines == ["名前     値", "スイカ    1", "a        22"]
    assert {display_width(line) for line in lines} == {11}


@pytest.mark.parametrize("scenario", [SCENARIOS["beach"], SCENARIOS["dunes"], SCENARIOS["saddle"], SCENARIOS["flat"],
                                      SCENARIOS["sea"], Scenario(reach=0, max_steps=3, noise=0.1, schedule="cosine")])
def test_every_ending_of_a_run_reads_in_japanese(scenario):
    result = Walk(scenario).run()
    text = run_summary(result, say=JA)
    assert "結果: " + JA.word("outcome_name", result.outcome) in text and "スイカ (" in text
    assert run_summary(result) == run_summary(result, say=terminal("en", strict=True))   # English as written


def test_every_ground_a_stuck_player_names_has_its_japanese():
    for ground, text in GROUND_TEXT.items():
        assert JA(text) != text and JA.word("ground", ground) != ground


@pytest.mark.parametrize("settings", [LearnSettings(epochs=2, limit=200), LearnSettings(epochs=2, hidden=5, limit=200),
                                      LearnSettings(epochs=2, lr=100, limit=200), LearnSettings(epochs=2, lr=1e308, limit=200)])
def test_learn_table_reads_in_japanese(settings):
    result = learn(settings)
    text = learn_table(result, say=JA)
    assert text.startswith("エポック") and ("発散" in text) == result.diverged


def test_the_command_line_speaks_japanese_with_lang_ja_or_a_japanese_locale(monkeypatch):
    assert "結果: 命中" in cli("run", "--lang", "ja").stdout
    assert "結果: 命中" in cli("--lang", "ja", "run").stdout
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    assert "結果: 命中" in cli("run").stdout
    assert "outcome: hit" in cli("run", "--lang", "en").stdout
    assert '"outcome": "hit"' in cli("run", "--json").stdout   # JSON is for programs: English in every language


def test_progress_lines_follow_the_language(monkeypatch):
    from game.cli import outputs

    monkeypatch.setattr(outputs, "PROGRESS_EVERY", 0.0)   # a line at every report, off a terminal
    for lang, words in (("ja", "歩目 (最大 30 歩)"), ("en", "of at most 30")):
        assert words in cli("run", "--steps", "30", "--lang", lang).stderr
    assert "人中" in cli("sweep", "--lrs", "0.1", "--starts", "2", "--steps", "3", "--lang", "ja").stderr
    assert "マスを歩いた" in cli("sweep", "--grid", "lr=0.1:1:2,momentum=0:0.5:2", "--optimizer", "momentum",
                               "--starts", "2", "--steps", "3", "--jobs", "1", "--lang", "ja").stderr
    assert "エポック 1 / 1" in cli("learn", "--epochs", "1", "--lang", "ja").stderr


@pytest.mark.parametrize("stop, status, words", [(KeyboardInterrupt, 130, "中断しました"), (None, 143, "終了させられました")])
def test_an_interrupted_command_says_so_in_its_language(monkeypatch, stop, status, words):
    import main

    def stopped(args):
        raise stop or main.Terminated
    monkeypatch.setitem(main.COMMANDS, "run", stopped)
    ran = cli("run", "--lang", "ja")
    assert (ran.returncode, ran.stdout, ran.stderr) == (status, "", f"main.py: {words}\n")
    assert cli("run", "--lang", "en").stderr.endswith(("interrupted\n", "terminated\n"))
