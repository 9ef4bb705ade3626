"""The members of what the user gave: a zip, an unpacked folder or one CSV file.

Zip members are read as streams of chunks, never extracted by their names (so no path can
escape), and a member far larger than any real export (a zip bomb) is refused before it is
read whole. Directory entries and macOS junk (`__MACOSX/`, `._*`, `.DS_Store`) are ignored,
and so are a folder's pipes and devices (opening one would wait forever).
"""

from __future__ import annotations

import os
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

from netview.core.errors import ImportFailure

MAX_MEMBER_BYTES = 512 * 1024 * 1024
MAX_RATIO = 200  # uncompressed/compressed, checked for members over RATIO_FLOOR
RATIO_FLOOR = 10 * 1024 * 1024
CHUNK = 1024 * 1024
_EXPORT_NAME = re.compile(r"(?:Complete|Basic|Initial)_LinkedInDataExport_(\d{2})-(\d{2})-(\d{4})")


@dataclass(frozen=True, slots=True)
class Member:
    name: str  # path inside the archive, '/'-separated, NFC, top folder removed
    chunks: Callable[[], Iterator[bytes]]  # its bytes, CHUNK at a time, from the start
    is_csv: bool
    size: int  # as declared (zip directory, file system); reading checks it

    def read(self) -> bytes:
        return b"".join(self.chunks())


@dataclass(slots=True)
class Source:
    label: str  # the file or folder name the user gave
    single: bool  # one CSV file rather than an archive
    members: list[Member]
    handle: zipfile.ZipFile | None = None

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()

    def where(self, member: str) -> str:
        """How a member is named in messages: 'archive.zip:Connections.csv'."""
        return self.label if self.single else f"{self.label}:{member}"


def exported_on(label: str) -> date | None:
    """The date in a name like `Complete_LinkedInDataExport_11-20-2026.zip`, else None."""
    m = _EXPORT_NAME.search(label)
    if m is None:
        return None
    month, day, year = (int(g) for g in m.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _junk(name: str) -> bool:
    parts = name.split("/")
    base = parts[-1]
    return (
        not base
        or "__MACOSX" in parts[:-1]
        or base.startswith("._")
        or base in (".DS_Store", "Thumbs.db", "desktop.ini")
    )


def _strip_top_folder(names: list[str]) -> dict[str, str]:
    """Map each name to its name without a folder that all of them share (if any)."""
    tops = {n.split("/", 1)[0] for n in names}
    if len(tops) == 1 and all("/" in n for n in names):
        return {n: n.split("/", 1)[1] for n in names}
    return {n: n for n in names}


def _is_csv(name: str) -> bool:
    return name.lower().endswith(".csv")


def open_source(path: str | os.PathLike[str]) -> Source:
    p = Path(path)
    label = p.name or str(p)
    if p.is_dir():
        return _folder(p, label)
    if not p.is_file():
        raise ImportFailure(label, "no such file or folder")
    if zipfile.is_zipfile(p):
        return _zip(p, label)
    if p.suffix.lower() == ".zip":
        raise ImportFailure(label, "not a readable zip file (damaged or incomplete download?)")
    return Source(label, True, [_file_member(label, p, label)])


def _file_member(name: str, p: Path, where: str) -> Member:
    return Member(name, partial(_file_chunks, p, where), _is_csv(name), p.stat().st_size)


def _file_chunks(p: Path, where: str) -> Iterator[bytes]:
    if p.stat().st_size > MAX_MEMBER_BYTES:
        raise ImportFailure(where, "file is far larger than any LinkedIn export; refused")
    total = 0
    with p.open("rb") as f:
        while chunk := f.read(CHUNK):
            total += len(chunk)
            if total > MAX_MEMBER_BYTES:  # grown since it was measured
                raise ImportFailure(where, "file is far larger than any LinkedIn export; refused")
            yield chunk


def _folder(root: Path, label: str) -> Source:
    found: dict[str, Path] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d != "__MACOSX")
        for fname in sorted(filenames):
            full = Path(dirpath) / fname
            if not full.is_file():
                continue  # a pipe or device (a tar can unpack one): opening it would wait
            rel = unicodedata.normalize("NFC", full.relative_to(root).as_posix())
            if not _junk(rel):
                found[rel] = full
    renamed = _strip_top_folder(sorted(found))
    members = []
    for rel, full in sorted(found.items()):
        name = renamed[rel]
        where = f"{label}:{name}"
        members.append(_file_member(name, full, where))
    return Source(label, False, members)


def _zip(p: Path, label: str) -> Source:
    try:
        zf = zipfile.ZipFile(p)
        infos = [i for i in zf.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ImportFailure(label, f"not a readable zip file ({exc})") from None
    by_name: dict[str, zipfile.ZipInfo] = {}
    for i in infos:
        name = unicodedata.normalize("NFC", i.filename.replace("\\", "/"))
        if _junk(name):
            continue
        if name in by_name:
            # Unzip tools show one of the two and the other was read: a way to slip
            # invented rows past a look at the archive. Refused whole, as a zip slip is.
            zf.close()
            raise ImportFailure(label, f"the entry {name[:80]!r} appears twice; refused")
        by_name[name] = i
    for raw in by_name:
        # An entry that climbs out of the archive ("../x", "/etc/x") is made to attack
        # whoever unpacks it: the archive is not a LinkedIn export and is refused whole.
        drive = len(raw) > 1 and raw[1] == ":" and raw[0].isalpha()  # "C:/Windows/x"
        if raw.startswith("/") or ".." in raw.split("/") or drive:
            zf.close()
            raise ImportFailure(
                label, f"the entry {raw[:80]!r} points outside the archive (zip slip); refused"
            )
    renamed = _strip_top_folder(sorted(by_name))
    members = []
    for raw, info in sorted(by_name.items()):
        name = renamed[raw]
        where = f"{label}:{name}"
        members.append(
            Member(name, partial(_zip_chunks, zf, info, where), _is_csv(name), info.file_size)
        )
    return Source(label, False, members, zf)


def _too_big(size: int, compressed: int) -> bool:
    if size > MAX_MEMBER_BYTES:
        return True
    return size > RATIO_FLOOR and size > MAX_RATIO * max(compressed, 1)


def _zip_chunks(zf: zipfile.ZipFile, info: zipfile.ZipInfo, where: str) -> Iterator[bytes]:
    refuse = "uncompressed size is far beyond any real LinkedIn export (zip bomb?); refused"
    if _too_big(info.file_size, info.compress_size):
        raise ImportFailure(where, refuse)
    total = 0
    try:
        with zf.open(info) as f:
            while True:
                chunk = f.read(CHUNK)
                if not chunk:
                    break
                total += len(chunk)
                # The declared size can lie: count what really comes out.
                if _too_big(total, info.compress_size):
                    raise ImportFailure(where, refuse)
                yield chunk
    except ImportFailure:
        raise
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
        ValueError,
        NotImplementedError,  # zipfile: a compression method it cannot read
    ) as exc:
        raise ImportFailure(where, f"damaged zip member ({exc})") from None
    except RuntimeError as exc:  # zipfile's "File ... is encrypted, password required"
        raise ImportFailure(where, f"cannot read zip member ({exc})") from None
