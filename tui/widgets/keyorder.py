"""Keys acted on in the order they were typed, by the widget whose queue holds them.

Textual runs a non-priority binding only once its key has bubbled up to the app, and moves the
focus with ``focus()`` on its next turn; meanwhile the keys typed after it (a burst from a laggy
remote desktop or a shared screen) are taken by the widget that still holds them. The fields and
lists that take text or marks in a burst use these to keep every key where it was meant to go.
"""

from __future__ import annotations

from textual import events
from textual.widget import Widget


def taken(event: events.Key) -> None:
    """The key is dealt with here: not by this widget's own handling, not bubbled further."""
    event.stop()
    event.prevent_default()


async def run_screen_key(widget: Widget, event: events.Key) -> bool:
    """A key the widget's screen binds (Ctrl+N, F10 …): run its action now, in the widget's key
    order. False when the screen does not bind it (the widget's own key, or a letter)."""
    screen = widget.screen
    active = screen.active_bindings.get(event.key)
    if active is None or active.node is not screen or not active.enabled:
        return False
    taken(event)
    await widget.app.run_action(active.binding.action, screen)
    return True


def hand_on(event: events.Key, target: Widget) -> None:
    """A key still queued here after the focus (or the screen) moved on: to ``target``, as typed."""
    taken(event)
    target.post_message(events.Key(event.key, event.character))
