"""#23 item 1: behaviour lives with its owner. Checked on the source, so a new module that
reaches from outside into a screen fails here (import-linter checks the imports themselves)."""

from __future__ import annotations

import ast
from pathlib import Path

TUI = Path(__file__).resolve().parents[2] / "tui"
APP_OWN = {"app/app.py", "app/startup.py", "app/saving.py", "app/__init__.py"}
"""The app's own parts: start-up, navigation and lifecycle may push screens and pop them."""
ADAPTER = "textual_adapter.py"
"""The one place that works around Textual's internals (named as such)."""


def modules() -> list[tuple[str, ast.Module]]:
    return [(p.relative_to(TUI).as_posix(), ast.parse(p.read_text(encoding="utf-8")))
            for p in sorted(TUI.rglob("*.py"))]  # fmt: skip


def test_there_is_no_flows_module() -> None:
    assert not (TUI / "flows.py").exists()
    assert not any(name.endswith("flows.py") for name, _ in modules())


def app_parameters(mods: list[tuple[str, ast.Module]]) -> list[str]:
    offenders = []
    for name, tree in mods:
        if name in APP_OWN or name == ADAPTER:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                for arg in [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]:
                    annotation = ast.unparse(arg.annotation) if arg.annotation else ""
                    if arg.arg == "app" or annotation.startswith("App"):
                        offenders.append(f"{name}:{node.lineno} {node.name}({arg.arg})")
    return offenders


def reach_ins(mods: list[tuple[str, ast.Module]]) -> list[str]:
    """isinstance(…, SomethingScreen), getattr on a screen, a loop over the screen stack, and
    the stack touched outside the app's own navigation."""
    offenders = []
    for name, tree in mods:
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                args = [ast.unparse(a) for a in node.args]
                if node.func.id == "isinstance" and len(args) == 2 and "Screen" in args[1]:
                    offenders.append(f"{name}:{node.lineno} isinstance({', '.join(args)})")
                if node.func.id == "getattr" and args and "screen" in args[0].lower():
                    offenders.append(f"{name}:{node.lineno} getattr({', '.join(args)})")
            if isinstance(node, ast.For | ast.comprehension) and "screen_stack" in ast.unparse(
                node.iter
            ):
                offenders.append(f"{name}:{getattr(node, 'lineno', '?')} walks the stack")
            if (isinstance(node, ast.Attribute) and node.attr == "screen_stack"
                    and name not in APP_OWN and name != ADAPTER):  # fmt: skip
                offenders.append(f"{name}:{node.lineno} screen_stack")
    return offenders


def test_no_module_outside_the_app_takes_the_app_as_a_parameter() -> None:
    assert app_parameters(modules()) == []


def test_nothing_looks_through_the_screen_stack_or_asks_what_a_screen_is() -> None:
    assert reach_ins(modules()) == []


def test_one_factory_builds_the_app() -> None:
    built = [
        f"{name}:{node.lineno}"
        for name, tree in modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "VeiviserApp"
    ]
    assert built == [next(b for b in built if b.startswith("app/__init__.py"))]
    tests = Path(__file__).resolve().parents[1]
    benchmarks = tests.parent / "benchmarks"
    elsewhere = [p for folder in (tests, benchmarks) for p in folder.rglob("*.py")
                 if "VeiviserApp(" in p.read_text(encoding="utf-8") and p != Path(__file__)]  # fmt: skip
    assert elsewhere == []


def test_the_rules_above_catch_what_they_claim() -> None:
    """The checks fail on the shapes flows.py had (so a green run means something)."""
    bad = ast.parse(
        "def banner(app: App[Any]):\n"
        "    for s in app.screen_stack:\n"
        "        if isinstance(s, MainScreen): getattr(screen, 'take_typed')()\n"
    )
    assert len(app_parameters([("flows.py", bad)])) == 1
    assert len(reach_ins([("flows.py", bad)])) == 4  # isinstance, getattr, loop, stack


def test_any_part_of_the_core_can_be_used_on_its_own(tmp_path: Path) -> None:
    """The words are installed by the core's package, so a part imported alone (the scanner, as
    a script might) still speaks: before, it needed tui.core.model imported first."""
    import subprocess
    import sys

    code = (
        "from tui.core.privacy import scan_pack; print(len(scan_pack('Ring Kari på 912 34 567')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=TUI.parent, timeout=60, check=False)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "2"
