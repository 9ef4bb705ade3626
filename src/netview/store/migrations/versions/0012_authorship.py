"""Authorship on a team server (docs/threat-model.md): what a member adds is their own
claim, and only the server's functions move rows between people.

On PostgreSQL only (SQLite has one user and nothing to guard):
- The history rows (`network_change`, `source_snapshot`) say which login added them, as
  the other shared tables have since 0011.
- Merges journaled before this revision get what the split function now gives back itself
  (aliases, positions, owned sources, messages sent, ties as they were), from their
  decision as recorded then, kept to the links the journal says the removed person had.
- A calendar's, mailbox's or address book's file name leaves the shared `source.label`
  (it stays in its owner's private import report): the shared label is the kind.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04 18:30:00
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

STAMPED = ("network_change", "source_snapshot")
JOURNAL = "netview_identity_journal"
EVIDENCE_KINDS = ("calendar", "mailbox", "address_book")


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for table in STAMPED:
        op.execute(f'ALTER TABLE "{table}" ADD COLUMN added_by varchar(63)')
        op.execute(f'ALTER TABLE "{table}" ALTER COLUMN added_by SET DEFAULT CURRENT_USER')
    kinds = ", ".join(f"'{k}'" for k in EVIDENCE_KINDS)
    op.execute(f"UPDATE source SET label = kind WHERE kind IN ({kinds})")
    if bind.execute(sa.text("SELECT to_regclass(:j)"), {"j": JOURNAL}).scalar() is not None:
        _journal_v2(bind)


def _ints(values: Any) -> list[int]:
    return [int(v) for v in values or ()]


def _v2(d: dict[str, Any], moved: dict[str, Any]) -> dict[str, Any]:
    """A journaled merge's shared half in the form the split function reads (see
    store/team.py, netview_merge_people), from its decision `d`."""
    gone = int(d["b_row"]["id"])
    sources, targets = set(_ints(moved.get("sources"))), set(_ints(moved.get("targets")))
    attested = {(int(o), int(s)) for o, s in moved.get("tie_sources", [])}
    ties = []
    for saved in d.get("ties", []):
        tie = saved.get("tie", {})
        other = int(tie.get("a_id", 0)) + int(tie.get("b_id", 0)) - gone
        links = [
            [int(s["source_id"]), s.get("connected_on"), s.get("weight"), None]
            for s in saved.get("sources", [])
            if (other, int(s["source_id"])) in attested
        ]
        entry: dict[str, Any] = {"id": tie.get("id"), "other": other, "how": saved.get("how")}
        entry.update(on=tie.get("connected_on"), by=None, sources=links)
        if saved.get("how") == "folded":
            into = saved.get("into", {})
            had = {int(s["source_id"]) for s in into.get("sources", [])}
            entry.update(
                into=into.get("tie", {}).get("id"),
                into_on=into.get("tie", {}).get("connected_on"),
                added=[s for s, *_ in links if s not in had],
            )
        ties.append(entry)
    return {
        **moved,
        "v": 2,
        "sources_added": [
            s for s in _ints(d.get("person_source", {}).get("added")) if s in sources
        ],
        "targets_added": [i for i in _ints(d.get("targets", {}).get("added")) if i in targets],
        "aliases": [str(a) for a in d.get("aliases", [])],
        "positions": _ints(d.get("position")),
        "changes": _ints(d.get("network_change")),
        "owned": _ints(d.get("owned_sources")),
        "actor": _ints(d.get("actor")),
        "ties": ties,
    }


def _journal_v2(bind: sa.Connection) -> None:
    decisions = {}
    for (detail,) in bind.execute(
        sa.text("SELECT detail FROM identity_decision WHERE kind = 'merge'")
    ).all():
        d = json.loads(detail or "null")
        if isinstance(d, dict) and "b_row" in d and "a_id" in d:
            decisions[(int(d["a_id"]), int(d["b_row"]["id"]), str(d["b_row"]["key"]))] = d
    rows = bind.execute(
        sa.text(
            f"SELECT id, keep_id, gone_id, gone_key, moved FROM {JOURNAL} WHERE owner = '#shared'"
        )
    ).all()
    for jid, keep, gone, key, moved in rows:
        moved = moved if isinstance(moved, dict) else json.loads(moved)
        d = decisions.get((int(keep), int(gone), str(key)))
        if d is None or moved.get("v") == 2:
            continue
        bind.execute(
            sa.text(f"UPDATE {JOURNAL} SET moved = CAST(:m AS jsonb) WHERE id = :i"),
            {"m": json.dumps(_v2(d, moved), default=str), "i": jid},
        )


def downgrade() -> None:
    """Back to 0011: the history rows lose `added_by`; evidence labels stay the kind (the
    file names are in their owners' private reports), journal entries keep the new fields
    (0011's split function reads only those it knew)."""
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in STAMPED:
        op.execute(f'ALTER TABLE "{table}" DROP COLUMN added_by')
