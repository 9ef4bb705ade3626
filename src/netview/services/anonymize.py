"""Stable pseudonyms for sharing a network's shape without who is in it.

A pseudonym is an HMAC of the real value under a random secret kept in the database
(meta "anonymize_secret"): the same person gets the same pseudonym in every export of this
database, and nobody without the database can turn it back.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import replace

from netview.services.groups import ONLY_YOU, circle_of
from netview.services.netdata import Network, PersonOut

FIXED_SECTORS = {"Other", "You", "Not connected", "", ONLY_YOU}


class Pseudonyms:
    def __init__(self, secret: bytes) -> None:
        self.secret = secret

    def token(self, kind: str, value: str) -> str:
        digest = hmac.new(self.secret, f"{kind}\0{value}".encode(), hashlib.sha256)
        return digest.hexdigest()[:12]

    def key(self, key: str) -> str:
        return f"anon:{self.token('person', key)}"

    def name(self, key: str) -> str:
        return f"Person {self.token('person', key)}"

    def url(self, key: str) -> str:
        return f"https://anon.invalid/{self.token('person', key)}"

    def email(self, key: str) -> str:
        return f"{self.token('email', key)}@anon.invalid"

    def company(self, company: str) -> str:
        return f"Company {self.token('company', company.strip().casefold())}"

    def group(self, name: str) -> str:
        return f"Group {self.token('group', name)}"

    def tag(self, name: str) -> str:
        return f"Tag {self.token('tag', name)}"


def anonymize_network(network: Network, names: Pseudonyms) -> Network:
    """Names, URLs, e-mails, companies and groups replaced; notes, titles and places left out."""
    groups = set(network.group_colors)

    def sector(value: str) -> str:
        if value in FIXED_SECTORS or re.fullmatch(r"Community \d+", value):
            return value
        if value in groups or circle_of(value) is not None:
            return names.group(value)
        return names.company(value)  # a community named after its company

    def one(p: PersonOut) -> PersonOut:
        return replace(
            p,
            key=names.key(p.key),
            name=names.name(p.key),
            first_name="",
            last_name="",
            url=names.url(p.key) if p.url else None,
            email=names.email(p.key) if p.email else None,
            company=names.company(p.company) if p.company else None,
            position=None,
            headline=None,
            location=None,
            groups=[names.group(g) for g in p.groups],
            community=sector(p.community),
            notes=[],
        )

    return Network(
        network.me,
        [one(p) for p in network.people],
        list(network.ties),
        {names.group(g): c for g, c in network.group_colors.items()},
    )
