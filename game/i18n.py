"""Every text the front end and the headless charts show, in English and Japanese.

``tr(key, lang, **fmt)`` looks a text up and fills its ``{fields}``; ``shout(...)`` builds the
friends' hint from the slope; ``help_lines(lang)`` gives the help overlay's rows; ``h_text(h)``
writes the probe size h as every part of the window shows it (a text's field ``{h:h}`` too).

Screen convention for directions: +x is right, +y is forward (up on the screen, toward the
sea); -x is left and -y is back (toward the friends at the bottom edge).

This module imports neither pygame nor numpy, so that scripts (the font subsetter) and the
headless charts can read it cheaply.
"""

from __future__ import annotations

import math
import os
import string
from collections.abc import Mapping
from typing import Any

LANGS: tuple[str, ...] = ("en", "ja")

OPTIMIZER_SHORT: Mapping[str, str] = {"gd": "GD", "momentum": "Momentum", "nesterov": "Nesterov",
                                      "adagrad": "AdaGrad", "rmsprop": "RMSProp", "adam": "Adam"}
"""The optimizers' names where room is short (race tags and legends), the same in every language."""

# Texts the same in both languages: the optimizers' own names, and their hyperparameters' symbols.
_SAME_IN_BOTH: dict[str, str] = {
    **{f"optimizer.{k}": v for k, v in OPTIMIZER_SHORT.items() if k != "gd"},
    "param.momentum": "μ", "param.beta1": "β1", "param.beta2": "β2", "param.rho": "ρ", "param.eps": "ε",
}

