"""Messages an import could not attach move out of the shared `meta` table into
`pending_message`, private to the login whose import kept them: their texts are message
texts, which a teammate must never read (on SQLite, one user, the owner is '').

Entries kept before this revision on a server go to the member whose archive the source is,
else to whoever runs the upgrade (the team's admin).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 17:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    op.create_table(
        "pending_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "owner",
            sa.String(length=63),
            nullable=False,
            server_default=sa.text("CURRENT_USER") if postgresql else sa.text("''"),
        ),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("entries", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["source_id"], ["source.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("owner", "source_id"),
    )
    op.create_index("ix_pending_message_source_id", "pending_message", ["source_id"])
    if postgresql:
        op.execute(
            "INSERT INTO pending_message (owner, source_id, entries) "
            "SELECT COALESCE((SELECT tm.login FROM team_member tm JOIN source s "
            "ON s.owner_id = tm.person_id WHERE s.id = substr(m.key, 9)::integer "
            "ORDER BY tm.login LIMIT 1), CURRENT_USER), substr(m.key, 9)::integer, m.value "
            "FROM meta m WHERE m.key ~ '^pending:[0-9]+$' "
            "AND EXISTS (SELECT 1 FROM source s WHERE s.id = substr(m.key, 9)::integer)"
        )
    else:
        op.execute(
            "INSERT INTO pending_message (owner, source_id, entries) "
            "SELECT '', CAST(substr(m.key, 9) AS INTEGER), m.value FROM meta m "
            "WHERE m.key GLOB 'pending:[0-9]*' "
            "AND EXISTS (SELECT 1 FROM source s WHERE s.id = CAST(substr(m.key, 9) AS INTEGER))"
        )
    op.execute("DELETE FROM meta WHERE key LIKE 'pending:%'")


def downgrade() -> None:
    op.execute(
        "INSERT INTO meta (key, value) SELECT 'pending:' || source_id, entries FROM pending_message"
    )
    op.drop_index("ix_pending_message_source_id", table_name="pending_message")
    op.drop_table("pending_message")
