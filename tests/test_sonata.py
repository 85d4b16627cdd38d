"""Sonata: sound effects and music are valid, bounded, deterministic WAVs; music loops cleanly."""

import wave

import numpy as np
import pytest

from maestro.agents import sonata
from maestro.media.wav import decode_wav, encode_wav, wav_info
from maestro.spec import AssetJob

EVENTS = ["jump", "coin", "pickup", "hit", "hurt", "die", "win", "lose", "shoot", "explode", "step", "push",
          "door", "key", "powerup", "start", "pause", "select", "undo", "levelup"]


def sfx_job(event, seed=7, mood="upbeat"):
    return AssetJob(kind="sfx", name=event, generator="maestro.agents.sonata.generate", params={"event": event, "mood": mood}, seed=seed)


def music_job(seed=1, **params):
    p = {"mood": "upbeat", "tempo_bpm": 120, "key": "C", "scale": "major", "wave": "square", "bars": 8}
    p.update(params)
    return AssetJob(kind="music", name="theme", generator="maestro.agents.sonata.generate", params=p, seed=seed)


def test_wav_round_trip_and_info():
    x = np.sin(np.linspace(0, 200, 22050)) * 0.5
    data = encode_wav(x, 22050)
    info = wav_info(data)
    assert (info["rate"], info["frames"], info["channels"], info["sampwidth"]) == (22050, 22050, 1, 2)
    assert info["seconds"] == pytest.approx(1.0)
    assert np.max(np.abs(decode_wav(data) - x)) < 1e-4
    with pytest.raises((wave.Error, EOFError)):
        wav_info(b"RIFF nonsense")


@pytest.mark.parametrize("event", EVENTS + ["no-such-event"])
def test_every_event_is_a_short_loud_enough_clean_wav(event):
    asset = sonata.generate(sfx_job(event))
    assert asset.media_type == "audio/wav" and asset.kind == "sfx" and asset.name == event
    info = wav_info(asset.data)
    assert info["rate"] == 22050 and info["channels"] == 1
    assert 0.02 <= info["seconds"] <= 1.2
    assert asset.meta["seconds"] == pytest.approx(info["seconds"], abs=1e-3) and asset.meta["event"] == event
    x = decode_wav(asset.data)
    assert np.max(np.abs(x)) > 0.3  # not silent
    assert np.max(np.abs(x)) <= 0.96  # normalised below full scale: no clipping
    assert abs(x[0]) < 0.01 and abs(x[-1]) < 0.01  # faded ends: no click
    assert abs(float(np.mean(x))) < 0.05  # no DC offset


def test_synth_respects_duration_and_params():
    short = sonata.synth_sfx(sonata.SfxParams(sustain=0.05, decay=0.05))
    long = sonata.synth_sfx(sonata.SfxParams(sustain=5.0, decay=5.0))  # capped at 1.2 s
    assert len(short) == int(0.1 * 22050)
    assert len(long) == int(1.2 * 22050)
    rising = sonata.synth_sfx(sonata.SfxParams(wave_type="sine", base_freq=200, freq_ramp=3.0, sustain=0.6, decay=0.01))
    # a rising slide crosses zero more often in its second half
    half = len(rising) // 2
    def zc(a):
        return int(np.sum(np.signbit(a[1:]) != np.signbit(a[:-1])))

    assert zc(rising[half:]) > 1.5 * zc(rising[:half])


def test_sfx_is_deterministic_and_seeded():
    assert sonata.generate(sfx_job("jump", 3)).data == sonata.generate(sfx_job("jump", 3)).data
    assert sonata.generate(sfx_job("jump", 3)).data != sonata.generate(sfx_job("jump", 4)).data
    assert sonata.generate(sfx_job("jump", 3, "spooky")).data != sonata.generate(sfx_job("jump", 3, "upbeat")).data


def test_music_length_is_exactly_the_bars_and_follows_tempo():
    fast = sonata.generate(music_job(tempo_bpm=140))
    slow = sonata.generate(music_job(tempo_bpm=90))
    for asset, bpm in ((fast, 140), (slow, 90)):
        info = wav_info(asset.data)
        assert info["seconds"] == pytest.approx(8 * 4 * 60 / bpm, abs=2 / info["rate"])
        assert asset.meta["loop"] is True and asset.meta["bpm"] == bpm and asset.meta["scale"] == "major"
        assert len(asset.data) <= 10 * 22050 * 2 + 1024  # the embedded-size budget
    assert wav_info(fast.data)["seconds"] < wav_info(slow.data)["seconds"]
    four = sonata.generate(music_job(bars=4, tempo_bpm=120))
    assert wav_info(four.data)["seconds"] == pytest.approx(8.0, abs=1e-3)


def test_music_loops_seamlessly():
    for mood, scale in (("upbeat", "major"), ("calm", "pentatonic"), ("spooky", "phrygian"), ("dark", "minor")):
        x = decode_wav(sonata.generate(music_job(mood=mood, scale=scale, bars=4)).data)
        assert abs(x[0]) < 0.01 and abs(x[-1]) < 0.01 and abs(x[-1] - x[0]) < 0.01
        # no note is cut at the seam: the last 5 ms are near silence
        assert np.max(np.abs(x[-len(x) // 2000 - 40 :])) < 0.05
        assert np.max(np.abs(x)) <= 0.9 and np.std(x) > 0.05  # audible, not clipped


def test_music_is_deterministic_and_varies_with_inputs():
    a = sonata.generate(music_job(seed=5)).data
    assert a == sonata.generate(music_job(seed=5)).data
    assert a != sonata.generate(music_job(seed=6)).data
    assert a != sonata.generate(music_job(seed=5, key="F#")).data
    assert a != sonata.generate(music_job(seed=5, mood="calm")).data


def test_key_parsing():
    assert sonata.key_to_midi("C") == 60
    assert sonata.key_to_midi("F#") == 66 and sonata.key_to_midi("Bb") == 70
    assert sonata.key_to_midi("a minor") == 69 and sonata.key_to_midi("???") == 60


def test_unknown_kind_is_refused():
    job = AssetJob(kind="sprite", name="x", generator="g", params={}, seed=1)
    with pytest.raises(ValueError):
        sonata.generate(job)
