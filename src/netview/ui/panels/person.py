"""Person details: who they are, how you reach them, why the tie is strong, your notes."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from netview.core.ids import CONTACT_PREFIX
from netview.core.progress import NoProgress, Progress, check
from netview.services.changes import PERSON, Changes
from netview.services.followups import cadence as fu
from netview.services.identity import ambiguous
from netview.services.importing import forget
from netview.services.importing.evidence import Waiting, waiting_for
from netview.services.importing.history import person_history
from netview.services.network import LoadedNetwork
from netview.services.people import person as ps
from netview.services.people import tags
from netview.services.people.notes import NoteRow
from netview.services.wording import tie_rank, tie_words
from netview.services.workspace import Database
from netview.ui import commands, dialogs
from netview.ui.glyphs import shown_name
from netview.ui.note_edit import NoteEdit
from netview.ui.panels.base import Host, Panel
from netview.ui.panels.flow import flow_row
from netview.ui.panels.joined import JoinedNote
from netview.ui.strength_text import strength_text

OWN_CONTACT = (
    "Your own contact (not on LinkedIn), kept from your mailbox or calendar: "
    "private, never in an export"
)
DEGREE_TEXT = {0: "You", 1: "1st degree", 2: "2nd degree", 3: "3rd degree"}
PICK_SOMEONE = "Click someone on the map, or pick a person in another panel, to see their details."


def degree_text(d: int) -> str:
    return DEGREE_TEXT.get(d, "Further than 3rd degree" if d > 3 else "Not connected to you")


def _details(
    db: Database, ln: LoadedNetwork, key: str | None, progress: Progress | None = None
) -> (
    tuple[ps.PersonDetails, list[str], ambiguous.Pending | None, int | None, Waiting | None] | None
):
    """The person's details, every tag in use (to complete the one being typed), the
    messages to their name that an import could not attach (a name several people share),
    the cadence Follow-ups suggests for them (None: none) and who in your own meetings and
    e-mails has their name but waits to be attached (a name several people share).

    `progress` is checked between the reads: a newer selection stops this one there.
    """
    p = progress or NoProgress()
    i = ln.net.index_of_key.get(key or "")
    if i is None:
        return None
    d = ps.person_details(db, ln, i)
    check(p)
    pending = ambiguous.pending_for(db, d.person_id)
    check(p)
    known = list(tags.all_tags(db))
    check(p)
    suggested = fu.suggestion_for(db, ln, i)
    check(p)
    return d, known, pending, suggested, waiting_for(db, d.person_id)


def _history(db: Database, person_id: int) -> tuple[int, list[str]]:
    with db.session() as s:
        return person_id, person_history(s, person_id)


CONNECTORS_HEIGHT = 120  # pixels at most: a longer list scrolls


def fit_rows(view: QListWidget, most: int) -> None:
    """As high as its rows (up to `most`): one line ("Nobody else you know") was a tall
    empty box."""
    # Not less than a line of text each: before its first paint a row may say less.
    line = view.fontMetrics().lineSpacing() + 4
    rows = sum(max(view.sizeHintForRow(r), line) for r in range(view.count()))
    view.setFixedHeight(min(most, rows + 2 * view.frameWidth() + 2))


class FlowTags(QWidget):
    """The person's tags as small buttons; clicking one removes it."""

    def __init__(self, panel: PersonPanel) -> None:
        super().__init__()
        self.panel = panel
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.buttons: list[QToolButton] = []

    def set_tags(self, tags: list[str]) -> None:
        for b in self.buttons:
            b.deleteLater()
        self.buttons = []
        for tag in tags:
            b = QToolButton()
            b.setText(f"{tag}  ×")
            b.setToolTip(f"Remove the tag “{tag}”")
            b.clicked.connect(lambda _=False, t=tag: self.panel.remove_tag(t))
            self.row.insertWidget(len(self.buttons), b)
            self.buttons.append(b)


