"""The puzzle genre in a real Chromium: a bundle built like the pipeline builds it, played with real
keys and with the window.maestro stepping API (solver paths, undo, restart, pause, dangers)."""

from __future__ import annotations

import json
import random

import pytest

from tests.browser import GamePage, fresh, launch, world
from maestro.agents import codex
from maestro.genres.puzzle import rules as puzzle
from maestro.spec import ArtStyle, AudioMood, Entity, GameSpec, LevelRequest, Palette

pytestmark = pytest.mark.browser

PALETTE = {"sky": "#1d2b53", "sky2": "#29366f", "ground": "#5f574f", "ground2": "#3b3f54", "wall": "#8b6d4c",
           "accent": "#ffcd75", "player": "#41a6f6", "enemy": "#b13e53", "item": "#ef7d57", "hazard": "#e43b44",
           "goal": "#38b764", "ui": "#1a1c2c", "ui_text": "#f4f4f4", "shadow": "#000000"}
NAMES = {"U": "up", "D": "down", "L": "left", "R": "right"}


def make_spec(mode: str) -> GameSpec:
    items = [Entity(name="Crate", kind="item", slug="crate")] if mode == "sokoban" else \
        [Entity(name="Gem", kind="item", slug="gem", points=25)]
    return GameSpec(
        title=f"Puzzle {mode}", slug=f"puzzle-{mode}", genre="puzzle", genre_confidence=0.9, mode=mode,
        player=Entity(name="Keeper", kind="player", slug="keeper", behavior="player"), items=items,
        hazards=[Entity(name="Spikes", kind="hazard", slug="spikes")],
        goal=Entity(name="Stairs", kind="goal", slug="stairs") if mode == "exit" else None,
        art=ArtStyle(palette=Palette(name="test", colors=PALETTE)), audio=AudioMood(),
    )


def pipeline_level(lv: dict, index: int, seed: int) -> dict:
    return dict(lv, name=f"Room {index + 1}", theme="cellar", seed=seed, difficulty=1.0 + 0.5 * index, index=index)


def generated_levels(spec: GameSpec, cfg: dict, count: int, hazards: bool) -> list[dict]:
    out = []
    for index in range(count):
        req = {"index": index, "count": count, "name": f"Room {index + 1}", "theme": "cellar",
               "difficulty": 1.0 + 0.5 * index, "mode": spec.mode, "enemies": [],
               "items": [{"slug": i.slug, "points": i.points, "count": i.count} for i in spec.items],
               "hazards": [{"slug": "spikes"}] if hazards else [], "goal": None, "enemy_count": None,
               "item_count": None, "mechanics": {}}
        req = LevelRequest.model_validate(req)
        seed = 1000 + index
        lv = puzzle.generate(req, cfg, random.Random(seed))
        assert puzzle.solve(lv, cfg) is not None
        out.append(pipeline_level(lv, index, seed))
    return out


# A hand-made exit room: spikes under the start, a gem, a key, a locked door, two boxes in a row
# (neither can be pushed: a box never pushes a box), the exit around them.
HAND = {"mode": "exit", "width": 11, "height": 5,
        "rows": ["###########",
                 "#....#....#",
                 "#.........#",
                 "#....#....#",
                 "###########"],
        "player": [1, 1], "boxes": [[7, 2], [8, 2]], "targets": [], "exit": [9, 2], "keys": [[3, 3]], "doors": [[5, 2]],
        "items": [{"x": 2, "y": 2, "slug": "gem", "points": 25}],
        "dangers": [{"x": 1, "y": 2, "slug": "spikes", "kind": "hazard"}], "box_slug": None}


def write_bundle(path, spec: GameSpec, cfg: dict, levels: list[dict]) -> None:
    data = {"spec": spec.model_dump(mode="json"), "config": cfg, "levels": levels,
            "roles": {"player": spec.player.slug, "enemies": [], "items": [i.slug for i in spec.items],
                      "hazards": [h.slug for h in spec.hazards], "goal": spec.goal.slug if spec.goal else None},
            "palette": PALETTE, "atlas": None, "sounds": {}, "music": None, "backgrounds": {}}
    path.mkdir(parents=True, exist_ok=True)
    for name, blob in codex.bundle_files("puzzle", spec.title, data).items():
        (path / name).write_bytes(blob)


@pytest.fixture(scope="module")
def browser():
    with launch() as b:
        yield b


@pytest.fixture(scope="module")
def soko(browser, tmp_path_factory):
    spec = make_spec("sokoban")
    cfg = puzzle.config_for(spec)
    levels = generated_levels(spec, cfg, 3, hazards=False)
    root = tmp_path_factory.mktemp("soko")
    write_bundle(root, spec, cfg, levels)
    g = GamePage(browser, root)
    yield g, cfg, levels
    g.close()


@pytest.fixture(scope="module")
def exitgame(browser, tmp_path_factory):
    spec = make_spec("exit")
    cfg = puzzle.config_for(spec)
    levels = [pipeline_level(HAND, 0, 7)] + generated_levels(spec, cfg, 3, hazards=True)[1:]
    root = tmp_path_factory.mktemp("exit")
    write_bundle(root, spec, cfg, levels)
    g = GamePage(browser, root)
    yield g, cfg, levels
    g.close()


