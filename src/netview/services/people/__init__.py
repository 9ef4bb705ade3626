"""What you keep about people: the Details view of one person, notes, tags and your own groups."""
