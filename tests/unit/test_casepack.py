"""Kollegaveiledning: the case pack carries nothing identifying, and the team picture shows no
cell built from fewer than five conversations."""

from __future__ import annotations

import getpass
import json
import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.fakes import FakeClock
from tui.core.archive.store import Store
from tui.core.conversation.conversation import ANSWER_PREFIX, Conversation
from tui.core.model.content import Content
from tui.core.outputs import logflow
from tui.core.outputs.casepack import (
    LEVELS,
    Choice,
    K,
    Pack,
    PackRefused,
    build_pack,
    decide,
    pack_findings,
    render_html,
    render_markdown,
    signature,
    texts,
    vocabulary,
    week_of,
    with_text,
)
from tui.core.outputs.casepack import _steps as timeline_steps
from tui.core.outputs.casepack import mask_all as mask_all_pack
from tui.core.outputs.demo import generate
from tui.core.outputs.log import ReflectionLog, render_json
from tui.core.outputs.review import mask_all, pending
from tui.core.outputs.teamrecord import TeamRecord, could_be, own_records, record_of

# The hidden-identity cases of the privacy table (reliability.md §5 B): spaced, hyphenated and
# zero-width-split numbers, decomposed letters, e-mail, address and postcode.
IDENTIFYING = [
    "151086 95088",
    "15108695088",
    "912\u200b34\u200b567",
    "+47 912 34 567",
    "ola.nordmann@eksempel.no",
    "Sto\u0308rgata 12B",
    "0150 Oslo",
]


def conversation_with_identities(
    model: Content, tmp_path: Path, clock: FakeClock
) -> tuple[Store, str]:
    store = Store(tmp_path / "data", clock=clock).open()
    c = Conversation(model, store, clock=clock)
    c.start_new("chat")
    c.move(lambda s: s.start("kontakt"))
    clock.advance(120)
    c.add_note("veisøker vil bytte studie")
    clock.advance(60)
    c.add_note(f"skrev {IDENTIFYING[0]} og {IDENTIFYING[2]}", pinned=True)
    clock.advance(60)
    c.add_note(
        f"e-post {IDENTIFYING[4]}, bor i {IDENTIFYING[5]}, {IDENTIFYING[6]}", knapp="meg-i-kontekst"
    )
    c.move(lambda s: s.jump("kommunikasjon"))
    clock.advance(300)
    c.add_note(f"ring {IDENTIFYING[3]} eller {IDENTIFYING[1]}", pinned=True)
    c.finish()
    question = model.reflection[0].id
    c.text_changed(f"{ANSWER_PREFIX}{question}", f"hen ga meg {IDENTIFYING[4]}")
    c.save_everything()
    store.save_log(c.session_id, render_json(logflow.running_log(c)))
    return store, c.session_id


def demo_archive(model: Content, store: Store, count: int = 30) -> list[TeamRecord]:
    """``count`` invented conversations saved beside the ones in ``store``, as team records."""
    generate(store, model, count, start=1_780_000_000.0)
    return own_records(store)


def alike(log: ReflectionLog) -> list[TeamRecord]:
    """This conversation's record and two more just like it: the pack may say everything."""
    own = record_of(log)
    return [own, *(own.model_copy(update={"id": f"{n:016x}"}) for n in range(2))]


def reviewed(model: Content, pack: Pack) -> Pack:
    return mask_all_pack(pack, vocabulary(model))


