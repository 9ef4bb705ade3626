"""Use cases the command line and the desktop app call, one room (subpackage) per capability.

importing/      LinkedIn archives, interop files, your calendar/mailbox/address book; forget
identity/       the one person resolver and name matcher; merges and splits by hand
mapping/        the map's layout, view-model, kept shape and kept map
sharing/        everything that leaves the app for someone else (one shared view), and restore
followups/      cadences and due dates, reminders, moved on, invitations
introductions/  warm paths, draft requests, introductions you asked for
people/         one person's details, notes, tags, your own groups
analysis/       stats and insights
team/           the team server's set-up and members

Beside the rooms, what every room uses: network.py (the network loaded in bulk), document.py (the
open database as the app sees it), changes.py (what an edit changed), wording.py (plain words),
asof.py (the network as of a date: the map, groups and insights all ask).
"""
