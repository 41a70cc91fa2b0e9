"""Hyperparameter maps: where in (lr, momentum) a walk converges, and where noise gets it out of a hollow.

Three maps (sim.hyperparameter_map), every cell walked from the same seeded starts:

- squared: heavy-ball momentum on the squared loss, lr × μ. Theory (a quadratic of curvature c = 1)
  says it converges iff lr < 2(1 + μ): the dashed edge, beyond which every start diverges.
- valley: the same on the valley (curvatures 2 across it and 0.1 along it: the edge is at c = 2).
- dunes: plain gd on the dunes, lr × noise. Without noise small steps settle in the hollows; a
  little noise shakes them out, and more of the starts reach the watermelon.

Writes grid_maps_squared.csv/.png, grid_maps_valley.csv/.png and grid_maps_dunes.csv/.png (one CSV
row per cell; each PNG a panel per measure), sharing the work over every core.
"""
from __future__ import annotations

from common import options
from game.map_charts import save_map_png
from sim import SCENARIOS, hyperparameter_map, parse_grid
from sim.reports.files import csv_text, write_atomic
from sim.walking.jobs import default_jobs

MAPS = {   # name: (scenario, grid, starts)
    "squared": (SCENARIOS["beach"].replace(optimizer="momentum", max_steps=300), "lr=0.05:6:24,momentum=0:0.9:10", 30),
    "valley": (SCENARIOS["valley"].replace(optimizer="momentum"), "lr=0.02:3:24,momentum=0:0.9:10", 20),
    "dunes": (SCENARIOS["dunes"], "lr=0.02:3:10,noise=0:1:5", 20),
}


def main() -> None:
    args = options(__doc__.splitlines()[0])
    for name, (scenario, grid, starts) in MAPS.items():
        result = hyperparameter_map(scenario, parse_grid(grid), starts, jobs=default_jobs())
        write_atomic(args.out / f"grid_maps_{name}.csv", csv_text(result.columns(), result.rows()).encode())
        save_map_png(result, args.out / f"grid_maps_{name}.png", lang=args.lang)
        print(f"{name}: {len(result.cells)} cells x {starts} starts; {result.theory.note or 'no theory edge'}")


if __name__ == "__main__":
    main()