def test_a_pack_is_refused_until_the_log_review_is_complete_then_leaks_nothing(
    model: Content, tmp_path: Path, clock: FakeClock
) -> None:
    store, sid = conversation_with_identities(model, tmp_path, clock)
    archive = demo_archive(model, store)
    log = logflow.log_for(model, store, sid)
    todo = pending(log, [])
    assert todo
    with pytest.raises(PackRefused, match="ikke er gjennomgått"):
        build_pack(model, log, len(todo), Choice(), archive)
    masked, decisions, _ = mask_all(log, [])
    assert not pending(masked, decisions)
    pack = reviewed(
        model, build_pack(model, masked, 0, Choice(question="Hvor mistet jeg hen?"), archive)
    )
    assert pack.moments
    page, text = render_html(model, pack), render_markdown(model, pack)
    day = masked.date  # YYYY-MM-DD
    for out in (page, text):
        for raw in IDENTIFYING:
            assert raw not in out
            assert raw.replace("\u200b", "") not in out
        assert sid not in out and sid[:8] not in out
        assert socket.gethostname() not in out and getpass.getuser() not in out
        assert str(tmp_path) not in out and day not in out and masked.start_time not in out
        assert " min," not in out  # no note carries its minute
        assert "Hvor mistet jeg hen" in out
        assert "gjennomgått av veilederen" in out and "Anonym" not in out
    assert "[TELEFON]" in page and "\\[E\\-POST\\]" in text  # masked, not dropped


def test_every_typed_text_passes_the_pack_review_and_a_name_field_may_hold_a_name(
    model: Content, tmp_path: Path, clock: FakeClock
) -> None:
    store, sid = conversation_with_identities(model, tmp_path, clock)
    archive = demo_archive(model, store)
    log, _, _ = mask_all(logflow.log_for(model, store, sid), [])
    vocab = vocabulary(model)
    typed = Choice(question="Kari Nordmann ringte kl 14:32 fra 412 34 567", name="Kari Hansen")
    pack = build_pack(model, log, 0, typed, archive)
    found = {(f.source, f.hit.kind.value, f.hit.text) for f in pack_findings(pack, vocab)}
    assert ("question", "NAVN", "Kari Nordmann") in found
    assert ("question", "KLOKKESLETT", "kl 14:32") in found
    assert ("question", "TELEFON", "412 34 567") in found
    assert not any(source == "name" for source, *_ in found)  # the counsellor's own name
    numbered = build_pack(model, log, 0, Choice(name="Kari 41234567"), archive)
    assert [f.hit.kind.value for f in pack_findings(numbered, vocab)] == ["TELEFON"]
    anonymous = render_markdown(
        model, reviewed(model, build_pack(model, log, 0, Choice(), archive))
    )
    assert "Veileder:" not in anonymous


def test_a_keep_from_the_log_review_is_asked_again_and_needs_a_reason(
    model: Content, tmp_path: Path, clock: FakeClock
) -> None:
    store, sid = conversation_with_identities(model, tmp_path, clock)
    archive = demo_archive(model, store)
    log = logflow.log_for(model, store, sid)
    decisions = [
        (f.source, f.hit.kind.value, f.hit.start, f.hit.end - f.hit.start, "keep")
        for f in pending(log, [])
    ]
    assert not pending(log, decisions)  # the log's review is complete: everything kept
    pack = build_pack(model, log, 0, Choice(), archive)
    vocab = vocabulary(model)
    todo = pack_findings(pack, vocab)
    assert {f.hit.kind.value for f in todo} >= {"FØDSELSNUMMER", "TELEFON", "E-POST"}
    with pytest.raises(ValueError, match="reason"):
        decide(pack, todo[0], "keep", "  ")
    first, key = decide(pack, todo[0], "keep", "oppdiktet nummer i et øvingseksempel")
    assert key is not None and len(pack_findings(first, vocab, [key])) == len(todo) - 1
    edited, _ = decide(first, todo[1], "edit", "et nummer")
    assert todo[1].hit.text not in texts(edited)[todo[1].source]
    done = edited
    while rest := pack_findings(done, vocab, [key]):
        done, _ = decide(done, rest[0], "mask")
    out = render_markdown(model, done)
    assert f"{done.review.masked} maskert, 1 skrevet om, 1 beholdt med begrunnelse" in out
    assert "øvingseksempel" not in out  # the reason is not written into the pack


