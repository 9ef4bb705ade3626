"""A member may change a person's key on a team server only if the old key still finds
someone (docs/threat-model.md, "A person's key"; store/team_guard.py): a teammate's next
import of the old key then finds the person instead of adding them again.

No table changes. As 0014: every upgrade of a team database ends by securing it again
(store/migrate.py, upgrade), and this revision is what makes a database at 0015 upgrade.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05 09:00:00
"""

from __future__ import annotations

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing to change in the tables (see the module's docstring)."""


def downgrade() -> None:
    """Nothing to undo: the check goes with the team's roles."""
