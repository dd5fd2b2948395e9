"""Every file format Veiviser writes, in one registry per kind of output.

A new format is one entry here (a suffix, what it is, how to render it): the app, the command
line (``--format`` choices) and the exporters all read these tables, so nothing else spells
``md`` or ``json``. Renderers are imported when a file is written, not when Veiviser starts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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


def _log_markdown(model: Content, log: Any) -> str:
    from tui.core.outputs.log import render_markdown

    return render_markdown(model, log)


def _log_json(model: Content, log: Any) -> str:
    from tui.core.outputs.log import render_json

    return render_json(log)


def _pack_html(model: Content, pack: Any) -> str:
    from tui.core.outputs.casepack import render_html

    return render_html(model, pack)


def _pack_markdown(model: Content, pack: Any) -> str:
    from tui.core.outputs.casepack import render_markdown

    return render_markdown(model, pack)


LOG: dict[str, Format] = {
    "md": Format("md", "Markdown", _log_markdown),
    "json": Format("json", "JSON", _log_json),
}
"""A reflection log: the app writes every one of these; ``veiviser export --format`` one."""

PACK: dict[str, Format] = {
    "html": Format("html", "HTML", _pack_html),
    "md": Format("md", "Markdown", _pack_markdown),
}
"""A kollegaveiledning case pack: always the pair, from the app and ``veiviser pakke``."""


def _verksted_html(model: Content, summary: Any) -> str:
    from tui.core.outputs.verksted import render_html

    return render_html(model, summary)


def _verksted_markdown(model: Content, summary: Any) -> str:
    from tui.core.outputs.verksted import render_markdown

    return render_markdown(model, summary)


VERKSTED: dict[str, Format] = {
    "html": Format("html", "HTML", _verksted_html),
    "md": Format("md", "Markdown", _verksted_markdown),
}
"""A knappeverksted's summary for the team: the pair, like a case pack."""


def _chat_markdown(model: Content, analysis: Any) -> str:
    from tui.core.outputs.chatlog import render_markdown

    return render_markdown(model, analysis)


def _chat_json(model: Content, analysis: Any) -> str:
    from tui.core.outputs.chatlog import render_json

    return render_json(model, analysis)


CHAT: dict[str, Format] = {
    "md": Format("md", "Markdown", _chat_markdown),
    "json": Format("json", "JSON", _chat_json),
}
"""A chat looked back on through the model: its log, like a guided conversation's."""