_EN: dict[str, str] = {
    "title": "Suika-wari: gradient descent on the beach",
    "subtitle": "A blindfolded walk down the loss",
    # HUD labels
    "hud.step": "step",
    "hud.loss": "loss",
    "hud.lr": "lr",
    "hud.h": "h",
    "hud.grad": "|grad|",
    "hud.outcome": "outcome",
    "hud.speed": "speed",
    "hud.speed_value": "{steps_per_s:g} steps/s",
    "hud.paused": "paused",
    "hud.ready": "ready",
    "hud.running": "walking",
    "hud.loss_name": "loss function",
    "hud.position": "player",
    "hud.target": "watermelon",
    "hud.help_hint": "H: help",
    "hud.start_hint": "Space: start walking",
    "hud.again_hint": "Space: play again",
    "hud.expr": "expression",
    "hud.optimizer": "optimizer",
    "hud.noise": "noise S",
    "hud.schedule": "schedule",
    "hud.step_lr": "lr this step",
    # HUD of the race and population modes
    "hud.race": "race of step sizes",
    "hud.population": "population",
    "hud.racer": "lr {lr:g}",
    "hud.racer_named": "{name} {lr:g}",
    "hud.players": "players",
    "hud.hit_rate": "hit rate",
    "hud.mean_loss": "mean loss",
    "hud.hits": "{hits} of {players} hit",
    "hud.stopped": "{stopped} of {players} stopped",
    # outcomes: the friendly ending, and the plain name
    "outcome.none": "Walking…",
    "outcome.hit": "Split!",
    "outcome.stuck": "Swung at nothing…",
    "outcome.diverged": "Ran into the sea!",
    "outcome.max_steps": "Too tired…",
    "outcome_name.none": "walking",
    "outcome_name.hit": "hit",
    "outcome_name.stuck": "stuck",
    "outcome_name.diverged": "diverged",
    "outcome_name.max_steps": "max steps",
    # loss functions
    "loss.squared": "sum of squared error",
    "loss.distance": "distance",
    "loss.hit-or-miss": "hit or miss (1 − accuracy)",
    "loss.custom": "custom",
    "loss.cross-entropy": "cross-entropy error",
    "loss.dunes": "dunes (hollows)",
    "loss.decoys": "decoys (fake watermelons)",
    "loss.saddle": "hill with a saddle",
    "loss.valley": "long narrow valley",
    "loss.banana": "banana valley (Rosenbrock)",
    "loss.digits": "digits network: training loss",
    "loss.digits-accuracy": "digits network: 1 − accuracy",
    "legend.training_path": "training's path, epochs 0–{epochs}",
    # charts: titles, axes, legends
    "chart.loss_vs_step": "Loss vs step",
    "chart.accuracy_vs_step": "Accuracy vs step",
    "chart.sweep": "Step size sweep",
    "chart.race": "Race of step sizes",
    "chart.race_optimizers": "Race of optimizers",
    "chart.lr_per_step": "Learning rate (lr) per step",
    "chart.population_loss": "Mean loss: group A vs group B",
    "chart.population_accuracy": "Hit rate: group A vs group B",
    "chart.derivative_error": "Error of the numerical derivative",
    "chart.log_scale": "log scale",
    "chart.linear_scale": "linear scale",
    "chart.no_data": "no data yet",
    "chart.loss_profile": "Loss along the line through the watermelon",
    "chart.slope": "Felt slope dL/dx",
    "chart.detail": "{title}: {detail}",
    "axis.step": "step",
    "axis.loss": "loss",
    "axis.mean_loss": "mean loss",
    "axis.accuracy": "accuracy",
    "axis.hit_rate": "hit rate",
    "axis.share_of_starts": "share of starts",
    "axis.share_at_watermelon": "share of starts at the real watermelon",
    "axis.median_steps_to_hit": "median steps to a hit",
    "axis.beach": "beach",
    "beach.dunes": "dunes",
    "beach.decoys": "decoys",
    "beach.saddle": "saddle",
    "beach.valley": "valley",
    "beach.banana": "banana",
    "chart.ended_at": "where the starts ended",
    "place.watermelon": "at the watermelon",
    "place.hollow": "in a hollow",
    "place.decoy": "at a decoy",
    "place.saddle": "on the saddle",
    "place.elsewhere": "elsewhere",
    "map.title": "Map of {a} × {b} on {scenario}",
    "map.settings": "loss {loss}, {starts} starts per cell, {cells} cells, at most {steps} steps, seed {seed}",
    "map.hit_rate": "Share of starts that hit",
    "map.median_steps": "Median steps to a hit",
    "map.stuck_rate": "Share of starts stuck",
    "map.diverged_rate": "Share of starts diverged",
    "map.median_final_loss": "Median final loss",
    "map.param.lr": "learning rate lr",
    "map.param.momentum": "momentum μ",
    "map.param.beta1": "Adam's β1",
    "map.param.beta2": "Adam's β2",
    "map.param.rho": "RMSProp's ρ",
    "map.param.noise": "noise S (m)",
    "map.param.decay": "decay D",
    "map.param.warmup": "warmup (updates)",
    "map.edge_gd": "dashed line: theory's edge, gd converges where lr·c < 2 (c = {c:g})",
    "map.edge_momentum": "dashed line: theory's edge, heavy-ball momentum converges where lr·c < 2(1 + μ) (c = {c:g})",
    "map.no_edge": "no theory edge is known for this map",
    "map.no_value": "grey cell: no value (no start hit)",
    "map.grounds": "letters (stuck): h hollow, s saddle, t hilltop, f flat, l still a slope",
    "axis.lr": "learning rate",
    "axis.steps_to_hit": "median steps to hit",
    "axis.final_loss": "median final loss",
    "axis.h": "h (probe size)",
    "axis.derivative_error": "error of the derivative",
    "axis.offset": "offset from the watermelon (m)",
    "axis.x": "x (m)",
    "legend.group_a": "group A",
    "legend.group_b": "group B",
    "chart.learn_loss": "Loss ({loss}): digits, training vs validation data",
    "chart.learn_accuracy": "Accuracy: digits, training vs validation data",
    "axis.epoch": "epoch",
    "legend.train_data": "training data",
    "legend.val_data": "validation data",
    "legend.lr": "lr = {lr:g}",
    "legend.racer": "{name} lr = {lr:g}",
    "legend.best_h": "best h = {h}",
    "legend.truncation": "truncation error",
    "legend.rounding": "rounding error",
    "legend.edge_one_step": "lr = {lr:g}: hit in one step",
    "legend.edge_diverge": "lr = {lr:g}: edge of divergence",
    "legend.gd_edge_one_step": "gd theory: lr = {lr:g}, one-step hit",
    "legend.gd_edge_diverge": "gd theory: lr = {lr:g}, divergence edge",
    "legend.theory": "theory",
    "legend.simulated": "simulated",
    "legend.central": "central difference (distance loss)",
    "legend.forward": "forward difference (distance loss)",
    "legend.central_squared": "central difference (squared loss)",
    "legend.article_h": "the article's h = 1e-4",
    "legend.walk_outcome": "{loss}: {outcome}",
    # step-size regimes
    "regime.too-small": "too small",
    "regime.monotone": "monotone",
    "regime.oscillating": "oscillating",
    "regime.cycling": "2-cycle",
    "regime.diverging": "diverging",
    "regime.stuck": "stuck short",
    # status messages
    "status.screenshot_saved": "Saved {path}",
    "status.nothing_to_record": "Nothing to record yet: play first (Space)",
    "status.loss_changed": "Loss: {name}",
    "status.lr_changed": "lr = {lr:g}",
    "status.h_changed": "h = {h:h}",
    "status.speed_changed": "{steps_per_s:g} steps/s",
    "status.target_placed": "Watermelon moved",
    "status.player_placed": "Player moved",
    "status.reset": "Reset",
    "status.race_lr": "lr changes every racer",
    "status.optimizer_changed": "Optimizer: {name}",
    "status.own_optimizers": "Every racer has its own optimizer",
    # the help overlay: keys and actions
    "help.title": "Controls",
    "help.pause.keys": "Space",
    "help.pause": "pause / resume",
    "help.step.keys": "N or →",
    "help.step": "one step",
    "help.reset.keys": "R",
    "help.reset": "reset the walk",
    "help.lr.keys": "↑ / ↓",
    "help.lr": "learning rate up / down",
    "help.h.keys": "[ / ]",
    "help.h": "probe size h smaller / larger",
    "help.loss.keys": "L",
    "help.loss": "next loss function",
    "help.optimizer.keys": "O",
    "help.optimizer": "next optimizer (gd, momentum, nesterov, adagrad, rmsprop, adam)",
    "help.scenario.keys": "Tab / Shift+Tab",
    "help.scenario": "next / previous built-in scenario",
    "help.target.keys": "left click",
    "help.target": "place the watermelon",
    "help.player.keys": "right click",
    "help.player": "place the player",
    "help.player_population": "new random starts (the next seed)",
    "help.speed.keys": "+ / −",
    "help.speed": "faster / slower",
    "help.heatmap.keys": "G",
    "help.heatmap": "loss heatmap and contours on / off",
    "help.arrow.keys": "A",
    "help.arrow": "arrows (step, velocity, slope) and the scale ellipse on / off",
    "help.probes.keys": "P",
    "help.probes": "probes (±h feelers) on / off",
    "help.trail.keys": "T",
    "help.trail": "footprint trail on / off",
    "help.logscale.keys": "Y",
    "help.logscale": "chart: log / linear scale",
    "help.mute.keys": "M",
    "help.mute": "sound on / off",
    "help.screenshot.keys": "S",
    "help.screenshot": "save a screenshot",
    "help.record.keys": "C",
    "help.record": "save the play since the reset as a GIF",
    "help.help.keys": "H or F1",
    "help.help": "show / hide this help",
    "help.quit.keys": "Esc",
    "help.quit": "quit",
    # the heatmap's legend: what its colours mean
    "heat.low": "low loss",
    "heat.high": "high loss",
    # the probes' key: what the colours of the ±h probes mean
    "probe.h": "±h = {h:h}, magnified",
    "probe.lower": "lower",
    "probe.higher": "higher",
    "probe.flat": "flat",
    # the optimizers: their names, and the key of what is drawn of them on the beach
    "optimizer.gd": "gradient descent",
    **_SAME_IN_BOTH,
    "key.step": "next step",
    "key.velocity": "velocity v (keeps going)",
    "key.slope": "slope alone: −lr·grad",
    "key.true_slope": "true slope (noiseless)",
    "key.heard": "what each friend heard",
    "key.scale": "lr per axis: x {x} · y {y}",
    # each optimizer's step, on the step's card (the step of plain gd is lr × |grad|)
    "rule.momentum": "μ·v − lr·grad",
    "rule.nesterov": "μ²·v − (1+μ)·lr·grad",
    "rule.adagrad": "−lr·grad / √Σgrad²",
    "rule.rmsprop": "−lr·grad / √avg(grad²)",
    "rule.adam": "−lr·avg(grad) / √avg(grad²)",
    # the friends' shouts
    "shout.stop": "Stop!",
    "shout.flat": "Hmm… it's flat here?",
    "shout.normal": "{dir}!",
    "shout.big": "Way more {dir}!",
    "shout.small": "A bit {dir}!",
    "dir.right": "right",
    "dir.left": "left",
    "dir.forward": "forward",
    "dir.back": "back",
    "dir.forward_right": "forward right",
    "dir.forward_left": "forward left",
    "dir.back_right": "back right",
    "dir.back_left": "back left",
}

