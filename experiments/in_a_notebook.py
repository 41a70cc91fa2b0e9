"""Suika-wari in a notebook: a walk, a race, a population and a sweep as inline pictures.

The same steps as the notebook experiments/in_a_notebook.ipynb, as a plain script that needs no
Jupyter: game.notebook's ``picture`` and ``animation`` give objects that a notebook shows inline
(``_repr_png_``, ``_repr_html_``); here their bytes are saved instead. No window opens.

Writes notebook_walk.png, notebook_walk.gif, notebook_race.png, notebook_population.png and
notebook_sweep.png.
"""
from __future__ import annotations

from common import options
from sim import Population, Race, Scenario, Walk, sweep


def pictures(lang: str = "en") -> dict[str, object]:
    """What the notebook shows, by file name: each a game.notebook Picture or Animation."""
    from game.notebook import animation, picture

    walk = Walk(Scenario(lr=0.3))              # one blindfolded player, walked to its end
    walk.run()
    race = Race(Scenario(), [0.1, 0.5, 1.9])   # three step sizes from the same start
    race.run()
    population = Population(Scenario(), 200)  # 200 seeded random starts, groups A and B
    population.run()
    lrs = sweep(Scenario(), [0.01, 0.03, 0.1, 0.3, 0.5, 1.0, 1.5, 1.9, 2.5], starts=50)
    return {"walk.png": picture(walk, lang=lang),
            "walk.gif": animation(walk, lang=lang),     # the walk as the window plays it
            "race.png": picture(race, lang=lang),
            "population.png": picture(population, lang=lang),
            "sweep.png": picture(lrs, lang=lang)}


def main() -> None:
    args = options(__doc__.splitlines()[0])
    written = []
    for name, shown in pictures(args.lang).items():
        shown.save(args.out / f"notebook_{name}")
        written.append(str(args.out / f"notebook_{name}"))
    print(f"wrote {', '.join(written)}")


if __name__ == "__main__":
    main()
