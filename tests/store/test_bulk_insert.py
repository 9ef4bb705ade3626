"""The importer's bulk insert that skips rows already there: the same rows on SQLite and
on PostgreSQL, through COPY and a scratch table from COPY_FROM rows on, or row by row when
the login may not make scratch tables."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from netview.store import importing
from netview.store.db import open_database
from netview.store.models import Person, PersonAlias


def _people(n: int) -> list[dict[str, object]]:
    return [
        {
            "id": i,
            "key": f"p-{i}",
            "first_name": "Person",
            "last_name": str(i),
            "name": f"Person {i}",
            "name_key": f"person {i}",
            "created_at": datetime(2026, 1, 1),
        }
        for i in range(1, n + 1)
    ]


def _aliases(ids: range) -> list[dict[str, object]]:
    return [{"alias": f"alias-{i}", "person_id": i} for i in ids]


@pytest.mark.backends
@pytest.mark.parametrize("scratch", [True, False])
def test_rows_already_there_are_skipped_and_the_rest_go_in(
    store_url: str, scratch: bool, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    if not scratch:  # as for a login whose admin revoked TEMPORARY
        monkeypatch.setattr(importing, "_may_use_temp_tables", lambda conn: False)
    db = open_database(store_url)
    try:
        n = importing.COPY_FROM * 3
        with db.write() as s:
            importing.insert_rows(s, importing.person_t, _people(n))
            importing.insert_ignore(s, importing.alias_t, _aliases(range(1, n // 2)))
        with db.write() as s:
            # Half known already, some twice in the same batch: each alias once.
            batch = _aliases(range(1, n + 1)) + _aliases(range(n - 10, n + 1))
            importing.insert_ignore(s, importing.alias_t, batch)
        with db.session() as s:
            assert s.scalar(select(func.count()).select_from(PersonAlias)) == n
            assert s.scalar(select(func.count()).select_from(Person)) == n
            pairs = set(s.execute(select(PersonAlias.alias, PersonAlias.person_id)).all())
        assert pairs == {(f"alias-{i}", i) for i in range(1, n + 1)}
        if db.url.startswith("postgresql"):
            with db.session() as s:  # no scratch table outlives its insert
                left = s.execute(
                    text("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'netview_load_%'")
                ).scalar()
            assert left == 0
    finally:
        db.dispose()
