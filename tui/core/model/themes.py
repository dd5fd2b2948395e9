"""Theme files (YAML in ``themes/``), validated like content; the UI makes Textual themes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from tui.core.base.problems import ContentError, Problem
from tui.core.base.strings import t
from tui.core.model.rules import Bool, Checked, Rule, validate

Colour = Annotated[str, Rule(pattern=r"^#[0-9a-fA-F]{6}$")]


@dataclass(frozen=True, kw_only=True)
class Colours(Checked):
    """Textual's base colours."""

    primary: Colour
    secondary: Colour
    accent: Colour
    background: Colour
    surface: Colour
    panel: Colour
    foreground: Colour
    warning: Colour
    error: Colour
    success: Colour


@dataclass(frozen=True, kw_only=True)
class ThemeFile(Checked):
    """One theme file."""

    name: Annotated[str, Rule(pattern=r"^[a-z0-9-]+$")]
    """The theme's name, used with ``--theme``."""
    dark: Bool
    """True for a dark theme."""
    colors: Colours
    """The base colours."""
    elements: dict[str, Colour]
    """A colour per phase, Kolb stage and knapp, by the ids in content/."""

    def variables(self) -> dict[str, str]:
        """CSS variables for the elements: ``$element-<id>``."""
        return {f"element-{key}": value for key, value in self.elements.items()}


def load_theme(path: Path) -> ThemeFile:
    """Load and validate one theme file.

    Raises:
        ContentError: With ``file:line: message`` for each problem.
    """
    from pydantic import ValidationError

    from tui.core.model.loader import message_for
    from tui.core.model.yamlreader import read_file

    doc = read_file(path)
    try:
        return validate(ThemeFile, doc.data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(p for p in err["loc"] if p != "[key]")
            path_s = ".".join(str(p) for p in loc)
            msg = message_for(err)
            if err["type"] == "string_pattern_mismatch" and loc and loc[0] != "name":
                msg = t("msg.theme.write_colour_as_rrggbb")
            problems.append(Problem(doc.file, doc.line_of(loc), f"{path_s}: {msg}"))
        raise ContentError(problems) from None


def load_themes(directory: Path) -> list[ThemeFile]:
    """Load every ``*.yaml`` theme in ``directory``, reporting all problems at once."""
    themes: list[ThemeFile] = []
    problems: list[Problem] = []
    for path in sorted(directory.glob("*.yaml")):
        try:
            themes.append(load_theme(path))
        except ContentError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ContentError(problems)
    return themes
