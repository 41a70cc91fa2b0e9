"""A sweep of several optimizers is drawn with one line per optimizer, named in the legend, and
theory's edges (plain gd's) only where they apply."""
from game.experiment_charts import sweep_charts
from sim.beach.scenario import Scenario, get_scenario
from sim.walking.sweep import sweep


def test_one_line_per_optimizer_and_the_traps_of_a_beach():
    result = sweep(get_scenario("decoys"), [0.05, 0.5], starts=8, optimizers=["gd", "momentum", "adam"])
    specs = sweep_charts(result)
    assert len(specs) == 4 and "at a decoy" in specs[3].title
    for spec in specs:
        lines = [s for s in spec.series if s.style == "line"]
        assert [s.label for s in lines] == ["gd", "momentum", "adam"]
        assert len({s.color for s in lines}) == 3
    hit_rates = [list(s.ys) for s in specs[0].series if s.style == "line"]
    assert hit_rates == [[r.hit_rate for r in result.rows if r.optimizer == name] for name in ("gd", "momentum", "adam")]
    decoys = [r.ended_at["decoy"] / r.players for r in result.rows if r.optimizer == "adam"]
    assert list(specs[3].series[4].ys) == decoys
    assert specs[0].markers   # gd is among them, with a constant lr: its edges hold


def test_edges_are_left_out_where_gd_theory_does_not_hold():
    for scenario, names in ((Scenario(), ["momentum", "adam"]), (Scenario(noise=0.1), ["gd", "adam"]),
                            (Scenario(schedule="cosine"), ["gd", "adam"])):
        specs = sweep_charts(sweep(scenario, [0.1, 1.0], starts=2, optimizers=names))
        assert all(not spec.markers for spec in specs)


def test_gd_edges_wear_a_colour_no_optimizer_line_wears_and_say_they_are_gd_s():
    names = ["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"]   # every optimizer, every colour in use
    for lang, says in (("en", "gd theory"), ("ja", "gdの理論")):
        specs = sweep_charts(sweep(Scenario(), [0.5, 1.5], starts=2, optimizers=names), lang)
        for spec in specs:
            line_colours = {s.color for s in spec.series}
            assert [m.x for m in spec.markers] == [1.0, 2.0]
            assert all(m.color not in line_colours and m.label.startswith(says) for m in spec.markers)
