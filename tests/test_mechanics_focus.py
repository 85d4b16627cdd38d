"""Focus movement (bullet hell): a shooter GDD that asks for a focus / slow / precise mode, or is a bullet hell,
gets the ``focus`` mechanic and ``config["focus"]`` (the share of its speed the ship keeps). The runtime's
"focus" action (Shift held, an F button on touch) slows the ship by that factor in shooter.js and in the
Python rules alike, and shows its hitbox; the "focus" keypoint proves it on the real JavaScript (and fails
on a build that does not slow the ship, or does not draw the hitbox); fidelity reports it verified."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from maestro.agents import orchestrator
from maestro.agents.generators import build_bundle
from maestro.agents.query.fidelity import judge
from maestro.gdd import parse_gdd, read_gdd_file
from maestro.genres.headless import HeadlessGame
from maestro.genres.shooter import qa, rules
from maestro.spec.quality import Check

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "gdds"
GDD = FIXTURES / "mech_focus.md"
PLAIN = "# Sky Guard\nGenre: Shoot 'em up\nShoot the drones that come down in waves. 3 lives.\n"
SPEED_LINE = "var speed = C.playerSpeed * (W.focused ? C.focus : 1);"
HITBOX_LINE = "if (W.focused && G.status !== 'lost') {"


def _build(path: Path) -> dict:
    spec = parse_gdd(read_gdd_file(path), source_name=path.stem)
    files = build_bundle(orchestrator.plan(spec, 1, orchestrator.project_id(spec, 1)))
    data_js = files["game/data.js"].decode()
    data = json.loads(data_js[data_js.index("{"): data_js.rindex("}") + 1])
    return {"files": files, "game_js": files["game/game.js"].decode(), "data_js": data_js, **data}


@pytest.fixture(scope="module")
def built() -> dict:
    return _build(GDD)


def _focus_check(built: dict, game_js: str | None = None) -> tuple[bool | None, str]:
    kp = next(k for k in qa.keypoints(built["spec"], built["config"], built["levels"]) if k.id == "focus")
    with HeadlessGame(game_js or built["game_js"], built["data_js"]) as g:
        return kp.run(g)


# ---- the reader --------------------------------------------------------------------------------------

def test_the_reader_finds_focus_with_its_factor_for_a_shooter_only():
    spec = parse_gdd(read_gdd_file(GDD), source_name="focus")
    assert spec.genre == "shooter" and spec.params_of("focus") == {"factor": 0.5}
    assert any(r.kind == "mechanic" and r.term == "focus" for r in spec.requirements)
    assert spec.controls.get("focus") == "Shift (hold)"
    assert rules.config_for(spec)["focus"] == 0.5
    other = parse_gdd("# Hop\nGenre: Platformer\nJump over pits. Hold Shift for focus mode.\n", source_name="x")
    assert other.genre == "platformer" and other.params_of("focus") is None


@pytest.mark.parametrize("sentence, factor", [
    ("Hold Shift for focus mode: the ship slows to 40% of its speed.", 0.4),
    ("A focus mode key slows the ship to a third of its speed.", 0.3333),
    ("Press Shift for precise movement.", 0.5),  # no number: the catalog's default
])
def test_the_focus_factor_is_read_from_the_gdds_words(sentence, factor):
    spec = parse_gdd(f"# Dots\nGenre: Shoot 'em up\nShoot the drones. {sentence}\n", source_name="x")
    assert spec.params_of("focus") == {"factor": factor}


def test_a_bullet_hell_has_focus_by_habit_and_a_plain_shooter_none():
    bullets = parse_gdd(read_gdd_file(FIXTURES / "mech_bullets.md"), source_name="bullets")
    focus = bullets.mechanic("focus")
    assert focus is not None and focus.source == ""  # the genre's habit, not the GDD's words ...
    assert not any(r.term == "focus" for r in bullets.requirements)  # ... so not a requirement of it
    assert "focus" not in rules.config_for(parse_gdd(PLAIN, source_name="plain"))


# ---- the real game -------------------------------------------------------------------------------------

def test_held_focus_slows_the_ship_by_the_gdds_factor_and_shows_the_hitbox(built):
    ok, msg = _focus_check(built)
    assert ok is True, msg
    assert "x0.50" in msg


def test_a_ship_that_does_not_slow_fails_the_focus_check(built):
    js = built["game_js"]
    assert js.count(SPEED_LINE) == 1
    ok, msg = _focus_check(built, js.replace(SPEED_LINE, "var speed = C.playerSpeed;"))
    assert ok is False and "with focus held" in msg, msg


def test_a_ship_whose_hitbox_is_not_drawn_fails_the_focus_check(built):
    js = built["game_js"]
    assert js.count(HITBOX_LINE) == 1
    ok, msg = _focus_check(built, js.replace(HITBOX_LINE, "if (false) {"))
    assert ok is False and "hitbox" in msg, msg


def test_levels_stay_proven_the_bot_wins_and_the_rules_agree_with_focus_held(built):
    for level in built["levels"]:
        assert rules.solve(level, built["config"]) is not None
    for seed in (1, 2):
        script = qa._agree_flight(random.Random(seed), 600, focus=True)
        assert any(row[3] for row in script) and not all(row[3] for row in script)  # focus held and released
        with HeadlessGame(built["game_js"], built["data_js"]) as g:
            assert qa.rules_agree(g, built["levels"][0], built["config"], random.Random(seed)) is None
    with HeadlessGame(built["game_js"], built["data_js"]) as g:
        assert qa.play_level_one(g, built["levels"][0], built["config"]).won


def test_the_rules_notice_a_game_that_ignores_focus(built):
    js = built["game_js"].replace(SPEED_LINE, "var speed = C.playerSpeed;")
    with HeadlessGame(js, built["data_js"]) as g:
        why = qa.rules_agree(g, built["levels"][0], built["config"], random.Random(1))
    assert why is not None and "ship" in why, why


# ---- fidelity -------------------------------------------------------------------------------------------

def _check(cid: str, passed: bool | None, requirement: str = "", mechanic: str | None = None) -> Check:
    return Check(id=cid, category="keypoint", passed=passed, requirement=requirement or cid, mechanic=mechanic)


def test_fidelity_says_focus_is_delivered_only_when_its_check_passed(built):
    spec = built["spec"]
    req = next(r for r in spec["requirements"] if r.get("term") == "focus")

    def status(checks: list[Check]) -> str:
        return next(r.status for r in judge(spec, checks) if r.requirement.id == req["id"])

    assert status([_check("focus", True, "Holding Shift slows the ship", "focus")]) == "verified"
    assert status([_check("focus", False, "Holding Shift slows the ship", "focus")]) == "not_built"
    assert status([]) == "approximated"


def test_shift_counts_as_a_bound_key_only_in_a_game_with_focus(built):
    spec = dict(built["spec"])
    spec["requirements"] = [{"id": "controls:keys", "kind": "controls", "summary": "controls",
                             "words": "Move with the arrow keys, hold Shift to focus.", "term": "controls"}]
    pressed = _check("browser_input", True, "keys move the game")
    assert judge(spec, [pressed])[0].status == "verified"
    spec["mechanics"] = [m for m in spec["mechanics"] if m["id"] != "focus"]
    row = judge(spec, [pressed])[0]
    assert row.status == "approximated" and "Shift" in row.detail


# ---- a real browser: Shift on the keyboard, the touch button, what it looks like -----------------------

@pytest.mark.browser
def test_shift_on_a_real_keyboard_slows_the_ship_in_chromium(built, browser, tmp_path):
    from tests.browser import GamePage, fresh, world

    for name, blob in built["files"].items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(blob)
    game_dir = tmp_path / "game"
    g = GamePage(browser, game_dir)
    try:
        fresh(g)
        g.page.evaluate("(() => { const G = window.maestro.game, W = window.maestro.world(); G.invuln = 99;"
                        " W.px = 192; W.py = 222; })()")

        def flown(shift: bool) -> float:
            world(g, "(w.px = 192, 0)")
            if shift:
                g.page.keyboard.down("Shift")
            g.page.keyboard.down("ArrowRight")
            x0 = world(g, "w.px")
            g.page.evaluate("window.maestro.step(20)")
            x1 = world(g, "w.px")
            g.page.keyboard.up("ArrowRight")
            return x1 - x0

        full = flown(False)
        slow = flown(True)  # Shift still held: the screenshot shows the ship focused
        g.page.evaluate("window.maestro.step(1)")
        (tmp_path / "focus.png").write_bytes(g.page.locator("#game").screenshot())
        shot = Path("/tmp/maestro_focus_shot.png")  # kept for a person to look at
        shot.write_bytes((tmp_path / "focus.png").read_bytes())
        g.page.keyboard.up("Shift")
        assert full > 0 and abs(slow - full * built["config"]["focus"]) < 1e-6, (full, slow)
        assert not g.errors, g.errors
    finally:
        g.close()
    touch = GamePage(browser, game_dir, "?autostart=1&mute=1&touch=1")
    try:
        assert touch.page.locator("#touch [data-action=focus]").count() == 1
    finally:
        touch.close()
