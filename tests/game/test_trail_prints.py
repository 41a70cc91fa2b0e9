"""Footprints kept from frame to frame: the same pixels as drawing every print anew, frame after
frame, as a race walks on, the camera moves, a trail walks off the sand and into the waves, and
the race starts again; the waves never draw where the trail layer is blitted."""
import numpy as np
import pygame

from game.camera import Camera
from game.drawers import beach, trail
from game.drawers.racers import racer_colour

BOUNDS = (-12.0, 12.0, -12.0, 12.0)
SIZE = (480, 320)


def _sand(xs, ys):
    return (np.abs(xs) <= 12) & (np.abs(ys) <= 12)


def _frame(cam, trails, keep):
    surf = pygame.Surface(SIZE)
    surf.fill((230, 210, 160))
    for xs, ys, colour, shift in trails:
        trail.draw_trail(surf, cam, xs, ys, _sand(xs, ys), colour, shift, keep=keep)
    return pygame.image.tobytes(surf, "RGB")


def _walks(seed=1, rows=600):
    rng = np.random.default_rng(seed)
    return [np.cumsum(rng.normal(0.05 * (i + 1), 0.3, (2, rows)), axis=1) - 8 for i in range(3)]


def test_kept_prints_draw_the_same_pixels_as_fresh_ones():
    walks = _walks()
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


def _beach(surf, under):
    """A beach that is not flat, different for each ``under``, as the scene's world layer is."""
    px = pygame.surfarray.pixels3d(surf)
    x, y = np.mgrid[0:SIZE[0], 0:SIZE[1]]
    px[...] = np.stack([(x * 3 + y + 40 * under) % 256, (y * 2 + 90) % 256, (x + 7 * under) % 256], -1)
    del px


def test_the_trail_layer_draws_what_drawing_every_trail_anew_draws_under_the_waves():
    """Frame by frame, the layer (update on the beach, the waves, draw) against the waves and every
    trail drawn anew: the same pixels as trails grow (a step at a time and many at once), stand
    still, leave the sand through the waves, pass MAX_PRINTS, the camera moves, the beach under
    them changes and the race starts again."""
    walks = _walks(2, 520)
    cams = [Camera.for_beach(BOUNDS, (0, 0) + SIZE), Camera.for_beach(BOUNDS, (20, 10, 440, 300))]
    layer = trail.TrailLayer()
    redrawn = 0
    plan = [(n, 0, 0) for n in (1, 2, 2, 3, 40, 41, 41, 120, 121)] + [(121, 1, 0), (122, 1, 0), (123, 1, 1),
                                                                      (124, 1, 1), (300, 1, 1), (420, 1, 1),
                                                                      (421, 1, 1), (520, 1, 1), (5, 1, 1), (6, 1, 1)]
    for t, (n, c, under) in enumerate(plan):
        cam = cams[c]
        trails = [trail.Trail(w[0][:n], w[1][:n], _sand(w[0][:n], w[1][:n]), racer_colour(i), (2.0 * i, -1.0 * i))
                  for i, w in enumerate(walks)]
        fresh, kept = pygame.Surface(SIZE), pygame.Surface(SIZE)
        for surf in (fresh, kept):
            _beach(surf, under)
            surf.set_clip(pygame.Rect(cam.rect))
        layer.update(kept, cam, trails, under)
        for surf in (fresh, kept):
            beach.draw_waves(surf, cam, BOUNDS, t * 0.7)
        for tr in trails:
            tr.draw(fresh, cam)
        layer.draw(kept, beach.wave_free(cam, BOUNDS))
        assert pygame.image.tobytes(kept, "RGB") == pygame.image.tobytes(fresh, "RGB"), (t, n, c, under)
        redrawn += layer._area.w > 0
    assert redrawn == len(plan)
    free = beach.wave_free(cams[1], BOUNDS)
    ends = [(w[0][-1], w[1][-1]) for w in walks]
    assert any(not free.collidepoint(cams[1].to_screen(x, y)) for x, y in ends)   # a trail reached the waves


def test_the_waves_never_draw_on_the_sand_they_leave_free():
    for rect in ((0, 0, 480, 320), (0, 0, 880, 720), (0, 0, 300, 500)):
        cam = Camera.for_beach(BOUNDS, rect)
        free = beach.wave_free(cam, BOUNDS)
        sand = beach.sand_rect(cam, BOUNDS)
        assert free.w > sand.w * 0.8 and free.h > sand.h * 0.7
        surf = pygame.Surface(rect[2:])
        for t in np.linspace(0, 60, 90):
            surf.fill((0, 0, 0))
            beach.draw_waves(surf, cam, BOUNDS, float(t))
            assert not pygame.surfarray.pixels3d(surf)[free.left:free.right, free.top:free.bottom].any(), (rect, t)
        touched = pygame.surfarray.pixels3d(surf)[sand.left:sand.right, sand.top:sand.bottom].any(-1)
        assert touched.any()   # they do draw on the sand, outside free


def test_a_trace_thinned_in_place_gets_its_arrays_anew():
    """A walk kept for a picture (sim Walk ``thin``) thins its trace list in place: the drawing's
    arrays follow it, not the rows it had."""
    from game.modes.beach_parts import TraceArrays
    from sim import Scenario, Walk

    walk = Walk(Scenario(max_steps=30, reach=0, tol=0))
    walk.run()
    arrays = TraceArrays()
    assert np.array_equal(arrays.xy(walk.trace, 31)[0], [r.x for r in walk.trace])
    walk.trace[:] = walk.trace[::3]   # as thinning does: fewer rows, the same list
    xs, ys = arrays.xy(walk.trace, len(walk.trace))
    assert np.array_equal(xs, [r.x for r in walk.trace]) and np.array_equal(ys, [r.y for r in walk.trace])
    walk.trace[:] = walk.trace[:5] + walk.trace[6:]   # as many rows as cached before? a row gone in the middle
    assert np.array_equal(arrays.xy(walk.trace, 9)[0], [r.x for r in walk.trace[:9]])
