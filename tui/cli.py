"""The ``veiviser`` command: the app, content checks and the archive, with clear errors and
exit codes (never a traceback)."""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tui import __version__
from tui.core.archive.store import Store, StoreError, StoreLocked
from tui.core.base.paths import builtin_content_dir, builtin_themes_dir, config_file, data_dir
from tui.core.base.problems import ContentError
from tui.core.base.strings import DEFAULT_LANG, t, tn, use_language
from tui.core.conversation.conversation import default_export_dir
from tui.core.conversation.notes import clock_label
from tui.core.model import compiled
from tui.core.model.config import Config, load_config
from tui.core.model.content import CHANNELS, Content
from tui.core.model.themes import ThemeFile
from tui.core.outputs import formats
from tui.core.outputs.export import ExportError

if TYPE_CHECKING:
    from tui.core.chat.transcript import Transcript

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
        help=t("msg.cli.content_folder_default_built"),
    )
    parser.add_argument(
        "--lang",
        metavar="LANG",
        default=default(None),
        help=t("msg.cli.nb_default_en_or"),
    )
    parser.add_argument(
        "--theme",
        metavar="THEME",
        default=default(None),
        help=t("msg.cli.colour_theme_see_themes"),
    )
    parser.add_argument(
        "--overlay",
        type=Path,
        action="append",
        default=default([]),
        metavar="DIR",
        help=t("msg.cli.service_own_content_layered"),
    )
    parser.add_argument(
        "--team",
        type=Path,
        metavar="DIR",
        default=default(None),
        help=t("msg.cli.folder_with_service_team"),
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        default=default(None),
        help=t("msg.cli.where_conversations_are_kept"),
    )


ARGPARSE_WORDS = {
    "usage: ": "argparse.usage",
    "positional arguments": "argparse.positional",
    "options": "argparse.options",
    "show this help message and exit": "argparse.help",
    "show program's version number and exit": "argparse.version",
    "the following arguments are required: %s": "argparse.required",
    "unrecognized arguments: %s": "argparse.unrecognized",
    "invalid choice: %(value)r (choose from %(choices)s)": "argparse.invalid_choice",
    "%(prog)s: error: %(message)s\n": "argparse.error",
    "expected one argument": "argparse.one_argument",
    "argument %(argument_name)s: %(message)s": "argparse.argument",
    "invalid %(type)s value: %(value)r": "argparse.invalid_value",
}
"""argparse's own words (it asks gettext for them) → the app's ui keys: one language."""


def _speak_the_language() -> None:
    """argparse in the app's language: it fetches its words through ``argparse._``."""
    words = {english: t(key) for english, key in ARGPARSE_WORDS.items()}
    argparse._ = lambda text: words.get(text, text)  # type: ignore[attr-defined]


