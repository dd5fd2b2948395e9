"""The compiled cache: a start reads no YAML when nothing changed, and checks again when
anything did; a damaged or foreign cache file is never trusted."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tui.core.base.paths import builtin_content_dir, builtin_themes_dir
from tui.core.base.problems import ContentError
from tui.core.model import cache, compiled
from tui.core.model.config import load_config
from tui.core.model.loader import load_content
from tui.core.model.themes import load_themes


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv("VEIVISER_CACHE_DIR", str(where))
    return where


def counting(value: object) -> tuple[list[int], object]:
    calls: list[int] = []

    def build() -> object:
        calls.append(1)
        return value

    return calls, build


def test_unchanged_files_come_from_the_cache(folder: Path, tmp_path: Path) -> None:
    source = tmp_path / "a.yaml"
    source.write_text("x: 1\n", encoding="utf-8")
    calls, build = counting(("built", 1))
    assert cache.remember("demo", [source], build, tuple[str, int]) == ("built", 1)
    assert cache.remember("demo", [source], build, tuple[str, int]) == ("built", 1)
    assert calls == [1]
    source.write_text("x: 2\n", encoding="utf-8")  # a changed file is checked again
    cache.remember("demo", [source], build, tuple[str, int])
    assert calls == [1, 1]
    assert len(list(folder.glob("demo-*.msgpack"))) == 1  # the old entry is dropped


def test_a_missing_file_and_extra_are_part_of_the_key(folder: Path, tmp_path: Path) -> None:
    gone = tmp_path / "gone.yaml"
    calls, build = counting(1)
    cache.remember("demo", [gone], build, int, extra="a")
    cache.remember("demo", [gone], build, int, extra="b")
    gone.write_text("now here\n", encoding="utf-8")
    cache.remember("demo", [gone], build, int, extra="b")
    assert calls == [1, 1, 1]


def test_a_damaged_cache_file_is_rebuilt(folder: Path, tmp_path: Path) -> None:
    calls, build = counting([1, 2])
    cache.remember("demo", [], build, list[int])
    (entry,) = folder.glob("demo-*.msgpack")
    entry.write_bytes(b"\x80\x05garbage")
    assert cache.remember("demo", [], build, list[int]) == [1, 2]
    assert calls == [1, 1]


def test_a_cache_file_is_data_and_a_pickle_there_is_never_run(folder: Path, tmp_path: Path) -> None:
    """#21 item 10: a pickle naming os.system placed in the cache folder ran a command."""
    calls, build = counting("safe")
    cache.remember("demo", [], build, str)
    (entry,) = folder.glob("demo-*.msgpack")
    witness = tmp_path / "owned"
    attack = dotted_pickle("tui.core.model.cache", "os.system", f"touch {witness}")
    entry.write_bytes(attack)
    assert cache.remember("demo", [], build, str) == "safe"
    # Under the old name too, and as the first bytes of a MessagePack file.
    (folder / entry.name.replace(".msgpack", ".pickle")).write_bytes(attack)
    assert cache.remember("demo", [], build, str) == "safe"
    assert not witness.exists()
    assert calls == [1, 1]  # the damaged entry was checked again; the pickle never read


def dotted_pickle(module: str, name: str, argument: str) -> bytes:
    """A protocol-4 pickle calling ``module.name(argument)``: a dotted name reaches any module
    ``module`` imports (``tui.core.model.cache`` → ``os.system``), past a check on ``module`` alone."""

    def short(text: str) -> bytes:
        data = text.encode()
        return b"\x8c" + bytes([len(data)]) + data

    return b"\x80\x04" + short(module) + short(name) + b"\x93" + short(argument) + b"\x85R."


