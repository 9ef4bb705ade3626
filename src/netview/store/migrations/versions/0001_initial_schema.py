"""Initial schema: people, aliases, sources, ties, interactions, positions

Revision ID: 0001
Revises:
Create Date: 2026-11-25 22:21:49.156465
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meta",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=400), nullable=False),
        sa.Column("first_name", sa.String(length=200), nullable=False),
        sa.Column("last_name", sa.String(length=200), nullable=False),
        sa.Column("name", sa.String(length=400), nullable=False),
        sa.Column("name_key", sa.String(length=400), nullable=False),
        sa.Column("url", sa.String(length=500), nullable=True),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("company", sa.String(length=300), nullable=True),
        sa.Column("position", sa.String(length=300), nullable=True),
        sa.Column("headline", sa.String(length=500), nullable=True),
        sa.Column("location", sa.String(length=300), nullable=True),
        sa.Column("info_as_of", sa.Date(), nullable=True),
        sa.Column("private", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_name_key"), ["name_key"], unique=False)

    op.create_table(
        "interaction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=True),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.String(length=200), nullable=True),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("body", sa.Text(), nullable=True),
        sa.Column("dedup", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("dedup"),
    )
    with op.batch_alter_table("interaction", schema=None) as batch_op:
        batch_op.create_index("ix_interaction_actor", ["actor_id", "occurred_at"], unique=False)

    op.create_table(
        "person_alias",
        sa.Column("alias", sa.String(length=400), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("alias"),
    )
    with op.batch_alter_table("person_alias", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_alias_person_id"), ["person_id"], unique=False)

    op.create_table(
        "source",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("label", sa.String(length=500), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("era", sa.String(length=16), nullable=True),
        sa.Column("exported_on", sa.Date(), nullable=True),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("report", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["owner_id"], ["person.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("content_hash"),
    )
    op.create_table(
        "tie",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("a_id", sa.Integer(), nullable=False),
        sa.Column("b_id", sa.Integer(), nullable=False),
        sa.Column("connected_on", sa.Date(), nullable=True),
        sa.CheckConstraint("a_id < b_id", name="tie_ordered"),
        sa.ForeignKeyConstraint(["a_id"], ["person.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["b_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("a_id", "b_id"),
    )
    with op.batch_alter_table("tie", schema=None) as batch_op:
        batch_op.create_index("ix_tie_b", ["b_id"], unique=False)

    op.create_table(
        "interaction_source",
        sa.Column("interaction_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["interaction_id"], ["interaction.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["source_id"], ["source.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("interaction_id", "source_id"),
    )
    with op.batch_alter_table("interaction_source", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_interaction_source_source_id"), ["source_id"], unique=False
        )

    op.create_table(
        "interaction_target",
        sa.Column("interaction_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["interaction_id"], ["interaction.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("interaction_id", "person_id"),
    )
    with op.batch_alter_table("interaction_target", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_interaction_target_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "person_source",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["source_id"], ["source.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("person_id", "source_id"),
    )
    with op.batch_alter_table("person_source", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_source_source_id"), ["source_id"], unique=False)

    op.create_table(
        "position",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("company", sa.String(length=300), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=True),
        sa.Column("location", sa.String(length=300), nullable=True),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("finished_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["source_id"], ["source.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("position", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_position_person_id"), ["person_id"], unique=False)

    op.create_table(
        "tie_source",
        sa.Column("tie_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("connected_on", sa.Date(), nullable=True),
        sa.Column("weight", sa.Double(), nullable=True),
        sa.ForeignKeyConstraint(["source_id"], ["source.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["tie_id"], ["tie.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("tie_id", "source_id"),
    )
    with op.batch_alter_table("tie_source", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tie_source_source_id"), ["source_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("tie_source", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tie_source_source_id"))

    op.drop_table("tie_source")
    with op.batch_alter_table("position", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_position_person_id"))

    op.drop_table("position")
    with op.batch_alter_table("person_source", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_source_source_id"))

    op.drop_table("person_source")
    with op.batch_alter_table("interaction_target", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interaction_target_person_id"))

    op.drop_table("interaction_target")
    with op.batch_alter_table("interaction_source", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interaction_source_source_id"))

    op.drop_table("interaction_source")
    with op.batch_alter_table("tie", schema=None) as batch_op:
        batch_op.drop_index("ix_tie_b")

    op.drop_table("tie")
    op.drop_table("source")
    with op.batch_alter_table("person_alias", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_alias_person_id"))

    op.drop_table("person_alias")
    with op.batch_alter_table("interaction", schema=None) as batch_op:
        batch_op.drop_index("ix_interaction_actor")

    op.drop_table("interaction")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_name_key"))

    op.drop_table("person")
    op.drop_table("meta")
