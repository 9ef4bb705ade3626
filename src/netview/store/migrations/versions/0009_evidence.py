"""The member's own evidence: meetings and e-mails from their calendar and mailbox, the
people in them (known, and not yet known), the addresses that say who is who, and each
evidence file's report.

All five tables are private (an `owner` column, under the members' row-level policies on a
team server: store/team.py PRIVATE_TABLES): a calendar and a mailbox are one member's, like
notes. Each row hangs off the source row of the file it came from, so `netview forget FILE`
takes it all away through ON DELETE CASCADE.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 15:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def _owner(postgresql: bool) -> sa.Column[str]:
    default = sa.text("CURRENT_USER") if postgresql else sa.text("''")
    return sa.Column("owner", sa.String(length=63), nullable=False, server_default=default)


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    op.create_table(
        "evidence_item",
        sa.Column("id", sa.Integer(), nullable=False),
        _owner(postgresql),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("dedup", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["source_id"], ["source.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("owner", "kind", "dedup"),
    )
    op.create_index("ix_evidence_item_source_id", "evidence_item", ["source_id"])
    op.create_table(
        "evidence_person",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        _owner(postgresql),
        sa.ForeignKeyConstraint(["item_id"], ["evidence_item.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("item_id", "person_id"),
    )
    op.create_index("ix_evidence_person_person_id", "evidence_person", ["person_id"])
    op.create_table(
        "evidence_unknown",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("who", sa.String(length=400), nullable=False),
        sa.Column("name", sa.String(length=400), nullable=False),
        _owner(postgresql),
        sa.ForeignKeyConstraint(["item_id"], ["evidence_item.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("item_id", "who"),
    )
    op.create_index("ix_evidence_unknown_who", "evidence_unknown", ["who"])
    op.create_table(
        "evidence_address",
        sa.Column("id", sa.Integer(), nullable=False),
        _owner(postgresql),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("address", sa.String(length=320), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("how", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(["source_id"], ["source.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_evidence_address_source_id", "evidence_address", ["source_id"])
    op.create_index("ix_evidence_address_address", "evidence_address", ["address"])
    op.create_table(
        "evidence_report",
        sa.Column("source_id", sa.Integer(), nullable=False),
        _owner(postgresql),
        sa.Column("report", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["source_id"], ["source.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("source_id"),
    )


def downgrade() -> None:
    op.drop_table("evidence_report")
    op.drop_index("ix_evidence_address_address", table_name="evidence_address")
    op.drop_index("ix_evidence_address_source_id", table_name="evidence_address")
    op.drop_table("evidence_address")
    op.drop_index("ix_evidence_unknown_who", table_name="evidence_unknown")
    op.drop_table("evidence_unknown")
    op.drop_index("ix_evidence_person_person_id", table_name="evidence_person")
    op.drop_table("evidence_person")
    op.drop_index("ix_evidence_item_source_id", table_name="evidence_item")
    op.drop_table("evidence_item")
