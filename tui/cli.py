"""The ``veiviser`` command: the app, content checks and the archive, with clear errors and
exit codes (never a traceback)."""

from __future__ import annotations

import argparse
import io
import os
import sys
from datetime import datetime
from pathlib import Path

from tui import __version__
from tui.core import compiled
from tui.core.config import Config, load_config
from tui.core.content import CHANNELS, DEFAULT_LANG, Content
from tui.core.conversation import default_export_dir
from tui.core.export import ExportError
from tui.core.notes import clock_label
from tui.core.paths import builtin_content_dir, builtin_themes_dir, config_file, data_dir
from tui.core.problems import ContentError
from tui.core.say import say, use_language
from tui.core.store import Store, StoreError, StoreLocked
from tui.core.team import Focus
from tui.core.themes import ThemeFile

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_BAD_INPUT = 2


def _language_asked(argv: list[str]) -> str:
    """The language for messages before the arguments are parsed: ``--lang`` if given."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return DEFAULT_LANG


def _global_options(parser: argparse.ArgumentParser, suppress: bool = False) -> None:
    """``--content``, ``--lang``, ``--theme``, ``--overlay`` and ``--data-dir``, accepted before
    or after a subcommand (after it, with no default, so it overrides only when given)."""

    def default(value: object) -> object:
        return argparse.SUPPRESS if suppress else value

    parser.add_argument(
        "--content",
        type=Path,
        metavar="DIR",
        default=default(None),
        help=say(
            "innholdsmappe (standard: det innebygde)", "content folder (default: the built-in one)"
        ),
    )
    parser.add_argument(
        "--lang",
        metavar="LANG",
        default=default(None),
        help=say(
            "nb (standard), en, eller et fra --overlay", "nb (default), en, or one from --overlay"
        ),
    )
    parser.add_argument(
        "--theme",
        metavar="THEME",
        default=default(None),
        help=say("fargetema (se themes/)", "colour theme (see themes/)"),
    )
    parser.add_argument(
        "--overlay",
        type=Path,
        action="append",
        default=default([]),
        metavar="DIR",
        help=say(
            "tjenestens eget innhold lagt over det innebygde (kan gis flere ganger)",
            "the service's own content layered over the built-in (repeatable)",
        ),
    )
    parser.add_argument(
        "--team",
        type=Path,
        metavar="DIR",
        default=default(None),
        help=say(
            "mappe med tjenestens team.yaml (vaktlederens dagens knapp); ellers team_dir",
            "folder with the service's team.yaml (the vaktleder's dagens knapp); else team_dir",
        ),
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        default=default(None),
        help=say(
            "hvor samtalene lagres (ellers VEIVISER_DATA_DIR eller brukerens datamappe)",
            "where conversations are kept (else VEIVISER_DATA_DIR or the user data folder)",
        ),
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="veiviser",
        description=say(
            "Modell for digital karriereveiledning ved hånden under samtalen.",
            "The model for digital career guidance at hand during the conversation.",
        ),
    )
    parser.add_argument("--version", action="version", version=f"veiviser {__version__}")
    parser.add_argument(
        "--channel",
        choices=CHANNELS,
        help=say(
            "chat eller phone (telefon); uten dette spør appen",
            "chat or phone; without it the app asks",
        ),
    )
    _global_options(parser)
    sub = parser.add_subparsers(dest="command", metavar=say("KOMMANDO", "COMMAND"))
    common = argparse.ArgumentParser(add_help=False)
    _global_options(common, suppress=True)
    check = sub.add_parser(
        "check-content",
        parents=[common],
        help=say(
            "sjekk en innholdsmappe og vis feil som fil:linje: melding",
            "check a content folder; errors are shown as file:line: message",
        ),
    )
    check.add_argument("dir", nargs="?", type=Path, metavar="DIR")
    check_config = sub.add_parser(
        "check-config",
        parents=[common],
        help=say(
            "sjekk oppsettfilen (config.yaml, med keymap) og vis feil som fil:linje: melding",
            "check the settings file (config.yaml, keymap included); errors as file:line",
        ),
    )
    check_config.add_argument("file", nargs="?", type=Path, metavar="FILE")
    logs = sub.add_parser(
        "logs", parents=[common], help=say("vis samtalene i arkivet", "list the archive")
    )
    logs.add_argument(
        "--search",
        metavar="TEXT",
        help=say("bare samtaler med disse ordene", "only sessions with these words"),
    )
    praksis = sub.add_parser(
        "praksis",
        parents=[common],
        help=say(
            "Min praksis: hvordan du har brukt modellen i dine samtaler",
            "My practice: how you have used the model in your conversations",
        ),
    )
    praksis.add_argument(
        "--days",
        type=int,
        metavar="N",
        help=say("de siste N dagene (standard: alle)", "the last N days (default: all)"),
    )
    praksis.add_argument("--channel", choices=("alle", "chat", "phone"), default="alle")
    praksis.add_argument(
        "--json", action="store_true", help=say("som JSON, for skript", "as JSON, for scripts")
    )
    pakke = sub.add_parser(
        "pakke",
        parents=[common],
        help=say(
            "lag en anonym kollegaveiledningspakke (HTML og Markdown) av en samtale",
            "make an anonymous peer-guidance case pack (HTML and Markdown) of a conversation",
        ),
    )
    pakke.add_argument("id", metavar="ID")
    pakke.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help=say("HTML-filen (Markdown ved siden av)", "the HTML file (Markdown beside it)"),
    )
    pakke.add_argument(
        "--spørsmål",
        "--question",
        dest="question",
        default="",
        metavar="TEXT",
        help=say("spørsmålet ditt til gruppen", "your question to the group"),
    )
    pakke.add_argument(
        "--navn",
        "--name",
        dest="name",
        default="",
        metavar="NAME",
        help=say("navnet ditt (bare om du vil)", "your name (only if you want)"),
    )
    for flag, nb, en in (
        ("--uten-øyeblikk", "uten de festede øyeblikkene", "without the moments"),
        ("--uten-tidslinje", "uten tidslinjen", "without the timeline"),
        ("--uten-svar", "uten refleksjonssvarene", "without the answers"),
    ):
        pakke.add_argument(flag, action="store_true", help=say(nb, en))
    team = sub.add_parser(
        "team",
        parents=[common],
        help=say(
            "teamets bruk av modellen fra eksporterte logger i en mappe (ingen tall per person)",
            "the team's use of the model from exported logs in a folder (no figure per person)",
        ),
    )
    team.add_argument("folder", type=Path, metavar="DIR")
    team.add_argument("--by", choices=("week", "month"), default="month")
    team.add_argument(
        "--html",
        type=Path,
        metavar="FILE",
        help=say("skriv også en HTML-side med plott", "also write an HTML page with plots"),
    )
    demo = sub.add_parser(
        "demo",
        parents=[common],
        help=say(
            "lag N oppdiktede samtaler i datamappen, for å prøve Min praksis (aldri i et "
            "arkiv med samtaler i)",
            "make N invented conversations in the data folder, to try My practice (never in an "
            "archive that has conversations)",
        ),
    )
    demo.add_argument("count", type=int, metavar="N")
    export = sub.add_parser(
        "export",
        parents=[common],
        help=say(
            "eksporter en refleksjonslogg (etter personvernsjekk)",
            "export a reflection log (after the privacy check)",
        ),
    )
    export.add_argument(
        "id",
        metavar="ID",
        help=say(
            "id fra «veiviser logs» (de første tegnene holder)",
            "an id from «veiviser logs» (the first characters will do)",
        ),
    )
    export.add_argument("--format", choices=("md", "json"), default="md")
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help=say("filen som skal skrives", "the file to write"),
    )
    export.add_argument(
        "--mask-all",
        action="store_true",
        help=say("masker alle funn i personvernsjekken", "mask every hit of the privacy check"),
    )
    return parser


def _report(error: ContentError, config: bool = False) -> None:
    for problem in error.problems:
        print(problem, file=sys.stderr)
    check = (
        say("veiviser check-config sjekker oppsettet (config.yaml)",
            "veiviser check-config checks the settings (config.yaml)")
        if config
        else say("veiviser check-content DIR sjekker innhold",
                 "veiviser check-content DIR checks content")
    )  # fmt: skip
    print(
        say(
            f"\n{len(error.problems)} feil. Rett linjene over og prøv igjen "
            f"({check} uten å starte appen).",
            f"\n{len(error.problems)} errors. Fix the lines above and try again "
            f"({check} without starting the app).",
        ),
        file=sys.stderr,
    )


def _check_config(path: Path) -> int:
    """Validate a config file as the app would (keymap included)."""
    try:
        load_config(path, _binding_ids(), _letter_ids())
    except ContentError as exc:
        _report(exc, config=True)
        return EXIT_CHECK_FAILED
    print(say(f"OK: {path}", f"OK: {path}") if path.exists() else say(
        f"Ingen oppsettfil i {path}: standardverdiene brukes.",
        f"No settings file at {path}: the defaults are used."))  # fmt: skip
    return EXIT_OK


def _check_content(directory: Path, overlays: tuple[Path, ...] = ()) -> int:
    """Validate every language in ``directory`` (with overlays); print one line per language."""
    from tui.core.loader import languages, load_content

    langs = languages(directory, overlays) or [DEFAULT_LANG]
    failed = False
    for lang in langs:
        try:
            model = load_content(directory, lang, overlays)
        except ContentError as exc:
            _report(exc)
            failed = True
            continue
        prompts = sum(1 for _ in model.all_prompts())
        print(
            say(
                f"OK: {directory} [{lang}] – {len(model.phases)} faser, {len(model.stages)} "
                f"læringstrinn, {len(model.knapper)} knapper, {len(model.situations)} "
                f"situasjoner, {prompts} linjer å kopiere, "
                f"{len(model.reflection)} refleksjonsspørsmål",
                f"OK: {directory} [{lang}] – {len(model.phases)} phases, {len(model.stages)} "
                f"learning stages, {len(model.knapper)} knapper, {len(model.situations)} "
                f"situations, {prompts} lines to copy, "
                f"{len(model.reflection)} reflection questions",
            )
        )
    return EXIT_CHECK_FAILED if failed else EXIT_OK


def _logs(store: Store, model: Content, search: str | None) -> int:
    rows = store.summaries(store.search(search) if search else None)
    if not rows:
        if search:
            print(say(f"Ingen samtaler med «{search}».", f"No conversations with «{search}»."))
        else:
            print(say("Ingen samtaler i arkivet.", "No conversations in the archive."))
        return EXIT_OK
    names: dict[str, str] = {p.id: p.name for p in model.phases}
    knapp_names = {k.id: k.name for k in model.knapper}
    statuses = {
        "open": say("åpen", "open"),
        "finished": say("avsluttet", "finished"),
        "saved": say("lagret", "saved"),
    }
    head = say(
        "ID DATO KANAL VARIGHET NOTATER FESTET STATUS",
        "ID DATE CHANNEL DURATION NOTES PINNED STATUS",
    ).split()
    tail = say("FASER / KNAPPER", "PHASES / BUTTONS")
    print(f"{head[0]:<10}{head[1]:<18}{head[2]:<9}{head[3]:>9}  {head[4]:>7}  {head[5]:>6}  "
          f"{head[6]:<10}{tail}")  # fmt: skip
    for row in rows:
        when = datetime.fromtimestamp(row.created_at).strftime("%d.%m.%Y %H:%M")
        phases = ", ".join(names.get(p, p) for p in row.phases)
        knapper = ", ".join(knapp_names.get(k, k) for k in row.knapper)
        status = statuses.get(row.status, row.status)
        channel = say("telefon", "phone") if row.channel == "phone" else row.channel
        print(
            f"{row.id[:8]:<10}{when:<18}{channel:<9}{clock_label(row.duration):>9}  "
            f"{row.notes:>7}  {row.pinned:>6}  {status:<10}{phases}"
            + (f" / {knapper}" if knapper else "")
        )
    return EXIT_OK


def _praksis(store: Store, model: Content, days: int | None, channel: str, as_json: bool) -> int:
    from tui.core.practice import as_dict, practice, text_report

    if days is not None and days < 1:
        print(say("--days må være minst 1", "--days must be at least 1"), file=sys.stderr)
        return EXIT_BAD_INPUT
    result = practice(store.conn, model, days=days, channel=channel)  # type: ignore[arg-type]
    if as_json:
        import json

        print(json.dumps(as_dict(result), ensure_ascii=False, indent=2))
    else:
        print(text_report(model, result))
    return EXIT_OK


def _pakke(store: Store, model: Content, args: argparse.Namespace, out_dir: Path) -> int:
    from tui.core.casepack import Choice, PackRefused, build_pack, render_html, render_markdown
    from tui.core.export import write_new
    from tui.core.logflow import load_or_build_log
    from tui.core.review import pending

    session_id = store.find(args.id)
    if store.saved_log(session_id) is None:
        print(model.ui["pakke.refused_unsaved"], file=sys.stderr)
        return EXIT_CHECK_FAILED
    log = load_or_build_log(model, store, session_id)
    todo = pending(log, list(store.load(session_id).decisions))
    choice = Choice(moments=not args.uten_øyeblikk, timeline=not args.uten_tidslinje,
                    answers=not args.uten_svar, question=args.question, name=args.name)  # fmt: skip
    try:
        pack = build_pack(model, log, len(todo), choice)
    except PackRefused as exc:
        print(exc, file=sys.stderr)
        return EXIT_CHECK_FAILED
    target = args.output or out_dir / f"kollegaveiledning-{pack.week}.html"
    html_path = write_new(target, render_html(model, pack).encode(), numbered=args.output is None)
    md_path = write_new(html_path.with_suffix(".md"), render_markdown(model, pack).encode(),
                        numbered=args.output is None)  # fmt: skip
    print(html_path)
    print(md_path)
    return EXIT_OK


def _team(model: Content, folder: Path, by: str, html_file: Path | None) -> int:
    from tui.core.export import write_new
    from tui.core.teampicture import gather, render_html, render_text

    if not folder.is_dir():
        print(say(f"Mappen {folder} finnes ikke.", f"The folder {folder} does not exist."),
              file=sys.stderr)  # fmt: skip
        return EXIT_BAD_INPUT
    picture = gather(folder, by)
    print(render_text(model, picture))
    if html_file is not None:
        print(write_new(html_file, render_html(model, picture).encode(), numbered=False))
    return EXIT_OK


def _demo(store: Store, model: Content, count: int) -> int:
    import time

    from tui.core.demo import generate

    if store.summaries():
        print(
            say(
                f"Datamappen {store.directory} har samtaler allerede; demo lager bare samtaler i "
                "en tom mappe (bruk --data-dir).",
                f"The data folder {store.directory} already has conversations; demo only fills "
                "an empty folder (use --data-dir).",
            ),
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    if not 1 <= count <= 20_000:
        print(say("N skal være 1–20000", "N must be 1–20000"), file=sys.stderr)
        return EXIT_BAD_INPUT
    generate(store, model, count, start=time.time() - count * 31 * 3600)  # all in the past
    print(say(f"{count} oppdiktede samtaler i {store.directory}",
              f"{count} invented conversations in {store.directory}"))  # fmt: skip
    return EXIT_OK


def _export(store: Store, model: Content, args: argparse.Namespace, out_dir: Path) -> int:
    from tui.core.export import write_new
    from tui.core.logflow import export_path, load_or_build_log, render
    from tui.core.review import counted, mask_all, pending

    session_id = store.find(args.id)
    log = load_or_build_log(model, store, session_id)
    decisions = list(store.load(session_id).decisions)
    todo = pending(log, decisions)
    if todo and not args.mask_all:
        print(
            say(
                f"Personvernsjekken fant {len(todo)} funn som ikke er gjennomgått:",
                f"The privacy check found {len(todo)} hits not yet reviewed:",
            ),
            file=sys.stderr,
        )
        for finding in todo:
            hit = finding.hit
            # By position, never the identifier itself: the terminal keeps its scrollback.
            where = say(f"tegn {hit.start + 1}–{hit.end}", f"characters {hit.start + 1}–{hit.end}")
            print(f"  {finding.source}: {hit.kind.value} ({where})", file=sys.stderr)
        print(
            say(
                "Gå gjennom dem i Veiviser (F9 Logger, Ctrl+E), eller kjør med --mask-all.",
                "Review them in Veiviser (F9 Logs, Ctrl+E), or run with --mask-all.",
            ),
            file=sys.stderr,
        )
        return EXIT_CHECK_FAILED
    if todo:
        log, new, texts = mask_all(log, decisions)
        if store.read_only:  # Veiviser is open: the masks go into this file, not the archive
            print(
                say(
                    "Veiviser er åpen: funnene er masket i filen, men ikke i arkivet. "
                    "Kjør eksporten igjen når Veiviser er lukket for å maskere arkivet også.",
                    "Veiviser is open: the hits are masked in the file but not in the archive. "
                    "Run the export again when Veiviser is closed to mask the archive too.",
                ),
                file=sys.stderr,
            )
        else:
            for record in new:
                store.record_decision(session_id, *record)
            for source, text in texts.items():
                store.replace_text(session_id, source, text)
        decisions += new
    log = counted(log, decisions)
    data = render(model, log, args.format)
    if args.output is not None:
        path = write_new(args.output, data, numbered=False)
    else:
        path = write_new(export_path(out_dir, log, session_id, args.format), data)
    print(path)
    return EXIT_OK


def _utf8_output() -> None:
    """Print UTF-8 whatever the console code page (Windows pipes default to cp1252)."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if isinstance(stream, io.TextIOWrapper) and encoding != "utf8":
            stream.reconfigure(encoding="utf-8", errors="replace")


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    try:
        return _main(argv)
    except BrokenPipeError:  # `veiviser logs | head`: the reader has what it wanted
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # Python's own flush at exit must not fail again
        return EXIT_OK


