"""Import reports as people read them: per archive, per file, rows read/imported/skipped.

An archive's report is kept with its source (`Source.report`, JSON), so the app can show it
again from File > Sources… long after the import.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from netview.services.identity.matcher import words_key
from netview.store import sources
from netview.store.db import Database

SHOWN_SKIPS = 50  # per file; the rest are counted
EVIDENCE_ROLES = ("calendar", "mailbox", "address_book")  # your own files (services/evidence)


@dataclass(frozen=True)
class FileLine:
    name: str
    text: str  # "60 rows read, 58 imported, 2 skipped"
    skipped: list[str] = field(default_factory=list)  # "line 12: unparseable date"


NAMESAKE_WHY = "several people have this name"  # why services.importing.evidence lists one


@dataclass(frozen=True)
class Correspondent:
    """Someone often in touch whom no LinkedIn person matched (your own mailbox, calendar)."""

    who: str  # what `netview address` takes: the address, or "~" and the folded name
    name: str  # as the headers gave it (the address when they gave none)
    text: str  # "Pat Offline <pat@example.com>, 12 times, last 2026-11-10 (not on LinkedIn)"
    namesake: bool = False  # their name is several people's: one may be them


@dataclass(frozen=True)
class ArchiveSummary:
    title: str  # "me.zip: your export (2024 format)"
    added: str  # "added 61 people, 60 ties, 141 messages"
    files: list[FileLine]
    warnings: list[str]
    correspondents: list[Correspondent] = field(default_factory=list)


def counted(n: int, kind: str) -> str:
    """ "1 message", "12 messages", "3 people"."""
    if kind in ("people", "ties") or kind.endswith("s"):
        return f"{n:,} {kind}"
    return f"{n:,} {kind}{'' if n == 1 else 's'}"


def summarise(report: dict[str, Any]) -> ArchiveSummary:
    """One archive's report (ImportReport.to_dict(), or as stored) in sentences."""
    label = str(report.get("archive") or "import")
    added = report.get("added") or {}
    added_text = "added " + (", ".join(counted(int(n), k) for k, n in added.items()) or "nothing")
    warnings = [str(w) for w in report.get("warnings") or []]
    changes = report.get("changes") or {}
    if changes:
        # A newer archive of its owner: what it changed leads (File > What's New lists them).
        what = ", ".join(f"{int(n):,} {k}" for k, n in changes.items())
        warnings.insert(0, f"changed since the archive before: {what} (File › What's New)")
    if report.get("status") == "unchanged":
        return ArchiveSummary(f"{label}: already imported, nothing changed", "", [], warnings)
    role = report.get("role")
    evidence = role in EVIDENCE_ROLES
    correspondents = []
    if evidence:
        title = f"{label}: your {str(role).replace('_', ' ')}"
        for c in report.get("correspondents") or []:
            last = f", last {c['last']}" if c.get("last") else ""
            address = str(c.get("address") or "")
            shown = f"{c['who']} <{address}>" if address else str(c["who"])
            who = address or f"~{words_key(str(c['who']))}"  # as services/evidence keys them
            text = f"{shown}, {c['times']} times{last} ({c['why']})"
            namesake = c.get("why") == NAMESAKE_WHY
            correspondents.append(Correspondent(who, str(c["who"]), text, namesake))
    elif role == "file":
        title = f"{label}: {report.get('era')} file"
    elif role == "you":
        title = f"{label}: your export ({report.get('era')} format)"
    else:
        owner = report.get("owner_name") or report.get("owner_key") or "a colleague"
        title = f"{label}: {owner}'s shared export ({report.get('era')} format)"
    files = []
    for f in report.get("files") or []:
        if f.get("kind") is None and not evidence:
            continue  # a file NetView does not read (job applications, …)
        skipped = f.get("skipped") or []
        text = f"{counted(int(f['rows_read']), 'row')} read, {f['rows_imported']:,} imported"
        if f.get("hidden"):
            text += f", {f['hidden']:,} hidden members skipped"
        if skipped:
            text += f", {len(skipped):,} skipped"
        if f.get("note"):
            text += f" ({f['note']})"
        lines = [f"line {s['line']}: {s['reason']}" for s in skipped[:SHOWN_SKIPS]]
        if len(skipped) > SHOWN_SKIPS:
            lines.append(f"… and {len(skipped) - SHOWN_SKIPS:,} more")
        files.append(FileLine(str(f["name"]), text, lines))
    return ArchiveSummary(title, added_text, files, warnings, correspondents)


def source_report(db: Database, source_id: int) -> dict[str, Any] | None:
    """The report kept with a source; None when it has none (sources made before reports
    were kept, and files from other tools)."""
    with db.session() as s:
        raw = sources.source_report(s, source_id)
    if not raw:
        return None
    value = json.loads(raw)
    return value if isinstance(value, dict) else None