_JA: dict[str, str] = {
    "title": "スイカ割り：浜辺の勾配降下法",
    "subtitle": "目かくしで損失の坂を下る",
    "hud.step": "ステップ",
    "hud.loss": "損失",
    "hud.lr": "学習率",
    "hud.h": "刻み幅 h",
    "hud.grad": "勾配の大きさ",
    "hud.outcome": "結果",
    "hud.speed": "速さ",
    "hud.speed_value": "毎秒 {steps_per_s:g} 歩",
    "hud.paused": "一時停止中",
    "hud.ready": "準備OK",
    "hud.running": "歩いている",
    "hud.loss_name": "損失関数",
    "hud.position": "プレイヤー",
    "hud.target": "スイカ",
    "hud.help_hint": "H：ヘルプ",
    "hud.start_hint": "スペースで歩き出す",
    "hud.again_hint": "スペースでもう一度",
    "hud.expr": "式",
    "hud.optimizer": "最適化手法",
    "hud.noise": "ノイズ S",
    "hud.schedule": "学習率の予定",
    "hud.step_lr": "この一歩の学習率",
    "hud.race": "学習率の競走",
    "hud.population": "大勢で歩く",
    "hud.racer": "学習率 {lr:g}",
    "hud.racer_named": "{name} {lr:g}",
    "hud.players": "人数",
    "hud.hit_rate": "命中率",
    "hud.mean_loss": "平均損失",
    "hud.hits": "{players}人中{hits}人が命中",
    "hud.stopped": "{players}人中{stopped}人が止まった",
    "outcome.none": "歩いている…",
    "outcome.hit": "割れた!",
    "outcome.stuck": "空振り…",
    "outcome.diverged": "海に突っ込んだ!",
    "outcome.max_steps": "疲れて止まった…",
    "outcome_name.none": "歩行中",
    "outcome_name.hit": "命中",
    "outcome_name.stuck": "停滞",
    "outcome_name.diverged": "発散",
    "outcome_name.max_steps": "歩数切れ",
    "loss.squared": "2乗和誤差",
    "loss.distance": "距離",
    "loss.hit-or-miss": "当たり外れ(1 − 認識精度)",
    "loss.custom": "カスタム",
    "loss.cross-entropy": "交差エントロピー誤差",
    "loss.dunes": "くぼみのある砂浜",
    "loss.decoys": "にせスイカ",
    "loss.saddle": "小山と鞍点",
    "loss.valley": "細長い谷",
    "loss.banana": "バナナの谷(ローゼンブロック)",
    "loss.digits": "手書き数字ネットワーク：学習データの損失",
    "loss.digits-accuracy": "手書き数字ネットワーク：1 − 精度",
    "legend.training_path": "学習の道のり(エポック 0–{epochs})",
    "chart.loss_vs_step": "ステップごとの損失",
    "chart.accuracy_vs_step": "ステップごとの精度",
    "chart.sweep": "学習率のくらべっこ",
    "chart.race": "学習率の競走",
    "chart.race_optimizers": "最適化手法の競走",
    "chart.lr_per_step": "ステップごとの学習率",
    "chart.population_loss": "平均損失：グループAとグループB",
    "chart.population_accuracy": "命中率：グループAとグループB",
    "chart.derivative_error": "数値微分の誤差",
    "chart.log_scale": "対数目盛",
    "chart.linear_scale": "線形目盛",
    "chart.no_data": "まだデータがありません",
    "chart.loss_profile": "スイカを通る直線上の損失",
    "chart.slope": "感じた傾き dL/dx",
    "chart.detail": "{title}：{detail}",
    "axis.step": "ステップ",
    "axis.loss": "損失",
    "axis.mean_loss": "平均損失",
    "axis.accuracy": "精度",
    "axis.hit_rate": "命中率",
    "axis.share_of_starts": "スタートの割合",
    "axis.share_at_watermelon": "本物のスイカに着いたスタートの割合",
    "axis.median_steps_to_hit": "命中までのステップ数(中央値)",
    "axis.beach": "砂浜",
    "beach.dunes": "くぼみ",
    "beach.decoys": "にせスイカ",
    "beach.saddle": "鞍点",
    "beach.valley": "細長い谷",
    "beach.banana": "バナナの谷",
    "chart.ended_at": "スタートの行き着いた先",
    "place.watermelon": "スイカ",
    "place.hollow": "くぼみ",
    "place.decoy": "にせスイカ",
    "place.saddle": "鞍点",
    "place.elsewhere": "その他",
    "map.title": "{a} × {b} の地図({scenario})",
    "map.settings": "損失 {loss}、1マスに{starts}スタート、{cells}マス、最大{steps}ステップ、シード {seed}",
    "map.hit_rate": "命中したスタートの割合",
    "map.median_steps": "命中までのステップ数(中央値)",
    "map.stuck_rate": "止まったスタートの割合",
    "map.diverged_rate": "発散したスタートの割合",
    "map.median_final_loss": "最後の損失(中央値)",
    "map.param.lr": "学習率 lr",
    "map.param.momentum": "モメンタム μ",
    "map.param.beta1": "Adam の β1",
    "map.param.beta2": "Adam の β2",
    "map.param.rho": "RMSProp の ρ",
    "map.param.noise": "ノイズ S (m)",
    "map.param.decay": "へらす割合 D",
    "map.param.warmup": "ウォームアップ(回)",
    "map.edge_gd": "点線：理論の境目。lr·c < 2 なら gd は収束する (c = {c:g})",
    "map.edge_momentum": "点線：理論の境目。lr·c < 2(1 + μ) ならモメンタムは収束する (c = {c:g})",
    "map.no_edge": "この地図には理論の境目がありません",
    "map.no_value": "灰色のマス：値なし(命中なし)",
    "map.grounds": "文字(止まった所)：h くぼみ、s 鞍点、t 山頂、f 平ら、l まだ坂",
    "axis.lr": "学習率",
    "axis.steps_to_hit": "命中までのステップ数(中央値)",
    "axis.final_loss": "最後の損失(中央値)",
    "axis.h": "h(刻み幅)",
    "axis.derivative_error": "微分の誤差",
    "axis.offset": "スイカからのずれ (m)",
    "axis.x": "x (m)",
    "legend.group_a": "グループA",
    "legend.group_b": "グループB",
    "chart.learn_loss": "損失関数({loss}):手書き数字の学習データと検証データ",
    "chart.learn_accuracy": "精度：手書き数字の学習データと検証データ",
    "axis.epoch": "エポック",
    "legend.train_data": "学習データ",
    "legend.val_data": "検証データ",
    "legend.lr": "学習率 = {lr:g}",
    "legend.racer": "{name} 学習率 = {lr:g}",
    "legend.best_h": "最適な h = {h}",
    "legend.truncation": "打ち切り誤差",
    "legend.rounding": "丸め誤差",
    "legend.edge_one_step": "学習率 = {lr:g}：1歩で命中",
    "legend.edge_diverge": "学習率 = {lr:g}：発散の境目",
    "legend.gd_edge_one_step": "gdの理論：学習率 {lr:g} は1歩で命中",
    "legend.gd_edge_diverge": "gdの理論：学習率 {lr:g} が発散の境目",
    "legend.theory": "理論",
    "legend.simulated": "シミュレーション",
    "legend.central": "中心差分(距離の損失)",
    "legend.forward": "前方差分(距離の損失)",
    "legend.central_squared": "中心差分(2乗和誤差)",
    "legend.article_h": "記事の h = 1e-4",
    "legend.walk_outcome": "{loss}：{outcome}",
    "regime.too-small": "小さすぎ",
    "regime.monotone": "まっすぐ近づく",
    "regime.oscillating": "行き過ぎて往復",
    "regime.cycling": "同じ幅で往復",
    "regime.diverging": "発散",
    "regime.stuck": "手前で止まる",
    "status.screenshot_saved": "{path} を保存しました",
    "status.nothing_to_record": "まだ記録するものがありません。スペースで始めよう",
    "status.loss_changed": "損失：{name}",
    "status.lr_changed": "学習率 = {lr:g}",
    "status.h_changed": "h = {h:h}",
    "status.speed_changed": "毎秒 {steps_per_s:g} 歩",
    "status.target_placed": "スイカを動かした",
    "status.player_placed": "プレイヤーを動かした",
    "status.reset": "リセット",
    "status.race_lr": "全員の学習率を変更",
    "status.optimizer_changed": "最適化手法：{name}",
    "status.own_optimizers": "全員が自分の最適化手法を使っている",
    "help.title": "操作方法",
    "help.pause.keys": "スペース",
    "help.pause": "一時停止/再開",
    "help.step.keys": "N か →",
    "help.step": "1歩進める",
    "help.reset.keys": "R",
    "help.reset": "最初からやり直す",
    "help.lr.keys": "↑ / ↓",
    "help.lr": "学習率を上げる/下げる",
    "help.h.keys": "[ / ]",
    "help.h": "刻み幅 h を小さく/大きく",
    "help.loss.keys": "L",
    "help.loss": "損失関数を切り替える",
    "help.optimizer.keys": "O",
    "help.optimizer": "最適化手法を切り替える(gd, momentum, nesterov, adagrad, rmsprop, adam)",
    "help.scenario.keys": "Tab / Shift+Tab",
    "help.scenario": "次 / 前のシナリオに切り替える",
    "help.target.keys": "左クリック",
    "help.target": "スイカを置く",
    "help.player.keys": "右クリック",
    "help.player": "プレイヤーを置く",
    "help.player_population": "スタート地点を引き直す(次のシード)",
    "help.speed.keys": "+ / −",
    "help.speed": "速く/遅く",
    "help.heatmap.keys": "G",
    "help.heatmap": "損失の地図と等高線を表示/非表示",
    "help.arrow.keys": "A",
    "help.arrow": "矢印(一歩・速度・坂)と楕円を表示/非表示",
    "help.probes.keys": "P",
    "help.probes": "探り(±h)を表示/非表示",
    "help.trail.keys": "T",
    "help.trail": "足あとを表示/非表示",
    "help.logscale.keys": "Y",
    "help.logscale": "グラフ：対数/線形目盛",
    "help.mute.keys": "M",
    "help.mute": "音のオン/オフ",
    "help.screenshot.keys": "S",
    "help.screenshot": "スクリーンショットを保存",
    "help.record.keys": "C",
    "help.record": "リセットからの動きをGIFで保存",
    "help.help.keys": "H か F1",
    "help.help": "このヘルプを表示/非表示",
    "help.quit.keys": "Esc",
    "help.quit": "終了",
    "heat.low": "損失が小さい",
    "heat.high": "損失が大きい",
    "probe.h": "±h = {h:h}(拡大図)",
    "probe.lower": "低い",
    "probe.higher": "高い",
    "probe.flat": "平ら",
    "optimizer.gd": "勾配降下法",
    **_SAME_IN_BOTH,
    "key.step": "次の一歩",
    "key.velocity": "速度 v(勢いで進む)",
    "key.slope": "坂だけなら：−学習率·勾配",
    "key.true_slope": "本当の坂(ノイズなし)",
    "key.heard": "友だちそれぞれに聞こえた坂",
    "key.scale": "軸ごとの学習率：x {x} · y {y}",
    "rule.momentum": "μ·v − 学習率·勾配",
    "rule.nesterov": "μ²·v − (1+μ)·学習率·勾配",
    "rule.adagrad": "−学習率·勾配 / √Σ勾配²",
    "rule.rmsprop": "−学習率·勾配 / √平均(勾配²)",
    "rule.adam": "−学習率·平均(勾配) / √平均(勾配²)",
    "shout.stop": "ストップ!",
    "shout.flat": "うーん…平らだ?",
    "shout.normal": "{dir}!",
    "shout.big": "もっと{dir}!",
    "shout.small": "もうちょっと{dir}!",
    "dir.right": "右",
    "dir.left": "左",
    "dir.forward": "前",
    "dir.back": "後ろ",
    "dir.forward_right": "右前",
    "dir.forward_left": "左前",
    "dir.back_right": "右後ろ",
    "dir.back_left": "左後ろ",
}

