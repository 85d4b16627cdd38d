"""The timing keypoints: each loads a small hand-made bout into the build's own game (see qa.py), taps
Space or Down on chosen frames, and compares the game with the Python rules frame by frame."""

from __future__ import annotations

from typing import Any, Callable

from maestro.genres.base import Keypoint
from maestro.genres.headless import HeadlessGame, checked, fail_if
from maestro.genres.sports.qa import play_frames
from maestro.genres.sports.qa import install
from maestro.genres.sports.timing import DODGE_COST, HIT_POINTS, REST, STAMINA, Bout, sweep


def bout_level(config: dict[str, Any], *, strikes: list[int] | None = None, fight: int = 20, rounds: int = 3,
               round_frames: int = 600, speed: int = 20, width: int = 200, lo: int = 400) -> dict[str, Any]:
    """A bout against the build's own opponent: one window from ``lo``, strikes on the given frames."""
    return {"mode": "timing", "speed": speed, "width": width, "windows": [lo], "strikes": list(strikes or []),
            "round": round_frames, "rounds": rounds, "miss": 15, "pull": 20, "fight": fight,
            "opponent": config.get("opponent", "Opponent"), "stage": 1, "name": "QA bout", "seed": 1, "index": 0}


def frame_when(level: dict[str, Any], inside: bool, after: int = 0) -> int:
    """The first frame index (from ``after``) on which the marker is inside the window (or outside it)."""
    b = Bout.start(level)
    pos, way = b.pos, b.way
    lo, width = int(level["windows"][0]), int(level["width"])
    for i in range(4 * 1000):
        pos, way = sweep(pos, way, b.speed)
        if i >= after and (lo <= pos <= lo + width) == inside:
            return i
    raise AssertionError("the marker never reaches the window on the QA bout")  # a QA level of ours


