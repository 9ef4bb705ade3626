"""Alembic environment: always run on the connection netview.store.migrate hands over."""

from __future__ import annotations

from alembic import context

from netview.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - alembic CLI use by developers
    from netview.store.db import make_engine

    url = context.config.get_main_option("sqlalchemy.url") or "sqlite:///netview-dev.db"
    connection = make_engine(url).connect()

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies tables
)
with context.begin_transaction():
    context.run_migrations()
