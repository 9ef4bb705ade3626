"""Whom to get back to: cadences and due dates, reminders, who moved on, invitations."""
