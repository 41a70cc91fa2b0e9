"""The shipped font: found from anywhere, renders every text of the game, stays small."""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pygame
import pytest

from game import assets, i18n
from game.drawers import friends

REPO = Path(__file__).resolve().parents[2]
FONT_FILES = [assets.FONT_REGULAR, assets.FONT_BOLD]


def test_assets_dir_is_the_repos_assets_folder():
    assert assets.ASSETS_DIR == REPO / "assets"
    assert assets.asset_path("fonts", "LICENSE-OFL.txt").is_file()
    for f in FONT_FILES:
        assert f.is_file()


def test_asset_paths_work_from_another_working_directory(tmp_path):
    code = (
        "from game import assets; p = assets.asset_path('sounds', 'split.wav');"
        "print(p.is_absolute() and p.is_file(), assets.font(16).get_height() > 0)"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO), "SDL_VIDEODRIVER": "dummy"}
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env,
                         capture_output=True, text=True, check=True)
    assert out.stdout.split()[-2:] == ["True", "True"]


def _glyph_checker():
    """A function telling whether the shipped regular font has a glyph for a character."""
    try:
        from fontTools.ttLib import TTFont
    except ImportError:
        # pygame.font's metrics() reports the .notdef box for a missing glyph; freetype says None
        import pygame.freetype

        pygame.freetype.init()
        face = pygame.freetype.Font(assets.FONT_REGULAR, 16)
        return lambda ch: face.get_metrics(ch)[0] is not None
    cmap = TTFont(assets.FONT_REGULAR).getBestCmap()
    return lambda ch: ord(ch) in cmap


def test_the_glyph_check_can_fail():
    has = _glyph_checker()
    assert has("右") and has("A")
    assert not has("한") and not has("鬱")  # Hangul and rare kanji are not in the subset


def _all_strings():
    for lang in i18n.LANGS:
        yield from i18n.TEXTS[lang].values()
        for vec in ((1, 0), (1, 1), (0, 1), (-1, 1), (-1, 0), (-1, -1), (0, -1), (1, -1)):
            for norm in (0.1, 1.0, 10.0):
                yield friends.shout(*vec, norm, lang)


def test_every_character_of_every_text_has_a_glyph():
    has = _glyph_checker()
    missing = sorted({ch for s in _all_strings() for ch in s if not ch.isspace() and not has(ch)})
    assert missing == []


def test_both_weights_have_the_same_characters():
    import pygame.freetype

    pygame.freetype.init()
    regular = pygame.freetype.Font(assets.FONT_REGULAR, 16)
    bold = pygame.freetype.Font(assets.FONT_BOLD, 16)
    sample = "".join(chr(cp) for cp in range(0x20, 0xFFFF) if not 0xD800 <= cp < 0xE000)
    has_regular = [m is not None for m in regular.get_metrics(sample)]
    has_bold = [m is not None for m in bold.get_metrics(sample)]
    assert has_regular == has_bold
    assert 1500 < sum(has_regular) < 2000  # the subset: kana, kyouiku kanji, punctuation, texts


def test_fonts_are_small_and_licensed():
    assert sum(f.stat().st_size for f in FONT_FILES) < 1.5e6
    licence = assets.asset_path("fonts", "LICENSE-OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Adobe" in licence


def test_readme_names_every_asset_with_its_licence():
    readme = assets.asset_path("README.md").read_text(encoding="utf-8")
    for path in sorted(assets.ASSETS_DIR.rglob("*")):
        if path.is_file() and path.name != "README.md":
            assert path.name in readme, path.name
    for word in ("OFL", "MIT", "make_font.py", "make_sounds.py"):
        assert word in readme


def test_font_is_cached_per_size_and_weight_and_checks_its_size():
    assert assets.font(20) is assets.font(20)
    assert assets.font(20) is not assets.font(20, bold=True)
    assert assets.font(40).get_height() > 1.8 * assets.font(20).get_height()
    assert assets.font(np.int64(20)) is assets.font(20)
    for bad in (0, -3, 2.5, True, "20"):
        with pytest.raises(ValueError, match="positive integer"):
            assets.font(bad)


def test_font_survives_pygame_being_quit_and_restarted():
    before = assets.font(22)
    pygame.font.quit()
    after = assets.font(22)
    assert after is not before
    assert after.render("割れた!", True, (0, 0, 0)).get_width() > 50


def test_japanese_characters_render_as_distinct_shapes_not_tofu():
    chars = "右左前後割スイカ勾配損失!"
    surfaces = [assets.text(c, 32, (0, 0, 0)) for c in chars]
    shapes = {pygame.image.tobytes(s, "RGBA") for s in surfaces}
    assert len(shapes) == len(chars)
    missing = pygame.font.Font(assets.FONT_REGULAR, 32).render("한", True, (0, 0, 0))
    assert pygame.image.tobytes(missing, "RGBA") not in shapes
    # a full-width kanji is about as wide as the font size
    assert 28 <= assets.text("右", 32, (0, 0, 0)).get_width() <= 36


def test_text_is_antialiased_in_the_asked_colour_and_cached():
    s = assets.text("スイカ割り", 24, (200, 30, 40))
    assert s is assets.text("スイカ割り", 24, pygame.Color(200, 30, 40))
    alphas = {s.get_at((x, y)).a for x in range(s.get_width()) for y in range(s.get_height())}
    assert 255 in alphas and 0 in alphas and len(alphas) > 10  # solid, clear and soft edges
    solid = [s.get_at((x, y)) for x in range(s.get_width()) for y in range(s.get_height())
             if s.get_at((x, y)).a == 255]
    assert all(tuple(c)[:3] == (200, 30, 40) for c in solid)
    bold = assets.text("スイカ割り", 24, (200, 30, 40), bold=True)
    assert _ink(bold) > 1.2 * _ink(s)


def _ink(surface: pygame.Surface) -> int:
    """Total alpha of a rendered text: how much ink it puts down."""
    return sum(surface.get_at((x, y)).a for x in range(surface.get_width())
               for y in range(surface.get_height()))
