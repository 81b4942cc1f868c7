"""Mutations for the hostile fuzzer: each takes the input's bytes and a seeded Random and returns new bytes.

Byte-level (any input, compressed and Parquet files too): flip, cut, splice, repeat. Text-level (inputs that
decode as UTF-8): control and bidi characters, lone surrogates (escaped for JSON, as raw UTF-8 bytes otherwise),
NaN, infinities and huge numbers in place of numbers. JSON-level (inputs that parse): values swapped for values
of the wrong type.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable

Mutation = Callable[[bytes, random.Random, bytes], bytes]  # (data, rng, another input for splicing)

NASTY_TEXT = [
    "\x1b]0;pwned\x07", "\x1b]52;c;cm0gLXJmIH4K\x07", "\x1b[2J", "\x9b31m", "\u202e", "\u2066", "\u200b",
    "\ufeff", "\x00", "\r", "\x0c", "\u2028", "In reply to x by y\n", "[bold]", "[@click=app.quit]", "\n# H\n",
    "\udcff", "\ud800",
]  # fmt: skip
NASTY_NUMBERS = ["NaN", "Infinity", "-Infinity", "1e999", "-1e999", "9" * 5000, "1" * 400, "-0", "1e308", "0.5",
                 "-1", "18446744073709551617", "1e-400", "100000000000000"]  # fmt: skip
WRONG_VALUES: list[object] = [
    None,
    True,
    0,
    -1,
    1.5,
    "",
    "x",
    [],
    {},
    [1, 2],
    {"a": 1},
    [[[]]],
    "\x1b]0;t\x07",
]
NUMBER = re.compile(rb"(?<![\w.])-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?(?![\w.])")


def flip(data: bytes, rng: random.Random, _: bytes) -> bytes:
    """A few bytes flipped at random positions."""
    out = bytearray(data or b"\0")
    for _ in range(rng.randint(1, 8)):
        at = rng.randrange(len(out))
        out[at] ^= 1 << rng.randrange(8)
    return bytes(out)


def cut(data: bytes, rng: random.Random, _: bytes) -> bytes:
    """The input cut off at a random point (a truncated download), or with a random middle part removed."""
    if len(data) < 2:
        return b""
    at = rng.randrange(len(data))
    if rng.random() < 0.5:
        return data[:at]
    end = min(len(data), at + rng.randint(1, 4096))
    return data[:at] + data[end:]


def splice(data: bytes, rng: random.Random, other: bytes) -> bytes:
    """Part of another input inserted at a random point (or replacing the tail)."""
    if not other:
        return data
    start = rng.randrange(len(other))
    piece = other[start : start + rng.randint(1, 8192)]
    at = rng.randrange(len(data) + 1)
    return data[:at] + piece + (data[at:] if rng.random() < 0.7 else b"")


def repeat(data: bytes, rng: random.Random, _: bytes) -> bytes:
    """A slice repeated many times (duplicate records, long runs of white space, wide threads)."""
    if not data:
        return b" " * 10_000
    start = rng.randrange(len(data))
    piece = data[start : start + rng.randint(1, 200)]
    times = rng.randint(2, max(2, 200_000 // max(1, len(piece))))
    return data[:start] + piece * times + data[start:]


def nasty_text(data: bytes, rng: random.Random, _: bytes) -> bytes:
    """Control, escape, bidi and zero-width characters (and lone surrogates) inserted; JSON-escaped inside JSON."""
    text = data.decode("utf-8", errors="surrogateescape")
    is_json = text.lstrip()[:1] in ("{", "[")
    for _ in range(rng.randint(1, 6)):
        nasty = rng.choice(NASTY_TEXT)
        if is_json:
            quotes = [m.end() for m in re.finditer(r'"', text[:200_000])]
            if quotes:
                at = rng.choice(quotes[::2]) if len(quotes) > 1 else quotes[0]
                text = text[:at] + json.dumps(nasty)[1:-1] + text[at:]
                continue
        at = rng.randrange(len(text) + 1)
        text = text[:at] + nasty + text[at:]
    return text.encode("utf-8", errors="surrogatepass")


def nasty_number(data: bytes, rng: random.Random, _: bytes) -> bytes:
    """Numbers replaced by NaN, infinities, 1e999, 5,000-digit integers and other numbers readers choke on."""
    matches = list(NUMBER.finditer(data[:500_000]))
    if not matches:
        return data + b" " + rng.choice(NASTY_NUMBERS).encode()
    out = data
    for match in sorted(rng.sample(matches, min(len(matches), rng.randint(1, 5))), key=lambda m: -m.start()):
        out = out[: match.start()] + rng.choice(NASTY_NUMBERS).encode() + out[match.end() :]
    return out


def wrong_types(data: bytes, rng: random.Random, other: bytes) -> bytes:
    """JSON values (in objects and lists, at any depth) swapped for values of another type."""
    try:
        text = data.decode("utf-8")
        lines = [json.loads(text)] if not text.lstrip().startswith("{") or "\n{" not in text else None
        if lines is None:
            lines = [json.loads(line) for line in text.splitlines() if line.strip()]
    except (ValueError, RecursionError):
        return flip(data, rng, other)
    containers: list[dict[str, object] | list[object]] = []
    stack: list[object] = list(lines)
    while stack and len(containers) < 50_000:
        item = stack.pop()
        if isinstance(item, (dict, list)):
            containers.append(item)
            stack.extend(item.values() if isinstance(item, dict) else item)
    for _ in range(rng.randint(1, 6)):
        if not containers:
            break
        target = rng.choice(containers)
        value = rng.choice(WRONG_VALUES)
        if isinstance(target, dict) and target:
            target[rng.choice(list(target))] = value
        elif isinstance(target, list) and target:
            target[rng.randrange(len(target))] = value
    try:
        if len(lines) == 1:
            return json.dumps(lines[0], ensure_ascii=rng.random() < 0.5).encode(
                "utf-8", errors="surrogatepass"
            )
        return "\n".join(json.dumps(line) for line in lines).encode("utf-8", errors="surrogatepass")
    except RecursionError:  # nested too deeply to write back with json: keep it as it was
        return data


MUTATIONS: dict[str, Mutation] = {
    "flip": flip,
    "cut": cut,
    "splice": splice,
    "repeat": repeat,
    "nasty_text": nasty_text,
    "nasty_number": nasty_number,
    "wrong_types": wrong_types,
}
