"""Orchestrator: GDD text -> GameSpec -> BuildPlan (every asset job, each with its own seed)."""

from __future__ import annotations

import hashlib

from maestro.agents import codex
from maestro.genres.registry import genre as genre_of
from maestro.spec import GENERATOR_VERSION, AssetJob, BuildPlan, Check, GameSpec, LevelEntity, LevelRequest, QualityReport
from maestro.version import __version__

BASE_SOUNDS = ("start", "pause", "select", "hurt", "win", "lose", "levelup")
ICONS = ("heart", "coin", "key", "clock", "star")
BACKGROUND_SIZE = (480, 270)


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
    # A model's reading is another game: its id names the model (an offline id is as it always was).
    model = f":{spec.reading.model}" if spec.reading is not None else ""
    digest = hashlib.sha256(
        f"{spec.gdd_sha256}:{seed}:{spec.genre}:{int(genre_forced)}:{__version__}:{GENERATOR_VERSION}{model}".encode()
    ).hexdigest()
    return f"{spec.slug[:40].strip('-') or 'game'}-{digest[:10]}"


def level_requests(spec: GameSpec) -> list[LevelRequest]:
    """One request per level of the spec: its place, theme and difficulty, and the spec's entities."""
    mech = {m.id: dict(m.params) for m in spec.mechanics}
    enemies = [LevelEntity(slug=e.slug, behavior=e.behavior, speed=e.speed, count=e.count) for e in spec.enemies]
    items = [LevelEntity(slug=e.slug, points=e.points, count=e.count) for e in spec.items]
    hazards = [LevelEntity(slug=e.slug) for e in spec.hazards]
    goal = LevelEntity(slug=spec.goal.slug) if spec.goal else None
    return [LevelRequest(index=i, count=len(spec.levels), name=level.name, theme=level.theme,
                         difficulty=level.difficulty, mode=spec.mode, enemies=enemies, items=items, hazards=hazards,
                         goal=goal, enemy_count=level.enemy_count, item_count=level.item_count, mechanics=mech)
            for i, level in enumerate(spec.levels)]


def _job(spec: GameSpec, seed: int, kind: str, name: str, generator: str, params: dict) -> AssetJob:
    return AssetJob(kind=kind, name=name, generator=generator, params=params,
                    seed=job_seed(seed, kind, name, spec.gdd_sha256))


def tile_job(spec: GameSpec, seed: int, tile: str) -> AssetJob:
    # Tiles are shared by every level: they wear the first level's ground top.
    return _job(spec, seed, "tile", f"tile_{tile}", "canvas.tile", {
        "tile": tile, "size": 16, "palette": spec.art.palette.colors,
        "ground_top": spec.levels[0].scene.ground_top if spec.levels else "grass"})


def icon_job(spec: GameSpec, seed: int, icon: str) -> AssetJob:
    return _job(spec, seed, "icon", f"icon_{icon}", "canvas.icon",
                {"icon": icon, "size": 8, "palette": spec.art.palette.colors})


def sfx_job(spec: GameSpec, seed: int, event: str) -> AssetJob:
    return _job(spec, seed, "sfx", event, "sonata.sfx", {"event": event, "mood": spec.audio.mood})


MUSIC_NAME = "theme"


def music_params(spec: GameSpec) -> dict:
    """The params of the game's music job (Sonata's ``music``): one loop of 8 bars in the GDD's mood."""
    return {"mood": spec.audio.mood, "tempo_bpm": spec.audio.tempo_bpm, "key": spec.audio.key,
            "scale": spec.audio.scale, "wave": spec.audio.wave, "bars": 8}


def music_seed(spec: GameSpec, seed: int) -> int:
    """The seed of the game's music job for the build seed ``seed``."""
    return job_seed(seed, "music", MUSIC_NAME, spec.gdd_sha256)


def with_music(config: dict, spec: GameSpec, seed: int) -> dict:
    """A genre config that holds a ``music`` key (a family charted from the game's own music, the
    rhythm family) gets the very params and seed of the music job there, so its levels are charted
    from the notes the player hears; any other config is returned as it is."""
    if "music" not in config:
        return config
    return {**config, "music": {"params": music_params(spec), "seed": music_seed(spec, seed)}}


