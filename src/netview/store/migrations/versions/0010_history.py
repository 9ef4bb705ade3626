"""History of archives and introductions: when each archive was made and how many
connections it lists (so a newer archive of a person supersedes an older one), the changes
each newer import found, and the introductions you asked for (private per member).

Archives imported before this revision get their date from the file name, else the newest
connection they list, else the day they were imported.

Revision ID: 0010
Revises: 0008
Create Date: 2026-12-04 15:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    op.create_table(
        "source_snapshot",
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("connections", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["source_id"], ["source.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("source_id"),
    )
    op.create_table(
        "network_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("company_old", sa.String(length=300), nullable=True),
        sa.Column("company_new", sa.String(length=300), nullable=True),
        sa.Column("position_old", sa.String(length=300), nullable=True),
        sa.Column("position_new", sa.String(length=300), nullable=True),
        sa.Column("seen", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["source_id"], ["source.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_network_change_source_id", "network_change", ["source_id"])
    op.create_index("ix_network_change_person_id", "network_change", ["person_id"])
    op.create_table(
        "intro_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "owner",
            sa.String(length=63),
            nullable=False,
            server_default=sa.text("CURRENT_USER") if postgresql else sa.text("''"),
        ),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("via_id", sa.Integer(), nullable=False),
        sa.Column("draft", sa.Text(), nullable=False),
        sa.Column("asked_on", sa.Date(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("state_on", sa.Date(), nullable=False),
        sa.Column("steps", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["target_id"], ["person.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["via_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_intro_request_target_id", "intro_request", ["target_id"])
    op.create_index("ix_intro_request_via_id", "intro_request", ["via_id"])
    imported_day = "CAST(s.imported_at AS DATE)" if postgresql else "date(s.imported_at)"
    op.execute(
        "INSERT INTO source_snapshot (source_id, as_of, connections) "
        "SELECT s.id, COALESCE(s.exported_on, "
        "(SELECT MAX(ts.connected_on) FROM tie_source ts WHERE ts.source_id = s.id), "
        f"{imported_day}), "
        "(SELECT COUNT(*) FROM tie_source ts JOIN tie t ON t.id = ts.tie_id "
        "WHERE ts.source_id = s.id AND s.owner_id IN (t.a_id, t.b_id)) "
        "FROM source s WHERE s.kind = 'linkedin'"
    )


def downgrade() -> None:
    op.drop_index("ix_intro_request_via_id", table_name="intro_request")
    op.drop_index("ix_intro_request_target_id", table_name="intro_request")
    op.drop_table("intro_request")
    op.drop_index("ix_network_change_person_id", table_name="network_change")
    op.drop_index("ix_network_change_source_id", table_name="network_change")
    op.drop_table("network_change")
    op.drop_table("source_snapshot")
