"""The mechanic catalog: every mechanic a GameSpec may ask for, with typed default params.

The genre runtimes and QA read mechanics by these ids, so an id here is a promise that
some part of the build knows what it means. The parser fills params from the GDD's own
numbers; ``params_for`` merges them over these defaults and keeps the default's type.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ParamValue = int | float | str | bool


@dataclass(frozen=True)
class MechanicInfo:
    description: str
    params: dict[str, ParamValue] = field(default_factory=dict)


CATALOG: dict[str, MechanicInfo] = {
    # No default height: a "height" param is a jump height in tiles, set only when the GDD gives one.
    "jump": MechanicInfo("The player jumps; gravity pulls it down.", {"jumps": 1}),
    "double_jump": MechanicInfo("Extra jumps in the air (2 = double, 3 = triple).", {"jumps": 2}),
    "collect": MechanicInfo(
        "Items are picked up for points; a level may require a number of them.",
        {"item": "item", "points": 10, "target": 0},
    ),
    "lives": MechanicInfo("The player has a number of lives; losing all ends the game.", {"count": 3}),
    "health": MechanicInfo("The player has hit points; each hit removes one.", {"hp": 3}),
    "timer": MechanicInfo(
        "A clock: counts down a time limit ('down') or measures the run ('up').",
        {"seconds": 60, "direction": "down"},
    ),
    "score": MechanicInfo("A score shown on the HUD.", {"start": 0}),
    "enemies_patrol": MechanicInfo("Enemies walk back and forth along a route.", {"speed": 1.0}),
    "enemies_chase": MechanicInfo("Enemies move towards the player when near.", {"speed": 1.0, "range": 5}),
    "shoot": MechanicInfo("The player fires projectiles.", {"direction": "up", "rate": 4.0}),
    "auto_run": MechanicInfo("Endless runner: the world scrolls and the player runs on its own.", {"speed": 1.0}),
    "auto_scroll": MechanicInfo("The screen scrolls by itself (scrolling shooter).", {"speed": 1.0, "direction": "left"}),
    "keys_doors": MechanicInfo("Keys open locked doors.", {"keys": 1}),
    "push_blocks": MechanicInfo("The player pushes blocks/crates onto targets (sokoban).", {"targets": 0}),
    "undo": MechanicInfo("Moves can be undone.", {"steps": 100}),
    "reach_exit": MechanicInfo("The level is won by reaching the goal.", {}),
    "fall_death": MechanicInfo("Falling off the level costs a life.", {}),
    "melee": MechanicInfo("The player attacks adjacent enemies.", {"damage": 1}),
    "stealth": MechanicInfo("Guards see in a cone; being seen is caught.", {"vision": 4, "cone_deg": 60}),
    "sprint": MechanicInfo("Hold a key to move faster.", {"factor": 1.8}),
    "waves": MechanicInfo("Enemies come in numbered waves.", {"count": 5}),
    "powerup": MechanicInfo("Pick-ups that make the player stronger for a while.", {"seconds": 8}),
    "hazards": MechanicInfo("Static dangers (spikes, traps, lava) hurt on touch.", {"damage": 1}),
    "falling_objects": MechanicInfo(
        "Things fall from the top of the screen: catch the good ones, dodge the bad ones.",
        {"rate": 1.0, "catch": "item", "avoid": "enemy"},
    ),
    "difficulty_levels": MechanicInfo("The player picks a difficulty (easy/normal/hard).", {"options": "easy,normal,hard"}),
    "currency": MechanicInfo("A money counter earned in play (shown on the HUD).", {"start": 0, "name": "gold"}),
    "pacifist": MechanicInfo("The player never attacks: enemies are avoided (sneaked past), never fought.", {}),
    "bullet_patterns": MechanicInfo("Bullet hell: every enemy shot is a fan of bullets.", {"spread": 3}),
    "bomb": MechanicInfo("A limited stock of bombs, each clearing the screen of enemies and their bullets.", {"count": 3}),
    "focus": MechanicInfo("Hold Shift (touch: F) to move slower, by this factor, for precise dodging; the small "
                          "hitbox is shown while held.", {"factor": 0.5}),
    "crouch": MechanicInfo("Hold Down (or Shift) to crouch: a lower hitbox passes under head-height obstacles.", {}),
}


def params_for(mechanic_id: str, overrides: dict[str, ParamValue] | None = None) -> dict[str, ParamValue]:
    """Defaults of ``mechanic_id`` with ``overrides`` applied, each cast to its default's type."""
    info = CATALOG[mechanic_id]
    params: dict[str, ParamValue] = dict(info.params)
    for key, value in (overrides or {}).items():
        default = info.params.get(key)
        if isinstance(default, bool):
            value = bool(value)
        elif isinstance(default, int) and not isinstance(value, bool):
            value = int(value)
        elif isinstance(default, float):
            value = float(value)
        elif isinstance(default, str):
            value = str(value)
        params[key] = value
    return {k: params[k] for k in sorted(params)}
