"""messages.csv in every generation: 2018 `Messages.csv` (Direction, Folder, US dates), early
2020 (upper-cased, ISO dates), 2021-2022, 2023 (RECIPIENT PROFILE URLS), Dec 2024 (draft
columns), 2025 (ATTACHMENTS, IS MESSAGE DRAFT) and 2026 (all quoted, line breaks in CONTENT).

Sponsored mail and drafts are skipped with a reason; the AI-coach files share the header but
are not read (archive.py never hands them here).
"""

from __future__ import annotations

from collections.abc import Iterable

from netview.core.records import FileReport, Message
from netview.io.linkedin.dates import parse_datetime
from netview.io.linkedin.html import to_text
from netview.io.linkedin.text import Header, opt

Rows = Iterable[tuple[int, list[str]]]

_TRUE = frozenset({"true", "yes", "1", "y"})
_SPONSOR_NAME = "linkedin member"
# Credentials that follow a name after a comma ("Silva, PhD"), lower-case.
_CREDENTIALS = frozenset(
    {
        "phd",
        "ph.d",
        "ph.d.",
        "mba",
        "cfa",
        "cpa",
        "pmp",
        "md",
        "m.d.",
        "msc",
        "bsc",
        "ma",
        "ba",
        "jr",
        "jr.",
        "sr",
        "sr.",
        "ii",
        "iii",
        "iv",
        "pe",
        "esq",
        "esq.",
        "meng",
        "llm",
    }
)
_SPONSOR_TITLE = "sponsored conversation"


def _credential(piece: str) -> bool:
    """A piece of a comma-split name list that belongs to the name before it (", PhD")."""
    word = piece.strip().lower()
    return word in _CREDENTIALS or (0 < len(word) <= 5 and " " not in word and piece.isupper())


def split_recipients(to: str, count: int) -> tuple[str, ...]:
    """`count` names from TO, which joins names with commas that names may contain too.

    Best effort: split on commas, glue credentials (", PhD") back to the name before them;
    when the pieces still do not add up to `count`, '' for every name (cannot tell).
    """
    if count <= 0:
        return ()
    if count == 1:
        return (to.strip(),)
    pieces = [p.strip() for p in to.split(",")]
    if len(pieces) == count:
        return tuple(pieces)
    merged: list[str] = []
    for piece in pieces:
        if merged and _credential(piece):
            merged[-1] = f"{merged[-1]}, {piece}"
        else:
            merged.append(piece)
    if len(merged) == count:
        return tuple(merged)
    return ("",) * count


def read_messages(rows: Rows, header: Header, report: FileReport) -> list[Message]:
    col = header.index()
    i_from, i_date, i_content = col["from"], col["date"], col["content"]
    get = col.get
    i_conv, i_title = get("conversation id"), get("conversation title")
    i_sender, i_to, i_urls = get("sender profile url"), get("to"), get("recipient profile urls")
    i_subject, i_folder, i_dir = get("subject"), get("folder"), get("direction")
    i_draft = get("is message draft")
    needed = max(i_from, i_date, i_content) + 1
    width = len(header.names)
    out: list[Message] = []
    append = out.append

    def at(row: list[str], i: int | None) -> str:
        return row[i].strip() if i is not None and i < len(row) else ""

    for line, row in rows:
        report.rows_read += 1
        if len(row) < needed:
            report.skip(line, f"row has {len(row)} cells, the header {width}")
            continue
        from_name = row[i_from].strip()
        sender_url = opt(at(row, i_sender)) if i_sender is not None else None
        raw_content = row[i_content]
        title = at(row, i_title)
        if (
            (from_name.lower() == _SPONSOR_NAME and sender_url is None)
            or title.lower() == _SPONSOR_TITLE
            or "%FIRSTNAME%" in raw_content
            or "%LASTNAME%" in raw_content
        ):
            report.skip(line, "sponsored mail")
            continue
        if i_draft is not None and at(row, i_draft).lower() in _TRUE:
            report.skip(line, "draft")
            continue
        raw_date = row[i_date].strip()
        sent_at = None
        if raw_date:
            try:
                sent_at = parse_datetime(raw_date)
            except ValueError:
                report.skip(line, f"unreadable date {raw_date!r}")
                continue
        to = at(row, i_to)
        if i_urls is not None:
            urls = tuple(u.strip() for u in at(row, i_urls).split(",") if u.strip())
            to_names = split_recipients(to, len(urls)) if urls else ((to,) if to else ())
        else:
            urls = ()
            to_names = (to,) if to else ()
        folder = opt(at(row, i_folder)) if i_folder is not None else None
        outgoing: bool | None = None
        if i_dir is not None:
            direction = at(row, i_dir).upper()
            outgoing = (
                True if direction == "OUTGOING" else False if direction == "INCOMING" else None
            )
        elif folder is not None and folder.upper() == "SENT":
            outgoing = True
        if not from_name and sender_url is None:
            report.hidden += 1
            continue
        append(
            Message(
                line=line,
                conversation_id=opt(at(row, i_conv)) if i_conv is not None else None,
                conversation_title=opt(title) if title else None,
                from_name=from_name,
                sender_url=sender_url,
                to_names=to_names,
                recipient_urls=urls,
                sent_at=sent_at,
                subject=opt(at(row, i_subject)) if i_subject is not None else None,
                content=to_text(raw_content),
                folder=folder,
                outgoing=outgoing,
                is_draft=False,
                sponsored=False,
            )
        )
    report.rows_imported += len(out)
    return out
