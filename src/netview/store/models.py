"""The schema, as SQLAlchemy 2.0 typed models.

People are keyed by one stable identity key (netview.core.ids) plus aliases. Everything
imported records which source (one imported export) attests it, so a source can later be
forgotten without losing what other sources also say. User data (groups, tags, notes,
follow-up settings) lives in tables of its own and is never touched by an import.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    FetchedValue,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    # Text columns have no length limit on either backend (SQLite never enforces one;
    # PostgreSQL's were lifted in migration 0011): what one imports, the other does. Role
    # names (owner, login) keep PostgreSQL's own 63.
    pass


def _owner() -> Mapped[str]:
    # The login that wrote a private row: PostgreSQL fills in current_user (the server's
    # row-level security lets each member see only their own rows); '' on SQLite. NetView
    # never sets it, so a member cannot write a row as someone else.
    return mapped_column(String(63), server_default=FetchedValue())


class Meta(Base):
    """Small key/value facts about the database, e.g. which person is "you"."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# A person's descriptive facts (what they are called, where they work, how to reach them):
# what an import says about someone, what a merge fills in where the kept person has none
# (store/merging.py), and what a teammate's import may not overwrite on a member's own row
# (store/team_guard.py). Their ranks are `info_as_of` and `info_rank`.
PERSON_FACTS = (
    "first_name",
    "last_name",
    "name",
    "name_key",
    "url",
    "email",
    "company",
    "position",
    "headline",
    "location",
)


class Person(Base):
    __tablename__ = "person"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(), unique=True)
    first_name: Mapped[str] = mapped_column(String(), default="")
    last_name: Mapped[str] = mapped_column(String(), default="")
    name: Mapped[str] = mapped_column(String(), default="")
    name_key: Mapped[str] = mapped_column(String(), default="", index=True)
    url: Mapped[str | None] = mapped_column(String())
    email: Mapped[str | None] = mapped_column(String())
    company: Mapped[str | None] = mapped_column(String())
    position: Mapped[str | None] = mapped_column(String())
    headline: Mapped[str | None] = mapped_column(String())
    location: Mapped[str | None] = mapped_column(String())
    # The export date of the source that last set company/position: an older archive
    # imported later must not overwrite newer facts.
    info_as_of: Mapped[date | None] = mapped_column(Date)
    # Which export each fact above comes from: JSON {field: "<level>|<as of>|<hash>"}
    # (level 2: the person's own export, 1: a connection row, 0: a mention); the highest
    # rank wins whatever the import order (migration 0005, services/importing/merge.py).
    info_rank: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class PersonAlias(Base):
    """Other keys of a person: URNs, legacy /pub/ URLs, former slugs."""

    __tablename__ = "person_alias"
    alias: Mapped[str] = mapped_column(String(), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)