def test_each_part_can_be_left_out(model: Content, tmp_path: Path, clock: FakeClock) -> None:
    store, sid = conversation_with_identities(model, tmp_path, clock)
    archive = demo_archive(model, store)
    log, _, _ = mask_all(logflow.log_for(model, store, sid), [])
    bare = build_pack(model, log, 0, Choice(moments=False, timeline=False, answers=False), archive)
    assert not bare.moments and not bare.steps and not bare.answers
    page = render_html(model, bare)
    assert "<svg" not in page and "Festede øyeblikk" not in page and "Til drøfting" in page
    full = build_pack(model, log, 0, Choice(), alike(log))
    assert full.level == 0 and full.week == week_of(log.date) and full.minutes is not None
    assert [m.pinned for m in full.moments[0]] == [False, True, False]  # the neighbours too
    assert any(m.kind == "knapp" for step in full.steps for m in step.marks)


def test_no_pack_of_thirty_demo_conversations_fits_only_its_own_log(
    model: Content, tmp_path: Path
) -> None:
    """The linkage attack: each pack's facts and course against every team record of the
    folder, and its facts line against every full log, read generously. At least K fit."""
    store = Store(tmp_path / "data").open()
    ids = generate(store, model, 30, start=1_780_000_000.0)
    records = own_records(store)
    logs = [logflow.log_for(model, store, i) for i in ids]
    levels = []
    for log in logs:
        pack = build_pack(model, log, 0, Choice(), records)
        sig = signature(pack)
        fits = [r for r in records if could_be(sig, r)]
        assert len(fits) >= K, (log.session_id, pack.level, len(fits))
        facts_fit = [
            other for other in logs
            if (pack.week is None or week_of(other.date) == pack.week)
            and (pack.month is None or other.date[:7] == pack.month)
            and (pack.channel is None or other.channel == pack.channel)
            and (pack.minutes is None
                 or pack.minutes[0] - 1 <= other.duration_seconds / 60 <= pack.minutes[1] + 1)
            and (pack.renewals is None or min(other.renewals, 3) == min(pack.renewals, 3))
            and (pack.renewed is None or (other.renewals > 0) == pack.renewed)
        ]  # fmt: skip
        assert len(facts_fit) >= 2, (log.session_id, pack.level)
        levels.append(pack.level)
    assert min(levels) == 0  # a pack says more where enough conversations are alike
    assert max(levels) < len(LEVELS) - 1


def test_with_too_few_alike_conversations_the_pack_is_refused(
    model: Content, tmp_path: Path, clock: FakeClock
) -> None:
    store, sid = conversation_with_identities(model, tmp_path, clock)
    log, _, _ = mask_all(logflow.log_for(model, store, sid), [])
    with pytest.raises(PackRefused, match="færre enn 3"):
        build_pack(model, log, 0, Choice(), own_records(store))


MARKUP = [
    '"><svg onload=alert(1)>',
    "<h1>stor</h1> <img src=x onerror=alert(1)>",
    "# overskrift",
    "1. liste\n- punkt\n> sitat\n    kode\n===",
    "**fet** _kursiv_ `kode` [lenke](javascript:alert(1)) ![bilde](x.png)",
    "&lt;script&gt; &amp; &#60;b&#62;",
    "<!-- kommentar --> <div>blokk</div>",
    "| a | b |\n|---|---|",
    "\\*ikke fet\\*",
]


def test_the_markdown_pack_renders_nothing_typed_as_markup(
    model: Content, tmp_path: Path, clock: FakeClock
) -> None:
    """CommonMark (markdown-it, as chat and file previews use): the pack with markup typed into
    every field has exactly the elements of the same pack with plain words there, and each typed
    text comes out as that text."""
    from markdown_it import MarkdownIt

    store, sid = conversation_with_identities(model, tmp_path, clock)
    archive = demo_archive(model, store)
    log, _, _ = mask_all(logflow.log_for(model, store, sid), [])
    pack = build_pack(model, log, 0, Choice(), archive)

    def filled(values: list[str]) -> Pack:
        out = pack
        for n, source in enumerate([*sorted(texts(pack)), "question", "name"]):
            out = with_text(out, source, values[n % len(values)])
        return out

    md = MarkdownIt("commonmark", {"html": True})
    tags = re.compile(r"<(/?[a-z0-9]+)")

    def elements(p: Pack) -> list[str]:
        return tags.findall(md.render(render_markdown(model, p)))

    plain = ["\n".join("ord" for _ in text.splitlines()) for text in MARKUP]  # same lines
    assert elements(filled(MARKUP)) == elements(filled(plain))
    rendered = md.render(render_markdown(model, filled(MARKUP)))
    assert "<svg" not in rendered and "<img" not in rendered and "<h1>stor" not in rendered
    assert "&quot;&gt;&lt;svg onload=alert(1)&gt;" in rendered  # the text itself, as text


