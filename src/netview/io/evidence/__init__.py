"""Readers of the user's own evidence: calendars, mailboxes, address books."""
