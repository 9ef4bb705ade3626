"""Authorship on a team server: what a member adds to the shared network is their own claim,
never one made in a teammate's name (docs/threat-model.md, "Authorship").

Members keep inserting with plain INSERT and COPY (an import stays one bulk load); triggers
the member cannot drop, disable or skip (they own no table, and only a superuser may set
`session_replication_role`) look at each statement's rows and refuse, in one line, a row
that would say something about another member that the member's own archive cannot:

- a source "owned" by a teammate (its `owner_id` is whose archive it is), or a change of
  whose archive a source is;
- a link that says a source attests something (a person, a tie, a message, a position, a
  change of job, a snapshot) on a source another login added;
- a tie with a teammate at one end and, at the other, anyone the member does not speak for
  (themself, or a colleague whose archive they imported: that archive says whom its owner
  knows);
- a message or invitation whose sender is a teammate, unless it went to someone the member
  speaks for (checked when the transaction commits: an import adds the message before whom
  it went to); recipients added only to the member's own messages, a teammate among them
  only when the message is from or to someone the member speaks for;
- a private row of evidence or of messages kept unattached on a source another login added
  (its report's key is the source alone: a teammate's would collide, or answer whether
  they have one);
- an update of a teammate's own person row, of a message, source or tie another login
  added (a tie of the member's own may get an earlier date), or of where a message, tie or
  source points;
- a person's key changed so that the old key finds nobody (checked when the transaction
  commits: NetView's merge and import keep the old key as an alias, a split gives it back).

Who is held to this: every login but the team's admins, the tables' owner and superusers
(who may delete shared rows anyway), and never the server's own identity functions, which
run as the fixer role (store/team.py) and move rows between two people on everyone's behalf.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

from netview.store.models import PERSON_FACTS
from netview.store.team import SAFE_PATH, current_database, fixer_role

# (table, trigger function, events, with old rows): statement-level, after the statement,
# over its transition tables, so a COPY of 100,000 rows is checked by one query.
_STATEMENT_TRIGGERS = (
    ("source", "netview_guard_source", "INSERT", False),
    ("source", "netview_guard_source_change", "UPDATE", True),
    ("person_source", "netview_guard_attested", "INSERT", False),
    ("tie_source", "netview_guard_attested", "INSERT", False),
    ("interaction_source", "netview_guard_attested", "INSERT", False),
    ("position", "netview_guard_attested", "INSERT", False),
    ("network_change", "netview_guard_attested", "INSERT", False),
    ("source_snapshot", "netview_guard_attested", "INSERT", False),
    ("tie", "netview_guard_tie_change", "UPDATE", True),
    ("interaction", "netview_guard_message_change", "UPDATE", True),
    ("interaction_target", "netview_guard_target", "INSERT", False),
    ("person", "netview_guard_person_change", "UPDATE", True),
    # A member's own evidence and messages kept unattached hang on their own sources only.
    *(
        (table, "netview_guard_own_source", event, False)
        for table in ("pending_message", "evidence_item", "evidence_address", "evidence_report")
        for event in ("INSERT", "UPDATE")
    ),
)
# (table, trigger function, events, WHEN): per row, checked at the commit.
_NAMES = "public.netview_names_teammate({}, {})"
_DEFERRED_TRIGGERS = (
    (
        "interaction",
        "netview_guard_actor",
        "INSERT OR UPDATE",
        _NAMES.format("NEW.actor_id", "NULL"),
    ),
    (
        "interaction_target",
        "netview_guard_recipient",
        "INSERT",
        _NAMES.format("NEW.person_id", "NULL"),
    ),
    ("tie", "netview_guard_tie_ends", "INSERT", _NAMES.format("NEW.a_id", "NEW.b_id")),
    # At the commit: a merge or an import sets the new key first, then keeps the old one
    # as an alias (or a split gives it back to the person it came from).
    ("person", "netview_guard_key", "UPDATE OF key", 'OLD."key" IS DISTINCT FROM NEW."key"'),
)
# A teammate's person row: another member's import may fill what is blank (a member added
# by the admin has only a key until they import), never overwrite it.
_PERSON_FACTS = ("key", *PERSON_FACTS, "info_as_of", "info_rank")
_OVERWRITES = " OR ".join(
    f"(o.{c} IS NOT NULL AND o.{c}::text <> '' AND n.{c} IS DISTINCT FROM o.{c})"
    for c in _PERSON_FACTS
)
REFUSED = "42501"  # insufficient_privilege, as for any other right a member lacks


def _raise(message: str) -> str:
    return f"RAISE EXCEPTION 'netview: {message}' USING ERRCODE = '{REFUSED}';"


def _functions(fixer: str, admins: str, owner: str) -> list[str]:
    held = f"""
