"""JSON as NetView's own files hold it, and nothing looser.

Python's json module takes `NaN`, `Infinity` and `1e999` (a float overflowing to infinity),
keeps the last of two equal keys without a word, and reads a 5,000-digit integer. A backup
or a JSON column holding any of those restores, and later commands fail on it or write JSON
that no reader takes back. Every JSON that comes from outside goes through `loads` here.
"""

from __future__ import annotations

import json
import math
from typing import Any

# The longest text NetView keeps in one value: the longest cell its CSV reader takes
# (netview.io.cleantext.MAX_CELL), so everything an import stored restores from its backup.
MAX_TEXT = 16 * 1024 * 1024


class StrictJSONError(ValueError):
    """Valid JSON to Python, but not to NetView: says why in a few words."""


def _int(text: str) -> int:
    # Nothing NetView stores needs more than 64 bits; a 5,000-digit number is not data.
    if len(text.lstrip("-")) > 19:
        raise StrictJSONError(f"the number {text[:12]}... has {len(text)} digits, more than any id")
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise StrictJSONError(f"the number {text[:20]} is too large to store")
    return value


def _constant(text: str) -> float:
    raise StrictJSONError(f"{text} is not a number NetView stores")


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise StrictJSONError(f"the key {key[:40]!r} appears twice in one object")
        out[key] = value
    return out


def loads(text: str) -> Any:
    """`json.loads` refusing NaN, infinities, over-long integers and duplicated keys.

    Raises json.JSONDecodeError for text that is not JSON, StrictJSONError for the rest.
    """
    return json.loads(
        text,
        parse_int=_int,
        parse_float=_float,
        parse_constant=_constant,
        object_pairs_hook=_object,
    )
