"""Suika-wari's simulation core: numpy only, no screen.

The blindfolded player is a parameter vector (x, y), the watermelon the target t; the loss says
how far off the player is, and gradient descent on a numerical derivative walks it downhill.
"""
from sim.learning.output_losses import cross_entropy_error, sum_squared_error
from sim.walking.blindfold import BlindfoldGame, IllegalMove
from sim.walking.cell_walk import CellWalk
from sim.walking.curvature import StepSizeEdges, step_size_edges
from sim.beach.expr import Expression, ExpressionError, compile_expression
from sim.walking.gradient import numerical_gradient, probe_points
from sim.walking.map_file import load_map
from sim.walking.grid import HyperparameterMap, hyperparameter_map, parse_grid
from sim.learning.learn import LearnResult, LearnSettings, learn
from sim.beach.losses import LOSS_NAMES, Loss, make_loss
from sim.walking.optimizers import GradientDescent, Optimizer
from sim.walking.play import Play
from sim.walking.population import Population, PopulationResult, spread_starts
from sim.walking.race import Race
from sim.beach.scenario import SCENARIOS, Scenario, ScenarioError, get_scenario, load_scenario
from sim.walking.swarm import OUTCOME_CODES, OUTCOMES, Swarm
from sim.walking.sweep import REGIMES, SweepResult, SweepRow, parse_lrs, sweep
from sim.walking.walk import StepRecord, Walk, WalkResult

__all__ = [
    "LOSS_NAMES", "OUTCOMES", "OUTCOME_CODES", "REGIMES", "SCENARIOS",
    "BlindfoldGame", "CellWalk", "Expression", "ExpressionError", "IllegalMove", "GradientDescent", "HyperparameterMap",
    "LearnResult", "LearnSettings", "Loss", "Optimizer", "Play", "Population",
    "PopulationResult", "Race", "Scenario", "ScenarioError", "StepRecord", "StepSizeEdges",
    "SweepResult", "SweepRow", "Swarm", "Walk", "WalkResult",
    "compile_expression", "cross_entropy_error", "get_scenario", "hyperparameter_map", "learn", "load_map", "load_scenario",
    "make_loss",
    "numerical_gradient", "parse_grid", "parse_lrs", "probe_points", "spread_starts", "step_size_edges",
    "sum_squared_error", "sweep",
]
