"""The baseline for start-up and memory: a bare Textual app (Header, Static, TextArea, Footer)."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static, TextArea


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Bare Textual app")
        yield TextArea(id="text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()


if __name__ == "__main__":
    BareApp().run()
