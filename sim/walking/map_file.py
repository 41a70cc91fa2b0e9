"""A hyperparameter map read back from the JSON that ``sweep --grid --json`` (or ``--out FILE.json``)
wrote: ``load_map(path)``, ``map_from_dict(doc)``.

Every part is checked as a scenario file is: the file's size and kind, then its shape (the axes,
the starts, the scenario, one row per cell in the map's order, counts that add up, shares that
agree with them). A bad file is a ValueError naming what is wrong. Theory's edge is worked out
again from the scenario and the axes.
"""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from sim.beach.scenario import Scenario, ScenarioError, read_small_file
from sim.reports.brief import brief
from sim.walking.grid import GRID_PARAMETERS, MEASURES, Axis, HyperparameterMap, MapCell, check_map, map_theory
from sim.walking.ground import GROUNDS
from sim.walking.racers import MAX_COUNT
from sim.walking.swarm import OUTCOMES

MAX_MAP_BYTES = 64 * 1024 * 1024   # the largest map file read (some 100,000 cells)


def load_map(path: str | Path) -> HyperparameterMap:
    """The map in the JSON file ``path``; ValueError (naming the file) for anything else."""
    raw = read_small_file(Path(path), "map", MAX_MAP_BYTES, "a map of that size is not read")
    where = f"map file {brief(str(path), 80)}"
    try:
        doc = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as err:
        raise ValueError(f"{where} is not UTF-8 text: {err}") from None
    except (json.JSONDecodeError, RecursionError, ValueError) as err:
        raise ValueError(f"{where} is not valid JSON: {brief(str(err), 120)}") from None
    try:
        return map_from_dict(doc)
    except ValueError as err:
        raise ValueError(f"{where}: {err}") from None


def map_from_dict(doc: Any) -> HyperparameterMap:
    """The map of a document as HyperparameterMap.to_dict() writes it; ValueError names what is wrong."""
    if not isinstance(doc, dict) or not {"axes", "starts", "rows", "scenario"} <= set(doc):
        raise ValueError("expected the JSON object sweep --grid --json writes (with axes, starts, rows, scenario)")
    scenario = _scenario(doc["scenario"])
    axes = _axes(doc["axes"])
    starts = doc["starts"]
    try:
        check_map(scenario, axes, starts)
    except ValueError as err:
        raise ValueError(f"not a map this program makes: {err}") from None
    rows = doc["rows"]
    a, b = axes
    if not isinstance(rows, list) or len(rows) != len(a.values) * len(b.values):
        raise ValueError(f"rows must be a list of one row per cell ({len(a.values)} x {len(b.values)} = "
                         f"{len(a.values) * len(b.values):,}), got {brief(type(rows).__name__)} "
                         f"of {len(rows) if isinstance(rows, list) else 0:,}")
    probe = HyperparameterMap(scenario, axes, starts, [], map_theory(scenario, axes))
    cells = [_cell(row, k, probe) for k, row in enumerate(rows)]
    return HyperparameterMap(scenario, axes, starts, cells, probe.theory)


def _scenario(fields: Any) -> Scenario:
    if not isinstance(fields, dict):
        raise ValueError(f"scenario must be an object of the scenario's fields, got {brief(fields)}")
    try:
        return Scenario().replace(**fields)
    except (ScenarioError, TypeError) as err:
        raise ValueError(f"scenario: {err}") from None


def _axes(axes: Any) -> tuple[Axis, Axis]:
    if not isinstance(axes, list) or len(axes) != 2:
        raise ValueError(f"axes must be a list of two axes, got {brief(axes)}")
    out = []
    for axis in axes:
        if not isinstance(axis, dict) or axis.get("name") not in GRID_PARAMETERS:
            raise ValueError(f"an axis must name one of {', '.join(GRID_PARAMETERS)}, got {brief(axis)}")
        values = axis.get("values")
        if (not isinstance(values, list) or not 2 <= len(values) <= MAX_COUNT
                or not all(_is_number(v) for v in values)
                or not all(x < y for x, y in zip(values, values[1:]))):
            raise ValueError(f"axis {axis['name']}'s values must be 2 to {MAX_COUNT:,} finite numbers, rising")
        out.append(Axis(axis["name"], tuple(float(v) for v in values)))
    return out[0], out[1]


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _count(row: dict, key: str, k: int) -> int:
    value = row.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"row {k + 1}: {key} must be a whole number >= 0, got {brief(value)}")
    return value


def _cell(row: Any, k: int, result: HyperparameterMap) -> MapCell:
    """Row ``k`` (0-based) as the map's cell k, checked against the axes and itself."""
    a, b = result.axes
    i, j = k % len(a.values), k // len(a.values)
    if not isinstance(row, dict):
        raise ValueError(f"row {k + 1} must be an object, got {brief(row)}")
    if row.get(a.name) != a.values[i] or row.get(b.name) != b.values[j]:
        raise ValueError(f"row {k + 1} must be the cell {a.name} = {a.values[i]:g}, {b.name} = {b.values[j]:g} "
                         f"(cells run along {a.name} first), got {brief(row.get(a.name))}, {brief(row.get(b.name))}")
    players = _count(row, "players", k)
    if players != result.starts:
        raise ValueError(f"row {k + 1}: players must be the map's starts ({result.starts}), got {players}")
    outcomes = {o: _count(row, o, k) for o in OUTCOMES}
    grounds = {g: _count(row, f"stuck_{g}", k) for g in GROUNDS}
    ended_at = {p: _count(row, f"at_{p}", k) for p in result.places} or None
    if sum(outcomes.values()) != players:
        raise ValueError(f"row {k + 1}: the outcomes add up to {sum(outcomes.values())}, not its {players} players")
    if sum(grounds.values()) != outcomes["stuck"]:
        raise ValueError(f"row {k + 1}: stuck_* add up to {sum(grounds.values())}, not its {outcomes['stuck']} "
                         f"stuck players")
    if ended_at is not None and sum(ended_at.values()) != players:
        raise ValueError(f"row {k + 1}: at_* add up to {sum(ended_at.values())}, not its {players} players")
    for m in MEASURES:
        if m.endswith("_rate") and not (_is_number(row.get(m)) and
                                        math.isclose(row[m], outcomes[m.removesuffix("_rate")] / players)):
            raise ValueError(f"row {k + 1}: {m} must be the share of its count, got {brief(row.get(m))}")
    steps, loss = row.get("median_steps"), row.get("median_final_loss")
    if steps is not None and not (_is_number(steps) and steps >= 0 and outcomes["hit"]):
        raise ValueError(f"row {k + 1}: median_steps must be a number >= 0 (null without hits), got {brief(steps)}")
    if steps is None and outcomes["hit"]:
        raise ValueError(f"row {k + 1}: median_steps is null although {outcomes['hit']} players hit")
    if loss is not None and not _is_number(loss):
        raise ValueError(f"row {k + 1}: median_final_loss must be a number (null: blown up), got {brief(loss)}")
    return MapCell(a.values[i], b.values[j], players, outcomes, None if steps is None else float(steps),
                   math.inf if loss is None else float(loss), grounds, ended_at)
