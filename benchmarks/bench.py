"""Veiviser benchmarks: every row is a ratio against a different measurement made in the same run.

Run with ``make bench`` (TEXTUAL_ANIMATIONS=none, the venv's python called directly).

- **Start-up** is measured as a person sees it: the installed ``veiviser`` command (through
  ``cli.main``) and a bare Textual app (``benchmarks/bare_app.py``: Header, Static, TextArea,
  Footer) each started as a whole process in a pseudo-terminal, alternately, and timed to the
  frame that has the bottom line on the terminal (``benchmarks/launch.py``). Shutdown is not in
  the time. The ratio is the median (and p95) of the paired ratios. Peak memory is each child's
  own ``ru_maxrss`` from ``wait4``.
- **Start-up in tmux** is the same start seen through a real terminal emulator: both programs
  run alternately in one tmux window (120×30), timed until ``tmux capture-pane`` shows the
  complete first screen (``benchmarks/terminal.py``). tmux answers the terminal queries and
  builds the screen, so the row includes what the pty row leaves out.
- **Typing** is key → frame: ``App._display`` is wrapped to render each frame to terminal bytes
  and stamp it. A key counts when a frame holds the text just typed; the frames that follow
  within 60 ms are counted too (a second frame is work the person waits for as well). The
  baseline is a bare Textual ``Input``. The app's clock is stopped while keys are timed, so the
  phase bar's once-a-second redraw is not counted as a key's frame. Each notes case puts every
  note in the live list (a resume shows the last 300), so the list really holds 10,000 rows.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from launch import first_frame  # noqa: E402
from terminal import tmux  # noqa: E402
from textual.app import App, ComposeResult  # noqa: E402
from textual.widgets import Footer, Header, Input, OptionList, Static, TextArea  # noqa: E402
from textual.widgets.option_list import Option  # noqa: E402

from tui.app import VeiviserApp, build_app  # noqa: E402
from tui.core.archive.store import DB_NAME, Store, fold  # noqa: E402
from tui.core.base.paths import builtin_content_dir, builtin_themes_dir  # noqa: E402
from tui.core.conversation.session import Session  # noqa: E402
from tui.core.model.content import Content  # noqa: E402
from tui.core.model.loader import load_content  # noqa: E402
from tui.core.model.themes import load_themes  # noqa: E402
from tui.core.outputs.log import Privacy, build_log, render_json, render_markdown  # noqa: E402
from tui.widgets.notes_pane import NotesPane  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "9"))
KEYS = int(os.environ.get("BENCH_KEYS", "60"))
SETTLE = 0.06  # frames within this long after a key belong to it
PYTHON = sys.executable
VEIVISER = str(Path(PYTHON).with_name("veiviser"))
MODEL: Content = load_content(builtin_content_dir())
THEMES = load_themes(builtin_themes_dir())
ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")

rows: list[tuple[str, str, str, str]] = []


def stats(values: list[float]) -> tuple[float, float]:
    """Median and p95."""
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def row(name: str, ours: list[float], base: list[float], goal: str, unit: float = 1000,
        paired: bool = False) -> None:  # fmt: skip
    """A row: our median/p95, the baseline's, and the ratios (of pairs when ``paired``)."""
    m, p = stats(ours)
    bm, bp = stats(base)
    if paired:
        rm, rp = stats([a / b for a, b in zip(ours, base, strict=True)])
    else:
        rm, rp = m / bm, p / bp
    rows.append((name, f"{m * unit:8.2f} / {p * unit:8.2f}", f"{bm * unit:8.2f} / {bp * unit:8.2f}",
                 f"{rm:5.2f}× / {rp:5.2f}×  {goal}"))  # fmt: skip


def absolute(name: str, values: list[float], budget: float, goal: str) -> None:
    """A row measured against a fixed budget (a 60 Hz frame, 16 ms) instead of an app."""
    m, p = stats(values)
    rows.append((name, f"{m * 1000:8.2f} / {p * 1000:8.2f}", f"{budget * 1000:8.2f} budget",
                 f"{m / budget:5.2f}× / {p / budget:5.2f}×  {goal}"))  # fmt: skip


# --- archives ----------------------------------------------------------------------------------


