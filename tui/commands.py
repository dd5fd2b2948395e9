"""The command palette (Ctrl+P): find any question, Kolb stage, knapp or phase by a few letters,
and the app's own commands (plain words, the overview, themes)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.message import Message

from tui.context import Context
from tui.core.base.strings import t
from tui.core.model.themes import ThemeFile
from tui.messages import (
    AboutRequested,
    ChatRequested,
    CopyRequested,
    ElementRequested,
    OverviewRequested,
    PlainWordsToggled,
    PracticeRequested,
    VerkstedRequested,
)


@dataclass(frozen=True)
class Entry:
    """One searchable thing: what is matched, what is shown as help, what selecting does."""

    text: str
    help: str
    run: Callable[[], object]


class ModelProvider(Provider):
    """Searches the whole model with Textual's fuzzy matcher."""

    def _entries(self) -> list[Entry]:
        app = self.app
        ctx: Context = getattr(app, "ctx")  # noqa: B009 - the app that owns this palette has one
        model = ctx.model
        channel = ctx.conversation.session.channel
        plain = ctx.plain_words
        focus = ctx.focus
        entries: list[Entry] = []
        for phase in model.phases:
            entries.append(
                Entry(
                    f"{t('palette.phase')}: {phase.name}",
                    phase.goal,
                    partial(app.run_action, f"screen.phase('{phase.id}')"),
                )
            )
        # Kolb stages, knapper, question types and situations open their explanation.
        explained: list[tuple[str, str, str, str]] = [
            (t("palette.kolb"), f"{model.label(s.id, plain)} ({model.other_label(s.id, plain)})",
             s.explain.short, s.id) for s in model.stages
        ]  # fmt: skip
        explained += [
            (t("palette.knapp"), f"{model.label(k.id, plain)} ({model.other_label(k.id, plain)})"
             + (f" ★ {t('guide.focus_mark')}" if focus and focus.knapp == k.id else ""),
             k.dilemma, k.id) for k in model.knapper
        ]  # fmt: skip
        explained += [(t("palette.kind"), k.name, k.explain.short, k.id) for k in model.kinds]
        explained += [(t("palette.situation"), s.name, s.when, s.id) for s in model.situations]
        for what, name, about, element_id in explained:
            entries.append(
                Entry(
                    f"{what}: {name}",
                    f"{t('palette.show')} – {about}",
                    partial(app.post_message, ElementRequested(element_id)),
                )
            )
        for ref in model.all_prompts():
            where = model.phase(ref.phase).name if ref.phase else ""
            if ref.knapp:
                where = f"{model.label(ref.knapp, plain)} · {where}"
            elif ref.kolb:
                where = model.label(ref.kolb, plain)
            elif ref.situation:
                where = next(s.name for s in model.situations if s.id == ref.situation)
            entries.append(
                Entry(
                    ref.prompt.text(channel),
                    f"{t('palette.copy')} – {where}",
                    partial(app.post_message, CopyRequested(ref)),
                )
            )
        return entries

    async def discover(self) -> Hits:
        """With nothing typed: the knapper and Kolb stages (what counsellors look up most)."""
        for entry in self._entries():
            if entry.text.startswith((t("palette.knapp"), t("palette.kolb"))):
                yield DiscoveryHit(entry.text, entry.run, help=entry.help)

    async def search(self, query: str) -> Hits:
        """Fuzzy search over everything."""
        matcher = self.matcher(query)
        for entry in self._entries():
            score = matcher.match(f"{entry.text} {entry.help}")
            if score > 0:
                yield Hit(score, matcher.highlight(entry.text), entry.run, help=entry.help)


def system_commands(
    post: Callable[[Message], object],
    textual_own: Iterable[SystemCommand],
    themes: list[ThemeFile],
    use_theme: Callable[[str], None],
) -> Iterable[SystemCommand]:
    """Palette commands: the model's own, themes, then Textual's own (less its theme picker)."""
    yield SystemCommand(t("palette.plain"), t("palette.plain_help"),
                        partial(post, PlainWordsToggled()))  # fmt: skip
    yield SystemCommand(t("palette.overview"), t("palette.overview_help"),
                        partial(post, OverviewRequested()))  # fmt: skip
    yield SystemCommand(t("palette.praksis"), t("palette.praksis_help"),
                        partial(post, PracticeRequested()))  # fmt: skip
    yield SystemCommand(t("palette.about"), t("palette.about_help"),
                        partial(post, AboutRequested()))  # fmt: skip
    yield SystemCommand(t("palette.verksted"), t("palette.verksted_help"),
                        partial(post, VerkstedRequested()))  # fmt: skip
    yield SystemCommand(t("palette.chat"), t("palette.chat_help"),
                        partial(post, ChatRequested()))  # fmt: skip
    for theme in themes:
        yield SystemCommand(t("palette.theme", name=theme.name), t("palette.theme_help"),
                            partial(use_theme, theme.name))  # fmt: skip
    yield from textual_own
