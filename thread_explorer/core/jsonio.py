"""The JSON codec every format shares: one-line errors with line and column, and a non-recursive parser and
writer, so that documents nested deeper than Python's recursion limit (long reply chains) still load and export.

Writing uses orjson (the `fast` extra) for every value it writes byte for byte as the pure-Python writer here
does, and that writer for the rest: nesting past orjson's 255 levels (or past MAX_INDENT_LEVEL), NaN and
infinities, integers past 64 bits, floats orjson spells differently (below 1e-4 or from 1e16 up), text orjson
refuses (lone surrogates).

Output is indented by 2 down to MAX_INDENT_LEVEL levels of nesting (64 reply levels of an export); a container
that deep or deeper is written compact (`{"id":"c70","replies":[...]}`: no newline, no space), so a reply
chain 100,000 deep is linear in size rather than a line of 256 spaces per field. Shallower documents are
exactly `json.dumps(value, ensure_ascii=False, indent=2)`; either way the text reads back to the same value.

Reading stays `json.loads`: orjson reads integers past 64 bits as floats, silently, and was only about 20%
faster once the collector is paused. A document too deep for it is read by loads_iterative, which still hands
all it can to json's C scanner: windows of up to MAX_WINDOW levels at a time, and flat stretches.

Reading is strict where Python's json is lenient, so that no reader meets a value it cannot use: `NaN`,
`Infinity` and numbers too large for a float (`1e999`) are refused as not valid JSON (they are not JSON), and so
are integers of more than MAX_DIGITS digits; a lone surrogate escape (`"\\ud800"`, not a character) becomes
U+FFFD, as undecodable bytes do, so the text can always be written out again.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Iterator
from json.decoder import scanstring  # type: ignore[attr-defined]  # public in CPython, absent from typeshed
from json.encoder import encode_basestring
from typing import Any

from .errors import InputError, prefixed

try:  # the `fast` extra; without it every value goes through the pure-Python writer below
    import orjson
except ImportError:  # pragma: no cover - exercised by the fallback tests via FAST = False
    orjson = None  # type: ignore[assignment]

_WS = re.compile(r"[ \t\n\r]*")
_END = object()  # end-of-iterator marker for dumps
MAX_INDENT_LEVEL = 128  # containers this many JSON levels deep (two per reply level) are written compact
MAX_DIGITS = 4300  # Python's own limit on converting digits to an int (sys.get_int_max_str_digits default)
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_SURROGATE_ESCAPE_BYTES = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_SURROGATE = re.compile("[\ud800-\udfff]")


class _NotJson(ValueError):
    """A number JSON cannot hold, met by a parse hook (the iterative parser then finds where it is)."""


def _refuse_constant(word: str) -> Any:
    raise _NotJson(f"{word} is not a JSON number")


def _finite_float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise _NotJson(f"the number {text[:20]} is too large")
    return value


def _where_refused(text: str, message: str) -> json.JSONDecodeError:
    """The error for a value the fast parser's hooks refused, with its line and column: the iterative parser
    (linear, and only run on this error path) refuses the same values and knows where it is."""
    try:
        loads_iterative(text)
    except json.JSONDecodeError as error:
        return error
    return json.JSONDecodeError(message, text, 0)  # pragma: no cover - both parsers refuse the same values


def without_surrogates(value: Any) -> Any:
    """The parsed value with every lone surrogate in its strings (keys too) replaced by U+FFFD (no recursion)."""

    def clean(item: Any) -> Any:
        return _SURROGATE.sub("\ufffd", item) if isinstance(item, str) else item

    root = [clean(value)]
    stack: list[Any] = [root[0]]
    while stack:
        container = stack.pop()
        if isinstance(container, dict):
            items = [(clean(k), clean(v)) for k, v in container.items()]
            container.clear()
            container.update(items)
            stack.extend(v for _, v in items if isinstance(v, (dict, list)))
        elif isinstance(container, list):
            container[:] = [clean(v) for v in container]
            stack.extend(v for v in container if isinstance(v, (dict, list)))
    return root[0]


def loads(text: str, source: str = "") -> Any:
    """json.loads with InputError("SOURCE: not valid JSON: line L column C: ...") and no depth limit."""
    try:
        return loads_raw(text)
    except json.JSONDecodeError as error:
        raise json_error(error, source) from None


def loads_raw(text: str) -> Any:
    """json.loads made strict (see the module docstring), falling back to the iterative parser when the nesting is
    too deep for recursion; JSONDecodeError for anything that is not JSON."""
    try:
        try:
            value = json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)
        except RecursionError:
            value = loads_iterative(text)
    except json.JSONDecodeError:
        raise
    except (
        ValueError
    ) as refused:  # NaN, Infinity, 1e999 (_NotJson), or int(): more digits than Python converts
        raise _where_refused(text, str(refused)) from None
    return without_surrogates(value) if has_surrogate_escape(text) else value


_EXACT = 1 << 53  # integers below this in size are floats exactly


def number_or_none(value: Any) -> float | None:
    """A JSON number (not a boolean) as a float; None for anything else and for an integer no float holds (a
    400-digit time): readers use it for times, scores and counts, so such a value is left out, never a crash."""
    if type(value) is float:  # the usual cases, first
        return value if math.isfinite(value) else None
    if type(value) is int and -_EXACT < value < _EXACT:  # (an integer a float holds)
        return float(value)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def has_surrogate_escape(text: str | bytes) -> bool:
    """Whether JSON text holds a `\\uD800`-`\\uDFFF` escape (a parse may then hold lone surrogates)."""
    if isinstance(text, bytes):
        return _SURROGATE_ESCAPE_BYTES.search(text) is not None
    return _SURROGATE_ESCAPE.search(text) is not None


def json_error(error: json.JSONDecodeError, source: str, line: int | None = None) -> InputError:
    """The one-line InputError for a JSON syntax error (`line` overrides the line number, for JSON Lines)."""
    where = f"line {line if line is not None else error.lineno} column {error.colno}"
    # Some of json's messages name the place themselves ("Unterminated string starting at"): the place ends them.
    detail = f"{error.msg} {where}" if error.msg.endswith(" at") else f"{where}: {error.msg}"
    return InputError(prefixed(source, f"not valid JSON: {detail}"))


def _skip(s: str, pos: int) -> int:
    return _WS.match(s, pos).end()  # type: ignore[union-attr]


def _key(s: str, pos: int) -> tuple[str, int]:
    """A property name and its colon; returns the name and the position of the value."""
    if s[pos : pos + 1] != '"':
        raise json.JSONDecodeError("Expecting property name enclosed in double quotes", s, pos)
    key, pos = scanstring(s, pos + 1)
    pos = _skip(s, pos)
    if s[pos : pos + 1] != ":":
        raise json.JSONDecodeError("Expecting ':' delimiter", s, pos)
    return key, _skip(s, pos + 1)


_SCAN_ONCE: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder(
    parse_constant=_refuse_constant, parse_float=_finite_float
).scan_once  # type: ignore[attr-defined]  # the C scanner: one value at a position


def _value(s: str, pos: int) -> tuple[Any, int]:
    """The scalar at pos (string, number, literal), read by json's own scanner so it means what json.loads
    makes of it; containers are never given to it here."""
    try:
        value, end = _SCAN_ONCE(s, pos)
    except StopIteration:
        raise json.JSONDecodeError("Expecting value", s, pos) from None
    except _NotJson as refused:  # NaN, Infinity, 1e999: strict, as loads_raw is
        raise json.JSONDecodeError(str(refused), s, pos) from None
    except json.JSONDecodeError:
        raise
    except ValueError:  # int(): more digits than Python converts
        raise json.JSONDecodeError(f"a number of more than {MAX_DIGITS:,} digits", s, pos) from None
    return value, int(end)


# A container's flat stretch: its members (items) up to the next bracket outside a string, read by json's C
# scanner in one call. The pattern only finds where the stretch ends; the scanner decides what it means and
# refuses what is not JSON (the parser then reads on piece by piece, and places the error as before).
_WS_CHARS = " \t\n\r"  # (and "": a check before skipping white space that may be there)
_OPENING = ("{", "[")
_TO_BRACKET = re.compile(r'[^"\[\]{}]*(?:"[^"\\]*(?:\\.[^"\\]*)*"[^"\[\]{}]*)*', re.DOTALL)
_SCAN_PAIRS: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder(
    parse_constant=_refuse_constant, parse_float=_finite_float, object_pairs_hook=list
).scan_once  # type: ignore[attr-defined]  # an object as its list of (key, value) pairs


def _flat_stretch(s: str, pos: int, container: Any, is_dict: bool) -> tuple[int, str | None, bool] | None:
    """Read a container's scalar members (items) from `pos` (a key, or a value) up to the next bracket into it,
    in one scanner call. Returns the position after them, the key of the container that follows them (an
    object's member; None in a list) and whether they closed the container; None when the scanner refuses the
    stretch (not JSON, or a refused number: the caller then reads on piece by piece, without stretches, so that
    it places the error without scanning the rest again at every value)."""
    first = s[pos : pos + 1]
    if first == "{" or first == "[":  # a list's next item is a container (an object's key cannot be)
        return None if is_dict else (pos, None, False)
    if is_dict and first == '"':  # one key, then a container (`"replies": [`): most stretches of a chain
        try:
            key, after = scanstring(s, pos + 1)
        except ValueError:
            return None
        if s[after : after + 1] in _WS_CHARS:
            after = _skip(s, after)
        if s[after : after + 1] == ":":
            after = _skip(s, after + 1)
            if s[after : after + 1] in _OPENING:
                return after, key, False
    end = _TO_BRACKET.match(s, pos).end()  # type: ignore[union-attr]  # (an empty match at worst)
    bracket = s[end : end + 1]
    try:
        if bracket == ("}" if is_dict else "]"):  # the rest of the container is flat
            text = ("{" if is_dict else "[") + s[pos : end + 1]
            value, stop = _SCAN_ONCE(text, 0)
            if stop != len(text):  # pragma: no cover - the scanner stops at the closing bracket
                return None
            if is_dict:
                container.update(value)
            else:
                container.extend(value)
            return end + 1, None, True
        if bracket not in ("{", "["):  # a closing bracket of the wrong kind, a broken string, the end
            return None
        # the stretch, with a 0 in place of the container at `end` (an object's last pair: that container's key)
        text = ("{" if is_dict else "[") + s[pos:end] + ("0}" if is_dict else "0]")
        value, stop = (_SCAN_PAIRS if is_dict else _SCAN_ONCE)(text, 0)
    except (StopIteration, ValueError):  # not JSON after all, or refused
        return None
    if stop != len(text):  # pragma: no cover - the scanner stops at the closing bracket
        return None
    if is_dict:
        key = value.pop()[0]
        container.update(value)
        return end, key, False
    value.pop()
    container.extend(value)
    return end, None, False


# A window: a container's text up to the opening bracket of a container some levels deeper (at most
# MAX_WINDOW brackets on), read by the C scanner in one call with a NaN in place of that container and the
# brackets still open closed after it; the parser then goes on from that bracket with the open containers on
# its stack. A chain of records costs one scanner call per window instead of per record. The window grows while
# windows are used in full and shrinks when its container ends inside it (a list of small records), so that
# text scanned past the container's end is bounded by what the windows read.
_SEGMENT = (
    r'[^"\[\]{}]*+(?:"[^"\\]*+(?:\\.[^"\\]*+)*+"[^"\[\]{}]*+)*+'  # text up to a bracket outside strings
)
MIN_WINDOW, MAX_WINDOW = 4, 256  # brackets a window may hold (the scanner nests about 1,000 levels)
_WINDOWS = {
    size: re.compile(rf"(?:{_SEGMENT}[\[\]{{}}]){{1,{size}}}{_SEGMENT}(?=[\[{{])", re.DOTALL)
    for size in (4, 16, 64, 256)
}
_STRING = re.compile(r'"[^"\\]*+(?:\\.[^"\\]*+)*+"', re.DOTALL)
_NOT_BRACKETS = str.maketrans(
    "", "", " \t\n\r0123456789+-.eEtruefalsn,:"
)  # all else JSON has outside strings
_ONLY_BRACKETS = re.compile(r"[\[\]{}]*")
_OPENER_OF = {"}": "{", "]": "["}
_CLOSER_OF = {"{": "}", "[": "]"}
_CUT = object()  # what the NaN at a window's end parses to


def _cut_constant(word: str) -> Any:
    if word == "NaN":
        return _CUT
    raise _NotJson(f"{word} is not a JSON number")


_SCAN_CUT: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder(
    parse_constant=_cut_constant, parse_float=_finite_float
).scan_once  # type: ignore[attr-defined]
_REFUSED = object()  # _window's answer for a window the scanner refuses (or that does not read back whole)


def _window(s: str, pos: int, size: int) -> Any:
    """Read the window of `size` brackets from the container opening at `pos`: (the container, the position
    after it, None) when it ends inside the window; (the outermost container, the position of the deeper
    container's bracket, the parser frames of the open containers, outermost first) when it does not; None when
    no bracket opens within the window, or a key given twice hides the way down (the caller reads the container
    by stretches); _REFUSED when the window is not JSON (the caller then reads on piece by piece, to place the
    error, without windows or stretches)."""
    match = _WINDOWS[size].match(s, pos)
    if match is None:
        return None
    cut = match.end()
    text = s[pos:cut]
    # the brackets outside strings: every quote is a string's end when none follows a backslash
    outside = _STRING.sub("", text) if '\\"' in text else "".join(text.split('"')[::2])
    brackets = outside.translate(_NOT_BRACKETS)
    if _ONLY_BRACKETS.fullmatch(brackets) is None:  # NaN, Infinity, a stray character: the careful reading
        return _REFUSED
    opened: list[str] = []
    if "}" in brackets or "]" in brackets:
        for bracket in brackets:
            if bracket == "{" or bracket == "[":
                opened.append(bracket)
            elif not opened or opened.pop() != _OPENER_OF[bracket]:
                return _REFUSED
            elif not opened:  # the container ends inside the window: read it alone
                try:
                    value, end = _SCAN_ONCE(s, pos)
                except (StopIteration, ValueError, RecursionError):
                    return _REFUSED
                return value, end, None
    else:
        opened = list(brackets)
    text += "NaN" + "".join(_CLOSER_OF[bracket] for bracket in reversed(opened))
    try:
        value, end = _SCAN_CUT(text, 0)
    except (StopIteration, ValueError, RecursionError):
        return _REFUSED
    if end != len(text):
        return _REFUSED
    frames: list[list[Any]] = []
    node = value
    append = frames.append
    for bracket in opened:  # down the open containers, each the last member (item) of the one before
        kind = type(node)
        if kind is dict and bracket == "{" and node:
            key = next(reversed(node))
            append([node, key, True])
            node = node.pop(key)  # attached again when it closes, in the same (last) place
        elif kind is list and bracket == "[" and node:
            append([node, None, False])
            node = node.pop()
        else:  # a key given twice (its first place is not the last): this container by stretches
            return None
    return (value, cut, frames) if node is _CUT else None


def loads_iterative(s: str) -> Any:
    """A JSON parser with an explicit stack instead of recursion (used for documents too deep for json.loads):
    containers are opened and closed here; their flat stretches (see _flat_stretch) and every scalar are read
    by json's C scanner, so a chain of records costs a few scanner calls per record."""
    skip = _WS.match
    stack: list[list[Any]] = []  # [container, pending key, is a dict]
    pos = skip(s, 0).end()  # type: ignore[union-attr]
    value: Any
    stretches = True  # until the scanner refuses one (then windows are not used either)
    size = MIN_WINDOW
    while True:
        char = s[pos : pos + 1]
        whole = False  # whether a window read the container at pos whole
        if (char == "{" or char == "[") and stretches:
            window = _window(s, pos, size)
            if window is _REFUSED:
                stretches = False
            elif window is not None:
                value, pos, frames = window
                if frames is not None:
                    size = min(size * 4, MAX_WINDOW)
                    stack += frames
                    continue
                size = max(size // 4, MIN_WINDOW)
                whole = True
            else:
                size = max(size // 4, MIN_WINDOW)
        if whole:
            pass
        elif char == "{" or char == "[":
            is_dict = char == "{"
            pos = skip(s, pos + 1).end()  # type: ignore[union-attr]
            value = {} if is_dict else []
            if s[pos : pos + 1] == ("}" if is_dict else "]"):
                pos += 1
            else:
                read = _flat_stretch(s, pos, value, is_dict) if stretches else None
                if read is None:
                    stretches = False
                    key, pos = _key(s, pos) if is_dict else (None, pos)
                    stack.append([value, key, is_dict])
                    continue
                pos, key, closed = read
                if not closed:
                    stack.append([value, key, is_dict])
                    continue
        else:
            value, pos = _value(s, pos)
        while True:  # attach the finished value; close every container that ends here
            if not stack:
                pos = skip(s, pos).end()  # type: ignore[union-attr]
                if pos != len(s):
                    raise json.JSONDecodeError("Extra data", s, pos)
                return value
            frame = stack[-1]
            container, _, is_dict = frame
            if is_dict:
                container[frame[1]] = value
            else:
                container.append(value)
            char = s[pos : pos + 1]
            if char in _WS_CHARS:  # (white space, or the end)
                pos = skip(s, pos).end()  # type: ignore[union-attr]
                char = s[pos : pos + 1]
            if char == ",":
                pos = skip(s, pos + 1).end()  # type: ignore[union-attr]
                read = _flat_stretch(s, pos, container, is_dict) if stretches else None
                if read is None:
                    stretches = False
                    if is_dict:
                        frame[1], pos = _key(s, pos)
                    break
                pos, frame[1], closed = read
                if closed:
                    stack.pop()
                    value = container
                    continue
                break
            if char == ("}" if is_dict else "]"):
                stack.pop()
                value, pos = container, pos + 1
                continue
            raise json.JSONDecodeError("Expecting ',' delimiter", s, pos)


# ------------------------------------------------------------------------------------------------ writing
FAST = orjson is not None  # whether orjson writes the values it can (tests switch it off to compare)
CHUNK_CHARS = 1 << 16  # characters per chunk the pure-Python writer yields
_INT_MIN, _INT_MAX = -(1 << 63), (1 << 64) - 1  # orjson writes integers in this range
_FLOAT_LOW, _FLOAT_HIGH = 1e-4, 1e16  # repr and orjson spell finite floats alike in [1e-4, 1e16) (and 0.0)
FAST_LEVELS = MAX_INDENT_LEVEL - 8  # orjson nests 255 levels; below the indentation cap both writers agree


def _encode_scalar(value: Any) -> str:
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return float.__repr__(value)
    return encode_basestring(str(value))  # not JSON data: keep its text rather than fail


def _encode_key(key: Any) -> str:
    """A dict key as JSON writes it: always a string (1 -> "1", True -> "true")."""
    return encode_basestring(key if isinstance(key, str) else _encode_scalar(key).strip('"'))


def plain_float(value: float) -> bool:
    """A float orjson writes exactly as repr() does: finite, and zero or between 1e-4 and 1e16 in size."""
    size = abs(value)
    return size == 0.0 or _FLOAT_LOW <= size < _FLOAT_HIGH


def plain(value: Any, level: int = 0) -> bool:
    """Whether orjson writes `value` (nested `level` deep in its document) byte for byte as the pure-Python
    writer does: JSON types only, string keys, integers within 64 bits, plain floats, under FAST_LEVELS deep."""
    if type(value) is dict and level < FAST_LEVELS:  # an object of strings (a comment's meta): types only
        kinds = set(map(type, value))
        kinds.update(map(type, value.values()))
        if kinds <= _TEXT_TYPES:
            return True
    stack = [(value, level)]
    while stack:
        item, depth = stack.pop()
        kind = type(item)
        if kind is dict or kind is list or kind is tuple:
            if depth >= FAST_LEVELS:
                return False
            if kind is dict:
                if not all(isinstance(key, str) for key in item):
                    return False
                item = item.values()
            stack.extend((child, depth + 1) for child in item if not isinstance(child, str))
        elif kind is float:
            if not plain_float(item):
                return False
        elif kind is int:
            if not _INT_MIN <= item <= _INT_MAX:
                return False
        elif not (item is None or kind is bool or isinstance(item, str)):
            return False  # other types and containers' subclasses: the pure-Python writer decides
    return True


_TEXT_TYPES = frozenset((str, bool, type(None)))  # types orjson writes exactly as the pure-Python writer
_RUN_SCALARS = frozenset((str, int, bool, type(None)))  # orjson writes these alike, or refuses them
_RUN_NUMBERS = _RUN_SCALARS | {float}


def _flat(value: Any) -> bool:
    """Whether a compact run may hold this value of an object: a scalar orjson writes as the pure-Python writer
    does (or refuses: integers past 64 bits, lone surrogates), or a list or object of such scalars."""
    kind = type(value)
    if kind in _RUN_SCALARS:
        return True
    if kind is float:
        return plain_float(value)
    if kind is dict:
        value = value.values()  # (orjson refuses a key not a str: see _compact_run)
    elif kind is not list and kind is not tuple:
        return False
    kinds = set(map(type, value))  # by types first: floats alone are looked at one by one
    return kinds <= _RUN_SCALARS or (kinds <= _RUN_NUMBERS and all(map(_flat_scalar, value)))


def _flat_item(value: Any) -> bool:
    """Whether a compact run may hold this item of a list: as _flat, except objects (records, usually with
    containers of their own: they are written as containers rather than checked twice)."""
    return type(value) is not dict and _flat(value)


def _flat_scalar(value: Any) -> bool:
    kind = type(value)
    return kind in _RUN_SCALARS or (kind is float and plain_float(value))


def _compact_flat(value: Any) -> str:
    """A flat value (see _flat) written compact by the pure-Python writer: orjson's spelling, json.dumps's bytes."""
    if isinstance(value, dict):
        return "{" + ",".join(_encode_key(k) + ":" + _encode_scalar(v) for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(map(_encode_scalar, value)) + "]"
    return _encode_scalar(value)


def _compact_run(run: list[Any], is_dict: bool) -> str:
    """Flat items (key, value pairs for an object) of a compact container, comma-separated without brackets:
    one orjson call, or the pure-Python writer for what orjson refuses (a lone surrogate)."""
    try:
        data = orjson.dumps(dict(run) if is_dict else run)
    except (TypeError, orjson.JSONEncodeError):
        if is_dict:
            return ",".join(_encode_key(k) + ":" + _compact_flat(v) for k, v in run)
        return ",".join(map(_compact_flat, run))
    return data[1:-1].decode("utf-8")


def _take_flat(iterator: Iterator[Any], is_dict: bool) -> tuple[list[Any], Any]:
    """The flat items at the head of a compact container's iterator, and the item after them (_END at the end)."""
    run: list[Any] = []
    append = run.append
    scalars = _RUN_SCALARS
    if is_dict:
        for entry in iterator:
            if type(entry[1]) not in scalars and not _flat(entry[1]):  # (orjson refuses a key not a str)
                return run, entry
            append(entry)
    else:
        for entry in iterator:
            if type(entry) not in scalars and not _flat_item(entry):
                return run, entry
            append(entry)
    return run, _END


_HOLE = orjson.Fragment(b"\x00") if orjson is not None else None  # (orjson never writes a NUL byte itself)


_ONE_DEEP = 2  # a frame's `compact` for the deep value below a _compact_chain (no flat run to look for)


CHAIN_RECORDS = 100  # records of a chain one orjson call writes past the cap (orjson nests 255 levels)


def _deep_key(obj: dict[Any, Any]) -> Any:
    """The key of an object's one deep value (a container holding containers), _END when it has none, None
    when orjson would not write it as the pure-Python writer does or it holds more than one."""
    deep_key: Any = _END
    for key, value in obj.items():
        kind = type(value)
        if kind in _RUN_SCALARS or (kind is float and plain_float(value)):
            continue
        if kind is not list and kind is not tuple and kind is not dict:
            return None  # NaN, a float orjson spells otherwise, another type: the pure-Python writer decides
        if _flat(value):
            continue
        if deep_key is not _END:
            return None
        deep_key = key
    return deep_key


def _compact_chain(obj: dict[Any, Any], records: int) -> tuple[bytes, Any, bytes, int] | None:
    """An object past the indentation cap, and up to `records` - 1 records below it (each the one deep value
    of the one before, or the one item of that value), written by one orjson call: (the UTF-8 up to the deep
    value below them, that value, the text after it, how many levels below `obj` it is), or (the whole text,
    _END, "", 0) when nothing deep is left; None when orjson would not write `obj` as the pure-Python writer
    does (or refuses it: a key not a str, an integer past 64 bits, a lone surrogate, here or below)."""
    key = _deep_key(obj)
    if key is None:
        return None
    top = shallow = dict(obj) if key is not _END else obj
    node, levels, hole = obj, 1, _END
    while key is not _END:
        deep = node[key]
        records -= 1
        child: Any = None
        if records > 0:
            if type(deep) is dict:
                child, wrapped = deep, False
            elif type(deep) is list and len(deep) == 1 and type(deep[0]) is dict:
                child, wrapped = deep[0], True
        child_key = _deep_key(child) if child is not None else None
        if child_key is None:  # the hole: what is below is written by the caller
            shallow[key], hole = _HOLE, deep
            break
        child_shallow = dict(child) if child_key is not _END else child
        shallow[key] = [child_shallow] if wrapped else child_shallow
        shallow, node, key = child_shallow, child, child_key
        levels += 2 if wrapped else 1
    try:
        data = orjson.dumps(top)
    except (TypeError, orjson.JSONEncodeError):
        return None
    if hole is _END:
        return data, _END, b"", 0
    head, tail = data.split(b"\x00")
    return head, hole, tail, levels


def _python_chunks(obj: Any, indent: int, base: int) -> Iterator[str | bytes]:
    """The pure-Python writer: `obj` as indented JSON, nested `base` levels deep (its first line not indented),
    in chunks of about CHUNK_CHARS characters. Non-recursive, so any depth works.

    A container opened MAX_INDENT_LEVEL levels deep or deeper is written compact (`{"a":1,"b":[2]}`, no
    newline or space), so that a very deep document grows linearly with its content; runs of flat items there
    are written by one orjson call each."""
    cap = MAX_INDENT_LEVEL
    pads = ["\n" + " " * (indent * level) for level in range(cap + 1)]
    fast = FAST
    out: list[str] = []
    append = out.append
    size = 0
    stack: list[list[Any]] = []  # [iterator, level of its items, is_dict, first, compact, closing text]
    # (compact: False indented, True compact, _ONE_DEEP compact around the deep value below a chain)
    item: Any = obj
    level = base
    records = CHAIN_RECORDS  # records a _compact_chain call may write
    while True:
        kind = type(item)  # write `item` at `level`: a scalar, or open a container
        if kind is str:
            append(encode_basestring(item))
        elif isinstance(item, dict):
            if not item:
                append("{}")
            elif level < cap:
                append("{")
                stack.append([iter(item.items()), level + 1, True, True, False, "}"])
            else:
                split = _compact_chain(item, records) if fast and kind is dict else None
                if split is None:
                    append("{")
                    stack.append([iter(item.items()), level + 1, True, True, True, "}"])
                    records = 1  # (refused somewhere below: grow again from one record a call)
                else:  # records of a chain around the deep value below them: one orjson call
                    head, deep, tail, levels = split
                    if out:  # (orjson's UTF-8 goes out as it is, between the text chunks)
                        yield "".join(out)
                        out.clear()
                        size = 0
                    yield head
                    if deep is not _END:
                        stack.append([iter((deep,)), level + levels, False, True, _ONE_DEEP, tail])
                    records = min(records * 2, CHAIN_RECORDS)
        elif isinstance(item, (list, tuple)):
            if item:
                append("[")
                stack.append([iter(item), level + 1, False, True, level >= cap, "]"])
            else:
                append("[]")
        else:
            append(_encode_scalar(item))
        size += 1
        if size >= CHUNK_CHARS // 16:  # about 16 characters a token on average
            yield "".join(out)
            out.clear()
            size = 0
        while stack:  # the next item of the innermost open container, closing those that end
            frame = stack[-1]
            iterator, level, is_dict, first, compact, closing = frame
            if compact:
                if fast and compact is True:  # (_ONE_DEEP: the deep value below a _compact_chain)
                    run, item = _take_flat(iterator, is_dict)
                    if run:
                        append(("" if first else ",") + _compact_run(run, is_dict))
                        first = frame[3] = False
                        size += len(run)
                else:
                    item = next(iterator, _END)
                if item is _END:
                    stack.pop()
                    if type(closing) is bytes:  # the text after a _compact_chain's deep value
                        if out:
                            yield "".join(out)
                            out.clear()
                            size = 0
                        yield closing
                    else:
                        append(closing)
                    continue
                if first:
                    frame[3] = False
                else:
                    append(",")
                if is_dict:
                    key, item = item
                    append((encode_basestring(key) if type(key) is str else _encode_key(key)) + ":")
                break
            item = next(iterator, _END)
            if item is _END:
                stack.pop()
                append(pads[level - 1] + closing)
                continue
            if first:
                frame[3] = False
                append(pads[level])
            else:
                append("," + pads[level])
            if is_dict:
                key, item = item
                append((encode_basestring(key) if type(key) is str else _encode_key(key)) + ": ")
            break
        else:
            break
    yield "".join(out)


def encode(value: Any, level: int = 0, *, vetted: bool = False, errors: str = "strict") -> Iterator[bytes]:
    """`value` as UTF-8 JSON indented by 2, nested `level` deep in its document (the first line not indented),
    in chunks: one orjson call when it writes the same bytes (`vetted`: the caller has checked `plain`), else
    the pure-Python writer (`errors` for text UTF-8 cannot hold: a lone surrogate)."""
    if FAST and level < FAST_LEVELS and (vetted or plain(value, level)):
        try:
            data = orjson.dumps(value, option=orjson.OPT_INDENT_2)
        except (TypeError, orjson.JSONEncodeError):
            pass  # a lone surrogate, a str subclass orjson refuses, ...: the pure-Python writer decides
        else:
            yield data.replace(b"\n", b"\n" + b"  " * level) if level else data
            return
    for chunk in _python_chunks(value, 2, level):
        yield chunk if isinstance(chunk, bytes) else chunk.encode("utf-8", errors)


BATCH_ITEMS = 256  # list items orjson writes in one call when streaming an object (see encode_object)


def _encode_items(key: str, items: list[Any]) -> Iterator[bytes]:
    """Vetted items of the `key` list of a top-level object, written by one orjson call as `{key: items}`, so
    that they come out indented for their place (level 2) without re-indenting; the wrapper is cut off."""
    data = orjson.dumps({key: items}, option=orjson.OPT_INDENT_2)
    head = len(b'{\n  "": [\n    ') + len(_encode_key(key).encode("utf-8")) - 2
    yield memoryview(data)[head : len(data) - len(b"\n  ]\n}")].tobytes()


def encode_object(
    fields: dict[str, Any], key: str, items: Iterable[tuple[Any, bool]], errors: str = "strict"
) -> Iterator[bytes]:
    """A top-level object whose `key` field (a list, empty in `fields`) is given item by item as (value,
    vetted) pairs, in chunks: the same bytes as dumps() of the whole object encoded, without ever holding it.
    Vetted items (the caller checked `plain` at level 2) are written BATCH_ITEMS at a time by orjson."""
    yield b"{"
    for number, (name, value) in enumerate(fields.items()):
        yield (b"\n  " if number == 0 else b",\n  ") + _encode_key(name).encode("utf-8") + b": "
        if name != key:
            yield from encode(value, 1, errors=errors)
            continue
        empty = True
        batch: list[Any] = []
        for item, vetted in items:
            if FAST and vetted:
                batch.append(item)
                if len(batch) < BATCH_ITEMS:
                    continue
            yield from _flush(key, batch, empty, errors)
            empty = empty and not batch
            batch = []
            if not (FAST and vetted):
                yield b"[\n    " if empty else b",\n    "
                empty = False
                yield from encode(item, 2, errors=errors)
        yield from _flush(key, batch, empty, errors)
        empty = empty and not batch
        yield b"[]" if empty else b"\n  ]"
    yield b"\n}" if fields else b"}"


def _flush(key: str, batch: list[Any], empty: bool, errors: str) -> Iterator[bytes]:
    """A batch of vetted items (nothing for none), after the list's opening or a comma."""
    if not batch:
        return
    yield b"[\n    " if empty else b",\n    "
    try:
        yield from _encode_items(key, batch)
    except (TypeError, orjson.JSONEncodeError):  # one item orjson refuses (a lone surrogate): item by item
        for number, item in enumerate(batch):
            if number:
                yield b",\n    "
            yield from encode(item, 2, errors=errors)


def fast_line(value: Any) -> bytes | None:
    """`value` as one line of compact JSON (newline-terminated) written by orjson, or None where orjson is not
    installed or refuses it (nesting past 255 levels, integers past 64 bits, a lone surrogate): the caller then
    writes it another way. Spellings may differ from json.dumps (no spaces, `1e16`); values read back the same."""
    if not FAST:
        return None
    try:
        return orjson.dumps(value, option=orjson.OPT_APPEND_NEWLINE)
    except (TypeError, orjson.JSONEncodeError):
        return None


def dumps(obj: Any, indent: int = 2) -> str:
    """`json.dumps(obj, ensure_ascii=False, indent=indent)` without recursion, so any depth works.

    Containers MAX_INDENT_LEVEL levels deep (64 reply levels) and deeper are written compact, so the size of a
    very deep reply chain stays linear instead of quadratic; shallower documents match json.dumps exactly.
    """
    if indent == 2:
        return b"".join(encode(obj, errors="surrogatepass")).decode("utf-8", errors="surrogatepass")
    return "".join(c.decode("utf-8") if isinstance(c, bytes) else c for c in _python_chunks(obj, indent, 0))


def json_lines(text: str, source: str) -> tuple[list[Any], list[str]]:
    """The values of a JSON Lines text (one JSON value a line, blank lines skipped) and their line labels."""
    values: list[Any] = []
    wheres: list[str] = []
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            try:
                values.append(loads_raw(line))
            except json.JSONDecodeError as error:
                raise json_error(error, source, line=number) from None
            wheres.append(f"line {number}")
    return values, wheres


def document_or_lines(text: str, source: str) -> Any:
    """The JSON document, or, when the text holds several values, the values of its JSON Lines as a list; broken
    JSON -> the one-line InputError naming the line."""
    try:
        return loads_raw(text)
    except json.JSONDecodeError as error:
        if error.msg != "Extra data":
            raise json_error(error, source) from None
    return json_lines(text, source)[0]
