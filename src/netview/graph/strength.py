"""Relationship strength: a 0..1 score per tie from the evidence the exports hold, explained.

Every piece of evidence becomes a component with a value in 0..1 and a sentence; the score
is their noisy-OR, 1 - prod(1 - value), so any one strong signal makes a strong tie, more
evidence only adds, and the score never exceeds 1. A tie with nothing but the connection
itself stays near zero, as in commercial relationship-intelligence tools.

All weights live in `Weights` below (the one documented place to tune them).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime

import numpy as np
import numpy.typing as npt


@dataclass(frozen=True)
class Weights:
    # The connection alone: a LinkedIn-only tie is weak.
    connection: float = 0.03
    # Messages: value = messages_max * volume * reciprocity * recency, where
    # volume = 1 - exp(-count / messages_scale) (10 messages ~ 70% of the way),
    # reciprocity = 1 when both wrote, one_way_factor when only one did, and
    # recency = exp(-age_days / recency_days): the last message two years ago counts 37%.
    messages_max: float = 0.85
    messages_scale: float = 8.0
    one_way_factor: float = 0.45
    recency_days: float = 730.0
    # A written recommendation (either direction): deliberate, lasting evidence.
    recommendation: float = 0.45
    # Endorsements: cheap one-click signals, a little each, capped.
    endorsement_each: float = 0.04
    endorsement_max: float = 0.15
    # An invitation carrying a personal note rather than the default text.
    invitation_note: float = 0.08
    # Years connected: longevity, a little per year, capped so it alone stays weak.
    per_year: float = 0.012
    years_max: float = 0.06
    # Working at the same company now.
    same_company: float = 0.15
    # Your own evidence (calendar, mailbox): value = max * volume * recency, volume as for
    # messages with evidence_scale. Meeting is the strongest sign of a relationship, an
    # e-mail exchanged a little less, two people in the same small meeting or mail less still.
    met_max: float = 0.85
    mailed_max: float = 0.7
    together_max: float = 0.6
    evidence_scale: float = 4.0
    # Labels for sentences and follow-up suggestions.
    strong: float = 0.5
    moderate: float = 0.2


WEIGHTS = Weights()


@dataclass
class PairEvidence:
    """Interactions between a and b (the tie's two ends), counted per direction."""

    messages_ab: int = 0
    messages_ba: int = 0
    last_message: datetime | None = None
    recommended_ab: list[int] = field(default_factory=list)  # years a recommended b; 0 = unknown
    recommended_ba: list[int] = field(default_factory=list)
    endorsements_ab: int = 0
    endorsements_ba: int = 0
    invitation_note_by: str | None = None  # "a" or "b": who wrote a note in the invitation
    last_any: datetime | None = None  # newest interaction of any kind, either way
    # Your own evidence: meetings and e-mails the two took part in (with you, when one end
    # is you; else both in the same small meeting or mail, or LinkedIn group conversation).
    met: int = 0
    last_met: datetime | None = None
    mailed: int = 0
    last_mailed: datetime | None = None
    grouped: int = 0  # LinkedIn group conversations both took part in
    last_grouped: datetime | None = None
    with_owner: bool = False  # one end is you: "met", not "met together"


def day(at: datetime) -> str:
    """'2 Dec 2026'."""
    return f"{at.day} {at:%b %Y}"


def evidence_value(count: int, last: datetime | None, top: float, today: date, w: Weights) -> float:
    if count <= 0:
        return 0.0
    volume = 1.0 - math.exp(-count / w.evidence_scale)
    age = max((today - last.date()).days, 0) if last is not None else w.recency_days * 3
    return top * volume * math.exp(-age / w.recency_days)


def evidence_parts(ev: PairEvidence, today: date, w: Weights) -> list[Component]:
    """'met 4 times, last 2 Dec 2026', 'e-mailed 12 times, last …', 'met together 3 times;
    last 12 Nov 2026' (two people other than you)."""
    out = []
    together = "" if ev.with_owner else " together"
    sep = ", " if ev.with_owner else "; "
    top = (w.met_max, w.mailed_max) if ev.with_owner else (w.together_max, w.together_max)
    for kind, count, last, verb, value_top in (
        ("met", ev.met, ev.last_met, "met", top[0]),
        ("mailed", ev.mailed, ev.last_mailed, "e-mailed", top[1]),
        ("grouped", ev.grouped, ev.last_grouped, "in a group conversation", w.together_max),
    ):
        if count:
            times = "once" if count == 1 else f"{count} times"
            if kind == "grouped":
                text = f"{_plural(count, 'group conversation')} together"
            else:
                text = f"{verb}{together} {times}"
            if last is not None:
                text += f"{sep}last {day(last)}"
            out.append(Component(kind, evidence_value(count, last, value_top, today, w), text))
    return out


@dataclass(frozen=True)
class Component:
    kind: str
    value: float
    text: str


def combine(values: list[float]) -> float:
    rest = 1.0
    for v in values:
        rest *= 1.0 - min(max(v, 0.0), 1.0)
    return 1.0 - rest


def ago(then: date, today: date) -> str:
    """'today', '5 days ago', '3 weeks ago', '4 months ago', '2 years ago'."""
    days = (today - then).days
    if days <= 0:
        return "today" if days == 0 else f"on {then.isoformat()}"
    if days < 14:
        return "yesterday" if days == 1 else f"{days} days ago"
    if days < 60:
        return f"{days // 7} weeks ago"
    if days < 730:
        return f"{days // 30} months ago"
    return f"{days // 365} years ago"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def message_value(n_ab: int, n_ba: int, last: datetime | None, today: date, w: Weights) -> float:
    n = n_ab + n_ba
    if n == 0:
        return 0.0
    volume = 1.0 - math.exp(-n / w.messages_scale)
    reciprocity = 1.0 if n_ab and n_ba else w.one_way_factor
    age = max((today - last.date()).days, 0) if last is not None else w.recency_days * 3
    recency = math.exp(-age / w.recency_days)
    return w.messages_max * volume * reciprocity * recency


def components(
    ev: PairEvidence | None,
    connected_on: date | None,
    same_company: str | None,
    today: date,
    a_name: str,
    b_name: str,
    w: Weights = WEIGHTS,
    linkedin: bool = True,
) -> list[Component]:
    """The evidence of one tie, each with its value and a sentence naming the two ends.

    `linkedin` False: a tie only your own evidence makes (no LinkedIn connection)."""
    out: list[Component] = []
    if ev is not None:
        out.extend(evidence_parts(ev, today, w))
        n = ev.messages_ab + ev.messages_ba
        if n:
            if ev.messages_ab and ev.messages_ba:
                way = "both ways"
            else:
                way = f"only from {a_name if ev.messages_ab else b_name}"
            when = f", last {ago(ev.last_message.date(), today)}" if ev.last_message else ""
            out.append(
                Component(
                    "messages",
                    message_value(ev.messages_ab, ev.messages_ba, ev.last_message, today, w),
                    f"{_plural(n, 'message')}, {way}{when}",
                )
            )
        for years, (giver, taker) in (
            (ev.recommended_ab, (a_name, b_name)),
            (ev.recommended_ba, (b_name, a_name)),
        ):
            if years:
                known = sorted({y for y in years if y > 0})
                when = " in " + ", ".join(str(y) for y in known) if known else ""
                out.append(
                    Component(
                        "recommendation", w.recommendation, f"{giver} recommended {taker}{when}"
                    )
                )
        n_end = ev.endorsements_ab + ev.endorsements_ba
        if n_end:
            out.append(
                Component(
                    "endorsements",
                    min(w.endorsement_each * n_end, w.endorsement_max),
                    f"{_plural(n_end, 'endorsement')}",
                )
            )
        if ev.invitation_note_by:
            who = a_name if ev.invitation_note_by == "a" else b_name
            out.append(
                Component("invitation", w.invitation_note, f"{who} wrote a note when inviting")
            )
    if same_company:
        out.append(Component("company", w.same_company, f"both at {same_company} now"))
    if connected_on is not None:
        span = max((today - connected_on).days, 0) / 365.25
        if span >= 1:
            out.append(
                Component(
                    "years",
                    min(w.per_year * span, w.years_max),
                    f"connected since {connected_on.year}",
                )
            )
    if linkedin:
        out.append(Component("connection", w.connection, "connected on LinkedIn"))
    return out


def describe(parts: list[Component]) -> str:
    """The sentence of a tie: its evidence, strongest first, or 'connected only'."""
    real = sorted((c for c in parts if c.kind != "connection"), key=lambda c: (-c.value, c.kind))
    if not real or all(c.kind in ("years",) for c in real):
        extra = f" ({real[0].text})" if real else ""
        return f"connected only, no messages or other evidence{extra}"
    return "; ".join(c.text for c in real)


def label(score: float, w: Weights = WEIGHTS) -> str:
    if score >= w.strong:
        return "strong"
    if score >= w.moderate:
        return "moderate"
    return "weak"


def tie_strengths(
    connected_day: npt.NDArray[np.float64],
    same_company: npt.NDArray[np.bool_],
    evidence: dict[int, PairEvidence],
    today: date,
    w: Weights = WEIGHTS,
    linkedin: npt.NDArray[np.bool_] | None = None,
) -> npt.NDArray[np.float64]:
    """Strength of every tie: vectorised for the evidence every tie has (connection, years,
    company), then the few ties with interactions one by one.

    `connected_day` holds date.toordinal() of each tie's connection date, NaN when unknown.
    """
    years = np.maximum(today.toordinal() - connected_day, 0.0) / 365.25
    years_value = np.where(
        np.isnan(connected_day) | (years < 1), 0.0, np.minimum(w.per_year * years, w.years_max)
    )
    connection = w.connection if linkedin is None else np.where(linkedin, w.connection, 0.0)
    rest = (1.0 - connection) * (1.0 - years_value)
    rest = rest * np.where(same_company, 1.0 - w.same_company, 1.0)
    for k, ev in evidence.items():
        extra = 1.0
        m = message_value(ev.messages_ab, ev.messages_ba, ev.last_message, today, w)
        extra *= 1.0 - m
        extra *= (1.0 - w.recommendation) ** (bool(ev.recommended_ab) + bool(ev.recommended_ba))
        n_end = ev.endorsements_ab + ev.endorsements_ba
        extra *= 1.0 - min(w.endorsement_each * n_end, w.endorsement_max)
        if ev.invitation_note_by:
            extra *= 1.0 - w.invitation_note
        for part in evidence_parts(ev, today, w):
            extra *= 1.0 - part.value
        rest[k] *= extra
    return np.asarray(1.0 - rest, dtype=np.float64)
