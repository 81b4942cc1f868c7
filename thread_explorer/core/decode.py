"""Read input bytes and turn them into text by one documented rule, refusing binary data with a clear message.

Decoding rule (in this order):

1. A byte-order mark decides: UTF-32 (LE/BE), UTF-8, UTF-16 (LE/BE). The mark is removed; bytes that are not
   valid in the announced encoding become U+FFFD.
2. Without a mark, the data is binary, and refused, when the first 8 KiB hold a NUL byte or more than 5% of
   them are control bytes that text does not use (below 0x20 other than tab, newline, carriage return, form
   feed, vertical tab, backspace and escape; and DEL).
3. Data that is valid UTF-8 is UTF-8.
4. Anything else is Windows-1252 (the usual encoding of Western pages saved on Windows, a superset of the
   printable part of Latin-1); the five bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D)
   decode as their Latin-1 code points. This step never fails.

Line ends are then normalised: CRLF and lone CR become LF.
"""

from __future__ import annotations

import codecs

from .errors import InputError

SNIFF_BYTES = 8192
CONTROL_SHARE = 0.05
# Control bytes that turn up in real text files and so do not count as a sign of binary data.
TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\b\x1b")
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _cp1252_table() -> str:
    """Windows-1252 as a 256-character decoding table, undefined bytes mapped to their Latin-1 code points."""
    chars = []
    for byte in range(256):
        try:
            chars.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            chars.append(chr(byte))
    return "".join(chars)


CP1252_TABLE = _cp1252_table()


def looks_binary(data: bytes) -> bool:
    """True when the start of BOM-less data holds a NUL byte or too many control bytes to be text."""
    sample = data[:SNIFF_BYTES]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if (byte < 0x20 and byte not in TEXT_CONTROLS) or byte == 0x7F)
    return controls > CONTROL_SHARE * len(sample)


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_bytes(data: bytes, *, name: str | None = None) -> str:
    """Text from bytes by the module's rule; binary data raises InputError (prefixed with `name` if given)."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return normalise_newlines(data[len(bom) :].decode(encoding, errors="replace"))
    if looks_binary(data):
        prefix = f"{name}: " if name else ""
        raise InputError(f"{prefix}looks like binary data, not text")
    return normalise_newlines(utf8_or_cp1252(data))


def utf8_or_cp1252(data: bytes) -> str:
    """Bytes with no declared charset: UTF-8 when valid, else Windows-1252 (step 3 and 4 of the rule above)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return codecs.charmap_decode(data, "strict", CP1252_TABLE)[0]