def play(g: GamePage, moves: list[str], after: int = 1) -> dict:
    """Each move is one real press (down one frame, up one frame), as a player taps keys."""
    return g.page.evaluate(
        """([moves, after]) => { const m = window.maestro;
             for (const a of moves) { m.press(a, true); m.step(1); m.press(a, false); m.step(1); }
             return m.step(after); }""", [[NAMES[d] for d in moves], after])


def cell(g: GamePage) -> list[int]:
    return g.page.evaluate("(() => { const w = window.maestro.world(); return [w.p % w.w, Math.floor(w.p / w.w)]; })()")


# ---- tests ----------------------------------------------------------------------------------------


def test_loads_draws_and_real_keys_move(soko):
    g, cfg, levels = soko
    st = g.state()
    assert st["status"] == "playing" and st["genre"] == "puzzle" and st["mode"] == "sokoban"
    assert st["lives"] is None and st["player"] is not None
    g.page.wait_for_timeout(150)
    assert g.canvas_colors() > 3
    first = puzzle.solve(levels[0], cfg)["path"][0]
    key = {"U": "ArrowUp", "D": "ArrowDown", "L": "ArrowLeft", "R": "ArrowRight"}[first]
    before = g.state()["player"]
    after = g.hold(key, 400)
    assert after["player"] != before
    assert world(g, "w.moves") >= 1
    assert g.errors == []


def test_solver_paths_win_every_level_with_points_for_few_moves(soko):
    g, cfg, levels = soko
    fresh(g)
    for i, lv in enumerate(levels):
        path = puzzle.solve(lv, cfg)["path"]
        score_before = g.state()["score"]
        st = play(g, path[:-1])
        assert st["level"] == i + 1 and st["status"] == "playing"
        assert world(g, "w.moves") == len(path) - 1
        st = play(g, path[-1:])
        assert st["score"] - score_before == max(cfg["min_level_points"], cfg["level_points"] - len(path))
        if i + 1 < len(levels):
            st = g.page.evaluate("window.maestro.step(100)")
            assert st["level"] == i + 2 and st["status"] == "playing"
    assert st["status"] == "won" and st["cleared"] == len(levels)
    assert g.errors == []


def test_undo_takes_back_moves_and_pushes(soko):
    g, cfg, levels = soko
    fresh(g)
    path = puzzle.solve(levels[0], cfg)["path"]
    start = cell(g)
    boxes0 = world(g, "w.boxes.slice()")
    play(g, path[:3])
    assert world(g, "w.moves") == 3 and world(g, "w.history.length") == 3
    g.page.evaluate("window.maestro.tap('undo')")
    assert world(g, "w.moves") == 2
    g.page.evaluate("window.maestro.tap('undo'); window.maestro.tap('undo'); window.maestro.tap('undo')")
    assert cell(g) == start and world(g, "w.moves") == 0 and world(g, "w.boxes.slice()") == boxes0
    assert world(g, "w.pushes") == 0 and world(g, "w.history.length") == 0
    # undone moves replay to the same win
    st = play(g, path)
    assert st["cleared"] == 1


def test_restart_and_pause(soko):
    g, cfg, levels = soko
    fresh(g)
    start = cell(g)
    path = puzzle.solve(levels[0], cfg)["path"]
    play(g, path[:2])
    assert cell(g) != start
    g.page.evaluate("window.maestro.tap('restart')")
    assert cell(g) == start and world(g, "w.moves") == 0
    st = g.page.evaluate("window.maestro.tap('pause')")
    assert st["status"] == "paused"
    play(g, path[:1])
    assert cell(g) == start  # no moves while paused
    st = g.page.evaluate("window.maestro.tap('pause')")
    assert st["status"] == "playing"
    play(g, path[:1])
    assert cell(g) != start


