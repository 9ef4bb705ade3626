"""The demo network: an invented professional network, written as LinkedIn exports.

`generate_archives` invents a population of `people` members around "you", splits it into
your own export and exports that colleagues shared with you, and writes them as LinkedIn
archives (netview.demo.writer). netview.services.importing.demo.fill_demo imports those archives
through the real importer, so the demo shows exactly what a member's own data would.

Shape of the network (what a user sees first, so it should look like a real one):
- you know about N/8 people (at least 60 in small networks, at most 3000); most
  exporters (12 archives at N=60,000) are your 1st-degree colleagues, at least
  one is a friend of a colleague (2nd degree), whose connections become your 3rd degree;
- ~1 company per 40 people, sizes power-law; people of one exporter's circle cluster in a
  few companies, and colleagues' lists overlap where they share companies and friends;
- titles by function and seniority; names in many scripts with the decorations members
  really type (emoji, pronouns, ", PhD"); ~1% of connection rows hidden;
- a few strong, recent conversations, more old ones, most ties silent; invitations with
  and without notes, some still pending; endorsements and recommendations both ways.

Deterministic: everything is drawn from one `random.Random(seed)`, and the archives carry
no clock, so the same (people, seed, as_of) gives byte-identical files.
"""

from __future__ import annotations

import base64
import bisect
import random
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from netview.core.ids import name_key
from netview.demo import vocab as V
from netview.demo.writer import (
    ConnectionOut,
    EndorsementOut,
    ExportOut,
    InvitationOut,
    MessageOut,
    PositionOut,
    ProfileOut,
    RecommendationOut,
    archive_name,
    write_zip,
)

# The demo's "today" when the caller gives none: fixed, so archives are reproducible.
DEMO_AS_OF = date(2026, 11, 20)

# Colleague exports hold about this many people not seen in any earlier export.
_NEW_PER_EXPORT = 5200
_HIDDEN_SHARE = 0.01


@dataclass(slots=True)
class _Person:
    first: str  # as displayed, with any emoji/pronouns/credentials the member typed
    last: str
    plain_first: str  # without decorations, for greetings and the member's own Profile.csv
    plain_last: str
    slug: str
    company: int  # index into companies, -1: none
    function: str  # "" when the member gives no position
    seniority: int
    title: str
    email: str

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass(slots=True)
class _Export:
    owner: int
    until: date  # the export date: nothing in the archive is newer
    joined: date  # when the owner joined LinkedIn
    parent: int  # export whose members this one overlaps most (-1 for yours)
    members: dict[int, date] = field(default_factory=dict)  # person -> connected on
    hidden: list[date] = field(default_factory=list)
    out: ExportOut | None = None


@dataclass(frozen=True, slots=True)
class DemoPlan:
    """How many people each export brings (for callers that want to show it)."""

    people: int
    your_connections: int
    colleague_exports: int
    second_degree_exports: int


def plan(people: int, archives: int | None = None) -> DemoPlan:
    """Your list size and the number of colleague exports for a network of `people`."""
    if people < 20:
        raise ValueError("a demo network needs at least 20 people")
    mine = round(min(3000.0, max(people * 0.125, min(0.4 * people, 60.0))))
    if archives is not None:
        if archives < 3:
            raise ValueError("a demo network needs at least 3 archives (yours and two shared)")
        colleagues = archives - 1
    else:
        floor = 2 + (people >= 300) + (people >= 1000)
        colleagues = max(floor, round((people - mine) / _NEW_PER_EXPORT))
    second = max(1, round(colleagues * 0.2))
    return DemoPlan(people, mine, colleagues, second)


