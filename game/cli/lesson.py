"""lesson (and play --lesson): the article chapter by chapter in the window."""
from __future__ import annotations

import argparse

from game.cli import options


def run(args: argparse.Namespace) -> int:
    """lesson: check --chapter, --text-scale, --size, --screenshot and --max-frames, then open the
    lesson; its exit status."""
    from game.lesson.chapters import CHAPTERS
    from game.lesson.lesson import TEXT_SCALES, run_lesson

    chapter = 1 if args.chapter is None else args.chapter
    if not 1 <= chapter <= len(CHAPTERS):
        raise options.UsageError(f"--chapter: expected 1 to {len(CHAPTERS)}, got {chapter}")
    scale = 1.0 if args.text_scale is None else args.text_scale
    if scale not in TEXT_SCALES:
        raise options.UsageError(f"--text-scale: expected one of {', '.join(f'{s:g}' for s in TEXT_SCALES)}, got {scale:g}")
    size = options.parse_size(args.size)
    screenshot = options.output_path(args.screenshot, "--screenshot", (".png",))
    if args.max_frames is not None and args.max_frames < 1:
        raise options.UsageError(f"--max-frames: expected a whole number >= 1, got {args.max_frames}")
    return run_lesson(lang=options.language(args.lang), chapter=chapter, size=size, text_scale=scale,
                      sound=not args.mute, autoplay=args.autoplay, fullscreen=args.fullscreen,
                      max_frames=args.max_frames, screenshot=screenshot)
