"""Bringing data in: LinkedIn archives, interop files, your own evidence; and forget."""