CREATE OR REPLACE FUNCTION netview_held() RETURNS boolean
LANGUAGE sql STABLE {SAFE_PATH} AS $fn$
  -- The server's own identity functions run as the fixer; admins and the tables' owner
  -- (superusers are members of every role) are trusted with shared rows.
  SELECT current_user <> '{fixer}'
    AND NOT pg_has_role(session_user, '{admins}', 'MEMBER')
    AND NOT pg_has_role(session_user, '{owner}', 'MEMBER')
$fn$"""
    me = f"""
CREATE OR REPLACE FUNCTION netview_me() RETURNS integer
LANGUAGE sql STABLE {SAFE_PATH} AS $fn$
  SELECT person_id FROM public.team_member WHERE login = session_user
$fn$"""
    # Whom the caller speaks for: themself, and the people whose archives they imported (a
    # colleague's shared export says whom that colleague knows and wrote to).
    voice = f"""
CREATE OR REPLACE FUNCTION netview_voice(p integer) RETURNS boolean
LANGUAGE sql STABLE {SAFE_PATH} AS $fn$
  SELECT p = public.netview_me() OR EXISTS (SELECT 1 FROM public.source
    WHERE owner_id = p AND added_by = session_user)
$fn$"""
    teammate = f"""
CREATE OR REPLACE FUNCTION netview_teammate(p integer) RETURNS boolean
LANGUAGE sql STABLE {SAFE_PATH} AS $fn$
  SELECT EXISTS (SELECT 1 FROM public.team_member WHERE person_id = p
    AND login <> session_user AND person_id IS DISTINCT FROM public.netview_me())
$fn$"""
    body: dict[str, str] = {
        "netview_guard_source": f"""
  IF EXISTS (SELECT 1 FROM new_rows n WHERE public.netview_teammate(n.owner_id)) THEN
    {_raise("this is a teammate''s own archive: on a team database only they import it")}
  END IF;""",
        "netview_guard_source_change": f"""
  IF EXISTS (SELECT 1 FROM old_rows o WHERE o.added_by IS DISTINCT FROM session_user) THEN
    {_raise("you may change only the sources your own imports added")}
  END IF;
  IF EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE n.owner_id IS DISTINCT FROM o.owner_id) THEN
    {_raise("whose archive a source is only the server changes")}
  END IF;""",
        "netview_guard_attested": f"""
  IF EXISTS (SELECT 1 FROM new_rows n JOIN public.source s ON s.id = n.source_id
      WHERE s.added_by IS DISTINCT FROM session_user) THEN
    {_raise("only what your own imports added may say what a source of yours attests")}
  END IF;""",
        "netview_guard_tie_change": f"""
  IF EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE n.a_id <> o.a_id OR n.b_id <> o.b_id
        OR (o.added_by IS DISTINCT FROM session_user
            AND public.netview_me() IS DISTINCT FROM o.a_id
            AND public.netview_me() IS DISTINCT FROM o.b_id)) THEN
    {_raise("you may change only your own ties (whom a tie joins only the server moves)")}
  END IF;""",
        "netview_guard_message_change": f"""
  IF EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE o.added_by IS DISTINCT FROM session_user OR n.actor_id <> o.actor_id
        OR n.dedup <> o.dedup) THEN
    {_raise("you may change only the messages your own imports added, never who sent one")}
  END IF;""",
        "netview_guard_target": f"""
  IF EXISTS (SELECT 1 FROM new_rows n JOIN public.interaction i ON i.id = n.interaction_id
      WHERE i.added_by IS DISTINCT FROM session_user) THEN
    {_raise("you may say whom a message went to only for messages your imports added")}
  END IF;
