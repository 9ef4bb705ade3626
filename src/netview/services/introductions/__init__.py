"""Who can introduce you: ranked paths, draft requests, and the introductions you asked for."""