def archive(sessions: int) -> Path:
    """A data folder with ``sessions`` saved conversations of the last months: moves, a dozen
    notes, search rows and a saved log each (≈ 10 kB a conversation, like real ones)."""
    data = Path(tempfile.mkdtemp(prefix="vbench-archive-")) / "data"
    Store(data).open().close()
    conn = sqlite3.connect(data / DB_NAME)
    now = time.time()
    words = ["sykepleie", "tømrer", "økonomi", "opptak", "fagbrev", "studie", "jobb", "sjåfør"]
    log = json.dumps(
        {"notes": [{"text": "veisøker vurderer å bytte fra bygg til helse " * 8}] * 12}
    )
    conn.execute("BEGIN")
    for i in range(sessions):
        sid = uuid.uuid4().hex
        at = now - 60 - i * 600  # every ten minutes back: 10,000 is ≈ 70 days
        conn.execute(
            "INSERT INTO sessions (id, created_at, channel, status, updated_at) "
            "VALUES (?, ?, 'chat', 'saved', ?)",
            (sid, at, at),
        )
        for seq, (kind, old, new) in enumerate(
            [("start", "ikke-startet", "kontakt"), ("next", "kontakt", "kontrakt"),
             ("next", "kontrakt", "kommunikasjon")], start=1):  # fmt: skip
            conn.execute("INSERT INTO moves VALUES (?, ?, ?, ?, ?, ?)",
                         (sid, seq, at + seq * 60, kind, old, new))  # fmt: skip
        for j in range(1, 13):
            text = f"notat {j} om {words[(i + j) % len(words)]} og valg nr {i}"
            conn.execute("INSERT INTO notes VALUES (?, ?, ?, 'kommunikasjon', 1, ?, NULL, 0)",
                         (sid, j, at + 200 + j, text))  # fmt: skip
            conn.execute("INSERT INTO search VALUES (?, ?, ?)", (sid, f"note:{j}", fold(text)))
        conn.execute("INSERT INTO logs VALUES (?, ?, ?)", (sid, at + 1800, log))
    conn.execute("COMMIT")
    conn.close()
    return data


def seeded(n_notes: int) -> Path:
    """A data folder with one unfinished session of ``n_notes`` notes (bulk-inserted)."""
    data = Path(tempfile.mkdtemp(prefix="vbench-")) / "data"
    store = Store(data).open()
    sid = store.create_session("chat")
    now = time.time() - 3600
    conn = store.conn
    conn.execute("BEGIN")
    conn.execute(
        "INSERT INTO moves VALUES (?, 1, ?, 'start', 'ikke-startet', 'kommunikasjon')", (sid, now)
    )
    conn.executemany(
        "INSERT INTO notes VALUES (?, ?, ?, 'kommunikasjon', 1, ?, NULL, 0)",
        [(sid, i, now + i * 0.1, f"notat nummer {i} om utdanning og jobb")
         for i in range(1, n_notes + 1)],
    )  # fmt: skip
    conn.execute("COMMIT")
    store.close()
    return data


# --- start-up in a real terminal ------------------------------------------------------------------


COMPLETE = tuple(text.encode() for text in ("Søk", "Hei, og velkommen!", "Notater"))


