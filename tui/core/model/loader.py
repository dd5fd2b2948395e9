"""Loading the model: read the YAML strictly, layer the overlays, validate, and say what is
wrong as ``file:line: message`` in the user's language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tui.core.base.problems import ContentError, Problem
from tui.core.base.strings import DEFAULT_LANG, t
from tui.core.model.content import (
    BRACES,
    FILES,
    PHASE_IDS,
    PLACEHOLDER,
    REFERENCE_LANG,
    SETTINGS_FILE,
    VERKSTED_FILE,
    Content,
    KnappFile,
    KolbFile,
    PhaseFile,
    ReflectionFile,
    Settings,
    VerkstedCase,
    VerkstedFile,
)
from tui.core.model.rules import validate
from tui.core.model.yamlreader import Document, merge, read_file

# --- validation errors in plain Norwegian ----------------------------------------------------


def _quote_hint() -> str:
    return t("msg.check.put_value_quotes_e")


def message_for(err: Any) -> str:
    """Say what a pydantic error means, in plain Norwegian."""
    kind = err["type"]
    ctx = err.get("ctx") or {}
    loc = err["loc"]
    field = str(loc[-1]) if loc else ""
    if kind in ("missing", "missing_argument"):
        return t("msg.check.field_missing", field=field)
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        return t("msg.check.unknown_field_typo_remove", field=field)
    if kind == "string_type":
        hint = _quote_hint() if isinstance(err.get("input"), int | float | bool) else ""
        return t("msg.check.should_be_text", hint=hint)
    if kind in ("int_type", "int_parsing"):
        return t("msg.check.should_be_whole_number")
    if kind == "list_type":
        return t("msg.check.should_be_list_lines")
    if kind in ("dict_type", "model_type", "dataclass_type", "dataclass_args_type"):
        return t("msg.check.should_be_group_fields")
    if kind == "too_short":
        return t(
            "msg.check.needs_at_least_has",
            least=ctx.get("min_length"),
            count=ctx.get("actual_length"),
        )
    if kind == "too_long":
        tip = ""
        if field == "questions":
            tip = t("msg.check.questions_are_copied_with")
        return t(
            "msg.check.can_have_at_most",
            most=ctx.get("max_length"),
            count=ctx.get("actual_length"),
            tip=tip,
        )
    if kind == "string_too_short":
        return t("msg.check.cannot_be_empty")
    if kind == "string_pattern_mismatch":
        if field in _PATTERN_FIELDS:  # a team export's or a log's week, month, date, time, id
            return t(f"msg.check.pattern.{field}")
        return t("msg.check.id_lower_case_letters")
    if kind == "literal_error":
        return t("msg.check.must_be_one", choices=ctx.get("expected"))
    if kind in ("greater_than_equal", "greater_than"):
        return t("msg.check.at_least", limit=ctx.get("ge", ctx.get("gt")))
    if kind in ("less_than_equal", "less_than"):
        return t("msg.check.at_most", limit=ctx.get("le", ctx.get("lt")))
    if kind in ("int_from_float", "int_parsing_size"):
        return t("msg.check.should_be_whole_number")
    if kind in ("finite_number",):
        return t("msg.check.finite_number")
    if kind in ("bool_type", "bool_parsing"):
        return t("msg.check.should_be_true_false")
    if kind == "value_error" and field in ("date", "week"):
        return t("msg.check.not_a_real_date")
    if kind == "json_invalid":
        return t("msg.check.not_json", error=ctx.get("error", err["msg"]))
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    return str(err["msg"])


_PATTERN_FIELDS = frozenset(("week", "month", "date", "start_time", "session_id"))
"""Fields with a form of their own; a content id's form is said otherwise."""


def located(doc: Document, exc: Any) -> list[Problem]:
    """A pydantic ``ValidationError`` on ``doc`` as ``file:line: path: message`` problems."""
    out = []
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if p != "[key]")
        file, line = doc.where(loc)
        out.append(Problem(file, line, f"{'.'.join(str(p) for p in loc)}: {message_for(err)}"))
    return out


