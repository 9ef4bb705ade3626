"""The local database: SQLAlchemy models, engine/session set-up, queries, migrations."""
