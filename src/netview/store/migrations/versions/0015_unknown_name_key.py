"""Who waits to be attached under a person's name is found by an index: each stranger's row
keeps the matcher's key of the name it was given (`evidence_unknown.name_key`), so Details
looks a person's own name key up instead of reading every stranger (benchmarks/attach_waiting.py).

Rows kept before this revision have no key (NULL) and are still read the slow way, only
they (the key is the matcher's, above the store: a migration cannot compute it). Private like
the rest of the row: the table's row-level security and grants cover the new column (every
upgrade of a team database ends by securing it again, store/migrate.py).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("evidence_unknown", sa.Column("name_key", sa.String(), nullable=True))
    op.create_index("ix_evidence_unknown_name_key", "evidence_unknown", ["name_key"])


def downgrade() -> None:
    op.drop_index("ix_evidence_unknown_name_key", table_name="evidence_unknown")
    with op.batch_alter_table("evidence_unknown") as batch:
        batch.drop_column("name_key")