TEXTS: Mapping[str, Mapping[str, str]] = {"en": _EN, "ja": _JA}

HELP_ACTIONS: tuple[str, ...] = (
    "pause", "step", "reset", "lr", "h", "loss", "optimizer", "scenario", "target", "player", "speed",
    "heatmap", "arrow", "probes", "trail", "logscale", "mute", "screenshot", "record", "help", "quit",
)
"""The help overlay's rows, in order: each has ``help.<id>.keys`` and ``help.<id>``."""

# The eight directions, counter-clockwise from right, each covering 45 degrees.
_DIRECTIONS: tuple[str, ...] = (
    "right", "forward_right", "forward", "forward_left",
    "left", "back_left", "back", "back_right",
)

SHOUT_BIG: float = 3.0
"""Slopes at least this steep (loss units per metre) get the emphatic shout."""
SHOUT_SMALL: float = 0.5
"""Slopes below this get the gentle shout."""




def optimizer_text(name: str, hyperparameters: Mapping[str, float], lang: str) -> str:
    """The optimizer as the HUD and its toast name it: "Adam (β1 0.9 · β2 0.999 · ε 1e-08)"."""
    params = " · ".join(f"{tr(f'param.{k}', lang)} {v:g}" for k, v in hyperparameters.items())
    full = tr(f"optimizer.{name}", lang)
    return f"{full} ({params})" if params else full