def test_an_entry_of_the_wrong_type_is_a_miss(folder: Path) -> None:
    import msgspec

    from tui.core.model.content import Content

    calls, build = counting(load_content(builtin_content_dir()))
    cache.remember("demo", [], build, Content)
    (entry,) = folder.glob("demo-*.msgpack")
    entry.write_bytes(msgspec.msgpack.encode({"phases": "nope"}))
    assert cache.remember("demo", [], build, Content) == load_content(builtin_content_dir())
    entry.write_bytes(msgspec.msgpack.encode(["a", "list"]))
    assert isinstance(cache.remember("demo", [], build, Content), Content)
    assert calls == [1, 1, 1]


@pytest.mark.skipif(os.name == "nt", reason="Windows has no mode bits")
def test_the_cache_folder_is_private_whatever_the_umask(folder: Path) -> None:
    old = os.umask(0)
    try:
        cache.remember("demo", [], counting(1)[1], int)
    finally:
        os.umask(old)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    (entry,) = folder.glob("demo-*.msgpack")
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600


def test_an_error_is_never_cached(folder: Path) -> None:
    def broken() -> object:
        raise ContentError([])

    for _ in range(2):
        with pytest.raises(ContentError):
            cache.remember("demo", [], broken, int)
    assert not list(folder.glob("demo-*"))


def test_no_cache_folder_means_no_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("VEIVISER_CACHE_DIR", "off")
    calls, build = counting(1)
    cache.remember("demo", [], build, int)
    cache.remember("demo", [], build, int)
    assert calls == [1, 1]
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("VEIVISER_CACHE_DIR", str(blocked / "cache"))  # cannot be made
    assert cache.remember("demo", [], build, int) == 1


def test_compiled_content_themes_and_config_equal_what_the_loaders_give(
    folder: Path, tmp_path: Path
) -> None:
    root = builtin_content_dir()
    for _ in range(2):  # the first builds, the second reads the cache
        assert compiled.content(root, "en") == load_content(root, "en")
        assert compiled.themes(builtin_themes_dir()) == load_themes(builtin_themes_dir())
    config = tmp_path / "config.yaml"
    config.write_text("retention_days: 30\nkeymap:\n  copy: f7\n", encoding="utf-8")
    for _ in range(2):
        assert compiled.config(config, {"copy"}) == load_config(config, {"copy"})
    assert len(list(folder.glob("*.msgpack"))) == 3


def test_an_edited_overlay_is_checked_again(folder: Path, tmp_path: Path) -> None:
    overlay = tmp_path / "tjeneste" / "nb"
    overlay.mkdir(parents=True)
    faser = overlay / "faser.yaml"
    faser.write_text("phases:\n  - id: kontakt\n    goal: Vår egen målsetting.\n", "utf-8")
    model = compiled.content(builtin_content_dir(), "nb", (overlay.parent,))
    assert model.phase("kontakt").goal == "Vår egen målsetting."
    faser.write_text("phases:\n  - id: kontakt\n    goal: ''\n", "utf-8")
    with pytest.raises(ContentError, match=r"faser\.yaml"):
        compiled.content(builtin_content_dir(), "nb", (overlay.parent,))


def test_a_missing_config_is_the_defaults_without_a_cache_entry(folder: Path) -> None:
    assert compiled.config(folder / "none.yaml") == load_config(folder / "none.yaml")
    assert not folder.exists()


def test_a_start_from_the_cache_imports_neither_pydantic_nor_yaml(folder: Path) -> None:
    import subprocess
    import sys

    probe = (
        "import sys; from tui import cli; from tui.core.model import compiled;"
        "from tui.core.base.paths import builtin_content_dir, builtin_themes_dir;"
        "compiled.content(builtin_content_dir()); compiled.themes(builtin_themes_dir());"
        "print(sorted(m for m in ('pydantic', 'yaml', 'textual') if m in sys.modules))"
    )
    root = Path(__file__).resolve().parents[2]
    first = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                           cwd=root, check=True)  # fmt: skip
    assert "pydantic" in first.stdout  # the first start checks the files
    again = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                           cwd=root, check=True)  # fmt: skip
    assert again.stdout.strip() == "[]", again.stdout
