"""16-bit mono PCM WAV writing and reading, deterministic (no timestamps in the format)."""

from __future__ import annotations

import io
import wave

import numpy as np


def encode_wav(samples: np.ndarray, rate: int = 22050) -> bytes:
    """Write float samples in [-1, 1] as 16-bit mono PCM; values outside are clipped, not wrapped."""
    x = np.nan_to_num(np.asarray(samples, dtype=np.float64).ravel())
    pcm = np.round(np.clip(x, -1.0, 1.0) * 32767.0).astype("<i2")
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(int(rate))
        w.writeframes(pcm.tobytes())
    return buf.getvalue()


def wav_info(data: bytes) -> dict:
    """Rate, frame count and duration of a WAV; raises wave.Error on a file that isn't one."""
    with wave.open(io.BytesIO(data), "rb") as w:
        rate, frames = w.getframerate(), w.getnframes()
        return {"rate": rate, "frames": frames, "seconds": frames / rate if rate else 0.0,
                "channels": w.getnchannels(), "sampwidth": w.getsampwidth()}


def decode_wav(data: bytes) -> np.ndarray:
    """16-bit PCM WAV back to floats in [-1, 1] (mono, or the first channel)."""
    with wave.open(io.BytesIO(data), "rb") as w:
        if w.getsampwidth() != 2:
            raise ValueError("decode_wav reads 16-bit PCM only")
        ch = w.getnchannels()
        pcm = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
    return pcm[::ch].astype(np.float64) / 32767.0