def h_text(h: float) -> str:
    """The probe size ``h`` (metres) as the window shows it: a power of ten with the fewest
    digits, up to 3 significant, that give ``h`` back ("1e-04 m", "2.5e-04 m"); an ``h`` that
    needs more is rounded to 3 ("1.23e-04 m")."""
    for digits in range(3):
        text = f"{h:.{digits}e}"
        if float(text) == h:
            break
    return f"{text} m"


class _Formatter(string.Formatter):
    """str.format, plus the format spec ``h``: the field is a probe size, written by h_text."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "h":
            return h_text(float(value))
        return super().format_field(value, format_spec)


_FORMATTER = _Formatter()


def _check_lang(lang: str) -> None:
    if lang not in TEXTS:
        raise ValueError(f"unknown language {lang!r}; accepted: {', '.join(LANGS)}")


def default_lang(environ: Mapping[str, str] | None = None) -> str:
    """``"ja"`` when the locale (LC_ALL, LC_MESSAGES or LANG, first one set) is Japanese, else ``"en"``."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    return "en"


def fields(key: str, lang: str = "en") -> frozenset[str]:
    """The names of the ``{fields}`` that ``tr(key, lang)`` needs."""
    _check_lang(lang)
    template = TEXTS[lang][key]
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


def tr(key: str, lang: str, **fmt: object) -> str:
    """The text for ``key`` in ``lang`` ("en" or "ja"), with its ``{fields}`` filled from ``fmt``."""
    _check_lang(lang)
    try:
        template = TEXTS[lang][key]
    except KeyError:
        raise KeyError(f"no text {key!r} in language {lang!r}") from None
    try:
        return _FORMATTER.format(template, **fmt)
    except KeyError as err:
        raise KeyError(f"text {key!r} needs the field {err.args[0]!r}") from None


