"""Sonata agent: sound effects (an sfxr-style synth) and looping chiptune music, all offline.

Pure functions of (params, seed): the same job gives byte-identical WAVs. Synthesis is vectorised
numpy (phase accumulation, FFT-domain filters) so a whole game's audio takes well under a second.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import numpy as np

from maestro.media.wav import encode_wav
from maestro.spec import Asset, AssetJob

RATE = 22050
MAX_SFX_SECONDS = 1.2
# Music is base64-embedded in the bundle: keep its PCM under ~10 s at 22050 Hz (~440 kB). A longer
# loop is rendered at a lower sample rate instead of being cut, so its length stays exactly its bars.
MUSIC_FRAME_BUDGET = 10 * RATE
MUSIC_RATES = (22050, 16000, 11025, 8000)
WAVES = ("square", "saw", "sine", "noise", "triangle")


@dataclass(frozen=True)
class SfxParams:
    """One sound effect, in the spirit of sfxr. Times in seconds, frequencies in Hz."""

    wave_type: str = "square"
    base_freq: float = 440.0
    freq_limit: float = 30.0  # the sound stops when a falling slide goes below this
    freq_ramp: float = 0.0  # slide, octaves per second
    freq_dramp: float = 0.0  # change of slide, octaves per second^2
    vib_depth: float = 0.0  # fraction of the frequency
    vib_speed: float = 0.0  # Hz
    attack: float = 0.0
    sustain: float = 0.1
    punch: float = 0.0  # extra loudness at the start of the sustain (0..1)
    decay: float = 0.2
    duty: float = 0.5
    duty_sweep: float = 0.0  # per second
    arp_mult: float = 1.0  # frequency jumps by this factor ...
    arp_time: float = 0.0  # ... after this many seconds (0 = never)
    lowpass: float = 0.0  # cutoff Hz, 0 = off
    highpass: float = 0.0  # cutoff Hz, 0 = off
    repeat_speed: float = 0.0  # seconds between restarts of slide/arpeggio, 0 = never
    volume: float = 0.8
    noise_seed: int = 0

    @property
    def seconds(self) -> float:
        return min(self.attack + self.sustain + self.decay, MAX_SFX_SECONDS)


def _fft_filter(x: np.ndarray, rate: int, lowpass: float, highpass: float) -> np.ndarray:
    """Zero-phase first-order-ish filters in the frequency domain (no scipy, no per-sample loop)."""
    n = len(x)
    padded = np.concatenate([x, np.zeros(n)])  # padding keeps the end from wrapping into the start
    spec = np.fft.rfft(padded)
    f = np.fft.rfftfreq(len(padded), 1.0 / rate)
    gain = np.ones_like(f)
    if lowpass > 0:
        gain /= np.sqrt(1.0 + (f / lowpass) ** 4)
    if highpass > 0:
        gain *= (f / highpass) ** 2 / np.sqrt(1.0 + (f / highpass) ** 4)
    return np.fft.irfft(spec * gain, len(padded))[:n]


def _oscillator(wave: str, phase: np.ndarray, duty: np.ndarray | float, noise_seed: int) -> np.ndarray:
    frac = phase % 1.0
    if wave == "square":
        return np.where(frac < duty, 1.0, -1.0)
    if wave == "saw":
        return 2.0 * frac - 1.0
    if wave == "sine":
        return np.sin(2 * np.pi * phase)
    if wave == "triangle":
        return 1.0 - 4.0 * np.abs(frac - 0.5)
    # noise: like sfxr, a fresh random value every 1/32 of a period, so pitch still colours it
    idx = np.floor(phase * 32).astype(np.int64)
    table = np.random.Generator(np.random.PCG64(noise_seed)).uniform(-1, 1, 4096)
    return table[idx % 4096]


def synth_sfx(p: SfxParams, rate: int = RATE) -> np.ndarray:
    """Render an SfxParams to float samples in [-1, 1], normalised to p.volume, ending in silence."""
    n = max(int(p.seconds * rate), 64)
    t = np.arange(n) / rate
    tt = t % p.repeat_speed if p.repeat_speed > 0 else t  # a repeat restarts the slide and arpeggio
    octaves = np.clip(p.freq_ramp * tt + 0.5 * p.freq_dramp * tt**2, -12, 6)
    freq = p.base_freq * 2.0**octaves
    if p.arp_time > 0:
        freq = np.where(tt >= p.arp_time, freq * p.arp_mult, freq)
    if p.vib_depth > 0:
        freq = freq * (1.0 + p.vib_depth * np.sin(2 * np.pi * p.vib_speed * t))
    alive = freq >= p.freq_limit
    alive = np.minimum.accumulate(alive)  # once a falling slide drops out, it stays silent
    freq = np.clip(freq, 1.0, rate / 2.2)
    phase = np.cumsum(freq / rate)
    duty = np.clip(p.duty + p.duty_sweep * t, 0.05, 0.95)
    x = _oscillator(p.wave_type, phase, duty, p.noise_seed)
    # envelope: attack ramp, sustain with punch, linear decay (the sfxr shape)
    a, s_, d = max(p.attack, 0.0), max(p.sustain, 0.0), max(p.decay, 0.005)
    env = np.zeros(n)
    env = np.where(t < a, t / max(a, 1e-6), env)
    in_s = (t >= a) & (t < a + s_)
    env = np.where(in_s, 1.0 + 2.0 * p.punch * (1.0 - (t - a) / max(s_, 1e-6)), env)
    in_d = t >= a + s_
    env = np.where(in_d, np.clip(1.0 - (t - a - s_) / d, 0.0, 1.0), env)
    x = x * env * alive
    x = _fft_filter(x, rate, p.lowpass, max(p.highpass, 20.0))  # >= 20 Hz high-pass: no DC offset
    return _finish(x, rate, p.volume)


def _finish(x: np.ndarray, rate: int, volume: float, fade_in: float = 0.002, fade_out: float = 0.012) -> np.ndarray:
    """Normalise the peak to `volume` and fade both ends, so a clip neither clips nor clicks."""
    peak = float(np.max(np.abs(x))) if len(x) else 0.0
    if peak > 1e-9:
        x = x * (min(volume, 0.95) / peak)
    fi, fo = max(1, int(fade_in * rate)), max(1, int(fade_out * rate))
    x[:fi] *= np.linspace(0.0, 1.0, fi)
    x[-fo:] *= np.linspace(1.0, 0.0, fo)
    return x


# ----------------------------------------------------------------------------------------------
# Presets: one generator per game event, each drawing its numbers from ranges (as sfxr's buttons).
# ----------------------------------------------------------------------------------------------


def _u(rng: np.random.Generator, lo: float, hi: float) -> float:
    return float(rng.uniform(lo, hi))


def _pick(rng: np.random.Generator, options: list):
    return options[int(rng.integers(len(options)))]


def _coin(rng):
    return SfxParams(wave_type=_pick(rng, ["square", "square", "triangle"]), base_freq=_u(rng, 700, 1300), sustain=_u(rng, 0.03, 0.08),
                     punch=_u(rng, 0.3, 0.6), decay=_u(rng, 0.12, 0.3), arp_mult=_u(rng, 1.3, 1.6), arp_time=_u(rng, 0.04, 0.08), duty=_u(rng, 0.3, 0.5))


def _jump(rng):
    return SfxParams(wave_type="square", base_freq=_u(rng, 250, 450), freq_ramp=_u(rng, 2.0, 4.0), sustain=_u(rng, 0.05, 0.12),
                     decay=_u(rng, 0.08, 0.2), duty=_u(rng, 0.2, 0.5), lowpass=_u(rng, 3000, 8000))


def _hit(rng):
    return SfxParams(wave_type=_pick(rng, ["noise", "saw", "square"]), base_freq=_u(rng, 200, 700), freq_ramp=_u(rng, -8, -4),
                     sustain=_u(rng, 0.01, 0.05), decay=_u(rng, 0.08, 0.2), punch=_u(rng, 0.2, 0.5), highpass=_u(rng, 0, 300))


def _hurt(rng):
    return replace(_hit(rng), wave_type=_pick(rng, ["saw", "square"]), base_freq=_u(rng, 300, 500), vib_depth=_u(rng, 0.1, 0.3), vib_speed=_u(rng, 20, 40))


def _die(rng):
    return SfxParams(wave_type=_pick(rng, ["square", "triangle", "saw"]), base_freq=_u(rng, 400, 700), freq_ramp=_u(rng, -2.5, -1.2),
                     vib_depth=_u(rng, 0.05, 0.15), vib_speed=_u(rng, 6, 12), sustain=_u(rng, 0.3, 0.5), decay=_u(rng, 0.3, 0.5), lowpass=_u(rng, 2000, 5000))


def _lose(rng):
    return replace(_die(rng), base_freq=_u(rng, 300, 450), freq_ramp=_u(rng, -1.5, -0.8), repeat_speed=_u(rng, 0.25, 0.35), sustain=_u(rng, 0.5, 0.6), decay=0.4)


def _win(rng):
    return SfxParams(wave_type=_pick(rng, ["square", "triangle"]), base_freq=_u(rng, 400, 600), arp_mult=_pick(rng, [1.26, 1.335, 1.5]),
                     arp_time=_u(rng, 0.08, 0.12), repeat_speed=_u(rng, 0.22, 0.3), freq_ramp=_u(rng, 0.3, 1.0), sustain=_u(rng, 0.45, 0.65), decay=_u(rng, 0.3, 0.45), punch=0.3)


def _shoot(rng):
    return SfxParams(wave_type=_pick(rng, ["saw", "square", "square"]), base_freq=_u(rng, 800, 1500), freq_ramp=_u(rng, -12, -6),
                     freq_dramp=_u(rng, 0, 10), sustain=_u(rng, 0.04, 0.1), decay=_u(rng, 0.05, 0.15), duty=_u(rng, 0.2, 0.6), duty_sweep=_u(rng, -1, 1))


def _explode(rng):
    return SfxParams(wave_type="noise", base_freq=_u(rng, 60, 180), freq_ramp=_u(rng, -1.5, 0), sustain=_u(rng, 0.1, 0.3), punch=_u(rng, 0.4, 0.8),
                     decay=_u(rng, 0.4, 0.75), lowpass=_u(rng, 1500, 4000), noise_seed=int(rng.integers(1 << 30)))


def _step(rng):
    return SfxParams(wave_type="noise", base_freq=_u(rng, 80, 200), sustain=0.01, decay=_u(rng, 0.04, 0.08), lowpass=_u(rng, 800, 2000),
                     volume=0.5, noise_seed=int(rng.integers(1 << 30)))


def _push(rng):
    return SfxParams(wave_type="noise", base_freq=_u(rng, 40, 90), freq_ramp=_u(rng, -1, 0), sustain=_u(rng, 0.08, 0.15), decay=_u(rng, 0.1, 0.2),
                     lowpass=_u(rng, 500, 1200), noise_seed=int(rng.integers(1 << 30)))


def _door(rng):
    return SfxParams(wave_type=_pick(rng, ["saw", "square"]), base_freq=_u(rng, 90, 160), freq_ramp=_u(rng, -1, 1), vib_depth=_u(rng, 0.05, 0.2),
                     vib_speed=_u(rng, 15, 30), sustain=_u(rng, 0.15, 0.3), decay=_u(rng, 0.1, 0.2), lowpass=_u(rng, 800, 2000))


def _key(rng):
    return replace(_coin(rng), base_freq=_u(rng, 1000, 1600), arp_mult=_u(rng, 1.4, 2.0), repeat_speed=_u(rng, 0.09, 0.12), sustain=0.15, decay=0.2)


def _powerup(rng):
    return SfxParams(wave_type=_pick(rng, ["square", "triangle", "saw"]), base_freq=_u(rng, 250, 500), freq_ramp=_u(rng, 1.5, 3.5),
                     vib_depth=_u(rng, 0, 0.1), vib_speed=_u(rng, 10, 20), repeat_speed=_u(rng, 0.1, 0.2), sustain=_u(rng, 0.3, 0.45), decay=_u(rng, 0.2, 0.35))


def _levelup(rng):
    return replace(_win(rng), base_freq=_u(rng, 500, 750), arp_mult=_pick(rng, [1.5, 2.0]), repeat_speed=_u(rng, 0.12, 0.18))


def _start(rng):
    return replace(_powerup(rng), wave_type="square", freq_ramp=_u(rng, 0.8, 1.5), repeat_speed=0.0, arp_mult=1.5, arp_time=_u(rng, 0.1, 0.15))


def _blip(rng):
    return SfxParams(wave_type=_pick(rng, ["square", "sine", "triangle"]), base_freq=_u(rng, 500, 1100), sustain=_u(rng, 0.02, 0.06),
                     decay=_u(rng, 0.03, 0.1), duty=_u(rng, 0.25, 0.5), volume=0.6)


def _pause(rng):
    return replace(_blip(rng), arp_mult=_u(rng, 0.6, 0.75), arp_time=_u(rng, 0.05, 0.07), sustain=0.1)


def _undo(rng):
    return replace(_blip(rng), freq_ramp=_u(rng, -4, -2), sustain=0.05, decay=0.08)


PRESETS = {
    "jump": _jump, "coin": _coin, "pickup": _coin, "hit": _hit, "hurt": _hurt, "die": _die, "win": _win, "lose": _lose,
    "shoot": _shoot, "explode": _explode, "step": _step, "push": _push, "door": _door, "key": _key, "powerup": _powerup,
    "start": _start, "pause": _pause, "select": _blip, "undo": _undo, "levelup": _levelup, "blip": _blip,
}


def preset(event: str, rng: np.random.Generator) -> SfxParams:
    """The seeded parameters for a game event; an unknown event gets a plain blip."""
    p = PRESETS.get(str(event).lower().strip(), _blip)(rng)
    if p.noise_seed == 0 and p.wave_type == "noise":
        p = replace(p, noise_seed=int(rng.integers(1 << 30)))
    return p


# A mood tints every effect a little, so a spooky game's coin is not a cheerful one.
MOOD_TINT = {
    "dark": (0.8, 2500.0), "spooky": (0.8, 2500.0), "tense": (0.9, 4000.0), "calm": (0.9, 3500.0),
    "playful": (1.15, 0.0), "upbeat": (1.05, 0.0), "heroic": (1.0, 0.0),
}


def _apply_mood(p: SfxParams, mood: str) -> SfxParams:
    pitch, lowpass = MOOD_TINT.get(str(mood).lower(), (1.0, 0.0))
    if lowpass and (p.lowpass == 0 or p.lowpass > lowpass):
        p = replace(p, lowpass=lowpass)
    return replace(p, base_freq=p.base_freq * pitch)


def sfx(params: dict, seed: int) -> tuple[bytes, dict]:
    rng = np.random.Generator(np.random.PCG64(int(seed) & 0xFFFFFFFFFFFFFFFF))
    event = str(params.get("event", "blip"))
    p = _apply_mood(preset(event, rng), str(params.get("mood", "")))
    x = synth_sfx(p)
    return encode_wav(x, RATE), {"seconds": round(len(x) / RATE, 4), "event": event, "rate": RATE}


# ----------------------------------------------------------------------------------------------
# Music: a seeded chord progression, bass on the roots, a motif with variations, drums. Every note
# ends inside its own slot, so the buffer is exactly the bars' length and loops without a click.
# ----------------------------------------------------------------------------------------------

SCALES = {
    "major": [0, 2, 4, 5, 7, 9, 11],
    "minor": [0, 2, 3, 5, 7, 8, 10],
    "dorian": [0, 2, 3, 5, 7, 9, 10],
    "phrygian": [0, 1, 3, 5, 7, 8, 10],
    "pentatonic": [0, 2, 4, 7, 9],
}
NOTE_NAMES = {"C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11}
# progressions as scale degrees (0 = I); bright moods get the pop ones, dark moods the minor ones
PROGRESSIONS = {
    "bright": [[0, 4, 5, 3], [0, 5, 3, 4], [0, 3, 4, 3], [0, 3, 0, 4]],
    "dark": [[0, 5, 2, 6], [0, 3, 4, 0], [0, 6, 5, 6], [0, 5, 3, 4]],
    "tense": [[0, 1, 0, 1], [0, 5, 0, 4], [0, 1, 5, 4]],
}
MOOD_FAMILY = {"dark": "dark", "spooky": "tense", "tense": "tense", "calm": "bright", "heroic": "bright",
               "playful": "bright", "upbeat": "bright", "sad": "dark", "mysterious": "dark"}


def key_to_midi(key: str) -> int:
    """'C', 'F#', 'Bb', 'a minor' ... to a MIDI tonic near middle C (unknown keys give C)."""
    m = re.match(r"\s*([A-Ga-g])\s*([#b♯♭]?)", str(key or ""))
    if not m:
        return 60
    n = NOTE_NAMES[m.group(1).upper()] + {"#": 1, "♯": 1, "b": -1, "♭": -1}.get(m.group(2), 0)
    return 60 + (n % 12)


def _hz(midi: float) -> float:
    return 440.0 * 2.0 ** ((midi - 69) / 12.0)


class _Track:
    """A fixed-length mix buffer; notes are added as whole vectorised slices."""

    def __init__(self, frames: int, rate: int, noise: np.ndarray) -> None:
        self.buf = np.zeros(frames)
        self.rate = rate
        self.noise = noise  # frames + 1 uniform draws in [-1, 1), from the score's seeded sequence
        # hats use differenced noise (a crude high-pass) so they hiss rather than thump
        self.hiss = np.diff(self.noise) / 2.0

    def note(self, start: float, dur: float, freq: float, wave: str, gain: float, duty: float = 0.5,
             attack: float = 0.005, release: float = 0.03, decay: float = 0.0) -> None:
        """Add one note; its envelope reaches zero before start + dur, so nothing spills over."""
        i0 = int(round(start * self.rate))
        n = min(int(dur * self.rate), len(self.buf) - i0)
        if n <= 8:
            return
        t = np.arange(n) / self.rate
        if wave in ("noise", "hiss"):
            x = (self.noise if wave == "noise" else self.hiss)[i0 : i0 + n]
        else:
            x = _oscillator(wave, freq * t, duty, 0)
        env = np.minimum(1.0, t / attack) * np.clip((dur - t) / release, 0.0, 1.0)  # ends at zero inside the slot
        if decay:
            env = env * np.exp(-t / decay)
        self.buf[i0 : i0 + n] += gain * x * env

    def kick(self, start: float, gain: float) -> None:
        i0 = int(round(start * self.rate))
        n = min(int(0.16 * self.rate), len(self.buf) - i0)
        if n <= 8:
            return
        t = np.arange(n) / self.rate
        f = 50 + 110 * np.exp(-t / 0.03)  # the pitch drop is what makes a sine sound like a kick
        x = np.sin(2 * np.pi * np.cumsum(f) / self.rate)
        env = np.minimum(1.0, t / 0.002) * np.exp(-t / 0.05) * np.clip((0.16 - t) / 0.02, 0, 1)
        self.buf[i0 : i0 + n] += gain * x * env


def _scale_note(tonic: int, scale: list[int], degree: int) -> int:
    octave, idx = divmod(degree, len(scale))
    return tonic + 12 * octave + scale[idx]


@dataclass(frozen=True)
class NoteEvent:
    """One sound of the music, as the score writes it: a voice ("bass", "arp", "lead", "kick",
    "snare", "hat") starting at ``start`` seconds. ``eighth`` is its slot on the loop's grid of
    eighth notes (quarter-beat arpeggio notes fall between them: ``eighth`` is then a half slot),
    ``midi`` the pitch of a pitched voice (None for drums). The rest is how the renderer plays it."""

    voice: str
    start: float
    eighth: float
    midi: int | None
    dur: float = 0.0
    freq: float = 0.0
    wave: str = "sine"
    gain: float = 0.0
    duty: float = 0.5
    attack: float = 0.005
    release: float = 0.03
    decay: float = 0.0


@dataclass(frozen=True)
class Score:
    """The music of a (params, seed) before a sample is made: its tempo and length and every note
    event in the order the renderer mixes them (the order is part of the bytes: float sums). The
    noise the drums read is drawn here too, since the seeded draws are one sequence. A rhythm game
    charts its notes from ``events`` (the "lead" voice is the melody), so what the player hits is
    what the music plays."""

    bpm: float
    bars: int
    rate: int
    frames: int
    seconds: float
    mood: str
    scale: str
    key: str
    events: tuple[NoteEvent, ...]
    noise: np.ndarray = field(repr=False, compare=False)

    @property
    def beat(self) -> float:
        return 60.0 / self.bpm

    def melody(self) -> list[NoteEvent]:
        """The lead voice's notes, in time order: the tune a player would hum."""
        return [e for e in self.events if e.voice == "lead"]


