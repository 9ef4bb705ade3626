"""What an import did, per archive or file: shown by `netview import` and File > Import….

Its own module because the importer and the importers it calls (merge, interop) all build
one, and none of them should import another just for this class.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from netview.core.records import FileReport


@dataclass
class ImportReport:
    archive: str
    status: str  # "imported" or "unchanged" (already imported)
    owner_key: str | None = None
    owner_name: str | None = None
    role: str | None = None  # "you" or "shared" (a colleague's export)
    owner_found_by: str | None = None
    era: str | None = None
    added: dict[str, int] = field(default_factory=dict)
    hidden_rows: int = 0
    ambiguous_messages: int = 0  # messages to a name several people share: kept, unattached
    warnings: list[str] = field(default_factory=list)
    # What a newer archive of its owner changed: {"new": n, "gone": n, "moved": n}
    changes: dict[str, int] = field(default_factory=dict)
    files: list[FileReport] = field(default_factory=list)
    # Evidence files: people written to or met most often whom no LinkedIn person matches
    # ({who, address, times, last, why}), most frequent first.
    correspondents: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        for f in out["files"]:
            f["kind"] = str(f["kind"]) if f["kind"] is not None else None
        return out
