"""Issue 4 in the app: explanations, plain words, the overview, themes, English, keymaps."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from textual.widgets import Static

from tests.support.fakes import RecordingClipboard
from tests.support.pilot import AppFactory, text_of, type_text
from tui.core.base.paths import builtin_content_dir
from tui.core.model.config import Config, load_config
from tui.core.model.content import Content
from tui.core.model.loader import load_content
from tui.core.model.yamlreader import ContentError
from tui.screens.info import ExplainModal, HelpModal
from tui.screens.main import MainScreen
from tui.screens.overview import OverviewScreen, Rings
from tui.widgets.guide import Guide
from tui.widgets.phase_bar import PhaseBar


async def test_explanation_of_the_matched_stage_in_one_key(
    make_app: AppFactory, model: Content
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("f3")
        await type_text(pilot, "halvveis")
        await pilot.press("f7")
        assert isinstance(app.screen, ExplainModal)
        matched = model.phase("kommunikasjon").kolb
        assert app.screen.element.id == matched[0]
        body = text_of(app.screen.query_one("#explain-body"))
        stage = model.stage(matched[0])
        for part in (
            stage.explain.short,
            stage.explain.long,
            stage.explain.example,
            stage.explain.when,
        ):
            assert part in body
        await pilot.press("f7")  # the same key again: the next matched stage
        assert app.screen.element.id == matched[1]
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        assert app.focused is app.screen.query_one("#note-input")
        assert app.focused.value == "halvveis"  # type: ignore[attr-defined]


async def test_explanations_of_phase_and_knapp(make_app: AppFactory, model: Content) -> None:
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("f2", "f6")
        assert app.screen.element.id == "kontrakt"  # type: ignore[attr-defined]
        assert model.phase("kontrakt").explain.example in text_of(
            app.screen.query_one("#explain-body")
        )
        await pilot.press("right")
        assert app.screen.element.id == "kommunikasjon"  # type: ignore[attr-defined]
        await pilot.press("escape", "f8")
        suggested = model.knapp_prompts("kontrakt")[0].knapp
        assert app.screen.element.id == suggested  # type: ignore[attr-defined]
        await pilot.press("1")  # copies the knapp's first prompt
        assert isinstance(app.screen, MainScreen)
        assert app.conversation.session.copies[-1].prompt_id.startswith(f"{suggested}.")


async def test_plain_words_toggle_is_remembered(
    make_app: AppFactory, model: Content, data_dir: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("f3")
        kolb = text_of(app.screen.query_one(Guide).section("kolb"))
        stage = model.stage("refleksjon")
        assert kolb.index(stage.plain) < kolb.index(stage.theory)  # plain first, theory dim
        await pilot.press("ctrl+l")
        kolb = text_of(app.screen.query_one(Guide).section("kolb"))
        assert kolb.index(stage.theory) < kolb.index(stage.plain)
        assert not app.ctx.plain_words
    config_path = data_dir.parent / "config.yaml"
    assert load_config(config_path).plain_words is False
    again = make_app(config=load_config(config_path))
    async with again.run_test(size=(100, 32)):
        assert not again.ctx.plain_words


async def test_overview_highlights_where_the_conversation_stands(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("f3", "ctrl+t", "3")
        await type_text(pilot, "merket")
        await pilot.press("enter", "ctrl+o")
        assert isinstance(app.screen, OverviewScreen)
        rings = app.screen.query_one(Rings)
        phases, stages, knapper = rings.lit
        assert phases == {"kommunikasjon"}
        assert stages == set(app.ctx.model.phase("kommunikasjon").kolb)
        assert knapper == {"valg-og-tilfeldigheter"}
        drawn = str(rings.render())
        assert "▶ KOMMUNIKASJON" in drawn and "█" in drawn and "░" in drawn
        for size in ((60, 20), (80, 24), (160, 50)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert str(rings.render()).count("\n") == rings.size.height - 1
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_english(make_app: AppFactory) -> None:
    english = load_content(builtin_content_dir(), "en")
    app = make_app(content=english)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Contact" in str(app.screen.query_one(PhaseBar).render())
        await pilot.press("f1", "ctrl+g")
        assert isinstance(app.screen, HelpModal)
        assert ("F6", "Explain the phase") in app.screen.rows


async def test_a_remapped_key(make_app: AppFactory) -> None:
    app = make_app(config=Config(keymap={"help": "f12", "explain.kolb": "ctrl+e"}))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("ctrl+g")
        assert isinstance(app.screen, MainScreen)  # the old key no longer opens help
        await pilot.press("f12")
        assert isinstance(app.screen, HelpModal)
        assert (
            "F12",
            app.screen.rows[[r[0] for r in app.screen.rows].index("F12")][1],
        ) in app.screen.rows
        assert ("Ctrl+E", "Forklar læringstrinnet") in app.screen.rows
        await pilot.press("escape", "ctrl+e")
        assert isinstance(app.screen, ExplainModal)


def test_bad_keymap_is_located(tmp_path: Path) -> None:
    from tui.keys import all_ids as all_binding_ids

    path = tmp_path / "config.yaml"
    path.write_text("keymap:\n  help: f12\n  hjelp: f11\n  finish: 'ctrl+'\n", encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_config(path, all_binding_ids())
    found = [str(p) for p in info.value.problems]
    assert any(p.startswith(f"{path}:3: keymap: ukjent handling «hjelp»") for p in found), found
    assert yaml.safe_load(path.read_text())["keymap"]["help"] == "f12"


def test_every_screen_binding_is_in_the_key_registry() -> None:
    """The CLI checks a keymap against tui.keys without importing screens: they must agree."""
    from textual.binding import Binding

    from tui.app import VeiviserApp
    from tui.keys import all_ids
    from tui.screens.chat import ChatScreen, HerModal, PasteModal, WhoModal
    from tui.screens.choice import ChannelModal, ConfirmModal, FinishModal, ResumeModal, TagModal
    from tui.screens.copy import CopyKeyModal, ManualCopyModal, PlaceholderModal
    from tui.screens.info import ExplainModal, HelpModal
    from tui.screens.logs import LogsScreen, LogViewScreen
    from tui.screens.main import MainScreen
    from tui.screens.overview import OverviewScreen
    from tui.screens.pack import PackModal, PackReviewModal
    from tui.screens.practice import PracticeScreen
    from tui.screens.reflection import ReflectionScreen
    from tui.screens.review import PrivacyReviewModal, SavedModal
    from tui.screens.verksted import VerkstedScreen

    seen: set[str] = set()
    for node in (VeiviserApp, MainScreen, ReflectionScreen, LogsScreen, LogViewScreen,
                 OverviewScreen, PracticeScreen, PackModal, ChannelModal, ConfirmModal, FinishModal,
                 ResumeModal, TagModal,
                 CopyKeyModal, ManualCopyModal, PlaceholderModal, ExplainModal, HelpModal,
                 PrivacyReviewModal, PackReviewModal, SavedModal, VerkstedScreen, ChatScreen,
                 HerModal, PasteModal, WhoModal):  # fmt: skip
        for binding in node.BINDINGS:
            assert isinstance(binding, Binding) and binding.id, (node, binding)
            seen.add(binding.id)
    assert seen == all_ids()


async def test_no_color_keeps_every_marker(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.filter import Monochrome

    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        assert any(isinstance(f, Monochrome) for f in app._filters)
        await pilot.press("f3")
        assert "▶ F3 KOMMUNIKASJON" in str(app.screen.query_one(PhaseBar).render())
        kolb = text_of(app.screen.query_one(Guide).section("kolb"))
        assert "●" in kolb and "○" in kolb  # matched and not matched, told apart without colour


async def test_theme_from_the_palette_is_remembered(make_app: AppFactory, data_dir: Path) -> None:
    app = make_app(theme="veiviser-kontrast")
    async with app.run_test(size=(100, 32)):
        assert app.theme == "veiviser-kontrast"
        assert app.theme_variables["element-kontakt"] == "#66ccff"
        app.use_theme("veiviser-lys")
        assert app.theme == "veiviser-lys"
    assert load_config(data_dir.parent / "config.yaml").theme == "veiviser-lys"


async def test_the_guide_says_which_keys_explain_and_follows_the_keymap(
    make_app: AppFactory,
) -> None:
    app = make_app(config=Config(keymap={"explain.kolb": "ctrl+e"}))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1")
        guide = " ".join(text_of(s) for s in app.screen.query_one(Guide).query(Static))
        assert "F6 forklarer (også spørsmålstyper og situasjoner)" in guide
        assert "● foreslått for fasen · Ctrl+E forklarer" in guide
        assert "F8 forklarer" in guide
        await pilot.press("ctrl+e")
        assert isinstance(app.screen, ExplainModal)


async def test_the_overview_legend_says_when_it_scrolls_and_pgdn_scrolls_it(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.pause()
        legend = app.screen.query_one("#legend")
        assert legend.has_class("-scrolls")
        assert "PgDn" in str(legend.border_subtitle)
        for _ in range(6):
            await pilot.press("pagedown")
        await pilot.pause()
        await pilot.pause()
        assert legend.scroll_y == legend.max_scroll_y > 0
        assert not legend.border_subtitle
    wide = make_app()
    async with wide.run_test(size=(140, 44)) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.pause()
        assert not wide.screen.query_one("#legend").border_subtitle


async def test_f6_goes_on_to_the_question_types_and_a_situation_line_is_copied(
    make_app: AppFactory, model: Content
) -> None:
    clip = RecordingClipboard()
    app = make_app(clipboard=clip)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3", "f6")
        modal = app.screen
        assert isinstance(modal, ExplainModal)
        for _ in range(len(model.phases)):
            await pilot.press("right")
        assert modal.element.id == "lineær"  # after the phases: Tomm's types
        body = text_of(modal.query_one("#explain-body", Static))
        assert "Modellen nevner denne" in body
        await pilot.press("right", "right")
        assert "Veivisers tillegg" in text_of(
            modal.query_one("#explain-body", Static)
        )  # strategisk
        while modal.element.id != "stille-chat":
            await pilot.press("right")
        await pilot.press("1")
        await pilot.pause()
        quiet = next(s for s in model.situations if s.id == "stille-chat")
        assert clip.copied == [quiet.questions[0].chat]
        assert app.conversation.session.copies[-1].prompt_id == "situasjon.stille-chat.1"


async def test_om_modellen_from_the_palette_and_the_help(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("ctrl+g")
        assert isinstance(app.screen, HelpModal)
        await pilot.press("o")
        await pilot.pause()
        body = text_of(app.screen.query_one("#about-body", Static))
        assert "UddannelsesGuiden" in body and "Bakke" in body
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HelpModal)  # back where it was opened


@pytest.mark.parametrize("size", [(120, 30), (80, 24), (60, 20)])
async def test_the_inner_rings_show_whole_names_or_their_tag(
    make_app: AppFactory, size: tuple[int, int]
) -> None:
    """#22 item 3: «Meg i…», «Tilpa…», two «Hva…» at 60×20, and theory names under plain
    words. Each sector now shows its whole name in the words chosen, or its legend tag."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("f3", "ctrl+o")
        await pilot.pause()
        picture = str(app.screen.query_one(Rings).render())
        legend = str(app.screen.query_one("#legend Static").render())  # type: ignore[attr-defined]
        model = app.ctx.model
        assert "…" not in picture
        for knapp in model.knapper:
            assert knapp.name not in picture or knapp.name == knapp.plain  # no theory names
        for n in range(1, 6):
            assert f" {n} " in legend  # every knapp has its tag in the legend
