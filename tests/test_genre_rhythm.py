"""The rhythm genre's rules, charter and solver, and their tie to the game's own music: the chart is
Sonata's score of the very music job of the build (same params, same seed), and the Sonata split
into score + render leaves the music's bytes as they were."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path
from typing import Any

import pytest

from maestro.agents import orchestrator, sonata
from maestro.gdd import parse_gdd, read_gdd_file
from maestro.genres.registry import REGISTRY
from maestro.genres.rhythm import rules
from maestro.spec import LevelRequest

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "gdds"
GDD = FIXTURES / "rhythm_moth_lantern.md"


@pytest.fixture(scope="module")
def planned() -> Any:
    spec = parse_gdd(read_gdd_file(GDD), source_name=GDD.stem)
    return orchestrator.plan(spec, 3, orchestrator.project_id(spec, 3))


def _levels(plan: Any) -> list[dict[str, Any]]:
    out = []
    for job in plan.jobs:
        if job.kind == "level":
            req = LevelRequest.model_validate(job.params["req"])
            out.append(rules.generate(req, plan.config, random.Random(job.seed)))
    return out


# ---- the reader and the plan -------------------------------------------------------------------


def test_a_gdd_that_names_a_rhythm_game_is_read_as_one():
    for name in ("rhythm_moth_lantern.md", "rhythm_tide_drums.md"):
        spec = parse_gdd(read_gdd_file(FIXTURES / name), source_name=name)
        assert (spec.genre, spec.mode) == ("rhythm", "lanes"), name


def test_the_config_carries_the_very_music_job(planned):
    music = next(j for j in planned.jobs if j.kind == "music")
    assert planned.config["music"] == {"params": music.params, "seed": music.seed}
    assert music.params == orchestrator.music_params(planned.spec)
    assert music.seed == orchestrator.music_seed(planned.spec, planned.seed)


def test_other_families_configs_are_left_alone(planned):
    spec = planned.spec.model_copy(update={"genre": "puzzle", "mode": "exit"})
    assert "music" not in orchestrator.plan(spec, 3, "p").config


# ---- sonata: score and render ------------------------------------------------------------------


@pytest.mark.parametrize("params", [
    {"mood": "upbeat", "tempo_bpm": 140, "key": "C", "scale": "major", "wave": "square", "bars": 8},
    {"mood": "calm", "tempo_bpm": 96, "key": "D", "scale": "minor", "wave": "triangle", "bars": 8},
    {"mood": "tense", "tempo_bpm": 173, "key": "F#", "scale": "pentatonic", "wave": "saw", "bars": 5},
])
def test_music_is_the_rendered_score(params):
    sc = sonata.score(params, 77)
    data, meta = sonata.music(params, 77)
    from maestro.media.wav import encode_wav

    assert hashlib.sha256(encode_wav(sonata.render(sonata.score(params, 77)), sc.rate)).digest() == \
        hashlib.sha256(data).digest()
    assert meta["bpm"] == sc.bpm and meta["bars"] == sc.bars
    lead = sc.melody()
    assert lead and all(e.midi is not None for e in lead)
    eighth = 30.0 / sc.bpm
    for e in lead:  # every melody note starts on its eighth of the loop
        assert e.start == pytest.approx(e.eighth * eighth, abs=1e-9)
        assert 0 <= e.eighth < sc.bars * rules.BAR


def test_score_is_pure():
    p = {"mood": "playful", "tempo_bpm": 120, "key": "A", "scale": "dorian", "wave": "sine", "bars": 8}
    assert sonata.score(p, 5).events == sonata.score(p, 5).events
    assert sonata.score(p, 5).events != sonata.score(p, 6).events


# ---- the chart -----------------------------------------------------------------------------------


def test_every_note_is_a_melody_onset_and_higher_notes_go_right(planned):
    bpm, loop, onsets = rules.melody(planned.config)
    pitch = dict(onsets)
    for lv in _levels(planned):
        assert lv["bpm"] == bpm and lv["loop"] == loop
        assert lv["notes"]
        for e, _lane, midi in lv["notes"]:
            assert pitch[e] == midi
        ranked = sorted(lv["notes"], key=lambda n: n[2])
        assert all(a[1] <= b[1] for a, b in zip(ranked, ranked[1:]))
        assert {n[1] for n in lv["notes"]} <= set(range(lv["lanes"]))


def test_the_songs_get_harder(planned):
    levels = _levels(planned)
    dens = [len(rules.chart(lv, 0)["notes"]) / rules.chart(lv, 0)["end"] for lv in levels]
    assert levels[0]["lanes"] == 3 and all(lv["lanes"] == 4 for lv in levels[1:])
    assert dens[0] < dens[1] <= dens[2]
    assert [lv["travel"] for lv in levels] == sorted((lv["travel"] for lv in levels), reverse=True)
    assert all(n[0] % 2 == 0 for n in levels[0]["notes"])  # level 1: the notes on the beat


def test_note_frames_are_the_musics_onsets():
    bpm = 133.0
    for e in range(0, 300):
        assert abs(rules.frame_of(e, bpm) - e * 30.0 / bpm * 60) <= 0.5


def test_a_chart_starts_on_a_bar_line_after_the_scroll_in():
    lv = {"bpm": 120.0, "loop": 16, "reps": 1, "travel": 60, "notes": [[0, 0, 60], [4, 1, 62], [9, 2, 64]]}
    ch = rules.chart(lv, 0)
    # bar 1 (frame 120) is the first bar line at least 60 frames in; the song is one loop from there
    assert ch["start"] == 120 and ch["end"] == 360
    assert ch["notes"] == [[135, 2], [240, 0], [300, 1]]  # eighth 9, then 16 + 0 and 16 + 4 (the loop again)
    later = rules.chart(lv, 100)  # the music 100 frames in: the first bar line 60 frames ahead is bar 2 (240)
    assert later == {"start": 140, "end": 380, "notes": [[140, 0], [200, 1], [275, 2]], "mines": []}


def test_the_level_is_the_same_for_the_same_seed(planned):
    assert _levels(planned) == _levels(planned)


# ---- the rules ------------------------------------------------------------------------------------

CFG = dict(rules.DEFAULTS)
SONG = {"bpm": 120.0, "loop": 16, "reps": 1, "travel": 60, "lanes": 4,
        "notes": [[0, 0, 60], [2, 1, 62], [4, 2, 64], [6, 3, 65]]}  # from bar 1: frames 240, 270, 300, 330; end 360


def _play(presses: dict[int, set[int]], cfg: dict[str, Any] | None = None, song: dict[str, Any] | None = None) -> rules.Sim:
    sim = rules.Sim(song or SONG, cfg or CFG)
    while sim.status == "playing":
        sim.step(presses.get(sim.f + 1, set()))
    return sim


def test_on_the_beat_is_perfect_near_it_good_off_it_a_miss():
    sim = _play({240: {0}, 270 - 6: {1}, 300 + 7: {2}, 330 - 3: {3}})
    assert [n[2] for n in sim.notes] == [0, 1, 2, 0]
    assert sim.counts == [2, 1, 1] and sim.status == "won" and sim.f == 360


def test_a_press_in_the_wrong_lane_hits_nothing():
    sim = _play({240: {1}})
    assert sim.notes[0][2] == 2 and sim.counts[2] == 4


def test_combo_multiplies_the_score():
    cfg = dict(CFG, combo_step=2)
    sim = _play({240: {0}, 270: {1}, 300: {2}, 330: {3}}, cfg)
    assert sim.score == 300 + 300 + 600 + 600 and sim.best == 4


def test_a_miss_breaks_the_combo_and_drains_the_meter():
    sim = _play({240: {0}, 270: {1}, 330: {3}})
    assert sim.combo == 1 and sim.best == 2
    assert sim.meter == CFG["meter_start"] + 3 * CFG["meter_perfect"] - CFG["meter_miss"]


def test_an_empty_meter_loses():
    cfg = dict(CFG, meter_start=20, meter_miss=10)
    sim = _play({}, cfg)
    assert sim.status == "lost" and sim.counts[2] == 2 and sim.f == 270 + 6 + 1


def test_the_solver_proves_every_level_with_the_perfect_schedule(planned):
    for lv in _levels(planned):
        proof = rules.solve(lv, planned.config)
        assert proof is not None and proof["steps"] == len(proof["presses"]) > 0
        assert proof["phases"] >= 2  # every bar the looping music may start the song on
        assert [p for p in proof["presses"]] == rules.chart(lv, 0)["notes"]


def test_the_solver_refuses_an_unwinnable_song():
    assert rules.solve(dict(SONG, notes=[]), CFG) is None
    assert rules.solve(SONG, dict(CFG, meter_start=0)) is None


def test_the_keys_of_three_and_four_lanes():
    three, four = dict(SONG, lanes=3), SONG
    assert rules.lanes_for(three, {"up"}) == rules.lanes_for(three, {"down"}) == {1}
    assert rules.lanes_for(four, {"left", "right"}) == {0, 3}
    assert [rules.key_for(four, k) for k in range(4)] == ["left", "down", "up", "right"]


def test_the_genre_declares_what_it_proves():
    g = REGISTRY["rhythm"]
    assert g.name == "rhythm" and g.modes == ("lanes", "commands")
    assert g.delivers == {"rhythm": "hits_on_the_beat"} and g.defining == "hits_on_the_beat"
    assert g.win_checks == ("song_end_wins",)


def test_played_straight_through_level_two_starts_at_the_phase_the_solver_proved(planned):
    """The music loops on across levels: level 2 starts where the music is after level 1 and the
    'Level complete!' pause, which is the phase its level data carries and the solver proves."""
    from maestro.agents.generators import build_bundle
    from maestro.agents.query.static import load_data_js
    from maestro.genres.headless import HeadlessGame

    files = build_bundle(planned)
    data, _ = load_data_js(files["game/data.js"].decode("utf-8"))
    assert data is not None
    levels = data["levels"]
    with HeadlessGame(files["game/game.js"].decode("utf-8"), files["game/data.js"].decode("utf-8")) as g:
        result = REGISTRY["rhythm"].play_level_one(g, levels[0], data["config"])
        assert result.won, result.detail
        g.step(2)
        st, p = g.state(), g.js("__game.world().p")
    assert st["level"] == 2 and p == levels[1]["phase"] == rules.straight_phase(1, data["config"], levels[1]["bpm"],
                                                                                 levels[1]["loop"])
    assert rules.TRANSITION in (90, 91)


def test_a_press_on_a_mine_hurts_and_a_mine_let_by_does_not():
    song = dict(SONG, mines=[[1, 2], [3, 2]])  # from bar 1: frames 255 and 285, lane 2
    sim = _play({240: {0}, 255: {2}, 270: {1}, 300: {2}, 330: {3}})
    assert sim.mines_hit == 0  # (the song without mines)
    sim = _play({240: {0}, 255: {2}, 270: {1}, 300: {2}, 330: {3}}, song=song)
    assert sim.mines_hit == 1 and [m[2] for m in sim.mines] == [1, 0]
    assert sim.counts == [4, 0, 0] and sim.best == 3  # the mine broke the combo after the first note
    assert sim.meter == CFG["meter_start"] + 4 * CFG["meter_perfect"] - CFG["meter_miss"]


def test_mines_come_from_the_gdds_danger_from_level_two_and_stay_clear_of_the_notes(planned):
    cfg = dict(planned.config, mine_slug="spikes", mine_name="Spikes")
    gap_frames = 2 * cfg["good"] + 2
    plain = _levels(planned)
    for lv, base in zip(_levels(planned.model_copy(update={"config": cfg})), plain):
        assert lv["notes"] == base["notes"]
        if lv["index"] == 0:
            assert lv["mines"] == []
            continue
        assert lv["mines"]
        ch = rules.chart(lv, 0)
        for t, lane in ch["mines"]:
            assert all(abs(t - u) >= gap_frames - 1 for u, ln in ch["notes"] if ln == lane)
        proof = rules.solve(lv, cfg)
        assert proof is not None