@pytest.mark.parametrize(
    ("day", "week"),
    [
        ("2026-11-29", "2026-W48"),
        ("2026-11-30", "2026-W49"),
        ("2027-01-01", "2026-W53"),
        ("2024-12-30", "2025-W01"),
    ],
)
def test_the_date_is_coarsened_to_its_iso_week(day: str, week: str) -> None:
    assert week_of(day) == week


def test_the_page_is_self_contained(model: Content, tmp_path: Path, clock: FakeClock) -> None:
    store, sid = conversation_with_identities(model, tmp_path, clock)
    log, _, _ = mask_all(logflow.log_for(model, store, sid), [])
    page = render_html(model, build_pack(model, log, 0, Choice(), demo_archive(model, store)))
    assert "<script" not in page and "http://" not in page.replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    )
    assert "https://" not in page and "@import" not in page and "url(" not in page


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
NEEDS_BROWSER = bool(os.environ.get("CI")) and sys.platform.startswith("linux")
"""CI on Linux installs Debian's Chromium (make test): there the browser test must run."""


@pytest.mark.skipif(
    CHROMIUM is None and not NEEDS_BROWSER,
    reason="chromium is not installed (make test installs it)",
)
def test_the_pack_in_a_real_browser(model: Content, tmp_path: Path, clock: FakeClock) -> None:
    """Headless Chromium: it renders, the timeline is drawn, the text is text, and it prints."""
    assert CHROMIUM is not None, "CI must have chromium (make test installs it)"
    store, sid = conversation_with_identities(model, tmp_path, clock)
    log, _, _ = mask_all(logflow.log_for(model, store, sid), [])
    archive = alike(log)

    def chrome(*args: str) -> subprocess.CompletedProcess[str]:
        flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}"]  # fmt: skip
        return subprocess.run([str(CHROMIUM), *flags, *args], capture_output=True, text=True,
                              timeout=120, check=True)  # fmt: skip

    def page_of(choice: Choice, name: str) -> str:
        page = tmp_path / name
        pack = build_pack(model, log, 0, choice, archive)
        page.write_text(render_html(model, pack), encoding="utf-8")
        return page.as_uri()

    url = page_of(Choice(), "pakke.html")
    dom = chrome("--dump-dom", url).stdout
    assert "Tidslinjen" in dom and "<rect" in dom and "Øyeblikk 1" in dom  # laid out as text

    def colourful(uri: str, name: str) -> int:
        """Strongly coloured pixels in a screenshot (the page is otherwise black and white)."""
        shot = tmp_path / name
        chrome(f"--screenshot={shot}", "--window-size=900,1400", uri)
        pixels = png_pixels(shot.read_bytes())
        return sum(1 for r, g, b in pixels if max(r, g, b) - min(r, g, b) > 60)

    with_timeline = colourful(url, "with.png")
    without = colourful(page_of(Choice(timeline=False), "without.html"), "without.png")
    assert with_timeline > 5000 > without  # the phase bands are what is coloured
    pdf = tmp_path / "pakke.pdf"
    chrome(f"--print-to-pdf={pdf}", "--no-pdf-header-footer", url)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and b"/Type /Page" in data and len(data) > 5000


