"""What a platformer GDD may add to the plain platformer: shooting, growing and shrinking, enemies that
patrol and chase on sight. Each is read from the GDD (tests/fixtures/gdds/mech_*.md), tuned in
config_for, built in platformer.js and proved by a keypoint on the real JavaScript; a planted fault
fails the keypoint that names it. A GDD that asks for none of them keeps its config and levels."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from maestro.agents import orchestrator
from maestro.agents.generators import build_bundle
from maestro.gdd import parse_gdd, read_gdd_file
from maestro.genres.headless import HeadlessGame
from maestro.genres.platformer import qa, rules
from maestro.spec import GameSpec, LevelEntity, LevelRequest

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "gdds"
PLAIN = """# Cliff Hopper
- **Genre**: Platformer
Run and jump across 2 levels. Collect coins (10 points each) and stomp the slimes (100 points).
Avoid the spikes. Reach the flag at the end of each level. 3 lives.
"""


def _spec(name: str) -> GameSpec:
    return parse_gdd(read_gdd_file(FIXTURES / f"mech_{name}.md"), source_name=name)


class Build:
    def __init__(self, spec: GameSpec, seed: int = 1) -> None:
        plan = orchestrator.plan(spec, seed, orchestrator.project_id(spec, seed))
        files = build_bundle(plan)
        self.game_js = files["game/game.js"].decode()
        self.data_js = files["game/data.js"].decode()
        data = json.loads(self.data_js[self.data_js.index("{"): self.data_js.rindex("}") + 1])
        self.spec, self.config, self.levels = data["spec"], data["config"], data["levels"]

    def run(self, kid: str, game_js: str | None = None) -> tuple[bool | None, str]:
        kp = next(k for k in qa.keypoints(self.spec, self.config, self.levels) if k.id == kid)
        with HeadlessGame(game_js or self.game_js, self.data_js) as g:
            return kp.run(g)


@pytest.fixture(scope="module")
def shoot() -> Build:
    return Build(_spec("shoot"))


@pytest.fixture(scope="module")
def grow() -> Build:
    return Build(_spec("grow"))


@pytest.fixture(scope="module")
def chase() -> Build:
    return Build(_spec("chase"))


def _planted(js: str, old: str, new: str) -> str:
    assert js.count(old) == 1, old
    return js.replace(old, new)


# ---- the reader ---------------------------------------------------------------------------------

def test_the_reader_finds_shooting_that_faces_the_way_the_hero_does():
    spec = _spec("shoot")
    assert spec.genre == "platformer"
    assert spec.params_of("shoot") == {"direction": "facing", "rate": 4.0}
    assert any(r.term == "shoot" for r in spec.requirements)


def test_the_reader_finds_patrol_and_chase_on_sight():
    spec = _spec("chase")
    ids = {m.id for m in spec.mechanics}
    assert {"enemies_patrol", "enemies_chase"} <= ids
    assert any(e.behavior == "chaser" for e in spec.enemies)


def test_growing_is_a_demand_the_platformer_delivers():
    spec = _spec("grow")
    req = next(r for r in spec.requirements if r.summary == "growing and shrinking")
    assert req.term == "grow"
    assert not any("growing" in n for n in spec.notes)  # no "Not built" note any more


# ---- config and levels ----------------------------------------------------------------------------

def test_config_adds_shooting_and_growing_only_when_asked():
    plain = rules.config_for(parse_gdd(PLAIN, source_name="plain"))
    assert "shoot" not in plain and "grow" not in plain
    assert rules.jump_keys(plain) == ("up", "action")
    cfg = rules.config_for(_spec("shoot"))
    assert cfg["shoot"] == {"cooldown": 15, "speed": rules.SHOT_SPEED, "life": rules.SHOT_LIFE}
    assert rules.jump_keys(cfg) == ("up",)
    assert rules.config_for(_spec("grow"))["grow"] == {"points": 0, "invuln": rules.GROW_INVULN}


def test_a_grow_power_up_is_placed_on_free_ground_without_changing_the_level():
    spec = _spec("grow")
    cfg = rules.config_for(spec)
    plain_cfg = {k: v for k, v in cfg.items() if k != "grow"}
    lr = LevelRequest(index=0, difficulty=2.0, enemies=[LevelEntity(slug="beetle", count=2)],
                      items=[LevelEntity(slug="coin", points=10)])
    with_grow = rules.generate(lr, cfg, random.Random(5))
    without = rules.generate(lr, plain_cfg, random.Random(5))
    grows = with_grow.pop("grows")
    assert with_grow == without
    assert len(grows) == 1
    g = grows[0]
    col, row = g["x"] // rules.TILE, g["y"] // rules.TILE
    assert with_grow["rows"][row][col] == "." and with_grow["rows"][row + 1][col] in "#="
    assert rules.solve(dict(with_grow, grows=grows), cfg) is not None


# ---- keypoints on the real JavaScript ---------------------------------------------------------------

def test_shooting_defeats_an_enemy_and_space_no_longer_jumps(shoot):
    ok, msg = shoot.run("shoot")
    assert ok is True, msg
    ok, msg = shoot.run("jump")
    assert ok is True and "action" not in msg, msg


def test_a_shot_that_hurts_nothing_fails_the_shoot_check(shoot):
    broken = _planted(shoot.game_js, "if (!shotHits(G, w, s)) keep.push(s);", "keep.push(s);")
    ok, msg = shoot.run("shoot", broken)
    assert ok is False and "never defeated" in msg, msg


def test_growing_survives_one_hit(grow):
    ok, msg = grow.run("grow")
    assert ok is True, msg


def test_a_hit_that_does_not_shrink_fails_the_grow_check(grow):
    broken = _planted(grow.game_js, "if (!w.big) return false;", "return false;")
    ok, msg = grow.run("grow", broken)
    assert ok is False and "cost 1 lives" in msg, msg


def test_enemies_patrol_then_chase_on_sight(chase):
    for kid in ("patrol", "chaser_chases"):
        ok, msg = chase.run(kid)
        assert ok is True, (kid, msg)


def test_a_chaser_that_never_turns_fails_the_chase_check(chase):
    broken = _planted(chase.game_js, "e.dir = ppx < e.x ? -1 : 1; speed *= 1.5;", "speed *= 1.0;")
    ok, msg = chase.run("chaser_chases", broken)
    assert ok is False, msg


def test_the_bot_and_the_rules_agree_with_shooting_and_growing(shoot, grow):
    for b in (shoot, grow):
        with HeadlessGame(b.game_js, b.data_js) as g:
            assert qa.play_level_one(g, b.levels[0], b.config).won
        with HeadlessGame(b.game_js, b.data_js) as g:
            assert qa.rules_agree(g, b.levels[0], b.config, random.Random(3)) is None


RUNNER = """# Rail Blast
- **Genre**: Endless runner
The hero runs automatically to the right and shoots the drones with a blaster. Eating a mushroom makes the
player grow bigger. Drones patrol and chase the hero when they see him. Jump over gaps. 3 levels. 3 lives.
"""


def test_an_endless_runner_shoots_grows_and_is_chased_too():
    b = Build(parse_gdd(RUNNER, source_name="runner"))
    assert b.config["mode"] == "runner" and b.config.get("shoot") and b.config.get("grow")
    for kid in ("shoot", "grow", "patrol", "chaser_chases", "jump", "auto_run"):
        ok, msg = b.run(kid)
        assert ok is True, (kid, msg)
