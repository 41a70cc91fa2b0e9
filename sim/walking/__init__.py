"""Walking downhill: the numerical gradient, optimizers and step-size schedules, the swarm that
walks many players at once, and the plays built on it (a walk, a race, a population, a sweep)."""