# The words for a list's items and for some fields, in the messages (``msg.check.item.*``, …).
_LIST_WORDS = frozenset(("phases", "questions", "stages", "knapper", "reflection", "approaches"))
_FIELD_WORDS = frozenset(("chat", "phone", "type"))


def describe(loc: tuple[Any, ...], data: Any) -> str:
    """A validation path in the author's words: ``phases.1.questions.7.chat`` → «fase Kontrakt,
    spørsmål 8, chat-ordlyd» (positions counted from 1, items named where they have a name)."""
    words: list[str] = []
    node = data
    i = 0
    while i < len(loc):
        key = loc[i]
        nxt = loc[i + 1] if i + 1 < len(loc) else None
        child = node.get(key) if isinstance(node, dict) else None
        if key in _LIST_WORDS and isinstance(nxt, int):
            item = child[nxt] if isinstance(child, list) and nxt < len(child) else None
            name = item.get("name") or item.get("id") if isinstance(item, dict) else None
            label = f"«{name}»" if isinstance(name, str) else str(nxt + 1)
            words.append(t(f"msg.check.item.{key}", label=label))
            node, i = item, i + 2
            continue
        if isinstance(key, str) and key in _FIELD_WORDS:
            words.append(t(f"msg.check.field.{key}"))
        elif isinstance(key, int):
            words.append(t("msg.check.number", number=key + 1))
        else:
            words.append(str(key))
        node = child if isinstance(node, dict) else (
            node[key] if isinstance(node, list) and isinstance(key, int) and key < len(node)
            else None
        )  # fmt: skip
        i += 1
    return ", ".join(words)


def _validate(model: type[Any], doc: Document, problems: list[Problem]) -> Any:
    from pydantic import ValidationError

    try:
        return validate(model, doc.data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(p for p in err["loc"] if p != "[key]")
            path = ".".join(str(p) for p in loc)
            words = describe(loc, doc.data)
            prefix = f"{path}: " if path else ""
            where = t("msg.check.where", words=words) if path and words != path else ""
            file, line = doc.where(loc)
            problems.append(Problem(file, line, prefix + message_for(err) + where))
        return None


def _check_placeholders(doc: Document, data: Any, problems: list[Problem]) -> None:
    """Report text with a brace that is not part of a valid ``{placeholder}``."""

    def walk(node: Any, path: tuple[str | int, ...]) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, (*path, key))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, (*path, i))
        elif isinstance(node, str) and BRACES.search(PLACEHOLDER.sub("", node)):
            problems.append(
                Problem(
                    *doc.where(path),
                    t("msg.check.invalid_placeholder_write_lower", example="{utdanning}"),
                )
            )

    walk(data, ())


def _unique_ids(doc: Document, key: str, items: list[Any], problems: list[Problem]) -> None:
    first: dict[str, int] = {}
    for i, item in enumerate(items):
        if item.id in first:
            problems.append(
                Problem(
                    *doc.where((key, i, "id")),
                    t("msg.check.id_used_before_item", id=item.id, item=first[item.id] + 1),
                )
            )
        else:
            first[item.id] = i


