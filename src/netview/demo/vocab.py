"""Words the demo network is made of: names in many scripts, companies, titles, phrases.

The words live in data/names.json and data/words.json; this module reads them once and
gives them the shapes the generator uses. Everything there is invented or a common given or
family name; no real person or company is meant.

names.json holds name pools. A pool is a list of parts, concatenated in order; a part is
- a string: comma-separated names, each `Latin` or `native/romanised` (晓/Xiao);
- {"pool": NAME, "from": i, "to": j}: another pool, or a slice of it;
- {"join": [A, B], "sep": ""}: every name of A followed by every name of B (Black + well ->
  Blackwell); with "distinct": true, never a name joined with itself; A and B are lists
  of parts;
- {"syllables": [A, B]}: two-part given names (晓 + 明 -> 晓明 / Xiaoming).
Widening pools by combining stems and endings keeps namesakes as rare as in real lists.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any, cast

Pair = tuple[str, str]  # (as written, romanised); the same for Latin scripts


@dataclass(frozen=True, slots=True)
class Culture:
    """Name pools of one naming tradition.

    `native_share` is how often members of this culture write their name in its own script
    rather than in Latin letters; `raw_slug` how often their profile slug keeps non-ASCII
    letters (LinkedIn percent-encodes those in Connections.csv).
    """

    label: str
    weight: float
    female: tuple[Pair, ...]
    male: tuple[Pair, ...]
    family: tuple[Pair, ...]
    cities: tuple[str, ...]
    native_share: float = 1.0
    raw_slug: float = 0.6


def _read(name: str) -> Any:
    text = (resources.files("netview.demo") / "data" / name).read_text(encoding="utf-8")
    return json.loads(text)


class _Pools:
    def __init__(self, recipes: dict[str, list[Any]]) -> None:
        self.recipes = recipes
        self.built: dict[str, tuple[Pair, ...]] = {}

    def get(self, name: str) -> tuple[Pair, ...]:
        if name not in self.built:
            self.built[name] = self.parts(self.recipes[name])
        return self.built[name]

    def parts(self, parts: list[Any]) -> tuple[Pair, ...]:
        out: list[Pair] = []
        for part in parts:
            out.extend(self.part(part))
        return tuple(out)

    def part(self, part: str | dict[str, Any]) -> tuple[Pair, ...]:
        if isinstance(part, str):
            return tuple(_pair(w) for w in part.split(",") if w.strip())
        if "pool" in part:
            return self.get(part["pool"])[part.get("from", 0) : part.get("to")]
        if "join" in part:
            first, second = (self.parts(p) for p in part["join"])
            sep, distinct = part.get("sep", ""), part.get("distinct", False)
            return tuple(
                (a[0] + sep + b[0], a[1] + sep + b[1])
                for a in first
                for b in second
                if not (distinct and a == b)
            )
        if "syllables" in part:
            first, second = (self.parts(p) for p in part["syllables"])
            return tuple(
                (a[0] + b[0], a[1] + b[1].lower()) for a in first for b in second if a[1] != b[1]
            )
        raise ValueError(f"names.json: unknown pool part {part!r}")


def _pair(word: str) -> Pair:
    native, _, latin = word.strip().partition("/")
    return (native, latin or native)


def _tuples(value: Any) -> Any:
    """JSON lists back to the tuples the generator was written for (dicts stay dicts)."""
    if isinstance(value, list):
        return tuple(_tuples(v) for v in value)
    if isinstance(value, dict):
        return {k: _tuples(v) for k, v in value.items()}
    return value


def _cultures() -> tuple[Culture, ...]:
    data = _read("names.json")
    pools = _Pools(data["pools"])
    return tuple(
        Culture(
            c["label"],
            c["weight"],
            pools.get(c["female"]),
            pools.get(c["male"]),
            pools.get(c["family"]),
            tuple(c["cities"]),
            c.get("native_share", 1.0),
            c.get("raw_slug", 0.6),
        )
        for c in data["cultures"]
    )


CULTURES = _cultures()
_W: dict[str, Any] = _tuples(_read("words.json"))

MIXED_FAMILY_SHARE = cast(float, _W["mixed_family_share"])
MIDDLE_INITIAL_SHARE = cast(float, _W["middle_initial_share"])  # "James R." as first name
EMOJI = cast(tuple[str, ...], _W["emoji"])
PRONOUNS_FEMALE = cast(str, _W["pronouns_female"])
PRONOUNS_MALE = cast(str, _W["pronouns_male"])
PRONOUNS_ANY = cast(str, _W["pronouns_any"])
CREDENTIALS = cast(tuple[str, ...], _W["credentials"])
COMPANY_STEMS = cast(tuple[str, ...], _W["company_stems"])
COMPANY_FIELDS = cast(tuple[str, ...], _W["company_fields"])
COMPANY_SUFFIXES = cast(tuple[str, ...], _W["company_suffixes"])
INDUSTRIES = cast(dict[str, str], _W["industries"])
SENIORITY_WEIGHTS = cast(tuple[int, ...], _W["seniority_weights"])  # junior … C-level
FUNCTIONS = cast(dict[str, tuple[float, tuple[tuple[str, ...], ...]]], _W["functions"])
SKILLS = cast(dict[str, tuple[str, ...]], _W["skills"])
EVENTS = cast(tuple[str, ...], _W["events"])
OPENERS = cast(tuple[str, ...], _W["openers"])
REPLIES = cast(tuple[str, ...], _W["replies"])
TOPICS = cast(tuple[str, ...], _W["topics"])
GROUP_TITLES = cast(tuple[str, ...], _W["group_titles"])
INVITE_NOTES = cast(tuple[str, ...], _W["invite_notes"])
RECRUITER_SUBJECTS = cast(tuple[str, ...], _W["recruiter_subjects"])
RECRUITER_TEXT = cast(str, _W["recruiter_text"])
RECOMMENDATIONS = cast(tuple[str, ...], _W["recommendations"])
SUMMARIES = cast(tuple[str, ...], _W["summaries"])
