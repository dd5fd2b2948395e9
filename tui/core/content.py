"""The model as content: pydantic models of the YAML in ``content/`` and the strict loader.

Layout of a content folder::

    content/
      innstillinger.yaml      settings that do not depend on language
      nb/                     one folder per language
        faser.yaml            the four 4K phases
        kolb.yaml             the Kolb stages (the læringsepisode ring)
        knapper.yaml          the five karriereknapper
        refleksjon.yaml       the reflection questions for the log

Every field below carries a docstring: together they are the reference for the content format.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from string import ascii_lowercase
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from tui.core.say import say
from tui.core.strictyaml import ContentError, Document, Problem, merge, read_file

PhaseId = Literal["kontakt", "kontrakt", "kommunikasjon", "konklusjon"]
PHASE_IDS: tuple[PhaseId, ...] = ("kontakt", "kontrakt", "kommunikasjon", "konklusjon")
"""The 4K phases in conversation order. The model fixes them; content gives their words."""

TommType = Literal["lineær", "sirkulær", "strategisk", "refleksiv"]
Channel = Literal["chat", "phone"]
CHANNELS: tuple[Channel, ...] = ("chat", "phone")

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9æøå]+(-[a-z0-9æøå]+)*$")]

PLACEHOLDER = re.compile(r"\{([a-zæøå_]+)\}")
_BRACES = re.compile(r"[{}]")

KNAPP_LETTERS = ascii_lowercase
"""Knapp prompts are lettered a, b, c … for copying; phase questions are numbered 1–9."""

DEFAULT_LANG = "nb"
FILES = ("faser.yaml", "kolb.yaml", "knapper.yaml", "refleksjon.yaml", "ui.yaml")
REFERENCE_LANG = "nb"
"""Every language must have exactly the UI keys of the built-in bokmål."""
SETTINGS_FILE = "innstillinger.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Prompt(_Strict):
    """Something the counsellor can say: ready to paste in chat, a short cue on the phone."""

    chat: Text
    """The wording for chat, ready to paste. ``{placeholders}`` are asked for before copying."""
    phone: Text | None = None
    """A short spoken cue for the phone; falls back to ``chat`` when left out."""

    def text(self, channel: Channel) -> str:
        """Return the wording for ``channel``."""
        if channel == "phone" and self.phone:
            return self.phone
        return self.chat

    def placeholders(self, channel: Channel) -> list[str]:
        """Return the placeholder names in the wording for ``channel``, in order, once each."""
        return list(dict.fromkeys(PLACEHOLDER.findall(self.text(channel))))

    def fill(self, channel: Channel, values: dict[str, str]) -> str:
        """Return the wording with each ``{name}`` replaced; unknown names are kept as typed."""
        return PLACEHOLDER.sub(
            lambda m: values.get(m.group(1), "").strip() or m.group(0), self.text(channel)
        )


class Explanation(_Strict):
    """What an element of the model is, for a counsellor who does not know it yet."""

    short: Text
    """One line."""
    long: Text
    """A few sentences."""
    example: Text
    """An invented, anonymous moment from a realistic conversation."""
    when: Text
    """When to use it."""


class Question(Prompt):
    """A question in a phase's toolbox, labelled by Karl Tomm's question type."""

    type: TommType
    """lineær, sirkulær, strategisk or refleksiv (Tomm 1988)."""


class Tips(_Strict):
    """Channel-specific advice for a phase."""

    chat: list[Text] = Field(min_length=1)
    """Tips for chat, such as metacommunication («Et øyeblikk, jeg leser»)."""
    phone: list[Text] = Field(min_length=1)
    """Tips for the phone: tone, pauses, summing up aloud."""


class PhaseContent(_Strict):
    """One 4K phase."""

    id: PhaseId
    """kontakt, kontrakt, kommunikasjon or konklusjon, in that order."""
    name: Text
    """The name shown in the phase bar."""
    goal: Text
    """The phase's goal, one sentence."""
    approaches: list[Text] = Field(min_length=1)
    """The counsellor's approaches in this phase."""
    kolb: list[Id] = Field(min_length=1)
    """Ids of the Kolb stages that belong to this phase (from kolb.yaml)."""
    questions: list[Question] = Field(min_length=6, max_length=9)
    """Six to nine questions; they are numbered 1–9 for copying."""
    tips: Tips
    """Advice per channel."""
    explain: Explanation
    """The explanation shown with one key."""