def plan(spec: GameSpec, seed: int, project: str) -> BuildPlan:
    """Every job the build needs. Job params hold everything a generator reads (no hidden inputs)."""
    genre = genre_of(spec.genre)
    config = with_music(genre.config_for(spec), spec, seed)
    palette = spec.art.palette.colors
    size = spec.art.pixel_size
    jobs: list[AssetJob] = []

    def add(kind: str, name: str, generator: str, params: dict) -> None:
        jobs.append(_job(spec, seed, kind, name, generator, params))

    roles = [("player", spec.player)]
    roles += [("enemy", e) for e in spec.enemies]
    roles += [("item", e) for e in spec.items]
    roles += [("hazard", e) for e in spec.hazards]
    if spec.goal:
        roles.append(("goal", spec.goal))
    # Canvas draws the look the reader decided (Entity.look), with no name or description to read
    # again: a character's body, or a still thing's shape.
    for role, ent in roles:
        look = ent.look
        drawn = ({"body": look.body, "variant": look.variant, "heading": look.heading, "behavior": ent.behavior}
                 if role in ("player", "enemy") else {"shape": look.shape})
        add("sprite", ent.slug, "canvas.sprite", {
            "role": role, **drawn, "palette_role": look.palette_role or role, "view": look.view,
            "size": size, "palette": palette, "style": spec.art.style,
        })
    jobs += [tile_job(spec, seed, tile) for tile in sorted(set(genre.tiles))]
    jobs += [icon_job(spec, seed, icon) for icon in ICONS]
    for i, level in enumerate(spec.levels):
        add("background", f"level{i}", "canvas.background", {
            "scene": level.scene.kind, "width": BACKGROUND_SIZE[0], "height": BACKGROUND_SIZE[1],
            "palette": palette, "view": level.scene.view, "layer": 0,
        })
    jobs += [sfx_job(spec, seed, event) for event in sorted(set(BASE_SOUNDS) | set(genre.sounds))]
    add("music", MUSIC_NAME, "sonata.music", music_params(spec))
    # A level depends on the genre config: it is part of each level job's params (and so of its
    # content key); the plan carries the same config once for the Builder and QA.
    for req in level_requests(spec):
        add("level", f"level{req.index}", "labyrinth.level",
            {"genre": spec.genre, "req": req.model_dump(mode="json"), "config": config})
    # Rules modules (the LLM path's) are part of the code, so of its key; a build without them keeps
    # the params, the key and the bytes it always had.
    rules = {"rules": [{"id": r.id, "source": r.source} for r in spec.rules]} if spec.rules else {}
    add("code", "game", "codex.game", {"genre": spec.genre, "version": __version__,
                                       "source": codex.source_digest(spec.genre), **rules})
    return BuildPlan(project_id=project, seed=seed, spec=spec, config=config, jobs=jobs)


def drop_rules(plan_: BuildPlan, report: QualityReport) -> tuple[BuildPlan, list[str]]:
    """After a failed QA round of a build with rules modules (the LLM path's): a NEW plan without the
    modules whose check failed — without them all when QA failed elsewhere (they may be why) — so the
    family's own rules play; their requirements are built by nothing again, and the reasons say so."""
    spec = plan_.spec
    failed = {c.id: c for c in report.checks if c.id.startswith("rules:") and c.passed is False}
    gone = [m for m in spec.rules if m.term in failed] or list(spec.rules)
    reasons = [f"rules module {m.id} dropped ({failed[m.term].message if m.term in failed else 'QA failed with it'}); "
               "the family's own rules are used" for m in gone]
    terms = {m.term for m in gone}
    kept = [m for m in spec.rules if m.term not in terms]
    reqs = [r.model_copy(update={"term": None}) if r.term in terms else r for r in spec.requirements]
    update: dict = {"rules": kept, "requirements": reqs}
    if spec.reading is not None:
        update["reading"] = spec.reading.model_copy(update={"notes": [*spec.reading.notes, *reasons]})
    return plan(spec.model_copy(update=update), plan_.seed, plan_.project_id), reasons


def revise(plan_: BuildPlan, report: QualityReport, round_: int) -> tuple[BuildPlan, list[str]]:
    """What to make again after a failed QA round: a NEW plan (the given one is left as it was) and
    the reasons, in words, for the report. Only the jobs that changed get a new content key, so
    only they are generated again.

    The game code is the same for every build of a genre, so what a new seed can fix is the
    content: a level the bot could not finish, or one on which a keypoint check failed, is
    generated again with a fresh seed (and proven solvable again by the Labyrinth); and an asset
    the code uses that the plan lacked (a tile, an icon, a sound effect) is added.
    """
    failed = [c for c in report.checks if c.passed is False]
    reasons: dict[int, str] = {}
    if report.bot.won is False:
        reasons[0] = "the bot could not finish level 1"
    for check in failed:
        if check.category in ("keypoint", "headless", "bot"):
            reasons.setdefault(0, f"check '{check.id}' failed on level 1")
    changed, why = _missing_asset_jobs(plan_, failed)
    for job in plan_.jobs:
        if job.kind != "level":
            continue
        level = int(job.params["req"]["index"])
        if level in reasons:
            seed = job_seed(plan_.seed, job.kind, f"{job.name}#repair{round_}", plan_.spec.gdd_sha256)
            changed.append(job.model_copy(update={"seed": seed}))
            why.append(f"level {level + 1} regenerated with a new seed because {reasons[level]}")
    return plan_.revised(changed), why


def _missing_asset_jobs(plan_: BuildPlan, failed: list[Check]) -> tuple[list[AssetJob], list[str]]:
    spec = plan_.spec
    have = {j.ident for j in plan_.jobs}
    jobs: list[AssetJob] = []
    why: list[str] = []
    for name in sorted({m for c in failed for m in c.missing}):
        if name.startswith("sfx:"):
            job = sfx_job(spec, plan_.seed, name[4:])
        elif name.startswith("tile_"):
            job = tile_job(spec, plan_.seed, name[5:])
        elif name.startswith("icon_"):
            job = icon_job(spec, plan_.seed, name[5:])
        else:
            continue  # a character sprite comes from the spec's entities: nothing to add blindly
        if job.ident in have:
            continue
        jobs.append(job)
        why.append(f"added the missing {job.kind} '{job.name}' the code uses")
    return jobs, why