def _guard(fn: Callable[[HeadlessGame], str | None]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    return checked(fn, install)


def timing_checks(spec: dict[str, Any], config: dict[str, Any], levels: list[dict[str, Any]]) -> list[Keypoint]:
    out: list[Keypoint] = []
    foe = str(config.get("opponent") or "the opponent")
    words = config.get("words") or {}

    @_guard
    def sport_scores(game: HeadlessGame) -> str:
        lv = bout_level(config)
        hit = frame_when(lv, True)
        miss = frame_when(lv, False, after=hit + 30)
        b, row = play_frames(game, lv, {hit: ["action"], miss: ["action"]}, miss + 2)
        v = row["view"]
        fail_if(v["hits"] != 1 or v["fight"] != lv["fight"] - 1, f"Space inside the window left {foe} at {v['fight']} fight")
        fail_if(v["score"] != HIT_POINTS, f"the hit scored {v['score']}")
        fail_if(v["misses"] != 1 or v["stamina"] != STAMINA - lv["miss"], f"Space outside the window left stamina {v['stamina']}")
        return (f"Space with the marker in the window landed a {words.get('hit', 'hit').lower()} ({foe} "
                f"{lv['fight']} -> {v['fight']}, +{HIT_POINTS}); outside it, a miss cost {lv['miss']} stamina")

    out.append(Keypoint("sport_scores", "Act inside the moving window to score", sport_scores, mechanic="score"))

    @_guard
    def stamina_spent(game: HeadlessGame) -> str:
        lv = bout_level(config)
        miss = frame_when(lv, False)
        _, row = play_frames(game, lv, {miss: ["action"], miss + 30: ["down"]}, miss + 32)
        v = row["view"]
        fail_if(v["stamina"] != STAMINA - lv["miss"] - DODGE_COST, f"a miss and a guard left stamina {v['stamina']}")
        return f"a miss cost {lv['miss']} stamina and a guard {DODGE_COST}"

    out.append(Keypoint("stamina_spent", "Every miss and every guard costs stamina", stamina_spent))

    @_guard
    def dodge_guards(game: HeadlessGame) -> str:
        lv = bout_level(config, strikes=[100, 200])
        _, row = play_frames(game, lv, {96: ["down"]}, 202)
        v = row["view"]
        fail_if(v["dodged"] != 1 or v["taken"] != 1, f"{v['dodged']} strikes dodged and {v['taken']} taken")
        fail_if(v["stamina"] != STAMINA - DODGE_COST - lv["pull"], f"stamina is {v['stamina']}")
        return (f"Down just before {foe}'s first strike dodged it; the second, unguarded, took {lv['pull']} stamina")

    out.append(Keypoint("dodge_guards", f"Read the tell and guard against {foe}'s strikes", dodge_guards))

    @_guard
    def opponent_down_wins(game: HeadlessGame) -> str:
        lv = bout_level(config, fight=2)
        first = frame_when(lv, True)
        second = frame_when(lv, True, after=first + 40)
        _, row = play_frames(game, lv, {first: ["action"]}, first + 2)
        fail_if(row["status"] != "playing" or row["cleared"], "one hit of two already won")
        _, row = play_frames(game, lv, {first: ["action"], second: ["action"]}, second + 2)
        fail_if(not (row["cleared"] >= 1 or row["status"] == "won"), f"wearing {foe} down did not win ({row['status']})")
        return f"the second hit took {foe}'s fight to zero and won the bout (not the first)"

    out.append(Keypoint("opponent_down_wins", f"Wear {foe} down to win", opponent_down_wins))

    @_guard
    def bout_lost(game: HeadlessGame) -> str:
        lv = bout_level(config, rounds=2, round_frames=120)
        b, row = play_frames(game, lv, {}, 242)
        fail_if(b.round != 3 or row["status"] != "lost", f"two rounds with nothing pressed left the game {row['status']!r}")
        fail_if("round" not in (row["last_loss"] or ""), f"the loss says {row['last_loss']!r}")
        lv = bout_level(config)
        many = {frame_when(lv, False, after=i * 40): ["action"] for i in range(12)}
        b, row = play_frames(game, lv, many, max(many) + 2)
        fail_if(row["status"] != "lost" or "stamina" not in (row["last_loss"] or ""),
                f"missing again and again left the game {row['status']!r} ({row['last_loss']!r})")
        return (f"the last round ending with the opponent still standing lost the bout; so did stamina running out "
                f"after {b.misses} misses in round 1")

    out.append(Keypoint("bout_lost", "Stamina running out, or the last round ending with the opponent standing, "
                                     "loses the bout", bout_lost))

    @_guard
    def rounds_follow(game: HeadlessGame) -> str:
        # A miss first, so that the rest between rounds has stamina to give back.
        lv = bout_level(config, rounds=3, round_frames=120)
        miss = frame_when(lv, False)
        b, row = play_frames(game, lv, {miss: ["action"]}, 122)
        v = row["view"]
        rested = min(STAMINA, STAMINA - lv["miss"] + REST)
        fail_if(v["round"] != 2 or row["status"] != "playing", f"after one round's {lv['round']} frames the game is "
                f"{row['status']!r} in round {v['round']}, not playing round 2")
        fail_if(v["stamina"] != rested, f"stamina is {v['stamina']} in round 2, not {rested} after the rest")
        return (f"after {lv['round']} frames round 1 ended and round 2 began, the rest giving stamina back "
                f"({STAMINA - lv['miss']} -> {rested})")

    out.append(Keypoint("rounds_follow", "The bout is played in rounds: a round ends on its clock, the next begins "
                                         "after a rest", rounds_follow))

    @_guard
    def gdd_opponent(game: HeadlessGame) -> str:
        fail_if(levels[0].get("opponent") != config.get("opponent"), f"level 1 is against {levels[0].get('opponent')!r}")
        shown = game.js("__game.game.cfg.opponent")
        fail_if(shown != config.get("opponent"), f"the game shows {shown!r}")
        return f"level 1 is a bout against {foe}"

    out.append(Keypoint("gdd_opponent", f"The opponent is the game's own: {foe}", gdd_opponent))
    return out