class _Generator:
    def __init__(self, people: int, seed: int, archives: int | None, as_of: date) -> None:
        self.rng = random.Random(seed)
        self.as_of = as_of
        self.plan = plan(people, archives)
        self.persons: list[_Person] = []
        self.folded_slugs: set[str] = set()
        self.companies: list[str] = []
        self.company_industry: list[str] = []
        self.company_members: list[list[int]] = []
        self.company_cum: list[float] = []
        self.exports: list[_Export] = []
        self.export_of: dict[int, int] = {}  # person -> index of the export they made
        self._cultures = V.CULTURES
        self._culture_cum = _cumulative([c.weight for c in V.CULTURES])
        self._functions = list(V.FUNCTIONS)
        self._function_cum = _cumulative([V.FUNCTIONS[f][0] for f in self._functions])
        self._seniority_cum = _cumulative(V.SENIORITY_WEIGHTS)

    # --- small draws ------------------------------------------------------------------------

    def pick_cum(self, cum: list[float]) -> int:
        return bisect.bisect_right(cum, self.rng.random() * cum[-1])

    def day_between(self, start: date, end: date, skew: float = 1.0) -> date:
        """A day in [start, end]; skew < 1 leans towards `end` (networks grow over time)."""
        span = (end - start).days
        if span <= 0:
            return start
        return start + timedelta(days=round(span * self.rng.random() ** skew))

    def moment(self, day: date) -> datetime:
        # Most messages are written in working hours (UTC, members are in many zones).
        hour = self.rng.choice((7, 8, 9, 9, 10, 10, 11, 12, 13, 14, 14, 15, 16, 17, 18, 20, 22))
        return datetime(
            day.year, day.month, day.day, hour, self.rng.randrange(60), self.rng.randrange(60)
        )

    def fill(self, template: str, to: _Person, by: _Person) -> str:
        return template.format(
            first=to.plain_first,
            company=self.company_name(to.company) or "your company",
            mycompany=self.company_name(by.company) or "my company",
            event=self.rng.choice(V.EVENTS),
            topic=self.rng.choice(V.TOPICS),
            title=by.title or "Software Engineer",
        )

    def company_name(self, index: int) -> str:
        return self.companies[index] if index >= 0 else ""

    # --- companies ----------------------------------------------------------------------------

    def make_companies(self) -> None:
        count = max(6, round(self.plan.people / 40))
        seen: set[str] = set()
        rng = self.rng
        while len(self.companies) < count:
            stem = rng.choice(V.COMPANY_STEMS)
            area = rng.choice(V.COMPANY_FIELDS)
            suffix = rng.choice(V.COMPANY_SUFFIXES)
            shape = rng.random()
            if shape < 0.45 or stem.endswith(("Söhne", "gaard", "ström")):
                base = stem
            elif shape < 0.85:
                base = f"{stem} {area}"
            else:
                base = f"{stem}{rng.choice(('ly', 'io', 'ify', 'hub', 'works'))}"
            name = f"{base} {suffix}" if suffix else base
            if name in seen:
                continue
            seen.add(name)
            self.companies.append(name)
            self.company_industry.append(V.INDUSTRIES.get(area, "Software Development"))
            self.company_members.append([])
        # Power-law sizes: weight 1/(rank+3)^1.1 puts ~5% of everyone in the largest company
        # and a handful of people in the smallest.
        self.company_cum = _cumulative([1.0 / (r + 3) ** 1.1 for r in range(count)])

    def any_company(self) -> int:
        return self.pick_cum(self.company_cum)

    # --- people -------------------------------------------------------------------------------

    def make_person(self, company: int) -> int:
        rng = self.rng
        culture = self._cultures[self.pick_cum(self._culture_cum)]
        female = rng.random() < 0.5
        first_pair = rng.choice(culture.female if female else culture.male)
        last_pair = rng.choice(culture.family)
        native = rng.random() < culture.native_share
        if rng.random() < V.MIXED_FAMILY_SHARE:
            # A family name from another tradition, in Latin letters (marriage, migration).
            other = self._cultures[self.pick_cum(self._culture_cum)]
            romanised = rng.choice(other.family)[1]
            last_pair = (romanised, romanised)
            # A name in two scripts would look wrong: write it all in Latin letters then.
            native = native and first_pair[0] == first_pair[1]
        first, last = (first_pair[0], last_pair[0]) if native else (first_pair[1], last_pair[1])
        if native and rng.random() < culture.raw_slug:
            slug_words = f"{first_pair[0]} {last_pair[0]}"
        else:
            slug_words = f"{first_pair[1]} {last_pair[1]}"
            if rng.random() >= culture.raw_slug:
                slug_words = _ascii_fold(slug_words)
        slug = self.unique_slug(slug_words)
        plain_first, plain_last = first, last
        roll = rng.random()
        if roll < 0.015:
            first = f"{first} {rng.choice(V.EMOJI)}"
        elif roll < 0.045:
            pronoun = V.PRONOUNS_FEMALE if female else V.PRONOUNS_MALE
            last = f"{last} {V.PRONOUNS_ANY if rng.random() < 0.1 else pronoun}"
        elif roll < 0.065:
            last = f"{last}{rng.choice(V.CREDENTIALS)}"
        elif roll < 0.07:
            first = f"{first} "  # members leave stray spaces too
        elif roll < 0.07 + V.MIDDLE_INITIAL_SHARE and first.isascii():
            first = f"{first} {chr(65 + rng.randrange(26))}."
        function, seniority, title = "", 0, ""
        if company >= 0 or rng.random() < 0.5:
            function = self._functions[self.pick_cum(self._function_cum)]
            seniority = self.pick_cum(self._seniority_cum)
            title = rng.choice(V.FUNCTIONS[function][1][seniority])
        email = ""
        if rng.random() < 0.03:
            local = _ascii_fold(f"{first_pair[1]} {last_pair[1]}").lower().replace("'", "")
            email = f"{'.'.join(local.split())}@{_domain(self, company)}"
        index = len(self.persons)
        self.persons.append(
            _Person(
                first,
                last,
                plain_first,
                plain_last,
                slug,
                company,
                function,
                seniority,
                title,
                email,
            )
        )
        if company >= 0:
            self.company_members[company].append(index)
        return index

    def unique_slug(self, words: str) -> str:
        base = "-".join(words.replace("'", "").replace("İ", "I").lower().split())
        rng = self.rng
        while True:
            roll = rng.random()
            if roll < 0.75:
                slug = f"{base}-{rng.getrandbits(20):05x}"
            elif roll < 0.9:
                slug = f"{base}-{rng.randrange(1, 1000)}"
            else:
                slug = base
            # Identity keys compare NFC-casefolded slugs ("weiß" and "weiss" meet).
            folded = unicodedata.normalize("NFC", slug).casefold()
            if folded not in self.folded_slugs:
                self.folded_slugs.add(folded)
                return slug

    # --- who knows whom -------------------------------------------------------------------

    def new_export(self, owner: int, parent: int, until: date) -> _Export:
        joined = self.as_of - timedelta(days=self.rng.randrange(4 * 365, 15 * 365))
        export = _Export(owner, until, joined, parent)
        self.export_of[owner] = len(self.exports)
        self.exports.append(export)
        return export

    def connect(self, export: _Export, person: int) -> None:
        export.members[person] = self.day_between(export.joined, export.until, skew=0.8)

    def add_new_people(self, export: _Export, quota: int) -> None:
        rng = self.rng
        owner_company = self.persons[export.owner].company
        local = [self.any_company() for _ in range(max(2, quota // 50))]
        if owner_company >= 0:
            local += [owner_company] * max(1, len(local) // 4)
        for _ in range(quota):
            roll = rng.random()
            if roll < 0.04:
                company = -1
            elif roll < 0.58:
                company = rng.choice(local)
            else:
                company = self.any_company()
            self.connect(export, self.make_person(company))

    def add_overlap(self, export: _Export, count: int, known: int) -> None:
        """People this exporter shares with earlier exports: coworkers, friends of the parent."""
        rng = self.rng
        owner = export.owner
        company = self.persons[owner].company
        coworkers = self.company_members[company] if company >= 0 else []
        parent = list(self.exports[export.parent].members) if export.parent >= 0 else []
        tries = 0
        added = 0
        while added < count and tries < count * 8:
            tries += 1
            roll = rng.random()
            if roll < 0.4 and coworkers:
                person = rng.choice(coworkers)
            elif roll < 0.75 and parent:
                person = rng.choice(parent)
            else:
                person = rng.randrange(1, known)
            if person == owner or person in export.members or person >= known:
                continue
            self.connect(export, person)
            added += 1

    def build_lists(self) -> None:
        p = self.plan
        rng = self.rng
        mine_company = rng.randrange(2, min(12, len(self.companies)))
        self.persons.append(_Person("", "", "", "", "", -1, "", 0, "", ""))  # slot 0: you
        me = self.make_you(mine_company)
        yours = self.new_export(me, -1, self.as_of)
        yours.joined = self.as_of - timedelta(days=rng.randrange(9 * 365, 15 * 365))
        self.add_new_people(yours, p.your_connections)

        remaining = p.people - p.your_connections
        weights = [rng.uniform(0.7, 1.3) for _ in range(p.colleague_exports)]
        quotas = _split_total(remaining, weights)
        first_degree = p.colleague_exports - p.second_degree_exports
        for i, quota in enumerate(quotas):
            until = self.as_of - timedelta(days=rng.randrange(0, 45))
            if i < first_degree:
                owner = self.pick_owner(list(yours.members), prefer=mine_company)
                export = self.new_export(owner, 0, until)
            else:
                parent = 1 + rng.randrange(first_degree)
                pool = [
                    q
                    for q in self.exports[parent].members
                    if q not in yours.members and q not in self.export_of
                ]
                owner = (
                    rng.choice(pool)
                    if pool
                    else self.pick_owner(list(self.exports[parent].members), prefer=-1)
                )
                export = self.new_export(owner, parent, until)
            known = len(self.persons)
            self.add_overlap(export, round(quota * rng.uniform(0.08, 0.2)), known)
            self.add_new_people(export, quota)
        self.make_lists_symmetric()
        for export in self.exports:
            hidden = round(len(export.members) * _HIDDEN_SHARE)
            if hidden == 0 and len(export.members) >= 20:
                hidden = 1
            export.hidden = [self.day_between(export.joined, export.until) for _ in range(hidden)]

    def make_you(self, company: int) -> int:
        index = self.make_person(company)
        you = self.persons.pop()
        self.company_members[company].remove(index)
        self.persons[0] = you
        if you.function == "" or you.seniority > 4:
            you.function, you.seniority = "product", 2
            you.title = "Senior Product Manager"
        return 0

    def pick_owner(self, pool: list[int], prefer: int) -> int:
        rng = self.rng
        candidates = [q for q in pool if q not in self.export_of and self.persons[q].function]
        same = [q for q in candidates if self.persons[q].company == prefer]
        if same and rng.random() < 0.5:
            return rng.choice(same)
        return rng.choice(candidates or [q for q in pool if q not in self.export_of])

    def make_lists_symmetric(self) -> None:
        # A tie is one fact: when two exporters are connected, each lists the other, same day.
        for export in self.exports:
            for person, day in list(export.members.items()):
                other = self.export_of.get(person)
                if other is None:
                    continue
                peer = self.exports[other]
                day = min(day, peer.until)
                export.members[person] = day
                if export.owner not in peer.members or peer.members[export.owner] > day:
                    peer.members[export.owner] = day

    # --- what people did --------------------------------------------------------------------

    def owns_pair(self, e: int, person: int) -> bool:
        """Whether export `e` decides about its tie with `person` (the lower export does)."""
        other = self.export_of.get(person)
        return other is None or other > e

    def archives_of(self, people: Sequence[int]) -> list[_Export]:
        return [self.exports[self.export_of[q]] for q in people if q in self.export_of]

    def conversation_id(self) -> str:
        raw = self.rng.getrandbits(128).to_bytes(16, "big")
        return "2-" + base64.b64encode(raw).decode("ascii")

    def converse(
        self,
        people: Sequence[int],
        days: list[date],
        title: str = "",
        subject: str = "",
        opener: str | None = None,
    ) -> None:
        """One conversation among `people` (the first writes first), one message per day."""
        rng = self.rng
        cid = self.conversation_id()
        sender = 0
        html = rng.random() < 0.3
        rows: list[tuple[int, datetime, str]] = []
        for n, day in enumerate(sorted(days)):
            if n and (len(people) > 2 or rng.random() < 0.7):
                sender = (sender + rng.randrange(1, len(people))) % len(people)
            by = self.persons[people[sender]]
            to = self.persons[people[(sender + 1) % len(people)]]
            template = (
                opener if n == 0 and opener else rng.choice(V.OPENERS if n == 0 else V.REPLIES)
            )
            rows.append((people[sender], self.moment(day), self.fill(template, to, by)))
        for export in self.archives_of(people):
            assert export.out is not None
            for author, when, text in rows:
                if when.date() > export.until:
                    continue
                by = self.persons[author]
                export.out.messages.append(
                    MessageOut(
                        conversation_id=cid,
                        title=title,
                        from_name=by.name,
                        sender_slug=by.slug,
                        to=[
                            (self.persons[q].name, self.persons[q].slug)
                            for q in people
                            if q != author
                        ],
                        sent_at=when,
                        content=text,
                        html=html,
                        subject=subject,
                    )
                )

    def conversations(self, e: int) -> None:
        rng = self.rng
        export = self.exports[e]
        members = [q for q in export.members if self.owns_pair(e, q)]
        n = len(export.members)
        strong = min(round(0.05 * n), 40 + n // 200)
        medium = min(round(0.1 * n), 150 + n // 40)
        weak = round(0.12 * n)
        chosen = rng.sample(members, min(len(members), strong + medium + weak))
        owner = export.owner
        for rank, person in enumerate(chosen):
            since = export.members[person]
            until = min(export.until, self.partner_until(person))
            if rank < strong:
                # Close ties: many messages over the years, the last one recent.
                start = max(since, until - timedelta(days=3 * 365))
                last = until - timedelta(days=rng.randrange(0, 45 if rng.random() < 0.8 else 300))
                last = max(last, start)
                count = rng.randint(8, 40)
                days = [self.day_between(start, last, skew=0.5) for _ in range(count - 1)]
                days.append(last)
            elif rank < strong + medium:
                last = self.day_between(since, until, skew=1.3)
                start = max(since, last - timedelta(days=200))
                days = [self.day_between(start, last) for _ in range(rng.randint(2, 9))]
            else:
                days = [
                    since + timedelta(days=rng.randrange(0, 15)) for _ in range(rng.randint(1, 3))
                ]
                days = [min(d, until) for d in days]
            pair = [owner, person] if rng.random() < 0.55 else [person, owner]
            self.converse(pair, days)
        # Group threads among colleagues.
        coworkers = [
            q
            for q in export.members
            if self.persons[q].company == self.persons[owner].company and q != owner
        ]
        for _ in range(n // 250 + (1 if n >= 30 else 0)):
            pool = coworkers if len(coworkers) >= 4 else list(export.members)
            others = rng.sample(pool, min(len(pool), rng.randint(2, 4)))
            start = self.day_between(export.joined, export.until - timedelta(days=60))
            days = [
                self.day_between(start, start + timedelta(days=60))
                for _ in range(rng.randint(4, 15))
            ]
            title = rng.choice(V.GROUP_TITLES).format(topic=rng.choice(V.TOPICS))
            self.converse([owner, *others], days, title=title)
        self.inmails(e)

    def partner_until(self, person: int) -> date:
        other = self.export_of.get(person)
        return self.exports[other].until if other is not None else self.as_of

    def inmails(self, e: int) -> None:
        """Recruiters and strangers who write without being connected."""
        rng = self.rng
        export = self.exports[e]
        n = len(export.members)
        for _ in range(n // 400 + (1 if n >= 100 else 0)):
            sender = self.stranger(export, want="people")
            if sender is None:
                break
            by = self.persons[sender]
            day = self.day_between(export.until - timedelta(days=700), export.until)
            subject = rng.choice(V.RECRUITER_SUBJECTS).format(
                company=self.company_name(by.company) or "a fast-growing startup",
                title=self.persons[export.owner].title or "Product Manager",
            )
            role = self.persons[export.owner].title or "Product Manager"
            self.converse(
                [sender, export.owner],
                [day],
                subject=subject,
                opener=V.RECRUITER_TEXT.replace("{role}", role),
            )
        if e == 0 or rng.random() < 0.5:
            assert export.out is not None
            me = self.persons[export.owner]
            day = export.until - timedelta(days=rng.randrange(5, 200))
            export.out.messages.append(
                MessageOut(
                    conversation_id=self.conversation_id(),
                    title="Sponsored Conversation",
                    from_name="LinkedIn Member",
                    sender_slug=None,
                    to=[(me.name, me.slug)],
                    sent_at=self.moment(day),
                    content='<p class="spinmail-quill-editor__spin-break">Hi %FIRSTNAME%, '
                    "grow your team with our hiring tools today!</p>",
                    escape=False,
                )
            )

    def stranger(self, export: _Export, want: str = "") -> int | None:
        """Someone this exporter is not connected to (and who shares no export)."""
        rng = self.rng
        total = len(self.persons)
        for attempt in range(60):
            person = rng.randrange(1, total)
            if person in export.members or person in self.export_of:
                continue
            if want and attempt < 40 and self.persons[person].function != want:
                continue
            return person
        return None

    def invitations(self, e: int) -> None:
        rng = self.rng
        export = self.exports[e]
        owner = export.owner
        for person, since in export.members.items():
            if not self.owns_pair(e, person) or rng.random() >= 0.3:
                continue
            inviter, invitee = (owner, person) if rng.random() < 0.45 else (person, owner)
            sent = self.moment(since - timedelta(days=rng.randrange(0, 7)))
            self.invite(inviter, invitee, sent)
        n = len(export.members)
        for outgoing, count in ((True, max(1, n // 150)), (False, max(1, n // 100))):
            for _ in range(count):
                other = self.stranger(export)
                if other is None:
                    break
                day = self.day_between(export.until - timedelta(days=240), export.until)
                pair = (owner, other) if outgoing else (other, owner)
                self.invite(*pair, self.moment(day))

    def invite(self, inviter: int, invitee: int, sent: datetime) -> None:
        a, b = self.persons[inviter], self.persons[invitee]
        note = ""
        if self.rng.random() < 0.25:
            note = self.fill(self.rng.choice(V.INVITE_NOTES), b, a)
        for export in self.archives_of((inviter, invitee)):
            if sent.date() > export.until:
                continue
            assert export.out is not None
            export.out.invitations.append(
                InvitationOut(a.name, b.name, sent, note, export.owner == inviter, a.slug, b.slug)
            )

    def endorsements(self, e: int, given: set[tuple[int, int, str]]) -> None:
        rng = self.rng
        export = self.exports[e]
        owner = export.owner
        members = list(export.members)
        n = len(members)
        received = rng.sample(members, min(n, 1 + min(150, round(n * 0.05))))
        endorsed = rng.sample(members, min(n, 1 + min(80, round(n * 0.03))))
        pairs = [(q, owner) for q in received] + [(owner, q) for q in endorsed]
        for giver, receiver in pairs:
            skills = V.SKILLS.get(self.persons[receiver].function)
            if not skills:
                continue
            since = export.members[receiver if giver == owner else giver]
            for skill in rng.sample(skills, rng.randint(1, 3)):
                if (giver, receiver, skill) in given:
                    continue
                given.add((giver, receiver, skill))
                when = self.moment(self.day_between(since, export.until))
                for archive in self.archives_of((giver, receiver)):
                    if when.date() > archive.until:
                        continue
                    assert archive.out is not None
                    other = self.persons[receiver if archive.owner == giver else giver]
                    row = EndorsementOut(when, skill, other.first, other.last, other.slug)
                    if archive.owner == giver:
                        archive.out.endorsements_given.append(row)
                    else:
                        archive.out.endorsements_received.append(row)

    def recommendations(
        self, e: int, made: set[tuple[int, int]], names: dict[int, Counter[str]]
    ) -> None:
        rng = self.rng
        export = self.exports[e]
        owner = export.owner
        me = self.persons[owner]
        # Recommendations carry no URL: the importer matches them by name among the exporter's
        # connections, so only people whose name is unique in every list concerned qualify.
        members = [q for q in export.members if self.persons[q].function]
        wanted = rng.randint(0, 1 + me.seniority // 2) + rng.randint(0, 2)
        for n in range(wanted):
            person = rng.choice(members) if members else None
            if person is None:
                return
            giver, receiver = (person, owner) if n % 2 == 0 else (owner, person)
            if (giver, receiver) in made:
                continue
            archives = self.archives_of((giver, receiver))
            if any(
                self.names_in(a, names)[
                    name_key(self.persons[receiver if a.owner == giver else giver].name)
                ]
                != 1
                for a in archives
            ):
                continue
            made.add((giver, receiver))
            since = export.members[person]
            when = self.moment(self.day_between(since, export.until))
            by, to = self.persons[giver], self.persons[receiver]
            text = self.fill(rng.choice(V.RECOMMENDATIONS), to, by)
            for archive in archives:
                if when.date() > archive.until:
                    continue
                assert archive.out is not None
                other = by if archive.owner == receiver else to
                row = RecommendationOut(
                    other.first,
                    other.last,
                    self.company_name(other.company),
                    other.title,
                    text,
                    when,
                )
                if archive.owner == receiver:
                    archive.out.recommendations_received.append(row)
                else:
                    archive.out.recommendations_given.append(row)

    def names_in(self, export: _Export, cache: dict[int, Counter[str]]) -> Counter[str]:
        counts = cache.get(export.owner)
        if counts is None:
            counts = Counter(name_key(self.persons[q].name) for q in export.members)
            cache[export.owner] = counts
        return counts

    # --- the exporter's own files -------------------------------------------------------------

    def own_files(self, export: _Export) -> ExportOut:
        rng = self.rng
        me = self.persons[export.owner]
        company = self.company_name(me.company)
        location = rng.choice(rng.choice(V.CULTURES).cities)
        # Profile.csv holds the name without the pronouns/emoji the member shows elsewhere.
        profile = ProfileOut(
            first_name=me.plain_first,
            last_name=me.plain_last,
            headline=f"{me.title} at {company}" if company else me.title,
            summary=self.fill(rng.choice(V.SUMMARIES), me, me),
            industry=self.company_industry[me.company] if me.company >= 0 else "",
            location=location,
        )
        positions: list[PositionOut] = []
        started = self.day_between(
            export.until - timedelta(days=6 * 365), export.until - timedelta(days=120)
        )
        current_title = me.title or "Consultant"
        positions.append(
            PositionOut(
                company or "Self-employed",
                current_title,
                "",
                location,
                started.replace(day=1),
                None,
            )
        )
        finished = started
        for back in range(rng.randint(1, 3)):
            begin = finished - timedelta(days=rng.randrange(300, 1800))
            level = max(0, me.seniority - back - 1)
            func = me.function or "engineering"
            positions.append(
                PositionOut(
                    self.company_name(self.any_company()),
                    rng.choice(V.FUNCTIONS[func][1][level]),
                    rng.choice(("", "Built, shipped; repeated.", "Grew the team from 3 to 12.")),
                    rng.choice(rng.choice(V.CULTURES).cities),
                    begin.replace(day=1),
                    finished.replace(day=1),
                    year_only=rng.random() < 0.2,
                )
            )
            finished = begin
        skills = list(V.SKILLS.get(me.function or "engineering", ()))
        return ExportOut(profile, export.until, positions=positions, skills=skills)

    def connection_rows(self, export: _Export) -> list[ConnectionOut]:
        rows = []
        for person, day in export.members.items():
            p = self.persons[person]
            rows.append(
                ConnectionOut(
                    p.first, p.last, p.slug, self.company_name(p.company), p.title, day, p.email
                )
            )
        rows.extend(ConnectionOut.hidden(day) for day in export.hidden)
        # Hidden rows sit among the others, not at the end: order by date like LinkedIn.
        return rows

    def build(self) -> list[tuple[str, ExportOut]]:
        self.make_companies()
        self.build_lists()
        for export in self.exports:
            export.out = self.own_files(export)
            export.out.connections = self.connection_rows(export)
        given: set[tuple[int, int, str]] = set()
        made: set[tuple[int, int]] = set()
        names: dict[int, Counter[str]] = {}
        for e in range(len(self.exports)):
            self.conversations(e)
            self.invitations(e)
            self.endorsements(e, given)
            self.recommendations(e, made, names)
        result = []
        for e, export in enumerate(self.exports):
            assert export.out is not None
            # Newest conversation first, each conversation's messages newest first.
            newest: dict[str, datetime] = {}
            for m in export.out.messages:
                newest[m.conversation_id] = max(newest.get(m.conversation_id, m.sent_at), m.sent_at)
            export.out.messages.sort(
                key=lambda m: (newest[m.conversation_id], m.conversation_id, m.sent_at),
                reverse=True,
            )
            owner = self.persons[export.owner]
            label = "me" if e == 0 else f"shared-{e:02d}-{_file_word(owner.slug)}"
            result.append((label, export.out))
        return result


# --- helpers ----------------------------------------------------------------------------------


def _cumulative(weights: Sequence[float]) -> list[float]:
    total = 0.0
    out = []
    for w in weights:
        total += w
        out.append(total)
    return out


def _split_total(total: int, weights: Sequence[float]) -> list[int]:
    """Integers proportional to `weights` that add up to exactly `total`."""
    scale = total / sum(weights)
    raw = [w * scale for w in weights]
    parts = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


_FOLD = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "ß": "ss",
        "ı": "i",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
    }
)


def _ascii_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _domain(gen: _Generator, company: int) -> str:
    if company < 0:
        return "mail.example"
    name = _ascii_fold(gen.companies[company]).split(" ")[0].lower()
    return "".join(ch for ch in name if ch.isalnum()) + ".example"


def _file_word(slug: str) -> str:
    word = _ascii_fold(slug.split("-")[0]).lower()
    return "".join(ch for ch in word if ch.isascii() and ch.isalnum()) or "colleague"


# --- public API ---------------------------------------------------------------------------------


def generate_exports(
    people: int, seed: int, *, archives: int | None = None, as_of: date = DEMO_AS_OF
) -> list[tuple[str, ExportOut]]:
    """The demo exports as records: (label, export), yours first."""
    return _Generator(people, seed, archives, as_of).build()


def generate_archives(
    out_dir: Path, people: int, seed: int, *, archives: int | None = None, as_of: date = DEMO_AS_OF
) -> list[Path]:
    """Write the demo network as LinkedIn zip archives into `out_dir`; yours first.

    `people` is the number of distinct people besides you (hidden rows, ~1%, come on top);
    `archives` overrides how many exports (yours included) the network is split into.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for label, export in generate_exports(people, seed, archives=archives, as_of=as_of):
        paths.append(write_zip(export, out_dir / archive_name(export.exported_on, label)))
    return paths


def generate_demo_files(
    out_dir: Path, people: int, seed: int, *, as_of: date = DEMO_AS_OF
) -> list[Path]:
    """The demo archives (yours first), then your own address book, calendar and mailbox."""
    from netview.demo.evidence import write_evidence

    out_dir.mkdir(parents=True, exist_ok=True)
    exports = generate_exports(people, seed, as_of=as_of)
    paths = [
        write_zip(export, out_dir / archive_name(export.exported_on, label))
        for label, export in exports
    ]
    return paths + write_evidence(out_dir, exports[0][1], seed, as_of)
