"""Reading XML files piece by piece, remembering line numbers, refusing what is not data.

A GraphML or GEXF file is mostly a long list of <node> and <edge> elements. `stream`
reads the file in chunks with expat and hands over each of the elements the reader asks
for as a small tree once it is complete, then forgets it: memory holds one chunk and one
element, not the file and its whole tree (a 1 GB file would otherwise take 2 GB and more).
Files over MAX_XML_BYTES are refused before reading, in one line.

ElementTree forgets where an element was; expat tells us while parsing. No document type
declaration is accepted (so no entity can be declared: no "billion laughs", no external
entity), and nothing is ever fetched.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from netview.core.errors import ImportFailure

MAX_XML_BYTES = 1024 * 1024 * 1024  # 1 GiB: ten times a 100,000-person map with its drawing
MAX_TEXT_CHARS = 1024 * 1024  # the text of one element
CHUNK = 32 * 1024


@dataclass
class XNode:
    tag: str  # local name, namespace dropped
    attrib: dict[str, str]
    line: int
    children: list[XNode] = field(default_factory=list)
    text: str = ""

    def find(self, tag: str) -> XNode | None:
        return next((c for c in self.children if c.tag == tag), None)

    def findall(self, tag: str) -> list[XNode]:
        return [c for c in self.children if c.tag == tag]


def _local(name: str) -> str:
    return name.rsplit(" ", 1)[-1].rsplit(":", 1)[-1]


def _size_text(n: int) -> str:
    return f"{n / 1024**3:.1f} GB" if n >= 1024**3 else f"{n / 1024**2:.0f} MB"


def stream(
    path: str | os.PathLike[str], collect: frozenset[str], inner: frozenset[str]
) -> Iterator[tuple[tuple[str, ...], XNode]]:
    """(tags of the ancestors, element) for the root first (without children), then for
    each complete element whose tag is in `collect`, in file order, with those of its
    descendants whose tags are in `inner` (a node's data, not its drawing).

    ImportFailure naming the file (and line) when it is too big or not well-formed XML.
    """
    p = Path(path)
    label = p.name
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise ImportFailure(label, f"cannot read: {exc.strerror or exc}") from None
    if size == 0:
        raise ImportFailure(label, "empty file", 1)
    if size > MAX_XML_BYTES:
        raise ImportFailure(
            label,
            f"the file is {_size_text(size)}; NetView reads GraphML and GEXF files of up to "
            f"{_size_text(MAX_XML_BYTES)}",
        )
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    ready: list[tuple[tuple[str, ...], XNode]] = []
    stack: list[XNode] = []
    texts: list[list[str]] = []
    inside: list[int] = []  # depth of the collected element being built, if any
    skipped = XNode("", {}, 0)  # stands in for an element not kept

    def start(name: str, attrs: dict[str, str]) -> None:
        tag = _local(name)
        keep = not stack or (tag in collect if not inside else tag in inner)
        if inside and stack[-1] is skipped:
            keep = False  # what is inside an element not kept is not kept either
        node = (
            XNode(tag, {_local(k): v for k, v in attrs.items()}, parser.CurrentLineNumber)
            if keep or not inside
            else skipped
        )
        if not stack:
            ready.append(((), node))
        elif inside and node is not skipped:
            stack[-1].children.append(node)
        stack.append(node)
        texts.append([])
        if not inside and tag in collect and len(stack) > 1:
            inside.append(len(stack))

    def end(name: str) -> None:
        node = stack.pop()
        parts = texts.pop()
        if node is not skipped:
            node.text = "".join(parts)
        if inside and inside[0] == len(stack) + 1:
            inside.clear()
            ready.append((tuple(n.tag for n in stack), node))

    def chars(text: str) -> None:
        if inside and texts and stack[-1] is not skipped:
            parts = texts[-1]
            parts.append(text)
            if len(parts) % 64 == 0 and sum(map(len, parts)) > MAX_TEXT_CHARS:
                raise ImportFailure(
                    label,
                    f"an element holds more than {MAX_TEXT_CHARS:,} characters of text",
                    parser.CurrentLineNumber,
                )

    def no_dtd(*_: object) -> None:
        raise ImportFailure(
            label, "document type declarations are not accepted", parser.CurrentLineNumber
        )

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    parser.StartDoctypeDeclHandler = no_dtd
    parser.EntityDeclHandler = no_dtd
    try:
        with p.open("rb") as f:
            while chunk := f.read(CHUNK):
                parser.Parse(chunk, False)
                yield from ready
                ready.clear()
            parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise ImportFailure(
            label, f"not well-formed XML ({expat.ErrorString(exc.code)})", exc.lineno
        ) from None
    except OSError as exc:
        raise ImportFailure(label, f"cannot read: {exc.strerror or exc}") from None
    yield from ready
