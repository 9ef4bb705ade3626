"""Reading LinkedIn data exports (zip, folder or single CSV), recognised by header."""

from netview.io.linkedin.archive import read_archive

__all__ = ["read_archive"]
