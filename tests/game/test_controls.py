"""The key and mouse mapping: every control of the issue is bound, and the help lists them all."""
from __future__ import annotations

import pygame
import pytest

from game import i18n
from game.controls import HELP_ROWS, help_lines, KEYS, MOUSE_BUTTONS, SHIFTED, Action, Command, commands
from frames import key

@pytest.mark.parametrize("k, action", [
    (pygame.K_SPACE, Action.PAUSE), (pygame.K_n, Action.STEP), (pygame.K_RIGHT, Action.STEP),
    (pygame.K_r, Action.RESTART), (pygame.K_UP, Action.LR_UP), (pygame.K_DOWN, Action.LR_DOWN),
    (pygame.K_LEFTBRACKET, Action.H_DOWN), (pygame.K_RIGHTBRACKET, Action.H_UP), (pygame.K_l, Action.LOSS),
    (pygame.K_PLUS, Action.SPEED_UP), (pygame.K_EQUALS, Action.SPEED_UP), (pygame.K_KP_PLUS, Action.SPEED_UP),
    (pygame.K_MINUS, Action.SPEED_DOWN), (pygame.K_KP_MINUS, Action.SPEED_DOWN), (pygame.K_s, Action.SCREENSHOT),
    (pygame.K_h, Action.HELP), (pygame.K_F1, Action.HELP), (pygame.K_ESCAPE, Action.QUIT),
    (pygame.K_g, Action.HEATMAP), (pygame.K_a, Action.ARROW), (pygame.K_p, Action.PROBES),
    (pygame.K_t, Action.TRAIL), (pygame.K_y, Action.LOG_SCALE), (pygame.K_m, Action.MUTE),
])
def test_the_issues_keys(k, action):
    assert commands(key(k)) == [Command(action)]


def test_tab_switches_scenario_and_shift_tab_goes_back():
    assert commands(key(pygame.K_TAB)) == [Command(Action.SCENARIO_NEXT)]
    shifted = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_TAB, mod=pygame.KMOD_LSHIFT, unicode="", scancode=0)
    assert commands(shifted) == [Command(Action.SCENARIO_BACK)]


def test_r_restarts_and_shift_r_goes_back_to_the_launched_scenario_and_help_says_which():
    shifted = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_r, mod=pygame.KMOD_RSHIFT, unicode="", scancode=0)
    assert commands(shifted) == [Command(Action.RESET)]
    rows = help_lines("en")
    assert rows["restart"] == ("R", "start again, keeping lr, h, loss, optimizer and places")
    assert rows["reset"] == ("Shift+R", "back to the scenario as launched")


def test_unbound_keys_and_other_events_do_nothing():
    assert commands(key(pygame.K_q)) == []
    assert commands(pygame.event.Event(pygame.KEYUP, key=pygame.K_SPACE, mod=0)) == []
    assert commands(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(5, 5), button=2)) == []


def test_mouse_places_things_and_resize_carries_the_size():
    assert commands(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(10, 20), button=1)) == \
        [Command(Action.PLACE_TARGET, pos=(10, 20))]
    assert commands(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(30.7, 40.2), button=3)) == \
        [Command(Action.PLACE_START, pos=(30, 40))]
    assert commands(pygame.event.Event(pygame.MOUSEMOTION, pos=(7, 8), rel=(1, 0), buttons=(1, 0, 0))) == \
        [Command(Action.PLACE_TARGET, pos=(7, 8))]
    assert commands(pygame.event.Event(pygame.MOUSEMOTION, pos=(7, 8), rel=(1, 0), buttons=(0, 0, 1))) == \
        [Command(Action.PLACE_START, pos=(7, 8))]
    assert commands(pygame.event.Event(pygame.MOUSEMOTION, pos=(5, 6), rel=(1, 1), buttons=(0, 0, 0))) == \
        [Command(Action.POINT, pos=(5, 6))]
    assert commands(pygame.event.Event(pygame.VIDEORESIZE, w=900, h=600, size=(900, 600))) == \
        [Command(Action.RESIZE, size=(900, 600))]
    assert commands(pygame.event.Event(pygame.QUIT)) == [Command(Action.QUIT)]


def test_help_describes_every_bound_action_and_nothing_else():
    described = {a for actions in HELP_ROWS.values() for a in actions}
    bound = set(KEYS.values()) | set(MOUSE_BUTTONS.values()) | set(SHIFTED.values())
    assert bound == described


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_help_names_the_keys_of_each_row(lang):
    names = {pygame.K_SPACE: {"Space", "スペース"}, pygame.K_F1: {"F1"}, pygame.K_ESCAPE: {"Esc"},
             pygame.K_UP: {"↑"}, pygame.K_DOWN: {"↓"}, pygame.K_RIGHT: {"→"}, pygame.K_LEFTBRACKET: {"["},
             pygame.K_RIGHTBRACKET: {"]"}, pygame.K_PLUS: {"+"}, pygame.K_MINUS: {"−", "-"}}
    for row, actions in HELP_ROWS.items():
        text = help_lines(lang)[row][0]
        for k, action in KEYS.items():
            if action in actions and (k in names or pygame.K_a <= k <= pygame.K_z):
                shown = names.get(k, {pygame.key.name(k).upper()})
                assert any(s in text for s in shown), (row, pygame.key.name(k), text)


# The help's rows as they were written by hand before they were read from KEYS: the same words.
HELP_KEYS = {
    "en": ["Space", "N or →", "R", "Shift+R", "↑ / ↓", "[ / ]", "L", "O", "Tab / Shift+Tab", "D", "left click", "right click",
           "+ / −", "G", "A", "P", "T", "Y", "M", "S", "C", "H or F1", "Esc"],
    "ja": ["スペース", "N か →", "R", "Shift+R", "↑ / ↓", "[ / ]", "L", "O", "Tab / Shift+Tab", "D", "左クリック", "右クリック",
           "+ / −", "G", "A", "P", "T", "Y", "M", "S", "C", "H か F1", "Esc"],
}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_help_rows_name_their_keys_in_the_language(lang):
    rows = help_lines(lang)
    assert list(rows) == list(HELP_ROWS)
    assert [keys for keys, _ in rows.values()] == HELP_KEYS[lang]
    assert all(action == i18n.tr(f"help.{row}", lang, optimizers="gd, momentum, nesterov, adagrad, rmsprop, adam")
               for row, (_, action) in rows.items())
    assert rows["optimizer"][1] == {"en": "next optimizer (gd, momentum, nesterov, adagrad, rmsprop, adam)",
                                    "ja": "最適化手法を切り替える(gd, momentum, nesterov, adagrad, rmsprop, adam)"}[lang]


def test_a_key_without_a_name_is_refused():
    from game.controls import key_label

    assert key_label(pygame.K_q, "en") == "Q"
    with pytest.raises(KeyError, match="KEY_NAMES"):
        key_label(pygame.K_BACKSPACE, "en")
