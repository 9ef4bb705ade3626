"""A small XML tree that remembers line numbers, for readers that must name the bad line.

ElementTree forgets where an element was; expat tells us while parsing. Entities are not
expanded beyond XML's own (expat's defaults), and no DTD or external resource is fetched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.parsers import expat

from netview.core.errors import ImportFailure


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


def parse(data: bytes, label: str) -> XNode:
    """Parse `data`; ImportFailure naming `label` and the line when it is not well-formed XML."""
    parser = expat.ParserCreate(namespace_separator=" ")
    stack: list[XNode] = []
    root: list[XNode] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        node = XNode(
            _local(name), {_local(k): v for k, v in attrs.items()}, parser.CurrentLineNumber
        )
        if stack:
            stack[-1].children.append(node)
        else:
            root.append(node)
        stack.append(node)

    def end(name: str) -> None:
        stack.pop()

    def chars(text: str) -> None:
        if stack:
            stack[-1].text += text

    def no_dtd(*_: object) -> None:
        raise ImportFailure(
            label, "document type declarations are not accepted", parser.CurrentLineNumber
        )

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    parser.StartDoctypeDeclHandler = no_dtd
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise ImportFailure(
            label, f"not well-formed XML ({expat.ErrorString(exc.code)})", exc.lineno
        ) from None
    if not root:
        raise ImportFailure(label, "empty file", 1)
    return root[0]