def _main(argv: list[str] | None) -> int:
    _utf8_output()
    use_language(_language_asked(sys.argv[1:] if argv is None else argv))
    args = _parser().parse_args(argv)
    if args.command == "check-content":
        return _check_content(
            args.dir or args.content or builtin_content_dir(), tuple(args.overlay)
        )
    if args.command == "check-config":
        return _check_config(args.file or config_file())

    try:
        config = compiled.config(
            config_file(),
            _binding_ids() if args.command is None else None,
            _letter_ids() if args.command is None else frozenset(),
        )
    except ContentError as exc:
        _report(exc, config=True)
        return EXIT_BAD_INPUT
    try:
        overlays = tuple(args.overlay) or tuple(Path(p) for p in config.overlays)
        lang = args.lang or config.lang or "nb"
        use_language(lang)
        root = args.content or builtin_content_dir()
        model = compiled.content(root, lang, overlays)
        # A broken overlay is reported whichever language runs: check every one it touches.
        for other in sorted({d.name for o in overlays if o.is_dir() for d in o.iterdir()
                             if d.is_dir()} - {lang}):  # fmt: skip
            compiled.content(root, other, overlays)
        themes: list[ThemeFile] = compiled.themes(builtin_themes_dir())
    except ContentError as exc:
        _report(exc)
        return EXIT_BAD_INPUT
    theme = args.theme or config.theme
    if theme is not None and theme not in {t.name for t in themes}:
        print(
            say(f"Ukjent tema «{theme}». Velg et av: ", f"Unknown theme «{theme}». Choose one of: ")
            + ", ".join(t.name for t in themes),
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT

    if args.command == "team":  # reads a shared folder, never the archive
        try:
            return _team(model, args.folder, args.by, args.html)
        except ExportError as exc:
            print(exc, file=sys.stderr)
            return EXIT_CHECK_FAILED
    try:
        store = _open_store(data_dir(args.data_dir), args.command)
    except StoreError as exc:
        print(exc, file=sys.stderr)
        return exc.exit_code
    try:
        if args.command == "logs":
            return _logs(store, model, args.search)
        if args.command == "praksis":
            return _praksis(store, model, args.days, args.channel, args.json)
        if args.command == "demo":
            return _demo(store, model, args.count)
        if args.command == "pakke":
            return _pakke(
                store, model, args, default_export_dir(store.directory, config.export_dir)
            )
        if args.command == "export":
            return _export(
                store, model, args, default_export_dir(store.directory, config.export_dir)
            )
        if not _interactive():
            print(
                say(
                    "Veiviser må startes i et terminalvindu: inndata eller utdata er ikke en "
                    "terminal (omdirigert eller lukket). Skript kan bruke «veiviser logs» og "
                    "«veiviser export».",
                    "Veiviser must be started in a terminal window: its input or output is not a "
                    "terminal (redirected or closed). Scripts can use «veiviser logs» and "
                    "«veiviser export».",
                ),
                file=sys.stderr,
            )
            return EXIT_BAD_INPUT
        team_dir = args.team or (Path(config.team_dir) if config.team_dir else None)
        return _run_app(model, themes, store, config, args.channel, theme, team_dir)
    except (StoreError, ExportError) as exc:
        print(exc, file=sys.stderr)
        return getattr(exc, "exit_code", EXIT_CHECK_FAILED)
    finally:
        store.close()


def _interactive() -> bool:
    """Both stdin and stdout are terminals (else the app would wait on nothing, or spin)."""
    streams = (sys.stdin, sys.stdout)
    return all(s is not None and not s.closed and s.isatty() for s in streams)


def _open_store(directory: Path, command: str | None) -> Store:
    """The app and a reviewed export write the archive and take its lock; ``logs``, and
    ``export`` while Veiviser is open, read it beside the app (an export then writes only its
    own file)."""
    if command in ("logs", "praksis", "pakke"):
        return Store(directory).open(read_only=True)
    try:
        # The app checks the archive's integrity beside its start-up (Startup waits for it).
        return Store(directory).open(check_later=command is None)
    except StoreLocked:
        if command != "export":
            raise
        return Store(directory).open(read_only=True)


def _team_focus(team_dir: Path | None, model: Content) -> tuple[Focus | None, list[str]]:
    """Today's knapp from the team file; a broken file is reported, never in the way."""
    from datetime import date

    from tui.core.team import focus_on

    if team_dir is None:
        return None, []
    try:
        return focus_on(compiled.team(team_dir, model), date.today()), []
    except ContentError as exc:
        head = say("Teamfilen (dagens knapp) har feil og brukes ikke:",
                   "The team file (dagens knapp) has errors and is not used:")  # fmt: skip
        return None, [head, *(str(p) for p in exc.problems)]


def _letter_ids() -> frozenset[str]:
    """Binding ids that may take a plain letter."""
    from tui.keys import letter_ids

    return letter_ids()


def _binding_ids() -> set[str]:
    """Every binding id a keymap may name (from the key registry: no screen is imported)."""
    from tui.keys import all_ids

    return all_ids()


def _run_app(
    model: Content,
    themes: list[ThemeFile],
    store: Store,
    config: Config,
    channel: str | None,
    theme: str | None,
    team_dir: Path | None = None,
) -> int:
    from tui.app import VeiviserApp  # Textual is imported only when the app runs

    focus, notices = _team_focus(team_dir, model)

    # Textual sizes the screen with shutil.get_terminal_size(), which prefers $COLUMNS/$LINES
    # when they are exported: the app would then never follow the real window when it is
    # resized. The terminal itself knows its size.
    os.environ.pop("COLUMNS", None)
    os.environ.pop("LINES", None)

    app = VeiviserApp(
        model, themes, store, channel=channel,  # type: ignore[arg-type]
        config=config, theme=theme, config_path=config_file(), focus=focus, notices=notices,
    )  # fmt: skip
    app.run()
    return app.return_code or EXIT_OK
