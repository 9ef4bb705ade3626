"""The evidence sample (an owner's calendar, mailbox and address book, with truth.json) for
the importer's tests: read by the real readers (netview.io.evidence) through the format
registry, as `netview import` reads them."""

from __future__ import annotations

from pathlib import Path

from netview.core.evidence import EvidenceFile
from netview.core.progress import NoProgress
from netview.io import formats

EVIDENCE = Path(__file__).parents[1] / "fixtures" / "evidence"
FILES = ("contacts.vcf", "calendar.ics", "mail.mbox")


def paths(folder: Path = EVIDENCE) -> list[Path]:
    return [folder / name for name in FILES]


def sample(folder: Path = EVIDENCE) -> list[EvidenceFile]:
    """The address book, calendar and mailbox of an evidence sample folder, read."""
    out = []
    for path in paths(folder):
        fmt = formats.recognise_or_fail(path)
        assert fmt.read is not None
        read = fmt.read(path, NoProgress())
        assert isinstance(read, EvidenceFile), (path, fmt.name)
        out.append(read)
    return out
