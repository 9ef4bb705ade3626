"""Team databases on a PostgreSQL server: set-up, members, purge and who-knows."""