def score(params: dict, seed: int) -> Score:
    """The seeded composition of a music job: a chord progression, bass on the roots, a motif with
    variations, drums. Pure: the same (params, seed) gives the same events; ``music`` renders it."""
    rng = np.random.Generator(np.random.PCG64(int(seed) & 0xFFFFFFFFFFFFFFFF))
    mood = str(params.get("mood", "upbeat")).lower()
    bpm = float(min(max(float(params.get("tempo_bpm", 120) or 120), 40.0), 240.0))
    scale_name = str(params.get("scale", "major"))
    scale_name = scale_name if scale_name in SCALES else "major"
    wave = str(params.get("wave", "square"))
    wave = wave if wave in ("square", "triangle", "saw", "sine") else "square"
    bars = int(min(max(int(params.get("bars", 8) or 8), 1), 32))
    tonic = key_to_midi(str(params.get("key", "C")))
    beat = 60.0 / bpm
    seconds = bars * 4 * beat
    rate = next((r for r in MUSIC_RATES if seconds * r <= MUSIC_FRAME_BUDGET), MUSIC_RATES[-1])
    frames = int(round(seconds * rate))
    # chords are built on a seven-note scale even for pentatonic tunes; the melody uses the five
    chord_scale = SCALES["major" if scale_name == "pentatonic" else scale_name]
    mel_scale = SCALES[scale_name]
    family = MOOD_FAMILY.get(mood, "dark" if scale_name in ("minor", "phrygian") else "bright")
    prog = _pick(rng, PROGRESSIONS[family])
    noise = rng.uniform(-1.0, 1.0, frames + 1)  # the drums' noise: drawn here, in the seeded sequence
    events: list[NoteEvent] = []

    def note(voice: str, start: float, slot: float, midi: int | None, dur: float, freq: float, wave_: str,
             gain: float, duty: float = 0.5, attack: float = 0.005, release: float = 0.03, decay: float = 0.0) -> None:
        events.append(NoteEvent(voice, start, slot, midi, dur, freq, wave_, gain, duty, attack, release, decay))

    eighth = beat / 2
    busy = mood in ("upbeat", "heroic", "playful", "tense")
    # motif: 8 eighth-note slots per bar, a rest or a step relative to the chord root
    rhythm = rng.random(8) < (0.75 if busy else 0.5)
    rhythm[0] = True
    motif = rng.choice([0, 2, 4, 1, 2, 4, 5, 7], size=8)
    lead_gain, bass_gain = 0.22, 0.3
    for bar in range(bars):
        t0 = bar * 4 * beat
        root_deg = prog[bar % len(prog)]
        root = _scale_note(tonic - 24, chord_scale, root_deg)
        # bass: on the roots, pulsing eighths for busy moods, halves for calm ones
        if busy:
            for k in range(8):
                m = root + (12 if k % 4 == 2 else 0)
                note("bass", t0 + k * eighth, bar * 8 + k, m, eighth * 0.9, _hz(m), "triangle", bass_gain)
        else:
            for k in range(2):
                note("bass", t0 + k * 2 * beat, bar * 8 + 4 * k, root, 2 * beat * 0.95, _hz(root), "triangle", bass_gain,
                     release=0.08)
        # chord tones arpeggiated softly in sixteenths for calm moods, where the melody is sparse
        if not busy:
            chord = [_scale_note(tonic, chord_scale, root_deg + d) for d in (0, 2, 4, 7)]
            for k in range(16):
                note("arp", t0 + k * beat / 4, bar * 8 + k / 2, chord[k % 4], beat / 4 * 0.9, _hz(chord[k % 4]), "sine", 0.08,
                     release=0.02)
        # melody: the motif follows the chord; every other bar varies a note, phrase ends land on the root
        notes = motif.copy()
        if bar % 2 == 1:
            j = int(rng.integers(1, 8))
            notes[j] = notes[j] + int(rng.choice([-1, 1, 2]))
        for k in range(8):
            if not rhythm[k] and not (bar % 4 == 3 and k == 6):
                continue
            deg = root_deg + int(notes[k])
            if bar % 4 == 3 and k >= 6:
                deg = root_deg + (0 if k == 6 else 2)  # the cadence: land on the root
            midi = _scale_note(tonic, mel_scale, deg * len(mel_scale) // 7) if scale_name == "pentatonic" else _scale_note(tonic, chord_scale, deg)
            length = eighth * (1.8 if k + 1 < 8 and not rhythm[(k + 1)] else 0.9)
            length = min(length, (8 - k) * eighth - 0.002)
            note("lead", t0 + k * eighth, bar * 8 + k, midi, length, _hz(midi), wave, lead_gain, duty=0.25 if busy else 0.5,
                 release=0.04)
        # drums: kick on 1 and 3 (every beat when busy), snare on 2 and 4 when busy, hats on eighths
        for b in range(4):
            if b % 2 == 0 or (busy and mood in ("upbeat", "heroic")):
                events.append(NoteEvent("kick", t0 + b * beat, bar * 8 + 2 * b, None, gain=0.5))
            if busy and b % 2 == 1:
                note("snare", t0 + b * beat, bar * 8 + 2 * b, None, 0.12, 0.0, "noise", 0.18, attack=0.001, release=0.03,
                     decay=0.05)
        for k in range(8):
            note("hat", t0 + k * eighth, bar * 8 + k, None, 0.04, 0.0, "hiss", 0.07 if k % 2 else 0.11, attack=0.001,
                 release=0.01, decay=0.012)
    return Score(bpm=bpm, bars=bars, rate=rate, frames=frames, seconds=seconds, mood=mood, scale=scale_name,
                 key=str(params.get("key", "C")), events=tuple(events), noise=noise)


def render(sc: Score) -> np.ndarray:
    """The score's samples: every event mixed in the score's order, normalised, the seam guarded."""
    track = _Track(sc.frames, sc.rate, sc.noise)
    for e in sc.events:
        if e.voice == "kick":
            track.kick(e.start, e.gain)
        else:
            track.note(e.start, e.dur, e.freq, e.wave, e.gain, duty=e.duty, attack=e.attack, release=e.release, decay=e.decay)
    x = track.buf
    peak = float(np.max(np.abs(x)))
    if peak > 1e-9:
        x = x * (0.85 / peak)
    # the loop's own ends: every note already ends at zero; a few samples of fade guard the seam
    edge = max(2, sc.rate // 1000)
    x[:edge] *= np.linspace(0.0, 1.0, edge)
    x[-edge:] *= np.linspace(1.0, 0.0, edge)
    return x


def music(params: dict, seed: int) -> tuple[bytes, dict]:
    sc = score(params, seed)
    x = render(sc)
    meta = {"seconds": round(sc.frames / sc.rate, 4), "loop": True, "bpm": sc.bpm, "key": sc.key,
            "scale": sc.scale, "bars": sc.bars, "rate": sc.rate, "mood": sc.mood}
    return encode_wav(x, sc.rate), meta


GENERATORS = {"sfx": sfx, "music": music}


def generate(job: AssetJob) -> Asset:
    """Run the generator for the job's kind and wrap its WAV as an Asset."""
    if job.kind not in GENERATORS:
        raise ValueError(f"Sonata cannot make assets of kind {job.kind!r}; it makes {sorted(GENERATORS)}")
    data, meta = GENERATORS[job.kind](job.params, job.seed)
    return Asset.made_by(job, "audio/wav", data, meta)
