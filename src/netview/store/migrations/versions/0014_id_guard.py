"""A team server hands out row ids (docs/threat-model.md, "Ids"; store/team_ids.py): a
member's insert under an id the sequence did not hand out, far past the ids in use, or an
id changed, is refused in one line; evidence and messages kept unattached hang only on the
member's own sources (store/team_guard.py).

No table changes. On a team database the upgrade itself installs the checks: every upgrade
of a team database ends by securing it again (store/migrate.py, upgrade), and this revision
is what makes a database at 0013 upgrade, so an admin's `netview team init` (or the owner's
next start) puts them in. SQLite has one user and nothing to check.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05 08:00:00
"""

from __future__ import annotations

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing to change in the tables (see the module's docstring)."""


def downgrade() -> None:
    """Nothing to undo: the checks go with the team's roles."""
