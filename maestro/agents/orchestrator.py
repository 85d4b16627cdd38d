"""Orchestrator: GDD text -> GameSpec -> BuildPlan (every asset job, each with its own seed)."""

from __future__ import annotations

import hashlib
import re
import importlib
from types import ModuleType

from maestro.agents import codex
from maestro.spec import GENERATOR_VERSION, AssetJob, BuildPlan, GameSpec

BASE_SOUNDS = ("start", "pause", "select", "hurt", "win", "lose", "levelup")
ICONS = ("heart", "coin", "key", "clock", "star")
BACKGROUND_SIZE = (480, 270)
MAESTRO_BUILD_VERSION = "0.1.0"


def genre_module(genre: str) -> ModuleType:
    """The Python half of a genre: tunables, level generator and solver (maestro.levels.<genre>)."""
    return importlib.import_module(f"maestro.levels.{genre}")


# Content that makes a game its own (its levels, characters, scenes, music) gets seeds salted
# with the GDD, so two games built with seed 1 differ. Generic pieces (sound effects, tiles,
# icons) are not salted: identical jobs across projects then hit the shared asset cache.
PER_GAME_KINDS = ("level", "sprite", "background", "music")


def job_seed(build_seed: int, kind: str, name: str, salt: str = "") -> int:
    salt = salt if kind in PER_GAME_KINDS else ""
    digest = hashlib.sha256(f"{build_seed}:{kind}:{name}:{salt}".encode()).digest()
    return int.from_bytes(digest[:4], "big")


def project_id(spec: GameSpec, seed: int, genre_forced: bool = False) -> str:
    """Same GDD + same seed (+ same Maestro) -> same id: a re-run finds the build it made before."""
    digest = hashlib.sha256(
        f"{spec.gdd_sha256}:{seed}:{spec.genre}:{int(genre_forced)}:{MAESTRO_BUILD_VERSION}:{GENERATOR_VERSION}".encode()
    ).hexdigest()
    return f"{spec.slug[:40].strip('-') or 'game'}-{digest[:10]}"


def _view(genre: str, mode: str = "", kind: str = "sprite") -> str:
    """How the camera sees the game. Shooters: a fixed shooter's sprites are seen from above
    (ships nose-up), a scrolling one's from the side; a shooter's backdrop is always a sky/space
    scene painted from the side, never a ground texture."""
    if genre == "platformer":
        return "side"
    if genre == "shooter":
        return "side" if (kind == "background" or mode == "scrolling") else "top"
    return "top"


def _heading(genre: str, mode: str, role: str) -> str:
    """Which way a vehicle-like sprite points: up/down for a fixed shooter (the player fires up,
    waves come down), otherwise right (the game flips it to face left)."""
    if genre == "shooter" and mode != "scrolling":
        return "up" if role == "player" else "down"
    return "right"


_NOT_SPACE = re.compile(r"\b(sky|skies|cielo|lucht|sea|mar|zee|ocean|oc[eé]ano|water|agua|city|ciudad|stad|land|tierra|forest|"
                        r"bosque|desert|desierto|clouds?|nubes?|hills?|grass|road|carretera|beach|playa)\b")


def _background_theme(spec: GameSpec, level) -> str:
    parts = [t for t in (level.theme, level.name) if t]
    theme = " ".join(dict.fromkeys(parts)).strip()  # the name adds words; the same word twice adds nothing
    if spec.genre == "shooter" and spec.mode != "scrolling":
        if not _NOT_SPACE.search(theme.lower()):
            theme = f"{theme} space".strip()
    return theme


def _body_hint(genre: str, role: str) -> str:
    """The body Canvas draws when the name says nothing it knows ("Vanguard", "Normal"): in a
    shooter the player flies a ship and the enemies are craft; elsewhere the generic creature."""
    if genre == "shooter":
        return {"player": "ship", "enemy": "ufo"}.get(role, "")
    return ""


def level_requests(spec: GameSpec) -> list[dict]:
    mech = {m.id: dict(m.params) for m in spec.mechanics}
    reqs = []
    for i, level in enumerate(spec.levels):
        reqs.append(
            {
                "index": i,
                "count": len(spec.levels),
                "name": level.name,
                "theme": level.theme,
                "difficulty": level.difficulty,
                "mode": spec.mode,
                "enemies": [{"slug": e.slug, "behavior": e.behavior, "speed": e.speed, "count": e.count} for e in spec.enemies],
                "items": [{"slug": e.slug, "points": e.points, "count": e.count} for e in spec.items],
                "hazards": [{"slug": e.slug} for e in spec.hazards],
                "goal": {"slug": spec.goal.slug} if spec.goal else None,
                "enemy_count": level.enemy_count,
                "item_count": level.item_count,
                "mechanics": mech,
            }
        )
    return reqs


def _job(spec: GameSpec, seed: int, kind: str, name: str, generator: str, params: dict) -> AssetJob:
    return AssetJob(kind=kind, name=name, generator=generator, params=params,
                    seed=job_seed(seed, kind, name, spec.gdd_sha256))


def tile_job(spec: GameSpec, seed: int, tile: str) -> AssetJob:
    return _job(spec, seed, "tile", f"tile_{tile}", "canvas.tile", {
        "tile": tile, "size": 16, "palette": spec.art.palette.colors,
        "theme": spec.levels[0].theme if spec.levels else ""})


