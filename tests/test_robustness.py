"""Whatever a GDD says, an accepted build completes: parse -> plan -> every asset -> bundle.

Messy, extreme and hostile GDDs go through the same pure logic the Ray actors run. A build may
map the GDD to a different genre or ignore what it cannot do, but it must not crash."""

from __future__ import annotations

import random

import pytest

from maestro.agents import orchestrator
from maestro.agents.generators import build_bundle
from maestro.gdd import parse_gdd
from maestro.genres.registry import GENRE_NAMES as GENRES


WORDS = ("jump double jump shoot fire enemies guards patrol chase collect coins gems keys doors push crates "
         "targets maze dungeon space asteroid runner endless levels lives points seconds boss waves spikes "
         "puzzle sokoban stealth roguelike platform exit flag portal potion heart timer night desert snow").split()


def _random_gdd(rng: random.Random) -> str:
    lines = [f"# {' '.join(rng.choice(WORDS).title() for _ in range(rng.randint(1, 4)))}"]
    for _ in range(rng.randint(1, 25)):
        n = rng.choice([0, 1, 2, 3, 7, 10, 99, 1000, 10**9])
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 12)))
        style = rng.randint(0, 4)
        if style == 0:
            lines.append(f"- **{rng.choice(WORDS).title()}**: {n} {words}")
        elif style == 1:
            lines.append(f"| {words} | {n} |")
        elif style == 2:
            lines.append(f"## {words}")
        elif style == 3:
            lines.append(f"{n} {words}.")
        else:
            lines.append(f"Level {n}: {words}")
    return "\n".join(lines) + "\n"


def _build(text: str, genre: str | None = None, seed: int = 1) -> dict:
    spec = parse_gdd(text, genre=genre, source_name="fuzz")
    plan = orchestrator.plan(spec, seed, orchestrator.project_id(spec, seed))
    files = build_bundle(plan)
    assert "game/index.html" in files
    return files


@pytest.mark.parametrize("case", range(12))
def test_random_gdds_always_build(case):
    rng = random.Random(case)
    _build(_random_gdd(rng), genre=GENRES[case % 4] if case % 3 == 0 else None, seed=case)


EXTREME = {
    "many levels": "# Long Haul\nA platformer with 500 levels, 0 lives and 1000000 coins per level.",
    "zero everything": "# Zero\nA puzzle. 0 levels. 0 crates. 0 targets. 0 seconds.",
    "huge numbers": "# Huge\nA shooter with 99999 waves of 99999 enemies, each worth 99999999999 points.",
    "only emoji": "# 🎮🎮🎮\n🔥🔥🔥 💎 👾👾 🚀",
    "markup": "# <img src=x onerror=alert(1)> Game\n<script>alert(2)</script>\n- **Player**: <b>Bob</b>\n",
    "only a table": "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "one word": "maze",
    "rtl and cjk": "# 迷宫\nلعبة متاهة مع مفاتيح وأبواب\n敵を避けて出口へ",
}


@pytest.mark.parametrize("name", sorted(EXTREME))
def test_extreme_gdds_build_within_limits(name):
    files = _build(EXTREME[name])
    import json

    spec = json.loads(files["game/spec.json"])
    assert 1 <= len(spec["levels"]) <= 10
    assert spec["title"] and "<" not in spec["title"]


@pytest.mark.parametrize("genre", GENRES)
def test_every_genre_builds_from_a_gdd_of_another(genre):
    _build("# Kart Cup\nA racing game: three laps, items boxes, two players.", genre=genre)
