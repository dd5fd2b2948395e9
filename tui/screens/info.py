"""Explaining the model one element at a time (a phase, a Kolb stage, a knapp, a question type
or a situation), the key overview, and «Om modellen»."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.markup import escape as escape_markup
from textual.screen import Screen
from textual.widgets import Static

from tui import keys
from tui.bindings import bindings
from tui.context import Context
from tui.core.base.strings import t
from tui.core.model.content import (
    Channel,
    KindContent,
    Knapp,
    KolbStage,
    PhaseContent,
    PromptRef,
    Situation,
)
from tui.core.model.content import Content as Model
from tui.messages import AboutRequested
from tui.screens.modal import KeyModal

Element = PhaseContent | KolbStage | Knapp | KindContent | Situation


class ExplainModal(KeyModal[PromptRef | None]):
    """One element of the model explained: what it is, an example, when to use it.

    ←/→ (or the key that opened it) move through the elements given; for a Kolb stage or a
    knapp a digit copies one of its prompts; Esc goes back to the notes with nothing lost.
    """

    KEYS = keys.EXPLAIN
    BINDINGS: ClassVar[list[BindingType]] = list(bindings(KEYS))

    def __init__(
        self,
        model: Model,
        elements: list[Element],
        channel: Channel,
        plain: bool,
        cycle_key: str | None = None,
    ) -> None:
        super().__init__()
        self.model = model
        self.elements = elements
        self.index = 0
        self.channel = channel
        self.plain = plain
        self.cycle_key = cycle_key
        self.refs: list[PromptRef] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(id="explain-title", classes="modal-title")
            with VerticalScroll(can_focus=False):  # arrows move through the elements
                yield Static(id="explain-body")
            yield Static(id="explain-keys", classes="modal-keys")

    def on_mount(self) -> None:
        self._show()

    @property
    def element(self) -> Element:
        """The element shown now."""
        return self.elements[self.index]

    def _show(self) -> None:
        el = self.element
        model, plain = self.model, self.plain
        colour = f"$element-{el.id}"
        if isinstance(el, PhaseContent):
            ring, marker, name, other = t("explain.phase"), "▶", el.name, ""
            self.refs = []
        elif isinstance(el, KindContent):
            ring, marker, name, other = t("explain.kind"), "?", el.name, ""
            colour = "$accent"
            self.refs = []
        elif isinstance(el, Situation):
            ring, marker, name, other = t("explain.situation"), "»", el.name, ""
            colour = "$accent"
            self.refs = model.situation_prompts(el)
        elif isinstance(el, KolbStage):
            ring, marker = model.ring_label("kolb", plain), "●"
            name, other = model.label(el.id, plain), model.other_label(el.id, plain)
            self.refs = [r for r in model.all_prompts() if r.kolb == el.id][:9]
        else:
            ring, marker = model.ring_label("knapper", plain), "◆"
            name, other = model.label(el.id, plain), model.other_label(el.id, plain)
            self.refs = [r for r in model.all_prompts() if r.knapp == el.id][:9]
        title = Content.from_markup(
            f"[dim]$ring ·[/] [b {colour}]$marker $name[/]", ring=ring, marker=marker, name=name
        )
        if other and other != name:
            title += Content.from_markup(" [dim]($other)[/]", other=other)
        self.query_one("#explain-title", Static).update(title)

        lines = self._situation(el) if isinstance(el, Situation) else self._explanation(el)
        if self.refs:
            heading = t("explain.lines" if isinstance(el, Situation) else "info.prompts")
            lines += [Content(""), Content.from_markup("[b]$h[/]", h=heading)]
            for n, ref in enumerate(self.refs, start=1):
                kind = getattr(ref.prompt, "type", None)
                label = f" [dim]({t(f'tomm.{kind}')})[/]" if kind else ""
                lines.append(
                    Content.from_markup(
                        f"[b {colour}]$n[/] $text{label}",
                        n=str(n),
                        text=ref.prompt.text(self.channel),
                    )
                )
        self.query_one("#explain-body", Static).update(Content("\n").join(lines))
        hint = self.hint("explain.keys", n=len(self.elements), i=self.index + 1)
        if self.refs:
            hint = Content.from_markup(t("info.keys", n=len(self.refs))) + "   " + hint
        self.query_one("#explain-keys", Static).update(hint)

    def _explanation(self, el: PhaseContent | KolbStage | Knapp | KindContent) -> list[Content]:
        ex = el.explain
        lines = [
            Content.from_markup("[b]$s[/]", s=ex.short),
            Content(""),
            Content(ex.long),
        ]
        if isinstance(el, KindContent):
            origin = t("explain.kind_seed" if el.seed else "explain.kind_ours")
            lines += [Content(""), Content.from_markup("[i]$s[/]", s=origin)]
        if isinstance(el, Knapp):
            lines += [Content(""), Content.from_markup("[b]$h[/] $d", h=t("info.dilemma"),
                                                       d=el.dilemma)]  # fmt: skip
        lines += [
            Content(""),
            Content.from_markup("[b]$h[/]", h=t("explain.example")),
            Content.from_markup("[i]$e[/]", e=ex.example),
            Content(""),
            Content.from_markup("[b]$h[/] $w", h=t("explain.when"), w=ex.when),
        ]
        return lines

    def _situation(self, el: Situation) -> list[Content]:
        lines = [
            Content.from_markup("[b]$h[/] $w", h=t("explain.when"), w=el.when),
            Content(""),
            Content.from_markup("[b]$h[/]", h=t("explain.steps")),
        ]
        lines += [Content.from_markup("• $step", step=step) for step in el.steps]
        return lines

    def action_move(self, step: int) -> None:
        self.index = (self.index + step) % len(self.elements)
        self._show()

    def action_close(self) -> None:
        self.dismiss(None)

    def on_key(self, event: events.Key) -> None:
        if event.key == self.cycle_key:  # the key that opened it (F6, F7, F8) moves on
            event.stop()
            self.action_move(1)
        elif event.character and event.character.isdigit():
            event.stop()
            index = int(event.character) - 1
            if 0 <= index < len(self.refs):
                self.dismiss(self.refs[index])


class HelpModal(KeyModal[None]):
    """Every key in force, read from the bindings themselves (so a remapped key shows)."""

    KEYS = keys.HELP
    BINDINGS: ClassVar[list[BindingType]] = list(bindings(KEYS))

    def __init__(self, rows: list[tuple[str, str]], tip: str = "") -> None:
        super().__init__()
        self.rows = rows
        self.tip = tip

    def compose(self) -> ComposeResult:
        width = max(len(key) for key, _ in self.rows)
        lines = [
            Content.from_markup("[b $accent]$key[/]  $desc", key=key.ljust(width), desc=desc)
            for key, desc in self.rows
        ]
        with Vertical():
            yield Static(t("help.title"), classes="modal-title")
            with VerticalScroll():
                yield Static(Content("\n").join(lines))
                if self.tip:
                    yield Static(Content.from_markup(self.tip), id="help-tip")
            yield Static(self.hint("help.keys_about"), classes="modal-keys")

    def action_close(self) -> None:
        self.dismiss(None)

    def action_about(self) -> None:
        self.app.post_message(AboutRequested())


class AboutModal(KeyModal[None]):
    """«Om modellen»: where each ring comes from, and what Veiviser adds as suggestions."""

    KEYS = keys.CLOSE
    BINDINGS: ClassVar[list[BindingType]] = list(bindings(KEYS))

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("about.title"), classes="modal-title")
            with VerticalScroll():
                yield Static(Content.from_markup(t("about.body")), id="about-body")
            yield Static(self.hint("help.keys"), classes="modal-keys")

    def action_close(self) -> None:
        self.dismiss(None)


def explain(owner: Screen[Any], ctx: Context, kind: str) -> None:
    """F6/F7/F8: explain the current phase (then the other phases, the question types and the
    situations), its suggested Kolb stages, or its knapper (one key each)."""
    model = ctx.model
    phase = model.phase(ctx.conversation.session.phase or ctx.shown_phase)
    elements: list[Element]
    if kind == "phase":
        index = model.phases.index(phase)
        elements = list(model.phases[index:] + model.phases[:index])
        elements += [*model.kinds, *model.situations]
    elif kind == "kolb":
        suggested: list[Element] = [model.stage(s) for s in phase.kolb]
        elements = suggested + [s for s in model.stages if s not in suggested]
    else:
        knapper = {r.knapp for r in model.knapp_prompts(phase.id)}
        elements = [k for k in model.knapper if k.id in knapper]
        elements += [k for k in model.knapper if k.id not in knapper]
    show_elements(owner, ctx, elements, ctx.raw_key(f"explain.{kind}"))


def explain_element(owner: Screen[Any], ctx: Context, element_id: str) -> None:
    """Explain a Kolb stage, knapp, question type or situation (from the palette), with the
    others of its kind to move through."""
    model = ctx.model
    rings: list[list[Element]] = [
        list(model.stages),
        list(model.knapper),
        list(model.kinds),
        list(model.situations),
    ]
    ring = next(r for r in rings if any(el.id == element_id for el in r))
    start = next(i for i, el in enumerate(ring) if el.id == element_id)
    show_elements(owner, ctx, ring[start:] + ring[:start], None)


def show_elements(owner: Screen[Any], ctx: Context, elements: list[Element],
                  cycle_key: str | None) -> None:  # fmt: skip
    """The explanations, one element at a time; a prompt chosen there is copied."""
    from tui.screens.copy import copy_prompt

    ctx.conversation.save_everything()
    channel = ctx.conversation.session.channel
    modal = ExplainModal(ctx.model, elements, channel, ctx.plain_words, cycle_key)
    owner.app.push_screen(modal, lambda ref: copy_prompt(owner, ctx, ref))


def help_modal(ctx: Context, shown: tuple[keys.Key, ...]) -> HelpModal:
    """Every key in force on the screen it is opened from (``shown``), then the app's own, and
    the tip for laptops whose F keys do something else."""
    rows: list[tuple[str, str]] = []
    for k in (*shown, *(k for k in keys.APP if k.id != "quit")):
        row = (ctx.key(k.id), t(k.description))
        if row not in rows:
            rows.append(row)
    rows.append((ctx.key("quit"), t("key.quit")))
    tip = t("help.fn_tip", config=escape_markup(str(ctx.config_path)))
    return HelpModal(rows, tip)
