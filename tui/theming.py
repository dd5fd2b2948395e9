"""Turning validated theme files into registered Textual themes."""

from __future__ import annotations

from textual.theme import Theme

from tui.core.themes import ThemeFile


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
