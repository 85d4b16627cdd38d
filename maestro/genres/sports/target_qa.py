"""The target keypoints: each loads a small hand-made round into the build's own game (see qa.py), aims,
draws and shoots, and compares the game with the Python rules on the same round."""

from __future__ import annotations

from typing import Any, Callable

from maestro.genres.base import Keypoint
from maestro.genres.headless import HeadlessGame, checked, fail_if
from maestro.genres.sports.qa import call, differs, install
from maestro.genres.sports.target import (AIMS, MAX_POWER, RING_POINTS, START_AIM, START_POWER, Range, crossing,
                                          points)

QA_DIST, QA_HEIGHT, QA_RING = 4000, 150, 40


def round_level(config: dict[str, Any], shots: list[tuple[int, int, int]], *, goal: int = 1000,
                ring: int = QA_RING) -> dict[str, Any]:
    """A round of (distance, height, wind) shots at the build's own targets (their names from the GDD)."""
    return {"mode": "target", "shots": [{"dist": d, "height": h, "wind": w, "kind": 0} for d, h, w in shots],
            "ring": ring, "goal": goal, "aim": START_AIM, "power": START_POWER,
            "targets": list(config.get("targets") or [{"name": "Target"}]), "stage": 1, "name": "QA round", "seed": 1,
            "index": 0}


def shot_scoring(pts: int, dist: int = QA_DIST, height: int = QA_HEIGHT, wind: int = 0,
                 ring: int = QA_RING) -> tuple[int, int]:
    """The (aim, power) nearest the start that scores ``pts`` on that shot by the rules."""
    found = [(abs(a - START_AIM) + abs(p - START_POWER), a, p) for a in range(AIMS) for p in range(1, MAX_POWER + 1)
             if points(crossing(a, p, wind, dist), height, ring) == pts]
    if not found:
        raise AssertionError(f"no aim scores {pts} on a {dist // 100} m shot")  # a QA level of ours, not the game
    _, a, p = min(found)
    return a, p


class Hand:
    """The keys pressed on the game and on the rules alike."""

    def __init__(self, game: HeadlessGame, level: dict[str, Any]) -> None:
        self.game, self.py = game, Range.start(level)
        call(game, "load", level)

    def keys(self, ks: list[str]) -> dict[str, Any]:
        for k in ks:
            self.py.press(k)
        out: dict[str, Any] = call(self.game, "keys", ks)
        why = differs(out["view"], self.py)
        fail_if(why is not None and out["status"] == "playing", f"the game and the rules differ: {why}")
        return out

    def shoot(self, aim: int, power: int) -> dict[str, Any]:
        ks = ["up" if aim > self.py.aim else "down"] * abs(aim - self.py.aim)
        ks += ["right" if power > self.py.power else "left"] * abs(power - self.py.power)
        return self.keys(ks + ["action"])


