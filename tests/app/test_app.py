"""Pilot tests: the real app driven with the keys a counsellor uses."""

from __future__ import annotations

import itertools

import pytest
from rich.style import Style
from textual import events
from textual.command import CommandList
from textual.widgets import OptionList, Static

from tests.support.fakes import FakeClock, RecordingClipboard
from tests.support.pilot import (
    AppFactory,
    burst,
    messages,
    notes_input,
    text_of,
    type_text,
    wait_until,
)
from tui.app import VeiviserApp
from tui.core.model.content import Content
from tui.screens.choice import ChannelModal, FinishModal
from tui.screens.copy import ManualCopyModal, PlaceholderModal
from tui.screens.info import ExplainModal, HelpModal
from tui.screens.main import MainScreen
from tui.screens.reflection import ReflectionScreen
from tui.widgets.footer import KeyFooter
from tui.widgets.guide import Guide
from tui.widgets.phase_bar import PhaseBar


async def test_full_chat_conversation(
    make_app: AppFactory, model: Content, clock: FakeClock
) -> None:
    clip = RecordingClipboard()
    app = make_app(clipboard=clip)
    async with app.run_test(size=(100, 32)) as pilot:
        assert isinstance(app.screen, MainScreen)
        assert app.focused is notes_input(app)  # notes focused from the start
        assert not app.conversation.session.started

        await pilot.press("f1")
        assert app.conversation.session.phase == "kontakt"
        clock.advance(30)
        await type_text(pilot, "ønsker å bytte studie, æøå")
        await pilot.press("enter")
        assert [n.text for n in app.conversation.session.notes] == ["ønsker å bytte studie, æøå"]
        assert notes_input(app).value == ""

        # Copy question 1 in two keystrokes.
        await pilot.press("ctrl+y", "1")
        assert clip.copied == [model.phase("kontakt").questions[0].chat]

        await pilot.press("f2")
        clock.advance(60)
        # Tag the next note with a knapp (Ctrl+T, then its number).
        await pilot.press("ctrl+t", "2")
        await type_text(pilot, "usikker på opptak")
        await pilot.press("enter")
        assert app.conversation.session.notes[-1].knapp == "muligheter-og-begrensninger"
        assert app.conversation.session.notes[-1].phase == "kontrakt"

        await pilot.press("f3")
        clock.advance(120)
        # Question 2 in Kommunikasjon has a placeholder: it is asked for before copying.
        await pilot.press("ctrl+y", "2")
        assert isinstance(app.screen, PlaceholderModal)
        await type_text(pilot, "mor")
        await pilot.press("enter")
        assert clip.copied[-1] == "Hva tror du mor tenker om dette?"
        assert isinstance(app.screen, MainScreen)
        assert app.focused is notes_input(app)

        # The conversation changes direction: back to Kontrakt renews the contract.
        await pilot.press("f2")
        assert app.conversation.session.renewals == 1
        assert "Kontrakten fornyes" in said(app)
        assert not any("Kontrakten" in m for m in messages(app))
        await pilot.press("f3")
        clock.advance(60)
        await pilot.press("f4")
        # A knapp prompt by its letter.
        await pilot.press("ctrl+y", "a")
        assert clip.copied[-1] == model.knapp_prompts("konklusjon")[0].prompt.chat

        # The palette finds a knapp by a few letters and shows it.
        await pilot.press("ctrl+p")
        await type_text(pilot, "tilpasning")
        commands = app.screen.query_one(CommandList)
        await wait_until(pilot, lambda: commands.option_count > 0)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExplainModal)
        assert app.screen.element.id == "tilpasning-og-motstand"
        await pilot.press("1")  # copy its first prompt from the explanation
        assert (
            clip.copied[-1]
            == model.knapp("tilpasning-og-motstand").prompts["kommunikasjon"][0].chat
        )
        assert isinstance(app.screen, MainScreen)

        # F10 asks first, then finishes and opens the reflection.
        await pilot.press("f10")
        assert isinstance(app.screen, FinishModal)
        await pilot.press("enter")
        assert isinstance(app.screen, ReflectionScreen)
        assert app.conversation.session.finished
        text = " ".join(text_of(w) for w in app.screen.query(Static))
        tagged = model.label("muligheter-og-begrensninger", app.ctx.plain_words)
        assert "fornyet kontrakt: 1" in text and tagged in text
        assert [c.prompt_id for c in app.conversation.session.copies] == [
            "kontakt.1",
            "kommunikasjon.2",
            "valg-og-tilfeldigheter.konklusjon.1",
            "tilpasning-og-motstand.kommunikasjon.1",
        ]


