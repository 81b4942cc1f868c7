"""Decoding rule and file reading: what users get from other encodings, binary files and bad paths."""

from __future__ import annotations

import codecs
import os
import sys

import pytest

from thread_explorer.core.decode import decode_bytes
from thread_explorer.core.errors import InputError
from thread_explorer.core.files import read_bytes, read_text
from thread_explorer.core.textsafe import one_line, printable

TEXT = "Café “quoted” — naïve\nIn reply to Armenia is looking to be a… by Usura\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"),
        codecs.BOM_UTF32_BE + TEXT.encode("utf-32-be"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"],
)
def test_unicode_encodings_decode_to_the_same_text_without_bom(data: bytes) -> None:
    assert decode_bytes(data) == TEXT


def test_windows_1252_is_the_fallback_for_invalid_utf8() -> None:
    data = "Café “quoted” – naïve €5".encode("cp1252")
    assert decode_bytes(data) == "Café “quoted” – naïve €5"


def test_bytes_undefined_in_windows_1252_decode_as_latin1_and_never_fail() -> None:
    data = bytes(range(0x20, 0x100))
    text = decode_bytes(data)
    assert len(text) == len(data)
    assert text[0x81 - 0x20] == "\x81" and text[0x9D - 0x20] == "\x9d"
    assert text[0x80 - 0x20] == "€"


def test_crlf_and_lone_cr_become_newlines() -> None:
    assert decode_bytes(b"one\r\ntwo\rthree\n\r\nfour") == "one\ntwo\nthree\n\nfour"
    assert decode_bytes(codecs.BOM_UTF16_LE + "a\r\nb".encode("utf-16-le")) == "a\nb"


def test_empty_input_is_empty_text() -> None:
    assert decode_bytes(b"") == ""
    assert decode_bytes(codecs.BOM_UTF8) == ""


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"text then a NUL \x00 byte",
        bytes([1, 2, 3, 4, 5, 6, 7, 14, 15, 16]) * 20,
        bytes(range(256)) * 40,
    ],
    ids=["png", "nul", "controls", "all-bytes"],
)
def test_binary_data_is_refused_with_one_line(data: bytes) -> None:
    with pytest.raises(InputError) as caught:
        decode_bytes(data, name="pic.png")
    assert str(caught.value) == "pic.png: looks like binary data, not text"


def test_text_with_a_few_escape_sequences_is_still_text() -> None:
    data = ("plain words " * 50 + "\x1b[31mred\x1b[0m\x07").encode()
    assert "\x1b[31m" in decode_bytes(data)


def test_read_bytes_names_the_path_for_each_failure(tmp_path) -> None:
    missing = tmp_path / "nope.txt"
    with pytest.raises(InputError, match=r"nope.txt: no such file$"):
        read_bytes(str(missing))
    with pytest.raises(InputError, match=r"is a directory, not a file$"):
        read_bytes(str(tmp_path))
    with pytest.raises(InputError, match="no file name"):
        read_bytes("")


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="permissions need a non-root POSIX user"
)
def test_unreadable_file_is_an_input_error(tmp_path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("secret")
    locked.chmod(0)
    with pytest.raises(InputError, match=r"locked.txt: permission denied$"):
        read_bytes(str(locked))


def test_read_text_decodes_and_prefixes_binary_errors_with_the_path(tmp_path) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes("naïve\r\n".encode("cp1252"))
    assert read_text(str(page)) == "naïve\n"
    blob = tmp_path / "blob.bin"
    blob.write_bytes(b"\x00\x01\x02")
    with pytest.raises(InputError, match=r"blob.bin: looks like binary data"):
        read_text(str(blob))


def test_printable_shows_control_characters_and_keeps_newlines_and_tabs() -> None:
    shown = printable("red \x1b[31mtext\x1b[0m\a\x7f\x9b2J\tend\nnext\r")
    assert "\x1b" not in shown and "\x07" not in shown and "\x9b" not in shown and "\x7f" not in shown
    assert shown == "red ␛[31mtext␛[0m␇␡␦2J\tend\nnext␍"
    assert len(shown) == len("red \x1b[31mtext\x1b[0m\a\x7f\x9b2J\tend\nnext\r")


def test_one_line_collapses_white_space_after_making_it_printable() -> None:
    assert one_line("a\n\n b\t\x1b[2J c ") == "a b ␛[2J c"