class Source(Base):
    """One imported export: a LinkedIn archive, or an interop file."""

    __tablename__ = "source"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String())  # "linkedin", "graphml", "gexf", "edgelist"
    label: Mapped[str] = mapped_column(String())  # file name as the user gave it
    content_hash: Mapped[str] = mapped_column(String(), unique=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    era: Mapped[str | None] = mapped_column(String())
    exported_on: Mapped[date | None] = mapped_column(Date)
    imported_at: Mapped[datetime] = mapped_column(DateTime)
    report: Mapped[str | None] = mapped_column(Text)  # JSON: per-file rows read/imported/skipped


class PersonSource(Base):
    __tablename__ = "person_source"
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    source_id: Mapped[int] = mapped_column(
        ForeignKey("source.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Tie(Base):
    """An undirected connection between two people (a_id < b_id)."""

    __tablename__ = "tie"
    __table_args__ = (
        UniqueConstraint("a_id", "b_id"),
        CheckConstraint("a_id < b_id", name="tie_ordered"),
        Index("ix_tie_b", "b_id"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    a_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    b_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    connected_on: Mapped[date | None] = mapped_column(Date)  # earliest any source gives


class TieSource(Base):
    __tablename__ = "tie_source"
    tie_id: Mapped[int] = mapped_column(ForeignKey("tie.id", ondelete="CASCADE"), primary_key=True)
    source_id: Mapped[int] = mapped_column(
        ForeignKey("source.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    connected_on: Mapped[date | None] = mapped_column(Date)
    weight: Mapped[float | None] = mapped_column()  # interop files may carry one


class Interaction(Base):
    """A message, invitation, endorsement or recommendation: who did it, to whom, when.

    Direction is relative: the actor did it to the targets. `dedup` identifies the same
    event seen in several exports (both sides of a conversation export it).
    """

    __tablename__ = "interaction"
    __table_args__ = (Index("ix_interaction_actor", "actor_id", "occurred_at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String())
    occurred_at: Mapped[datetime | None] = mapped_column(DateTime)
    actor_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    conversation_id: Mapped[str | None] = mapped_column(String())
    dedup: Mapped[str] = mapped_column(String(), unique=True)


class PendingMessages(Base):
    """Messages an import of `source_id` could not attach (addressed to a name several people
    share), as the archive of `owner` gave them, texts included: private to that member,
    like interaction_text (netview.store.pending). `entries` is a JSON list."""

    __tablename__ = "pending_message"
    __table_args__ = (UniqueConstraint("owner", "source_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner: Mapped[str] = _owner()
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id", ondelete="CASCADE"), index=True)
    entries: Mapped[str] = mapped_column(Text)


class InteractionText(Base):
    """What an interaction said, as the archive of `owner` gave it: private to that member.

    The fact and date of an interaction are shared in a team; its text never is.
    """

    __tablename__ = "interaction_text"
    interaction_id: Mapped[int] = mapped_column(
        ForeignKey("interaction.id", ondelete="CASCADE"), primary_key=True
    )
    owner: Mapped[str] = _owner()
    subject: Mapped[str | None] = mapped_column(Text)  # message subject, endorsed skill
    body: Mapped[str | None] = mapped_column(Text)  # message text, invitation note, recommendation


class InteractionTarget(Base):
    __tablename__ = "interaction_target"
    interaction_id: Mapped[int] = mapped_column(
        ForeignKey("interaction.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class InteractionSource(Base):
    __tablename__ = "interaction_source"
    interaction_id: Mapped[int] = mapped_column(
        ForeignKey("interaction.id", ondelete="CASCADE"), primary_key=True
    )
    source_id: Mapped[int] = mapped_column(
        ForeignKey("source.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Position(Base):
    """A job held, from Positions.csv (the owner of each archive)."""

    __tablename__ = "position"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id", ondelete="CASCADE"))
    company: Mapped[str] = mapped_column(String())
    title: Mapped[str | None] = mapped_column(String())
    location: Mapped[str | None] = mapped_column(String())
    started_on: Mapped[date | None] = mapped_column(Date)
    finished_on: Mapped[date | None] = mapped_column(Date)


# --- user data (added in migration 0002) -------------------------------------------------


class Group(Base):
    """A group the user made (automatic groups are computed, not stored)."""

    __tablename__ = "group"
    # Unique per owner on PostgreSQL; SQLite databases (one owner) keep unique names.
    __table_args__ = (UniqueConstraint("owner", "name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner: Mapped[str] = _owner()
    name: Mapped[str] = mapped_column(String())
    color: Mapped[str | None] = mapped_column(String())  # "#rrggbb"
    cadence_days: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class GroupMember(Base):
    # On PostgreSQL (migration 0011) the key is (owner, group_id, person_id) and
    # (group_id, owner) references group (id, owner): a teammate's rows never collide with
    # yours, and yours name only your groups. SQLite has one owner: the same in effect.
    __tablename__ = "group_member"
    owner: Mapped[str] = _owner()
    group_id: Mapped[int] = mapped_column(
        ForeignKey("group.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Tag(Base):
    __tablename__ = "tag"
    __table_args__ = (UniqueConstraint("owner", "name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner: Mapped[str] = _owner()
    name: Mapped[str] = mapped_column(String())


class PersonTag(Base):
    # Keyed (owner, person_id, tag_id) on PostgreSQL, as GroupMember is (migration 0011).
    __tablename__ = "person_tag"
    owner: Mapped[str] = _owner()
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[int] = mapped_column(
        ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Note(Base):
    __tablename__ = "note"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner: Mapped[str] = _owner()
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class FollowUp(Base):
    """Keep-in-touch settings of one person (off unless cadence_days is set)."""

    __tablename__ = "followup"
    # The database's key is (owner, person_id) on PostgreSQL; a member sees only their own
    # rows, so person_id alone identifies the row the ORM works with.
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    owner: Mapped[str] = _owner()
    cadence_days: Mapped[int | None] = mapped_column(Integer)
    snoozed_until: Mapped[date | None] = mapped_column(Date)


class Touch(Base):
    """A contact the user logged by hand ("had coffee"); counts as an interaction."""

    __tablename__ = "touch"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner: Mapped[str] = _owner()
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    note: Mapped[str | None] = mapped_column(Text)


# --- introduction templates (added in migration 0003) ------------------------------------


class IntroTemplate(Base):
    """A user-edited template for introduction requests (built-in defaults live in code)."""

    __tablename__ = "intro_template"
    __table_args__ = (UniqueConstraint("owner", "name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner: Mapped[str] = _owner()
    name: Mapped[str] = mapped_column(String())
    body: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


# --- networking goals (added in migration 0004) ------------------------------------------


class Goal(Base):
    """A networking goal the user set, e.g. 10 new connections in fintech this quarter.

    kind "connections" counts new ties of yours (matching `topic` when given, against
    company, position or job function); kind "followups" counts distinct people you were
    in touch with. Both per `period` ("month", "quarter" or "year"), the current one.
    """

    __tablename__ = "goal"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner: Mapped[str] = _owner()
    kind: Mapped[str] = mapped_column(String())
    target: Mapped[int] = mapped_column(Integer)
    period: Mapped[str] = mapped_column(String())
    topic: Mapped[str | None] = mapped_column(String())
    created_at: Mapped[datetime] = mapped_column(DateTime)


# --- team databases (added in migration 0006) --------------------------------------------


class PersonPrivate(Base):
    """ "Keep out of every export": a flag each member sets for themselves."""

    __tablename__ = "person_private"
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    owner: Mapped[str] = _owner()


class MemberSecret(Base):
    """A member's own secret (`name` "anonymize": the key of their pseudonyms), private like
    their notes: a teammate who had it could reverse their anonymised exports (0011)."""

    __tablename__ = "member_secret"
    owner: Mapped[str] = mapped_column(String(63), primary_key=True, server_default=FetchedValue())
    name: Mapped[str] = mapped_column(String(), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class TeamMember(Base):
    """A member of a team database: a PostgreSQL login role, and the person it is."""

    __tablename__ = "team_member"
    login: Mapped[str] = mapped_column(String(63), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    added_at: Mapped[datetime] = mapped_column(DateTime)


# --- identity decisions (added in migration 0005) ----------------------------------------


class IdentityDecision(Base):
    """A merge or split the user made by hand, so that no re-import undoes it.

    kind "merge": person `key_b` was merged into `key_a` (`detail`: JSON of what moved, for
    a split); kind "apart": the two were split and must stay two people.
    """

    __tablename__ = "identity_decision"
    __table_args__ = (Index("ix_identity_decision_key_b", "key_b"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String())
    key_a: Mapped[str] = mapped_column(String())
    key_b: Mapped[str] = mapped_column(String())
    detail: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)


# --- the member's own evidence (added in migration 0009) ---------------------------------
# Calendars, mailboxes and address books are one member's private data: every table here
# has an owner and sits under row-level security on a team server (store/team.py). Each
# hangs off the source row of the file it came from, so forgetting the file removes it.


class EvidenceItem(Base):
    """A small meeting attended (at most 10 others) or a small e-mail (at most 10 recipients)
    sent or received: when, and (evidence_person) with whom. No title, subject or body."""

    __tablename__ = "evidence_item"
    __table_args__ = (UniqueConstraint("owner", "kind", "dedup"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner: Mapped[str] = _owner()
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # "meeting" or "mail"
    # sha256 of the Message-ID, or of the event's UID and occurrence: the same one twice is one.
    dedup: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime)  # UTC
    # Who was on it as the headers said, JSON {"b": [[address, name], ...], "d": [declined
    # addresses]}: what correcting your own addresses re-reads (0013; None before it).
    boxes: Mapped[str | None] = mapped_column(Text)
    # False: kept only so that a correction of your addresses can count it (a meeting you
    # declined, or too big while one of your addresses was taken for someone else).
    counted: Mapped[bool] = mapped_column(Boolean, server_default=true())


class EvidencePerson(Base):
    """Someone who took part in an evidence item (never the owner: they take part in all)."""

    __tablename__ = "evidence_person"
    item_id: Mapped[int] = mapped_column(
        ForeignKey("evidence_item.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    owner: Mapped[str] = _owner()


class EvidenceUnknown(Base):
    """Someone in an evidence item whom no LinkedIn person matched (an address nobody is
    known by, or a name several people share), kept so that attaching them later
    (`netview address ADDRESS KEY`) makes the item count for that person."""

    __tablename__ = "evidence_unknown"
    item_id: Mapped[int] = mapped_column(
        ForeignKey("evidence_item.id", ondelete="CASCADE"), primary_key=True
    )
    who: Mapped[str] = mapped_column(String(400), primary_key=True, index=True)  # address or ~name
    name: Mapped[str] = mapped_column(String(400), default="")
    # The matcher's key of the name (words_key), written with the row, so that Details finds
    # who waits under a person's name by an index rather than by reading every stranger.
    # None: kept before migration 0015 (read the slow way, only those rows).
    name_key: Mapped[str | None] = mapped_column(String(), index=True)
    owner: Mapped[str] = _owner()


class EvidenceAddress(Base):
    """An e-mail address and whom it is. `how`: "mine" (one of your own addresses), "not-mine"
    (you said it is not), "card" (an address book named the person), "name" (the display
    name named exactly one person), "hand" (you attached it). `source_id` None: set by hand
    (`netview my-address`, `netview address`)."""

    __tablename__ = "evidence_address"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner: Mapped[str] = _owner()
    source_id: Mapped[int | None] = mapped_column(
        ForeignKey("source.id", ondelete="CASCADE"), index=True
    )
    address: Mapped[str] = mapped_column(String(320), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    how: Mapped[str] = mapped_column(String(16))


class EvidenceReport(Base):
    """The import report of one evidence file: what was skipped (file:line) and who was not
    recognised (addresses and names). Private, unlike source.report, as it names addresses."""

    __tablename__ = "evidence_report"
    source_id: Mapped[int] = mapped_column(
        ForeignKey("source.id", ondelete="CASCADE"), primary_key=True
    )
    owner: Mapped[str] = _owner()
    report: Mapped[str] = mapped_column(Text)


# --- history of archives and introductions (added in migration 0010) ---------------------


class SourceSnapshot(Base):
    """When an archive was made and how many connections it lists: the newest one of a
    person with a connection list says who that person is connected to now (store/history.py).
    """

    __tablename__ = "source_snapshot"
    source_id: Mapped[int] = mapped_column(
        ForeignKey("source.id", ondelete="CASCADE"), primary_key=True
    )
    as_of: Mapped[date] = mapped_column(Date)
    connections: Mapped[int] = mapped_column(Integer)


class NetworkChange(Base):
    """What an import of a newer archive found changed: a connection new or gone, or a person's
    company or title moved (old and new values, `seen`: the date of the archive that showed it).
    Forgetting the source takes its changes with it."""

    __tablename__ = "network_change"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # "new", "gone" or "moved"
    company_old: Mapped[str | None] = mapped_column(String(300))
    company_new: Mapped[str | None] = mapped_column(String(300))
    position_old: Mapped[str | None] = mapped_column(String(300))
    position_new: Mapped[str | None] = mapped_column(String(300))
    seen: Mapped[date] = mapped_column(Date)


class IntroRequest(Base):
    """An introduction you asked for: to `target_id` through `via_id`, with the draft you
    sent. `state` is the latest of `steps` (JSON [[state, "YYYY-MM-DD"], ...], oldest first):
    asked, introduced, met, declined or no answer."""

    __tablename__ = "intro_request"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner: Mapped[str] = _owner()
    target_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    via_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    draft: Mapped[str] = mapped_column(Text)
    asked_on: Mapped[date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(16))
    state_on: Mapped[date] = mapped_column(Date)
    steps: Mapped[str] = mapped_column(Text)
