"""Your own evidence keeps who was on each meeting and e-mail, so that correcting your own
addresses (`netview my-address`) re-reads what was imported without the original files.

- `evidence_item.boxes`: the participants as the headers gave them (address and display
  name; for a meeting, who declined), JSON. Headers only, as before: no subject, title or
  body. Private like the rest of the row (row-level security on a team server). Items
  imported before this revision have none and stay as they were read.
- `evidence_item.counted`: false for a meeting kept only so that a correction can count it
  (one you declined, or too big while one of your addresses was not known as yours).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04 18:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("evidence_item", sa.Column("boxes", sa.Text(), nullable=True))
    op.add_column(
        "evidence_item",
        sa.Column("counted", sa.Boolean(), nullable=False, server_default=sa.true()),
    )


def downgrade() -> None:
    with op.batch_alter_table("evidence_item") as batch:
        batch.drop_column("counted")
        batch.drop_column("boxes")