def start_up() -> float:
    """Rows for start-up and memory; returns the median start-up (s) of the empty archive."""
    # Byte-compile Veiviser first, as pip and uv do when they install the wheel: an editable
    # checkout under PYTHONDONTWRITEBYTECODE=1 would otherwise compile every module at each start.
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(ROOT / "tui")], check=True,
                   capture_output=True)  # fmt: skip
    scratch = Path(tempfile.mkdtemp(prefix="vbench-start-"))
    cache = scratch / "cache"
    big = archive(10_000)
    size_mb = sum(p.stat().st_size for p in big.iterdir()) / 1e6

    def ours(data: Path, cache_dir: Path) -> Any:
        env = {"VEIVISER_DATA_DIR": str(data), "VEIVISER_CONFIG": str(scratch / "none.yaml"),
               "VEIVISER_CACHE_DIR": str(cache_dir)}  # fmt: skip
        # The frame is complete when the footer, the guide's first question and the notes
        # pane are on the terminal (each is drawn by a different widget).
        return first_frame([VEIVISER, "--channel", "chat"], COMPLETE, env)

    def bare() -> Any:
        return first_frame([PYTHON, str(ROOT / "benchmarks" / "bare_app.py")], b"palette")

    ours(scratch / "empty", cache), bare()  # warm-up: page cache, .pyc, the content cache
    series: dict[str, list[float]] = {"empty": [], "big": [], "miss": [], "bare": []}
    rss: dict[str, list[float]] = {"ours": [], "bare": []}
    for n in range(RUNS):
        b = bare()
        e = ours(scratch / "empty", cache)
        series["bare"].append(b.first_frame)
        series["empty"].append(e.first_frame)
        series["big"].append(ours(big, cache).first_frame)
        series["miss"].append(ours(scratch / "empty", scratch / f"cold-cache-{n}").first_frame)
        rss["bare"].append(b.peak_rss_mb)
        rss["ours"].append(e.peak_rss_mb)
    row("start-up to first frame, empty archive (ms)", series["empty"], series["bare"],
        "goal ≤ 1.3×", paired=True)  # fmt: skip
    row(f"start-up, archive of 10,000 conversations ({size_mb:.0f} MB) (ms)", series["big"],
        series["bare"], "goal ≤ 1.3×", paired=True)  # fmt: skip
    row("start-up after content changed (cache miss) (ms)", series["miss"], series["bare"],
        "(information)", paired=True)  # fmt: skip
    row("peak RSS of the process (MB)", rss["ours"], rss["bare"], "goal ≤ 1.3×", unit=1,
        paired=True)  # fmt: skip

    # The content's share of start-up, each load in a fresh process once Textual is imported
    # (as in the app: the standard library both need is not charged to the content).
    probe = (
        "import textual.app, textual.widgets; import time; t = time.perf_counter();"
        "from tui.core.model import compiled; from tui.core.base.paths import builtin_content_dir;"
        "compiled.content(builtin_content_dir()); print(time.perf_counter() - t)"
    )

    def load(cache_dir: str) -> float:
        env = {**os.environ, "VEIVISER_CACHE_DIR": cache_dir}
        out = subprocess.run([PYTHON, "-c", probe], capture_output=True, text=True, cwd=ROOT,
                             env=env, check=True).stdout  # fmt: skip
        return float(out.strip())

    start = statistics.median(series["empty"])
    for label, cache_dir in (("YAML + validation (cache miss)", "off"), ("cache", str(cache))):
        m = statistics.median([load(cache_dir) for _ in range(RUNS)])
        rows.append((f"content from {label} / start-up", f"{m * 1000:8.2f} ms",
                     f"{start * 1000:8.2f} ms", f"{m / start * 100:5.1f} %  goal ≤ 10 %"))  # fmt: skip
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.rmtree(big.parent, ignore_errors=True)
    for cached in (ROOT / "tui").rglob("__pycache__"):  # leave the checkout as it was
        shutil.rmtree(cached, ignore_errors=True)
    return start


def terminal_start_up() -> None:
    """Start-up as a terminal shows it: the installed command and the bare app started
    alternately in one tmux window of 120×30, each timed until tmux's own screen shows its
    complete first screen (:mod:`terminal`). Veiviser gets a fresh data folder each time (a
    first start of the day on a new machine), and the archive of 10,000 conversations."""
    if shutil.which("tmux") is None:
        rows.append(("start-up in tmux", "tmux missing", "", "not measured"))
        return
    subprocess.run(
        [PYTHON, "-m", "compileall", "-q", str(ROOT / "tui")], check=True, capture_output=True
    )  # fmt: skip  (as start_up(): an installed wheel has .pyc)
    scratch = Path(tempfile.mkdtemp(prefix="vbench-tmux-"))
    big = archive(10_000)
    base_env = {"TERM": "xterm-256color", "VEIVISER_CONFIG": str(scratch / "none.yaml"),
                "VEIVISER_CACHE_DIR": str(scratch / "cache")}  # fmt: skip
    markers = tuple(marker.decode() for marker in COMPLETE)
    series: dict[str, list[float]] = {"fresh": [], "big": [], "bare": [], "bare2": []}
    with tmux((120, 30)) as terminal:

        def ours(data: Path) -> float:
            env = {**base_env, "VEIVISER_DATA_DIR": str(data)}
            return terminal.first_screen([VEIVISER, "--channel", "chat"], markers, env)

        def bare() -> float:
            return terminal.first_screen([PYTHON, str(ROOT / "benchmarks" / "bare_app.py")],
                                         ("palette",), {"TERM": "xterm-256color"})  # fmt: skip

        ours(scratch / "warm-up"), bare()  # page cache, .pyc, the content cache
        for n in range(RUNS):
            series["bare"].append(bare())
            series["fresh"].append(ours(scratch / f"fresh-{n}"))
            series["bare2"].append(bare())
            series["big"].append(ours(big))
    row("start-up in tmux to the complete screen, fresh data folder (ms)", series["fresh"],
        series["bare"], "goal ≤ 1.3×", paired=True)  # fmt: skip
    row("start-up in tmux, archive of 10,000 conversations (ms)", series["big"],
        series["bare2"], "goal ≤ 1.3×", paired=True)  # fmt: skip
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.rmtree(big.parent, ignore_errors=True)
    for cached in (ROOT / "tui").rglob("__pycache__"):  # leave the checkout as it was
        shutil.rmtree(cached, ignore_errors=True)


