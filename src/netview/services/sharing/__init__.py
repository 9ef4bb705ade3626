"""Files made for someone else (and backups): the one shared view, exports, pseudonyms, restore."""
