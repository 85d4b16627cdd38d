"""The GDD reader: every bad input gets a clear GDDError; every good encoding reads."""

from __future__ import annotations

import codecs

import pytest

from maestro.errors import GDDError
from maestro.gdd import MAX_GDD_BYTES, read_gdd_bytes, read_gdd_file

GOOD = "# Café Quest\n\nThe player collects coins — naïve ñandú.\r\nSecond line.\rThird line.\n"


def test_missing_file(tmp_path):
    with pytest.raises(GDDError, match="not found"):
        read_gdd_file(tmp_path / "nope.md")


def test_directory(tmp_path):
    with pytest.raises(GDDError, match="directory"):
        read_gdd_file(tmp_path)


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  "])
def test_empty_or_whitespace(data):
    with pytest.raises(GDDError, match="empty"):
        read_gdd_bytes(data)


def test_bom_only_is_empty():
    with pytest.raises(GDDError, match="empty"):
        read_gdd_bytes(codecs.BOM_UTF8 + b"  \n")


def test_over_size_limit_says_limit_and_size(tmp_path):
    data = b"a" * (MAX_GDD_BYTES + 10 * 1024)
    with pytest.raises(GDDError) as err:
        read_gdd_bytes(data, source="big.md")
    assert "big.md is 266.0 KiB" in str(err.value) and "limit is 256.0 KiB" in str(err.value)
    p = tmp_path / "big.md"
    p.write_bytes(data)
    with pytest.raises(GDDError, match="limit is 256.0 KiB"):
        read_gdd_file(p)


def test_exactly_at_size_limit_is_accepted():
    assert len(read_gdd_bytes(b"a" * MAX_GDD_BYTES)) == MAX_GDD_BYTES


@pytest.mark.parametrize(
    "data, what",
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "PNG"),
        (b"PK\x03\x04" + b"rest of zip", "ZIP"),
        (b"%PDF-1.7\n%...", "PDF"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 9, "ELF"),
    ],
)
def test_binary_magic_numbers(data, what):
    with pytest.raises(GDDError, match=what):
        read_gdd_bytes(data)


def test_nul_bytes_are_binary():
    with pytest.raises(GDDError, match="NUL"):
        read_gdd_bytes(b"# Title\nsome text\x00\x00 more")


def test_many_control_characters_are_binary():
    data = bytes(range(1, 9)) * 50 + b"text"
    with pytest.raises(GDDError, match="binary"):
        read_gdd_bytes(data)


def test_utf8_plain_and_newlines_normalised():
    text = read_gdd_bytes(GOOD.encode("utf-8"))
    assert "\r" not in text
    assert text.splitlines()[0] == "# Café Quest"
    assert "naïve ñandú" in text and "Third line." in text


def test_utf8_bom_is_stripped():
    text = read_gdd_bytes(codecs.BOM_UTF8 + GOOD.encode("utf-8"))
    assert text.startswith("# Café Quest")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec):
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    text = read_gdd_bytes(bom + GOOD.encode(codec))
    assert text.startswith("# Café Quest") and "ñandú" in text


def test_latin1_file_falls_back(tmp_path):
    # Written from the test so no latin-1 bytes are committed to the repo.
    p = tmp_path / "latin.md"
    p.write_bytes("# Aventura en el Castillo\n\nEl jugador recoge monedas de oro. Niño, corazón, €5.\n".encode("cp1252"))
    text = read_gdd_file(p)
    assert "Niño, corazón" in text and "€5" in text


def test_invalid_utf8_after_bom_is_an_error():
    with pytest.raises(GDDError, match="UTF-8"):
        read_gdd_bytes(codecs.BOM_UTF8 + b"abc \xff\xfe\xfd")


def test_lone_surrogate_in_utf16_is_rejected():
    data = codecs.BOM_UTF16_LE + "ok ".encode("utf-16-le") + b"\x00\xd8" + "x".encode("utf-16-le")
    with pytest.raises(GDDError):
        read_gdd_bytes(data)


def test_not_bytes_is_an_error():
    with pytest.raises(GDDError, match="bytes"):
        read_gdd_bytes("a string")  # type: ignore[arg-type]


def test_error_message_says_what_to_do():
    with pytest.raises(GDDError) as err:
        read_gdd_bytes(b"%PDF-1.4")
    assert "Save the GDD as plain text" in str(err.value)
    assert err.value.exit_code == 2