# --- key → frame -----------------------------------------------------------------------------------


class FrameClock:
    """Wraps ``App._display`` to render each frame to terminal bytes and stamp when it was ready."""

    def __init__(self, app: App[Any]) -> None:
        self.frames: list[tuple[float, str]] = []
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            if renderable is not None and hasattr(renderable, "render_segments"):
                text = renderable.render_segments(app.console)
                self.frames.append((time.perf_counter(), ANSI.sub("", text)))

        app._display = display  # type: ignore[method-assign]


class Keys:
    """Per key: time to the frame that shows it, time to the last frame, frames drawn."""

    def __init__(self) -> None:
        self.shown: list[float] = []
        self.settled: list[float] = []
        self.frames: list[float] = []
        self.missed = 0


async def typing(app: App[Any], text: str, value: Callable[[], str],
                 before: Callable[[Any], Awaitable[None]] | None = None) -> Keys:  # fmt: skip
    """Type ``text`` one key at a time; a key counts when a frame holds what is now typed."""
    Input.cursor_blink = False  # type: ignore[assignment]
    TextArea.cursor_blink = False  # type: ignore[assignment]
    out = Keys()
    async with app.run_test(size=(120, 40)) as pilot:
        if before is not None:
            await before(pilot)
        await pilot.pause()
        await asyncio.sleep(SETTLE)
        clock = FrameClock(app)
        for char in text:
            clock.frames.clear()
            t0 = time.perf_counter()
            await pilot.press("space" if char == " " else char)
            await pilot.pause()
            await asyncio.sleep(SETTLE)
            tail = value()[-6:].strip()
            frames = [(t, f) for t, f in clock.frames if t >= t0]
            seen = [t for t, f in frames if tail and tail in f]
            if not seen:
                out.missed += 1
                continue
            out.shown.append(seen[0] - t0)
            out.settled.append(frames[-1][0] - t0)
            out.frames.append(len(frames))
    return out


