"""The virtual-pet keypoints: each loads a small hand-made pet into the build's own game (see qa.py),
taps care buttons or lets hours pass, and compares the game with the Python rules on the same pet."""

from __future__ import annotations

from typing import Any, Callable

from maestro.genres.base import Keypoint
from maestro.genres.headless import HeadlessGame, checked, fail_if
from maestro.genres.simulation.pet import ACTIONS, BUSY, RESTORE, Pet
from maestro.genres.simulation.qa import call, differs, install

TICK = 10  # frames an hour on the QA pets, so that a check lets hours pass quickly


def pet_level(config: dict[str, Any], *, start: int = 60, rate: int = 5, grow: int = 50, target: int = 5,
              zero_hours: int = 3, low: int = 25) -> dict[str, Any]:
    """A pet with the build's own needs, each at ``start`` and falling by ``rate`` an hour (the next
    one a point faster, so that a check tells them apart; 0: none falls)."""
    needs = [{"kind": k, "rate": rate + i if rate else 0, "start": start} for i, k in enumerate(config["needs"])]
    return {"mode": "pet", "needs": needs, "tick": TICK, "grow": grow, "low": low, "zero_hours": zero_hours,
            "target": target, "stage": 1, "name": "QA pet", "seed": 1, "index": 0}


class Hand:
    """Frames stepped (and keys tapped) on the game and on the rules alike."""

    def __init__(self, game: HeadlessGame, level: dict[str, Any]) -> None:
        self.game, self.py = game, Pet.start(level)
        call(game, "load", level)

    def tap(self, key: str) -> dict[str, Any]:
        """``key`` down for one frame, then up for one."""
        self.py.step({key})
        self.py.step(set())
        out: dict[str, Any] = call(self.game, "key", key)
        self._same(out)
        return out

    def wait(self, frames: int) -> dict[str, Any]:
        for _ in range(frames):
            self.py.step(set())
        out: dict[str, Any] = call(self.game, "frames", frames)
        self._same(out)
        return out

    def _same(self, out: dict[str, Any]) -> None:
        why = differs(out["view"], self.py)
        fail_if(why is not None and out["status"] == "playing", f"the game and the rules differ: {why}")


def _guard(fn: Callable[[HeadlessGame], str | None]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    return checked(fn, install)


def pet_checks(spec: dict[str, Any], config: dict[str, Any], levels: list[dict[str, Any]]) -> list[Keypoint]:
    out: list[Keypoint] = []
    kinds: list[str] = list(config["needs"])
    names = config.get("need_names") or {}
    acts = config.get("action_names") or {}
    said = ", ".join(str(names.get(k, k)) for k in kinds)

    @_guard
    def need_decays(game: HeadlessGame) -> str:
        lv = pet_level(config)
        h = Hand(game, lv)
        r = h.wait(TICK - 1)
        fail_if(r["view"]["vals"] != [60] * len(kinds), "the needs fell before an hour passed")
        r = h.wait(1)
        want = [60 - n["rate"] for n in lv["needs"]]
        fail_if(r["view"]["vals"] != want, f"after an hour the needs are {r['view']['vals']}, not {want}")
        r = h.wait(2 * TICK)
        want = [60 - 3 * n["rate"] for n in lv["needs"]]
        fail_if(r["view"]["vals"] != want, f"after three hours the needs are {r['view']['vals']}, not {want}")
        return f"every hour each need ({said}) fell by its own rate"

    out.append(Keypoint("need_decays", f"The pet's needs fall over time: {said}", need_decays))

    @_guard
    def care_restores(game: HeadlessGame) -> str:
        h = Hand(game, pet_level(config, start=30, rate=0))
        done = []
        for i, k in enumerate(kinds):
            if i:
                h.tap("right")
            before = list(h.py.vals)
            r = h.tap("action")
            got = r["view"]["vals"][i]
            fail_if(got != min(100, before[i] + RESTORE[k]),
                    f"{acts.get(k, ACTIONS[k])} raised {names.get(k, k)} from {before[i]} to {got}, not by {RESTORE[k]}")
            busy = r["view"]["vals"]
            r = h.tap("action")
            fail_if(r["view"]["vals"] != busy, "a second care action while the pet was still busy counted")
            h.wait(BUSY)
            done.append(f"{acts.get(k, ACTIONS[k])} +{RESTORE[k]} {names.get(k, k)}")
        return "each care action raised its need (" + "; ".join(done) + "), none while the pet was busy"

    out.append(Keypoint("care_restores", "Care actions restore the needs: " +
                        ", ".join(str(acts.get(k, ACTIONS[k])) for k in kinds), care_restores))

    @_guard
    def pet_grows(game: HeadlessGame) -> str:
        h = Hand(game, pet_level(config, start=90, rate=1, grow=3))
        r = h.wait(3 * TICK - 1)
        fail_if(r["view"]["stage"] != 1, "the pet grew before its healthy hours were up")
        r = h.wait(1)
        fail_if(r["view"]["stage"] != 2, f"after 3 healthy hours the pet is at stage {r['view']['stage']}, not 2")
        h2 = Hand(game, pet_level(config, start=20, rate=1, grow=3))
        r = h2.wait(3 * TICK)
        fail_if(r["view"]["stage"] != 1, "an unhealthy pet (a need under the healthy line) grew all the same")
        stages = config.get("stages") or []
        return (f"healthy hours grew the pet a stage ({stages[1] if len(stages) > 2 else 1} -> "
                f"{stages[2] if len(stages) > 2 else 2}); hours with a need below the line did not")

    out.append(Keypoint("pet_grows", "The pet grows through stages while it is kept healthy", pet_grows))

    @_guard
    def grown_up_wins(game: HeadlessGame) -> str:
        h = Hand(game, pet_level(config, start=90, rate=1, grow=2, target=3))
        r = h.wait(2 * TICK)
        fail_if(r["cleared"] or r["status"] == "won", "the level was won a stage early")
        r = h.wait(2 * TICK)
        fail_if(not (r["cleared"] >= 1 or r["status"] == "won"), f"reaching the level's stage did not win ({r['status']})")
        return "the hour the pet reached the level's stage won the level (not the stage before)"

    out.append(Keypoint("grown_up_wins", "Raise the pet until it grows up to win", grown_up_wins))

    @_guard
    def neglect_loses(game: HeadlessGame) -> str:
        h = Hand(game, pet_level(config, start=10, rate=10, zero_hours=3))
        r = h.wait(3 * TICK - 1)
        fail_if(r["status"] != "playing", "the pet was lost before the neglect ran its hours")
        r = h.wait(1)
        fail_if(r["status"] != "lost", f"needs at zero for 3 hours did not lose (status {r['status']})")
        fail_if(r["last_loss"] != "neglected", f"the loss says {r['last_loss']!r}")
        return "a need left at zero for 3 hours in a row lost the game"

    out.append(Keypoint("neglect_loses", "A neglected pet (a need at zero for too long) is lost", neglect_loses))

    @_guard
    def day_advances(game: HeadlessGame) -> str:
        h = Hand(game, pet_level(config, start=90, rate=0))
        r = h.wait(5 * TICK + 3)
        fail_if(r["view"]["hour"] != 5, f"after {5 * TICK + 3} frames the clock says hour {r['view']['hour']}, not 5")
        lv = levels[0]
        v = call(game, "load", lv)
        fail_if(v["hour"] != 0, "level 1 does not start at hour 0")
        return f"the clock runs by itself, an hour every {TICK} frames here (level 1: every {lv['tick']})"

    out.append(Keypoint("day_advances", "Time passes on its own: the pet's hours and days go by", day_advances))
    return out
