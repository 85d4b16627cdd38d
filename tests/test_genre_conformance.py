"""The conformance suite: every genre in ``maestro.genres.registry.REGISTRY`` passes the same
checks (the protocol of ``maestro/genres/base.py``), one build per (genre, mode), with no
per-genre code here -- a newly registered genre gets the whole suite by registering.

For each genre and mode, a small game of our own text is built purely (no Ray) and:

* it builds, and every level in the manifest carries a proof that ``genre.solve`` re-proves;
* the bot finishes level 1 on the real JavaScript (``genre.play_level_one`` in a HeadlessGame);
* every keypoint passes or is skipped with a reason (none fails);
* restart resets (the runtime's restart, checked by the Query's generic ``restart_resets``);
* the same seed gives the same bytes (a second build, every file compared);
* ``genre.rules_agree`` finds the JS and the Python rules in the same place (level 1, a few rng
  seeds; then every level);
* name, modes, tiles and sounds agree with the JS module and the bundle.

Plus the registry against the packages on disk, and that nothing outside maestro/genres/
imports a genre's modules by name.
"""

from __future__ import annotations

import importlib
import inspect
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from maestro.agents import orchestrator
from maestro.agents.generators import build_bundle
from maestro.agents.query.generic import generic_keypoints
from maestro.agents.query.static import load_data_js
from maestro.gdd import parse_gdd
from maestro.genres.base import Genre
from maestro.genres.headless import HeadlessGame
from maestro.genres.registry import REGISTRY

ROOT = Path(__file__).resolve().parents[1]
GENRES_DIR = ROOT / "maestro" / "genres"

# Our own design, the same words for every genre: what a family cannot use it ignores.
GDD = ("# Conformance {name}\n"
       "A {name} game with 3 levels. Collect coins, avoid spikes and enemies, find keys that open doors. "
       "You have 3 lives.\n")
SEED = 11
AGREE_SEEDS = (0, 1, 2)

CASES = [(name, mode) for name, genre in REGISTRY.items() for mode in genre.modes]


@dataclass
class Built:
    genre: Genre
    mode: str
    spec: Any
    files: dict[str, bytes]
    game_js: str
    data_js: str
    data: dict[str, Any]
    manifest: dict[str, Any]

    @property
    def config(self) -> dict[str, Any]:
        return self.data.get("config") or {}

    @property
    def levels(self) -> list[dict[str, Any]]:
        return self.data.get("levels") or []

    def game(self, **kw: Any) -> HeadlessGame:
        return HeadlessGame(self.game_js, self.data_js, **kw)


def build(name: str, mode: str, seed: int = SEED) -> tuple[Any, dict[str, bytes]]:
    spec = parse_gdd(GDD.format(name=name), genre=name)
    spec.mode = mode
    plan = orchestrator.plan(spec, seed, orchestrator.project_id(spec, seed))
    return spec, build_bundle(plan)


@pytest.fixture(scope="module", params=CASES, ids=[f"{n}-{m}" for n, m in CASES])
def built(request) -> Built:
    name, mode = request.param
    spec, files = build(name, mode)
    game_js = files["game/game.js"].decode("utf-8")
    data_js = files["game/data.js"].decode("utf-8")
    data, why = load_data_js(data_js)
    assert data is not None, f"{name}/{mode}: data.js does not load: {why}"
    return Built(REGISTRY[name], mode, spec, files, game_js, data_js, data,
                 json.loads(files["game/manifest.json"]))


# ---- per genre and mode -------------------------------------------------------------------------

def test_it_builds_the_genre_and_mode_asked_for(built):
    assert {"game/index.html", "game/game.js", "game/data.js", "game/manifest.json"} <= set(built.files)
    assert built.manifest["genre"] == built.genre.name
    assert built.data["spec"]["genre"] == built.genre.name
    assert built.data["spec"]["mode"] == built.mode
    if "mode" in built.config:
        assert built.config["mode"] == built.mode
    assert len(built.levels) == 3
    with built.game() as g:
        st = g.state()
        assert (st["status"], st["level"], st["genre"], st["mode"]) == ("playing", 1, built.genre.name, built.mode)
        g.step(60)
        assert g.errors() == []


