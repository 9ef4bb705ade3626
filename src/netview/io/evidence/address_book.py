"""Address books as EvidenceFiles: a .vcf, a contacts CSV, or the contacts files of a
LinkedIn archive (Contacts.csv, ImportedContacts.csv, Email Addresses.csv)."""

from __future__ import annotations

import hashlib
import os
import zipfile
from collections.abc import Iterable
from pathlib import Path

from netview.core.errors import ImportFailure
from netview.core.evidence import EvidenceFile, EvidenceKind
from netview.io.cleantext import TextError, from_utf16
from netview.io.evidence.contacts_csv import read_contacts_csv
from netview.io.evidence.files import content_hash
from netview.io.evidence.vcard import is_vcard, read_vcards

# The contacts files a LinkedIn archive may hold, by lower-case base name.
ARCHIVE_MEMBERS = frozenset(
    {"contacts.csv", "importedcontacts.csv", "imported contacts.csv", "email addresses.csv"}
)
MAX_FILE = 256 * 1024 * 1024


def read_address_book(path: str | os.PathLike[str]) -> EvidenceFile:
    """A .vcf or contacts CSV file. Raises ImportFailure (file, line) when it is neither."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ImportFailure(p.name, f"cannot read: {exc.strerror or exc}") from None
    ev = EvidenceFile(EvidenceKind.ADDRESS_BOOK, p.name, content_hash([p]))
    add_member(ev, p.name, data)
    return ev


def add_member(ev: EvidenceFile, label: str, data: bytes) -> None:
    """Read one address-book file's bytes (`label` names it, "archive.zip:Contacts.csv")
    into `ev`. The hook for the archive importer, which holds members as bytes."""
    try:
        data = from_utf16(data)
    except TextError as exc:
        raise ImportFailure(label, f"file {exc.message}", exc.line) from None
    if is_vcard(data[:4096]):
        cards, skipped = read_vcards(data, label)
        ev.cards = [*ev.cards, *cards]
        ev.skipped.extend(skipped)
        return
    try:
        result = read_contacts_csv(data, label)
    except TextError as exc:
        raise ImportFailure(label, f"file {exc.message}", exc.line) from None
    ev.cards = [*ev.cards, *result.cards]
    ev.skipped.extend(result.skipped)
    ev.owner_addresses = tuple(dict.fromkeys((*ev.owner_addresses, *result.owner_addresses)))


def is_archive_member(name: str) -> bool:
    return name.replace("\\", "/").rpartition("/")[2].lower() in ARCHIVE_MEMBERS


def archive_address_book(path: str | os.PathLike[str]) -> EvidenceFile | None:
    """The address book inside a LinkedIn archive (zip or unpacked folder), None when it
    holds no contacts file. Cards are labelled "archive.zip:Contacts.csv:line"."""
    p = Path(path)
    members: list[tuple[str, bytes]] = []
    try:
        if p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file() and is_archive_member(f.name))
            members = [(f"{p.name}:{f.relative_to(p).as_posix()}", f.read_bytes()) for f in files]
        elif zipfile.is_zipfile(p):
            with zipfile.ZipFile(p) as zf:
                infos = [i for i in zf.infolist() if is_archive_member(i.filename)]
                for info in sorted(infos, key=lambda i: i.filename):
                    if info.file_size > MAX_FILE:
                        raise ImportFailure(f"{p.name}:{info.filename}", "contacts file too large")
                    members.append((f"{p.name}:{info.filename}", zf.read(info)))
        else:
            return None
    except OSError as exc:
        raise ImportFailure(p.name, f"cannot read: {exc.strerror or exc}") from None
    except zipfile.BadZipFile as exc:
        raise ImportFailure(p.name, f"damaged zip ({exc})") from None
    if not members:
        return None
    ev = EvidenceFile(EvidenceKind.ADDRESS_BOOK, p.name, _hash(members))
    for label, data in members:
        add_member(ev, label, data)
    return ev


def _hash(members: Iterable[tuple[str, bytes]]) -> str:
    digest = hashlib.sha256()
    for label, data in members:
        digest.update(label.partition(":")[2].encode("utf-8") + b"\0" + data)
    return digest.hexdigest()
