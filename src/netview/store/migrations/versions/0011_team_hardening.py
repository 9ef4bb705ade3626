"""A team server that a member with raw SQL cannot read through, forge or trip up
(docs/threat-model.md).

- The pseudonym secret leaves the shared `meta` table for `member_secret`, one private row
  per member. On SQLite (one user) the secret moves as it is, so pseudonyms stay the same.
  On a server, every member could read it, so it is spent: each member draws a new one on
  their next anonymised export (a server database without members keeps the admin's).
- On PostgreSQL, private membership rows are keyed with their owner (`group_member`
  (owner, group_id, person_id), `person_tag` (owner, person_id, tag_id)) and point at a
  group or tag of the same owner: a teammate's rows can no longer answer "duplicate key".
  SQLite keeps its keys: with one owner they say the same.
- On PostgreSQL, the shared rows members write carry `added_by`, the login that inserted
  them (filled by the server; `team init` grants members no right to set it, and lets a
  member change only their own `meta` entries). Rows from before this revision have none.
- On PostgreSQL, text columns lose their lengths (SQLite never enforced them): what imports
  into one backend imports into the other. Role names (`owner`, `login`) keep PostgreSQL's
  own limit of 63.

Revision ID: 0011
Revises: 0008
Create Date: 2026-12-04 15:10:00
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

SECRET = "anonymize_secret"
# (private table, column pointing at its parent private table, parent) whose rows must
# name a parent of the same owner, and the table's key with the owner in it.
OWNED_LINKS = (
    ("group_member", "group_id", "group", ("owner", "group_id", "person_id")),
    ("person_tag", "tag_id", "tag", ("owner", "person_id", "tag_id")),
    # Whom you met or wrote to (migration 0009): a teammate's probe must not learn it from
    # a duplicate key.
    ("evidence_person", "item_id", "evidence_item", ("owner", "item_id", "person_id")),
    ("evidence_unknown", "item_id", "evidence_item", ("owner", "item_id", "who")),
)
# Shared tables members insert into: each row says which login added it (in `meta`, it
# also decides who may change the row: team init's row policy).
STAMPED = (
    "meta",
    "person",
    "person_alias",
    "source",
    "person_source",
    "tie",
    "tie_source",
    "interaction",
    "interaction_target",
    "interaction_source",
    "position",
)
JOURNAL = "netview_identity_journal"


def _constraint(bind: sa.Connection, table: str, kind: str, column: str | None = None) -> str:
    """The name PostgreSQL gave a table's primary key ('p') or the foreign key ('f') on
    `column` (made by earlier migrations without names of their own)."""
    sql = (
        "SELECT c.conname FROM pg_constraint c WHERE c.conrelid = to_regclass(:t) "
        "AND c.contype = :k"
    )
    if column is not None:
        sql += (
            " AND c.conkey = ARRAY[(SELECT a.attnum FROM pg_attribute a "
            "WHERE a.attrelid = to_regclass(:t) AND a.attname = :c)]"
        )
    name = bind.execute(sa.text(sql), {"t": f'"{table}"', "k": kind, "c": column}).scalar()
    assert name is not None, (table, kind, column)
    return str(name)


def upgrade() -> None:
    bind = op.get_bind()
    postgresql = bind.dialect.name == "postgresql"
    op.create_table(
        "member_secret",
        sa.Column(
            "owner",
            sa.String(length=63),
            nullable=False,
            server_default=sa.text("CURRENT_USER") if postgresql else sa.text("''"),
        ),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("owner", "name"),
    )
    if not postgresql:
        op.execute(
            "INSERT INTO member_secret (owner, name, value) "
            f"SELECT '', 'anonymize', value FROM meta WHERE key = '{SECRET}'"
        )
        op.execute(f"DELETE FROM meta WHERE key = '{SECRET}'")
        return
    op.execute(
        "INSERT INTO member_secret (name, value) "
        f"SELECT 'anonymize', value FROM meta WHERE key = '{SECRET}' "
        "AND NOT EXISTS (SELECT 1 FROM team_member)"
    )
    op.execute(f"DELETE FROM meta WHERE key = '{SECRET}'")
    for table, column, _parent, key in OWNED_LINKS:
        op.drop_constraint(_constraint(bind, table, "f", column), table, type_="foreignkey")
        op.drop_constraint(_constraint(bind, table, "p"), table, type_="primary")
        op.create_primary_key(f"{table}_pkey", table, list(key))
    for parent in dict.fromkeys(parent for _, _, parent, _ in OWNED_LINKS):
        op.create_unique_constraint(f"uq_{parent}_id_owner", parent, ["id", "owner"])
    for table, column, parent, _key in OWNED_LINKS:
        op.create_foreign_key(
            f"fk_{table}_{parent}_owner",
            table,
            parent,
            [column, "owner"],
            ["id", "owner"],
            ondelete="CASCADE",
        )
    for table in STAMPED:
        # Nullable, default set afterwards: no table rewrite, and rows from before say nobody.
        op.execute(f'ALTER TABLE "{table}" ADD COLUMN added_by varchar(63)')
        op.execute(f'ALTER TABLE "{table}" ALTER COLUMN added_by SET DEFAULT CURRENT_USER')
    limited = bind.execute(
        sa.text(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND data_type = 'character varying' "
            "AND character_maximum_length IS NOT NULL "
            "AND column_name NOT IN ('owner', 'login', 'added_by') "
            "AND table_name <> 'alembic_version'"
        )
    ).all()
    for table, column in limited:
        # varchar(n) -> varchar is binary-coercible: no rewrite, indexes kept.
        op.execute(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" TYPE varchar')
    _journal_shared_links(bind)


def _journal_shared_links(bind: sa.Connection) -> None:
    """Merges made before this revision: what each took from the person it removed, as its
    decision recorded it then, journaled the way the merge function journals it now (a
    split checks what it undoes against the journal, never against the decision)."""
    if bind.execute(sa.text("SELECT to_regclass(:j)"), {"j": JOURNAL}).scalar() is None:
        return
    for (detail,) in bind.execute(
        sa.text("SELECT detail FROM identity_decision WHERE kind = 'merge'")
    ).all():
        d = json.loads(detail or "null")
        if not isinstance(d, dict) or "b_row" not in d:
            continue
        gone = int(d["b_row"]["id"])
        ties = []
        for saved in d.get("ties", []):
            tie = saved.get("tie", {})
            other = int(tie.get("a_id", 0)) + int(tie.get("b_id", 0)) - gone
            ties += [[other, int(s["source_id"])] for s in saved.get("sources", [])]
        moved = {
            "sources": d.get("person_source", {}).get("theirs", []),
            "targets": d.get("targets", {}).get("theirs", []),
            "tie_sources": ties,
            "keep_key": d.get("a_row", {}).get("key"),
        }
        bind.execute(
            sa.text(
                f"INSERT INTO {JOURNAL} (keep_id, gone_id, gone_key, owner, moved) "
                "VALUES (:k, :g, :key, '#shared', CAST(:m AS jsonb))"
            ),
            {"k": int(d["a_id"]), "g": gone, "key": d["b_row"]["key"], "m": json.dumps(moved)},
        )


def downgrade() -> None:
    """Back to 0008. Text columns keep their unbounded lengths (0008's NetView reads and
    writes them the same; narrowing them could fail on longer values)."""
    bind = op.get_bind()
    postgresql = bind.dialect.name == "postgresql"
    if postgresql:
        if bind.execute(sa.text("SELECT to_regclass(:j)"), {"j": JOURNAL}).scalar() is not None:
            op.execute(f"DELETE FROM {JOURNAL} WHERE owner = '#shared'")
        # team init's policies on meta rest on added_by (store/team.py, _protect_meta).
        for policy in ("meta_read", "meta_own", "meta_admins"):
            op.execute(f"DROP POLICY IF EXISTS {policy} ON meta")
        op.execute("ALTER TABLE meta DISABLE ROW LEVEL SECURITY")
        for table in STAMPED:
            op.execute(f'ALTER TABLE "{table}" DROP COLUMN added_by')
        for table, _column, parent, _key in OWNED_LINKS:
            op.drop_constraint(f"fk_{table}_{parent}_owner", table, type_="foreignkey")
        for parent in dict.fromkeys(parent for _, _, parent, _ in OWNED_LINKS):
            op.drop_constraint(f"uq_{parent}_id_owner", parent, type_="unique")
        for table, column, parent, key in OWNED_LINKS:
            op.drop_constraint(f"{table}_pkey", table, type_="primary")
            op.create_primary_key(f"{table}_pkey", table, [c for c in key if c != "owner"])
            op.create_foreign_key(
                f"{table}_{column}_fkey", table, parent, [column], ["id"], ondelete="CASCADE"
            )
    # The downgrading login's own secret (on SQLite, the only one) goes back to meta.
    who = "CURRENT_USER" if postgresql else "''"
    op.execute(
        f"INSERT INTO meta (key, value) SELECT '{SECRET}', value FROM member_secret "
        f"WHERE owner = {who} AND name = 'anonymize'"
    )
    op.drop_table("member_secret")
