"""Rhythm (genre "rhythm"): charts from the game's own music, the judgement rules and the solver.

A level is one song: the melody of the music Sonata composes for the game (the very params and
seed of the build's music job, which the Orchestrator puts in ``config.music``), charted note for
note. Every melody onset of the loop becomes a note in a lane chosen by its pitch (higher notes to
the right), thinned on the first level (only the onsets on the beat) and denser later; the song is
the music loop, played once on level 1 and twice later, in more lanes and with a faster scroll.
The JS module ``maestro/genres/rhythm/rhythm.js`` plays the same rules from the same numbers;
:class:`Sim` is the Python copy and every number is an integer, so the two agree bit for bit.

Time is counted in fixed 60 Hz frames. The music's eighth note ``E`` (counted from the music's
start, across loops) sounds at music frame ``frame_of(E, bpm) = floor(E * 1800 / bpm + 0.5)``
(a float expression evaluated alike by Python and JavaScript). A level that starts when the music
is at frame ``p`` (0 in a fresh game; the runtime's music keeps looping across levels) plays the
song from the first bar line at least ``travel`` frames ahead, so that the first note can scroll in
(:func:`chart`); its notes are at level frames ``frame_of(E) - p``. Played straight through, level
``i`` starts at music frame :func:`straight_phase`; the solver proves a level for that phase, for a
fresh start (0) and for the song starting on any bar of the loop. (When the runtime starts the music
over in the middle of a song, on resume or unmute, rhythm.js charts the rest of it again from the
music's next bar line; a pause is the player's, so no proof needs it.)

The rules, one frame at a time (:meth:`Sim.step`):

1. the frame advances (``f += 1``);
2. each lane pressed this frame (an edge: key down, or a tap on the lane) hits the earliest
   unjudged note of that lane within ``good`` frames: ``perfect`` when within ``perfect`` frames,
   else ``good``; it scores its points times the combo multiplier
   ``min(mult_max, 1 + combo // combo_step)`` (the combo before this hit), the combo grows by one
   and the meter fills a little (to ``meter_max``). A press with no note in reach that finds a
   mine (the GDD's hazard or enemy, from level 2 on) within ``good`` frames sets it off: the
   combo drops to 0 and the meter drains by ``meter_miss``; else the press does nothing;
3. each unjudged note more than ``good`` frames old is a miss: the combo drops to 0 and the
   meter drains by ``meter_miss``;
4. a meter at 0 loses the game ("the groove ran dry"); at the song's end (``f >= end``) with
   the meter alive, the level is won.

Level format (JSON): ``{"mode", "lanes", "bpm", "loop": eighths in the music loop, "reps", "travel",
"notes": [[eighth in the loop, lane, midi], ...], "mines": [[eighth in the loop, lane], ...], "onsets",
"name", "seed", "index", "phase"}``.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from maestro.genres.rhythm import commands
from maestro.spec import GameSpec, LevelRequest

MODES = ("lanes", "commands")  # "commands": the drum-command mode of commands.py
FPS = 60
BAR = 8  # eighths in a bar (Sonata writes 4/4)
LANE_KEYS: dict[int, dict[str, int]] = {
    3: {"left": 0, "down": 1, "up": 1, "right": 2},
    4: {"left": 0, "down": 1, "up": 2, "right": 3},
}
DEFAULTS: dict[str, int] = {
    "perfect": 3, "good": 6,  # judgement windows, frames either side of the note (50 ms / 100 ms)
    "points_perfect": 300, "points_good": 100, "combo_step": 10, "mult_max": 4,
    "meter_max": 100, "meter_start": 50, "meter_perfect": 4, "meter_good": 2, "meter_miss": 10,
}
MIN_NOTES = 8


def frame_of(eighth: int, bpm: float) -> int:
    """The music frame (60 Hz) at which the music's eighth note ``eighth`` sounds."""
    return math.floor(eighth * 1800 / bpm + 0.5)


# ---- config --------------------------------------------------------------------------------------


