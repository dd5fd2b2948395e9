"""Every file format Veiviser writes, in one registry per kind of output.

A new format is one entry here (a suffix, what it is, how to render it): the app, the command
line (``--format`` choices) and the exporters all read these tables, so nothing else spells
``md`` or ``json``. Renderers are imported when a file is written, not when Veiviser starts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui.core.model.content import Content


@dataclass(frozen=True)
class Format:
    """One file format of an output."""

    suffix: str
    """Without the dot: ``md``, ``json``, ``html``."""
    name: str
    """What it is, as people say it (Markdown, JSON, HTML)."""
    render: Callable[[Content, Any], str]
    """The output (a log, a pack) as the file's text."""

    def encode(self, model: Content, output: Any) -> bytes:
        """The file's bytes: UTF-8 with ``\\n`` line ends on every platform."""
        return self.render(model, output).encode("utf-8")


def _lazy(module: str, name: str, with_model: bool = True) -> Callable[[Content, Any], str]:
    """``tui.core.outputs.<module>.<name>``, imported when a file is first written (renderers
    pull in pydantic models and the scanner; a start needs none of them)."""

    def render(model: Content, output: Any) -> str:
        function = getattr(import_module(f"tui.core.outputs.{module}"), name)
        return str(function(model, output) if with_model else function(output))

    return render


LOG: dict[str, Format] = {
    "md": Format("md", "Markdown", _lazy("log", "render_markdown")),
    "json": Format("json", "JSON", _lazy("log", "render_json", with_model=False)),
}
"""A reflection log: the app writes every one of these; ``veiviser export --format`` one."""

PACK: dict[str, Format] = {
    "html": Format("html", "HTML", _lazy("casepack", "render_html")),
    "md": Format("md", "Markdown", _lazy("casepack", "render_markdown")),
}
"""A kollegaveiledning case pack: always the pair, from the app and ``veiviser pakke``."""

VERKSTED: dict[str, Format] = {
    "html": Format("html", "HTML", _lazy("verksted", "render_html")),
    "md": Format("md", "Markdown", _lazy("verksted", "render_markdown")),
}
"""A knappeverksted's summary for the team: the pair, like a case pack."""

CHAT: dict[str, Format] = {
    "md": Format("md", "Markdown", _lazy("chatlog", "render_markdown")),
    "json": Format("json", "JSON", _lazy("chatlog", "render_json")),
}
"""A chat looked back on through the model: its log, like a guided conversation's."""
