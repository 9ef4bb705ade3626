"""Stable pseudonyms for sharing a network's shape without who is in it.

A pseudonym is an HMAC of the real value under a random secret kept in the database
(meta "anonymize_secret"): the same person gets the same pseudonym in every export of this
database, and nobody without the database can turn it back.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from netview.core.tables import Backup, TableRows
from netview.services.people.groups import ONLY_YOU, circle_of
from netview.services.sharing.netdata import Network, PersonOut

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


def anonymize_backup(data: Backup, names: Pseudonyms) -> Backup:
    """Only tables known to hold nothing but shape, with every identifying column replaced.

    Tables this function does not know (added by later migrations) are left out: a shared
    picture must never carry text nobody checked.
    """
    rules: dict[str, Callable[[dict[str, Any]], dict[str, Any] | None]] = {
        "meta": lambda r: r if r["key"] == "me_person_id" else None,
        "person": lambda r: {
            **r,
            "key": names.key(r["key"]),
            "first_name": "",
            "last_name": "",
            "name": names.name(r["key"]),
            "name_key": "",
            "url": names.url(r["key"]) if r["url"] else None,
            "email": names.email(r["key"]) if r["email"] else None,
            "company": names.company(r["company"]) if r["company"] else None,
            "position": None,
            "headline": None,
            "location": None,
        },
        "source": lambda r: {
            **r,
            "label": f"source {r['id']}",
            "content_hash": names.token("source", r["content_hash"]),
            "report": None,
        },
        "interaction": lambda r: {
            **r,
            "conversation_id": None,
            "dedup": names.token("dedup", r["dedup"]),
        },
        "position": lambda r: {
            **r,
            "company": names.company(r["company"]),
            "title": None,
            "location": None,
        },
        "group": lambda r: {**r, "name": names.group(r["name"])},
        "tag": lambda r: {**r, "name": names.tag(r["name"])},
        "touch": lambda r: {**r, "note": None},
    }
    shape_only = {
        "person_source", "tie", "tie_source", "interaction_target", "interaction_source",
        "group_member", "person_tag", "followup",
    }  # fmt: skip
    out: dict[str, TableRows] = {}
    for name, tbl in data.tables.items():
        rule = rules.get(name)
        if rule is None and name not in shape_only:
            continue  # notes, aliases and anything unknown stay out
        rows = []
        for values in tbl.rows:
            row = dict(zip(tbl.columns, values, strict=True))
            new = rule(row) if rule else row
            if new is not None:
                rows.append([new[c] for c in tbl.columns])
        out[name] = TableRows(list(tbl.columns), rows)
    return Backup(data.schema, out, data.created_at, anonymized=True)
