"""Footprints kept from frame to frame: the same pixels as drawing every print anew, frame after
frame, as a race walks on, the camera moves, and a trail walks off the sand."""
import numpy as np
import pygame

from game.camera import Camera
from game.drawers import trail
from game.drawers.racers import racer_colour


def _frame(cam, trails, keep):
    surf = pygame.Surface((480, 320))
    surf.fill((230, 210, 160))
    for xs, ys, colour, shift in trails:
        sand = (np.abs(xs) <= 12) & (np.abs(ys) <= 12)
        trail.draw_trail(surf, cam, xs, ys, sand, colour, shift, keep=keep)
    return pygame.image.tobytes(surf, "RGB")


def test_kept_prints_draw_the_same_pixels_as_fresh_ones():
    rng = np.random.default_rng(1)
    walks = [np.cumsum(rng.normal(0.05 * (i + 1), 0.3, (2, 600)), axis=1) - 8 for i in range(3)]
    cam = Camera((-12.0, 12.0, -12.0, 12.0), (0, 0, 480, 320))
    moved = Camera((-10.0, 14.0, -12.0, 12.0), (0, 0, 480, 320))
    trail._finished.clear()
    frames = 0
    for n in (1, 2, 3, 50, 50, 51, 180, 450, 600):   # rows so far (the same count twice: a frame without a step)
        for c in (cam, moved) if n == 180 else (cam,):
            trails = [(w[0][:n], w[1][:n], racer_colour(i), (3.0 * i, -2.0 * i)) for i, w in enumerate(walks)]
            assert _frame(c, trails, True) == _frame(c, trails, False), (n, c)
            frames += 1
    assert frames == 10 and len(trail._finished) >= 3   # the prints were kept, per racer
    assert any(not ((np.abs(w) <= 12).all()) for w in walks)   # some walk left the sand