""",
        "netview_guard_own_source": f"""
  IF EXISTS (SELECT 1 FROM new_rows n JOIN public.source s ON s.id = n.source_id
      WHERE s.added_by IS DISTINCT FROM session_user) THEN
    {_raise("your evidence and kept messages may hang only on sources your imports added")}
  END IF;""",
        "netview_guard_person_change": f"""
  IF EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE public.netview_teammate(o.id) AND ({_OVERWRITES})) THEN
    {_raise("a teammate''s own person (name, work, key) is theirs to change")}
  END IF;""",
    }
    out = [held, me, voice, teammate]
    for name, checks in body.items():
        out.append(f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger
LANGUAGE plpgsql {SAFE_PATH} AS $fn$
BEGIN
  IF NOT public.netview_held() THEN
    RETURN NULL;
  END IF;{checks}
  RETURN NULL;
END
$fn$""")
    # Per row, deferred to the commit (an import adds a message before whom it went to, and
    # a join may copy ties and messages before the colleague's archive that vouches for
    # them), and queued only for rows that name a teammate (few).
    # Called for every tie, message and recipient an import adds: plpgsql (its plans are
    # kept for the session), the one cheap lookup first.
    out.append(f"""
CREATE OR REPLACE FUNCTION netview_names_teammate(a integer, b integer) RETURNS boolean
LANGUAGE plpgsql STABLE {SAFE_PATH} AS $fn$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM public.team_member WHERE person_id IN (a, b)
      AND login <> session_user) THEN
    RETURN false;
  END IF;
  RETURN public.netview_held();
END
$fn$""")
    spoken = """EXISTS (SELECT 1 FROM public.interaction i WHERE i.id = {m}
      AND (public.netview_voice(i.actor_id) OR EXISTS (SELECT 1
        FROM public.interaction_target t WHERE t.interaction_id = i.id
        AND public.netview_voice(t.person_id))))"""
    deferred = {
        "netview_guard_actor": f"""
  IF EXISTS (SELECT 1 FROM public.interaction i WHERE i.id = NEW.id
      AND i.actor_id = NEW.actor_id) AND NOT {spoken.format(m="NEW.id")} THEN
    {_raise("a message from a teammate is yours to add only when it went to you")}
  END IF;""",
        "netview_guard_recipient": f"""
  IF EXISTS (SELECT 1 FROM public.interaction_target t WHERE t.interaction_id =
      NEW.interaction_id AND t.person_id = NEW.person_id)
    AND NOT {spoken.format(m="NEW.interaction_id")} THEN
    {_raise("a message to a teammate is yours to add only when it is from or to you")}
  END IF;""",
        "netview_guard_tie_ends": f"""
  IF EXISTS (SELECT 1 FROM public.tie t WHERE t.id = NEW.id AND t.a_id = NEW.a_id
      AND t.b_id = NEW.b_id)
    AND NOT ((public.netview_voice(NEW.a_id) AND public.netview_teammate(NEW.b_id))
      OR (public.netview_voice(NEW.b_id) AND public.netview_teammate(NEW.a_id))
      OR (public.netview_voice(NEW.a_id) AND public.netview_voice(NEW.b_id))) THEN
    {_raise("a tie to a teammate is yours to add only from your archive, or one you imported")}
  END IF;""",
        # A key changed, and the old one finding nobody: a teammate's next import of it
        # would add the person again.
        "netview_guard_key": f"""
  IF public.netview_held()
    AND NOT EXISTS (SELECT 1 FROM public.person WHERE "key" = OLD."key")
    AND NOT EXISTS (SELECT 1 FROM public.person_alias WHERE alias = OLD."key") THEN
    {_raise("a person''s old key must still find them (keep it as an alias)")}
  END IF;""",
    }
    for name, checks in deferred.items():
        out.append(f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger
LANGUAGE plpgsql {SAFE_PATH} AS $fn$
BEGIN{checks}
  RETURN NULL;
END
$fn$""")
    return out


_HELPERS = (
    "netview_held()",
    "netview_me()",
    "netview_voice(integer)",
    "netview_teammate(integer)",
    "netview_names_teammate(integer, integer)",
)


def install(conn: Connection, group: str, admins: str, owner: str) -> None:
    """The guard's functions and triggers (replaced when run again). Run by the database
    owner with the members' `group`, the `admins` role and the tables' `owner` role."""
    fixer = fixer_role(current_database(conn))
    driver = conn.connection.driver_connection
    assert driver is not None
    for ddl in _functions(fixer, admins, owner):
        driver.execute(ddl)  # straight to psycopg: the bodies' % signs stay as they are
    for signature in _HELPERS:
        conn.exec_driver_sql(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC")
        conn.exec_driver_sql(
            f'GRANT EXECUTE ON FUNCTION {signature} TO "{group}", "{fixer}", "{owner}"'
        )
    for table, function, event, with_old in _STATEMENT_TRIGGERS:
        name = f"netview_guard_{event.lower()}"
        rows = "NEW TABLE AS new_rows"
        if with_old:
            rows = f"OLD TABLE AS old_rows {rows}"
        conn.exec_driver_sql(f'DROP TRIGGER IF EXISTS {name} ON "{table}"')
        conn.exec_driver_sql(
            f'CREATE TRIGGER {name} AFTER {event} ON "{table}" REFERENCING {rows} '
            f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
        )
    for table, function, events, when in _DEFERRED_TRIGGERS:
        conn.exec_driver_sql(f'DROP TRIGGER IF EXISTS {function} ON "{table}"')
        conn.exec_driver_sql(
            f'CREATE CONSTRAINT TRIGGER {function} AFTER {events} ON "{table}" '
            "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
            f"WHEN ({when}) EXECUTE FUNCTION {function}()"
        )
