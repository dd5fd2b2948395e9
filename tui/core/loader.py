"""Loading the model: read the YAML strictly, layer the overlays, validate, and say what is
wrong as ``file:line: message`` in the user's language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tui.core.content import (
    BRACES,
    DEFAULT_LANG,
    FILES,
    PHASE_IDS,
    PLACEHOLDER,
    REFERENCE_LANG,
    SETTINGS_FILE,
    Content,
    KnappFile,
    KolbFile,
    PhaseFile,
    ReflectionFile,
    Settings,
)
from tui.core.problems import ContentError, Problem
from tui.core.rules import validate
from tui.core.say import say
from tui.core.yamlreader import Document, merge, read_file

# --- validation errors in plain Norwegian ----------------------------------------------------


def _quote_hint() -> str:
    return say(
        ' (sett verdien i anførselstegn, f.eks. "2024")', ' (put the value in quotes, e.g. "2024")'
    )


def message_for(err: Any) -> str:
    """Say what a pydantic error means, in plain Norwegian."""
    kind = err["type"]
    ctx = err.get("ctx") or {}
    loc = err["loc"]
    field = str(loc[-1]) if loc else ""
    if kind in ("missing", "missing_argument"):
        return say(f"mangler feltet «{field}»", f"the field «{field}» is missing")
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        return say(
            f"ukjent felt «{field}» (skrivefeil? fjern det eller rett navnet)",
            f"unknown field «{field}» (a typo? remove it or fix the name)",
        )
    if kind == "string_type":
        hint = _quote_hint() if isinstance(err.get("input"), int | float | bool) else ""
        return say(f"skal være tekst{hint}", f"should be text{hint}")
    if kind in ("int_type", "int_parsing"):
        return say("skal være et heltall, f.eks. 20", "should be a whole number, e.g. 20")
    if kind == "list_type":
        return say(
            "skal være en liste (linjer som begynner med «- »)",
            "should be a list (lines starting with «- »)",
        )
    if kind in ("dict_type", "model_type", "dataclass_type", "dataclass_args_type"):
        return say(
            "skal være en gruppe med felt (nøkkel: verdi)",
            "should be a group of fields (key: value)",
        )
    if kind == "too_short":
        return say(
            f"må ha minst {ctx.get('min_length')} (har {ctx.get('actual_length')})",
            f"needs at least {ctx.get('min_length')} (has {ctx.get('actual_length')})",
        )
    if kind == "too_long":
        tip = ""
        if field == "questions":
            tip = say(
                " – spørsmålene kopieres med tastene 1–9; vil du ha andre, erstatt hele listen "
                "med «questions!:» i stedet for å legge til med «questions+:»",
                " – questions are copied with the keys 1–9; to have others, replace the whole "
                "list with «questions!:» instead of appending with «questions+:»",
            )
        return say(
            f"kan ha høyst {ctx.get('max_length')} (har {ctx.get('actual_length')}){tip}",
            f"can have at most {ctx.get('max_length')} (has {ctx.get('actual_length')}){tip}",
        )
    if kind == "string_too_short":
        return say("kan ikke være tom", "cannot be empty")
    if kind == "string_pattern_mismatch":
        return say(
            "id skal være små bokstaver og tall med bindestrek, f.eks. meg-i-kontekst",
            "an id is lower-case letters and digits with hyphens, e.g. meg-i-kontekst",
        )
    if kind == "literal_error":
        return say(
            f"må være en av: {ctx.get('expected')}", f"must be one of: {ctx.get('expected')}"
        )
    if kind in ("greater_than_equal", "less_than_equal"):
        return say(
            f"verdien er utenfor det tillatte ({err['msg']})",
            f"the value is out of range ({err['msg']})",
        )
    return str(err["msg"])


def located(doc: Document, exc: Any) -> list[Problem]:
    """A pydantic ``ValidationError`` on ``doc`` as ``file:line: path: message`` problems."""
    out = []
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if p != "[key]")
        file, line = doc.where(loc)
        out.append(Problem(file, line, f"{'.'.join(str(p) for p in loc)}: {message_for(err)}"))
    return out


_LIST_WORDS = {
    "phases": ("fase", "phase"),
    "questions": ("spørsmål", "question"),
    "stages": ("læringstrinn", "learning stage"),
    "knapper": ("knapp", "knapp"),
    "reflection": ("refleksjonsspørsmål", "reflection question"),
    "approaches": ("tilnærming", "approach"),
}
_FIELD_WORDS = {
    "chat": ("chat-ordlyd", "chat wording"),
    "phone": ("telefon-ordlyd", "phone wording"),
    "type": ("spørsmålstype", "question type"),
}


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
            nb, en = _LIST_WORDS[str(key)]
            label = f"«{name}»" if isinstance(name, str) else str(nxt + 1)
            words.append(say(f"{nb} {label}", f"{en} {label}"))
            node, i = item, i + 2
            continue
        if isinstance(key, str) and key in _FIELD_WORDS:
            words.append(say(*_FIELD_WORDS[key]))
        elif isinstance(key, int):
            words.append(say(f"nr. {key + 1}", f"no. {key + 1}"))
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
            where = say(f" – {words}", f" – {words}") if path and words != path else ""
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
                    say(
                        "ugyldig plassholder: skriv {navn} med små bokstaver, f.eks. {utdanning}",
                        "invalid placeholder: write {name} in lower case, e.g. {utdanning}",
                    ),
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
                    say(
                        f"id «{item.id}» er brukt før (element {first[item.id] + 1})",
                        f"the id «{item.id}» is used before (item {first[item.id] + 1})",
                    ),
                )
            )
        else:
            first[item.id] = i


def _label(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _reference_ui_keys() -> set[str]:
    from tui.core.paths import builtin_content_dir  # no Textual there: the core stays pure

    data = read_file(builtin_content_dir() / REFERENCE_LANG / "ui.yaml").data
    return {str(k) for k in data} if isinstance(data, dict) else set()


def _check_ui(doc: Document, problems: list[Problem]) -> dict[str, str]:
    if not isinstance(doc.data, dict):
        problems.append(
            Problem(
                doc.file,
                1,
                say("skal være en liste av nøkkel: tekst", "should be a list of key: text"),
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
                    say(f"«{key}» skal være en tekst", f"«{key}» should be text") + _quote_hint(),
                )
            )
        else:
            table[str(key)] = value
    reference = _reference_ui_keys()
    for key in sorted(set(table) - reference):
        file, line = doc.where((key,))
        problems.append(
            Problem(
                file,
                line,
                say(f"ukjent nøkkel «{key}» (skrivefeil?)", f"unknown key «{key}» (a typo?)"),
            )
        )
    missing = sorted(reference - set(doc.data))
    if missing:
        head = say(f"mangler {len(missing)} nøkler: ", f"{len(missing)} keys are missing: ")
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
                        say("innholdsmappen finnes ikke", "the content folder does not exist"),
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
                    say(
                        f"mangler språkmappen «{lang}» (finnes: {found})",
                        f"the language folder «{lang}» is missing (there are: {found})",
                    ),
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
                    Problem(
                        _label(layers[0]), None, say("filen finnes ikke", "the file does not exist")
                    )
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
                        say(
                            f"fase {i + 1} skal være «{expected}» (rekkefølgen er "
                            "kontakt, kontrakt, kommunikasjon, konklusjon)",
                            f"phase {i + 1} should be «{expected}» (the order is "
                            "kontakt, kontrakt, kommunikasjon, konklusjon)",
                        ),
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
                            say(
                                f"ukjent Kolb-trinn «{ref}» (finnes: ",
                                f"unknown Kolb stage «{ref}» (there are: ",
                            )
                            + ", ".join(sorted(known))
                            + ")",
                        )
                    )
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
    )