def test_every_level_has_a_proof_that_the_solver_reproves(built):
    assets = {a["name"]: a for a in built.manifest["assets"] if a["kind"] == "level"}
    assert len(assets) == len(built.levels)
    for i, level in enumerate(built.levels):
        asset = assets.get(f"level{i}")
        assert asset is not None, f"level {i + 1} is not in the manifest"
        meta = asset.get("meta") or {}
        assert isinstance(meta.get("steps"), int) and meta["steps"] > 0, f"level {i + 1}: no proof in {meta}"
        assert json.loads(built.files[f"game/{asset['path']}"]) == level, f"level {i + 1}: the file is not data.js's"
        proof = built.genre.solve(level, built.config)
        assert proof is not None, f"level {i + 1} ({built.genre.describe(level)}): the solver finds no proof"
        assert proof["steps"] == meta["steps"], f"level {i + 1}: the solver proves it in {proof['steps']} steps now"
        assert built.genre.describe(level)


def test_the_bot_finishes_level_one_on_the_real_javascript(built):
    with built.game() as g:
        result = built.genre.play_level_one(g, built.levels[0], built.config)
        errors = g.errors()
    assert result.won, f"the bot did not finish level 1: {result.detail}"
    assert errors == []


def test_every_keypoint_passes_or_is_skipped_with_a_reason(built):
    kps = built.genre.keypoints(built.data["spec"], built.config, built.levels)
    assert kps, "the genre has no keypoints"
    assert len({kp.id for kp in kps}) == len(kps), "two keypoints share an id"
    failed = []
    for kp in kps:
        assert kp.requirement, f"keypoint {kp.id} says nothing to a designer"
        with built.game() as g:
            passed, message = kp.run(g)
        if passed is None:
            assert message, f"keypoint {kp.id} is skipped without a reason"
        elif not passed:
            failed.append(f"{kp.id}: {message}")
    assert not failed, "keypoints failed:\n" + "\n".join(failed)


def test_restart_resets(built):
    checks = {c.id: c for c in generic_keypoints(built.game_js, built.data_js, built.data)}
    check = checks["restart_resets"]
    assert check.passed is True, check.message


def test_the_same_seed_gives_the_same_bytes(built):
    _, again = build(built.genre.name, built.mode)
    assert sorted(again) == sorted(built.files)
    differ = [name for name in built.files if built.files[name] != again[name]]
    assert not differ, f"a second build with the same seed differs in {differ}"


@pytest.mark.parametrize("seed", AGREE_SEEDS)
def test_the_javascript_and_the_python_rules_agree(built, seed):
    with built.game() as g:
        why = built.genre.rules_agree(g, built.levels[0], built.config, random.Random(seed))
        errors = g.errors()
    assert why is None, f"the JS and the Python rules disagree on level 1 (rng seed {seed}): {why}"
    assert errors == []


def test_the_javascript_and_the_python_rules_agree_on_every_level(built):
    disagree = []
    with built.game() as g:
        for i, level in enumerate(built.levels):
            why = built.genre.rules_agree(g, level, built.config, random.Random(100 + i))
            if why is not None:
                disagree.append(f"level {i + 1}: {why}")
        errors = g.errors()
    assert not disagree, "the JS and the Python rules disagree:\n" + "\n".join(disagree)
    assert errors == []