def _parser() -> argparse.ArgumentParser:
    _speak_the_language()
    parser = argparse.ArgumentParser(
        prog="veiviser",
        description=t("msg.cli.model_for_digital_career"),
    )
    parser.add_argument("--version", action="version", version=f"veiviser {__version__}")
    parser.add_argument(
        "--channel",
        choices=CHANNELS,
        help=t("msg.cli.chat_or_phone_without"),
    )
    _global_options(parser)
    sub = parser.add_subparsers(dest="command", metavar=t("msg.cli.command"))
    common = argparse.ArgumentParser(add_help=False)
    _global_options(common, suppress=True)
    check = sub.add_parser(
        "check-content",
        parents=[common],
        help=t("msg.cli.check_content_folder_errors"),
    )
    check.add_argument("dir", nargs="?", type=Path, metavar="DIR")
    check_config = sub.add_parser(
        "check-config",
        parents=[common],
        help=t("msg.cli.check_settings_file_config"),
    )
    check_config.add_argument("file", nargs="?", type=Path, metavar="FILE")
    logs = sub.add_parser("logs", parents=[common], help=t("msg.cli.list_archive"))
    logs.add_argument(
        "--search",
        metavar="TEXT",
        help=t("msg.cli.only_sessions_with_these"),
    )
    praksis = sub.add_parser(
        "praksis",
        parents=[common],
        help=t("msg.cli.my_practice_how_you"),
    )
    praksis.add_argument(
        "--days",
        type=int,
        metavar="N",
        help=t("msg.cli.last_n_days_default"),
    )
    praksis.add_argument("--channel", choices=("alle", "chat", "phone"), default="alle")
    praksis.add_argument("--json", action="store_true", help=t("msg.cli.as_json_for_scripts"))
    pakke = sub.add_parser(
        "pakke",
        parents=[common],
        help=t("msg.cli.make_anonymous_peer_guidance"),
    )
    pakke.add_argument("id", metavar="ID")
    pakke.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help=t("msg.cli.html_file_markdown_beside"),
    )
    pakke.add_argument(
        "--spørsmål",
        "--question",
        dest="question",
        default="",
        metavar="TEXT",
        help=t("msg.cli.your_question_group"),
    )
    pakke.add_argument(
        "--navn",
        "--name",
        dest="name",
        default="",
        metavar="NAME",
        help=t("msg.cli.your_name_only_if"),
    )
    for flag, part in (
        ("--uten-øyeblikk", "moments"),
        ("--uten-tidslinje", "timeline"),
        ("--uten-svar", "answers"),
    ):
        pakke.add_argument(flag, action="store_true", help=t(f"msg.cli.pack_without.{part}"))
    pakke.add_argument("--mask-all", action="store_true", help=t("msg.cli.pack_mask_all"))
    chat = sub.add_parser("chat", parents=[common], help=t("msg.cli.chat"))
    chat.add_argument("file", type=Path, metavar="FILE", help=t("msg.cli.chat_file"))
    verksted = sub.add_parser("verksted", parents=[common], help=t("msg.cli.verksted"))
    verksted.add_argument("knapp", nargs="?", metavar="KNAPP", help=t("msg.cli.verksted_knapp"))
    team = sub.add_parser(
        "team",
        parents=[common],
        help=t("msg.cli.team_use_model_from"),
    )
    team.add_argument("folder", type=Path, metavar="DIR")
    team.add_argument("--by", choices=("week", "month"), default="month")
    team.add_argument(
        "--html",
        type=Path,
        metavar="FILE",
        help=t("msg.cli.also_write_html_page"),
    )
    teameksport = sub.add_parser(
        "teameksport",
        parents=[common],
        help=t("msg.cli.team_export"),
    )
    teameksport.add_argument("folder", type=Path, metavar="DIR")
    demo = sub.add_parser(
        "demo",
        parents=[common],
        help=t("msg.cli.make_n_invented_conversations"),
    )
    demo.add_argument("count", type=int, metavar="N")
    export = sub.add_parser(
        "export",
        parents=[common],
        help=t("msg.cli.export_reflection_log_after"),
    )
    export.add_argument(
        "id",
        metavar="ID",
        help=t("msg.cli.id_from_veiviser_logs"),
    )
    export.add_argument("--format", choices=tuple(formats.LOG), default="md")
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help=t("msg.cli.file_write"),
    )
    export.add_argument(
        "--mask-all",
        action="store_true",
        help=t("msg.cli.mask_every_hit_privacy"),
    )
    return parser


def _report(error: ContentError, config: bool = False) -> None:
    for problem in error.problems:
        print(problem, file=sys.stderr)
    check = (
        t("msg.cli.veiviser_check_config_checks")
        if config
        else t("msg.cli.veiviser_check_content_dir")
    )
    print(
        t("msg.cli.errors_fix_lines_above", count=len(error.problems), check=check),
        file=sys.stderr,
    )


def _check_config(path: Path) -> int:
    """Validate a config file as the app would (keymap included)."""
    try:
        load_config(path, _binding_ids(), _letter_ids(), _screen_groups())
    except ContentError as exc:
        _report(exc, config=True)
        return EXIT_CHECK_FAILED
    print(
        t("msg.cli.ok", path=path) if path.exists() else t("msg.cli.no_settings_file_at", path=path)
    )
    return EXIT_OK


def _check_content(directory: Path, overlays: tuple[Path, ...] = ()) -> int:
    """Validate every language in ``directory`` (with overlays); print one line per language."""
    from tui.core.model.loader import languages, load_content

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
            t(
                "msg.cli.ok_phases_learning_stages",
                directory=directory,
                lang=lang,
                phases=len(model.phases),
                stages=len(model.stages),
                knapper=len(model.knapper),
                situations=len(model.situations),
                prompts=prompts,
                questions=len(model.reflection),
            )
        )
    return EXIT_CHECK_FAILED if failed else EXIT_OK


def _logs(store: Store, model: Content, search: str | None) -> int:
    rows = store.summaries(store.search(search) if search else None)
    if not rows:
        if search:
            print(t("msg.cli.no_conversations_with", search=search))
        else:
            print(t("msg.cli.no_conversations_archive"))
        return EXIT_OK
    names: dict[str, str] = {p.id: p.name for p in model.phases}
    knapp_names = {k.id: k.name for k in model.knapper}
    statuses = {
        "open": t("msg.cli.open"),
        "finished": t("msg.cli.finished"),
        "saved": t("msg.cli.saved"),
    }
    head = t("msg.cli.id_date_channel_duration").split()
    tail = t("msg.cli.phases_buttons")
    print(
        f"{head[0]:<10}{head[1]:<18}{head[2]:<9}{head[3]:>9}  {head[4]:>7}  {head[5]:>6}  "
        f"{head[6]:<10}{tail}"
    )
    for row in rows:
        when = datetime.fromtimestamp(row.created_at).strftime("%d.%m.%Y %H:%M")
        phases = ", ".join(names.get(p, p) for p in row.phases)
        knapper = ", ".join(knapp_names.get(k, k) for k in row.knapper)
        status = statuses.get(row.status, row.status)
        channel = t("msg.cli.phone") if row.channel == "phone" else row.channel
        print(
            f"{row.id[:8]:<10}{when:<18}{channel:<9}{clock_label(row.duration):>9}  "
            f"{row.notes:>7}  {row.pinned:>6}  {status:<10}{phases}"
            + (f" / {knapper}" if knapper else "")
        )
    return EXIT_OK


