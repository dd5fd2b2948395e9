"""Veiviser benchmarks: every row is a ratio against a baseline measured in the same run.

Run with ``make bench`` (TEXTUAL_ANIMATIONS=none, the venv's python called directly).

Latency is the time from a key being posted to the frame for it being rendered to terminal
bytes: headless Textual skips writing frames, so ``App._display`` is wrapped to render the
compositor update (as the real driver would) and stamp the time. Pilot's own ``press`` wall
time is not used: it waits for idle in steps.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
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

from textual.app import App, ComposeResult  # noqa: E402
from textual.widgets import Footer, Header, Input, TextArea  # noqa: E402

from tui.app import VeiviserApp  # noqa: E402
from tui.core.loader import load_content  # noqa: E402
from tui.core.log import Privacy, build_log, render_json, render_markdown  # noqa: E402
from tui.core.paths import builtin_content_dir, builtin_themes_dir  # noqa: E402
from tui.core.session import Session  # noqa: E402
from tui.core.store import Store, fold  # noqa: E402
from tui.core.themes import load_themes  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "7"))
KEYS = int(os.environ.get("BENCH_KEYS", "60"))
PYTHON = sys.executable
MODEL = load_content(builtin_content_dir())
THEMES = load_themes(builtin_themes_dir())

rows: list[tuple[str, str, str, str]] = []


def stats(values: list[float]) -> tuple[float, float]:
    """Median and p95."""
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def row(name: str, ours: list[float], base: list[float], goal: str, unit: float = 1000) -> None:
    """Add a table row: our median/p95, the baseline's, and the ratios."""
    m, p = stats(ours)
    bm, bp = stats(base)
    rows.append(
        (
            name,
            f"{m * unit:8.2f} / {p * unit:8.2f}",
            f"{bm * unit:8.2f} / {bp * unit:8.2f}",
            f"{m / bm:5.2f}× / {p / bp:5.2f}×  {goal}",
        )
    )


def absolute(name: str, values: list[float], budget: float, goal: str) -> None:
    """A row measured against a fixed budget (a 60 Hz frame, 16 ms) instead of an app."""
    m, p = stats(values)
    rows.append(
        (
            name,
            f"{m * 1000:8.2f} / {p * 1000:8.2f}",
            f"{budget * 1000:8.2f} budget",
            f"{m / budget:5.2f}× / {p / budget:5.2f}×  {goal}",
        )
    )


# --- frame timing -------------------------------------------------------------------------


class FrameClock:
    """Wraps ``App._display`` to render each frame to bytes and stamp when it was ready."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.stamps: list[float] = []
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            if renderable is not None and hasattr(renderable, "render_segments"):
                renderable.render_segments(app.console)
                self.stamps.append(time.perf_counter())

        app._display = display  # type: ignore[method-assign]

    def first_after(self, t0: float) -> float | None:
        later = [s for s in self.stamps if s >= t0]
        return later[0] - t0 if later else None


async def latencies(app: App[Any], keys: list[str], size: tuple[int, int] = (100, 32),
                    before: Callable[[Any], Awaitable[None]] | None = None) -> list[float]:  # fmt: skip
    """Key-to-frame latency for each key in ``keys``."""
    Input.cursor_blink = False  # type: ignore[assignment]
    TextArea.cursor_blink = False  # type: ignore[assignment]
    out: list[float] = []
    async with app.run_test(size=size) as pilot:
        if before is not None:
            await before(pilot)
        await pilot.pause()
        clock = FrameClock(app)
        for key in keys:
            clock.stamps.clear()
            t0 = time.perf_counter()
            await pilot.press(key)
            await pilot.pause()
            lat = clock.first_after(t0)
            if lat is not None:
                out.append(lat)
    return out


class BareApp(App[None]):
    """The baseline: Header, Footer and a TextArea."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield TextArea(id="text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()


def veiviser(data: Path, channel: str = "chat") -> VeiviserApp:
    store = Store(data).open()
    return VeiviserApp(MODEL, THEMES, store, channel=channel)  # type: ignore[arg-type]


