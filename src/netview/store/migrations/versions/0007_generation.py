"""A change counter on PostgreSQL: statement triggers on the shared tables advance one
sequence, so a member's app can tell at once whether the map it kept is still the map of
the data (netview.store.generation). SQLite needs none: its file changes with every write.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 16:40:00
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# The shared tables as of this revision (frozen here: a migration must not follow models).
TABLES = (
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
    "identity_decision",
    "meta",
    "team_member",
)


def upgrade() -> None:
    from netview.store import generation

    generation.install(op.get_bind(), TABLES)


def downgrade() -> None:
    from netview.store import generation

    generation.uninstall(op.get_bind(), TABLES)