def _praksis(store: Store, model: Content, days: int | None, channel: str, as_json: bool) -> int:
    from tui.core.outputs.practice import as_dict, practice, text_report

    if days is not None and days < 1:
        print(t("msg.cli.days_must_be_at"), file=sys.stderr)
        return EXIT_BAD_INPUT
    result = practice(store.conn, model, days=days, channel=channel)  # type: ignore[arg-type]
    if as_json:
        import json

        print(json.dumps(as_dict(result), ensure_ascii=False, indent=2))
    else:
        print(text_report(model, result))
    return EXIT_OK


def _pakke(store: Store, model: Content, args: argparse.Namespace, out_dir: Path) -> int:
    from tui.core.outputs.casepack import (
        Choice,
        PackRefused,
        build_pack,
        mask_all,
        pack_findings,
        vocabulary,
    )  # fmt: skip
    from tui.core.outputs.export import write_pair
    from tui.core.outputs.logflow import log_for
    from tui.core.outputs.review import pending
    from tui.core.outputs.teamrecord import own_records

    session_id = store.find(args.id)
    if store.saved_log(session_id) is None:
        print(model.ui["pakke.refused_unsaved"], file=sys.stderr)
        return EXIT_CHECK_FAILED
    log = log_for(model, store, session_id)
    todo = pending(log, list(store.load(session_id).decisions))
    choice = Choice(moments=not args.uten_øyeblikk, timeline=not args.uten_tidslinje,
                    answers=not args.uten_svar, question=args.question, name=args.name)  # fmt: skip
    try:
        pack = build_pack(model, log, len(todo), choice, own_records(store))
    except PackRefused as exc:
        print(exc, file=sys.stderr)
        return EXIT_CHECK_FAILED
    vocab = vocabulary(model)
    findings = pack_findings(pack, vocab)
    if findings and not args.mask_all:
        print(model.ui["pakke.review_pending"].format(n=len(findings)), file=sys.stderr)
        for finding in findings:
            hit = finding.hit
            # By position, never the text itself: the terminal keeps its scrollback.
            where = t("msg.cli.characters", start=hit.start + 1, end=hit.end)
            print(f"  {finding.source}: {hit.kind.value} ({where})", file=sys.stderr)
        return EXIT_CHECK_FAILED
    pack = mask_all(pack, vocab)
    stem = f"kollegaveiledning-{pack.week or pack.month or 'pakke'}"
    target = args.output or out_dir / f"{stem}.html"
    html_path, md_path = write_pair(
        target.with_suffix(".html"),
        {f".{f.suffix}": f.encode(model, pack) for f in formats.PACK.values()},
        numbered=args.output is None,
    )
    print(html_path)
    print(md_path)
    return EXIT_OK


def _team(model: Content, folder: Path, by: str, html_file: Path | None) -> int:
    from tui.core.outputs.export import write_new
    from tui.core.outputs.teampicture import gather, render_html, render_text

    if not folder.is_dir():
        print(t("msg.cli.folder_does_not_exist", folder=folder), file=sys.stderr)
        return EXIT_BAD_INPUT
    picture = gather(folder, by)
    print(render_text(model, picture))
    if html_file is not None:
        print(write_new(html_file, render_html(model, picture).encode(), numbered=False))
    return EXIT_OK


def _team_export(store: Store, folder: Path) -> int:
    from tui.core.outputs.teamrecord import own_records, write_records

    if not folder.is_dir():
        print(t("msg.cli.folder_does_not_exist", folder=folder), file=sys.stderr)
        return EXIT_BAD_INPUT
    records = own_records(store)
    written = write_records(folder, records)
    print(tn("msg.cli.team_exported", len(records), count=len(records), written=written,
             folder=folder))  # fmt: skip
    return EXIT_OK


