"""The phase bar: the four 4K phases, where the conversation is, and the clocks."""

from __future__ import annotations

from textual.content import Content
from textual.timer import Timer
from textual.widget import Widget

from tui.core.base.strings import t
from tui.core.conversation.notes import clock_label
from tui.core.conversation.session import Session
from tui.core.model.content import Content as Model


class PhaseBar(Widget):
    """Two lines: the phases with their keys, then channel, clocks, round and renewals."""

    DEFAULT_CSS = """
    PhaseBar {
        height: 2;
        background: $panel;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(
        self, model: Model, session: Session, keys: dict[str, str], id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.model = model
        self.session = session
        self.keys = keys
        """Key labels by binding id, so the bar shows the keys actually in force."""
        self._shown = ""
        self._said: tuple[str, str] | None = None
        self.saved = False
        """The ended conversation's log is saved: the next step is a new conversation."""
        self._said_timer: Timer | None = None

    def say(self, text: str, seconds: float = 4.0, warning: bool = False) -> None:
        """Show ``text`` at the end of the status line for a few seconds: a move's word («the
        contract is renewed») where the eye already is, never a notice over the notes."""
        self._said = (text, "$warning" if warning else "$accent")
        if self._said_timer is not None:
            self._said_timer.stop()
        self._said_timer = self.set_timer(seconds, self._unsay)
        self.refresh()

    def _unsay(self) -> None:
        self._said = None
        self.refresh()

    @property
    def said(self) -> str:
        """What :meth:`say` shows now ('' when nothing)."""
        return self._said[0] if self._said else ""

    def tick(self) -> None:
        """Once a second: redraw only when the clocks show something new (before the start
        nothing changes, so no frame is drawn for it)."""
        if self._status().plain != self._shown:
            self.refresh()

    def render(self) -> Content:
        """Render both lines from the session's current state (cheap: called each second)."""
        top = self._phases(compact=False)
        if top.cell_length > self.size.width:
            top = self._phases(compact=True)
        status = self._status()
        self._shown = status.plain
        return Content("\n").join([top, status])

    def _phases(self, compact: bool) -> Content:
        """The phases with their keys; compact shows only the current phase's name."""
        current = self.session.phase
        parts: list[Content] = []
        for phase in self.model.phases:
            key = self.keys.get(f"phase.{phase.id}", "")
            colour = f"$element-{phase.id}"
            if phase.id == current:
                parts.append(
                    Content.from_markup(
                        f"[b $background on {colour}] ▶ $key $name [/]",
                        key=key,
                        name=phase.name.upper(),
                    )
                )
            elif compact:
                # Just the key: ● means "suggested Kolb stage" in the guide, so not here.
                parts.append(Content.from_markup(f" [{colour}]$key[/] ", key=key))
            else:
                parts.append(
                    Content.from_markup(
                        f" [dim]$key[/] [{colour}]$name[/] ", key=key, name=phase.name
                    )
                )
        return Content(" ").join(parts)

    def _status(self) -> Content:
        session = self.session
        channel = t(f"channel.{session.channel}")
        if not session.started:
            return Content.from_markup(
                " [b]$channel[/] · [dim]$msg[/]",
                channel=channel,
                msg=t("bar.not_started", key=self.keys.get("phase.kontakt", "")),
            )
        items = [
            t("bar.session", time=clock_label(session.session_seconds())),
            t("bar.phase", time=clock_label(session.current_phase_seconds())),
            t("bar.round", n=session.rounds),
        ]
        if session.renewals:
            items.append(t("bar.renewals", n=session.renewals))
        status = Content.from_markup(
            " [b]$channel[/] · $items", channel=channel, items=" · ".join(items)
        )
        if session.finished:
            word = "bar.saved" if self.saved else "bar.finished"
            msg = t(word, finish=self.keys.get("finish", ""))
            return status + Content.from_markup("  [b]$msg[/]", msg=msg)
        if self._said is not None:
            text, colour = self._said
            return status + Content.from_markup(f"  [b {colour}]▸ $msg[/]", msg=text)
        limit = self.model.settings.long_session_minutes
        if session.runs_long(limit):
            status += Content.from_markup("  [b $warning]$msg[/]", msg=t("bar.long", minutes=limit))
        return status
