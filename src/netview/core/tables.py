"""Whole tables as plain data: what a backup holds, shared by the store and the file writer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class TableRows:
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)


@dataclass
class Backup:
    schema: str | None  # the Alembic revision of the database it came from
    tables: dict[str, TableRows]
    created_at: str = ""
    anonymized: bool = False
