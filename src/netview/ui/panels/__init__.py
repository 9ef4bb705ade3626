"""Dockable panels around the map, one module each; `PANELS` in View-menu order."""

from __future__ import annotations

from netview.ui.panels.base import Panel
from netview.ui.panels.followups import FollowUpsPanel
from netview.ui.panels.groups import GroupsPanel
from netview.ui.panels.insights import InsightsPanel
from netview.ui.panels.invitations import InvitationsPanel
from netview.ui.panels.paths import PathsPanel
from netview.ui.panels.person import PersonPanel

PANELS: tuple[type[Panel], ...] = (
    PersonPanel,
    GroupsPanel,
    FollowUpsPanel,
    PathsPanel,
    InvitationsPanel,
    InsightsPanel,
)

__all__ = [
    "PANELS",
    "FollowUpsPanel",
    "GroupsPanel",
    "InsightsPanel",
    "InvitationsPanel",
    "Panel",
    "PathsPanel",
    "PersonPanel",
]
