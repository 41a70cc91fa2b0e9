"""main.py lesson (and play --lesson): a chapter's screenshot headless, and one-line refusals."""
import pygame
import pytest

from tests.clitools import assert_one_line_error, cli


def test_lesson_screenshot_of_a_chapter_in_japanese(tmp_path):
    out = tmp_path / "c2.png"
    r = cli("lesson", "--chapter", "2", "--lang", "ja", "--size", "960x540", "--max-frames", "2",
            "--screenshot", str(out), "--mute")
    assert r.returncode == 0, r.stderr
    shot = pygame.image.load(str(out))
    assert shot.get_size() == (960, 540)
    from game.lesson.lesson import CARD_BG
    assert tuple(shot.get_at((2, 539)))[:3] == CARD_BG          # the caption card along the bottom


def test_play_lesson_is_the_lesson(tmp_path):
    out = tmp_path / "c1.png"
    r = cli("play", "--lesson", "--max-frames", "1", "--screenshot", str(out), "--mute")
    assert r.returncode == 0, r.stderr and out.is_file()


@pytest.mark.parametrize("args, words", [
    (("lesson", "--chapter", "0"), "--chapter: expected 1 to"),
    (("lesson", "--chapter", "99"), "--chapter: expected 1 to"),
    (("lesson", "--text-scale", "3"), "--text-scale: expected one of 1, 1.25, 1.5, 1.75"),
    (("lesson", "--screenshot", "x.txt"), "--screenshot"),
    (("play", "--chapter", "2"), "needs --lesson"),
    (("play", "--lesson", "--lr", "0.1"), "does not apply with --lesson"),
    (("play", "--lesson", "--learn"), "does not apply with --lesson"),
])
def test_bad_lesson_input_is_one_line(args, words):
    r = cli(*args)
    assert_one_line_error(r.returncode, r.stdout, r.stderr)
    assert words in r.stderr


def test_help_names_the_lessons_text_scales():
    from game.lesson.lesson import TEXT_SCALES

    r = cli("lesson", "--help")
    assert r.returncode == 0
    text = " ".join(r.stdout.split())
    assert ", ".join(f"{s:g}" for s in TEXT_SCALES[:-1]) + f" or {TEXT_SCALES[-1]:g}" in text
