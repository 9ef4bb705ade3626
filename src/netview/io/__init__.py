"""Readers and writers of files: pure functions, no database, no Qt."""