def _label(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _reference_ui() -> dict[str, str]:
    from tui.core.base.paths import builtin_content_dir  # no Textual there: the core stays pure

    data = read_file(builtin_content_dir() / REFERENCE_LANG / "ui.yaml").data
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _fields(text: str) -> list[tuple[str, str, str | None]]:
    """The ``{name:spec!conversion}`` fields of a format string, in order.

    Raises:
        ValueError: A lone ``{`` or ``}``, or a field that does not close.
    """
    from string import Formatter

    return [(name, spec or "", conv) for _, name, spec, conv in Formatter().parse(text)
            if name is not None]  # fmt: skip


def placeholder_problem(text: str, reference: str) -> str | None:
    """Why ``text`` cannot stand for ``reference`` when the app fills in its values, or None.

    A text may use only the placeholders its key has in the built-in bokmål, each written as
    there (``{n}``, ``{mode:o}``): no other name, no format of its own (``{n:>99999999999}``
    would build a string of that width), no attribute or index, and no lone brace. A key with
    no placeholders takes no braces at all.
    """
    allowed = {(name, spec) for name, spec, _ in _fields(reference)}
    if not allowed:
        return t("msg.check.no_braces", braces="{ }") if "{" in text or "}" in text else None
    try:
        fields = _fields(text)
    except ValueError:
        example = next(iter(sorted(allowed)))[0]
        return t("msg.check.lone_brace", example="{" + example + "}", double="{{ }}")
    names = sorted({name for name, _ in allowed})
    for name, spec, conv in fields:
        if (name, spec) not in allowed or conv is not None:
            shown = "{" + name + (f"!{conv}" if conv else "") + (f":{spec}" if spec else "") + "}"
            return t("msg.check.placeholder_not_allowed", field=shown,
                     allowed=", ".join("{" + n + "}" for n in names))  # fmt: skip
    return None


def _check_ui(doc: Document, problems: list[Problem]) -> dict[str, str]:
    if not isinstance(doc.data, dict):
        problems.append(
            Problem(
                doc.file,
                1,
                t("msg.check.should_be_list_key"),
            )
        )
        return {}
    table: dict[str, str] = {}
    for key, value in doc.data.items():
        if not isinstance(value, str) or not value.strip():
            file, line = doc.where((key,))
            problems.append(
                Problem(
                    file,
                    line,
                    t("msg.check.should_be_text_2", key=key) + _quote_hint(),
                )
            )
        else:
            table[str(key)] = value
    reference_texts = _reference_ui()
    reference = set(reference_texts)
    for key in sorted(set(table) & reference):
        why = placeholder_problem(table[key], reference_texts[key])
        if why is not None:
            file, line = doc.where((key,))
            problems.append(Problem(file, line, f"{key}: {why}"))
    for key in sorted(set(table) - reference):
        file, line = doc.where((key,))
        problems.append(
            Problem(
                file,
                line,
                t("msg.check.unknown_key_typo", key=key),
            )
        )
    missing = sorted(reference - set(doc.data))
    if missing:
        head = t("msg.check.keys_are_missing", count=len(missing))
        tail = " …" if len(missing) > 8 else ""
        problems.append(Problem(doc.file, None, head + ", ".join(missing[:8]) + tail))
    return table


def _read_layers(paths: list[Path], problems: list[Problem]) -> Document | None:
    """Read the files that exist among ``paths`` and merge them in order."""
    merged: Document | None = None
    for path in paths:
        if not path.exists():
            continue
        try:
            doc = read_file(path, _label(path))
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        merged = doc if merged is None else merge(merged, doc)
    return merged


def languages(root: Path, overlays: tuple[Path, ...] = ()) -> list[str]:
    """The languages available in ``root`` and the overlays (folders with a faser.yaml)."""
    found = {p.parent.name for base in (root, *overlays) for p in base.glob("*/faser.yaml")}
    return sorted(found)


def load_content(root: Path, lang: str = DEFAULT_LANG, overlays: tuple[Path, ...] = ()) -> Content:
    """Load, validate and cross-check the content under ``root``, with ``overlays`` on top.

    Raises:
        ContentError: Listing every problem in every file, each as ``file:line: message``.
    """
    problems: list[Problem] = []
    for folder in (root, *overlays):
        if not folder.is_dir():
            raise ContentError(
                [
                    Problem(
                        _label(folder),
                        None,
                        t("msg.check.content_folder_does_not"),
                    )
                ]
            )
    if not any((folder / lang).is_dir() for folder in (root, *overlays)):
        found = ", ".join(languages(root, overlays))
        raise ContentError(
            [
                Problem(
                    _label(root / lang),
                    None,
                    t("msg.check.language_folder_missing_there", lang=lang, found=found),
                )
            ]
        )

    docs: dict[str, Document] = {}
    for name in (*FILES, SETTINGS_FILE):
        sub = "" if name == SETTINGS_FILE else lang
        layers = [base / sub / name for base in (root, *overlays)]
        doc = _read_layers(layers, problems)
        if doc is None:
            if not any(p.exists() for p in layers):
                problems.append(
                    Problem(_label(layers[0]), None, t("msg.check.file_does_not_exist"))
                )
        else:
            docs[name] = doc
    if problems:
        raise ContentError(problems)

    phase_file: PhaseFile | None = _validate(PhaseFile, docs["faser.yaml"], problems)
    kolb_file: KolbFile | None = _validate(KolbFile, docs["kolb.yaml"], problems)
    knapp_file: KnappFile | None = _validate(KnappFile, docs["knapper.yaml"], problems)
    refl_file: ReflectionFile | None = _validate(ReflectionFile, docs["refleksjon.yaml"], problems)
    settings: Settings | None = _validate(Settings, docs[SETTINGS_FILE], problems)
    ui = _check_ui(docs["ui.yaml"], problems)
    for name in FILES[:-1]:
        _check_placeholders(docs[name], docs[name].data, problems)

    if phase_file is not None:
        doc = docs["faser.yaml"]
        for i, (phase, expected) in enumerate(zip(phase_file.phases, PHASE_IDS, strict=True)):
            if phase.id != expected:
                problems.append(
                    Problem(
                        *doc.where(("phases", i, "id")),
                        t("msg.check.phase_should_be_order", number=i + 1, expected=expected),
                    )
                )
    if phase_file is not None:
        _unique_ids(docs["faser.yaml"], "kinds", phase_file.kinds, problems)
        _unique_ids(docs["faser.yaml"], "situations", phase_file.situations, problems)
    if kolb_file is not None:
        _unique_ids(docs["kolb.yaml"], "stages", kolb_file.stages, problems)
    if knapp_file is not None:
        _unique_ids(docs["knapper.yaml"], "knapper", knapp_file.knapper, problems)
    if refl_file is not None:
        _unique_ids(docs["refleksjon.yaml"], "questions", refl_file.questions, problems)
    if phase_file is not None and kolb_file is not None:
        known = {s.id for s in kolb_file.stages}
        doc = docs["faser.yaml"]
        for i, phase in enumerate(phase_file.phases):
            for j, ref in enumerate(phase.kolb):
                if ref not in known:
                    problems.append(
                        Problem(
                            *doc.where(("phases", i, "kolb", j)),
                            t("msg.check.unknown_kolb_stage_there", ref=ref)
                            + ", ".join(sorted(known))
                            + ")",
                        )
                    )
    verksted = _verksted(root, overlays, lang, knapp_file, problems)
    if problems:
        raise ContentError(problems)
    assert phase_file and kolb_file and knapp_file and refl_file and settings
    return Content(
        phases=tuple(phase_file.phases),
        kolb_ring=kolb_file.ring,
        stages=tuple(kolb_file.stages),
        knapp_ring=knapp_file.ring,
        knapper=tuple(knapp_file.knapper),
        reflection=tuple(refl_file.questions),
        settings=settings,
        ui=ui,
        lang=lang,
        kinds=tuple(phase_file.kinds),
        situations=tuple(phase_file.situations),
        verksted=verksted,
    )


def _verksted(root: Path, overlays: tuple[Path, ...], lang: str, knapp_file: KnappFile | None,
              problems: list[Problem]) -> tuple[VerkstedCase, ...]:  # fmt: skip
    """The knappeverksted's cases, if the content (or an overlay) has them: each id once, each
    for a knapp that exists."""
    doc = _read_layers([base / lang / VERKSTED_FILE for base in (root, *overlays)], problems)
    if doc is None:
        return ()
    verksted = _validate(VerkstedFile, doc, problems)
    if verksted is None:
        return ()
    _check_placeholders(doc, doc.data, problems)
    _unique_ids(doc, "cases", verksted.cases, problems)
    known = {k.id for k in knapp_file.knapper} if knapp_file is not None else set()
    for i, case in enumerate(verksted.cases):
        if known and case.knapp not in known:
            problems.append(Problem(*doc.where(("cases", i, "knapp")),
                                    t("msg.team.unknown_knapp_there_are", knapp=case.knapp,
                                      names=", ".join(sorted(known)))))  # fmt: skip
    return tuple(verksted.cases)