def test_name_modes_tiles_and_sounds_match_the_javascript(built):
    genre = built.genre
    script = genre.script()
    assert re.search(r"registerGenre\(\s*['\"]" + re.escape(genre.name) + r"['\"]", script), \
        f"{genre.name}.js does not register itself as {genre.name!r}"
    assert script in built.game_js, "the bundle does not ship the genre's module"
    with built.game() as g:
        assert g.js(f"!!Maestro.genres[{json.dumps(genre.name)}]")
        assert g.js("Object.keys(Maestro.genres)") == [genre.name]
    assert genre.modes and len(set(genre.modes)) == len(genre.modes) and built.mode in genre.modes
    # tiles: each is drawn by the JS (it names it) and was drawn into the atlas
    frames = (built.data.get("atlas") or {}).get("frames") or {}
    literals = set(re.findall(r"'([A-Za-z0-9_]+)'", script)) | set(re.findall(r'"([A-Za-z0-9_]+)"', script))
    for tile in genre.tiles:
        assert tile in literals, f"{genre.name}.js never names the tile {tile!r}"
        assert f"tile_{tile}" in frames, f"the atlas has no tile_{tile}"
    # sounds: every sound the JS plays is the genre's or the runtime's, and each one was made
    played = {s for call in re.findall(r"sfx\(([^;{}]*?)\)", script) for s in re.findall(r"'([a-z_0-9]+)'", call)}
    assert played, f"{genre.name}.js plays no sound"
    known = set(genre.sounds) | set(orchestrator.BASE_SOUNDS)
    assert played <= known, f"{genre.name}.js plays sounds it does not declare: {sorted(played - known)}"
    made = set(built.data.get("sounds") or {})
    assert set(genre.sounds) <= made, f"the bundle lacks the sounds {sorted(set(genre.sounds) - made)}"


# ---- the registry and the packages ------------------------------------------------------------

def _packages() -> list[str]:
    return sorted(p.name for p in GENRES_DIR.iterdir() if p.is_dir() and (p / "__init__.py").is_file())


def test_every_genre_package_on_disk_is_registered():
    found = {}
    for pkg in _packages():
        module = importlib.import_module(f"maestro.genres.{pkg}")
        classes = [c for _, c in inspect.getmembers(module, inspect.isclass)
                   if issubclass(c, Genre) and c is not Genre and c.__module__ == module.__name__]
        if classes:
            assert len(classes) == 1, f"maestro/genres/{pkg} defines several genres: {classes}"
            found[pkg] = classes[0]
    assert found, "no genre package found on disk"
    for pkg, cls in found.items():
        assert not inspect.isabstract(cls), f"{cls.__name__} leaves {sorted(cls.__abstractmethods__)} unimplemented"
        assert cls.name == pkg, f"maestro/genres/{pkg} registers as {cls.name!r}"
        assert isinstance(REGISTRY.get(cls.name), cls), f"{cls.__name__} (maestro/genres/{pkg}) is not in the registry"
        for part in ("rules.py", "qa.py", f"{pkg}.js"):
            assert (GENRES_DIR / pkg / part).is_file(), f"maestro/genres/{pkg} has no {part}"
    for name, genre in REGISTRY.items():
        assert genre.name == name
        assert type(genre).__module__ == f"maestro.genres.{name}", f"{name} is registered from {type(genre).__module__}"
    assert set(REGISTRY) == set(found)


def test_nothing_outside_the_genres_imports_a_genre_by_name():
    names = sorted(set(_packages()) | set(REGISTRY))
    by_path = re.compile(r"maestro[./]genres[./](" + "|".join(map(re.escape, names)) + r")\b")
    from_import = re.compile(r"from\s+maestro\.genres\s+import\s+([^\n#]+)")
    offenders = []
    for path in sorted((ROOT / "maestro").rglob("*.py")):
        if GENRES_DIR in path.parents:
            continue
        text = path.read_text(encoding="utf-8")
        for n, line in enumerate(text.splitlines(), 1):
            hit = by_path.search(line)
            imported = from_import.search(line)
            if imported:
                hit = hit or any(w in names for w in re.findall(r"\w+", imported.group(1)))
            if hit:
                offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not offenders, "outside maestro/genres, a genre is reached by name:\n" + "\n".join(offenders)
