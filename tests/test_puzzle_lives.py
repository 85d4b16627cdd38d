"""A puzzle has lives only when its GDD gives some: then each danger costs one, and the last
one ends the game; otherwise a danger only restarts the level. Real bundle, headless V8."""

from __future__ import annotations

from maestro.agents import orchestrator
from maestro.agents.generators import build_bundle
from maestro.genres.headless import HeadlessGame
from maestro.gdd import parse_gdd



def _game(text: str) -> HeadlessGame:
    spec = parse_gdd(text)
    spec = spec.model_copy(update={"levels": spec.levels[:1]})
    plan = orchestrator.plan(spec, 1, "p")
    files = build_bundle(plan)
    return HeadlessGame(files["game/game.js"].decode(), files["game/data.js"].decode())


def test_lives_from_the_gdd_are_lost_one_danger_at_a_time():
    with _game("# Ice Slide\nA sokoban puzzle: push crates onto targets. You have 3 lives. Avoid the seals.") as g:
        assert g.state()["lives"] == 3
        for left in (2, 1):
            g.run("__game.game.hurt('seal')")
            st = g.step(1)
            assert st["lives"] == left and st["status"] == "playing"
        g.run("__game.game.hurt('seal')")
        assert g.step(1)["status"] == "lost"


def test_without_lives_a_danger_only_restarts_the_level():
    with _game("# Ice Slide\nA sokoban puzzle: push crates onto targets. Avoid the seals.") as g:
        assert g.state()["lives"] is None
        for _ in range(5):
            g.run("__game.game.hurt('seal')")
        assert g.step(1)["status"] == "playing"
