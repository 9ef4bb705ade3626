"""Reading LinkedIn data exports (zip, folder or single CSV), recognised by header."""
