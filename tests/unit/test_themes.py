"""Themes: every shipped theme is valid, complete, and readable (WCAG AA, 4.5:1)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.base.paths import builtin_themes_dir
from tui.core.model.content import Content
from tui.core.model.themes import ThemeFile, load_theme, load_themes
from tui.core.model.yamlreader import ContentError

AA = 4.5


def luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_contrast_helper_matches_known_values() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


THEMES = load_themes(builtin_themes_dir())


def test_the_four_themes_are_shipped() -> None:
    assert {t.name for t in THEMES} == {
        "veiviser-mork", "veiviser-lys", "veiviser-kontrast", "veiviser-fargeblind",
    }  # fmt: skip


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.name)
def test_every_element_has_a_colour(theme: ThemeFile, model: Content) -> None:
    ids = (
        {p.id for p in model.phases} | {s.id for s in model.stages} | {k.id for k in model.knapper}
    )
    assert ids <= set(theme.elements)


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.name)
def test_text_contrast_is_wcag_aa(theme: ThemeFile) -> None:
    c = theme.colors
    pairs = {
        "foreground on background": (c.foreground, c.background),
        "foreground on surface": (c.foreground, c.surface),
        "foreground on panel": (c.foreground, c.panel),
        "warning on background": (c.warning, c.background),
        "primary on background": (c.primary, c.background),
        "accent on background": (c.accent, c.background),
    }
    for element, colour in theme.elements.items():
        pairs[f"{element} on background"] = (colour, theme.colors.background)
        pairs[f"{element} on surface"] = (colour, theme.colors.surface)
        pairs[f"{element} on panel"] = (colour, theme.colors.panel)
        # The current phase in the phase bar: background-coloured text on the element colour.
        pairs[f"background on {element}"] = (theme.colors.background, colour)
    failing = {k: round(contrast(*v), 2) for k, v in pairs.items() if contrast(*v) < AA}
    assert not failing, failing


def test_bad_theme_is_located(tmp_path: Path) -> None:
    path = tmp_path / "feil.yaml"
    text = (builtin_themes_dir() / "veiviser-mork.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace('primary: "#5fa8d3"', 'primary: "blå"'), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_theme(path)
    line = text.split("\n").index('  primary: "#5fa8d3"') + 1
    assert str(info.value) == f'{path}:{line}: colors.primary: farge skal skrives som "#rrggbb"'
