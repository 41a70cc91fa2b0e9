#!/usr/bin/env bash
# Remake the README's pictures in docs/ with the project's own commands (headless).
# pngquant (Debian package "pngquant"), where present, shrinks the scene pictures.
set -euo pipefail
cd "$(dirname "$0")/.."
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
run() { uv run python main.py "$@" > /dev/null; }

run play --autoplay --max-frames 150 --screenshot docs/play.png --lang en
run play --scenario valley --optimizer momentum --autoplay --max-frames 120 --screenshot docs/momentum.png --lang en
run play --noise 4 --lr 0.2 --autoplay --max-frames 300 --screenshot docs/noise-ja.png --lang ja
run play --blindfold --scenario dunes --seed 43 --autoplay --mute --max-frames 920 --screenshot docs/blindfold.png --lang en
run play --blindfold --scenario dunes --seed 43 --autoplay --mute --max-frames 335 --screenshot docs/blindfold-ja.png --lang ja
run play --grid lr=1e-3:3:12,momentum=0:0.9:10 --optimizer momentum --scenario valley --starts 20 --max-frames 2 --screenshot docs/map-window.png --lang en
run play --grid lr=1e-3:3:12,momentum=0:0.9:10 --optimizer momentum --scenario valley --starts 20 --max-frames 2 --screenshot docs/map-window-ja.png --lang ja
run lesson --chapter 2 --max-frames 2 --screenshot docs/lesson-outputs.png --lang en
run lesson --chapter 8 --autoplay --max-frames 400 --screenshot docs/lesson-digits-ja.png --lang ja
run run --png docs/hit.png --lang en
run run --scenario pit --png docs/pit-ja.png --lang ja
run run --race 0.1,0.5,1.6,2.1 --png docs/race.png --lang en
run run --scenario textbook --png docs/textbook-race.png --lang en
run run --population 300 --png docs/population-ja.png --lang ja
run run --gif docs/walk.gif --lang en
run sweep --lrs 0.01:3:30 --starts 200 --png docs/sweep.png --lang en
run learn --png docs/learn.png --lang en
run run --scenario digits --png docs/digits-ja.png --lang ja
run run --scenario digits --loss digits-accuracy --png docs/digits-accuracy.png --lang en
uv run python scripts/make_beaches_picture.py docs/beaches.png
out=$(mktemp -d)
for script in step_size_regimes hit_or_miss derivative_error optimizers_on_beaches; do
    uv run python "experiments/$script.py" --out "$out" > /dev/null
    cp "$out/$script.png" docs/
done
uv run python experiments/grid_maps.py --out "$out" > /dev/null
cp "$out/grid_maps_valley.png" docs/
rm -r "$out"

if command -v pngquant > /dev/null; then
    for f in docs/play.png docs/momentum.png docs/noise-ja.png docs/hit.png docs/pit-ja.png docs/race.png docs/textbook-race.png docs/population-ja.png \
             docs/beaches.png docs/digits-ja.png docs/digits-accuracy.png docs/lesson-outputs.png docs/lesson-digits-ja.png \
             docs/blindfold.png docs/blindfold-ja.png docs/map-window.png docs/map-window-ja.png; do
        pngquant --quality 80-95 --speed 1 --force --output "$f" -- "$f"
    done
fi
