"""messages.csv in every generation: 2018 `Messages.csv` (Direction, Folder, US dates), early
2020 (upper-cased, ISO dates), 2021-2022, 2023 (RECIPIENT PROFILE URLS), Dec 2024 (draft
columns), 2025 (ATTACHMENTS, IS MESSAGE DRAFT) and 2026 (all quoted, line breaks in CONTENT).

Sponsored mail and drafts are skipped with a reason; the AI-coach files share the header but
are not read (archive.py never hands them here).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from urllib.parse import unquote

from netview.core.ids import CREDENTIALS
from netview.core.records import FileReport, Message
from netview.io.linkedin.dates import parse_datetime
from netview.io.linkedin.html import to_text
from netview.io.linkedin.text import NULLISH, Header, fit

Rows = Iterable[tuple[int, list[str]]]

_TRUE = frozenset({"true", "yes", "1", "y"})
_SPONSOR_NAME = "linkedin member"
_SPONSOR_TITLE = "sponsored conversation"


def _credential(piece: str) -> bool:
    """A piece of a comma-split name list that belongs to the name before it (", PhD")."""
    word = piece.strip().lower()
    return word in CREDENTIALS or (0 < len(word) <= 5 and " " not in word and piece.isupper())


def _first_word(text: str) -> str:
    return text.split(" ", 1)[0].casefold()


def _slug_head(url: str) -> str:
    """The first word of a profile slug: "ann" for .../in/ann-lee-42 (raw or %-encoded)."""
    slug = url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    return unquote(slug).split("-", 1)[0].casefold()


def _by_slugs(pieces: list[str], urls: Sequence[str]) -> tuple[str, ...] | None:
    """Group comma-split pieces so that each group starts with the first word of its slug."""
    heads = [_slug_head(u) for u in urls]
    groups: list[str] = []
    j = 0
    for k, head in enumerate(heads):
        if j >= len(pieces) or _first_word(pieces[j]) != head:
            return None
        end = j + 1
        if k == len(heads) - 1:
            end = len(pieces)
        else:
            while end < len(pieces) and _first_word(pieces[end]) != heads[k + 1]:
                end += 1
        groups.append(", ".join(pieces[j:end]))
        j = end
    return tuple(groups) if j == len(pieces) else None


def split_recipients(to: str, count: int, urls: Sequence[str] = ()) -> tuple[str, ...]:
    """`count` names from TO, which joins names with commas that names may contain too.

    Best effort: split on commas; glue credentials (", PhD") back to the name before them;
    else group the pieces by the first word of each recipient's slug; when nothing adds up
    to `count`, '' for every name (cannot tell).
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
    if len(urls) == count:
        grouped = _by_slugs(pieces, urls)
        if grouped is not None:
            return grouped
    return ("",) * count


def read_messages(
    rows: Rows, header: Header, report: FileReport, day_first: bool | None = None
) -> list[Message]:
    col = header.index()
    width = len(header.names)
    i_from, i_date, i_content = col["from"], col["date"], col["content"]
    # Columns the file lacks point at the blank cell fit() adds at index `width`.

    def get(name: str) -> int:
        return col.get(name, width)

    i_conv, i_title = get("conversation id"), get("conversation title")
    i_sender, i_to, i_urls = get("sender profile url"), get("to"), get("recipient profile urls")
    i_subject, i_folder, i_dir = get("subject"), get("folder"), get("direction")
    i_draft = get("is message draft")
    has_urls = "recipient profile urls" in col
    has_direction = "direction" in col
    needed = max(i_from, i_date, i_content) + 1
    out: list[Message] = []
    append = out.append
    skip = report.skip
    read = 0

    for line, raw in rows:
        read += 1
        if len(raw) < needed:
            skip(line, f"row has {len(raw)} cells, the header {width}")
            continue
        if len(raw) == width:  # the usual case, without a call
            raw.append("")
            row = raw
        else:
            row = fit(raw, width)
        from_name = row[i_from].strip()
        sender_url: str | None = row[i_sender].strip()
        if sender_url in NULLISH:
            sender_url = None
        content = row[i_content]
        title: str | None = row[i_title].strip()
        if (
            (sender_url is None and from_name.lower() == _SPONSOR_NAME)
            or (title and title.lower() == _SPONSOR_TITLE)
            or ("%" in content and ("%FIRSTNAME%" in content or "%LASTNAME%" in content))
        ):
            skip(line, "sponsored mail")
            continue
        if row[i_draft] and row[i_draft].strip().lower() in _TRUE:
            skip(line, "draft")
            continue
        if not from_name and sender_url is None:
            report.hidden += 1
            continue
        raw_date = row[i_date].strip()
        sent_at = None
        if raw_date:
            try:
                sent_at = parse_datetime(raw_date, day_first)
            except ValueError:
                skip(line, f"unreadable date {raw_date!r}")
                continue
        to = row[i_to].strip()
        urls: tuple[str, ...] = ()
        if has_urls:
            joined = row[i_urls].strip()
            if "," in joined:
                urls = tuple(u for u in (p.strip() for p in joined.split(",")) if u)
            elif joined not in NULLISH:
                urls = (joined,)
        to_names = split_recipients(to, len(urls), urls) if len(urls) > 1 else (to,) if to else ()
        folder: str | None = row[i_folder].strip()
        if folder in NULLISH:
            folder = None
        outgoing: bool | None = None
        if has_direction:
            direction = row[i_dir].strip().upper()
            if direction == "OUTGOING":
                outgoing = True
            elif direction == "INCOMING":
                outgoing = False
        elif folder is not None and folder.upper() == "SENT":
            outgoing = True
        conv: str | None = row[i_conv].strip()
        if conv in NULLISH:
            conv = None
        if title in NULLISH:
            title = None
        subject: str | None = row[i_subject].strip()
        if subject in NULLISH:
            subject = None
        content = to_text(content) if "<" in content or "&" in content else content.strip()
        append(
            Message(
                line,
                conv,
                title,
                from_name,
                sender_url,
                to_names,
                urls,
                sent_at,
                subject,
                content,
                folder,
                outgoing,
                False,
                False,
            )
        )
    report.rows_read += read
    report.rows_imported += len(out)
    return out
