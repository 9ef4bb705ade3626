"""NetView: a private, offline map of your professional network."""

__version__ = "0.1.0"
