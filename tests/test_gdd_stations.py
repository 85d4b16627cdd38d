"""A management game's own stations: the reader's list (maestro.gdd.stations), carried by the spec
(GameSpec.stations, set only for the simulation family's manage mode) and used by the manage mode
before its table of station words and its stock desks; a real brief built end to end serves its
requests at the stations it lists."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from maestro.agents import orchestrator
from maestro.agents.generators import build_bundle
from maestro.agents.query.static import load_data_js
from maestro.gdd import parse_gdd, read_gdd_file
from maestro.gdd.stations import named_stations
from maestro.genres.simulation import rules

KITCHEN_RUSH = Path(__file__).resolve().parents[2] / "shared" / "briefs" / "gamecraft" / "simulation-kitchen-rush.md"


def test_a_management_gdds_stations_are_read_from_its_lists() -> None:
    assert named_stations("The kitchen view shows stations arranged spatially: chopping board, stove,\nfryer, oven, "
                          "plating area, and serving window.") == ["Chopping board", "Stove", "Fryer", "Oven"]
    assert named_stations("The map shows 3 stations of different shapes (circle, triangle, square).") == \
        ["Circle", "Triangle", "Square"]
    assert named_stations("Patients come in all night, and each must be sent to the sickbay, the lab or the pharmacy.") == \
        ["Sickbay", "Lab", "Pharmacy"]
    assert named_stations("Stations fill up or run low on supplies.") == []


def test_the_spec_carries_a_management_gdds_stations_and_no_other_genres() -> None:
    shift = ("# Orbital Post\n\nA management simulation. Orders arrive over the shift and wait in a queue; send each "
             "order to a free station before its patience runs out. The deck shows stations arranged in a ring: "
             "hydroponics, the forge, the med bay. Serving earns credits; upgrades make a station faster.\n")
    spec = parse_gdd(shift, genre="simulation")
    assert (spec.genre, spec.mode) == ("simulation", "manage")
    assert spec.stations == ["Hydroponics", "Forge", "Med bay"]
    assert [s["name"] for s in rules.config_for(spec)["stations"]] == ["Hydroponics", "Forge", "Med bay"]
    assert spec.model_dump()["stations"] == spec.stations
    # a platformer's "platforms: ..." is no list of stations, and a spec without them serialises as before
    hop = parse_gdd("# Hop\n\nA platformer. Jump across platforms such as moving ledges, clouds and crates.\n",
                    genre="platformer")
    assert hop.stations == [] and "stations" not in hop.model_dump()


def test_the_gdds_stations_come_first_then_its_station_words_then_stock() -> None:
    text = "Orders arrive and are cooked at the grill."
    assert [s["name"] for s in rules.manage_config(text, ["Circle", "Square"])["stations"]] == ["Circle", "Square", "Grill"]
    assert [s["name"] for s in rules.manage_config(text, ["Grill", "Oven"])["stations"]] == ["Grill", "Oven", "Stove"]
    assert [s["name"] for s in rules.manage_config(text)["stations"]] == ["Grill", "Stove", "Oven"]
    assert [s["name"] for s in rules.manage_config("Guests arrive.")["stations"]] == ["Desk 1", "Desk 2", "Desk 3"]


def test_the_kitchen_rush_brief_is_built_with_its_own_stations() -> None:
    if not KITCHEN_RUSH.is_file():
        if os.environ.get("MAESTRO_REQUIRE_SHARED") == "1":
            pytest.fail(f"the shared briefs are required (MAESTRO_REQUIRE_SHARED=1) but {KITCHEN_RUSH} is absent")
        pytest.skip(f"the shared brief {KITCHEN_RUSH} is absent (it sits beside the checkout in CI)")
    spec = parse_gdd(read_gdd_file(KITCHEN_RUSH), source_name=KITCHEN_RUSH.stem)
    assert (spec.genre, spec.mode) == ("simulation", "manage")
    own = ["Chopping board", "Stove", "Fryer", "Oven"]  # "stations arranged spatially: chopping board, stove, fryer, oven, ..."
    assert spec.stations == own
    files = build_bundle(orchestrator.plan(spec, 1, orchestrator.project_id(spec, 1)))
    data, why = load_data_js(files["game/data.js"].decode("utf-8"))
    assert data is not None, why
    assert [s["name"] for s in data["config"]["stations"]] == own
    served = [[s["name"] for s in level["stations"]] for level in data["levels"]]
    # each shift opens the first two or more of them, in the brief's order
    assert served and all(names == own[:len(names)] and len(names) >= 2 for names in served)
