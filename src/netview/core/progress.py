"""The progress protocol every long job accepts (the UI shows it with a Cancel button)."""

from __future__ import annotations

from typing import Protocol

from netview.core.errors import Cancelled


class Progress(Protocol):
    def report(self, fraction: float, text: str) -> None: ...

    def cancelled(self) -> bool: ...


class NoProgress:
    """Progress that reports nowhere and is never cancelled."""

    def report(self, fraction: float, text: str) -> None:
        return None

    def cancelled(self) -> bool:
        return False


def check(progress: Progress) -> None:
    """Raise Cancelled when the user asked to stop."""
    if progress.cancelled():
        raise Cancelled()
