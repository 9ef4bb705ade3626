"""Draft introduction requests for a chosen path, from templates the user can edit.

A draft is addressed to the first person on the path and names everyone involved, with the
context the data holds: how you know them (their recommendation, your last conversation,
your shared employer) and how they know the next person. Built-in templates live here;
the user's edits are stored in the database (table intro_template) and win.
"""

from __future__ import annotations

import string

from netview.core.errors import NetViewError
from netview.graph.paths import Path
from netview.graph.strength import ago
from netview.services.network import LoadedNetwork
from netview.store import userdata as u
from netview.store.db import Database

DEFAULTS: dict[str, str] = {
    "intro-2": (
        "Hi $asked_first,\n\n"
        "$our_context I'm hoping to meet $target_name$target_role, and I see you two know "
        "each other$their_context. Would you be comfortable introducing us? I'm happy to write "
        "a short note you can forward, and no pressure if the timing isn't right.\n\n"
        "Thanks,\n$me_first"
    ),
    "intro-3": (
        "Hi $asked_first,\n\n"
        "$our_context I'm hoping to reach $target_name$target_role. The closest route I can "
        "see runs through $next_name, whom you know$their_context. Would you be comfortable "
        "introducing me to $next_first, so I can ask whether they would connect me with "
        "$target_first? I'm happy to send a short blurb you can forward.\n\n"
        "Thanks,\n$me_first"
    ),
}
FIELDS = {
    "me_first", "me_name", "asked_first", "asked_name", "next_first", "next_name",
    "target_first", "target_name", "target_role", "our_context", "their_context",
}  # fmt: skip


class TemplateError(NetViewError):
    pass


def _first(name: str) -> str:
    return name.split()[0] if name.strip() else name


def _template_fields(body: str) -> set[str]:
    return {
        m.group("named") or m.group("braced")
        for m in string.Template.pattern.finditer(body)
        if m.group("named") or m.group("braced")
    }


def templates(db: Database) -> dict[str, str]:
    """Every template by name: the built-in ones, overridden by the user's edits."""
    with db.session() as s:
        return {**DEFAULTS, **u.templates(s)}


def save_template(db: Database, name: str, body: str) -> None:
    unknown = _template_fields(body) - FIELDS
    if unknown:
        raise TemplateError(
            f"template {name!r} uses unknown fields {', '.join(sorted(unknown))}; "
            f"known: {', '.join(sorted(FIELDS))}"
        )
    if not body.strip():
        raise TemplateError("a template cannot be empty")
    with db.write() as s:
        u.save_template(s, name, body)


def reset_template(db: Database, name: str) -> None:
    with db.write() as s:
        u.delete_template(s, name)


def _our_context(ln: LoadedNetwork, asked: int) -> str:
    """One sentence on how you know `asked`, strongest evidence first."""
    net = ln.net
    k = net.tie_index(net.owner, asked)
    ev = ln.evidence.get(k) if k is not None else None
    me_is_a = k is not None and int(net.tie_a[k]) == net.owner
    if ev is not None:
        theirs = ev.recommended_ba if me_is_a else ev.recommended_ab
        mine = ev.recommended_ab if me_is_a else ev.recommended_ba
        if theirs:
            year = max(theirs)
            return "Thanks again for the recommendation you wrote me" + (
                f" in {year}." if year else "."
            )
        if ev.last_message is not None:
            when = ago(ev.last_message.date(), ln.today)
            if (ln.today - ev.last_message.date()).days <= 180:
                return f"It was good to be in touch {when}."
            return f"It's been a while since we last spoke ({when}); I hope you're well."
        if mine:
            return "I hope all is well since I wrote your recommendation."
        if ev.endorsements_ba if me_is_a else ev.endorsements_ab:
            return "Thanks again for endorsing me."
    company = ln.same_company(net.owner, asked)
    if company:
        return f"I hope things are going well for you at {company}."
    return "I hope you're doing well."


def _their_context(ln: LoadedNetwork, asked: int, nxt: int) -> str:
    company = ln.same_company(asked, nxt)
    if company:
        return f" from {company}"
    k = ln.net.tie_index(asked, nxt)
    ev = ln.evidence.get(k) if k is not None else None
    if ev is not None and (ev.recommended_ab or ev.recommended_ba):
        return " well enough to have written a recommendation"
    if ev is not None and ev.messages_ab + ev.messages_ba:
        return " and have been in touch"
    return ""


def draft_request(
    db: Database, ln: LoadedNetwork, path: Path, template: str | None = None
) -> str | None:
    """The message to the path's first hop asking for the introduction (None: 1st degree)."""
    net = ln.net
    nodes = path.nodes
    if len(nodes) < 3:
        return None
    asked, nxt, target = nodes[1], nodes[2], nodes[-1]
    name = template or ("intro-2" if len(nodes) == 3 else "intro-3")
    body = templates(db).get(name)
    if body is None:
        raise TemplateError(f"there is no template called {name!r}")
    target_name = net.names[target] or net.keys[target]
    position, company = net.positions[target], net.companies[target]
    role = ", ".join(x for x in (position, company) if x)
    me = net.names[net.owner]
    values = {
        "me_first": _first(me),
        "me_name": me,
        "asked_first": _first(net.names[asked]),
        "asked_name": net.names[asked],
        "next_first": _first(net.names[nxt]),
        "next_name": net.names[nxt],
        "target_first": _first(target_name),
        "target_name": target_name,
        "target_role": f" ({role})" if role else "",
        "our_context": _our_context(ln, asked),
        "their_context": _their_context(ln, asked, nxt),
    }
    return string.Template(body).safe_substitute(values)
