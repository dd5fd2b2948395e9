"""What the app asks before a conversation: old conversations past retention, then an unfinished
one, then the channel of a new one. The app's own start-up (:class:`tui.app.app.VeiviserApp`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from textual.app import App
from textual.screen import Screen

from tui.context import Context
from tui.core.archive.store import StoreError
from tui.core.base.strings import t, tn
from tui.core.model.config import Config
from tui.core.model.content import Channel
from tui.messages import FinishRequested
from tui.screens.main import MainScreen
from tui.textual_adapter import switch_bottom_screen


class Startup:
    """Old conversations past retention, then an unfinished one, then a new one."""

    def __init__(self, app: App[Any], ctx: Context, config: Config, channel: Channel | None):
        self.app = app
        self.ctx = ctx
        self.config = config
        self.channel = channel
        self.started = False
        self.main: MainScreen | None = None
        """The running conversation's screen, once there is one (navigation returns to it)."""

    def first_screen(self) -> Screen[Any] | None:
        """The main screen at once, when nothing has to be asked first: no conversations past
        retention, no unfinished one, and the channel given (``--channel``). The app then opens
        on it: no blank first frame, no screen pushed after. None: :meth:`run` asks, on mount.
        """
        if self.channel is None:
            return None
        store = self.ctx.conversation.store
        try:
            store.verify()
            if self._past_retention():
                return None
            store.drop_empty()
            if store.unfinished():
                return None
        except StoreError:
            return None  # run() says what is wrong, and ends the app
        self.started = True
        self.main = self._new_main(self.channel)
        return self.main

    def run(self) -> None:
        if self.started:  # opened on the main screen (first_screen)
            return
        store, days = self.ctx.conversation.store, self.config.retention_days
        try:
            store.verify()  # the integrity check that ran beside the start-up
        except StoreError as exc:
            self.app.exit(return_code=exc.exit_code, message=str(exc))
            return
        old = self._past_retention()
        if not old:
            self._unfinished()
            return
        oldest = datetime.fromtimestamp(store.load(old[0]).created_at).strftime("%d.%m.%Y")

        def answer(delete: bool | None) -> None:
            if delete:
                for session_id in old:
                    store.discard(session_id)
            self._unfinished()

        body = tn("retention.body", len(old), n=len(old), days=days, oldest=oldest)
        from tui.screens.choice import ConfirmModal  # modals load when first opened

        self.app.push_screen(ConfirmModal(t("retention.title"), body, "retention.keys"), answer)

    def _past_retention(self) -> list[str]:
        """Conversations older than the retention period (the config's ``retention_days``).
        Chats looked back on (``veiviser chat``) older than that go without asking: they are
        the counsellor's own reflection, kept as long as the conversations and no longer."""
        conversation = self.ctx.conversation
        cutoff = conversation.clock() - self.config.retention_days * 86400
        conversation.store.drop_analyses_before(cutoff)
        return conversation.store.older_than(cutoff)

    def _unfinished(self) -> None:
        conversation = self.ctx.conversation
        conversation.store.drop_empty()
        unfinished = conversation.store.unfinished()
        if not unfinished:
            self.new()
            return
        loaded = conversation.store.load(unfinished[0])
        from tui.screens.choice import ConfirmModal, ResumeModal

        def chosen(choice: str | None) -> None:
            if choice == "continue":
                self._begin(loaded.id, loaded)
            elif choice == "reflect":
                self._begin(loaded.id, loaded)
                self.app.post_message(FinishRequested(at=loaded.last_activity))
            elif choice == "discard":
                self.app.push_screen(
                    ConfirmModal(t("resume.discard_title"), t("resume.discard_body"),
                                 "resume.discard_keys"),
                    lambda yes: self._discard(loaded.id) if yes else self._unfinished(),
                )  # fmt: skip
            else:
                self.app.exit()

        self.app.push_screen(ResumeModal(self.ctx.model, loaded), chosen)

    def _discard(self, session_id: str) -> None:
        self.ctx.conversation.store.discard(session_id)
        self.app.notify(t("resume.discarded"), timeout=3)
        self._unfinished()

    def new(self) -> None:
        """A new conversation: the channel from ``--channel``, else asked."""
        if self.channel is not None:
            self._show(self._new_main(self.channel))
            return

        def chosen(channel: Channel | None) -> None:
            if channel is None:
                self.app.exit()
            else:
                self._show(self._new_main(channel))

        from tui.screens.choice import ChannelModal

        self.app.push_screen(ChannelModal(), chosen)

    def _show(self, main: MainScreen) -> None:
        """A conversation's screen over whatever asked for it, or instead of the conversation
        before (the app may have opened on that one: it is then the bottom of the stack)."""
        stack = self.app.screen_stack
        before, self.main = self.main, main
        if len(stack) == 1 and before is not None and stack[0] is before:
            switch_bottom_screen(self.app, main)
        else:
            self.app.push_screen(main)

    def _new_main(self, channel: Channel) -> MainScreen:
        conversation = self.ctx.conversation
        if self.config.nudge_after:  # off by default: then the practice module is not loaded
            from tui.core.outputs.practice import nudge_for

            self.ctx.nudge = nudge_for(
                conversation.store.conn, self.ctx.model, self.config.nudge_after
            )
        else:
            self.ctx.nudge = None
        conversation.start_new(channel)
        return MainScreen(self.ctx)

    def _begin(self, session_id: str, loaded: Any) -> None:
        self.ctx.conversation.begin(session_id, loaded)
        self._show(MainScreen(self.ctx))
