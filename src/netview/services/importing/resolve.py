"""Who is who inside one archive: owner detection and per-archive identity resolution.

Pure logic on the records a reader returns; the database side (existing people, aliases)
is handled by the importer. Rules (docs/identity.md):
- A URL gives the key (netview.core.ids). URNs and /pub/ URLs are aliases: when the same
  archive ties such an alias to a slug through the person's name, the slug wins.
- A row without any URL takes the key that the same name has elsewhere in the same archive,
  when that name names exactly one key there.
- Otherwise the person is known by name only, scoped to the archive owner: the same name in
  another person's export is never merged with them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from netview.core import ids
from netview.core.records import ArchiveContents


@dataclass(frozen=True, slots=True)
class OwnerEvidence:
    key: str | None  # profile/alias key of the archive's owner, when the archive says
    name: str | None  # display name from Profile.csv (or the messages), when known
    how: str  # a few words for the report: "outgoing invitations", "messages", ...


def _vote(votes: Counter[str], raw: str | None, weight: int = 1) -> None:
    key = ids.any_key(raw)
    if key:
        votes[key] += weight


def _owner_name(contents: ArchiveContents) -> str | None:
    if contents.profile is not None:
        name = ids.clean_name(contents.profile.first_name, contents.profile.last_name)
        if name:
            return name
    # Without Profile.csv the owner is the one name present in (nearly) every message.
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for m in contents.messages:
        seen = {ids.name_key(m.from_name): m.from_name}
        for to in m.to_names:
            seen[ids.name_key(to)] = to
        for k, v in seen.items():
            if k:
                counts[k] += 1
                names.setdefault(k, v)
    if counts:
        ranked = counts.most_common(2)
        top, n = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0
        if n >= 0.9 * len(contents.messages) and runner_up < n:
            return names[top]
    return None


def detect_owner(contents: ArchiveContents) -> OwnerEvidence:
    """Whose export this is, from the archive alone (no guessing: key None when unsure)."""
    name = _owner_name(contents)
    owner_nk = ids.name_key(name) if name else ""
    votes: Counter[str] = Counter()
    how: list[str] = []

    for inv in contents.invitations:
        _vote(votes, inv.inviter_url if inv.outgoing else inv.invitee_url)
    if votes:
        how.append("invitations")

    before = sum(votes.values())
    with_recipients = [m for m in contents.messages if m.recipient_urls]
    if with_recipients:
        # The owner takes part in every conversation of their own export.
        present: Counter[str] = Counter()
        for m in with_recipients:
            keys = {ids.any_key(u) for u in (m.sender_url, *m.recipient_urls)}
            present.update(k for k in keys if k)
        for key, n in present.items():
            if n >= 0.9 * len(with_recipients):
                votes[key] += n
    for m in contents.messages:
        if m.sender_url and (
            m.outgoing is True or (owner_nk and ids.name_key(m.from_name) == owner_nk)
        ):
            _vote(votes, m.sender_url)
    if sum(votes.values()) > before:
        how.append("messages")

    if not votes:
        return OwnerEvidence(None, name, "")
    # 2023 invitations name people by URN while messages give slugs: the same owner seen two
    # ways. A slug is the better key (the URN becomes an alias through the name).
    slugs = Counter({k: n for k, n in votes.items() if ids.is_slug_key(k)})
    ranked = (slugs or votes).most_common(2)
    if len(ranked) == 2 and ranked[1][1] * 2 > ranked[0][1]:
        return OwnerEvidence(None, name, "conflicting evidence")
    return OwnerEvidence(ranked[0][0], name, " and ".join(how))


# What `Resolver.key` returns for a name without URL that several people of the archive
# share: the row is about one of them, and nothing says which.
AMBIGUOUS = "?ambiguous"


def owner_side_keys(contents: ArchiveContents) -> set[str]:
    """Keys on the owner's side of the archive's own invitations (inviter of OUTGOING ones,
    invitee of INCOMING ones): in a member's own Invitations.csv that side is always them, so
    a 2023 `urn:li:member:<n>` there is the owner's alias, never another person."""
    found = set()
    for inv in contents.invitations:
        key = ids.any_key(inv.inviter_url if inv.outgoing else inv.invitee_url)
        if key:
            found.add(key)
    return found


@dataclass(slots=True)
class Resolver:
    """Maps (name, url) as a row gives them to one key, inside one archive."""

    owner_key: str
    owner_name_key: str
    scope: str  # stable per archive owner, e.g. "p17" (the owner's person id)
    # The keys each name has in this archive: one for nearly every name, so a plain string
    # (a set per name costs 200 bytes, a million connections hold a million names).
    one_key: dict[str, str] = field(default_factory=dict)
    more_keys: dict[str, set[str]] = field(default_factory=dict)
    alias_of: dict[str, str] = field(default_factory=dict)  # urn/pub key -> slug key
    ambiguous: set[str] = field(default_factory=set)
    namesakes: set[str] = field(default_factory=set)  # names of 2+ URL-less connections

    def owner_aliases(self, keys: Iterable[str]) -> None:
        """URNs and /pub/ keys that are the owner (see owner_side_keys)."""
        for key in keys:
            if key != self.owner_key and not ids.is_slug_key(key):
                self.alias_of[key] = self.owner_key

    def learn(self, pairs: Iterable[tuple[str, str | None]], namesakes: Iterable[str] = ()) -> None:
        """Record which keys each name has in this archive (rows that carry a URL).

        `namesakes`: name keys that two or more URL-less connections share. One member
        cannot be connected to one person twice, so those are several people, and a row
        naming them without a URL cannot say which one it means.
        """
        urn_names: list[tuple[str, str]] = []
        for name, url in set(pairs):  # messages repeat the same few pairs thousands of times
            key = ids.any_key(url)
            nk = ids.name_key(name)
            if not key or not nk:
                continue
            if ids.is_slug_key(key):
                self._add(nk, key)
            else:
                urn_names.append((nk, key))
        for nk, key in urn_names:
            if key in self.alias_of:  # the owner's own URN
                continue
            if nk in self.more_keys:
                continue
            slug = self.one_key.get(nk)
            if slug is not None:
                self.alias_of[key] = slug
            else:
                self._add(nk, key)
        self.namesakes = set(namesakes)
        self.ambiguous = set(self.more_keys) | self.namesakes

    def _add(self, nk: str, key: str) -> None:
        many = self.more_keys.get(nk)
        if many is not None:
            many.add(key)
            return
        one = self.one_key.setdefault(nk, key)
        if one != key:
            del self.one_key[nk]
            self.more_keys[nk] = {one, key}

    def key(self, name: str, url: str | None) -> str | None:
        """The key of a person a row mentions, or None for rows naming nobody."""
        key = ids.any_key(url)
        if key:
            return self.alias_of.get(key, key)
        nk = ids.name_key(name)
        if not nk:
            return None
        if nk == self.owner_name_key:
            return self.owner_key
        if nk in self.ambiguous:
            return AMBIGUOUS
        return self.one_key.get(nk) or ids.name_scoped_key(self.scope, name)