class Ring(_Strict):
    """The names of a ring in the model."""

    theory: Text
    """The theory name (e.g. «Kolbs læringssirkel»)."""
    plain: Text
    """The plain name (e.g. «Læringsepisode»)."""


class KolbStage(_Strict):
    """One stage of Kolb's learning cycle."""

    id: Id
    """Stable id, referred to from faser.yaml."""
    theory: Text
    """The theory term (konkret erfaring, …)."""
    plain: Text
    """The plain words counsellors asked for."""
    explain: Explanation
    """What the stage is; ``short`` is shown in the guide."""
    prompts: list[Prompt] = Field(min_length=1)
    """Things to say that invite this stage."""


class KolbFile(_Strict):
    """kolb.yaml."""

    ring: Ring
    """The ring's names."""
    stages: list[KolbStage] = Field(min_length=4, max_length=4)
    """The four stages, in cycle order."""


class Knapp(_Strict):
    """One karriereknapp: a word pair that opens a dilemma."""

    id: Id
    """Stable id (e.g. ``muligheter-og-begrensninger``)."""
    name: Text
    """The knapp's name as counsellors know it (the theory term)."""
    plain: Text
    """The same in everyday words (shown when plain words are on)."""
    pair: list[Text] = Field(min_length=2, max_length=2)
    """The two poles of the pair."""
    meaning: Text
    """What the knapp is about, in a sentence or two. Shown first."""
    dilemma: Text
    """The tension it points to."""
    explain: Explanation
    """The explanation shown with one key."""
    prompts: dict[PhaseId, Annotated[list[Prompt], Field(min_length=1)]] = Field(min_length=1)
    """Prompts per phase, only for the phases where the knapp fits."""


class KnappFile(_Strict):
    """knapper.yaml."""

    ring: Ring
    """The ring's names."""
    knapper: list[Knapp] = Field(min_length=1)
    """The karriereknapper, in the order they are shown."""


class PhaseFile(_Strict):
    """faser.yaml."""

    phases: list[PhaseContent] = Field(min_length=4, max_length=4)
    """The four phases, in conversation order."""


class ReflectionQuestion(_Strict):
    """A question for the reflection log."""

    id: Id
    """Stable id (answers are stored against it)."""
    text: Text
    """The question."""
    hint: Text | None = None
    """A short hint shown under the question."""


class ReflectionFile(_Strict):
    """refleksjon.yaml."""

    questions: list[ReflectionQuestion] = Field(min_length=1)
    """The reflection questions, in order."""


class Settings(_Strict):
    """innstillinger.yaml."""

    long_session_minutes: int = Field(ge=1, le=240)
    """After this many minutes without reaching Konklusjon the phase bar suggests rounding off."""


@dataclass(frozen=True)
class PromptRef:
    """A prompt with where it lives: what the palette and the copy keys work on."""

    id: str
    """Derived id, e.g. ``kontakt.3`` or ``meg-i-kontekst.kontakt.1`` or ``refleksjon.2``."""
    prompt: Prompt
    phase: PhaseId | None
    kolb: str | None = None
    knapp: str | None = None


