"""Importing this module loads the fused engine's compiled kernels (sim.walking.fused, from
numba's cache; compiled there the first time on a machine) into the process by walking two tiny
swarms, one with noise. The forkserver that a fused sweep's or map's workers are forked from
imports it (sim.walking.jobs.run_parts' preload), so that the workers inherit the kernels instead
of each loading them again (about 2 s of CPU each)."""
from sim.beach.scenario import Scenario
from sim.walking.swarm import Swarm

for _noise in (0.0, 0.5):
    Swarm(Scenario(max_steps=3, noise=_noise), [1.0, 3.0], [2.0, -1.0]).run(engine="fused")
