"""The command line: exit codes and messages, never a traceback; the core stays Textual-free."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT
from tests.support.archive import archived_session
from tests.support.files import edit
from tui import __version__
from tui.cli import main
from tui.core.archive.store import Store


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        encoding="utf-8",
        cwd=cwd,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def test_check_content_ok(capsys: object) -> None:
    assert main(["check-content"]) == 0


def test_check_content_reports_file_line_and_exits_1(content_copy: Path) -> None:
    line = edit(content_copy / "nb" / "faser.yaml", "type: ytring", "type: lineaer")
    result = run("check-content", str(content_copy))
    assert result.returncode == 1
    assert (
        f"{Path('nb', 'faser.yaml')}:{line}: phases.0.questions.0.type: må være en av"
        in result.stderr
    )
    assert "Traceback" not in result.stderr + result.stdout


def test_app_refuses_broken_content_with_exit_2(content_copy: Path) -> None:
    edit(content_copy / "nb" / "kolb.yaml", "theory: Konkret erfaring", "theory: [")
    result = run("--channel", "chat", "--content", str(content_copy))
    assert result.returncode == 2
    assert "kolb.yaml:" in result.stderr and "YAML-syntaksfeil" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_version_and_help() -> None:
    assert run("--version").stdout.strip() == f"veiviser {__version__}"
    help_text = run("--help").stdout
    assert "--channel" in help_text and "check-content" in help_text and "--content" in help_text


def test_bad_channel_is_a_usage_error() -> None:
    result = run("--channel", "fax")
    assert result.returncode == 2 and "ugyldig valg: 'fax'" in result.stderr


def test_the_command_line_speaks_one_language() -> None:
    """#22 item 11: argparse's own words were English in the Norwegian app."""
    nb = run("--help").stdout
    assert nb.startswith("bruk: veiviser") and "\nvalg:" in nb and "\nargumenter:" in nb
    assert "usage:" not in nb and "show this help" not in nb and "anonym" not in nb
    en = run("--lang", "en", "--help").stdout
    assert en.startswith("usage: veiviser") and "bruk:" not in en
    missing = run("export")
    assert missing.returncode == 2 and "disse må være med" in missing.stderr


