"""Message bodies: HTML entities decoded, simple HTML turned into plain text."""

from __future__ import annotations

import html
import re

_TAG_START = re.compile(r"<[A-Za-z/!]")
_BREAK = re.compile(r"<br\s*/?>|</p\s*>\s*<p(?:\s[^>]*)?>|</?(?:p|div|li)(?:\s[^>]*)?>", re.I)
_TAG = re.compile(r"<[A-Za-z/!][^>]*>")
_BLANK_RUNS = re.compile(r"\n{3,}")
# Entities other than the five LinkedIn writes all the time: those need html.unescape.
_RARE_ENTITY = re.compile(r"&(?!amp;|#39;|quot;|lt;|gt;)[#A-Za-z]")


def unescape(text: str) -> str:
    """html.unescape, with a fast path for the common entities (html.unescape is slow)."""
    if _RARE_ENTITY.search(text):
        return html.unescape(text)
    # &amp; last, so that "&amp;lt;" becomes the literal "&lt;" as html.unescape would.
    return (
        text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&#39;", "'")
        .replace("&amp;", "&")
    )


def to_text(raw: str) -> str:
    """Plain text of a cell: `<p>`, `<br>` become line breaks, other tags go, entities decode."""
    text = raw
    if "<" in text and _TAG_START.search(text):
        text = _BREAK.sub("\n", text)
        text = _TAG.sub("", text)
        text = _BLANK_RUNS.sub("\n\n", text)
    if "&" in text:
        text = unescape(text)
    return text.strip()
