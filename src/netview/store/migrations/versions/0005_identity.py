"""Identity: which export a person's facts come from, and the user's merge/split decisions

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 14:05:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("person") as batch_op:
        batch_op.add_column(sa.Column("info_rank", sa.Text(), nullable=True))
    op.create_table(
        "identity_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("key_a", sa.String(length=400), nullable=False),
        sa.Column("key_b", sa.String(length=400), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("identity_decision") as batch_op:
        batch_op.create_index("ix_identity_decision_key_b", ["key_b"], unique=False)


def downgrade() -> None:
    op.drop_table("identity_decision")
    with op.batch_alter_table("person") as batch_op:
        batch_op.drop_column("info_rank")
