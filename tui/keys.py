"""Every key binding, as data: one id each, so a keymap can move it and help can show it.

Textual-free, so that the command line checks a keymap's ids without importing any screen.
Screens turn these into Textual bindings with :func:`tui.bindings.bindings`. Descriptions are
UI-string ids (``content/<lang>/ui.yaml``).

Keys that pick from what the content offers (the digit or letter after ``Ctrl+Y`` or
``Ctrl+T``, ``1``–``9`` in an explanation) are not bindings: they follow the content, and the
modal that asks for them says which are possible.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from tui.core.model.content import PHASE_IDS


@dataclass(frozen=True)
class Key:
    """One binding: the default key(s), the action, its description id and its own id."""

    keys: str
    action: str
    description: str
    id: str
    show: bool = True
    priority: bool = False
    group: str | None = None
    tooltip: bool = False


APP: tuple[Key, ...] = (
    Key("ctrl+q", "quit", "key.quit", "quit", show=False, priority=True),
    Key("ctrl+p", "command_palette", "key.palette", "palette", show=False, priority=True),
    *(
        ()
        if sys.platform == "win32"  # Windows has no job control: Ctrl+Z would do nothing there
        else (Key("ctrl+z", "suspend", "key.suspend", "suspend", show=False),)
    ),
)

# Not priority bindings: a key then reaches the note field after the keys typed before it, so
# "note, Enter, F10" saves the note before the conversation ends, however fast it is typed.
# None of these keys is one the note field (Textual's Input) uses; a keymap that moves one onto
# such a key makes it a priority binding (MainScreen), so it still beats the field.
MAIN: tuple[Key, ...] = (
    *(
        Key(
            f"f{n}",
            f"phase('{phase}')",
            f"key.{phase}",
            f"phase.{phase}",
            group="key.phases",
            tooltip=True,
        )
        for n, phase in enumerate(PHASE_IDS, start=1)
    ),
    Key("ctrl+g", "help", "key.help", "help", tooltip=True),  # first: always in the footer
    Key("ctrl+y", "copy", "key.copy", "copy", tooltip=True),
    Key("f10", "finish", "key.finish", "finish", tooltip=True),
    Key("ctrl+t", "tag", "key.tag", "tag", tooltip=True),
    Key("ctrl+f", "pin", "key.pin", "pin", tooltip=True),
    Key("f5", "new_round", "key.new_round", "new-round", show=False),
    Key("ctrl+n", "next", "key.next", "next", show=False),
    Key("ctrl+b", "back", "key.back", "back", show=False),
    Key("f9", "logs", "key.logs", "logs", show=False),
    Key("f12", "practice", "key.praksis", "praksis", show=False),
    Key("ctrl+r", "dismiss_nudge", "key.dismiss_nudge", "nudge.dismiss", show=False),
    Key("f6", "explain('phase')", "key.explain_phase", "explain.phase", show=False),
    Key("f7", "explain('kolb')", "key.explain_kolb", "explain.kolb", show=False),
    Key("f8", "explain('knapp')", "key.explain_knapp", "explain.knapp", show=False),
    Key("ctrl+o", "overview", "key.overview", "overview", tooltip=True),
    Key("ctrl+l", "plain", "key.plain", "plain-words", show=False),
    Key("pageup", "scroll_guide(-1)", "key.scroll_up", "guide.up", show=False),
    Key("pagedown", "scroll_guide(1)", "key.scroll_down", "guide.down", show=False),
)

HELP_KEY = Key("ctrl+g", "help", "key.help", "help", show=False)
"""Ctrl+G on every full screen: the keys of that screen (the main screen shows it first)."""

REFLECTION: tuple[Key, ...] = (
    # Not a priority binding: F10 then reaches the answer field after the keys typed before it,
    # so a fast typist's last words are in the log (a priority binding would jump the queue).
    Key("f10,ctrl+s", "save", "refl.save", "refl.save"),
    Key("escape", "back", "refl.back", "refl.back"),
    HELP_KEY,
)

LOGS: tuple[Key, ...] = (
    Key("escape", "app.pop_screen", "logs.back", "logs.back"),
    Key("enter", "open", "logs.open", "logs.open", priority=True),
    Key("down", "focus_table", "logs.to_list", "logs.table", show=False),
    Key("ctrl+e", "export", "logs.export", "logs.export"),
    Key("ctrl+k", "pack", "logs.pack", "logs.pack"),
    HELP_KEY,
)

LOG_VIEW: tuple[Key, ...] = (
    Key("escape", "app.pop_screen", "logs.back", "logview.back"),
    Key("ctrl+e", "export", "logs.export", "logview.export"),
    Key("ctrl+k", "pack", "logs.pack", "logview.pack"),
    HELP_KEY,
)

PACK: tuple[Key, ...] = (
    Key("ctrl+s", "make", "pack.make", "pack.make"),
    Key("escape", "close", "modal.cancel", "pack.cancel"),
)

PACK_REVIEW: tuple[Key, ...] = (
    Key("m", "decide('mask')", "packreview.mask", "packreview.mask"),
    Key("r", "begin('edit')", "packreview.edit", "packreview.edit"),
    Key("b", "begin('keep')", "packreview.keep", "packreview.keep"),
    Key("escape", "cancel", "packreview.cancel", "packreview.cancel"),
)
"""The pack review: letters act only while its text field is hidden."""

PRACTICE: tuple[Key, ...] = (
    Key("escape", "app.pop_screen", "praksis.key.back", "praksis.back"),
    Key("p", "period", "praksis.key.period", "praksis.period"),
    Key("k", "channel", "praksis.key.channel", "praksis.channel"),
    Key("t", "view", "praksis.key.view", "praksis.view"),
    Key("m", "measure", "praksis.key.measure", "praksis.measure"),
    Key("pagedown", "scroll(1)", "praksis.key.down", "praksis.down", show=False),
    Key("pageup", "scroll(-1)", "praksis.key.up", "praksis.up", show=False),
    HELP_KEY,
)

OVERVIEW: tuple[Key, ...] = (
    Key("escape,ctrl+o", "app.pop_screen", "overview.back", "overview.back"),
    Key("pagedown,down", "scroll_legend(1)", "overview.more", "overview.more"),
    Key("pageup,up", "scroll_legend(-1)", "overview.less", "overview.less", show=False),
    HELP_KEY,
)

VERKSTED: tuple[Key, ...] = (
    # No letters: the group's answers are typed on this screen. Ctrl keys the text fields leave.
    Key("ctrl+n", "case(1)", "verksted.key.next", "verksted.next"),
    Key("ctrl+b", "case(-1)", "verksted.key.previous", "verksted.previous"),
    Key("ctrl+r", "reveal", "verksted.key.reveal", "verksted.reveal"),
    Key("ctrl+t", "clock", "verksted.key.clock", "verksted.clock"),
    Key("f10,ctrl+s", "save", "verksted.key.save", "verksted.save"),
    Key("escape", "leave", "verksted.key.back", "verksted.back"),
    HELP_KEY,
)
"""The knappeverksted: a presenter's keys beside the group's two text fields."""

CHAT: tuple[Key, ...] = (
    *(
        Key(f"f{n}", f"phase('{phase}')", f"key.{phase}", f"chat.{phase}", group="key.phases")
        for n, phase in enumerate(PHASE_IDS, start=1)
    ),
    Key("enter", "accept", "chat.key.accept", "chat.accept"),
    # Tomm's types by their place in content.KINDS: lineær, sirkulær, strategisk, refleksiv.
    Key("l", "kind(0)", "chat.key.kind", "chat.type-linear"),
    Key("s", "kind(1)", "chat.key.kind", "chat.type-circular", show=False),
    Key("t", "kind(2)", "chat.key.kind", "chat.type-strategic", show=False),
    Key("r", "kind(3)", "chat.key.kind", "chat.type-reflexive", show=False),
    Key("x", "kind(-1)", "chat.key.clear", "chat.clear", show=False),
    Key("ctrl+t", "tag", "chat.key.tag", "chat.tag"),
    Key("h", "her", "chat.key.her", "chat.her"),
    Key("f10,ctrl+s", "save", "chat.key.save", "chat.save"),
    Key("ctrl+k", "pack", "logs.pack", "chat.pack"),
    Key("escape", "leave", "chat.key.back", "chat.back"),
    HELP_KEY,
)
"""Looking back at a chat: no text field on the screen, so letters set the question type."""

PASTE: tuple[Key, ...] = (
    Key("ctrl+s", "done", "chat.key.save", "paste.done"),
    Key("escape", "close", "modal.cancel", "paste.cancel"),
)

FINISH: tuple[Key, ...] = (
    Key("enter", "answer('whole')", "finish.key.whole", "finish.whole"),
    Key("s", "answer('stille')", "finish.key.quiet", "finish.quiet"),
    Key("k", "answer('kort')", "finish.key.quick", "finish.quick"),
    Key("h", "answer('henvist')", "finish.key.referred", "finish.referred"),
    Key("escape", "answer(None)", "finish.key.back", "finish.back"),
)

CONFIRM: tuple[Key, ...] = (
    Key("enter", "answer(True)", "modal.yes", "confirm.yes"),
    Key("escape", "answer(False)", "modal.no", "confirm.no"),
)

CHANNEL: tuple[Key, ...] = (
    Key("c", "choose('chat')", "channel.chat", "channel.chat"),
    Key("t", "choose('phone')", "channel.phone", "channel.phone"),
    Key("escape", "choose(None)", "key.quit", "channel.quit"),
)

RESUME: tuple[Key, ...] = (
    Key("f", "choose('continue')", "resume.continue", "resume.continue"),
    Key("r", "choose('reflect')", "resume.reflect", "resume.reflect"),
    Key("x", "choose('discard')", "resume.discard", "resume.discard"),
)

REVIEW: tuple[Key, ...] = (
    Key("m", "decide('mask')", "review.mask", "review.mask"),
    Key("b", "decide('keep')", "review.keep", "review.keep"),
    Key("escape", "cancel", "modal.back", "review.cancel"),
)

SAVED: tuple[Key, ...] = (
    Key("n", "choose('new')", "saved.new", "saved.new"),
    Key("l", "choose('logs')", "saved.logs", "saved.logs"),
    Key("escape", "choose(None)", "modal.back", "saved.back"),
)

CLOSE: tuple[Key, ...] = (Key("escape", "close", "modal.back", "modal.close"),)
"""Esc in the help, the copy-by-hand and the placeholder modals."""

HELP: tuple[Key, ...] = (
    Key("escape", "close", "modal.back", "help.close"),
    Key("o", "about", "help.about", "help.about"),
)
"""The help: Esc goes back, O opens «Om modellen»."""

PICK: tuple[Key, ...] = (Key("escape", "close", "modal.cancel", "pick.cancel"),)
"""Esc in the modals that take a content key next (copy, tag)."""

EXPLAIN: tuple[Key, ...] = (
    Key("right,down,tab", "move(1)", "explain.next", "explain.next"),
    Key("left,up,shift+tab", "move(-1)", "explain.prev", "explain.prev"),
    Key("escape", "close", "modal.back", "explain.close"),
)

ALL: tuple[tuple[Key, ...], ...] = (
    APP, MAIN, REFLECTION, LOGS, LOG_VIEW, PACK, PACK_REVIEW, OVERVIEW, PRACTICE, VERKSTED,
    CHAT, PASTE, FINISH, CONFIRM, CHANNEL, RESUME, REVIEW, SAVED, CLOSE, HELP, PICK, EXPLAIN,
)  # fmt: skip


def all_ids() -> set[str]:
    """Every binding id a keymap in the config may name."""
    return {key.id for group in ALL for key in group}


INPUT_KEYS = frozenset({
    "ctrl+a", "ctrl+c", "ctrl+d", "ctrl+e", "ctrl+k", "ctrl+u", "ctrl+v", "ctrl+w", "ctrl+x",
    "home", "end", "left", "right", "delete", "backspace", "enter",
})  # fmt: skip
"""Keys the note field uses itself (Textual's Input); a binding moved onto one needs priority."""


def letter_ids() -> frozenset[str]:
    """Ids a keymap may give a plain letter: answers in modals that have no text field, and
    never an id that is also live where one has the focus (``help`` is Ctrl+G over the note
    field too: a letter there would stop typing that letter)."""
    groups = (FINISH, CONFIRM, CHANNEL, RESUME, REVIEW, PACK_REVIEW, SAVED, PRACTICE, CHAT)
    answers = {k.id for group in groups for k in group}
    elsewhere = {k.id for group in ALL if group not in groups for k in group}
    return frozenset(answers - elsewhere)


def screen_groups() -> tuple[dict[str, str], ...]:
    """For each screen, the ids live on it (the app's own included) with their default keys: a
    keymap may not give one key to two of them."""
    app = {k.id: k.keys for k in APP}
    return tuple({**app, **{k.id: k.keys for k in group}} for group in ALL if group is not APP)


def default_key(binding_id: str) -> str | None:
    """The default key of a binding id (the first, where there are several)."""
    for group in ALL:
        for key in group:
            if key.id == binding_id:
                return key.keys.split(",")[0]
    return None


def display(key: str) -> str:
    """A Textual key name as counsellors read it: ``F1``, ``Ctrl+Y``, ``PgUp``."""
    names = {
        "pageup": "PgUp", "pagedown": "PgDn", "escape": "Esc", "enter": "Enter", "tab": "Tab",
        "left": "←", "right": "→", "up": "↑", "down": "↓", "space": "Space",
    }  # fmt: skip
    parts = key.split(",")[0].split("+")
    if len(parts) == 1 and len(parts[0]) == 1:
        return parts[0]  # a letter is shown as it is typed: c, t, m
    return "+".join(names.get(p, p.upper() if len(p) <= 3 else p.capitalize()) for p in parts)
