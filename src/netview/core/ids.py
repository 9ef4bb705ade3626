"""Identity keys: one stable key per real person, from the many ways files spell them.

A person's key is their LinkedIn profile slug, normalised so that every spelling in every
export meets (see docs/identity.md): percent-encoded or raw Unicode, with or without a
scheme, any of the www./m./country subdomains, trailing slash, query, any case. People
known only by a URN or a legacy /pub/ URL keep that as their key; people known only by
name get a key scoped to the archive they came from, because names are ambiguous and must
never merge two people across archives silently.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from urllib.parse import quote, unquote, urlsplit

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_URN = re.compile(r"^urn:li:(?:member|fs_miniProfile|person):([A-Za-z0-9_-]+)$", re.IGNORECASE)
# Keys that are not slugs always contain a colon, which a slug never does.
URN_PREFIX = "urn:li:member:"
PUB_PREFIX = "pub:"
NAME_PREFIX = "name:"
# A person of your own, kept from your calendar or mailbox (`netview address A --keep`):
# private evidence, so nothing made for someone else holds them (services/importing/evidence.py).
CONTACT_PREFIX = "contact:"
# The longest key or name key NetView keeps, in characters. LinkedIn's own slugs stop at
# 100; a longer "key" is not one. PostgreSQL's indexes hold at most 2704 bytes an entry
# (600 characters of four UTF-8 bytes fit), SQLite's any length: with one limit, what
# imports into one database imports into the other.
MAX_KEY = 600


def _host_is_linkedin(host: str) -> bool:
    host = host.lower().rstrip(".")
    if host == "linkedin.com":
        return True
    if not host.endswith(".linkedin.com"):
        return False
    sub = host[: -len(".linkedin.com")]
    # www., m., two-letter country prefixes (de., uk.) and their combinations (www.de.)
    return all(part in ("www", "m") or len(part) == 2 for part in sub.split("."))


def _split(raw: str) -> list[str] | None:
    """Path segments of a LinkedIn URL, or None when it is not one."""
    text = raw.strip()
    if not text:
        return None
    if not _SCHEME.match(text):
        text = "https://" + text.lstrip("/")
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if not _host_is_linkedin(parts.hostname or ""):
        return None
    return [seg for seg in parts.path.split("/") if seg]


def _fold(segment: str) -> str:
    decoded = unquote(segment, encoding="utf-8", errors="strict")
    # casefold can leave a string that is not NFC ("ß" + accent -> "ss" + accent): normalise
    # again, or a key read back from its own URL (profile_url) would be a different key.
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", decoded).casefold())


# The spelling most files use, already in normal form: no need to take it apart.
_PLAIN = re.compile(r"^https://www\.linkedin\.com/in/([a-z0-9-]+)/?$")
# The other spellings exports hold by the thousand (no scheme, a Unicode or percent-encoded
# slug): the slug is there to fold, with no URL to take apart.
_SIMPLE = re.compile(r"^(?:https?://)?(?:www\.)?linkedin\.com/in/([^/?#\s]+)/?$")
# Imports meet the same URLs and names many times over (the owner is in every message).
_CACHE = 1 << 17


@lru_cache(maxsize=_CACHE)
def _keys(raw: str) -> tuple[str | None, str | None]:
    """(profile key, alias key) of one identifier: the URL is taken apart once, and not at
    all for the spellings most files use (the plain https URL, a URN). A key longer than
    MAX_KEY is no key (indexed columns hold at most that on both backends)."""
    slug, alias = _parse_keys(raw)
    return (
        slug if slug is not None and len(slug) <= MAX_KEY else None,
        alias if alias is not None and len(alias) <= MAX_KEY else None,
    )


def _parse_keys(raw: str) -> tuple[str | None, str | None]:
    plain = _PLAIN.match(raw)
    if plain:
        return plain.group(1), None
    text = raw.strip()
    urn = _URN.match(text)
    if urn:
        return None, URN_PREFIX + urn.group(1)
    simple = _SIMPLE.match(text)
    segments = ["in", simple.group(1)] if simple else _split(text)
    if not segments or len(segments) < 2:
        return None, None
    head = segments[0].lower()
    try:
        if head == "in":
            slug = _fold(segments[1])
            if not slug or ":" in slug or any(ch.isspace() for ch in slug):
                return None, None
            return slug, None
        if head == "pub":
            return None, PUB_PREFIX + "/".join(_fold(s) for s in segments[1:])
    except UnicodeDecodeError:
        pass
    return None, None


def profile_key(raw: str | None) -> str | None:
    """The slug key of a profile URL (``https://www.linkedin.com/in/<slug>``), else None."""
    return _keys(raw)[0] if raw else None


def alias_key(raw: str | None) -> str | None:
    """A key for identifiers that cannot be mapped to a slug offline: URNs and /pub/ URLs."""
    return _keys(raw)[1] if raw else None


@lru_cache(maxsize=_CACHE)
def _any_key(raw: str) -> str | None:
    slug, alias = _keys(raw)
    return slug or alias


def any_key(raw: str | None) -> str | None:
    """profile_key, else alias_key."""
    return _any_key(raw) if raw else None


def is_slug_key(key: str) -> bool:
    return ":" not in key


_SAFE_SLUG = re.compile(r"^[A-Za-z0-9_.~-]+$")


@lru_cache(maxsize=_CACHE)
def profile_url(key: str) -> str | None:
    """The canonical https URL of a slug key (None for URN, /pub/ and name keys)."""
    if not is_slug_key(key):
        return None
    if _SAFE_SLUG.match(key):  # nothing to percent-encode
        return "https://www.linkedin.com/in/" + key
    return "https://www.linkedin.com/in/" + quote(key, safe="-_.~")


# --- names -------------------------------------------------------------------------------

_PRONOUNS = {
    "she",
    "her",
    "hers",
    "he",
    "him",
    "his",
    "they",
    "them",
    "theirs",
    "ze",
    "zir",
    "hir",
    "xe",
    "xem",
    "xyr",
    "any",
    "all",
    "pronouns",
}
_TITLES = {"dr", "dr.", "prof", "prof.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "mx", "mx."}
# Credentials and generational suffixes that follow a name ("Lee, PhD", "King Jr.").
CREDENTIALS = frozenset(
    [
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
        "dds",
        "rn",
    ]
)
_PAREN = re.compile(r"\(([^()]*)\)")
_SPACE = re.compile(r"\s+")


def _drop_pronouns(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        words = [w.strip().casefold() for w in re.split(r"[/,]", m.group(1)) if w.strip()]
        return " " if words and all(w in _PRONOUNS for w in words) else m.group(0)

    return _PAREN.sub(repl, text)


_ASCII = re.compile(r"[\x00-\x7f]+")
_ASCII_SYMBOLS = str.maketrans("", "", "$+<=>^`|~")


def _drop_symbols(text: str) -> str:
    # Emoji, pictographs and their joiners/selectors; letters and combining marks stay.
    # Accented names are letters beyond ASCII: only others need a look, char by char.
    if not text.isascii() and not _ASCII.sub("", text).isalpha():
        text = "".join(
            ch
            for ch in text
            if ch.isascii()
            or not (unicodedata.category(ch).startswith("S") or unicodedata.category(ch) == "Cf")
        )
    return text.translate(_ASCII_SYMBOLS)


def clean_name(first: str | None, last: str | None) -> str:
    """The display name: what the member wrote, with stray whitespace removed."""
    return _SPACE.sub(" ", f"{first or ''} {last or ''}").strip()


@lru_cache(maxsize=_CACHE)
def _name_words(full_name: str) -> tuple[str, ...]:
    """The folded words of a name, before leading titles and trailing degrees are dropped."""
    # Most names are plain ASCII: NFC leaves them as they are, and only a "(" can hold
    # pronouns. Skipping those steps gives the same words at a third of the cost.
    text = full_name if full_name.isascii() else unicodedata.normalize("NFC", full_name)
    if "(" in text:
        text = _drop_pronouns(text)
    text = text.split(",", 1)[0]
    text = _drop_symbols(text)
    folded = _SPACE.sub(" ", text).strip().casefold()
    if not folded.isascii():
        # NFC again after casefold, which can undo it ("ß" + accent -> "ss" + accent).
        folded = unicodedata.normalize("NFC", folded)
    return tuple(w for w in folded.split(" ") if w)


def _drop_titles(words: list[str]) -> list[str]:
    while len(words) > 1 and words[0] in _TITLES:
        words.pop(0)
    return words


@lru_cache(maxsize=_CACHE)
def name_key(full_name: str) -> str:
    """A comparison key for a person's name, or "" when nothing is left.

    Drops pronouns ``(She/Her)``, credentials after a comma (``Baker, MBA``), leading titles,
    trailing degrees, emoji and extra spaces; NFC and casefold.
    """
    words = _drop_titles(list(_name_words(full_name)))
    while len(words) > 2 and words[-1] in CREDENTIALS:
        words.pop()
    # Indexed, so no longer than a key: names compare on their first MAX_KEY characters,
    # which no real name comes near.
    return " ".join(words)[:MAX_KEY]


def plain_name(full_name: str) -> str:
    """The name as written, for labels: without pronouns ``(She/Her)``, credentials after a
    comma (``Baker, MBA``), leading titles, trailing degrees or emoji; "" when nothing is left.
    """
    text = unicodedata.normalize("NFC", full_name)
    text = _drop_pronouns(text)
    text = text.split(",", 1)[0]
    text = _drop_symbols(text)
    words = [w for w in _SPACE.sub(" ", text).strip().split(" ") if w]
    while len(words) > 1 and words[0].casefold() in _TITLES:
        words.pop(0)
    while len(words) > 2 and words[-1].casefold() in CREDENTIALS:
        words.pop()
    return " ".join(words)


def name_scoped_key(scope: str, full_name: str) -> str:
    """Key of a person known only by name inside one archive (`scope` = archive content hash)."""
    return _scoped(scope, name_key(full_name))


def namesake_key(scope: str, full_name: str, tag: str) -> str:
    """Key of one of several people of one archive who share a name, told apart by `tag`
    (the day they connected, else their row).

    The tag follows the name key, never goes through it: `name_key` drops what follows a
    comma, and "Lee, PhD #2018-03-02" would lose the tag that tells two exact namesakes
    apart. Where the tag survived the older spelling (every name without a comma or a
    trailing credential), the key is the one earlier versions gave, so later exports of
    the same owner still find their namesakes.
    """
    suffix = f" #{tag}".casefold()
    if "," in full_name:
        older = name_key(full_name + suffix)
    else:
        # name_key(full_name + suffix) from the name's cached words: the tag only adds
        # words, and its last word ("2018-03-02", "line 7") is never a degree to drop.
        older = " ".join(_drop_titles([*_name_words(full_name), *suffix.split()]))
    if older.endswith(suffix):
        return _scoped(scope, older)
    return _scoped(scope, name_key(full_name) + suffix)


@lru_cache(maxsize=_CACHE)
def _scoped(scope: str, key: str) -> str:
    return NAME_PREFIX + hashlib.sha1(f"{scope}\0{key}".encode()).hexdigest()[:16]
