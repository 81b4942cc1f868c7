"""The JSON codec every format shares: one-line errors with line and column, and a non-recursive parser and
writer, so that documents nested deeper than Python's recursion limit (long reply chains) still load and export.
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


def loads(text: str, source: str = "") -> Any:
    """json.loads with InputError("SOURCE: not valid JSON: line L column C: ...") and no depth limit."""
    try:
        return loads_raw(text)
    except json.JSONDecodeError as error:
        raise json_error(error, source) from None


def loads_raw(text: str) -> Any:
    """json.loads, falling back to the iterative parser when the nesting is too deep for recursion."""
    try:
        return json.loads(text)
    except RecursionError:
        return loads_iterative(text)


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
            return value, pos + len(word)
    if s.startswith("-Infinity", pos):
        return float("-inf"), pos + 9
    match = _NUMBER.match(s, pos)
    if match is None:
        raise json.JSONDecodeError("Expecting value", s, pos)
    integer, frac, exp = match.groups()
    return (float(integer + (frac or "") + (exp or "")) if frac or exp else int(integer)), match.end()


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
