"""Small one-key modals: choose the channel, tag a note with a knapp, confirm a step."""

from __future__ import annotations

from datetime import datetime

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.core.content import Channel
from tui.core.content import Content as Model
from tui.core.store import Loaded
from tui.strings import t

MODAL_CSS = """
{name} {{ align: center middle; background: $background 60%; }}
{name} > Vertical {{
    width: 64; max-width: 95%; height: auto;
    padding: 1 2; border: thick $primary; background: $surface;
}}
{name} .modal-title {{ text-style: bold; color: $primary; margin-bottom: 1; }}
{name} .modal-keys {{ margin-top: 1; color: $text-muted; }}
"""


class ChannelModal(ModalScreen[Channel | None]):
    """Asked at start when ``--channel`` was not given: one key each."""

    DEFAULT_CSS = MODAL_CSS.format(name="ChannelModal")

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("channel.title"), classes="modal-title")
            yield Static(t("channel.question"))
            yield Static(Content.from_markup(t("channel.keys")), classes="modal-keys")

    def on_key(self, event: events.Key) -> None:
        choice: dict[str, Channel] = {"c": "chat", "t": "phone"}
        if event.key in choice:
            event.stop()
            self.dismiss(choice[event.key])
        elif event.key == "escape":
            event.stop()
            self.dismiss(None)


class TagModal(ModalScreen[str | None]):
    """Choose the knapp for the next note: a digit per knapp, 0 for none."""

    DEFAULT_CSS = MODAL_CSS.format(name="TagModal")

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
            yield Static(Content.from_markup(t("tag.keys")), classes="modal-keys")

    def on_key(self, event: events.Key) -> None:
        event.stop()
        if event.key == "escape":
            self.dismiss(self.current)
        elif event.key == "0":
            self.dismiss(None)
        elif event.key.isdigit() and 1 <= int(event.key) <= min(9, len(self.model.knapper)):
            self.dismiss(self.model.knapper[int(event.key) - 1].id)


class ConfirmModal(ModalScreen[bool]):
    """Enter confirms, Esc cancels."""

    DEFAULT_CSS = MODAL_CSS.format(name="ConfirmModal")

    def __init__(self, title: str, body: str, keys: str) -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        self.keys = keys

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, classes="modal-title")
            yield Static(self.body)
            yield Static(Content.from_markup(self.keys), classes="modal-keys")

    def on_key(self, event: events.Key) -> None:
        if event.key in ("enter", "escape"):
            event.stop()
            self.dismiss(event.key == "enter")


class ResumeModal(ModalScreen[str]):
    """An unfinished session from last time: continue, finish with reflection, or discard."""

    DEFAULT_CSS = (
        MODAL_CSS.format(name="ResumeModal")
        + """
    ResumeModal > Vertical { width: 72; }
    """
    )

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
        facts = t(
            "resume.facts",
            date=started.strftime("%d.%m.%Y"),
            time=started.strftime("%H:%M"),
            channel=t(f"channel.{loaded.channel}").lower(),
            where=where,
            notes=len(loaded.notes),
        )
        if loaded.drafts.get("note"):
            facts += "\n" + t("resume.draft")
        keys = t("resume.keys_finished") if self.finished else t("resume.keys")
        with Vertical():
            yield Static(t("resume.title"), classes="modal-title")
            yield Static(facts)
            yield Static(Content.from_markup(keys), classes="modal-keys")

    def on_key(self, event: events.Key) -> None:
        choices = {"r": "reflect", "x": "discard"}
        if not self.finished:
            choices["f"] = "continue"
        if event.key in choices:
            event.stop()
            self.dismiss(choices[event.key])