class PersonPanel(Panel):
    TITLE = "Details"
    NAME = "person"
    # Everything about one person, where it came from and the introductions asked of or
    # for them; not how the map is coloured, nor goals.
    DEPENDS = PERSON | Changes.SOURCES | Changes.INTROS

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        self.details: ps.PersonDetails | None = None
        self.key: str | None = None
        super().__init__(host, parent)
        host.person_chosen.connect(self.show_person)

    def build(self, body: QWidget) -> None:
        lay = QVBoxLayout(body)

        self.name_label = QLabel()
        font = self.name_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.name_label.setFont(font)
        self.name_label.setWordWrap(True)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.role_label = QLabel()
        self.role_label.setWordWrap(True)
        self.profile_button = QPushButton("Open LinkedIn Profile")
        self.profile_button.setToolTip("Opens the profile in your web browser")
        self.profile_button.clicked.connect(self.open_profile)
        self.intro_button = QPushButton("Find Introductions")
        self.intro_button.setToolTip("Who can introduce you to them (Introductions panel)")
        self.intro_button.clicked.connect(self.find_introductions)
        lay.addWidget(self.name_label)
        lay.addWidget(self.role_label)
        lay.addWidget(flow_row(self.profile_button, self.intro_button))

        form = QFormLayout()
        self.degree_label = QLabel()
        self.strength_label = QLabel()
        self.strength_label.setWordWrap(True)
        self.strength_label.setTextFormat(Qt.TextFormat.RichText)
        form.addRow("Degree:", self.degree_label)
        form.addRow("Strength:", self.strength_label)
        lay.addLayout(form)
        self.joined = JoinedNote()  # joined after the date the map shows (View > As of…)
        lay.addWidget(self.joined)
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        lay.addWidget(self.reasons)
        # Your own meetings and e-mails with someone of their name, which a name several
        # people share kept from counting: right under the evidence they would join.
        self.waiting_label = QLabel()
        self.waiting_label.setWordWrap(True)
        self.waiting_label.hide()
        lay.addWidget(self.waiting_label)
        self.attach_waiting_button = QPushButton("Attach Meetings and E-mails to Them")
        self.attach_waiting_button.setToolTip(
            "They are this person: their meetings and e-mails count for them (Edit › Undo)"
        )
        self.attach_waiting_button.clicked.connect(self.attach_waiting)
        self.attach_waiting_button.hide()
        lay.addWidget(flow_row(self.attach_waiting_button))
        self.waiting: Waiting | None = None
        # Your past connection, their moves, the introductions you asked for (read apart).
        self.history_label = QLabel()
        self.history_label.setWordWrap(True)
        self.history_label.setAccessibleName("History with them")
        self.history_label.hide()
        lay.addWidget(self.history_label)

        self.connectors_heading = _heading("Connected to you through")
        lay.addWidget(self.connectors_heading)
        self.connectors = QListWidget()
        self.connectors.setMaximumHeight(CONNECTORS_HEIGHT)
        self.connectors.itemActivated.connect(self._open_item)
        self.connectors.setAccessibleName("People who connect you to them")
        lay.addWidget(self.connectors)

        lay.addWidget(_heading("Tags"))
        self.tags = FlowTags(self)
        lay.addWidget(self.tags)
        self.tag_edit = QLineEdit()
        self.tag_edit.setPlaceholderText("Add a tag and press Enter")
        self.tag_edit.returnPressed.connect(self.add_tag)
        self.tag_edit.setAccessibleName("Add a tag")
        self.tag_model = QStringListModel(self)
        completer = QCompleter(self.tag_model, self.tag_edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tag_edit.setCompleter(completer)
        lay.addWidget(self.tag_edit)

        lay.addWidget(_heading("Notes"))
        self.notes = QListWidget()
        self.notes.setMaximumHeight(140)
        self.notes.setWordWrap(True)
        self.notes.itemDoubleClicked.connect(self._edit_note)
        self.notes.itemActivated.connect(self._edit_note)  # Enter edits, as a double-click
        self.notes.setAccessibleName("Notes")
        lay.addWidget(self.notes)
        self.note_edit = NoteEdit()
        self.note_edit.setPlaceholderText("Write a note (Ctrl+Enter saves)")
        self.note_edit.setMaximumHeight(70)
        self.note_edit.setAccessibleName("New note")
        self.note_edit.setTabChangesFocus(True)  # Tab leaves the note (Ctrl+Enter saves it)
        lay.addWidget(self.note_edit)
        self.note_button = QPushButton("Save Note")
        self.note_button.clicked.connect(self.save_note)
        self.delete_note_button = QPushButton("Delete Note")
        self.delete_note_button.clicked.connect(self.delete_note)
        lay.addWidget(flow_row(self.note_button, self.delete_note_button))
        save = QShortcut(QKeySequence("Ctrl+Return"), self.note_edit)
        save.activated.connect(self.save_note)
        remove = QShortcut(QKeySequence.StandardKey.Delete, self.notes)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove.activated.connect(self.delete_note)
        self.editing: NoteRow | None = None
        # Offered only when they would do something (both were silent no-ops otherwise).
        self.note_edit.textChanged.connect(self._enable_notes)
        self.notes.currentItemChanged.connect(lambda *_: self._enable_notes())
        self._enable_notes()

        lay.addWidget(_heading("Keep in touch"))
        self.cadence = QSpinBox()
        self.cadence.setRange(0, 3650)
        self.cadence.setSuffix(" days")
        self.cadence.setSpecialValueText("off")
        self.cadence.setToolTip("Remind me to get in touch this often (0 = off)")
        self.cadence.setAccessibleName("Keep in touch every (days)")
        self.cadence_button = QPushButton("Set")
        self.cadence_button.clicked.connect(self.apply_cadence)
        # Enter in the box sets it, as Enter adds a tag; Set waits for a change to make.
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            enter = QShortcut(QKeySequence(key), self.cadence)
            enter.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            enter.activated.connect(self.apply_cadence)
        self.cadence.valueChanged.connect(lambda _: self._enable_cadence())
        every = QLabel("&Every")
        every.setBuddy(self.cadence)
        lay.addWidget(flow_row(every, self.cadence, self.cadence_button))
        self.cadence_hint = QLabel()
        self.cadence_hint.setWordWrap(True)
        self.cadence_hint.setEnabled(False)
        self.cadence_hint.hide()
        lay.addWidget(self.cadence_hint)

        lay.addWidget(_heading("Groups"))
        self.groups_label = QLabel()
        self.groups_label.setWordWrap(True)
        lay.addWidget(self.groups_label)

        lay.addWidget(_heading("Privacy"))
        self.private_box = QCheckBox("Private")
        self.private_box.setToolTip("They stay on your own map; Edit › Undo reverses this")
        self.private_box.clicked.connect(self.set_private)  # the user's clicks only
        lay.addWidget(self.private_box)
        private_note = QLabel("Left out of exports and shared pictures.")
        private_note.setWordWrap(True)
        private_note.setEnabled(False)
        lay.addWidget(private_note)
        self.delete_button = QPushButton("Delete Person…")
        self.delete_button.setToolTip("Remove them and everything about them from this database")
        self.delete_button.clicked.connect(self.delete_person)
        lay.addWidget(flow_row(self.delete_button))

        # Messages to a name several people share, if any: the user says whose they are.
        self.pending_label = QLabel()
        self.pending_label.setWordWrap(True)
        lay.addWidget(self.pending_label)
        self.attach_button = QPushButton("Attach to Them")
        self.attach_button.setToolTip("They are with this person: count them (undoable)")
        self.attach_button.clicked.connect(self.attach_messages)
        self.attach_row = flow_row(self.attach_button)
        lay.addWidget(self.attach_row)
        self.pending: ambiguous.Pending | None = None

        lay.addWidget(_heading("Timeline"))
        self.timeline = QListWidget()
        self.timeline.setWordWrap(True)
        self.timeline.setMinimumHeight(120)
        self.timeline.setAccessibleName("Timeline")
        lay.addWidget(self.timeline)
        lay.addStretch()

    # --- loading -----------------------------------------------------------------------

    def network_changed(self, ln: LoadedNetwork | None) -> None:
        if ln is None:
            super().network_changed(ln)
        elif self.key is None or self.key not in ln.net.index_of_key:
            self.key = None
            self.show_empty(PICK_SOMEONE)
            self.updated.emit()
        else:
            self.reload()

    def set_as_of(self, day: int | None) -> None:
        """The day the map shows (the time control; None: now)."""
        self.joined.set_as_of(day)

    def show_person(self, key: str) -> None:
        self.key = key
        self.reload()

    def reload(self) -> None:
        db, ln = self.host.db, self.host.network
        if db is not None and ln is not None:
            # The key travels with the read: the worker never looks at the panel.
            self.host.read(self.NAME, _details, db, ln, self.key, on_result=self._loaded)

    def load(self, db: Database, ln: LoadedNetwork) -> Any:
        return _details(db, ln, self.key)

    def show_data(self, data: Any) -> None:
        if data is None:
            self.details = None
            self.show_empty(PICK_SOMEONE)
            return
        d, known_tags, self.pending, suggested, self.waiting = data
        self.details = d
        if self.waiting is not None:
            w = self.waiting
            shown = w.name if w.who.startswith("~") else f"{w.name} <{w.who}>".strip()
            self.waiting_label.setText(
                f"{w.times} of your meetings and e-mails with {shown}, a name several people "
                f"share (last {w.last:%d %b %Y}), may be with them."
                + (
                    f" {w.others} more address{'es' if w.others != 1 else ''} with their name "
                    f"wait{'s' if w.others == 1 else ''} too: each is offered once this one is "
                    "attached (Sources › Report lists them all)."
                    if w.others
                    else ""
                )
            )
        self.waiting_label.setVisible(self.waiting is not None)
        self.attach_waiting_button.setVisible(self.waiting is not None)
        if self.pending is not None:
            n = self.pending.count
            self.pending_label.setText(
                f"{n} message{'s' if n != 1 else ''} to “{self.pending.name}”, a name several "
                "people share, may be with them."
            )
        self.pending_label.setVisible(self.pending is not None)
        self.attach_button.setVisible(self.pending is not None)
        self.tag_model.setStringList([t for t in known_tags if t not in d.tags])
        name = shown_name(d.name, d.key, self.name_label.font())  # no tofu for an emoji
        self.name_label.setText(name + (" (you)" if d.degree == 0 else ""))
        role = " at ".join(x for x in (d.position, d.company) if x)
        extra = " · ".join(x for x in (d.location,) if x)
        if d.key.startswith(CONTACT_PREFIX):
            # Kept from your own mailbox or calendar: no profile, no job to show; say why.
            role = OWN_CONTACT
        self.role_label.setText("\n".join(x for x in (role or d.headline, extra) if x))
        self.profile_button.setEnabled(d.url is not None)
        self.intro_button.setEnabled(d.degree != 0)
        self.degree_label.setText(degree_text(d.degree))
        self.joined.show_for(d.key, self.host.network)
        if d.strength is not None:
            self.strength_label.setText(strength_text(d.strength, self.palette()))
            # A rank among your ties, not a score ("0.54 of 1" said nothing a reader could use).
            rank = tie_rank(*d.strength_rank) if d.strength_rank else tie_words(d.strength)
            self.strength_label.setToolTip(f"{rank}, from the evidence below")
            self.reasons.setText("\n".join(f"• {r}" for r in d.reasons))
        else:
            self.strength_label.setText(
                "—" if d.degree == 0 else "No direct tie; see who connects you below"
            )
            self.strength_label.setToolTip("")
            self.reasons.setText("")
        self.connectors.clear()
        # Your 1st-degree connections need no one in between: the list shows whom else
        # they know instead (from colleagues' exports, your meetings and e-mails).
        first = d.degree == 1
        self.connectors_heading.setText("Knows" if first else "Connected to you through")
        for c in d.knows if first else d.connectors:
            words = tie_words(c.strength).lower()
            # A connector's line is about your tie to them; "Knows" lists their own ties.
            item = QListWidgetItem(
                f"{shown_name(c.name, c.key)} — {words}" + ("" if first else " to them")
            )
            item.setToolTip(c.why)  # the evidence in words; no score
            item.setData(Qt.ItemDataRole.UserRole, c.key)
            self.connectors.addItem(item)
        if not (d.knows if first else d.connectors):
            self.connectors.addItem(
                "Nobody else you know" if first else "Nobody you know connects to them"
            )
        for w in (self.connectors_heading, self.connectors):
            w.setVisible(d.degree != 0)
        fit_rows(self.connectors, CONNECTORS_HEIGHT)
        self.tags.set_tags(d.tags)
        self.notes.clear()
        for n in d.notes:
            item = QListWidgetItem(f"{n.updated_at:%Y-%m-%d}  {n.body}")
            item.setData(Qt.ItemDataRole.UserRole, n)
            self.notes.addItem(item)
        # Shown once there are notes: empty, it looked like a second box to type in.
        self.notes.setVisible(bool(d.notes))
        self.editing = None
        self.note_button.setText("Save Note")
        self._enable_notes()
        self.cadence.setValue(d.cadence_days or 0)
        self._enable_cadence()
        # The same words as Follow-ups: a suggestion is not a cadence until it is set.
        self.cadence_hint.setVisible(suggested is not None and not d.cadence_days)
        self.cadence_hint.setText(f"Suggested: every {suggested} d (not set yet)")
        self.groups_label.setText(", ".join(d.groups) or "In none of your groups")
        self.private_box.setChecked(d.private)
        self.timeline.clear()
        for e in d.timeline:
            when = f"{e.at:%Y-%m-%d}" if e.at else "date unknown"
            item = QListWidgetItem(f"{when}  {e.text}")
            if e.detail:
                item.setToolTip(html.escape(e.detail))
            self.timeline.addItem(item)
        if not d.timeline:
            self.timeline.addItem("No messages, invitations or logged contacts yet")
        self.show_body()
        if self.host.db is not None:
            self.host.read(
                "person-history", _history, self.host.db, d.person_id, on_result=self._show_history
            )

    def _show_history(self, found: tuple[int, list[str]]) -> None:
        pid, lines = found
        if self.details is None or self.details.person_id != pid:
            return  # another person is shown by now
        self.history_label.setText("\n".join(f"• {line}" for line in lines))
        self.history_label.setVisible(bool(lines))

    # --- edits -------------------------------------------------------------------------

    def _pid(self) -> int | None:
        return self.details.person_id if self.details else None

    def add_tag(self) -> None:
        pid, text = self._pid(), self.tag_edit.text().strip()
        if pid is None or not text:
            return
        self.tag_edit.clear()
        self.host.push(commands.add_tag(self.host, pid, text))

    def remove_tag(self, tag: str) -> None:
        pid = self._pid()
        if pid is not None:
            self.host.push(commands.remove_tag(self.host, pid, tag))

    def save_note(self) -> None:
        pid, text = self._pid(), self.note_edit.toPlainText().strip()
        if pid is None or not text:
            return
        self.note_edit.clear()
        if self.editing is not None:
            cmd = commands.edit_note(self.host, self.editing, text)
        else:
            cmd = commands.add_note(self.host, pid, text)
        self.editing = None
        self.host.push(cmd)

    def _edit_note(self, item: QListWidgetItem) -> None:
        note = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(note, NoteRow):
            self.editing = note
            self.note_edit.setPlainText(note.body)
            self.note_button.setText("Save Changes")
            self.note_edit.setFocus()

    def _enable_notes(self) -> None:
        """Save Note: something is typed; Delete Note: a note is chosen in the list."""
        self.note_button.setEnabled(bool(self.note_edit.toPlainText().strip()))
        item = self.notes.currentItem()
        chosen = item is not None and isinstance(item.data(Qt.ItemDataRole.UserRole), NoteRow)
        self.delete_note_button.setEnabled(chosen)

    def delete_note(self) -> None:
        item = self.notes.currentItem()
        note = item.data(Qt.ItemDataRole.UserRole) if item else None
        if isinstance(note, NoteRow):
            self.host.push(commands.delete_note(self.host, note))

    def _enable_cadence(self) -> None:
        d = self.details
        self.cadence_button.setEnabled(
            d is not None and self.cadence.value() != (d.cadence_days or 0)
        )

    def apply_cadence(self) -> None:
        d = self.details
        if d is None:
            return
        days = self.cadence.value()  # 0: explicitly off, even when a group has a cadence
        if days == (d.cadence_days or 0):
            return
        self.host.push(commands.set_cadence(self.host, d.person_id, days))

    def set_private(self, private: bool) -> None:
        d = self.details
        if d is None or private == d.private:
            return
        self.host.push(commands.set_private(self.host, d.key, private))

    def delete_person(self) -> None:
        d = self.details
        if d is None:
            return
        you = " This is you, the centre of your map." if d.degree == 0 else ""
        text = (
            f"Delete {d.name} and everything about them (ties, messages, notes, tags) from "
            f"this database?{you}\n\nThis cannot be undone; importing an archive that lists "
            "them brings them back."
        )
        if not dialogs.confirm(self, "Delete Person", text, "Delete"):
            return
        # The refresh after the write finds them gone and shows the empty state.
        self.host.run_write("Deleting person", forget.delete_person, d.key)

    def attach_messages(self) -> None:
        d, p = self.details, self.pending
        if d is not None and p is not None:
            self.host.push(commands.attach_messages(self.host, d.person_id, p.name))

    def attach_waiting(self) -> None:
        d, w = self.details, self.waiting
        if d is not None and w is not None:
            shown = w.name if w.who.startswith("~") else w.who
            name = d.name or d.key
            self.host.push(commands.attach_address(self.host, w.who, shown, d.person_id, name))

    def open_profile(self) -> None:
        if self.details and self.details.url:
            self.host.open_url(self.details.url)

    def find_introductions(self) -> None:
        if self.details is not None:
            self.host.find_paths_to(self.details.key)

    def _open_item(self, item: QListWidgetItem) -> None:
        key = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(key, str):
            self.host.select_person(key)


def _heading(text: str) -> QLabel:
    label = QLabel(f"<b>{html.escape(text)}</b>")
    label.setContentsMargins(0, 8, 0, 0)
    return label