def icon_job(spec: GameSpec, seed: int, icon: str) -> AssetJob:
    return _job(spec, seed, "icon", f"icon_{icon}", "canvas.icon",
                {"icon": icon, "size": 8, "palette": spec.art.palette.colors})


def sfx_job(spec: GameSpec, seed: int, event: str) -> AssetJob:
    return _job(spec, seed, "sfx", event, "sonata.sfx", {"event": event, "mood": spec.audio.mood})


def plan(spec: GameSpec, seed: int, project: str) -> BuildPlan:
    """Every job the build needs. Job params hold everything a generator reads (no hidden inputs)."""
    genre = genre_module(spec.genre)
    config = genre.config_for(spec)
    palette = spec.art.palette.colors
    size = spec.art.pixel_size
    view = _view(spec.genre, spec.mode)
    jobs: list[AssetJob] = []

    def add(kind: str, name: str, generator: str, params: dict) -> None:
        jobs.append(_job(spec, seed, kind, name, generator, params))

    roles = [("player", spec.player)]
    roles += [("enemy", e) for e in spec.enemies]
    roles += [("item", e) for e in spec.items]
    roles += [("hazard", e) for e in spec.hazards]
    if spec.goal:
        roles.append(("goal", spec.goal))
    for role, ent in roles:
        add("sprite", ent.slug, "canvas.sprite", {
            "role": role, "slug": ent.slug, "name": ent.name, "description": ent.description[:200],
            "behavior": ent.behavior, "size": size, "palette": palette, "style": spec.art.style, "view": view,
            "heading": _heading(spec.genre, spec.mode, role),
            "body_hint": _body_hint(spec.genre, role),
        })
    jobs += [tile_job(spec, seed, tile) for tile in sorted(set(genre.TILES))]
    jobs += [icon_job(spec, seed, icon) for icon in ICONS]
    for i, level in enumerate(spec.levels):
        add("background", f"level{i}", "canvas.background", {
            "theme": _background_theme(spec, level), "width": BACKGROUND_SIZE[0], "height": BACKGROUND_SIZE[1],
            "palette": palette, "view": _view(spec.genre, spec.mode, "background"), "layer": 0,
        })
    jobs += [sfx_job(spec, seed, event) for event in sorted(set(BASE_SOUNDS) | set(genre.SOUNDS))]
    add("music", "theme", "sonata.music", {
        "mood": spec.audio.mood, "tempo_bpm": spec.audio.tempo_bpm, "key": spec.audio.key,
        "scale": spec.audio.scale, "wave": spec.audio.wave, "bars": 8,
    })
    for req in level_requests(spec):
        add("level", f"level{req['index']}", "labyrinth.level", {"genre": spec.genre, "req": req, "config": config})
    add("code", "game", "codex.game", {"genre": spec.genre, "version": MAESTRO_BUILD_VERSION,
                                       "source": codex.source_digest(spec.genre)})
    return BuildPlan(project_id=project, seed=seed, spec=spec, jobs=jobs)


def config_of(plan_: BuildPlan) -> dict:
    for job in plan_.jobs:
        if job.kind == "level":
            return job.params["config"]
    return genre_module(plan_.spec.genre).config_for(plan_.spec)


def revise(plan_: BuildPlan, report: dict, round_: int) -> list[tuple[int, AssetJob, str]]:
    """What to regenerate after a failed QA round: (job index, new job, reason for the report).
    An index equal to len(plan.jobs) and above means a job to add (an asset the code uses that
    the plan lacked: a tile or a sound effect).

    The game code is the same for every build of a genre, so what a new seed can fix is the
    content: a level the bot could not finish, or one on which a keypoint check failed, is
    generated again with a fresh seed (and proven solvable again by the Labyrinth).
    """
    failed = [c for c in report.get("checks", []) if c.get("passed") is False]
    bot = report.get("bot") or {}
    reasons: dict[int, str] = {}
    if bot.get("won") is False:
        reasons[0] = "the bot could not finish level 1"
    for check in failed:
        if check.get("category") in ("keypoint", "headless", "bot"):
            reasons.setdefault(0, f"check '{check.get('id')}' failed on level 1")
    out: list[tuple[int, AssetJob, str]] = []
    out += _missing_asset_jobs(plan_, failed)
    for index, job in enumerate(plan_.jobs):
        if job.kind != "level":
            continue
        level = job.params["req"]["index"]
        if level in reasons:
            seed = job_seed(plan_.seed, job.kind, f"{job.name}#repair{round_}", plan_.spec.gdd_sha256)
            out.append((index, job.model_copy(update={"seed": seed}),
                        f"level {level + 1} regenerated with a new seed because {reasons[level]}"))
    return out


def _missing_asset_jobs(plan_: BuildPlan, failed: list[dict]) -> list[tuple[int, AssetJob, str]]:
    spec = plan_.spec
    have = {(j.kind, j.name) for j in plan_.jobs}
    out: list[tuple[int, AssetJob, str]] = []
    for name in sorted({m for c in failed for m in c.get("missing", [])}):
        if name.startswith("sfx:"):
            job = sfx_job(spec, plan_.seed, name[4:])
        elif name.startswith("tile_"):
            job = tile_job(spec, plan_.seed, name[5:])
        elif name.startswith("icon_"):
            job = icon_job(spec, plan_.seed, name[5:])
        else:
            continue  # a character sprite comes from the spec's entities: nothing to add blindly
        if (job.kind, job.name) in have:
            continue
        out.append((len(plan_.jobs) + len(out), job, f"added the missing {job.kind} '{job.name}' the code uses"))
    return out