class BareInput(App[None]):
    """The typing baseline: a bare Textual Input with a Header and a Footer."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(id="text")
        yield Footer()


def words(n: int) -> str:
    """Text whose every 6-character tail is new: each key is recognisable in its frame."""
    out = " ".join(str(i) for i in range(1, 400))
    return out[:n]


def veiviser(data: Path, channel: str = "chat", frozen: bool = False) -> VeiviserApp:
    """The app on ``data``. ``frozen`` stops its clock, so the phase bar's once-a-second clock
    draws no frame of its own while keys are timed (it is not the key's work)."""
    store = Store(data).open()
    at = time.time()
    clock = (lambda: at) if frozen else time.time
    return build_app(store, model=MODEL, themes=THEMES, channel=channel, clock=clock)  # type: ignore[arg-type]


def note_value(app: App[Any]) -> Callable[[], str]:
    return lambda: app.screen.query_one(NotesPane).input.value


async def keypresses() -> None:
    text = words(KEYS)
    for n in (0, 1_000, 10_000):
        bare = BareInput()  # measured beside each case: the machine's state drifts
        base = await typing(bare, text, lambda bare=bare: bare.query_one(Input).value)
        data = seeded(n) if n else Path(tempfile.mkdtemp(prefix="vbench-")) / "data"
        app = veiviser(data, frozen=True)

        async def fill(pilot: Any, n: int = n) -> None:
            """Resume (f), then put every note in the live list (resume shows the last 300)."""
            if n:
                await pilot.press("f")
                await pilot.pause()
                pane = pilot.app.screen.query_one(NotesPane)
                notes = pilot.app.conversation.session.notes
                listing = pane.query_one(OptionList)
                listing.clear_options()
                listing.add_options([Option(pane._row(x), id=str(x.id)) for x in notes])
                listing.scroll_end(animate=False)
                assert listing.option_count == n, listing.option_count

        ours = await typing(app, text, note_value(app), before=fill)
        app.conversation.store.close()
        shutil.rmtree(data.parent, ignore_errors=True)
        missed = f", {ours.missed} keys not seen" if ours.missed else ""
        row(f"typing with {n:>6,} notes in the list: key → its frame (ms){missed}", ours.shown,
            base.shown, "goal ≤ 1.0×")  # fmt: skip
        row(f"typing with {n:>6,} notes: key → last frame (ms)", ours.settled, base.settled,
            "goal ≤ 1.0×")  # fmt: skip
        row(f"typing with {n:>6,} notes: frames per key", ours.frames, base.frames,
            "(information)", unit=1)  # fmt: skip


async def switches() -> None:
    """Phase keys and the overview with a long session, against the same with an empty one."""

    async def series(n: int) -> tuple[list[float], list[float]]:
        data = seeded(n) if n else Path(tempfile.mkdtemp(prefix="vbench-")) / "data"
        app = veiviser(data)
        switch: list[float] = []
        async with app.run_test(size=(120, 40)) as pilot:
            if n:
                await pilot.press("f")
            await pilot.pause()
            clock = FrameClock(app)
            for key in ["f1", "f2", "f3", "f4"] * (KEYS // 8):
                clock.frames.clear()
                t0 = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                later = [t for t, _ in clock.frames if t >= t0]
                if later:
                    switch.append(later[0] - t0)
        app.conversation.store.close()
        resumes = []
        for _ in range(3):
            app = veiviser(data)
            t0 = time.perf_counter()
            async with app.run_test(size=(120, 40)) as pilot:
                if n:
                    await pilot.press("f")
                await pilot.pause()
                resumes.append(time.perf_counter() - t0)
            app.conversation.store.close()
        shutil.rmtree(data.parent, ignore_errors=True)
        return switch, resumes

    empty_switch, empty_open = await series(0)
    big_switch, big_open = await series(10_000)
    row("phase switch F1–F4, session of 10,000 notes vs a new one (ms)", big_switch,
        empty_switch, "goal: flat")  # fmt: skip
    row("resume a session of 10,000 notes vs open a new one (ms)", big_open, empty_open,
        "(information)")  # fmt: skip


async def practice_screen() -> None:
    """Opening «Min praksis» over 10,000 archived conversations, against opening the archive
    (the logs screen) on the same data: both read the whole archive once."""
    data = archive(10_000)

    async def opening(key: str) -> list[float]:
        times = []
        for _ in range(max(3, RUNS // 2)):
            app = veiviser(data)
            async with app.run_test(size=(120, 40)) as pilot:
                await pilot.pause()
                clock = FrameClock(app)
                t0 = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                later = [t for t, _ in clock.frames if t >= t0]
                times.append((later[-1] if later else time.perf_counter()) - t0)
            app.conversation.store.close()
        return times

    logs = await opening("f9")
    mine = await opening("f12")
    shutil.rmtree(data.parent, ignore_errors=True)
    row("open Min praksis over 10,000 conversations vs the logs screen (ms)", mine, logs,
        "(information)")  # fmt: skip


def team_picture(count: int = int(os.environ.get("BENCH_TEAM_LOGS", "100000"))) -> None:
    """``veiviser team`` over a shared folder of ``count`` exported logs, against only reading
    and JSON-parsing the same files (the least any reader of the folder must do)."""
    import datetime as dt

    from tui.core.outputs.demo import generate
    from tui.core.outputs.teampicture import gather

    scratch = Path(tempfile.mkdtemp(prefix="vbench-team-"))
    store = Store(scratch / "gen").open()
    generate(store, MODEL, 50, start=time.time() - 400 * 86400, seed=11)
    logs = [json.loads(js) for (js,) in store.conn.execute("SELECT json FROM logs")]
    store.close()
    folder = scratch / "delt"
    folder.mkdir()
    first = dt.date(2025, 1, 6)
    for i in range(count):
        log = dict(
            logs[i % len(logs)],
            date=(first + dt.timedelta(days=i % 700)).isoformat(),
            session_id=f"bench-{i:06d}",
        )  # each a conversation of its own
        (folder / f"{i:06d}.json").write_text(json.dumps(log), encoding="utf-8")

    def plain_read() -> None:
        for path in sorted(folder.rglob("*.json")):
            json.loads(path.read_bytes())

    ours, base = [], []
    for _ in range(3):
        t0 = time.perf_counter()
        picture = gather(folder, "month")
        ours.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        plain_read()
        base.append(time.perf_counter() - t0)
    assert len(picture.ids) == count
    shutil.rmtree(scratch, ignore_errors=True)
    row(f"veiviser team over {count:,} exported logs vs reading + json.loads them (s)", ours,
        base, "(information)", unit=1)  # fmt: skip


def export_and_search() -> None:
    session = Session("chat")
    session.start("kommunikasjon")
    for i in range(5000):
        session.add_note(f"notat {i}: veisøker vurderer å bytte fra bygg til helse, æøå")
    session.finish()
    log = build_log(MODEL, session, "bench", {}, Privacy(masked=0, kept=0))
    md, js = [], []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        render_markdown(MODEL, log)
        md.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        render_json(log)
        js.append(time.perf_counter() - t0)
    absolute("export 5,000 notes as Markdown (ms)", md, 0.016, "goal < 16 ms")
    absolute("export 5,000 notes as JSON (ms)", js, 0.016, "goal < 16 ms")

    data = archive(10_000)
    store = Store(data).open()
    searches = []
    for _ in range(RUNS):
        for word in ("tømrer", "sjåfør økonomi", "valg nr 9999", "ingentreff"):
            t0 = time.perf_counter()
            store.search(word)
            searches.append(time.perf_counter() - t0)
    store.close()
    shutil.rmtree(data.parent, ignore_errors=True)
    absolute("FTS search over 10,000 archived conversations (ms)", searches, 0.016, "goal < 16 ms")


def chat_transcript(turns: int = 400) -> str:
    """A Zendesk-style transcript of ``turns`` messages: the counsellor's lines are the guide's
    own questions reworded a little (so suggestions have work to do), the veisøker's ordinary."""
    import random

    rng = random.Random(24)
    questions = [ref.prompt.text("chat") for ref in MODEL.all_prompts() if ref.phase]
    fillers = ["egentlig", "nå", "kanskje", "litt", "for deg", "i dag"]
    lines = ["Chat started: 2026-12-01 14:00 UTC", ""]
    for n in range(turns):
        clock = f"({14 + n // 3600:02d}:{n // 60 % 60:02d}:{n % 60:02d})"
        if n % 2 == 0:
            words = rng.choice(questions).split()
            words.insert(rng.randrange(len(words)), rng.choice(fillers))
            lines.append(f"{clock} Veileder: {' '.join(words)}")
        else:
            lines.append(
                f"{clock} Visitor 1234: jeg tenker på vg{n % 3 + 1} og {rng.choice(fillers)}"
            )
    return "\n".join(lines) + "\n"


async def chat_analysis() -> None:
    """#24: reading a 400-turn transcript, the suggestion for every counsellor question in it,
    and stepping through it on the chat screen (key → the next turn shown)."""
    from tui.core.chat.analysis import Analysis, Suggester, is_question, review
    from tui.core.chat.transcript import read
    from tui.core.outputs.casepack import vocabulary
    from tui.screens.chat import ChatScreen

    folder = Path(tempfile.mkdtemp(prefix="vbench-chat-"))
    path = folder / "chat.txt"
    path.write_text(chat_transcript(), encoding="utf-8")
    reads = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        transcript = read(path)
        reads.append(time.perf_counter() - t0)
    absolute("chat: read a 400-turn transcript (ms)", reads, 0.016, "goal < 16 ms")
    t0 = time.perf_counter()
    reviewed, masked = review(transcript.with_counsellor("Veileder"), vocabulary(MODEL))
    per_turn_review = (time.perf_counter() - t0) / len(reviewed.turns)
    absolute("chat: pack review, per turn (ms)", [per_turn_review], 0.016, "goal < 16 ms")
    suggester = Suggester(MODEL)
    suggester.suggest("varm opp")  # rapidfuzz's import is not a question's cost
    times = []
    for turn in reviewed.turns:
        if is_question(turn):
            t0 = time.perf_counter()
            suggester.suggest(turn.text)
            times.append(time.perf_counter() - t0)
    absolute(f"chat: suggestion per counsellor question ({len(times)}) (ms)", times, 0.016,
             "goal < 16 ms")  # fmt: skip

    analysis = Analysis(reviewed, masked)
    analysis.suggest_all(suggester)
    data = folder / "data"
    app = veiviser(data, channel="chat", frozen=True)
    steps: list[float] = []
    async with app.run_test(size=(120, 30)) as pilot:
        app.push_screen(ChatScreen(app.ctx, analysis))
        await pilot.pause(0.3)
        screen = app.screen
        for _ in range(min(200, len(reviewed.turns) - 1)):
            before = screen.index  # type: ignore[attr-defined]
            t0 = time.perf_counter()
            await pilot.press("down")
            while screen.index == before:  # type: ignore[attr-defined]
                await asyncio.sleep(0)
            steps.append(time.perf_counter() - t0)
    app.conversation.store.close()
    bare = BareTurns([f"{i + 1} {turn.text}" for i, turn in enumerate(reviewed.turns)])
    base: list[float] = []
    async with bare.run_test(size=(120, 30)) as pilot:
        turns = bare.query_one(OptionList)
        await pilot.pause(0.3)
        for _ in range(len(steps)):
            before = turns.highlighted
            t0 = time.perf_counter()
            await pilot.press("down")
            while turns.highlighted == before:
                await asyncio.sleep(0)
            base.append(time.perf_counter() - t0)
    row("chat: step one turn, 400-turn chat, pilot key → turn shown (ms)", steps, base,
        "goal ≤ 1.5×")  # fmt: skip
    shutil.rmtree(folder, ignore_errors=True)


class BareTurns(App[None]):
    """The stepping baseline: a bare OptionList of the same turns, with a line above and a
    detail below that follow the highlight (what the chat screen does, without the model)."""

    def __init__(self, turns: list[str]) -> None:
        super().__init__()
        self.turns = turns

    def compose(self) -> ComposeResult:
        yield Static(id="head")
        yield OptionList(*self.turns)
        yield Static(id="detail")

    def on_mount(self) -> None:
        turns = self.query_one(OptionList)
        turns.highlighted = 0
        turns.focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.query_one("#head", Static).update(f"{event.option_index + 1} / {len(self.turns)}")
        self.query_one("#detail", Static).update(self.turns[event.option_index])


def main() -> int:
    if not Path(VEIVISER).exists():
        print(f"{VEIVISER} is missing: run make setup first (the bench starts the real command).")
        return 2
    started = time.perf_counter()
    start_up()
    terminal_start_up()
    asyncio.run(keypresses())
    asyncio.run(switches())
    asyncio.run(practice_screen())
    asyncio.run(chat_analysis())
    team_picture()
    export_and_search()
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    header = ("measure", "Veiviser p50 / p95", "baseline p50 / p95", "ratio p50 / p95")
    widths = [max(w, len(h)) for w, h in zip(widths, header, strict=True)]
    print()
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip())
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
    print(f"\n{RUNS} paired runs after a warm-up; {KEYS} keys per typing series; "
          f"{time.perf_counter() - started:.0f} s in all. Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} cores.")  # fmt: skip
    (ROOT / "benchmarks" / "last-run.json").write_text(
        json.dumps(rows, ensure_ascii=False, indent=1)
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
