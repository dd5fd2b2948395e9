"""Small one-key modals: choose the channel, tag a note with a knapp, confirm a step."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from tui import keys
from tui.bindings import bindings
from tui.core.archive.store import Loaded
from tui.core.base.strings import t, tn
from tui.core.model.content import Channel
from tui.core.model.content import Content as Model
from tui.screens.modal import KeyModal


class ChannelModal(KeyModal[Channel | None]):
    """Asked at start when ``--channel`` was not given: one key each."""

    KEYS = keys.CHANNEL
    BINDINGS: ClassVar[list[BindingType]] = list(bindings(KEYS))

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("channel.title"), classes="modal-title")
            yield Static(t("channel.question"))
            yield Static(self.hint("channel.keys"), classes="modal-keys")

    def action_choose(self, channel: Channel | None) -> None:
        self.dismiss(channel)


class TagModal(KeyModal[str | None]):
    """Choose the knapp for the next note: a digit per knapp, 0 for none (content keys)."""

    KEYS = keys.PICK
    BINDINGS: ClassVar[list[BindingType]] = list(bindings(KEYS))

    def __init__(self, model: Model, current: str | None, plain: bool = True) -> None:
        super().__init__()
        self.model = model
        self.current = current
        self.plain = plain

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("tag.title"), classes="modal-title")
            lines = [Content.from_markup("[b]0[/]  $none", none=t("tag.none"))]
            for n, knapp in enumerate(self.model.knapper[:9], start=1):
                mark = "●" if knapp.id == self.current else "◆"
                lines.append(
                    Content.from_markup(
                        f"[b]$n[/]  [$element-{knapp.id}]$mark $name[/]",
                        n=str(n),
                        mark=mark,
                        name=self.model.label(knapp.id, self.plain),
                    )
                )
            yield Static(Content("\n").join(lines))
            yield Static(self.hint("tag.keys"), classes="modal-keys")

    def on_key(self, event: events.Key) -> None:
        if event.key == "0":
            event.stop()
            self.dismiss(None)
        elif event.key.isdigit() and 1 <= int(event.key) <= min(9, len(self.model.knapper)):
            event.stop()
            self.dismiss(self.model.knapper[int(event.key) - 1].id)

    def action_close(self) -> None:
        self.dismiss(self.current)


class ConfirmModal(KeyModal[bool]):
    """Enter confirms, Esc cancels; ``keys`` is the id of the hint line (``{confirm_yes}``…)."""

    KEYS = keys.CONFIRM
    BINDINGS: ClassVar[list[BindingType]] = list(bindings(KEYS))

    def __init__(self, title: str, body: str, keys: str) -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        self.keys = keys

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, classes="modal-title")
            yield Static(self.body)
            yield Static(self.hint(self.keys), classes="modal-keys")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class FinishModal(KeyModal[str | None]):
    """F10: end as a whole conversation (Enter), or as a quiet chat, a quick information chat
    or referred on, which the figures count apart; Esc goes on with the conversation."""

    KEYS = keys.FINISH
    BINDINGS: ClassVar[list[BindingType]] = list(bindings(KEYS))

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("finish.confirm"), classes="modal-title")
            yield Static(t("finish.outcome_body"))
            yield Static(self.hint("finish.outcome_keys"), classes="modal-keys")

    def action_answer(self, outcome: str | None) -> None:
        self.dismiss(outcome)


class ResumeModal(KeyModal[str]):
    """An unfinished session from last time: continue, finish with reflection, or discard."""

    KEYS = keys.RESUME
    BINDINGS: ClassVar[list[BindingType]] = list(bindings(KEYS))

    def __init__(self, model: Model, loaded: Loaded) -> None:
        super().__init__()
        self.model = model
        self.loaded = loaded
        self.finished = loaded.status != "open" or (
            bool(loaded.moves) and loaded.moves[-1].dst == "avsluttet"
        )

    def compose(self) -> ComposeResult:
        loaded = self.loaded
        started = datetime.fromtimestamp(loaded.moves[0].at if loaded.moves else loaded.created_at)
        last = loaded.moves[-1].dst if loaded.moves else None
        where = (
            self.model.phase(last).name
            if last in {p.id for p in self.model.phases}
            else t("resume.finished")
            if last
            else t("resume.not_started")
        )
        facts = tn(
            "resume.facts",
            len(loaded.notes),
            date=started.strftime("%d.%m.%Y"),
            time=started.strftime("%H:%M"),
            channel=t(f"channel.{loaded.channel}").lower(),
            where=where,
            notes=len(loaded.notes),
        )
        if loaded.drafts.get("note"):
            facts += "\n" + t("resume.draft")
        hint = self.hint("resume.keys_finished" if self.finished else "resume.keys")
        with Vertical():
            yield Static(t("resume.title"), classes="modal-title")
            yield Static(facts)
            yield Static(hint, classes="modal-keys")

    def action_choose(self, choice: str) -> None:
        if choice == "continue" and self.finished:
            return  # a finished conversation can only be reflected on or discarded
        self.dismiss(choice)
