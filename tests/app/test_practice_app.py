"""«Min praksis» as a counsellor uses it: after twenty conversations, F12 shows which knapper
they never use, how long Kontrakt takes and how often they reach Konklusjon, as plots and as a
table; keys change the period, the channel and the weekly measure; Esc goes back to the note."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from tests.support.fakes import FakeClock
from tests.support.pilot import AppFactory
from tui.core.archive.store import Store
from tui.core.model.content import Content
from tui.core.outputs.demo import generate
from tui.screens.practice import PracticeScreen


@pytest.fixture
def twenty(model: Content, data_dir: Path, clock: FakeClock) -> None:
    store = Store(data_dir, clock=clock).open()
    generate(store, model, 20, start=clock.now - 25 * 86400, seed=4)
    store.close()


def head(app: object) -> str:
    return str(app.screen.query_one("#praksis-head", Static).render())  # type: ignore[attr-defined]


async def test_twenty_conversations_as_plots_then_as_a_table(
    twenty: None, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press(*"utkast")  # typed before looking: kept
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)
        assert "20 samtaler" in head(app) and "siste 30 dager" in head(app)
        assert len(app.screen.query(".praksis-plot")) == 5  # four bar charts and the trend
        texts = " ".join(str(s.render()) for s in app.screen.query(".praksis-text"))
        assert "Nådde Konklusjon" in texts and "Hva skjer i samtalene" in texts

        await pilot.press("t")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        by_name = {r[0]: r[1] for r in rows}
        assert "sjelden eller aldri" in by_name["Valg og tilfeldigheter"]
        assert "sjelden" not in by_name["Meg i kontekst"]
        assert by_name["Kontrakt"].endswith("n=20")
        assert by_name["Nådde Konklusjon"].endswith("%")

        await pilot.press("p")
        await pilot.pause()
        assert "siste 90 dager" in head(app) and app.screen.query_one(DataTable)
        await pilot.press("k")
        await pilot.pause()
        assert "chat)" in head(app)

        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, PracticeScreen)
        assert app.screen.query_one("#note-input").value == "utkast"  # type: ignore[attr-defined]


async def test_an_empty_archive_says_so(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f12")
        await pilot.pause()
        assert "0 samtaler" in head(app)
        assert "Ingen avsluttede samtaler" in str(app.screen.query_one(".praksis-text").render())
        await pilot.press("t", "m", "p")  # nothing to show: the keys still answer
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)


async def test_fast_keys_never_mount_twice(twenty: None, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f12", "t", "t", "p", "m", "t", "k", "k", "k")
        await pilot.pause()
        assert "siste 90 dager" in head(app) and "chat og telefon" in head(app)
        assert app.screen.query_one(DataTable)


async def test_a_case_pack_from_the_logs_screen(
    twenty: None, make_app: AppFactory, data_dir: Path
) -> None:
    """F9, Enter on a conversation, Ctrl+K: choose, type a question, Enter; the pack review asks
    about each hit (rewrite the name, keep the number with a reason, mask the rest): HTML and
    Markdown, with the rewritten text and the kept number."""
    from textual.widgets import Checkbox

    from tui.screens.pack import PackModal, PackReviewModal

    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press("down")
        await pilot.pause()
        await pilot.press("down", "enter")  # the second row: the first is this conversation
        await pilot.pause()
        await pilot.press("ctrl+k")
        await pilot.pause()
        assert isinstance(app.screen, PackModal)
        app.screen.query_one("#pack-answers", Checkbox).value = False
        await pilot.press(*"Hvor snudde det for Kari? Hun ga meg 41234567", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PackReviewModal)
        assert "Kari" in str(app.screen.query_one("#packreview-hit").render())
        await pilot.press("r", "ctrl+u", *"veisøkeren", "enter")  # rewrite the name
        await pilot.pause()
        assert "41234567" in str(app.screen.query_one("#packreview-hit").render())
        await pilot.press("b", "enter")  # a keep needs a reason: Enter alone does nothing
        await pilot.pause()
        assert "41234567" in str(app.screen.query_one("#packreview-hit").render())
        await pilot.press(*"oppdiktet", "enter")
        await pilot.pause()
        for _ in range(40):  # the demo notes' own hits, if any
            if not isinstance(app.screen, PackReviewModal):
                break
            await pilot.press("m")
            await pilot.pause()
        assert not isinstance(app.screen, PackReviewModal), app.screen.query_one(
            "#packreview-hit"
        ).render()
        made = sorted((data_dir / "eksport").glob("kollegaveiledning-*"))
        assert [p.suffix for p in made] == [".html", ".md"]
        text = made[1].read_text(encoding="utf-8")
        assert "Hvor snudde det for veisøkeren? Hun ga meg 41234567" in text
        assert "Kari" not in text and "Refleksjonen min" not in text
        assert "1 skrevet om, 1 beholdt med begrunnelse" in text


async def test_without_colour_the_bars_and_the_unused_knapp_still_read(
    twenty: None, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.filter import Monochrome

    from tui.widgets.bars import BarChart

    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert any(isinstance(f, Monochrome) for f in app._filters)
        await pilot.press("f12")
        await pilot.pause()
        knapper = app.screen.query(BarChart)[1]
        drawn = str(knapper.render())
        assert "█" in drawn  # bars are glyphs, not colour
        assert "Valg og tilfeldigheter (sjelden eller aldri)  0 %" in drawn  # said in words


async def test_a_case_pack_straight_from_the_list(
    twenty: None, make_app: AppFactory, data_dir: Path
) -> None:
    """F9, Down to the list, Ctrl+K on the highlighted conversation; in the search field Ctrl+K
    still edits."""
    from textual.widgets import Input

    from tui.screens.pack import PackModal, PackReviewModal

    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press(*"notat", "home", "ctrl+k")  # in the search field: delete to the end
        await pilot.pause()
        assert app.screen.query_one("#logs-search", Input).value == ""
        assert not isinstance(app.screen, PackModal)
        await pilot.press("down")
        await pilot.pause()
        await pilot.press("ctrl+k")  # the first row is this conversation, not yet saved
        await pilot.pause()
        assert not isinstance(app.screen, PackModal)
        assert any("lagret kan bli en pakke" in n.message for n in app._notifications)
        await pilot.press("down", "ctrl+k")
        await pilot.pause()
        assert isinstance(app.screen, PackModal)
        await pilot.press("enter")
        await pilot.pause()
        for _ in range(40):
            if not isinstance(app.screen, PackReviewModal):
                break
            await pilot.press("m")
            await pilot.pause()
        assert not isinstance(app.screen, PackReviewModal), app.screen.query_one(
            "#packreview-hit"
        ).render()
        assert [p.suffix for p in sorted((data_dir / "eksport").glob("kolleg*"))] == [
            ".html",
            ".md",
        ]


@pytest.mark.parametrize("screen_key", ["f12", "ctrl+o", "f9"])
async def test_every_key_of_a_screen_is_in_its_help(
    twenty: None, make_app: AppFactory, screen_key: str
) -> None:
    """At 60 columns the footer cannot show every key (Min praksis hides t and m): Ctrl+G on
    that screen lists them all, with the keys in force, and Esc goes back to it."""
    from tui.core.base.strings import t
    from tui.screens.info import HelpModal

    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press(screen_key)
        await pilot.pause()
        screen = app.screen
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, HelpModal)
        for key in screen.KEYS:  # type: ignore[attr-defined]
            assert (app.ctx.key(key.id), t(key.description)) in app.screen.rows, key.id
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_every_bar_is_drawn_to_scale_and_says_its_value(
    twenty: None, make_app: AppFactory
) -> None:
    """#22 item 4: read the bars back from the screen; each is its value's share of one axis
    from 0 (within one cell), and each value is written beside its name."""
    import re

    from tui.core.outputs.bars import length
    from tui.widgets.bars import BarChart

    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("f12")
        await pilot.pause()
        charts = list(app.screen.query(BarChart))
        assert len(charts) == 4
        for chart in charts:
            lines = str(chart.render()).splitlines()
            rows = [line for line in lines if "│" in line]
            assert len(rows) == len(chart.values)
            width = len(lines[len(rows)]) - lines[len(rows)].index("└") - 1  # the axis, in cells
            for row, value, label in zip(rows, chart.values, chart.labels, strict=True):
                head, drawn = row.split("│")
                assert head.rstrip().endswith(label)  # the value beside its name
                expected = value / chart.top * width
                assert abs(length(drawn) - expected) <= 1, (row, value, chart.top, width)
                shown = re.match(r"[0-9]+(,[0-9])?", label.replace(" %", ""))
                assert shown is not None  # a number as bokmål writes it, never «10.67»


async def test_the_table_at_80x24_scrolls_with_pgdn_and_wraps_its_questions(
    twenty: None, make_app: AppFactory
) -> None:
    """#22 item 6: PgDn did nothing until Tab, and «Å tenke over» was cut."""
    from textual.containers import VerticalScroll

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f12", "t")
        await pilot.pause()
        body = app.screen.query_one("#praksis-body", VerticalScroll)
        assert body.max_scroll_y > 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert body.scroll_y > 0
        table = app.screen.query_one(DataTable)
        questions = [str(table.get_row_at(i)[2]) for i in range(table.row_count)]
        longest = max(questions, key=len)
        assert len(longest) > 50
        region = table.region
        assert region.right <= 80
        assert table.row_count and any(table.rows[k].height > 1 for k in table.rows)