@dataclass(frozen=True)
class Content:
    """The whole model, validated and cross-checked."""

    phases: tuple[PhaseContent, ...]
    kolb_ring: Ring
    stages: tuple[KolbStage, ...]
    knapp_ring: Ring
    knapper: tuple[Knapp, ...]
    reflection: tuple[ReflectionQuestion, ...]
    settings: Settings
    ui: dict[str, str]
    """The app's own words in this language (ui.yaml)."""
    lang: str = DEFAULT_LANG

    def phase(self, phase_id: str) -> PhaseContent:
        """Return the phase with ``phase_id``."""
        return next(p for p in self.phases if p.id == phase_id)

    def stage(self, stage_id: str) -> KolbStage:
        """Return the Kolb stage with ``stage_id``."""
        return next(s for s in self.stages if s.id == stage_id)

    def knapp(self, knapp_id: str) -> Knapp:
        """Return the knapp with ``knapp_id``."""
        return next(k for k in self.knapper if k.id == knapp_id)

    def label(self, element_id: str, plain: bool) -> str:
        """The name of a Kolb stage or knapp in plain words or as the theory term."""
        for stage in self.stages:
            if stage.id == element_id:
                return stage.plain if plain else stage.theory
        knapp = self.knapp(element_id)
        return knapp.plain if plain else knapp.name

    def other_label(self, element_id: str, plain: bool) -> str:
        """The name in the other set of words (shown dim beside the first)."""
        return self.label(element_id, not plain)

    def ring_label(self, ring: str, plain: bool) -> str:
        """The name of the ``kolb`` or ``knapper`` ring."""
        names = self.kolb_ring if ring == "kolb" else self.knapp_ring
        return names.plain if plain else names.theory

    def knapp_prompts(self, phase_id: str) -> list[PromptRef]:
        """Return the knapp prompts for a phase, grouped by knapp in knapp order."""
        refs: list[PromptRef] = []
        for knapp in self.knapper:
            for n, prompt in enumerate(knapp.prompts.get(phase_id, []), start=1):  # type: ignore[call-overload]
                refs.append(
                    PromptRef(f"{knapp.id}.{phase_id}.{n}", prompt, phase_id, knapp=knapp.id)  # type: ignore[arg-type]
                )
        return refs

    def copy_targets(self, phase_id: PhaseId) -> dict[str, PromptRef]:
        """Map copy keys to prompts for a phase: ``1``–``9`` questions, ``a``… knapp prompts."""
        targets: dict[str, PromptRef] = {}
        for n, question in enumerate(self.phase(phase_id).questions, start=1):
            targets[str(n)] = PromptRef(f"{phase_id}.{n}", question, phase_id)
        for letter, ref in zip(KNAPP_LETTERS, self.knapp_prompts(phase_id), strict=False):
            targets[letter] = ref
        return targets

    def all_prompts(self) -> Iterator[PromptRef]:
        """Yield every copyable prompt: phase questions, knapp prompts, Kolb prompts."""
        for phase in self.phases:
            for n, question in enumerate(phase.questions, start=1):
                yield PromptRef(f"{phase.id}.{n}", question, phase.id)
            yield from self.knapp_prompts(phase.id)
        for stage in self.stages:
            for n, prompt in enumerate(stage.prompts, start=1):
                yield PromptRef(f"{stage.id}.{n}", prompt, None, kolb=stage.id)


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
    if kind == "missing":
        return say(f"mangler feltet «{field}»", f"the field «{field}» is missing")
    if kind == "extra_forbidden":
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
    if kind in ("dict_type", "model_type"):
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
        return say(
            f"kan ha høyst {ctx.get('max_length')} (har {ctx.get('actual_length')})",
            f"can have at most {ctx.get('max_length')} (has {ctx.get('actual_length')})",
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


def _validate(model: type[_Strict], doc: Document, problems: list[Problem]) -> Any:
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(p for p in err["loc"] if p != "[key]")
            path = ".".join(str(p) for p in loc)
            prefix = f"{path}: " if path else ""
            file, line = doc.where(loc)
            problems.append(Problem(file, line, prefix + message_for(err)))
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
        elif isinstance(node, str) and _BRACES.search(PLACEHOLDER.sub("", node)):
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
    from tui.paths import builtin_content_dir  # no Textual there: the core stays pure

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
    )