def help_lines(lang: str) -> list[tuple[str, str]]:
    """The help overlay's rows as (keys, action) pairs, in ``HELP_ACTIONS`` order."""
    return [(tr(f"help.{a}.keys", lang), tr(f"help.{a}", lang)) for a in HELP_ACTIONS]


def direction(dx: float, dy: float) -> str:
    """The nearest of eight directions (``right``, ``forward_right``, ... ``back_right``) of (dx, dy).

    +x is right, +y is forward (toward the sea). Raises ValueError for a zero or non-finite vector.
    """
    if not (math.isfinite(dx) and math.isfinite(dy)) or (dx == 0 and dy == 0):
        raise ValueError(f"direction needs a finite non-zero vector, got ({dx!r}, {dy!r})")
    sector = round(math.atan2(dy, dx) / (math.pi / 4)) % 8
    return _DIRECTIONS[sector]


def shout(
    dx: float,
    dy: float,
    grad_norm: float,
    lang: str,
    *,
    hit: bool = False,
    big: float = SHOUT_BIG,
    small: float = SHOUT_SMALL,
) -> str:
    """What the friends shout: the way the player should walk, and how urgently.

    ``(dx, dy)`` is the way to walk, the negative gradient (+x right, +y forward toward the
    sea); ``grad_norm`` is the slope's size in loss units per metre. A slope of at least ``big``
    gives "Way more right!" 「もっと右!」, one under ``small`` gives "A bit right!"
    「もうちょっと右!」, else "Right!" 「右!」. ``hit`` gives "Stop!" 「ストップ!」; a flat or
    non-finite slope gives a puzzled "Hmm… it's flat here?".
    """
    _check_lang(lang)
    if hit:
        return tr("shout.stop", lang)
    finite = all(math.isfinite(v) for v in (dx, dy, grad_norm))
    if not finite or (dx == 0 and dy == 0) or grad_norm <= 0:
        return tr("shout.flat", lang)
    word = tr(f"dir.{direction(dx, dy)}", lang)
    if grad_norm >= big:
        return tr("shout.big", lang, dir=word)
    if grad_norm < small:
        return tr("shout.small", lang, dir=word)
    return tr("shout.normal", lang, dir=word.capitalize() if lang == "en" else word)
