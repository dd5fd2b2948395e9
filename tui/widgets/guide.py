"""The guide for the current phase: goal, approaches, questions, Kolb, knapp prompts, tips."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from tui.core.base.strings import t
from tui.core.model.content import KNAPP_LETTERS, PLACEHOLDER, TOMM_TYPES, Channel, PhaseId
from tui.core.model.content import Content as Model
from tui.widgets.rows import Rows

if TYPE_CHECKING:
    from tui.core.model.team import Focus
    from tui.core.outputs.practice import Nudge


def _with_placeholders(text: str, accent: str) -> Text:
    """Show ``{placeholders}`` in bold accent so the counsellor sees they will be asked for."""
    out = Text()
    pos = 0
    for match in PLACEHOLDER.finditer(text):
        out.append(text[pos : match.start()])
        out.append(match.group(0), style=f"bold {accent}")
        pos = match.end()
    out.append(text[pos:])
    return out


def _grid(*widths: int) -> Rows:
    """Borderless rows: fixed narrow columns, then one that wraps with a hanging indent."""
    return Rows(*widths)


class Guide(VerticalScroll, can_focus=False):
    """Scrollable guide for one phase, rebuilt only when the phase or channel changes."""

    SECTIONS = ("goal", "questions", "knapper", "kolb", "tips")
    """In the order a counsellor needs them: the questions, then the knapp prompts (and dagens
    knapp) one PgDn away at 120×30, then Kolb and the tips."""

    def __init__(
        self,
        model: Model,
        copy_key: str,
        id: str | None = None,
        explain: dict[str, str] | None = None,
        focus: Focus | None = None,
        nudge: Nudge | None = None,
        dismiss: str = "",
        start: tuple[PhaseId, Channel, bool] | None = None,
    ) -> None:
        super().__init__(id=id)
        self.start = start
        """The page composed with the guide (phase, channel, plain words): in the first frame."""
        self.model = model
        self.dagens_knapp = focus
        """The vaktleder's knapp in focus today: named above the knapper in every phase."""
        self.nudge = nudge
        """A knapp not used lately: suggested in Kommunikasjon, until ``dismiss`` is pressed."""
        self.dismiss_key = dismiss
        self.copy_key = copy_key
        self.explain = explain or {}
        """The explain keys in force by what they explain (``phase``, ``kolb``, ``knapp``)."""
        self._pages: dict[tuple[PhaseId, Channel, bool], Vertical] = {}
        self.shown: tuple[PhaseId, Channel, bool] | None = None

    def show(self, phase: PhaseId, channel: Channel, plain: bool = True) -> None:
        """Show the guide for ``phase`` in ``channel`` wording, plain words or theory terms.

        Each page is built once and kept: switching back to a phase shows the page Textual has
        already laid out, instead of laying out its tables again.
        """
        key = (phase, channel, plain)
        if self.shown == key:
            return
        page = self._pages.get(key)
        if page is None:
            page = self._page(key)
            self.mount(page)
        for other_key, other in self._pages.items():
            other.display = other_key == key
        self.shown = key
        self.scroll_home(animate=False)

    def compose(self) -> ComposeResult:
        if self.start is not None:
            yield self._page(self.start)
            self.shown = self.start

    def _page(self, key: tuple[PhaseId, Channel, bool]) -> Vertical:
        page = Vertical(
            *(
                Static(section, classes=f"guide-section guide-{name}", markup=False)
                for name, section in zip(self.SECTIONS, self._build(*key), strict=True)
            ),
            classes="guide-page",
        )
        self._pages[key] = page
        return page

    def section(self, name: str) -> Static:
        """The shown page's section ``name`` (goal, questions, kolb, knapper, tips)."""
        assert self.shown is not None
        return self._pages[self.shown].query_one(f".guide-{name}", Static)

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._theme_changed())

    def set_nudge(self, nudge: Nudge | None) -> None:
        """Show or hide the knapp suggestion (the pages are built again)."""
        self.nudge = nudge
        self._theme_changed()

    def _theme_changed(self) -> None:
        """Colours are resolved when a page is built: build them again after a theme change."""
        for page in self._pages.values():
            page.remove()
        self._pages.clear()
        shown, self.shown = self.shown, None
        if shown:
            self.show(*shown)

    def _colour(self, name: str) -> str:
        return self.app.theme_variables.get(name, self.app.theme_variables.get("accent", ""))

    def _heading(self, title: str, colour: str, hint: str = "") -> Text:
        head = Text()
        head.append(title, style=f"bold {colour}")
        if hint:
            head.append(f"  {hint}", style="dim")
        return head

    def _nudge_line(self, nudge: Nudge, phase_id: PhaseId, channel: Channel, plain: bool) -> Text:
        """«Forslag: … er ikke brukt i de siste N samtalene», with a line of the knapp's to try."""
        model = self.model
        knapp = model.knapp(nudge.knapp)
        colour = self._colour(f"element-{knapp.id}")
        letters = {ref.id: key for key, ref in model.copy_targets(phase_id).items()}
        refs = model.knapp_prompts(phase_id)
        ref = next((r for r in refs if r.knapp == knapp.id), None)
        prompt = ref.prompt if ref else next(iter(knapp.prompts.values()))[0]
        line = Text("◇ ", style=f"bold {colour}")
        line.append(t("guide.nudge", name=model.label(knapp.id, plain), n=nudge.last),
                    style=f"italic {colour}")  # fmt: skip
        letter = letters.get(ref.id, "") if ref else ""
        line.append(" " + t("guide.nudge_try", text=prompt.text(channel)), style="italic")
        if letter:
            line.append(f" ({letter})", style=f"bold {colour}")
        line.append("  " + t("guide.nudge_hide", key=self.dismiss_key), style="dim")
        return line

    def _build(self, phase_id: PhaseId, channel: Channel, plain: bool) -> list[RenderableType]:
        model = self.model
        phase = model.phase(phase_id)
        colour = self._colour(f"element-{phase_id}")
        accent = self._colour("accent")

        goal = Group(
            self._heading(
                f"{phase.name} – {t('guide.goal').lower()}",
                colour,
                t("guide.goal_hint", key=self.explain.get("phase", "")),
            ),
            Text(phase.goal),
        )

        questions = _grid(1, 10)
        for n, question in enumerate(phase.questions, start=1):
            questions.add_row(
                Text(str(n), style=f"bold {colour}"),
                # Tomm's types plain dim; lines that are not questions in italics.
                Text(
                    t(f"tomm.{question.type}"),
                    style="dim" if question.type in TOMM_TYPES else "dim italic",
                ),
                _with_placeholders(question.text(channel), accent),
            )
        question_section = Group(
            self._heading(
                t("guide.questions"), colour, t("guide.questions_hint", key=self.copy_key)
            ),
            questions,
        )

        stages = _grid(1)
        for stage in model.stages:
            stage_colour = self._colour(f"element-{stage.id}")
            if stage.id in phase.kolb:
                line = Text(model.label(stage.id, plain), style=f"bold {stage_colour}")
                line.append(f" ({model.other_label(stage.id, plain)})", style="dim")
                line.append(f" – {stage.explain.short}")
                stages.add_row(Text("●", style=f"bold {stage_colour}"), line)
            else:
                stages.add_row(
                    Text("○", style="dim"),
                    Text(
                        f"{model.label(stage.id, plain)} ({model.other_label(stage.id, plain)})",
                        style="dim",
                    ),
                )
        kolb = Group(
            self._heading(
                t("guide.kolb", ring=model.ring_label("kolb", plain)),
                colour,
                t("guide.kolb_hint", key=self.explain.get("kolb", "")),
            ),
            stages,
        )

        refs = model.knapp_prompts(phase_id)
        parts: list[RenderableType] = [
            self._heading(
                t("guide.knapper", ring=model.ring_label("knapper", plain)),
                colour,
                t("guide.knapper_hint", key=self.copy_key, explain=self.explain.get("knapp", "")),
            )
        ]
        focus = self.dagens_knapp
        if focus is not None:
            focus_colour = self._colour(f"element-{focus.knapp}")
            line = Text("★ ", style=f"bold {focus_colour}")
            line.append(t("guide.focus", name=model.label(focus.knapp, plain)),
                        style=f"bold {focus_colour}")  # fmt: skip
            if focus.melding:
                line.append(f" – «{focus.melding}»")
            parts.append(line)
        nudge = self.nudge
        if nudge is not None and phase_id == "kommunikasjon":
            parts.append(self._nudge_line(nudge, phase_id, channel, plain))
        if not refs:
            parts.append(Text(t("guide.knapper_none"), style="dim"))
        grid = _grid(1)
        last_knapp = None
        for letter, ref in zip(KNAPP_LETTERS, refs, strict=False):
            knapp_colour = self._colour(f"element-{ref.knapp}")
            if ref.knapp != last_knapp:
                knapp = model.knapp(ref.knapp or "")
                title = Text(model.label(knapp.id, plain), style=f"bold {knapp_colour}")
                title.append(f" ({model.other_label(knapp.id, plain)})", style="dim")
                title.append(f" – {knapp.dilemma}", style="dim")
                if focus is not None and knapp.id == focus.knapp:
                    title.append(f" ★ {t('guide.focus_mark')}", style=f"bold {knapp_colour}")
                grid.add_row(Text("◆", style=f"bold {knapp_colour}"), title)
                last_knapp = ref.knapp
            line = Text(f"{letter}  ", style=f"bold {knapp_colour}")
            grid.add_row("", line + _with_placeholders(ref.prompt.text(channel), accent))
        parts.append(grid)
        knapper = Group(*parts)

        approaches = _grid(1)
        for approach in phase.approaches:
            approaches.add_row(Text("•", style=colour), approach)
        tips = _grid(1)
        for tip in getattr(phase.tips, channel):
            tips.add_row(Text("•", style=colour), tip)
        tip_section = Group(
            self._heading(t("guide.approaches"), colour),
            approaches,
            Text(""),
            self._heading(t("guide.tips", channel=t(f"channel.{channel}").lower()), colour),
            tips,
        )
        if model.situations:
            names = Text(" · ".join(situation.name for situation in model.situations))
            tip_section = Group(
                tip_section,
                Text(""),
                self._heading(
                    t("guide.situations"),
                    colour,
                    t("guide.situations_hint", key=self.explain.get("phase", "")),
                ),
                names,
            )
        return [goal, question_section, knapper, kolb, tip_section]
