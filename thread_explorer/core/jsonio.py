"""The JSON codec every format shares: one-line errors with line and column, and a non-recursive parser and
writer, so that documents nested deeper than Python's recursion limit (long reply chains) still load and export.

Reading is strict where Python's json is lenient, so that no reader meets a value it cannot use: `NaN`,
`Infinity` and numbers too large for a float (`1e999`) are refused as not valid JSON (they are not JSON), and so
are integers of more than MAX_DIGITS digits; a lone surrogate escape (`"\\ud800"`, not a character) becomes
U+FFFD, as undecodable bytes do, so the text can always be written out again.
"""

from __future__ import annotations

import json
import math
import re
from json.decoder import scanstring
from json.encoder import encode_basestring
from typing import Any

from .errors import InputError, prefixed

_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"(-?(?:0|[1-9]\d*))(\.\d+)?([eE][-+]?\d+)?")
_END = object()  # end-of-iterator marker for dumps
MAX_INDENT_LEVEL = 128  # JSON nesting levels (two per reply level) past which indentation stops growing
_LITERALS = {"null": None, "true": True, "false": False, "NaN": float("nan"), "Infinity": float("inf")}
MAX_DIGITS = 4300  # Python's own limit on converting digits to an int (sys.get_int_max_str_digits default)
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_SURROGATE_ESCAPE_BYTES = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_SURROGATE = re.compile("[\ud800-\udfff]")
_BARE_CONSTANT = re.compile(r"-?Infinity|NaN")
_BIG_FLOAT = re.compile(r"-?\d+(?:\.\d+)?[eE]\+?\d{3,}")
_LONG_INTEGER = re.compile(r"\d{" + str(MAX_DIGITS + 1) + ",}")


class _NotJson(ValueError):
    """A number JSON cannot hold, met by a parse hook (turned into a JSONDecodeError with its position)."""

    def __init__(self, message: str, pattern: re.Pattern[str]) -> None:
        super().__init__(message)
        self.message, self.pattern = message, pattern


def _refuse_constant(word: str) -> Any:
    raise _NotJson(f"{word} is not a JSON number", _BARE_CONSTANT)


def _finite_float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise _NotJson(f"the number {text[:20]} is too large", _BIG_FLOAT)
    return value


def _outside_strings(text: str, pattern: re.Pattern[str]) -> int:
    """The position of the first match of `pattern` outside JSON strings (0 when there is none)."""
    tokens = re.compile(r'"(?:[^"\\]|\\.)*"|(' + pattern.pattern + ")")
    for match in tokens.finditer(text):
        if match.group(1) is not None:
            return match.start(1)
    return 0


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
    except _NotJson as refused:
        raise json.JSONDecodeError(refused.message, text, _outside_strings(text, refused.pattern)) from None
    except json.JSONDecodeError:
        raise
    except ValueError:  # int(): more digits than Python converts
        where = _LONG_INTEGER.search(text)
        raise json.JSONDecodeError(
            f"a number of more than {MAX_DIGITS:,} digits", text, where.start() if where else 0
        ) from None
    return without_surrogates(value) if has_surrogate_escape(text) else value


def number_or_none(value: Any) -> float | None:
    """A JSON number (not a boolean) as a float; None for anything else and for an integer no float holds (a
    400-digit time): readers use it for times, scores and counts, so such a value is left out, never a crash."""
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
    return InputError(prefixed(source, f"not valid JSON: {where}: {error.msg}"))


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


def _scalar(s: str, pos: int) -> tuple[Any, int]:
    """A string, number or literal at pos."""
    if s[pos : pos + 1] == '"':
        return scanstring(s, pos + 1)
    for word, value in _LITERALS.items():
        if s.startswith(word, pos):
            if word in ("NaN", "Infinity"):
                raise json.JSONDecodeError(f"{word} is not a JSON number", s, pos)
            return value, pos + len(word)
    if s.startswith("-Infinity", pos):
        raise json.JSONDecodeError("-Infinity is not a JSON number", s, pos)
    match = _NUMBER.match(s, pos)
    if match is None:
        raise json.JSONDecodeError("Expecting value", s, pos)
    integer, frac, exp = match.groups()
    if frac or exp:
        number = float(integer + (frac or "") + (exp or ""))
        if math.isinf(number):
            raise json.JSONDecodeError(f"the number {match.group(0)[:20]} is too large", s, pos)
        return number, match.end()
    if len(integer) > MAX_DIGITS:
        raise json.JSONDecodeError(f"a number of more than {MAX_DIGITS:,} digits", s, pos)
    return int(integer), match.end()


def loads_iterative(s: str) -> Any:
    """A JSON parser with an explicit stack instead of recursion (slower; used for very deep documents)."""
    stack: list[list[Any]] = []  # [container, pending key]
    pos = _skip(s, 0)
    while True:
        char = s[pos : pos + 1]
        if char == "{":
            pos = _skip(s, pos + 1)
            if s[pos : pos + 1] != "}":
                key, pos = _key(s, pos)
                stack.append([{}, key])
                continue
            value, pos = {}, pos + 1
        elif char == "[":
            pos = _skip(s, pos + 1)
            if s[pos : pos + 1] != "]":
                stack.append([[], None])
                continue
            value, pos = [], pos + 1
        else:
            value, pos = _scalar(s, pos)
        while True:  # attach the finished value; close every container that ends here
            if not stack:
                pos = _skip(s, pos)
                if pos != len(s):
                    raise json.JSONDecodeError("Extra data", s, pos)
                return value
            frame = stack[-1]
            container = frame[0]
            if isinstance(container, dict):
                container[frame[1]] = value
            else:
                container.append(value)
            pos = _skip(s, pos)
            char = s[pos : pos + 1]
            if char == ",":
                pos = _skip(s, pos + 1)
                if isinstance(container, dict):
                    frame[1], pos = _key(s, pos)
                break
            if char == ("}" if isinstance(container, dict) else "]"):
                stack.pop()
                value, pos = container, pos + 1
                continue
            raise json.JSONDecodeError("Expecting ',' delimiter", s, pos)


# ------------------------------------------------------------------------------------------------ writing
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


def dumps(obj: Any, indent: int = 2) -> str:
    """`json.dumps(obj, ensure_ascii=False, indent=indent)` without recursion, so any depth works.

    Indentation stops growing below MAX_INDENT_LEVEL nesting levels (about 60 reply levels), so the size of
    a very deep reply chain stays linear instead of quadratic; shallower documents match json.dumps exactly.
    """
    out: list[str] = []
    stack: list[list[Any]] = []  # [iterator, level, is_dict, first]

    def emit(value: Any, level: int) -> None:
        if isinstance(value, dict):
            if value:
                out.append("{")
                stack.append([iter(value.items()), level + 1, True, True])
            else:
                out.append("{}")
        elif isinstance(value, (list, tuple)):
            if value:
                out.append("[")
                stack.append([iter(value), level + 1, False, True])
            else:
                out.append("[]")
        else:
            out.append(_encode_scalar(value))

    emit(obj, 0)
    while stack:
        frame = stack[-1]
        iterator, level, is_dict, first = frame
        item = next(iterator, _END)
        if item is _END:
            stack.pop()
            out.append("\n" + " " * (indent * min(level - 1, MAX_INDENT_LEVEL)) + ("}" if is_dict else "]"))
            continue
        out.append(("\n" if first else ",\n") + " " * (indent * min(level, MAX_INDENT_LEVEL)))
        frame[3] = False
        if is_dict:
            out.append(_encode_key(item[0]) + ": ")
            item = item[1]
        emit(item, level)
    return "".join(out)
