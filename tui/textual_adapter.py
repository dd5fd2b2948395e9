"""The only place Veiviser uses Textual's private API; ``tests/app/test_textual_adapter.py``
fails when Textual changes any of it.

- Bindings are class attributes that Textual merges when the class is made, before the language
  is known: :func:`translate_bindings` replaces a node's merged bindings with translated ones.
- Setting ``App.theme`` re-parses every stylesheet and restyles every widget; before the first
  frame :func:`preset_theme` sets it without that, so the CSS is parsed once, in the theme.
- A screen from ``App.get_default_screen`` was never pushed, so it has no result callback, and
  ``switch_screen`` fails popping one: :func:`switch_bottom_screen` gives it an empty one first.
- Textual prints its crash report (local variables, note text among them) through
  ``_exit_renderables``: :func:`replace_crash_report` puts Veiviser's own line there instead.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from rich.text import Text
from textual.app import App
from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode
from textual.screen import Screen

from tui.core.base.strings import translate


def translate_bindings(node: DOMNode, priority_ids: frozenset[str] = frozenset()) -> None:
    """Give ``node``'s bindings descriptions, tooltips and groups in the active language, and
    make the bindings in ``priority_ids`` priority bindings."""
    groups: dict[int, Binding.Group] = {}

    def one(binding: Binding) -> Binding:
        group = binding.group
        if group is not None:
            if id(group) not in groups:
                groups[id(group)] = Binding.Group(
                    translate(group.description) or "", compact=group.compact
                )
            group = groups[id(group)]
        return replace(
            binding,
            description=translate(binding.description) or "",
            tooltip=translate(binding.tooltip) or "",
            group=group,
            priority=binding.priority or binding.id in priority_ids,
        )

    keys = {
        key: [one(b) for b in bindings] for key, bindings in node._bindings.key_to_bindings.items()
    }
    node._bindings = BindingsMap.from_keys(keys)


def crash_error(app: App[Any]) -> BaseException | None:
    """The exception that is ending the app (Textual keeps it privately)."""
    return app._exception


def replace_crash_report(app: App[Any], message: str) -> None:
    """Print ``message`` instead of Textual's crash report, and close the app."""
    app._exit_renderables.append(Text(message, no_wrap=True, overflow="ignore"))
    app._close_messages_no_wait()


def preset_theme(app: App[Any], name: str) -> None:
    """Choose a registered theme before the app runs, as ``App.theme`` would, without queuing
    a second parse of the whole stylesheet."""
    theme = app.get_theme(name)
    if theme is None:
        raise ValueError(f"theme {name!r} is not registered")
    app.set_reactive(App.theme, name)
    app.update_classes(
        {
            **{c: False for c in app.classes if c.startswith("-theme-")},
            f"-theme-{name}": True,
            "-dark-mode": theme.dark,
            "-light-mode": not theme.dark,
        },
        update=False,
    )
    app._refresh_truecolor_filter(app.ansi_theme)
    app.stylesheet.set_variables(app.get_css_variables())  # made in App.__init__, not yet parsed


def switch_bottom_screen(app: App[Any], screen: Screen[Any]) -> None:
    """Replace the only screen on the stack with ``screen`` (the app opened on a conversation
    and a new one starts): Textual's ``switch_screen`` pops the old screen's result callback,
    which a default screen never got."""
    bottom = app.screen_stack[0]
    if not bottom._result_callbacks:
        bottom._push_result_callback(app, None)
    app.switch_screen(screen)


def palette(placeholder: str, no_matches: str) -> Screen[Any]:
    """Textual's command palette in the app's language: its search placeholder, and the «No
    matches found» line (written in a private method, copied here with the words changed)."""
    from rich.align import Align
    from textual.command import CommandList, CommandPalette
    from textual.widgets.option_list import Option

    class Palette(CommandPalette):
        def _start_no_matches_countdown(self, search_value: str) -> None:
            self._stop_no_matches_countdown()

            def _show_no_matches() -> None:
                if search_value:
                    line = Align.center(Text(no_matches, style="not bold"))
                    option = Option(line, disabled=True, id=self._NO_MATCHES)
                    self.query_one(CommandList).add_option(option)
                    self._list_visible = True
                else:
                    self._list_visible = False

            self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, _show_no_matches)

    return Palette(placeholder=placeholder, id="--command-palette")