def typing_keys(n: int) -> list[str]:
    return [c for c in ("abcdefghij æøå klmnop" * (n // 20 + 1))[:n]]


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
        [
            (sid, i, now + i * 0.1, f"notat nummer {i} om utdanning og jobb")
            for i in range(1, n_notes + 1)
        ],
    )
    conn.execute("COMMIT")
    store.close()
    return data


# --- the measurements ------------------------------------------------------------------------


def cold_start() -> None:
    script_ours = (
        "import sys, tempfile; from pathlib import Path;"
        "from tui.cli import main;"
        "sys.argv=['veiviser'];"
        "from tui.core.loader import load_content; from tui.core.themes import load_themes;"
        "from tui.core.store import Store; from tui.core.paths import *; from tui.app import VeiviserApp;"
        "s=Store(Path(tempfile.mkdtemp())/'d').open();"
        "app=VeiviserApp(load_content(builtin_content_dir()), load_themes(builtin_themes_dir()), s,"
        " channel='chat');"
        "import resource\n"
        "async def ap(pilot):\n  await pilot.pause(); pilot.app.exit()\n"
        "app.run(headless=True, auto_pilot=ap); s.close();"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    script_bare = (
        "import sys; sys.path.insert(0, 'benchmarks'); import resource;"
        "from textual.app import App; from textual.widgets import Header, Footer, TextArea\n"
        "class B(App):\n  def compose(self):\n    yield Header(); yield TextArea(); yield Footer()\n"
        "async def ap(pilot):\n  await pilot.pause(); pilot.app.exit()\n"
        "B().run(headless=True, auto_pilot=ap);"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )

    def run(script: str) -> tuple[float, int]:
        t0 = time.perf_counter()
        out = subprocess.run([PYTHON, "-c", script], capture_output=True, text=True, cwd=ROOT,
                             check=True).stdout  # fmt: skip
        return time.perf_counter() - t0, int(out.strip().splitlines()[-1])

    run(script_ours), run(script_bare)  # warm-up (page cache, .pyc)
    ours, bare, rss_ours, rss_bare = [], [], [], []
    for _ in range(RUNS):
        t, r = run(script_ours)
        ours.append(t)
        rss_ours.append(r)
        t, r = run(script_bare)
        bare.append(t)
        rss_bare.append(r)
    row("cold start to first idle frame (ms)", ours, bare, "goal ≤ 1.3×")
    row("peak RSS (MB)", [r / 1024 for r in rss_ours], [r / 1024 for r in rss_bare],
        "goal ≤ 1.3×", unit=1)  # fmt: skip

    def imports(module: str) -> float:
        err = subprocess.run([PYTHON, "-X", "importtime", "-c", f"import {module}"],
                             capture_output=True, text=True, cwd=ROOT, check=True).stderr  # fmt: skip
        total = 0
        for line in err.splitlines():
            parts = [p.strip() for p in line.split("|")]
            if len(parts) == 3 and parts[2] == module:
                total = int(parts[1])
        return total / 1e6

    ours_imp = [imports("tui.app") for _ in range(RUNS)]
    base_imp = [imports("textual.app") for _ in range(RUNS)]
    row("python -X importtime: tui.app vs textual.app (ms)", ours_imp, base_imp, "(information)")

    loads = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        load_content(builtin_content_dir())
        loads.append(time.perf_counter() - t0)
    m_load, m_start = statistics.median(loads), statistics.median(ours)
    rows.append(
        ("content load + validation / start-up", f"{m_load * 1000:8.2f} ms",
         f"{m_start * 1000:8.2f} ms", f"{m_load / m_start * 100:5.1f} %  goal ≤ 10 %")
    )  # fmt: skip


async def keypresses() -> None:
    keys = typing_keys(KEYS)
    base = await latencies(BareApp(), keys)
    with tempfile.TemporaryDirectory() as tmp:
        app = veiviser(Path(tmp) / "d")
        ours = await latencies(app, keys)
        app.conversation.store.close()
    row("keypress → frame, typing a note vs bare TextArea (ms)", ours, base, "goal ≤ 1.2×")

    with tempfile.TemporaryDirectory() as tmp:
        app = veiviser(Path(tmp) / "d")
        phases = await latencies(app, ["f1", "f2", "f3", "f4"] * (KEYS // 4))
        app.conversation.store.close()
    row("phase switch F1–F4 vs one keypress in the notes (ms)", phases, ours, "(ratio to typing)")

    async def open_overview(pilot: Any) -> None:
        await pilot.press("f3")

    overview: list[float] = []
    for _ in range(max(5, RUNS)):
        with tempfile.TemporaryDirectory() as tmp:
            app = veiviser(Path(tmp) / "d")
            overview += await latencies(app, ["ctrl+o"], before=open_overview)
            app.conversation.store.close()
    row("opening the overview vs one keypress (ms)", overview, ours, "(ratio to typing)")


async def scaling() -> None:
    baseline: dict[str, list[float]] = {}
    for n in (10, 1_000, 10_000):
        data = seeded(n)

        async def resume(pilot: Any) -> None:
            await pilot.press("f")

        resumes = []
        for _ in range(3):
            app = veiviser(data)
            clock: list[float] = []
            t0 = time.perf_counter()
            async with app.run_test(size=(100, 32)) as pilot:
                await pilot.press("f")
                await pilot.pause()
                clock.append(time.perf_counter() - t0)
            app.conversation.store.close()
            resumes.append(clock[0])
        app = veiviser(data)
        typing = await latencies(app, typing_keys(KEYS // 2), before=resume)
        app.conversation.store.close()
        app = veiviser(data)
        switch = await latencies(app, ["f1", "f2", "f3", "f4"] * (KEYS // 8), before=resume)
        app.conversation.store.close()
        shutil.rmtree(data.parent, ignore_errors=True)
        if n == 10:
            baseline = {"typing": typing, "switch": switch, "resume": resumes}
        row(
            f"keypress with {n:>6} notes vs 10 notes (ms)", typing, baseline["typing"], "goal: flat"
        )
        row(
            f"phase switch with {n:>6} notes vs 10 notes (ms)",
            switch,
            baseline["switch"],
            "goal: flat",
        )
        row(f"resume a session of {n:>6} notes vs 10 notes (ms)", resumes, baseline["resume"], "")


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

    data = Path(tempfile.mkdtemp(prefix="vbench-fts-")) / "data"
    store = Store(data).open()
    conn = store.conn
    words = ["sykepleie", "tømrer", "økonomi", "opptak", "fagbrev", "studie", "jobb", "sjåfør"]
    conn.execute("BEGIN")
    for i in range(10_000):
        sid = uuid.uuid4().hex
        conn.execute("INSERT INTO sessions VALUES (?, ?, 'chat', 'saved', ?)", (sid, i, i))
        for j in range(3):
            text = f"notat {j} om {words[(i + j) % len(words)]} og valg nr {i}"
            conn.execute("INSERT INTO notes VALUES (?, ?, ?, 'kontakt', 1, ?, NULL, 0)",
                         (sid, j + 1, i, text))  # fmt: skip
            conn.execute("INSERT INTO search VALUES (?, ?, ?)", (sid, f"note:{j + 1}", fold(text)))
    conn.execute("COMMIT")
    searches = []
    for _ in range(RUNS):
        for word in ("tømrer", "sjåfør økonomi", "valg nr 9999", "ingentreff"):
            t0 = time.perf_counter()
            store.search(word)
            searches.append(time.perf_counter() - t0)
    store.close()
    shutil.rmtree(data.parent, ignore_errors=True)
    absolute("FTS search over 10,000 archived sessions (ms)", searches, 0.016, "goal < 16 ms")


def main() -> int:
    started = time.perf_counter()
    cold_start()
    asyncio.run(keypresses())
    asyncio.run(scaling())
    export_and_search()
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    header = ("measure", "Veiviser p50 / p95", "baseline p50 / p95", "ratio p50 / p95")
    widths = [max(w, len(h)) for w, h in zip(widths, header, strict=True)]
    print()
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)))
    print(f"\n{RUNS} runs after a warm-up; {KEYS} keys per latency series; "
          f"{time.perf_counter() - started:.0f} s in all. Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} cores.")  # fmt: skip
    (ROOT / "benchmarks" / "last-run.json").write_text(
        json.dumps(rows, ensure_ascii=False, indent=1)
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