def _num(params: dict[str, Any] | None, keys: tuple[str, ...], default: int, lo: int, hi: int) -> int:
    for k in keys:
        v = (params or {}).get(k)
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return int(min(hi, max(lo, v)))
    return default


def config_for(spec: GameSpec) -> dict[str, Any]:
    """The rhythm tunables: judgement windows, points, combo and meter, the performer (the player's
    sprite) and the note's sprite (the GDD's first item), and the music job's params (its tempo, key
    and mood are the GDD's); the Orchestrator adds the job's seed (``with_music``). A GDD's hearts or
    hit points are not the groove meter's size: the meter keeps its own numbers."""
    from maestro.agents.orchestrator import music_params

    cfg: dict[str, Any] = dict(DEFAULTS)
    combo = spec.params_of("combo")
    cfg["combo_step"] = _num(combo, ("step", "every", "hits"), DEFAULTS["combo_step"], 2, 50)
    cfg["mult_max"] = _num(combo, ("max", "multiplier", "mult"), DEFAULTS["mult_max"], 1, 8)
    mode = spec.mode if spec.mode in MODES else MODES[0]
    cfg.update({
        "mode": mode,
        "performer": spec.player.slug, "performer_name": spec.player.name,
        "note_slug": spec.items[0].slug if spec.items else None,
        "note_name": spec.items[0].name if spec.items else "Note",
        # the GDD's danger (a hazard, else an enemy) falls as a mine not to hit
        "mine_slug": next((e.slug for e in [*spec.hazards, *spec.enemies]), None),
        "mine_name": next((e.name for e in [*spec.hazards, *spec.enemies]), "Mine"),
        "music": {"params": music_params(spec), "seed": None},
    })
    if mode == "commands":  # (only then: a lanes build keeps its config byte for byte)
        cfg.update(commands.config_extra(spec, _text(spec)))
    return cfg


def _text(spec: GameSpec) -> str:
    """The GDD's words the spec keeps (its summary, rules, mechanics' sources, requirements, notes)."""
    parts = [spec.summary, *spec.win_conditions, *spec.lose_conditions, *(m.source for m in spec.mechanics)]
    parts += [f"{r.summary}. {r.words}" for r in spec.requirements]
    parts += spec.notes
    return " . ".join(p for p in parts if p)


def pick_mode(text: str) -> str:
    """commands for a game of drummed commands ("drum commands", "Patapon", "beat commands"), else lanes."""
    return "commands" if commands.wants_commands(text) else "lanes"


# ---- the chart ---------------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _melody(params_json: str, seed: int) -> tuple[float, int, tuple[tuple[int, int], ...]]:
    """(bpm, eighths in the loop, ((eighth, midi) for each melody onset)) of the music job."""
    import json

    from maestro.agents import sonata

    sc = sonata.score(json.loads(params_json), seed)
    onsets = tuple((int(e.eighth), int(e.midi if e.midi is not None else 60)) for e in sc.melody())
    return sc.bpm, sc.bars * BAR, onsets


def melody(config: dict[str, Any]) -> tuple[float, int, tuple[tuple[int, int], ...]]:
    """The melody of the build's music: the Sonata score of the music job's params and seed."""
    import json

    music = config.get("music") or {}
    if music.get("seed") is None:
        raise ValueError("config.music has no seed: build the config with orchestrator.plan (with_music)")
    return _melody(json.dumps(music["params"], sort_keys=True), int(music["seed"]))