def png_pixels(png: bytes) -> list[tuple[int, int, int]]:
    """The RGB pixels of an 8-bit RGB or RGBA PNG (what Chromium writes), rows unfiltered."""
    from zlib import decompress

    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    i, idat, header = 8, b"", b""
    while i < len(png):
        length = int.from_bytes(png[i : i + 4], "big")
        kind, body = png[i + 4 : i + 8], png[i + 8 : i + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        i += 12 + length
    width, height = int.from_bytes(header[:4], "big"), int.from_bytes(header[4:8], "big")
    assert header[8] == 8 and header[9] in (2, 6), "8-bit RGB or RGBA"
    size = 3 if header[9] == 2 else 4
    raw, stride = decompress(idat), width * size
    out: list[tuple[int, int, int]] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for x in range(stride):
            left = line[x - size] if x >= size else 0
            up = previous[x]
            corner = previous[x - size] if x >= size else 0
            if kind == 1:
                line[x] = (line[x] + left) & 255
            elif kind == 2:
                line[x] = (line[x] + up) & 255
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                best = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[x] = (line[x] + best) & 255
        out += [(line[x], line[x + 1], line[x + 2]) for x in range(0, stride, size)]
        previous = line
    return out


# --- the team picture ------------------------------------------------------------------------


def write_logs(folder: Path, model: Content, tmp_path: Path, week_sizes: dict[str, int]) -> None:
    """Exported JSON logs: ``week_sizes`` maps a date to how many conversations it had."""
    from tui.core.outputs.demo import generate
    from tui.core.outputs.log import ReflectionLog

    store = Store(tmp_path / "gen", clock=FakeClock()).open()
    total = sum(week_sizes.values())
    generate(store, model, total, start=1_780_000_000.0, seed=7)
    logs = [
        ReflectionLog.model_validate_json(js)
        for (js,) in store.conn.execute("SELECT json FROM logs")
    ]
    store.close()
    folder.mkdir(parents=True, exist_ok=True)
    i = 0
    for day, n in week_sizes.items():
        for _ in range(n):
            dated = logs[i].model_copy(update={"date": day})
            (folder / f"log-{i}.json").write_text(dated.model_dump_json(), encoding="utf-8")
            i += 1


def test_the_team_command_reads_a_folder_and_never_the_archive(
    model: Content, tmp_path: Path
) -> None:

    folder = tmp_path / "delt"
    write_logs(folder, model, tmp_path, {"2026-11-09": 6})
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "tui",
            "--data-dir",
            str(tmp_path / "none"),
            "team",
            str(folder),
            "--by",
            "week",
            "--html",
            str(tmp_path / "t.html"),
        ],
        capture_output=True,
        text=True,
        cwd=root,
        encoding="utf-8",
    )
    assert out.returncode == 0, out.stderr
    assert "2026-W46" in out.stdout and (tmp_path / "t.html").exists()
    assert "6 filer er hele refleksjonslogger" in out.stdout  # they do not belong there
    assert not (tmp_path / "none").exists()  # no archive was made or opened
    missing = subprocess.run(
        [sys.executable, "-m", "tui", "team", str(tmp_path / "nowhere")],
        capture_output=True,
        text=True,
        cwd=root,
        encoding="utf-8",
    )
    assert missing.returncode == 2 and "finnes ikke" in missing.stderr
    assert json.loads((folder / "log-0.json").read_text("utf-8"))["date"] == "2026-11-09"


def test_the_timeline_names_every_copied_line_never_by_its_id(
    model: Content, tmp_path: Path
) -> None:
    """#22 item 13: on demo data the timeline showed «refleksjon.1» (a Kolb line's id)."""
    store = Store(tmp_path / "data").open()
    generate(store, model, 40, start=1_780_000_000.0, seed=7)
    ids = [s.id for s in store.summaries()]
    stage_ids = {s.id for s in model.stages}
    seen_stage = False
    for sid in ids:
        log = logflow.log_for(model, store, sid)
        labels = [m.label for step in timeline_steps(model, log) for m in step.marks]
        for label in labels:  # a type, a knapp, a Kolb stage or «a line»: never a prompt id
            assert not re.search(r"\b[a-zæøå-]+\.[0-9]+\b", label), label
        seen_stage |= any(c.prompt_id.split(".")[0] in stage_ids for c in log.copies)
    assert seen_stage  # the demo copies Kolb lines: the case above was met
    store.close()