def test_screenshot_mid_play(soko):
    g, cfg, levels = soko
    fresh(g, 3)
    path = puzzle.solve(levels[2], cfg)["path"]
    play(g, path[: len(path) // 2], after=100)  # past the level's name banner
    hud = g.page.evaluate("Maestro.genres.puzzle.hud(window.maestro.game, window.maestro.world())")
    assert hud.startswith(f"Moves {len(path) // 2}   Boxes ") and hud.endswith(f"/{len(levels[2]['boxes'])}   Z undo")
    g.page.screenshot(path="/tmp/puzzle.png")
    assert g.canvas_colors() > 8


def test_held_key_repeats_at_the_config_rate(exitgame):
    g, cfg, levels = exitgame
    fresh(g)
    g.page.evaluate("window.maestro.press('right', true)")
    g.page.evaluate("window.maestro.step(5)")
    assert cell(g) == [2, 1]  # one press, one move
    frames = int((cfg["repeat_delay"] + 1.5 / cfg["repeat_rate"]) * 60) + 1
    g.page.evaluate(f"window.maestro.step({frames})")
    assert cell(g) == [4, 1]  # two repeats, then the wall
    g.page.evaluate("window.maestro.press('right', false); window.maestro.step(30)")
    assert cell(g) == [4, 1] and world(g, "w.moves") == 3


def test_danger_restarts_the_level_without_lives(exitgame):
    g, cfg, levels = exitgame
    fresh(g)
    play(g, ["R", "D"])  # takes the gem at (2, 2)
    assert g.state()["score"] == 25
    st = play(g, ["L"])  # onto the spikes
    assert st["status"] == "playing" and st["lives"] is None and st["last_loss"] == "stepped on spikes"
    assert cell(g) == [1, 1] and world(g, "w.moves") == 0
    assert st["score"] == 0  # the gem's points went with the restart
    for _ in range(3):  # puzzles have no lives to lose: never 'lost'
        st = play(g, ["D"], after=5)
    assert st["status"] == "playing" and cell(g) == [1, 1]


def test_locked_door_key_box_and_exit(exitgame):
    g, cfg, levels = exitgame
    fresh(g)
    play(g, ["R", "R", "R", "D", "R"])  # to (4, 2), then bump the closed door
    assert cell(g) == [4, 2] and world(g, "w.held") == 0
    play(g, ["R"])
    assert cell(g) == [4, 2]  # no key: blocked
    play(g, ["D", "L"])
    assert world(g, "w.held") == 1  # the key at (3, 3)
    play(g, ["U", "R", "R", "R"])  # the door opens with the key, which is used up
    assert cell(g) == [6, 2] and world(g, "w.held") == 0 and world(g, "w.doorOpen[0]") == 1
    boxes = world(g, "w.boxes.slice()")
    play(g, ["R"])  # a box can't push the box behind it
    assert cell(g) == [6, 2] and world(g, "w.boxes.slice()") == boxes and world(g, "w.pushes") == 0
    proof = puzzle.solve(levels[0], cfg)["path"]
    fresh(g)
    st = play(g, proof)
    assert st["cleared"] == 1 and world(g, "w.held") == 0 and world(g, "w.doorOpen[0]") == 1
    st = g.page.evaluate("window.maestro.step(100)")
    assert st["level"] == 2
    # the next (generated, with keys/doors/boxes/dangers) level is won by its solver path too
    st = play(g, puzzle.solve(levels[1], cfg)["path"])
    assert st["cleared"] == 2
    hud = g.page.evaluate("Maestro.genres.puzzle.hud(window.maestro.game, window.maestro.world())")
    assert hud.startswith("Moves ") and "Boxes" not in hud
    assert g.errors == []


def test_runs_for_minutes_without_errors(exitgame):
    g, cfg, levels = exitgame
    fresh(g, 3)
    # 3 minutes of wandering (seeded, so reproducible) and undoing
    g.page.evaluate(
        """() => { const m = window.maestro, acts = ['left', 'right', 'up', 'down', 'undo'];
             let s = 7; for (let i = 0; i < 1800; i++) { s = (s * 1103515245 + 12345) & 0x7fffffff;
               const a = acts[s % 5]; m.press(a, true); m.step(3); m.press(a, false); m.step(3); } }""")
    st = g.state()
    assert st["status"] in ("playing", "won") and g.errors == []
    assert json.dumps(st)
    assert world(g, "w.history.length") <= cfg["undo_limit"]


def python_replay(level: dict, moves: list[str]) -> tuple:
    """The rules of maestro.levels.puzzle, as the game applies them to any key sequence: blocked
    moves do nothing, a danger restarts the level, nothing moves once the level is won."""
    board = puzzle.Board(level)
    start = (board.player, board.boxes, 0, 0)
    state = start
    for d in moves:
        t = board.nb(state[0], d)
        if t >= 0 and board.floor[t] and board.danger[t]:
            state = start
            continue
        state = puzzle.move(board, state, d) or state
        if puzzle.is_won(board, level["mode"], state):
            break
    return state


@pytest.mark.parametrize("which,level_no", [("soko", 3), ("exitgame", 1), ("exitgame", 2)])
def test_game_and_solver_share_the_same_rules(which, level_no, request):
    g, cfg, levels = request.getfixturevalue(which)
    lv = levels[level_no - 1]
    rng = random.Random(level_no)
    moves = [rng.choice("UDLRR") for _ in range(400)]
    fresh(g, level_no)
    g.page.evaluate(  # stop pressing once the level is won, as the replay does
        """(moves) => { const m = window.maestro;
             for (const a of moves) { if (m.world().done) break;
               m.press(a, true); m.step(1); m.press(a, false); m.step(1); } }""", [NAMES[d] for d in moves])
    p, boxes, kmask, dmask = python_replay(lv, moves)
    w = lv["width"]
    got = g.page.evaluate("""(() => { const w = window.maestro.world(); return {
        p: w.p, boxes: w.boxes.slice().sort((a, b) => a - b),
        keys: w.keyTaken.reduce((m, k, i) => m | (k << i), 0), doors: w.doorOpen.reduce((m, k, i) => m | (k << i), 0) }; })()""")
    assert (got["p"] % w, got["p"] // w) == (p % w, p // w)
    assert got["boxes"] == list(boxes) and got["keys"] == kmask and got["doors"] == dmask
    assert g.errors == []
