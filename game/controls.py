"""Every key and mouse mapping of the game, in one place.

``commands(event)`` turns one pygame event into the commands it means; the app carries them out.
``help_lines(lang)`` gives the help overlay's rows, their keys read from the same tables.
The blindfold game (game.modes.blindfold) has keys of its own: ``commands(event, "blindfold")``.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass

import pygame

from game import i18n
from sim.walking.optimizers import OPTIMIZER_NAMES


class Action(enum.Enum):
    """What the user asked for."""

    QUIT = "quit"
    PAUSE = "pause"
    STEP = "step"
    RESTART = "restart"             # the walk again from its start, with the settings as they are
    RESET = "reset"                 # the scenario as it was launched
    LR_UP = "lr_up"
    LR_DOWN = "lr_down"
    H_UP = "h_up"
    H_DOWN = "h_down"
    LOSS = "loss"
    OPTIMIZER = "optimizer"
    SPEED_UP = "speed_up"
    SPEED_DOWN = "speed_down"
    SCREENSHOT = "screenshot"
    RECORD = "record"               # the play since the last restart as a GIF
    HELP = "help"
    HEATMAP = "heatmap"
    ARROW = "arrow"
    PROBES = "probes"
    TRAIL = "trail"
    LOG_SCALE = "log_scale"
    MUTE = "mute"
    PLACE_TARGET = "place_target"   # carries pos (pixels)
    PLACE_START = "place_start"     # carries pos (pixels)
    RESIZE = "resize"               # carries size (pixels)
    POINT = "point"                 # carries pos (pixels): the mouse moved, no button held
    MAP = "map"                     # the map's own (game.modes.map): back from a cell's walk to the map
    CELL_LEFT = "cell_left"         # on the map: point at the next cell that way
    CELL_RIGHT = "cell_right"
    CELL_UP = "cell_up"
    CELL_DOWN = "cell_down"
    # the blindfold game's own
    TASTE = "taste"
    ASK = "ask"
    AIM = "aim"                     # carries pos (pixels): aim the step there
    WALK_TO = "walk_to"             # carries pos (pixels): aim there and step
    TURN_LEFT = "turn_left"
    TURN_RIGHT = "turn_right"
    LONGER = "longer"
    SHORTER = "shorter"
    WALK = "walk"                   # step along the aim
    SWING = "swing"
    GIVE_UP = "give_up"
    NEW_GAME = "new_game"
    NEXT_LEVEL = "next_level"

    SCENARIO_NEXT = "scenario_next"  # the next built-in scenario, without restarting the program
    SCENARIO_BACK = "scenario_back"
    NEXT_SAMPLE = "next_sample"     # the digit panel's next sample (on the digits network's beach)


@dataclass(frozen=True)
class Command:
    """One action, with the pixel position (mouse) or window size (resize) it carries."""

    action: Action
    pos: tuple[int, int] | None = None
    size: tuple[int, int] | None = None


KEYS: dict[int, Action] = {
    pygame.K_ESCAPE: Action.QUIT,
    pygame.K_SPACE: Action.PAUSE,
    pygame.K_n: Action.STEP,
    pygame.K_RIGHT: Action.STEP,
    pygame.K_r: Action.RESTART,              # with Shift: RESET
    pygame.K_UP: Action.LR_UP,
    pygame.K_DOWN: Action.LR_DOWN,
    pygame.K_RIGHTBRACKET: Action.H_UP,
    pygame.K_LEFTBRACKET: Action.H_DOWN,
    pygame.K_l: Action.LOSS,
    pygame.K_o: Action.OPTIMIZER,
    pygame.K_PLUS: Action.SPEED_UP,
    pygame.K_EQUALS: Action.SPEED_UP,      # the + key without Shift on US keyboards
    pygame.K_SEMICOLON: Action.SPEED_UP,   # the + key without Shift on Japanese (JIS) keyboards
    pygame.K_KP_PLUS: Action.SPEED_UP,
    pygame.K_MINUS: Action.SPEED_DOWN,
    pygame.K_KP_MINUS: Action.SPEED_DOWN,
    pygame.K_s: Action.SCREENSHOT,
    pygame.K_c: Action.RECORD,
    pygame.K_h: Action.HELP,
    pygame.K_F1: Action.HELP,
    pygame.K_g: Action.HEATMAP,
    pygame.K_a: Action.ARROW,
    pygame.K_p: Action.PROBES,
    pygame.K_t: Action.TRAIL,
    pygame.K_y: Action.LOG_SCALE,
    pygame.K_m: Action.MUTE,
    pygame.K_TAB: Action.SCENARIO_NEXT,      # with Shift: SCENARIO_BACK
    pygame.K_d: Action.NEXT_SAMPLE,
}
# A map (game.modes.map) before a cell's walk is opened: only the keys that act on the map. The
# arrows move the pointed cell there; Space or Enter plays it.
MAP_KEYS: dict[int, Action] = {
    pygame.K_ESCAPE: Action.QUIT,
    pygame.K_LEFT: Action.CELL_LEFT,
    pygame.K_RIGHT: Action.CELL_RIGHT,
    pygame.K_UP: Action.CELL_UP,
    pygame.K_DOWN: Action.CELL_DOWN,
    pygame.K_SPACE: Action.PAUSE,
    pygame.K_RETURN: Action.PAUSE,
    pygame.K_KP_ENTER: Action.PAUSE,
    pygame.K_n: Action.STEP,
    pygame.K_TAB: Action.SCENARIO_NEXT,      # with Shift: SCENARIO_BACK
    **{key: action for key, action in KEYS.items()
       if action in (Action.SPEED_UP, Action.SPEED_DOWN, Action.MUTE, Action.SCREENSHOT, Action.HELP)},
}
# Watching a cell's walk: the window's keys, and B back to the map.
CELL_WALK_KEYS: dict[int, Action] = {**KEYS, pygame.K_b: Action.MAP}
# The key tables of commands() by name (a mode's ``keys``); the blindfold game's are apart.
KEY_TABLES: dict[str, dict[int, Action]] = {"play": KEYS, "map": MAP_KEYS, "cell_walk": CELL_WALK_KEYS}
SHIFTED: dict[Action, Action] = {Action.SCENARIO_NEXT: Action.SCENARIO_BACK, Action.RESTART: Action.RESET}

MOUSE_BUTTONS: dict[int, Action] = {1: Action.PLACE_TARGET, 3: Action.PLACE_START}

# How the help names the keys and buttons above: the text key_name.<name>; a letter key is its letter.
KEY_NAMES: dict[int, str] = {
    pygame.K_ESCAPE: "escape", pygame.K_SPACE: "space", pygame.K_RIGHT: "right", pygame.K_UP: "up",
    pygame.K_DOWN: "down", pygame.K_RIGHTBRACKET: "right_bracket", pygame.K_LEFTBRACKET: "left_bracket",
    pygame.K_PLUS: "plus", pygame.K_EQUALS: "plus", pygame.K_SEMICOLON: "plus", pygame.K_KP_PLUS: "plus",
    pygame.K_MINUS: "minus", pygame.K_KP_MINUS: "minus", pygame.K_F1: "f1", pygame.K_TAB: "tab",
    pygame.K_LEFT: "left", pygame.K_RETURN: "enter", pygame.K_KP_ENTER: "enter",
}
BUTTON_NAMES: dict[int, str] = {1: "left_click", 3: "right_click"}

# The blindfold game: the learner acts; nothing may show what the blindfold hides.
BLINDFOLD_KEYS: dict[int, Action] = {
    pygame.K_ESCAPE: Action.QUIT,
    pygame.K_t: Action.TASTE,
    pygame.K_a: Action.ASK,
    pygame.K_LEFT: Action.TURN_LEFT,
    pygame.K_RIGHT: Action.TURN_RIGHT,
    pygame.K_UP: Action.LONGER,
    pygame.K_DOWN: Action.SHORTER,
    pygame.K_RETURN: Action.WALK,
    pygame.K_KP_ENTER: Action.WALK,
    pygame.K_n: Action.WALK,
    pygame.K_SPACE: Action.SWING,
    pygame.K_g: Action.GIVE_UP,
    pygame.K_r: Action.NEW_GAME,
    pygame.K_l: Action.NEXT_LEVEL,
    pygame.K_h: Action.HELP,
    pygame.K_F1: Action.HELP,
    pygame.K_m: Action.MUTE,
    pygame.K_s: Action.SCREENSHOT,
}
BLINDFOLD_BUTTONS: dict[int, Action] = {1: Action.WALK_TO}   # and moving the mouse aims (Action.AIM)

# The help overlay's rows, in order: each row's id (its text is help.<id>) and the actions it describes.
HELP_ROWS: dict[str, tuple[Action, ...]] = {
    "pause": (Action.PAUSE,),
    "step": (Action.STEP,),
    "restart": (Action.RESTART,),
    "reset": (Action.RESET,),
    "lr": (Action.LR_UP, Action.LR_DOWN),
    "h": (Action.H_DOWN, Action.H_UP),
    "loss": (Action.LOSS,),
    "optimizer": (Action.OPTIMIZER,),
    "scenario": (Action.SCENARIO_NEXT, Action.SCENARIO_BACK),
    "sample": (Action.NEXT_SAMPLE,),
    "target": (Action.PLACE_TARGET,),
    "player": (Action.PLACE_START,),
    "speed": (Action.SPEED_UP, Action.SPEED_DOWN),
    "heatmap": (Action.HEATMAP,),
    "arrow": (Action.ARROW,),
    "probes": (Action.PROBES,),
    "trail": (Action.TRAIL,),
    "logscale": (Action.LOG_SCALE,),
    "mute": (Action.MUTE,),
    "screenshot": (Action.SCREENSHOT,),
    "record": (Action.RECORD,),
    "help": (Action.HELP,),
    "quit": (Action.QUIT,),
}


def key_label(key: int, lang: str) -> str:
    """How the help names ``key`` (a pygame key code) in ``lang``."""
    if key in KEY_NAMES:
        return i18n.tr(f"key_name.{KEY_NAMES[key]}", lang)
    if pygame.K_a <= key <= pygame.K_z:
        return chr(key).upper()
    raise KeyError(f"no name for the key {pygame.key.name(key)!r}: add it to KEY_NAMES")


def _keys_of(action: Action, lang: str, keys: dict[int, Action] = KEYS,
             buttons: dict[int, Action] = MOUSE_BUTTONS) -> str:
    """Every key and button of ``keys`` and ``buttons`` bound to ``action``, named once each: "N or →"
    (the mouse for the blindfold game's aim, which follows it)."""
    if action is Action.AIM:
        return i18n.tr("key_name.mouse", lang)
    labels = [key_label(k, lang) for k, a in keys.items() if a is action]
    labels += [i18n.tr("key_name.shifted", lang, name=key_label(k, lang)) for k, a in keys.items()
               if SHIFTED.get(a) is action]
    labels += [i18n.tr(f"key_name.{BUTTON_NAMES[b]}", lang) for b, a in buttons.items() if a is action]
    labels = list(dict.fromkeys(labels))
    text = labels[0]
    for label in labels[1:]:
        text = i18n.tr("help.either", lang, first=text, second=label)
    return text


def help_lines(lang: str, rows: dict[str, tuple[Action, ...]] | None = None, keys: dict[int, Action] = KEYS,
               buttons: dict[int, Action] = MOUSE_BUTTONS, own: str = "help") -> dict[str, tuple[str, str]]:
    """The help overlay's ``rows`` (default HELP_ROWS) by id, in their order: (keys, action), e.g.
    ("↑ / ↓", "learning rate up / down"), the keys read from ``keys`` and ``buttons``; the action
    is the window's text (help.ID) for a row of HELP_ROWS, else the text ``own``.ID."""
    lines = {}
    for row, actions in (HELP_ROWS if rows is None else rows).items():
        text = _keys_of(actions[0], lang, keys, buttons)
        for action in actions[1:]:
            text = i18n.tr("help.both", lang, first=text, second=_keys_of(action, lang, keys, buttons))
        words = f"help.{row}" if row in HELP_ROWS else f"{own}.{row}"
        lines[row] = (text, i18n.tr(words, lang, optimizers=", ".join(OPTIMIZER_NAMES)))
    return lines


def blindfold_help_lines(lang: str) -> dict[str, tuple[str, str]]:
    """The blindfold game's help rows by id: help_lines of BLINDFOLD_HELP_ROWS, BLINDFOLD_KEYS and
    BLINDFOLD_BUTTONS (its own texts blind.help.ID)."""
    return help_lines(lang, BLINDFOLD_HELP_ROWS, BLINDFOLD_KEYS, BLINDFOLD_BUTTONS, "blind.help")


# A map's help rows (own texts "map.help.ID"). On the map: every key of MAP_KEYS and the clicks.
MAP_HELP_ROWS: dict[str, tuple[Action, ...]] = {
    "cell": (Action.PLACE_TARGET, Action.PLACE_START),
    "move": (Action.CELL_LEFT, Action.CELL_RIGHT, Action.CELL_UP, Action.CELL_DOWN),
    "play": (Action.PAUSE,),
    "first_step": (Action.STEP,),
    "measure": (Action.SCENARIO_NEXT, Action.SCENARIO_BACK),
    "speed": (Action.SPEED_UP, Action.SPEED_DOWN),
    "mute": (Action.MUTE,),
    "screenshot": (Action.SCREENSHOT,),
    "help": (Action.HELP,),
    "quit": (Action.QUIT,),
}
# Watching a cell's walk: these, then the window's rows that keep the cell's settings.
CELL_WALK_HELP_ROWS: dict[str, tuple[Action, ...]] = {
    "back": (Action.MAP,),
    "measure": (Action.SCENARIO_NEXT, Action.SCENARIO_BACK),
}


# The blindfold game's help rows: its own (texts "blind.help.ID") and the shared ones (in HELP_ROWS).
BLINDFOLD_HELP_ROWS: dict[str, tuple[Action, ...]] = {
    "taste": (Action.TASTE,),
    "ask": (Action.ASK,),
    "aim": (Action.AIM,),
    "click": (Action.WALK_TO,),
    "turn": (Action.TURN_LEFT, Action.TURN_RIGHT),
    "stride": (Action.LONGER, Action.SHORTER),
    "walk": (Action.WALK,),
    "swing": (Action.SWING,),
    "give_up": (Action.GIVE_UP,),
    "new": (Action.NEW_GAME,),
    "level": (Action.NEXT_LEVEL,),
    "mute": (Action.MUTE,),
    "screenshot": (Action.SCREENSHOT,),
    "help": (Action.HELP,),
    "quit": (Action.QUIT,),
}


def commands(event: pygame.event.Event, keys: str = "play") -> list[Command]:
    """The commands one pygame event means (none for events the game ignores) with the keys of
    ``keys``: a name of KEY_TABLES ("play" for the window's modes, "map" and "cell_walk" for a map
    and a cell's walk) or "blindfold" (the blindfold game).

    Playing, a left or right button press places the watermelon or the player; dragging with the
    button held keeps placing it; moving the mouse without a button points (a map shows the cell
    under it). Blindfolded, the mouse aims the step and a left click takes it."""
    if event.type == pygame.QUIT:
        return [Command(Action.QUIT)]
    if keys == "blindfold" and event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN, pygame.MOUSEMOTION):
        return _blindfold_commands(event)
    if event.type == pygame.KEYDOWN:
        action = KEY_TABLES[keys].get(event.key)
        if action in SHIFTED and getattr(event, "mod", 0) & pygame.KMOD_SHIFT:
            action = SHIFTED[action]
        return [Command(action)] if action else []
    if event.type == pygame.MOUSEBUTTONDOWN:
        action = MOUSE_BUTTONS.get(event.button)
        return [Command(action, pos=_pos(event.pos))] if action else []
    if event.type == pygame.MOUSEMOTION:
        buttons = getattr(event, "buttons", (0, 0, 0))
        if len(buttons) >= 3 and buttons[0]:
            return [Command(Action.PLACE_TARGET, pos=_pos(event.pos))]
        if len(buttons) >= 3 and buttons[2]:
            return [Command(Action.PLACE_START, pos=_pos(event.pos))]
        return [Command(Action.POINT, pos=_pos(event.pos))]
    if event.type == pygame.VIDEORESIZE:
        return [Command(Action.RESIZE, size=(int(event.w), int(event.h)))]
    return []


def _blindfold_commands(event: pygame.event.Event) -> list[Command]:
    if event.type == pygame.KEYDOWN:
        action = BLINDFOLD_KEYS.get(event.key)
        return [Command(action)] if action else []
    if event.type == pygame.MOUSEBUTTONDOWN:
        action = BLINDFOLD_BUTTONS.get(event.button)
        return [Command(action, pos=_pos(event.pos))] if action else []
    return [Command(Action.AIM, pos=_pos(event.pos))]


def _pos(pos: tuple[float, float]) -> tuple[int, int]:
    return int(pos[0]), int(pos[1])
