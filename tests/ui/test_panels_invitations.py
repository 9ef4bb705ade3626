"""The invitations panel: requests sent and received, their messages, which are pending."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import aliased
from tests.ui.panel_helpers import settle

from netview.store.models import Interaction, InteractionTarget, InteractionText, Person, Tie


def invitations(db, me: int) -> list[tuple[str, bool, str | None]]:  # type: ignore[no-untyped-def]
    """(other's key, you sent it, message) of every invitation between you and someone."""
    actor, target = aliased(Person), aliased(Person)
    with db.session() as s:
        rows = s.execute(
            select(actor.id, actor.key, target.key, InteractionText.body)
            .select_from(Interaction)
            .join(actor, actor.id == Interaction.actor_id)
            .outerjoin(InteractionText, InteractionText.interaction_id == Interaction.id)
            .join(InteractionTarget, InteractionTarget.interaction_id == Interaction.id)
            .join(target, target.id == InteractionTarget.person_id)
            .where(Interaction.kind == "invitation")
            .where((Interaction.actor_id == me) | (InteractionTarget.person_id == me))
        ).all()
    return [(t if a == me else k, a == me, b) for a, k, t, b in rows]


def test_sent_and_received_with_messages(sample_window, reference) -> None:  # type: ignore[no-untyped-def]
    db, ln = reference
    panel = sample_window.panels["invitations"]
    expected = invitations(db, int(ln.net.ids[ln.net.owner]))
    assert len(expected) >= 2 and {s for _k, s, _b in expected} == {True, False}
    assert panel.tree.topLevelItemCount() == len(expected)
    shown = [r.key for r in panel.rows]
    assert sorted(shown) == sorted(k for k, _s, _b in expected)
    sent = sum(1 for _k, s, _b in expected if s)
    assert panel.summary.text() == (
        f"{sent} sent (0 pending) · {len(expected) - sent} received (0 pending)"
    )
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    first = panel.rows[0]
    assert panel.message.toPlainText() == first.message


def test_an_invitation_without_a_tie_is_pending(qtbot, sample_window, reference) -> None:  # type: ignore[no-untyped-def]
    db, ln = reference
    me = int(ln.net.ids[ln.net.owner])
    key = next(k for k, s, _b in invitations(db, me) if s)
    other = int(ln.net.ids[ln.net.index_of_key[key]])
    with db.session() as s:  # as if they had not accepted (yet)
        s.execute(delete(Tie).where(Tie.a_id == min(me, other), Tie.b_id == max(me, other)))
    sample_window.changed()  # anything may differ
    settle(qtbot, sample_window)
    panel = sample_window.panels["invitations"]
    assert "(1 pending)" in panel.summary.text()
    panel.filter.setCurrentText("Pending")
    assert panel.tree.topLevelItemCount() == 1
    item = panel.tree.topLevelItem(0)
    assert item.text(3) == "pending" and item.text(1) == "you invited"
    assert panel.visible_rows()[0].key == key
