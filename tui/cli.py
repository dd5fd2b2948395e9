"""The ``veiviser`` command: run the app, or check content, with clear errors and exit codes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui import __version__
from tui.core.content import CHANNELS, Content, load_content
from tui.core.strictyaml import ContentError
from tui.core.themes import ThemeFile, load_themes
from tui.paths import builtin_content_dir, builtin_themes_dir

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_BAD_INPUT = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="veiviser",
        description="Modell for digital karriereveiledning ved hånden under samtalen.",
    )
    parser.add_argument("--version", action="version", version=f"veiviser {__version__}")
    parser.add_argument(
        "--channel",
        choices=CHANNELS,
        help="chat eller phone (telefon); uten dette spør appen ved start",
    )
    parser.add_argument(
        "--content", type=Path, metavar="DIR", help="innholdsmappe (standard: det innebygde)"
    )
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO")
    check = sub.add_parser(
        "check-content", help="sjekk en innholdsmappe og vis feil som fil:linje: melding"
    )
    check.add_argument("dir", nargs="?", type=Path, metavar="DIR")
    return parser


def _report(error: ContentError) -> None:
    for problem in error.problems:
        print(problem, file=sys.stderr)
    count = len(error.problems)
    print(
        f"\n{count} feil i innholdet. Rett linjene over og prøv igjen "
        "(veiviser check-content DIR sjekker uten å starte appen).",
        file=sys.stderr,
    )


def _load(content_dir: Path) -> tuple[Content, list[ThemeFile]]:
    return load_content(content_dir), load_themes(builtin_themes_dir())


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    args = _parser().parse_args(argv)
    if args.command == "check-content":
        directory = args.dir or args.content or builtin_content_dir()
        try:
            model = load_content(directory)
        except ContentError as exc:
            _report(exc)
            return EXIT_CHECK_FAILED
        prompts = sum(1 for _ in model.all_prompts())
        print(
            f"OK: {directory} – {len(model.phases)} faser, {len(model.stages)} læringstrinn, "
            f"{len(model.knapper)} knapper, {prompts} spørsmål, "
            f"{len(model.reflection)} refleksjonsspørsmål"
        )
        return EXIT_OK

    try:
        model, themes = _load(args.content or builtin_content_dir())
    except ContentError as exc:
        _report(exc)
        return EXIT_BAD_INPUT

    from tui.app import VeiviserApp  # Textual is imported only when the app runs

    app = VeiviserApp(model, themes, channel=args.channel)
    app.run()
    return app.return_code or EXIT_OK
