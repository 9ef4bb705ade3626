"""What identifies one interaction across exports, so the same message read twice is one.

Both sides of a conversation export it, each from their own archive: the key hashes what both
see alike (kind, time, the people in it), never which archive it came from. The importer, the
attaching of unattached messages and `team join` all compute it, so it lives below them all.
"""

from __future__ import annotations

import hashlib


def dedup(*parts: object) -> str:
    """What identifies one interaction across exports (both sides export a conversation)."""
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:40]
