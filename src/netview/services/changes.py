"""What an edit or a load changed, so each view re-reads only what it shows.

Anki's front end does this with OpChanges: an operation says which kinds of data it
touched and a widget redraws only if one of its kinds is among them. Here a `Changes` is a
set of flags; the document reloads the network only for changes the network holds, and
each panel declares the flags it depends on (netview.ui.panels.base.Panel.DEPENDS).
"""

from __future__ import annotations

from enum import Flag, auto


class Changes(Flag):
    """Kinds of data an edit or a load changed (combine with `|`, test with `&`)."""

    NONE = 0
    PEOPLE = auto()  # people added, removed, merged, renamed
    TIES = auto()  # ties and the interactions behind their strength
    TOUCHES = auto()  # contacts logged by hand ("last contact")
    GROUPS = auto()  # the user's own groups: members, names, colours, cadences
    GROUPING = auto()  # how the map is coloured (View › Colour By)
    NOTES = auto()
    TAGS = auto()
    FOLLOWUPS = auto()  # cadences and snoozes of people
    GOALS = auto()
    PRIVACY = auto()  # who is kept out of exports and shared pictures
    SOURCES = auto()  # the imported exports
    INTROS = auto()  # introductions you asked for, and how each went
    MAP = auto()  # the map model shown is a new one


# What the loaded network (netview.services.network.LoadedNetwork, plus the group inputs
# kept with it) holds: a change of any of these needs a new load.
NETWORK = (
    Changes.PEOPLE
    | Changes.TIES
    | Changes.TOUCHES
    | Changes.GROUPS
    | Changes.PRIVACY
    | Changes.SOURCES
)

# What the map draws: only these make a new map model (a logged contact keeps the map).
MAP_INPUTS = (
    Changes.PEOPLE
    | Changes.TIES
    | Changes.GROUPS
    | Changes.GROUPING
    | Changes.PRIVACY
    | Changes.SOURCES
)

# Everything kept about a person: what a merge or split moves, and what Details shows.
PERSON = (
    Changes.PEOPLE
    | Changes.TIES
    | Changes.TOUCHES
    | Changes.NOTES
    | Changes.TAGS
    | Changes.FOLLOWUPS
    | Changes.GROUPS
    | Changes.PRIVACY
)

# A database opened, an import, a teammate's change: anything may differ.
EVERYTHING = ~Changes.NONE


def needs_load(changes: Changes) -> bool:
    return bool(changes & NETWORK)


def redraws_map(changes: Changes) -> bool:
    return bool(changes & MAP_INPUTS)
