"""Use cases the command line and the desktop app call (import, stats, export, paths)."""
