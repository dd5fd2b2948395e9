"""The guide's rows (tui.widgets.rows.Rows) draw what rich's Table.grid drew, character and
style alike, for every phase's questions and knapp prompts at the widths the guide takes."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from rich.table import Table
from rich.text import Text

from tui.core.model.content import KNAPP_LETTERS, Content
from tui.widgets.rows import Rows


def grid(*widths: int) -> Table:
    table = Table.grid(padding=(0, 1))
    for width in widths:
        table.add_column(width=width, no_wrap=True)
    table.add_column(ratio=1)
    return table


def drawn(renderable: object, width: int) -> str:
    console = Console(width=width, record=True, file=io.StringIO(), color_system="truecolor")
    console.print(renderable)
    return console.export_text(styles=True)


def guide_rows(model: Content, phase_id: str, channel: str) -> list[tuple[tuple[int, ...], list]]:
    phase = model.phase(phase_id)  # type: ignore[arg-type]
    questions = [(Text(str(n), style="bold #c0a060"), Text(q.type, style="dim"),
                  Text(q.text(channel))) for n, q in enumerate(phase.questions, 1)]  # fmt: skip
    knapper: list[tuple[Text | str, Text]] = []
    for letter, ref in zip(KNAPP_LETTERS, model.knapp_prompts(phase.id), strict=False):
        title = Text(model.knapp(ref.knapp or "").name, style="bold #60a0c0")
        title.append(" – dilemma", style="dim")
        knapper.append((Text("◆", style="bold #60a0c0"), title))
        knapper.append(("", Text(f"{letter}  ", style="bold") + Text(ref.prompt.text(channel))))  # type: ignore[arg-type]
    return [((1, 10), questions), ((1,), knapper)]


@pytest.mark.parametrize("width", [40, 57, 71, 100, 140])  # never narrower: 60×20 is the least
def test_rows_draw_what_the_table_drew(model: Content, width: int) -> None:
    compared = 0
    for phase in model.phases:
        for channel in ("chat", "phone"):
            for widths, rows in guide_rows(model, phase.id, channel):
                table, light = grid(*widths), Rows(*widths)
                for cells in rows:
                    table.add_row(*cells)
                    light.add_row(*cells)
                assert drawn(light, width) == drawn(table, width), (phase.id, channel, width)
                compared += 1
    assert compared == len(model.phases) * 2 * 2


def test_a_row_needs_every_cell() -> None:
    with pytest.raises(ValueError, match="3 cells"):
        Rows(1, 10).add_row("1", "x")
