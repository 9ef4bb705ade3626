"""vCard address books (.vcf): 2.1 (Outlook, with QUOTED-PRINTABLE), 3.0 (Google, iCloud), 4.0.

Our own small parser rather than `vobject` (docs/evidence-formats.md): NetView needs five
properties, must name the line of each card, must skip one broken card and keep the rest
(vobject gives up on the file), and must unfold lines before decoding them, since exports
fold inside a UTF-8 sequence.
"""

from __future__ import annotations

import binascii
import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from netview.core.evidence import Card, Skipped
from netview.io.cleantext import TextError, decode, from_utf16
from netview.io.evidence import headers as h
from netview.io.evidence.files import where

_EMAIL = re.compile(r"[^\s,;:<>\"']+@[^\s,;:<>\"']+")
_WANTED = frozenset({"FN", "N", "EMAIL", "ORG", "TITLE", "URL", "X-SOCIALPROFILE"})


def is_vcard(head: bytes) -> bool:
    head = from_utf16(head, head=True)
    return head.lstrip(b"\xef\xbb\xbf \t\r\n")[:11].upper() == b"BEGIN:VCARD"


@dataclass
class _Line:
    number: int  # physical line where the logical line starts
    data: bytes


def _logical_lines(data: bytes) -> Iterator[_Line]:
    """Unfolded content lines, as bytes: a line starting with a space or tab continues the
    one before (RFC 6350 3.2), and in 2.1 a QUOTED-PRINTABLE value ending in "=" continues
    on the next line (a soft line break)."""
    current: _Line | None = None
    qp_soft = False
    for number, raw in enumerate(data.splitlines(), start=1):
        if current is not None and (raw[:1] in (b" ", b"\t") and not qp_soft):
            current.data += raw[1:]
            continue
        if current is not None and qp_soft:
            current.data = current.data[:-1] + raw.lstrip(b" \t")
            qp_soft = current.data.endswith(b"=")
            continue
        if current is not None:
            yield current
        current = _Line(number, raw)
        head = raw.partition(b":")[0].upper()
        qp_soft = b"QUOTED-PRINTABLE" in head and raw.endswith(b"=")
    if current is not None:
        yield current


@dataclass
class _Prop:
    name: str
    params: dict[str, str]
    types: set[str] = field(default_factory=set)
    value: bytes = b""


def _split_prop(line: bytes) -> _Prop | None:
    """NAME;PARAM=x;TYPE=a,b:value (a group prefix "item1." dropped; quotes respected)."""
    in_quotes = False
    colon = -1
    for i, byte in enumerate(line):
        if byte == 0x22:
            in_quotes = not in_quotes
        elif byte == 0x3A and not in_quotes:
            colon = i
            break
    if colon <= 0:
        return None
    head = line[:colon].decode("ascii", errors="replace")
    parts = head.split(";")
    name = parts[0].rpartition(".")[2].strip().upper()
    params: dict[str, str] = {}
    types: set[str] = set()
    for part in parts[1:]:
        key, eq, val = part.partition("=")
        if not eq:  # 2.1 writes bare types: EMAIL;INTERNET;PREF
            if key.strip().upper() in ("QUOTED-PRINTABLE", "BASE64", "B", "8BIT"):
                params["ENCODING"] = key.strip().upper()
            else:
                types.add(key.strip().upper())
            continue
        key = key.strip().upper()
        val = val.strip().strip('"')
        if key == "TYPE":
            types.update(t.strip().upper() for t in val.split(","))
        else:
            params[key] = val
    return _Prop(name, params, types, line[colon + 1 :])


def _text(prop: _Prop) -> str:
    """The property's value as text. Raises ValueError on a bad encoding."""
    raw = prop.value
    encoding = prop.params.get("ENCODING", "").upper()
    if encoding == "QUOTED-PRINTABLE":
        raw = quopri.decodestring(raw)
    elif encoding in ("B", "BASE64"):
        try:
            raw = binascii.a2b_base64(raw)
        except binascii.Error as exc:
            raise ValueError(f"bad base64 in {prop.name}") from exc
    charset = prop.params.get("CHARSET", "")
    if charset:
        try:
            return raw.decode(charset)
        except LookupError:
            raise ValueError(f"unknown charset {charset!r} in {prop.name}") from None
        except UnicodeDecodeError:
            raise ValueError(f"{prop.name} is not {charset} text") from None
    try:
        return decode(raw)[0]
    except TextError as exc:
        raise ValueError(f"{prop.name} {exc.message}") from None


