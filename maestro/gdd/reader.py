"""Read a GDD's bytes into clean text, or refuse with a GDDError that says what to do.

``MAX_GDD_BYTES`` (256 KiB) is the largest GDD accepted. A design document is prose:
a long one is 30-60 KiB, so anything past 256 KiB is almost surely not a GDD (a log, a
dump, an export with embedded images) and would only slow every stage after this one.

Decoding order: UTF-8 (BOM or not), UTF-16 with a BOM, then cp1252 / latin-1, which
accepts any byte, so a Windows-written file still reads instead of failing.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from maestro.errors import GDDError

MAX_GDD_BYTES = 256 * 1024

# Signatures of files people upload by mistake instead of their markdown.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.odt)"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"\x7fELF", "an ELF executable"),
    (b"MZ", "a Windows executable"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (.doc)"),
    (b"RIFF", "a RIFF media file (WAV/AVI/WebP)"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
    (b"\x00asm", "a WebAssembly module"),
)

_HINT_TEXT = "Save the GDD as plain text or markdown (.md, .txt) and try again."


def _human_size(n: int) -> str:
    return f"{n / 1024:.1f} KiB" if n >= 1024 else f"{n} bytes"


def _check_magic(data: bytes, source: str) -> None:
    for magic, what in _MAGIC:
        # "MZ" alone is two letters a text could start with; demand a NUL soon after.
        if data.startswith(magic) and (magic != b"MZ" or b"\x00" in data[:64]):
            raise GDDError(f"{source} looks like {what}, not a text document.", _HINT_TEXT)


def _decode(data: bytes, source: str) -> str:
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8):].decode("utf-8")
        except UnicodeDecodeError as err:
            raise GDDError(f"{source} starts with a UTF-8 mark but is not valid UTF-8 ({err.reason} at byte {err.start}).", "Re-save it as UTF-8.") from None
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise GDDError(f"{source} starts with a UTF-16 mark but cannot be decoded ({err.reason}).", "Re-save it as UTF-8.") from None
    if b"\x00" in data:
        raise GDDError(f"{source} contains NUL bytes: it is binary data, not a text document.", _HINT_TEXT)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 maps every byte.
        return data.decode("latin-1")


def _check_text(text: str, source: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise GDDError(f"{source} contains invalid characters (lone UTF-16 surrogates).", "Re-save it as UTF-8.") from None
    if "\x00" in text:
        raise GDDError(f"{source} contains NUL characters: it is binary data, not a text document.", _HINT_TEXT)
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v" or 0x7F <= ord(ch) < 0xA0)
    if sample and controls / len(sample) > 0.05:
        raise GDDError(
            f"{source} looks like binary data ({controls} control characters in its first {len(sample)}).", _HINT_TEXT
        )


def read_gdd_bytes(data: bytes, source: str = "GDD") -> str:
    """Decode a GDD upload; raise GDDError (one actionable line) when it is not usable text."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise GDDError(f"{source} must be bytes, got {type(data).__name__}.", "Pass the file's raw bytes.")
    data = bytes(data)
    if len(data) > MAX_GDD_BYTES:
        raise GDDError(
            f"{source} is {_human_size(len(data))}; the limit is {_human_size(MAX_GDD_BYTES)}.",
            "Shorten the GDD (remove embedded images, logs or appendices) and try again.",
        )
    if not data.strip():
        raise GDDError(f"{source} is empty.", "Write the game design in it (title, genre, gameplay) and try again.")
    _check_magic(data, source)
    text = _decode(data, source)
    _check_text(text, source)
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        raise GDDError(f"{source} is empty (only whitespace).", "Write the game design in it and try again.")
    return text


def read_gdd_file(path: str | Path) -> str:
    """Read and decode a GDD file from disk (see ``read_gdd_bytes``)."""
    p = Path(path)
    if not p.exists():
        raise GDDError(f"GDD file not found: {p}.", "Check the path and try again.")
    if p.is_dir():
        raise GDDError(f"{p} is a directory, not a GDD file.", "Pass the path of the .md or .txt file inside it.")
    try:
        size = p.stat().st_size
        if size > MAX_GDD_BYTES:
            raise GDDError(
                f"{p.name} is {_human_size(size)}; the limit is {_human_size(MAX_GDD_BYTES)}.",
                "Shorten the GDD (remove embedded images, logs or appendices) and try again.",
            )
        with p.open("rb") as fh:
            data = fh.read(MAX_GDD_BYTES + 1)
    except OSError as err:
        raise GDDError(f"Cannot read {p}: {err.strerror or err}.", "Check the file's permissions and try again.") from None
    return read_gdd_bytes(data, source=p.name)
