"""Turning validated theme files into registered Textual themes."""

from __future__ import annotations

from textual.theme import Theme

from tui.core.model.content import Content
from tui.core.model.themes import ThemeFile


def to_textual_theme(theme: ThemeFile) -> Theme:
    """Convert a theme file into a Textual ``Theme`` with the element colours as variables."""
    c = theme.colors
    return Theme(
        name=theme.name,
        primary=c.primary,
        secondary=c.secondary,
        accent=c.accent,
        background=c.background,
        surface=c.surface,
        panel=c.panel,
        foreground=c.foreground,
        warning=c.warning,
        error=c.error,
        success=c.success,
        dark=theme.dark,
        variables=theme.variables(),
    )


DEFAULT_THEME = "veiviser-mork"
FALLBACK_ELEMENT_COLOUR = "#8b949e"
"""For an element a theme has no colour for (a service's own knapp, say): a neutral grey."""


def element_colours(model: Content, themes: list[ThemeFile]) -> dict[str, str]:
    """An ``element-<id>`` colour for every phase, Kolb stage and knapp (default theme's)."""
    ids: list[str] = [p.id for p in model.phases]
    ids += [s.id for s in model.stages] + [k.id for k in model.knapper]
    default = [f for f in themes if f.name == DEFAULT_THEME] or themes
    known = default[0].elements if default else {}
    return {f"element-{i}": known.get(i, FALLBACK_ELEMENT_COLOUR) for i in ids}
