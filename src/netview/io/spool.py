"""A list of records that moves to a temporary file once it grows long.

A LinkedIn member has at most 30,000 connections, but a file may hold millions of rows (a
hostile one, or a tool's output): kept as Python objects, 1.9 million connections cost about
a gigabyte. Past `keep` records, a Spool writes them to an anonymous temporary file (gone
when the process ends, however it ends) in blocks, and reads them back block by block each
time it is walked, so that what it holds in memory stays bounded by `keep`.
"""

from __future__ import annotations

import dataclasses
import pickle
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from operator import attrgetter
from typing import IO, Any, Generic, TypeVar, overload

T = TypeVar("T")

# Records kept in memory: every real archive (LinkedIn caps connections at 30,000) stays
# whole, as before, and is walked without a file.
KEEP = 50_000
# Records per block written to the file: what a walk holds at once.
BLOCK = 10_000


class Spool(Sequence[T], Generic[T]):
    """Records of one dataclass type, in the order appended; walk it as often as needed."""

    def __init__(self, cls: type[T], keep: int | None = None) -> None:
        self._cls = cls
        names = [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
        self._cells = attrgetter(*names)
        self._keep = KEEP if keep is None else keep
        self._head: list[T] = []
        self._tail: list[tuple[Any, ...]] = []  # not written yet
        self._file: IO[bytes] | None = None
        self._len = 0

    def append(self, record: T) -> None:
        self._len += 1
        if len(self._head) < self._keep:
            self._head.append(record)
            return
        self._tail.append(self._cells(record))
        if len(self._tail) >= BLOCK:
            self._write()

    def extend(self, records: Iterable[T]) -> None:
        for record in records:
            self.append(record)

    @property
    def spilled(self) -> bool:
        """Whether some records live in the file."""
        return self._len > len(self._head)

    def _write(self) -> None:
        if self._file is None:
            # Open as long as the spool lives; the OS removes it when it closes.
            self._file = tempfile.TemporaryFile(prefix="netview-spool-")  # noqa: SIM115
        self._file.seek(0, 2)
        pickle.dump(self._tail, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self._tail = []

    def blocks(self) -> Iterator[list[T]]:
        """The records in order, a block at a time."""
        if self._head:
            yield self._head
        if self._file is not None:
            self._file.flush()
            end = self._file.seek(0, 2)
            at = 0
            while at < end:
                self._file.seek(at)
                cells = pickle.load(self._file)
                at = self._file.tell()
                yield [self._cls(*c) for c in cells]
        if self._tail:
            yield [self._cls(*c) for c in self._tail]

    def __iter__(self) -> Iterator[T]:
        for block in self.blocks():
            yield from block

    def __len__(self) -> int:
        return self._len

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...

    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        if isinstance(index, slice):
            return list(self)[index]
        if index < 0:
            index += self._len
        if not 0 <= index < self._len:
            raise IndexError(index)
        if index < len(self._head):
            return self._head[index]
        return next(islice(iter(self), index, None))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or len(other) != self._len:
            return NotImplemented if not isinstance(other, Sequence) else False
        return all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]