def _guard(fn: Callable[[HeadlessGame], str | None]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    return checked(fn, install)


def target_checks(spec: dict[str, Any], config: dict[str, Any], levels: list[dict[str, Any]]) -> list[Keypoint]:
    out: list[Keypoint] = []
    names = ", ".join(str(t["name"]) for t in config.get("targets") or [])
    bull, top = RING_POINTS[0], RING_POINTS[0]

    @_guard
    def aim_and_power(game: HeadlessGame) -> str:
        h = Hand(game, round_level(config, [(QA_DIST, QA_HEIGHT, 0)]))
        r = h.keys(["up", "up", "right"])
        v = r["view"]
        fail_if((v["aim"], v["power"]) != (START_AIM + 2, START_POWER + 1), f"Up Up Right left aim {v['aim']}, power {v['power']}")
        r = h.keys(["up"] * (AIMS + 2) + ["right"] * (MAX_POWER + 2))
        v = r["view"]
        fail_if((v["aim"], v["power"]) != (AIMS - 1, MAX_POWER),
                f"the aim and the power did not stop at the top ({v['aim']}, {v['power']})")
        r = h.keys(["down"] * (AIMS + 2) + ["left"] * (MAX_POWER + 2))
        v = r["view"]
        fail_if((v["aim"], v["power"]) != (0, 1), f"the aim and the power did not stop at their ends ({v['aim']}, {v['power']})")
        fail_if(v["shot"] != 0, "aiming let a shot go")
        r = h.keys(["action"])
        fail_if(r["view"]["shot"] != 1 or r["view"]["last"] != -2, "Space did not let the (too weak) shot go")
        return (f"Up / Down moved the aim {5 * (START_AIM + 1)} to {5 * (START_AIM + 3)} degrees, Right drew power "
                f"{START_POWER + 1}; both stopped at {5 * AIMS} degrees and power {MAX_POWER}, and at 5 degrees and power 1; "
                f"Space let the shot go")

    out.append(Keypoint("aim_and_power", "Aim the shot, draw its power and let it go", aim_and_power, mechanic="shoot"))

    @_guard
    def sport_scores(game: HeadlessGame) -> str:
        a, p = shot_scoring(bull)
        a2, p2 = shot_scoring(RING_POINTS[1])
        h = Hand(game, round_level(config, [(QA_DIST, QA_HEIGHT, 0)] * 3))
        r = h.shoot(a, p)
        fail_if(r["view"]["score"] != bull or r["score"] < bull, f"a shot the rules put in the bullseye scored {r['view']['score']}")
        r = h.shoot(a2, p2)
        fail_if(r["view"]["score"] != bull + RING_POINTS[1], f"a shot in the second ring brought the score to {r['view']['score']}")
        r = h.shoot(0, 1)
        fail_if(r["view"]["score"] != bull + RING_POINTS[1] or r["view"]["last"] != -2, "a shot that fell short scored")
        return (f"a shot at {5 * (a + 1)} degrees, power {p} hit the bullseye for {bull}; the second ring scored "
                f"{RING_POINTS[1]}; one that fell short scored nothing")

    out.append(Keypoint("sport_scores", "Shots score by the rings they hit", sport_scores, mechanic="score"))

    @_guard
    def wind_drifts(game: HeadlessGame) -> str:
        a, p = shot_scoring(bull)
        calm = crossing(a, p, 0, QA_DIST)
        wind = next((w for w in (3, -3, 5, -5) if points(crossing(a, p, w, QA_DIST), QA_HEIGHT, QA_RING) < bull), 0)
        fail_if(wind == 0, "no wind moved a bullseye on the QA range")
        h = Hand(game, round_level(config, [(QA_DIST, QA_HEIGHT, 0), (QA_DIST, QA_HEIGHT, wind)]))
        r = h.shoot(a, p)
        still = r["view"]["last"]
        r = h.shoot(a, p)
        blown = r["view"]["last"]
        fail_if(still != calm or still == blown, f"the same shot crossed at {still} cm in still air and {blown} cm in the wind")
        fail_if(r["view"]["results"][1] >= bull, "the wind did not move the shot off the bullseye")
        return (f"the same aim and power crossed the target at {still} cm in still air and at {blown} cm in a wind "
                f"of {wind:+d}")

    out.append(Keypoint("wind_drifts", "Wind pushes the shot: aim against it", wind_drifts))

    @_guard
    def score_to_beat_wins(game: HeadlessGame) -> str:
        a, p = shot_scoring(bull)
        goal = 2 * bull  # reached exactly by the second bullseye: the rival's score plus one
        h = Hand(game, round_level(config, [(QA_DIST, QA_HEIGHT, 0)] * 3, goal=goal))
        r = h.shoot(a, p)
        fail_if(r["cleared"] or r["status"] == "won", f"{r['view']['score']} of {goal} points already won")
        r = h.shoot(a, p)
        fail_if(not (r["cleared"] >= 1 or r["status"] == "won"), f"beating the score did not win ({r['status']})")
        return f"the shot that took the score past {goal - 1} won the round (not the one before), a shot to spare"

    out.append(Keypoint("score_to_beat_wins", "Beat the score to win the round", score_to_beat_wins))

    @_guard
    def shots_run_out_loses(game: HeadlessGame) -> str:
        h = Hand(game, round_level(config, [(QA_DIST, QA_HEIGHT, 0)] * 2, goal=top + 1))
        r = h.shoot(0, 1)
        fail_if(r["status"] != "playing", "the first of two shots already ended the round")
        r = h.shoot(0, 1)
        fail_if(r["status"] != "lost", f"the last shot fell short of the score and the game is {r['status']!r}")
        fail_if("short of the score" not in (r["last_loss"] or ""), f"the loss says {r['last_loss']!r}")
        return "the last shot of the round short of the score to beat lost the game"

    out.append(Keypoint("shots_run_out_loses", "The shots run out short of the score: the game is lost",
                        shots_run_out_loses))

    @_guard
    def gdd_targets(game: HeadlessGame) -> str:
        v = call(game, "load", levels[0])
        fail_if(v is None or v["mode"] != "target", "level 1 is not a target round")
        seen = game.js("__game.game.world.targets.map(function (t) { return t.name; })")
        want = [str(t["name"]) for t in config.get("targets") or []]
        fail_if(seen != want, f"the running round shoots at {seen}")
        rival = config.get("rival") or ""
        if rival:
            fail_if(game.js("__game.game.world.rival") != rival, "the rival is not the GDD's")
        return f"level 1 shoots at {', '.join(want)}" + (f" against {rival}'s score" if rival else "")

    out.append(Keypoint("gdd_targets", f"The targets are the game's own: {names}", gdd_targets))
    return out