def test_core_imports_no_textual() -> None:
    code = (
        "import sys, pkgutil, importlib, tui.core\n"
        "for m in pkgutil.iter_modules(tui.core.__path__):\n"
        "    importlib.import_module('tui.core.' + m.name)\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in ('textual', 'rich'))\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, encoding="utf-8", cwd=ROOT
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --- the archive from the command line ----------------------------------------------------


def test_logs_lists_and_searches(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = archived_session(data, "vil bli tømrer")
    archived_session(data, "usikker på økonomi")
    listing = run("--data-dir", str(data), "logs")
    assert listing.returncode == 0 and listing.stdout.count("telefon") == 2
    assert "avsluttet" in listing.stdout and "finished" not in listing.stdout  # words, not ids
    found = run("--data-dir", str(data), "logs", "--search", "TØMRER")
    assert found.returncode == 0 and first[:8] in found.stdout
    assert found.stdout.count("telefon") == 1
    none = run("--data-dir", str(data), "logs", "--search", "snekker")
    assert "Ingen samtaler med «snekker»" in none.stdout


def test_export_refuses_unreviewed_hits_unless_masked(tmp_path: Path) -> None:
    data = tmp_path / "data"
    sid = archived_session(data, "mail ola@eksempel.no i kveld")
    out = tmp_path / "logg.md"
    refused = run("--data-dir", str(data), "export", sid[:6], "-o", str(out))
    assert refused.returncode == 1 and not out.exists()
    assert "E-POST" in refused.stderr and "--mask-all" in refused.stderr
    assert "eksempel" not in refused.stderr  # the refusal names the place, not the address
    assert "tegn 6–20" in refused.stderr
    masked = run("--data-dir", str(data), "export", sid[:6], "-o", str(out), "--mask-all")
    assert masked.returncode == 0, masked.stderr
    text = out.read_text(encoding="utf-8")
    assert "mail [E-POST] i kveld" in text and "@" not in text
    # The decision is recorded: a second export needs no --mask-all, and never overwrites.
    again = run("--data-dir", str(data), "export", sid[:6], "--format", "json", "-o", str(out))
    assert again.returncode == 1 and "finnes allerede" in again.stderr
    json_out = run("--data-dir", str(data), "export", sid[:6], "--format", "json")
    assert json_out.returncode == 0 and json_out.stdout.strip().endswith(".json")
    assert "[E-POST]" in Path(json_out.stdout.strip()).read_text(encoding="utf-8")


def test_export_unknown_id(tmp_path: Path) -> None:
    archived_session(tmp_path / "data", "x")
    result = run("--data-dir", str(tmp_path / "data"), "export", "zzzz")
    assert result.returncode == 1 and "Fant ingen økt" in result.stderr


def test_corrupt_database_gives_a_message_and_exit_3(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "veiviser.sqlite3").write_bytes(b"ikke sqlite" * 50)
    result = run("--data-dir", str(data), "--channel", "chat")
    assert result.returncode == 3
    assert "skadet" in result.stderr and "Traceback" not in result.stderr


def test_bad_config_is_located(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("retention_days: 30\nretention_dayz: 5\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--data-dir", str(tmp_path / "d"), "logs"],
        capture_output=True, encoding="utf-8", cwd=ROOT, timeout=60,
        env={**__import__("os").environ, "VEIVISER_CONFIG": str(config)},
    )  # fmt: skip
    assert result.returncode == 2
    assert f"{config}:2: retention_dayz: ukjent felt" in result.stderr


def test_bad_keymap_stops_the_app_with_exit_2(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("keymap:\n  hjelp: f12\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--data-dir", str(tmp_path / "d"), "--channel", "chat"],
        capture_output=True, encoding="utf-8", cwd=ROOT, timeout=60, stdin=subprocess.DEVNULL,
        env={**__import__("os").environ, "VEIVISER_CONFIG": str(config)},
    )  # fmt: skip
    assert result.returncode == 2
    assert f"{config}:2: keymap: ukjent handling «hjelp»" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_theme_and_language(tmp_path: Path) -> None:
    theme = run("--data-dir", str(tmp_path / "d"), "--theme", "rosa", "--channel", "chat")
    assert theme.returncode == 2 and "Ukjent tema «rosa»" in theme.stderr
    lang = run("--data-dir", str(tmp_path / "d"), "--lang", "de", "--channel", "chat")
    assert lang.returncode == 2 and "mangler språkmappen «de» (finnes: en, nb)" in lang.stderr


def test_check_content_with_an_overlay() -> None:
    result = run("check-content", "--help")
    assert result.returncode == 0
    overlay = ROOT / "tests" / "data" / "overlay"
    ok = run("--overlay", str(overlay), "check-content")
    from tui.core.base.paths import builtin_content_dir
    from tui.core.model.loader import load_content

    plain = sum(1 for _ in load_content(builtin_content_dir(), "nb").all_prompts())
    assert ok.returncode == 0 and "[nb]" in ok.stdout
    assert f"{plain + 2} linjer å kopiere" in ok.stdout  # the overlay adds two to Kontrakt


def test_messages_in_english(content_copy: Path, tmp_path: Path) -> None:
    line = edit(content_copy / "en" / "kolb.yaml", "theory: Concrete experience", "theory: 5")
    result = run("--lang", "en", "check-content", str(content_copy))
    assert result.returncode == 1
    assert (
        f"{Path('en', 'kolb.yaml')}:{line}: stages.0.theory: should be text (put the value in quotes"
        in result.stderr
    )
    assert "Fix the lines above" in result.stderr
    assert "The model for digital career guidance" in run("--lang", "en", "--help").stdout
    missing = run("--lang", "en", "--data-dir", str(tmp_path / "d"), "export", "zzzz")
    assert "No session starts with “zzzz”" in missing.stderr
    norsk = run("check-content", str(content_copy))
    assert "skal være tekst (sett verdien i anførselstegn" in norsk.stderr  # bokmål by default


def test_the_command_line_reads_the_archive_without_textual(tmp_path: Path) -> None:
    data = tmp_path / "data"
    archived_session(data, "en lapp")
    code = (
        "import sys\n"
        "from tui.cli import main\n"
        "for args in (['check-content'], ['--data-dir', sys.argv[1], 'logs'],\n"
        "             ['--data-dir', sys.argv[1], 'export', '--mask-all', sys.argv[2]]):\n"
        "    assert main(args) == 0, args\n"
        "loaded = sorted(n for n in sys.modules if n.split('.')[0] in ('textual', 'rich'))\n"
        "print(loaded)\n"
        "sys.exit(1 if loaded else 0)\n"
    )
    store = Store(data).open()
    first = store.summaries()[0].id
    store.close()
    result = subprocess.run(
        [sys.executable, "-c", code, str(data), first[:8]],
        capture_output=True, encoding="utf-8", cwd=ROOT, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_logs_and_export_read_the_archive_while_veiviser_is_open(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    sid = archived_session(data, "ring 912 34 567")
    running = Store(data).open()  # the app, holding the lock
    try:
        assert main(["--data-dir", str(data), "logs"]) == 0
        assert sid[:8] in capsys.readouterr().out
        out = tmp_path / "ut.md"
        code = main(["--data-dir", str(data), "export", sid[:8], "--mask-all", "-o", str(out)])
        assert code == 0
        assert "[TELEFON]" in out.read_text(encoding="utf-8")
        assert "ikke i arkivet" in capsys.readouterr().err  # said plainly
        # Nothing was written to the archive the app holds.
        assert running.load(sid).notes[0].text == "ring 912 34 567"
        assert not running.load(sid).decisions
    finally:
        running.close()
    # The app itself still refuses a second instance.
    held = Store(data).open()
    try:
        assert main(["--data-dir", str(data), "--channel", "chat"]) == 4
    finally:
        held.close()


def test_global_options_after_the_subcommand(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    sid = archived_session(data, "en lapp")
    assert main(["logs", "--data-dir", str(data), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert sid[:8] in out and "DATE" in out
    assert main(["check-content", "--lang", "en"]) == 0
    assert "learning stages" in capsys.readouterr().out


def test_check_config_points_at_the_line_and_start_points_at_check_config(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("keymap:\n  help: ctrl+banana\n", encoding="utf-8")
    assert main(["check-config", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:2: keymap: help: «ctrl+banana»" in err and "check-config" in err
    monkeypatch.setenv("VEIVISER_CONFIG", str(path))
    assert main(["--data-dir", str(tmp_path / "d"), "--channel", "chat"]) == 2
    err = capsys.readouterr().err
    assert "veiviser check-config" in err and "check-content" not in err
    path.write_text("keymap:\n  help: F11\n", encoding="utf-8")
    assert main(["check-config", str(path)]) == 0
    assert capsys.readouterr().out.startswith("OK: ")


def test_a_broken_overlay_is_reported_whichever_language_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    overlay = tmp_path / "overlay"
    shutil.copytree(ROOT / "tests" / "data" / "overlay", overlay)
    faser = overlay / "nb" / "faser.yaml"
    faser.write_text(faser.read_text(encoding="utf-8") + "\nfeil: [\n", encoding="utf-8")
    code = main(["--lang", "en", "--overlay", str(overlay), "--data-dir", str(tmp_path / "d"),
                 "logs"])  # fmt: skip
    assert code == 2
    assert f"{faser}:" in capsys.readouterr().err


@pytest.mark.skipif(sys.platform == "win32", reason="pty is POSIX; Windows consoles differ")
@pytest.mark.parametrize("redirect", ["stdin", "stdout"])
def test_without_a_terminal_the_app_says_so_and_exits_2(tmp_path: Path, redirect: str) -> None:
    """Started with stdin or stdout not a terminal, the app used to spin on a core for minutes."""
    import os
    import pty

    main_fd, child_fd = pty.openpty()
    try:
        tty = {"stdin": child_fd, "stdout": child_fd, "stderr": subprocess.PIPE}
        tty[redirect] = subprocess.DEVNULL if redirect == "stdin" else subprocess.PIPE
        result = subprocess.run(
            [sys.executable, "-m", "tui", "--data-dir", str(tmp_path / "d"), "--channel", "chat"],
            cwd=ROOT, timeout=60, **tty,  # type: ignore[arg-type]
        )  # fmt: skip
    finally:
        os.close(main_fd)
        os.close(child_fd)
    assert result.returncode == 2
    assert b"terminalvindu" in (result.stderr or b"")


@pytest.mark.parametrize(
    ("keymap", "expected"),
    [
        ("  help: q\n", "2: keymap: «q» er en bokstav"),  # #21 item 11: q must still type
        ("  copy: f7\n  finish: f7\n", "3: keymap: finish: «f7» brukes alt av «copy»"),
        ("  copy: f10\n", "2: keymap: copy: «f10» brukes alt av «finish»"),
    ],
    ids=["letter-for-help", "same-key-twice", "onto-another-default"],
)
def test_a_keymap_that_would_take_a_key_from_typing_or_another_action_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], keymap: str, expected: str
) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("keymap:\n" + keymap, encoding="utf-8")
    assert main(["check-config", str(path)]) == 1
    assert f"{path}:{expected}" in capsys.readouterr().err


def test_a_keymap_on_different_screens_may_share_a_letter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("keymap:\n  saved.new: p\n  praksis.period: p\n", encoding="utf-8")
    assert main(["check-config", str(path)]) == 0, capsys.readouterr().err


def test_chat_and_verksted_say_what_is_wrong_with_exit_2(tmp_path: Path) -> None:
    """#24: a file that is not a chat, and a knapp that does not exist, are said plainly (the
    file, the line, what to do), before any window opens; never a traceback."""
    data = ["--data-dir", str(tmp_path / "data")]
    bad = tmp_path / "chat.txt"
    bad.write_text("(10:00:01) Veileder: Hei\n(10:00:09) hei hvem er dette\n", encoding="utf-8")
    result = run("chat", str(bad), *data)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{bad}:2:" in result.stderr and "Navn:" in result.stderr
    missing = run("chat", str(tmp_path / "finnes-ikke.txt"), *data)
    assert missing.returncode == 2 and "finnes-ikke.txt" in missing.stderr
    unknown = run("verksted", "meg-i-kontkest", *data)
    assert unknown.returncode == 2 and "meg-i-kontekst" in unknown.stderr  # the ones there are
    # A real chat with no terminal: the app cannot start, and says so (exit 2).
    good = Path(ROOT) / "tests" / "data" / "chats" / "zendesk.txt"
    assert run("chat", str(good), *data).returncode == 2