async def test_plain_letters_and_digits_always_type(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await type_text(pilot, "ctq 1 2 ab")
        assert notes_input(app).value == "ctq 1 2 ab"
        assert isinstance(app.screen, MainScreen) and not app.conversation.session.started


async def test_channel_is_asked_at_start_with_one_key(make_app: AppFactory, model: Content) -> None:
    app = make_app(channel=None)
    async with app.run_test(size=(100, 32)) as pilot:
        assert isinstance(app.screen, ChannelModal)
        await pilot.press("t")
        assert app.conversation.session.channel == "phone"
        assert isinstance(app.screen, MainScreen)
        guide_text = text_of(app.screen.query_one(Guide).section("questions"))
        assert model.phase("kontakt").questions[0].phone in guide_text  # phone wording
        assert "Telefon" in str(app.screen.query_one(PhaseBar).render())


async def test_escape_at_channel_question_quits(make_app: AppFactory) -> None:
    app = make_app(channel=None)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_code == 0


async def test_manual_copy_when_no_clipboard_works(make_app: AppFactory, model: Content) -> None:
    clip = RecordingClipboard(system=False, env={"TERM": "dumb"})
    app = make_app(clipboard=clip)
    async with app.run_test(size=(100, 32)) as pilot:
        await type_text(pilot, "halvferdig")
        await pilot.press("ctrl+y", "3")
        assert isinstance(app.screen, ManualCopyModal)
        area = app.screen.query_one("#manual-text")
        assert area.selected_text == model.phase("kontakt").questions[2].chat  # type: ignore[attr-defined]
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        assert notes_input(app).value == "halvferdig"  # nothing typed is lost


async def test_osc52_fallback_notifies(make_app: AppFactory, model: Content) -> None:
    clip = RecordingClipboard(system=False, env={"TERM": "xterm-256color"})
    app = make_app(clipboard=clip)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("ctrl+y", "1")
        assert app.clipboard == model.phase("kontakt").questions[0].chat  # sent as OSC 52
        assert any("OSC 52" in m for m in messages(app))


async def test_copy_key_without_target_does_nothing(make_app: AppFactory) -> None:
    clip = RecordingClipboard()
    app = make_app(clipboard=clip)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("ctrl+y", "z")
        assert clip.copied == [] and isinstance(app.screen, MainScreen)
        await pilot.press("ctrl+y", "escape")
        assert clip.copied == [] and isinstance(app.screen, MainScreen)
        assert app.focused is notes_input(app)


def said(app: VeiviserApp) -> str:
    """What the phase bar's status line says after a move."""
    from tui.widgets.phase_bar import PhaseBar

    return app.screen.query_one(PhaseBar).said


async def test_the_renewal_word_never_covers_the_notes_nor_slows_the_next_note(
    make_app: AppFactory,
) -> None:
    """#22 item 2: after F3→F2 a notice sat over the Notater pane for 3 s, and a note typed
    then was drawn 2 s after Enter."""
    from tui.widgets.notes_pane import NotesPane

    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("f1", "f3", "f2")
        assert "Kontrakten fornyes" in said(app)
        await type_text(pilot, "etter fornyelsen")
        await pilot.press("enter")
        await pilot.pause(0.1)
        pane = app.screen.query_one(NotesPane)
        on_screen = "".join(
            segment.text
            for line in app.screen._compositor.render_update(full=True).strips  # type: ignore[union-attr]
            for segment in line
        )
        assert "etter fornyelsen" in on_screen
        for toast in app.query("Toast"):  # any notice stays clear of the notes pane
            assert not toast.region.overlaps(pane.region)


async def test_refused_move_says_why(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("f1", "f1")
        assert "allerede i Kontakt" in said(app)
        await pilot.press("ctrl+b")
        assert "første fase" in said(app)
        await pilot.press("ctrl+n", "ctrl+n")
        assert app.conversation.session.phase == "kommunikasjon"
        await pilot.press("ctrl+b")
        assert app.conversation.session.phase == "kontrakt"
        await pilot.press("f5")
        assert "etter Konklusjon" in said(app)
        await pilot.press("f4", "f5")
        assert app.conversation.session.phase == "kontrakt" and app.conversation.session.rounds == 2


async def test_long_session_cue(make_app: AppFactory, model: Content, clock: FakeClock) -> None:
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("f1")
        bar = app.screen.query_one(PhaseBar)
        assert "runde av" not in str(bar.render())
        clock.advance(model.settings.long_session_minutes * 60 + 1)
        assert "runde av" in str(bar.render())
        await pilot.press("f4")
        assert "runde av" not in str(bar.render())


async def test_help_lists_every_key(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("ctrl+g")
        assert isinstance(app.screen, HelpModal)
        keys = [k for k, _ in app.screen.rows]
        for key in ("F1", "F2", "F3", "F4", "F5", "F10", "Ctrl+Y", "Ctrl+T", "Ctrl+P", "Ctrl+Q"):
            assert key in keys
        # Laptops put sound and light on F1-F12: the Fn tip and where the keymap goes are here.
        tip = text_of(app.screen.query_one("#help-tip", Static))
        assert "Fn" in tip and "keymap:" in tip and str(app.ctx.config_path) in tip
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_guide_follows_the_phase(make_app: AppFactory, model: Content) -> None:
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        guide = app.screen.query_one(Guide)
        for key, phase in zip(("f1", "f2", "f3", "f4"), model.phases, strict=True):
            await pilot.press(key)
            assert guide.shown == (phase.id, "chat", app.ctx.plain_words)
            text = text_of(app.screen.query_one(Guide).section("goal"))
            assert phase.goal in text


async def test_small_terminal_keeps_notes_usable(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        screen = app.screen
        assert screen.has_class("-narrow") and not screen.has_class("-too-small")
        guide, notes = screen.query_one("#guide").region, screen.query_one("#notes").region
        assert not guide.overlaps(notes)
        field = notes_input(app).region
        assert field.height >= 1 and screen.region.contains_region(field)
        await type_text(pilot, "smalt vindu")
        await pilot.press("enter")
        assert app.conversation.session.notes[-1].text == "smalt vindu"
        notes_list = screen.query_one("#note-list", OptionList)
        assert notes_list.region.height >= 2 and notes_list.option_count == 1


async def test_too_small_window_says_so_and_recovers(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await type_text(pilot, "behold")
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        assert app.screen.has_class("-too-small")
        message = app.screen.query_one("#too-small", Static)
        assert message.display and "for lite" in text_of(message)
        await pilot.resize_terminal(100, 32)
        await pilot.pause()
        assert not app.screen.has_class("-too-small")
        assert notes_input(app).value == "behold"
        # The field has the cursor again, at the end, with nothing selected: typing goes on.
        assert app.focused is notes_input(app)
        await type_text(pilot, " alt")
        assert notes_input(app).value == "behold alt"


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)])
async def test_a_notification_never_covers_the_note_being_typed(
    make_app: AppFactory, size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.press("f1", "f3", "f2")  # a contract renewal: a toast
        await pilot.press("ctrl+y", "1")  # a copy: another toast
        await type_text(pilot, "skriver videre")
        await pilot.pause(0.2)
        toasts = list(app.screen.query("Toast"))
        assert toasts, "expected the renewal and copy notifications"
        field = notes_input(app).region
        for toast in toasts:
            assert not toast.region.overlaps(field), (size, toast.region, field)
        assert notes_input(app).value == "skriver videre"


@pytest.mark.parametrize("size", [(60, 20), (100, 32), (120, 40)])
async def test_narrow_phase_bar_and_the_placeholder_say_what_they_mean(
    make_app: AppFactory, size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("f2")
        bar = str(app.screen.query_one(PhaseBar).render())
        assert "●" not in bar  # ● means "suggested Kolb stage" elsewhere
        field = notes_input(app)
        visible = field.placeholder[: field.content_region.width]
        assert "Enter lagrer" in visible, visible


@pytest.mark.parametrize("width", [50, 60, 64, 70, 79, 80, 100, 120])
async def test_footer_keys_never_run_together_nor_show_half_a_key(
    make_app: AppFactory, width: int
) -> None:
    app = make_app()
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        line = str(footer.render())
        assert len(line) <= width
        placed = footer.place(footer.size.width)
        palette = [p for p in placed if p.item.palette]
        assert palette and palette[0].end == footer.size.width, "Ctrl+P sits at the right edge"
        assert line.rstrip().endswith(palette[0].item.description)
        keys = [p for p in placed if not p.item.palette]
        assert keys, "the footer shows no keys at all"
        assert any(len(p.item.keys) > 1 for p in keys), "the phase keys' group is shown"
        for before, after in itertools.pairwise([*keys, palette[0]]):
            assert before.end <= after.start, (before, after)  # never overlapping
            shown = line[before.start : before.end]
            assert shown == "".join(text for text, _ in before.parts), "shown whole"
            # Never run together: a blank (or the palette's line) between one item's last
            # word and the next item's first.
            words_end = len(line[: before.end].rstrip())
            text = "".join(t for t, _ in after.parts)
            words_start = after.start + len(text) - len(text.lstrip(" ▏"))
            between = line[words_end:words_start]
            assert between and set(between) <= {" ", "▏"}, (width, line)
        # What is left out is left out whole, in order: the shown keys are the first ones.
        every = [i for i in footer.items() if not i.palette]
        assert [p.item for p in keys] == every[: len(keys)]


async def test_a_click_on_a_footer_key_presses_it(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        group = next(p for p in footer.place(footer.size.width) if len(p.item.keys) > 1)
        # The third key of the phase group (F3) is the group's leading blank plus two keys on.
        x = group.start + 1 + len(group.item.keys[0][1]) + len(group.item.keys[1][1])
        await pilot.click(KeyFooter, offset=(x, 0))
        await pilot.pause()
        assert app.ctx.conversation.session.phase == "kommunikasjon"


async def test_a_note_typed_then_a_phase_key_keeps_the_phase_it_was_written_in(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        # One burst, as a terminal delivers fast typing: every key queued before any is handled
        # (Pilot.press would wait for each key in turn, which hides the race).
        burst = [*"bygg til helse", "enter", "f3", *"neste", "enter"]
        for key in burst:
            name = {" ": "space"}.get(key, key)
            char = {"enter": "\r", "f3": None}.get(key, key)
            event = events.Key(name, char)
            event.set_sender(app)
            app._driver.send_message(event)  # type: ignore[union-attr]  # no wait in between
        await pilot.pause(0.5)
        notes = app.conversation.session.notes
        assert [(n.text, n.phase) for n in notes] == [
            ("bygg til helse", "kontakt"),
            ("neste", "kommunikasjon"),
        ]


async def test_keys_typed_straight_after_opening_a_picker_go_to_the_picker_then_back(
    make_app: AppFactory,
) -> None:
    """Ctrl+T 2 picks a knapp and Ctrl+Y 3 copies a question even when the next keys come
    before the picker is drawn; what is typed after them lands in the note, whole."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        second = app.ctx.model.knapper[1].id
        burst(app, ["ctrl+t", "2", *"etter tag", "enter", "ctrl+y", "3", *"etter kopi", "enter"])
        await pilot.pause(1.0)
        notes = app.conversation.session.notes
        assert [(n.text, n.knapp) for n in notes] == [("etter tag", second), ("etter kopi", None)]
        assert [c.prompt_id for c in app.conversation.session.copies] == ["kontakt.3"]
        burst(app, ["ctrl+t", "escape", *"avbrutt", "enter"])
        await pilot.pause(1.0)
        assert notes[-1].text == "avbrutt" and isinstance(app.screen, MainScreen)


async def test_a_burst_with_the_palette_key_keeps_its_order(make_app: AppFactory) -> None:
    """#21 item 3: right after F1, text, Enter, Ctrl+P in one burst (laggy RDP or ssh): the
    note is saved whole, the palette opens after it, and the keys after Ctrl+P go to the
    palette's search; nothing is copied, nothing is toggled."""
    from textual.command import CommandPalette

    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        plain = app.ctx.plain_words
        burst(app, ["f1", *"før paletten", "enter", "ctrl+p", *"fag"])
        await wait_until(pilot, lambda: CommandPalette.is_open(app))
        await pilot.pause(0.3)
        assert [n.text for n in app.conversation.session.notes] == ["før paletten"]
        search = app.screen.query_one("CommandInput")
        assert search.value == "fag"  # type: ignore[attr-defined]
        assert app.ctx.plain_words == plain and app.conversation.session.copies == []


async def test_a_burst_ending_in_quit_saves_every_key_typed_before_it(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("f1")
        burst(app, [*"siste ord", "ctrl+q"])
        await wait_until(pilot, lambda: not app.is_running)
    loaded = app.conversation.store.load(app.conversation.session_id)
    assert loaded.drafts.get("note") == "siste ord"


async def test_hovering_a_footer_key_highlights_it_and_gives_its_tooltip(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        palette = next(p for p in footer.place(footer.size.width) if p.item.palette)
        await pilot.hover(KeyFooter, offset=(palette.start + 3, 0))
        await pilot.pause()
        assert footer.tooltip == palette.item.tooltip and footer.tooltip
        hover = footer.get_component_rich_style("key-footer--hover", partial=True).bgcolor
        assert hover is not None

        def lit(x: int) -> bool:
            """Whether the cell at ``x`` has the hover background."""
            spans = [s for s in footer.render().spans if s.start <= x < s.end]
            return any(isinstance(s.style, Style) and s.style.bgcolor == hover for s in spans)

        first = next(p for p in footer.place(footer.size.width) if not p.item.palette)
        assert lit(palette.start + 2) and not lit(first.start + 1)
        await pilot.hover(KeyFooter, offset=(first.start + 1, 0))
        await pilot.pause()
        assert lit(first.start + 1) and not lit(palette.start + 2)  # the highlight moved
        assert footer.tooltip == (first.item.tooltip or None)