def _lanes_of(pitches: list[int], lanes: int) -> dict[int, int]:
    """Each distinct pitch to a lane, the lowest left and the highest right, spread evenly."""
    distinct = sorted(set(pitches))
    n = len(distinct)
    if n <= lanes:
        return {m: (i * (lanes - 1) // max(1, n - 1) if n > 1 else lanes // 2) for i, m in enumerate(distinct)}
    return {m: i * lanes // n for i, m in enumerate(distinct)}


def _thin(notes: list[list[int]], loop: int, min_gap: int) -> list[list[int]]:
    """Drop a note that follows the previous kept note of its lane by less than ``min_gap`` eighths
    (around the loop's seam too), so no two notes of a lane share a judgement window."""
    kept: list[list[int]] = []
    last: dict[int, int] = {}
    for n in notes:
        if n[1] in last and n[0] - last[n[1]] < min_gap:
            continue
        kept.append(n)
        last[n[1]] = n[0]
    first: dict[int, int] = {}
    for n in kept:
        first.setdefault(n[1], n[0])
    return [n for n in kept if not (n[0] == last[n[1]] and n[0] != first[n[1]] and first[n[1]] + loop - n[0] < min_gap)]


def generate(req: LevelRequest, config: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """One song: the music's melody charted for the level's difficulty (lanes, density, scroll); in
    the commands mode, a field to march across on the music's beats (commands.generate)."""
    bpm, loop, onsets = melody(config)
    if config.get("mode") == "commands":
        return commands.generate(req, config, rng, bpm, loop)
    index = req.index
    lanes = 3 if index == 0 else 4
    # level 1: the onsets on the beat; level 2: those and half of the off-beat ones; later: every one
    off = [o for o in onsets if o[0] % 2]
    extra = set(rng.sample(off, len(off) // 2)) if index == 1 else set(off) if index > 1 else set()
    chosen = [o for o in onsets if o[0] % 2 == 0 or o in extra]
    if len(chosen) < MIN_NOTES:  # a sparse tune: every onset
        chosen = list(onsets)
    mapping = _lanes_of([m for _, m in onsets], lanes)
    notes = [[e, mapping[m], m] for e, m in sorted(chosen)]
    eighth_frames = 1800 / bpm
    min_gap = max(1, math.ceil((2 * int(config["good"]) + 2) / eighth_frames))
    if index == 0:
        min_gap = max(min_gap, math.ceil(24 / eighth_frames))  # a first song leaves time between hits
    notes = _thin(notes, loop, min_gap)
    mines = _mines(notes, loop, lanes, min_gap, index, rng) if config.get("mine_slug") and index > 0 else []
    level: dict[str, Any] = {
        "mode": config.get("mode", MODES[0]), "lanes": lanes, "bpm": bpm, "loop": loop,
        "reps": 1 if index == 0 else 2, "travel": max(48, 96 - 16 * index), "notes": notes, "mines": mines,
        "onsets": len(onsets), "name": req.name, "seed": rng.randrange(1, 2**31), "index": index,
    }
    level["phase"] = straight_phase(index, config, bpm, loop)
    return level


def _mines(notes: list[list[int]], loop: int, lanes: int, gap: int, index: int, rng: random.Random) -> list[list[int]]:
    """A few mines per loop (1 + the level's index), each on an eighth with no melody note and in a
    lane with no note (or mine) within ``gap`` eighths around the loop: the perfect schedule never
    presses near one, and a stray press may set one off."""
    taken = {n[0] for n in notes}
    near: dict[int, list[int]] = {lane: [n[0] for n in notes if n[1] == lane] for lane in range(lanes)}
    spots = [[e, lane] for e in range(loop) if e not in taken for lane in range(lanes)
             if all(min((e - x) % loop, (x - e) % loop) >= gap for x in near[lane])]
    out: list[list[int]] = []
    for e, lane in rng.sample(spots, len(spots)):
        if len(out) > index:
            break
        if all(min((e - x) % loop, (x - e) % loop) >= gap for x in near[lane]):
            out.append([e, lane])
            near[lane].append(e)
    return sorted(out)


def straight_phase(index: int, config: dict[str, Any], bpm: float, loop: int) -> int:
    """The music frame at which level ``index`` starts when the game is played straight through
    from level 1 (the music starts with the game and loops; the runtime's 'Level complete!'
    pause between levels lasts TRANSITION frames). Only reported: the game charts from the real one."""
    p = 0
    for i in range(index):
        shape: dict[str, Any] = {"bpm": bpm, "loop": loop, "reps": 1 if i == 0 else 2, "travel": max(48, 96 - 16 * i), "notes": []}
        p += chart(shape, p)["end"] + TRANSITION
    return p


def _transition_steps() -> int:
    """The runtime's level-complete pause in steps: 1.5 s counted down by 1/60 in floats."""
    t, n = 1.5, 0
    while True:
        n += 1
        t -= 1 / 60
        if t <= 0:
            return n


TRANSITION = _transition_steps()


def song_start(level: dict[str, Any], p: int) -> int:
    """The music's first eighth the song plays: the first bar line at least ``travel`` frames after
    the level starts at music frame ``p``."""
    bpm, travel, b = float(level["bpm"]), int(level["travel"]), 0
    while frame_of(BAR * b, bpm) < p + travel:
        b += 1
    return BAR * b


def chart(level: dict[str, Any], p: int) -> dict[str, Any]:
    """The level's notes as level frames when it starts at music frame ``p``: ``{"start", "end",
    "notes": [[frame, lane], ...]}`` in time order (then lane)."""
    bpm, loop, reps = float(level["bpm"]), int(level["loop"]), int(level["reps"])
    s = song_start(level, p)
    lane_at = {int(n[0]): int(n[1]) for n in level["notes"]}
    mine_at = {int(m[0]): int(m[1]) for m in level.get("mines") or []}
    span = range(s, s + loop * reps)
    notes = [[frame_of(e, bpm) - p, lane_at[e % loop]] for e in span if e % loop in lane_at]
    mines = [[frame_of(e, bpm) - p, mine_at[e % loop]] for e in span if e % loop in mine_at]
    return {"start": frame_of(s, bpm) - p, "end": frame_of(s + loop * reps, bpm) - p, "notes": notes, "mines": mines}


# ---- the rule book ---------------------------------------------------------------------------------


@dataclass
class Sim:
    """The level as the JS plays it, one frame per :meth:`step`."""

    level: dict[str, Any]
    config: dict[str, Any]
    phase: int = 0
    f: int = 0
    meter: int = 0
    combo: int = 0
    best: int = 0
    score: int = 0
    counts: list[int] = field(default_factory=lambda: [0, 0, 0])  # perfect, good, miss
    status: str = "playing"
    notes: list[list[int]] = field(default_factory=list)  # [frame, lane, judgement (-1 unjudged, 0 perfect, 1 good, 2 miss)]
    mines: list[list[int]] = field(default_factory=list)  # [frame, lane, set off (0 / 1)]
    mines_hit: int = 0
    end: int = 0
    head: int = 0  # the first unjudged note

    def __post_init__(self) -> None:
        ch = chart(self.level, self.phase)
        self.notes = [[t, lane, -1] for t, lane in ch["notes"]]
        self.mines = [[t, lane, 0] for t, lane in ch["mines"]]
        self.end = int(ch["end"])
        self.meter = int(self.config["meter_start"])

    def step(self, lanes_pressed: set[int]) -> None:
        if self.status != "playing":
            return
        self.f += 1
        good, perfect = int(self.config["good"]), int(self.config["perfect"])
        for lane in sorted(lanes_pressed):
            self._hit(lane, good, perfect)
        while self.head < len(self.notes) and (self.notes[self.head][2] >= 0 or self.notes[self.head][0] < self.f - good):
            n = self.notes[self.head]
            if n[2] < 0:
                n[2] = 2
                self.counts[2] += 1
                self.combo = 0
                self.meter = max(0, self.meter - int(self.config["meter_miss"]))
            self.head += 1
        if self.meter <= 0:
            self.status = "lost"
        elif self.f >= self.end:
            self.status = "won"

    def _hit(self, lane: int, good: int, perfect: int) -> None:
        i = self.head
        while i < len(self.notes) and self.notes[i][0] <= self.f + good:
            n = self.notes[i]
            if n[2] < 0 and n[1] == lane and abs(n[0] - self.f) <= good:
                kind = 0 if abs(n[0] - self.f) <= perfect else 1
                n[2] = kind
                self.counts[kind] += 1
                mult = min(int(self.config["mult_max"]), 1 + self.combo // int(self.config["combo_step"]))
                self.score += int(self.config["points_perfect" if kind == 0 else "points_good"]) * mult
                self.combo += 1
                self.best = max(self.best, self.combo)
                gain = int(self.config["meter_perfect" if kind == 0 else "meter_good"])
                self.meter = min(int(self.config["meter_max"]), self.meter + gain)
                return
            i += 1
        for m in self.mines:
            if not m[2] and m[1] == lane and abs(m[0] - self.f) <= good:
                m[2] = 1
                self.mines_hit += 1
                self.combo = 0
                self.meter = max(0, self.meter - int(self.config["meter_miss"]))
                return

    def row(self) -> list[Any]:
        return [self.f, self.meter, self.combo, self.score, list(self.counts), self.mines_hit, self.status]


def lanes_for(level: dict[str, Any], keys: set[str]) -> set[int]:
    """The lanes the keys pressed this frame hit (left / down / up / right, by the level's lanes)."""
    table = LANE_KEYS[int(level["lanes"])]
    return {table[k] for k in keys if k in table}


def key_for(level: dict[str, Any], lane: int) -> str:
    """The key that hits ``lane`` (the first of its keys)."""
    return next(k for k, v in LANE_KEYS[int(level["lanes"])].items() if v == lane)


# ---- the solver -------------------------------------------------------------------------------------


def _play_perfect(level: dict[str, Any], config: dict[str, Any], p: int) -> Sim:
    sim = Sim(level, config, p)
    by_frame: dict[int, set[int]] = {}
    for t, lane, _ in sim.notes:
        by_frame.setdefault(t, set()).add(lane)
    while sim.status == "playing" and sim.f < sim.end + 1:
        sim.step(by_frame.get(sim.f + 1, set()))
    return sim


def solve(level: dict[str, Any], config: dict[str, Any]) -> dict[str, Any] | None:
    """The perfect input schedule ``presses: [[frame, lane], ...]`` of a fresh start (music frame
    0), played through the rules to a win with every note perfect; and the same for the song
    starting at each bar of the loop (wherever the looping music is when the level starts), so
    the level is proven however it is reached. None when a chart is empty or any of them fails.
    A commands level is proved by commands.solve (a schedule of commands as drums on beat frames)."""
    if level.get("mode") == "commands":
        return commands.solve(level, config)
    if not level.get("notes"):
        return None
    bpm, loop = float(level["bpm"]), int(level["loop"])
    phases = {0, int(level.get("phase") or 0)}
    phases |= {frame_of(BAR * b, bpm) - int(level["travel"]) for b in range(1, loop // BAR + 1)}
    for p in sorted(phases):
        sim = _play_perfect(level, config, p)
        if sim.status != "won" or sim.counts[0] != len(sim.notes) or not sim.notes or sim.mines_hit:
            return None
    sim = _play_perfect(level, config, 0)
    presses = [[t, lane] for t, lane, _ in sim.notes]
    slack = int(config["meter_start"]) // int(config["meter_miss"])
    return {"steps": len(presses), "presses": presses, "frames": sim.end, "score": sim.score,
            "best_combo": sim.best, "phases": len(phases), "misses_allowed": slack - (int(config["meter_start"]) % int(config["meter_miss"]) == 0)}


def describe(level: dict[str, Any]) -> str:
    if level.get("mode") == "commands":
        return commands.describe(level)
    ch = chart(level, 0)
    seconds = ch["end"] / FPS
    mines = f", {len(ch['mines'])} mines" if ch["mines"] else ""
    return (f"{level['lanes']} lanes, {len(ch['notes'])} notes from {level.get('onsets', '?')} melody onsets{mines}, "
            f"{seconds:.1f} s at {float(level['bpm']):g} bpm, notes fall in {int(level['travel']) / FPS:.2f} s")