def _demo(store: Store, model: Content, count: int) -> int:
    import time

    from tui.core.outputs.demo import generate

    if store.summaries():
        print(
            t("msg.cli.data_folder_already_has", directory=store.directory),
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    if not 1 <= count <= 20_000:
        print(t("msg.cli.n_must_be_120000"), file=sys.stderr)
        return EXIT_BAD_INPUT
    generate(store, model, count, start=time.time() - count * 31 * 3600)  # all in the past
    print(t("msg.cli.invented_conversations", count=count, directory=store.directory))
    return EXIT_OK


def _export(store: Store, model: Content, args: argparse.Namespace, out_dir: Path) -> int:
    from tui.core.outputs.export import write_new
    from tui.core.outputs.logflow import export_path, for_export, log_for, render

    session_id = store.find(args.id)
    log, todo, masked = for_export(store, log_for(model, store, session_id), session_id,
                                   args.mask_all)  # fmt: skip
    if todo:
        print(t("msg.cli.privacy_check_found_hits", count=len(todo)), file=sys.stderr)
        for finding in todo:
            hit = finding.hit
            # By position, never the identifier itself: the terminal keeps its scrollback.
            where = t("msg.cli.characters", start=hit.start + 1, end=hit.end)
            print(f"  {finding.source}: {hit.kind.value} ({where})", file=sys.stderr)
        print(t("msg.cli.review_them_veiviser_f9"), file=sys.stderr)
        return EXIT_CHECK_FAILED
    if masked and store.read_only:
        # Veiviser is open: the masks went into this file, not the archive.
        print(t("msg.cli.veiviser_open_hits_are"), file=sys.stderr)
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
            _screen_groups() if args.command is None else (),
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
    if theme is not None and theme not in {theme_file.name for theme_file in themes}:
        print(
            t(
                "msg.cli.unknown_theme_choose_one",
                theme=theme,
                names=", ".join(f.name for f in themes),
            ),
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
        if args.command == "teameksport":
            return _team_export(store, args.folder)
        if args.command == "pakke":
            return _pakke(
                store, model, args, default_export_dir(store.directory, config.export_dir)
            )
        if args.command == "export":
            return _export(
                store, model, args, default_export_dir(store.directory, config.export_dir)
            )
        transcript: Transcript | None = None
        if args.command == "chat":  # what is wrong with the file is said before any window
            from tui.core.chat.transcript import read

            try:
                transcript = read(args.file)
            except ContentError as exc:  # each with file:line and what to do
                for problem in exc.problems:
                    print(problem, file=sys.stderr)
                return EXIT_BAD_INPUT
        if args.command == "verksted":
            known = [k.id for k in model.knapper]
            if args.knapp is not None and args.knapp not in known:
                print(t("msg.cli.verksted_unknown", knapp=args.knapp, names=", ".join(known)),
                      file=sys.stderr)  # fmt: skip
                return EXIT_BAD_INPUT
        if not _interactive():
            print(
                t("msg.cli.veiviser_must_be_started"),
                file=sys.stderr,
            )
            return EXIT_BAD_INPUT
        if args.command == "chat":
            return _run_app(model, themes, store, config, None, theme, None, chat=transcript)
        if args.command == "verksted":
            return _run_app(model, themes, store, config, None, theme, None,
                            verksted=args.knapp or "")  # fmt: skip
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
    if command in ("logs", "praksis", "pakke", "teameksport", "verksted"):
        return Store(directory).open(read_only=True)
    if command == "chat":  # it saves an analysis: with Veiviser open, use its palette instead
        return Store(directory).open()
    try:
        # The app checks the archive's integrity beside its start-up (Startup waits for it).
        return Store(directory).open(check_later=command is None)
    except StoreLocked:
        if command != "export":
            raise
        return Store(directory).open(read_only=True)


def _screen_groups() -> tuple[dict[str, str], ...]:
    """The ids live on each screen with their default keys."""
    from tui.keys import screen_groups

    return screen_groups()


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
    verksted: str | None = None,
    chat: Transcript | None = None,
) -> int:
    from tui.app import build_app  # Textual is imported only when the app runs

    # Textual sizes the screen with shutil.get_terminal_size(), which prefers $COLUMNS/$LINES
    # when they are exported: the app would then never follow the real window when it is
    # resized. The terminal itself knows its size.
    os.environ.pop("COLUMNS", None)
    os.environ.pop("LINES", None)

    app = build_app(
        store, model=model, themes=themes, channel=channel,  # type: ignore[arg-type]
        config=config, theme=theme, config_path=config_file(), team_dir=team_dir,
        verksted=verksted, chat=chat,
    )  # fmt: skip
    app.run()
    rescued = app.autosave.rescued
    if rescued is not None:  # the archive could not take everything typed (a full disk)
        with contextlib.suppress(OSError):
            print(t("msg.quit.rescued", path=rescued), file=sys.stderr)
    # A conversation opened and left without a word is not kept. Removed here, at the end, so
    # the next start has nothing to write before its first frame (it still checks, by a read).
    with contextlib.suppress(StoreError):
        store.drop_empty()
    return app.return_code or EXIT_OK
