"""Scenarios: built-ins, TOML files, and validation that names the bad value."""
import pytest

from sim import SCENARIOS, Scenario, ScenarioError, Walk, get_scenario, load_scenario


def test_default_beach_holds_the_ten_metre_square():
    xmin, xmax, ymin, ymax = Scenario().bounds
    assert xmin <= -10 and xmax >= 10 and ymin <= -10 and ymax >= 10
    assert Scenario().h == 1e-4


@pytest.mark.parametrize("name,outcome", [
    ("beach", "hit"), ("one-step", "hit"), ("overshoot", "hit"), ("sea", "diverged"),
    ("tiny-steps", "max_steps"), ("steady", "hit"), ("flat", "stuck"), ("pit", "stuck")])
def test_built_in_scenarios_end_as_their_names_promise(name, outcome):
    assert Walk(SCENARIOS[name]).run().outcome == outcome


def test_overshoot_scenario_passes_the_watermelon():
    trace = Walk(SCENARIOS["overshoot"]).run().trace
    tx = SCENARIOS["overshoot"].target[0]
    signs = {(r.x - tx) > 0 for r in trace}
    assert signs == {True, False}


def test_toml_file_overrides_a_base(tmp_path):
    path = tmp_path / "cove.toml"
    path.write_text('base = "overshoot"\nstart = [1, -4]\ntarget = [-2.5, 3]\nreach = 0.25\n'
                    'bounds = [-20, 20, -15, 15]\nmax_steps = 99\n')
    s = load_scenario(path)
    assert s.name == "cove" and s.lr == 1.6 and s.start == (1.0, -4.0) and s.target == (-2.5, 3.0)
    assert s.bounds == (-20.0, 20.0, -15.0, 15.0) and s.max_steps == 99 and s.reach == 0.25
    assert get_scenario(str(path)) == s


def test_toml_expression_makes_a_custom_loss(tmp_path):
    path = tmp_path / "bowl.toml"
    path.write_text('expr = "abs(x-tx) + abs(y-ty)"\n')
    s = load_scenario(path)
    assert s.loss == "custom" and s.expr == "abs(x-tx) + abs(y-ty)"


@pytest.mark.parametrize("text,message", [
    ("lr = ", "not valid TOML"),
    ("speed = 3", "unknown key 'speed'"),
    ('base = "moon"', "unknown base 'moon'"),
    ("lr = -0.1", "lr must be a positive number"),
    ('lr = "fast"', "lr must be a number"),
    ("start = [1]", "start must be a pair"),
    ("start = [50, 0]", "start (50, 0) must be on the beach"),
    ("target = [0, -13]", "target (0, -13) must be on the beach"),
    ("bounds = [5, -5, -5, 5]", "xmin < xmax"),
    ("h = 1e-16", "h must be between"),
    ("h = 0", "h must be between"),
    ("tol = -1", "tol must be >= 0"),
    ("reach = nan", "reach must be a finite number"),
    ("max_steps = 2.5", "max_steps must be a whole number"),
    ("max_steps = -1", "max_steps must be a whole number"),
    ("seed = true", "seed must be a whole number"),
    ('loss = "cubic"', "unknown loss 'cubic'"),
    ('loss = "custom"', "needs an expression"),
    ('expr = "import os"', "expression"),
])
def test_bad_scenario_files_name_the_problem(tmp_path, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text + "\n")
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    assert message in str(err.value) and "bad.toml" in str(err.value)
    assert "\n" not in str(err.value)


def test_missing_and_unknown_scenarios():
    with pytest.raises(ScenarioError, match="does not exist"):
        get_scenario("nowhere.toml")
    with pytest.raises(ScenarioError, match="unknown scenario 'moon'.*beach"):
        get_scenario("moon")


def test_replace_validates_and_switches_loss():
    s = Scenario().replace(expr="hypot(x-tx, y-ty)")
    assert s.loss == "custom"
    assert s.replace(loss="distance").expr is None
    with pytest.raises(ScenarioError, match="lr"):
        Scenario().replace(lr=0)


def test_rng_is_seeded():
    a, b = Scenario(seed=5).rng(), Scenario(seed=5).rng()
    assert a.random() == b.random()


@pytest.mark.parametrize("text", [
    "a" + ".a" * 30_000 + " = 1",                                      # one key of 30,001 parts: a minute to parse
    "".join(f"{'.'.join(['a'] * 500)}.k{i} = 1\n" for i in range(60)),   # many long dotted keys
    "[" + ".".join(["t"] * 4000) + "]\nlr = 0.1\n",                      # a long table header
    "x = {" + ",".join(".".join(["k"] * 9) + f"{i} = 1" for i in range(200)) + "}",   # inside an inline table
])
def test_toml_shapes_the_parser_is_slow_on_are_refused_before_parsing(tmp_path, monkeypatch, text):
    import tomllib

    monkeypatch.setattr(tomllib, "loads", lambda _: pytest.fail("the parser was given the file"))
    (tmp_path / "s.toml").write_text(text)
    with pytest.raises(ScenarioError, match="more than 8 dotted parts"):
        load_scenario(tmp_path / "s.toml")


def test_dots_in_strings_comments_and_numbers_are_no_key_parts(tmp_path):
    (tmp_path / "s.toml").write_text('expr = "0.1*x + 0.2*y + 0.3*x + 0.4*y + 0.5*x + 0.6*y + 0.7*x + 0.8*y + 0.9"\n'
                                     "# a comment. with. many. dots. in. it. . . . . .\n"
                                     "bounds = [-10.5, 10.5, -8.5, 8.5]\nlr = 0.25\n"
                                     "race = '''0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9'''\n")
    s = load_scenario(tmp_path / "s.toml")
    assert s.bounds == (-10.5, 10.5, -8.5, 8.5) and s.lr == 0.25


def test_a_scenario_file_key_by_its_command_line_name_gets_a_did_you_mean(tmp_path):
    for key, guess in (("steps", "max_steps"), ("stpes", "max_steps"), ("targte", "target")):
        (tmp_path / "s.toml").write_text(f"{key} = 3\n")
        with pytest.raises(ScenarioError, match=f"unknown key '{key}' \\(did you mean {guess}\\?"):
            load_scenario(tmp_path / "s.toml")