def _unescape(value: str) -> str:
    out = []
    i = 0
    while i < len(value):
        c = value[i]
        if c == "\\" and i + 1 < len(value):
            nxt = value[i + 1]
            out.append(" " if nxt in "nN" else nxt)
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def _components(value: str) -> list[str]:
    """A structured value (N, ORG) split at unescaped semicolons, unescaped."""
    parts, current, i = [], [], 0
    while i < len(value):
        c = value[i]
        if c == "\\" and i + 1 < len(value):
            current.append(value[i : i + 2])
            i += 2
            continue
        if c == ";":
            parts.append("".join(current))
            current = []
        else:
            current.append(c)
        i += 1
    parts.append("".join(current))
    return [h.clean(_unescape(p)) for p in parts]


def read_vcards(data: bytes, label: str) -> tuple[list[Card], list[Skipped]]:
    """Every card of a .vcf file; cards that cannot be read are Skipped with their line."""
    cards: list[Card] = []
    skipped: list[Skipped] = []
    props: list[_Prop] | None = None
    start = 0
    depth = 0
    after_agent = False  # the line before was "AGENT:": 2.1 nests the agent's card there

    def close() -> None:
        if props is None:
            return
        result = _card(props, where(label, start))
        if isinstance(result, Card):
            cards.append(result)
        else:
            skipped.append(result)

    # Windows tools write UTF-8 with a mark, which would hide the first BEGIN:VCARD.
    for line in _logical_lines(data.removeprefix(b"\xef\xbb\xbf")):
        upper = line.data.strip().upper()
        nested = after_agent
        name, colon, value = upper.partition(b":")
        after_agent = bool(colon) and not value.strip() and _bare(name) == b"AGENT"
        if upper == b"BEGIN:VCARD":
            if depth >= 1 and not nested:
                # A card never closed, then the next: old 2.1 writers forget END:VCARD.
                close()
                props, depth = None, 0
            depth += 1
            if depth == 1:
                props, start = [], line.number
            continue
        if upper == b"END:VCARD":
            depth = max(0, depth - 1)
            if depth == 0:
                close()
                props = None
            continue
        if props is None or depth != 1 or not line.data.strip():
            continue
        prop = _split_prop(line.data)
        if prop is not None and prop.name in _WANTED:
            props.append(prop)
    if props is not None:
        skipped.append(Skipped(where(label, start), "the file ends inside this card (cut off?)"))
    return cards, skipped


def _bare(head: bytes) -> bytes:
    """A property's name without its parameters and group prefix (item1.AGENT;X=y)."""
    return head.split(b";", 1)[0].rpartition(b".")[2].strip()


def _card(props: list[_Prop], at: str) -> Card | Skipped:
    fn = ""
    n: list[str] = []
    emails: list[str] = []
    company = title = ""
    urls: list[str] = []
    try:
        for prop in props:
            value = _text(prop)
            if prop.name == "FN":
                fn = fn or h.clean(_unescape(value))
            elif prop.name == "N":
                n = n or _components(value)
            elif prop.name == "EMAIL":
                emails.extend(m.lower() for m in _EMAIL.findall(_unescape(value)))
            elif prop.name == "ORG":
                company = company or _components(value)[0]
            elif prop.name == "TITLE":
                title = title or h.clean(_unescape(value))
            elif prop.name in ("URL", "X-SOCIALPROFILE"):
                url = h.clean(_unescape(value))
                if url:
                    urls.append(url)
    except ValueError as exc:
        return Skipped(at, f"a card with a bad encoding: {exc}")
    name = fn
    if not name and n:
        family, given, additional = [*n, "", "", ""][:3]
        name = " ".join(p for p in (given, additional, family) if p)
    name = "" if h.address_of(name) else name
    if not name and not emails:
        return Skipped(at, "a card with neither a name nor an address")
    return Card(at, name, tuple(dict.fromkeys(emails)), company, title, tuple(urls))
