"""Contacts CSV files: Google Contacts (both header generations), Outlook, and the LinkedIn
archive's own Contacts.csv / ImportedContacts.csv / Email Addresses.csv.

Columns are found by name, with spaces, dashes and underscores ignored ("E-mail 1 - Value"
is "email1value", "FirstName" is "firstname"), so the header generations and LinkedIn's
varying headers need no table per writer. Text decoding and the delimiter follow the one
rule of netview.io.cleantext.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from netview.core.evidence import Card, Skipped
from netview.io.cleantext import (
    TextError,
    csv_problem,
    csv_reader,
    delimiter,
    from_utf16,
    header_line,
)
from netview.io.evidence import headers as h
from netview.io.evidence.files import where
from netview.io.linkedin.text import opt

_NORMAL = re.compile(r"[\s\-_.]+")
_EMAIL_COLUMN = re.compile(r"^e?mails?\d*(value|address|addresses)?$")
_URL_COLUMN = re.compile(
    r"^(website\d*value|webpage|personalwebpage|businesswebpage|urls?|profileurl|profiles|"
    r"sites|linkedin(url|profile)?)$"
)
_EMAIL = re.compile(r"[^\s,;:<>\"']+@[^\s,;:<>\"'/]+")
_FULL = ("name", "fullname", "displayname")
_FIRST = ("firstname", "givenname")
_MIDDLE = ("middlename", "additionalname")
_LAST = ("lastname", "familyname", "surname")
_COMPANY = ("company", "companies", "organizationname", "organization1name", "organization")
# Outlook's "Title" is Mr/Ms; its job title is "Job Title", which comes first.
_TITLE = ("jobtitle", "organizationtitle", "organization1title", "position", "title")


def normal(name: str) -> str:
    return _NORMAL.sub("", name.replace("\ufeff", "").strip().lower())


@dataclass
class Columns:
    full: int | None = None
    first: int | None = None
    middle: int | None = None
    last: int | None = None
    company: int | None = None
    title: int | None = None
    emails: list[int] = field(default_factory=list)
    urls: list[int] = field(default_factory=list)
    owner_file: bool = False  # LinkedIn's Email Addresses.csv: the owner's own addresses


def columns(header: Sequence[str]) -> Columns | None:
    """Which columns hold what, or None when this is no contacts file."""
    names = [normal(c) for c in header]

    def first_of(options: Sequence[str]) -> int | None:
        for option in options:
            if option in names:
                return names.index(option)
        return None

    # LinkedIn's Connections.csv names people and addresses too: it is not an address book.
    if "connectedon" in names:
        return None
    cols = Columns(
        full=first_of(_FULL),
        first=first_of(_FIRST),
        middle=first_of(_MIDDLE),
        last=first_of(_LAST),
        company=first_of(_COMPANY),
        title=first_of(_TITLE),
        emails=[i for i, n in enumerate(names) if _EMAIL_COLUMN.match(n)],
        urls=[i for i, n in enumerate(names) if _URL_COLUMN.match(n)],
    )
    named = cols.full is not None or cols.first is not None or cols.last is not None
    if not named and cols.emails and ("primary" in names or "confirmed" in names):
        cols.owner_file = True
        return cols
    if not cols.emails or not named:
        return None
    return cols


def is_contacts_csv(head: bytes) -> bool:
    text = from_utf16(head, head=True).decode("utf-8", errors="replace")
    first, hint = header_line(text)
    try:
        header = next(csv.reader([first], delimiter=hint or delimiter(first)))
    except (csv.Error, StopIteration):
        return False
    return columns(header) is not None


@dataclass
class ContactsResult:
    cards: list[Card] = field(default_factory=list)
    owner_addresses: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def read_contacts_csv(data: bytes, label: str) -> ContactsResult:
    """The cards (or, for Email Addresses.csv, the owner's addresses) of one contacts CSV.

    Raises TextError when the bytes are not text or the header names no contacts columns.
    """
    reader = csv_reader(data)
    out = ContactsResult()
    header: list[str] | None = None
    cols: Columns | None = None
    line = 0
    try:
        for row in reader:
            start, line = line + 1, reader.line_num
            if not any(c.strip() for c in row):
                continue
            if header is None:
                header, cols = row, columns(row)
                if cols is None:
                    raise TextError("names no contacts columns (name and e-mail)", start)
                continue
            assert cols is not None
            if cols.owner_file:
                out.owner_addresses.extend(_emails(row, cols.emails))
                continue
            card = _card(row, cols, where(label, start))
            if isinstance(card, Skipped):
                out.skipped.append(card)
            else:
                out.cards.append(card)
    except csv.Error as exc:
        raise TextError(csv_problem(exc), line + 1) from None
    if header is None:
        raise TextError("is empty", 1)
    return out


def _cell(row: Sequence[str], i: int | None) -> str:
    if i is None or i >= len(row):
        return ""
    return h.clean(opt(row[i]) or "")


def _emails(row: Sequence[str], indexes: list[int]) -> list[str]:
    found: list[str] = []
    for i in indexes:
        found.extend(m.lower() for m in _EMAIL.findall(_cell(row, i)))
    return list(dict.fromkeys(found))


def _card(row: Sequence[str], cols: Columns, at: str) -> Card | Skipped:
    name = _cell(row, cols.full)
    if not name:
        parts = (_cell(row, cols.first), _cell(row, cols.middle), _cell(row, cols.last))
        name = " ".join(p for p in parts if p)
    name = "" if h.address_of(name) else name
    emails = _emails(row, cols.emails)
    if not name and not emails:
        return Skipped(at, "a contact with neither a name nor an address")
    urls: list[str] = []
    for i in cols.urls:
        # Google joins several values of one field with " ::: ".
        urls.extend(u.strip() for u in re.split(r" ::: |[\s,]+", _cell(row, i)) if u.strip())
    return Card(
        at, name, tuple(emails), _cell(row, cols.company), _cell(row, cols.title), tuple(urls)
    )
