"""Names, addresses and dates as mail headers and calendar properties write them.

One place decodes RFC 2047 encoded words and splits address lists, for the mailbox reader
and the address books alike, so "=?UTF-8?Q?Bj=C3=B6rn?=" is "Björn" wherever it comes from.
The standard library does the parsing (email.header, email.utils); what is added here is
what a reader must never do with hostile input: raise, or keep control characters.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.header import decode_header
from email.utils import getaddresses, parsedate_to_datetime
from functools import lru_cache

from netview.core.evidence import Mailbox

_CONTROL = re.compile("[\x00-\x1f\x7f]+")
_SPACES = re.compile(r"\s+")
# Local parts that only machines write from: such mail is never contact.
_NO_REPLY = re.compile(
    r"^(no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer[-_.]daemon|postmaster|bounces?)([-+_.].*)?$"
)


def clean(text: str) -> str:
    """One line of text: control characters and runs of white space become one space."""
    if text.isprintable() and "  " not in text:
        return text.strip()  # the common case, without two regex passes
    # U+FEFF: byte-order marks left inside a name by UTF-16 encoded words.
    return _SPACES.sub(" ", _CONTROL.sub(" ", text.replace("\ufeff", ""))).strip()


def decode_words(text: str) -> str:
    """`text` with its RFC 2047 encoded words decoded; never raises.

    An unknown charset or broken base64 gives what can be read (U+FFFD for the rest)
    rather than an error: one odd name must not cost the message.
    """
    if "=?" not in text:
        return clean(text)
    try:
        parts = decode_header(text)
    except Exception:  # the stdlib raises several types on malformed words
        return clean(text)
    out: list[str] = []
    for chunk, charset in parts:
        if isinstance(chunk, str):
            out.append(chunk)
            continue
        if charset is None:
            # decode_header hands back the unencoded stretches in this codec.
            out.append(chunk.decode("raw-unicode-escape", errors="replace"))
            continue
        try:
            out.append(chunk.decode(charset, errors="replace"))
        except LookupError:  # a charset Python does not know
            out.append(chunk.decode("utf-8", errors="replace"))
    return clean("".join(out))


def is_address(value: str) -> bool:
    """Something before and after one @, no spaces: what a user may name as their own
    address ("pat@" or "@" has an @ and is none)."""
    local, at, domain = value.strip().partition("@")
    return (
        bool(at and local and domain)
        and "@" not in domain
        and not any(c.isspace() for c in value.strip())
    )


@lru_cache(maxsize=65536)
def address_of(value: str) -> str:
    """The addr-spec lower-cased, without a "mailto:" scheme; "" when it is not an address."""
    value = value.strip()
    if value[:7].lower() == "mailto:":
        value = value[7:]
    value = value.strip().strip("<>").strip()
    if "@" not in value or any(c.isspace() for c in value):
        return ""
    return value.lower()


@lru_cache(maxsize=65536)
def name_of(name: str) -> str:
    """A display name decoded; "" when it only repeats the address (CN=ana@example.com)."""
    name = decode_words(name).strip().strip("\"'").strip()
    # CN=ana@example.com, or a name field holding an address: an address, not a name.
    return "" if address_of(name) else name


# One mailbox of an address list in the shapes nearly every header has: "Name" <addr>,
# Name <addr>, =?utf-8?q?...?= <addr> or a bare addr, then a comma or the end. Read with one
# regex; anything else (comments, groups, quoted commas in odd places) goes to the stdlib
# parser, which is exact but reads character by character (ten times slower).
_SIMPLE = re.compile(
    r'[ \t]*(?:"(?P<quoted>(?:[^"\\]|\\.)*)"|(?P<plain>[^"<>,;:()\[\]@]*?))[ \t]*'
    r"<(?P<angle>[^<>\s,;@]+@[^<>\s,;@]+)>[ \t]*(?:,|$)"
    r'|[ \t]*(?P<bare>[^\s<>",;:()\[\]@]+@[^\s<>",;:()\[\]@]+)[ \t]*(?:,|$)'
)
# (One "@" exactly: "a@b@c" is no address to the stdlib parser, so it is left to it.)


def mailboxes(value: str) -> tuple[Mailbox, ...]:
    """The addresses of one From, To or Cc header (folded lines already joined)."""
    if not value.strip():
        return ()
    simple = _simple(value)
    return simple if simple is not None else _stdlib(value)


def _stdlib(value: str) -> tuple[Mailbox, ...]:
    out: list[Mailbox] = []
    try:
        pairs = getaddresses([value])
    except Exception:  # hostile input can reach corners of the stdlib parser
        return ()
    for raw_name, raw_address in pairs:
        address = address_of(raw_address)
        name = name_of(raw_name)
        if address or name:
            out.append(Mailbox(address, name))
    return tuple(out)


def _simple(value: str) -> tuple[Mailbox, ...] | None:
    out: list[Mailbox] = []
    pos, end = 0, len(value.rstrip())
    while pos < end:
        m = _SIMPLE.match(value, pos)
        if m is None or m.end() == pos:
            return None
        pos = m.end()
        if m.group("bare") is not None:
            address = address_of(m.group("bare"))
            out.append(Mailbox(address, ""))
            continue
        quoted = m.group("quoted")
        raw = re.sub(r"\\(.)", r"\1", quoted) if quoted is not None else m.group("plain")
        address = address_of(m.group("angle"))
        name = name_of(raw)
        if address or name:
            out.append(Mailbox(address, name))
    return tuple(out)


def is_no_reply(address: str) -> bool:
    return bool(_NO_REPLY.match(address.partition("@")[0]))


def mail_date(value: str) -> datetime | None:
    """A Date header as an aware UTC datetime; None when missing or unreadable.

    A date without a zone (or with -0000, "zone unknown") is taken as UTC: a day is all
    NetView needs from it.
    """
    value = clean(value)
    if not value:
        return None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    try:
        return when.astimezone(UTC)
    except (OverflowError, ValueError):
        return None
