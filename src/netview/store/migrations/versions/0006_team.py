"""Team databases: private rows carry their owner; message texts and private flags move out
of the shared tables; team members

Every private table gains `owner`, the database login that wrote the row (PostgreSQL's
current_user; '' on SQLite, where there is only ever one user). On PostgreSQL, names and
follow-up settings become unique per owner, so two members may both have a tag "investor".
On SQLite the old constraints stay: with one owner they say the same, and SQLite could only
drop them by copying tables, which would cascade-delete their children.

Interactions keep what is shared (kind, who, to whom, when); their texts move to
interaction_text, one row per member whose archive carried them. The private flag moves from
person to person_private, one row per member who set it.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 13:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

PRIVATE_TABLES = (
    "note",
    "tag",
    "person_tag",
    "group",
    "group_member",
    "followup",
    "touch",
    "goal",
    "intro_template",
)
# (table, unique columns) that were unique across the database and are unique per owner now.
PER_OWNER_UNIQUE = (("group", "name"), ("tag", "name"), ("intro_template", "name"))


def _owner_default(postgresql: bool) -> sa.TextClause:
    return sa.text("CURRENT_USER") if postgresql else sa.text("''")


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    default = _owner_default(postgresql)
    for name in PRIVATE_TABLES:
        op.add_column(
            name, sa.Column("owner", sa.String(length=63), nullable=False, server_default=default)
        )
    if postgresql:
        for name, column in PER_OWNER_UNIQUE:
            op.drop_constraint(f"{name}_{column}_key", name, type_="unique")
            op.create_unique_constraint(f"uq_{name}_owner_{column}", name, ["owner", column])
        op.drop_constraint("followup_pkey", "followup", type_="primary")
        op.create_primary_key("followup_pkey", "followup", ["owner", "person_id"])

    op.create_table(
        "interaction_text",
        sa.Column("interaction_id", sa.Integer(), nullable=False),
        sa.Column("owner", sa.String(length=63), nullable=False, server_default=default),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("body", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["interaction_id"], ["interaction.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("interaction_id", "owner"),
    )
    op.execute(
        "INSERT INTO interaction_text (interaction_id, subject, body) "
        "SELECT id, subject, body FROM interaction WHERE subject IS NOT NULL OR body IS NOT NULL"
    )
    op.create_table(
        "person_private",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("owner", sa.String(length=63), nullable=False, server_default=default),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("person_id", "owner"),
    )
    true = "true" if postgresql else "1"
    op.execute(
        f"INSERT INTO person_private (person_id) SELECT id FROM person WHERE private = {true}"
    )
    # Plain ALTER TABLE … DROP COLUMN: both PostgreSQL and SQLite (3.35+) do it in place.
    op.execute("ALTER TABLE interaction DROP COLUMN subject")
    op.execute("ALTER TABLE interaction DROP COLUMN body")
    op.execute("ALTER TABLE person DROP COLUMN private")

    op.create_table(
        "team_member",
        sa.Column("login", sa.String(length=63), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("login"),
    )


def downgrade() -> None:
    """Back to one user's database: texts and private flags return to their tables' rows,
    owners go. A database with private rows of several members cannot go back without
    losing some, so it is refused before anything changes."""
    bind = op.get_bind()
    postgresql = bind.dialect.name == "postgresql"
    owners: set[str] = set()
    for name in (*PRIVATE_TABLES, "interaction_text", "person_private"):
        owners |= {str(o) for (o,) in bind.execute(sa.text(f'SELECT DISTINCT owner FROM "{name}"'))}
    if len(owners) > 1:
        raise RuntimeError(
            "this database holds private rows of several team members "
            f"({', '.join(sorted(owners))}); it cannot go back to a personal database"
        )
    op.drop_table("team_member")
    op.add_column("person", sa.Column("private", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))  # fmt: skip
    op.execute("UPDATE person SET private = (id IN (SELECT person_id FROM person_private))")
    op.drop_table("person_private")
    op.add_column("interaction", sa.Column("subject", sa.Text(), nullable=True))
    op.add_column("interaction", sa.Column("body", sa.Text(), nullable=True))
    text_of = "FROM interaction_text t WHERE t.interaction_id = interaction.id"
    op.execute(
        f"UPDATE interaction SET subject = (SELECT t.subject {text_of}), "
        f"body = (SELECT t.body {text_of})"
    )
    op.drop_table("interaction_text")
    if postgresql:
        op.drop_constraint("followup_pkey", "followup", type_="primary")
        op.create_primary_key("followup_pkey", "followup", ["person_id"])
        for name, column in PER_OWNER_UNIQUE:
            op.drop_constraint(f"uq_{name}_owner_{column}", name, type_="unique")
            op.create_unique_constraint(f"{name}_{column}_key", name, [column])
    for name in PRIVATE_TABLES:
        op.execute(f'ALTER TABLE "{name}" DROP COLUMN owner')
