"""The model as content: typed dataclasses of the YAML in ``content/``, and the queries on it.

The fields carry their validation rules (:mod:`tui.core.model.rules`); pydantic checks them only
when content is loaded from YAML, not when the app starts from the compiled cache.

The loader (reading, layering overlays, validating with file:line errors) is
:mod:`tui.core.model.loader`.

Layout of a content folder::

    content/
      innstillinger.yaml      settings that do not depend on language
      nb/                     one folder per language
        faser.yaml            the four 4K phases
        kolb.yaml             the Kolb stages (Kolbs læringssirkel)
        knapper.yaml          the five karriereknapper
        refleksjon.yaml       the reflection questions for the log

Every field below carries a docstring: together they are the reference for the content format.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from string import ascii_lowercase
from typing import Annotated, Literal

from tui.core.base.strings import DEFAULT_LANG
from tui.core.model.rules import Bool, Checked, Id, Rule, Text

PhaseId = Literal["kontakt", "kontrakt", "kommunikasjon", "konklusjon"]
PHASE_IDS: tuple[PhaseId, ...] = ("kontakt", "kontrakt", "kommunikasjon", "konklusjon")
"""The 4K phases in conversation order. The model fixes them; content gives their words."""

TommType = Literal["lineær", "sirkulær", "strategisk", "refleksiv"]
"""Karl Tomm's (1988) four question types."""
QuestionKind = Literal[
    "lineær", "sirkulær", "strategisk", "refleksiv", "metakommunikasjon", "ytring"
]
"""A Tomm type for a question about the veisøker's matter; ``metakommunikasjon`` for what is
said about the conversation itself; ``ytring`` for greetings, closings and holding lines."""
KINDS: tuple[QuestionKind, ...] = (
    "lineær", "sirkulær", "strategisk", "refleksiv", "metakommunikasjon", "ytring"
)  # fmt: skip
TOMM_TYPES: frozenset[str] = frozenset(("lineær", "sirkulær", "strategisk", "refleksiv"))
Channel = Literal["chat", "phone"]
CHANNELS: tuple[Channel, ...] = ("chat", "phone")

PLACEHOLDER = re.compile(r"\{([a-zæøå_]+)\}")
BRACES = re.compile(r"[{}]")

KNAPP_LETTERS = ascii_lowercase
"""Knapp prompts are lettered a, b, c … for copying; phase questions are numbered 1–9."""

FILES = ("faser.yaml", "kolb.yaml", "knapper.yaml", "refleksjon.yaml", "ui.yaml")
VERKSTED_FILE = "verksted.yaml"
"""The knappeverksted's cases: optional (a content without it has no workshop)."""
REFERENCE_LANG = "nb"
"""Every language must have exactly the UI keys of the built-in bokmål."""
SETTINGS_FILE = "innstillinger.yaml"


@dataclass(frozen=True, kw_only=True)
class Prompt(Checked):
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


@dataclass(frozen=True, kw_only=True)
class Explanation(Checked):
    """What an element of the model is, for a counsellor who does not know it yet."""

    short: Text
    """One line."""
    long: Text
    """A few sentences."""
    example: Text
    """An invented, anonymous moment from a realistic conversation."""
    when: Text
    """When to use it."""


@dataclass(frozen=True, kw_only=True)
class Question(Prompt):
    """A line in a phase's toolbox: a question labelled by Karl Tomm's type, or a line of
    metacommunication or a greeting/closing (which are not questions and have no Tomm type)."""

    type: QuestionKind
    """lineær, sirkulær, strategisk or refleksiv (Tomm 1988); metakommunikasjon; or ytring."""


@dataclass(frozen=True, kw_only=True)
class KindContent(Checked):
    """What a question type (or kind of line) is, shown with the explanations."""

    id: QuestionKind
    """One of the kinds a question can have."""
    name: Text
    """Its name, e.g. «Sirkulært spørsmål»."""
    seed: Bool
    """True when the 4K model's own toolbox builds on it (Tomm's lineal and circular types,
    and metacommunication); False for what Veiviser adds."""
    explain: Explanation
    """What it does, an example and when to use it."""


@dataclass(frozen=True, kw_only=True)
class Situation(Checked):
    """A situation that comes up in the service, with a short way through it."""

    id: Id
    """Stable id (copied lines are recorded as ``situasjon.<id>.<n>``)."""
    name: Text
    """Its name, e.g. «Chatten blir stille»."""
    when: Text
    """When it applies."""
    steps: Annotated[list[Text], Rule(min_length=1)]
    """What to do, in order."""
    questions: Annotated[list[Question], Rule(min_length=1, max_length=9)]
    """Lines to copy (numbered 1–9)."""


@dataclass(frozen=True, kw_only=True)
class Tips(Checked):
    """Channel-specific advice for a phase."""

    chat: Annotated[list[Text], Rule(min_length=1)]
    """Tips for chat, such as metacommunication («Et øyeblikk, jeg leser»)."""
    phone: Annotated[list[Text], Rule(min_length=1)]
    """Tips for the phone: tone, pauses, summing up aloud."""


@dataclass(frozen=True, kw_only=True)
class PhaseContent(Checked):
    """One 4K phase."""

    id: PhaseId
    """kontakt, kontrakt, kommunikasjon or konklusjon, in that order."""
    name: Text
    """The name shown in the phase bar."""
    goal: Text
    """The phase's goal, one sentence."""
    approaches: Annotated[list[Text], Rule(min_length=1)]
    """The counsellor's approaches in this phase."""
    kolb: Annotated[list[Id], Rule(min_length=1)]
    """Ids of the Kolb stages we suggest for this phase (from kolb.yaml). The model itself
    does not tie Kolb stages to phases: the app shows these as suggestions."""
    questions: Annotated[list[Question], Rule(min_length=6, max_length=9)]
    """Six to nine questions; they are numbered 1–9 for copying (one key each, so no more
    than nine: an overlay that needs others replaces the list with ``questions!``)."""
    tips: Tips
    """Advice per channel."""
    explain: Explanation
    """The explanation shown with one key."""


@dataclass(frozen=True, kw_only=True)
class Ring(Checked):
    """The names of a ring in the model."""

    theory: Text
    """The theory name (e.g. «Kolbs læringssirkel»)."""
    plain: Text
    """The plain name (e.g. «Læringsepisode»)."""


@dataclass(frozen=True, kw_only=True)
class KolbStage(Checked):
    """One stage of Kolb's learning cycle."""

    id: Id
    """Stable id, referred to from faser.yaml."""
    theory: Text
    """The theory term (konkret erfaring, …)."""
    plain: Text
    """The plain words counsellors asked for."""
    explain: Explanation
    """What the stage is; ``short`` is shown in the guide."""
    prompts: Annotated[list[Prompt], Rule(min_length=1)]
    """Things to say that invite this stage."""


@dataclass(frozen=True, kw_only=True)
class KolbFile(Checked):
    """kolb.yaml."""

    ring: Ring
    """The ring's names."""
    stages: Annotated[list[KolbStage], Rule(min_length=4, max_length=4)]
    """The four stages, in cycle order."""


@dataclass(frozen=True, kw_only=True)
class Knapp(Checked):
    """One karriereknapp: a word pair that opens a dilemma."""

    id: Id
    """Stable id (e.g. ``muligheter-og-begrensninger``)."""
    name: Text
    """The knapp's name as counsellors know it (the theory term)."""
    plain: Text
    """The same in everyday words (shown when plain words are on)."""
    pair: Annotated[list[Text], Rule(min_length=2, max_length=2)]
    """The two poles of the pair."""
    meaning: Text
    """What the knapp is about, in a sentence or two. Shown first."""
    dilemma: Text
    """The tension it points to."""
    explain: Explanation
    """The explanation shown with one key."""
    prompts: Annotated[
        dict[PhaseId, Annotated[list[Prompt], Rule(min_length=1)]], Rule(min_length=1)
    ]
    """Prompts per phase, only for the phases where the knapp fits."""


@dataclass(frozen=True, kw_only=True)
class KnappFile(Checked):
    """knapper.yaml."""

    ring: Ring
    """The ring's names."""
    knapper: Annotated[list[Knapp], Rule(min_length=1)]
    """The karriereknapper, in the order they are shown."""


@dataclass(frozen=True, kw_only=True)
class CaseQuestion(Checked):
    """One of the guide's own questions for a knappeverksted case, revealed after the group's."""

    text: Text
    """The question as a counsellor would write it in chat."""
    type: TommType
    """Its Tomm type: lineær, sirkulær, strategisk or refleksiv."""


@dataclass(frozen=True, kw_only=True)
class VerkstedCase(Checked):
    """An invented case for the knappeverksted (a team's fagdag): one veisøker's situation, read
    through one knapp. No names: «en 17-åring på vg2», never a person who could be recognised."""

    id: Id
    """Stable id (e.g. ``kontekst-familiebedrift``)."""
    knapp: Id
    """The knapp the case is for (an id from knapper.yaml)."""
    title: Text
    """A few words for the case list («Vg2, familien har en gård»)."""
    situation: Text
    """What the veisøker writes or says, in a few sentences."""
    questions: Annotated[list[CaseQuestion], Rule(min_length=2)]
    """The guide's own questions for the case, with their Tomm types (shown when revealed)."""


@dataclass(frozen=True, kw_only=True)
class VerkstedFile(Checked):
    """verksted.yaml: the knappeverksted's cases, at least three per knapp in the built-in content
    (a service's overlay may add its own)."""

    cases: Annotated[list[VerkstedCase], Rule(min_length=1)]
    """The cases, in the order the workshop shows them within a knapp."""


@dataclass(frozen=True, kw_only=True)
class PhaseFile(Checked):
    """faser.yaml."""

    phases: Annotated[list[PhaseContent], Rule(min_length=4, max_length=4)]
    """The four phases, in conversation order."""
    kinds: Annotated[list[KindContent], Rule(min_length=len(KINDS), max_length=len(KINDS))]
    """Every question kind, explained (each id once)."""
    situations: list[Situation] = field(default_factory=list)
    """Situations that come up in the service (the quick chat, a chat gone quiet, …)."""


@dataclass(frozen=True, kw_only=True)
class ReflectionQuestion(Checked):
    """A question for the reflection log."""

    id: Id
    """Stable id (answers are stored against it)."""
    text: Text
    """The question."""
    hint: Text | None = None
    """A short hint shown under the question."""


@dataclass(frozen=True, kw_only=True)
class ReflectionFile(Checked):
    """refleksjon.yaml."""

    questions: Annotated[list[ReflectionQuestion], Rule(min_length=1)]
    """The reflection questions, in order."""


@dataclass(frozen=True, kw_only=True)
class Settings(Checked):
    """innstillinger.yaml."""

    long_session_minutes: Annotated[int, Rule(ge=1, le=240)]
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
    situation: str | None = None


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
    kinds: tuple[KindContent, ...] = ()
    situations: tuple[Situation, ...] = ()
    verksted: tuple[VerkstedCase, ...] = ()
    """The knappeverksted's cases (verksted.yaml; none when a content has no such file)."""

    def cases(self, knapp_id: str) -> list[VerkstedCase]:
        """The knappeverksted's cases for one knapp, in their order."""
        return [case for case in self.verksted if case.knapp == knapp_id]

    def kind(self, kind_id: str) -> KindContent:
        """Return the question kind with ``kind_id``."""
        return next(k for k in self.kinds if k.id == kind_id)

    def situation_prompts(self, situation: Situation) -> list[PromptRef]:
        """The lines of a situation, numbered for copying."""
        return [
            PromptRef(f"situasjon.{situation.id}.{n}", q, None, situation=situation.id)
            for n, q in enumerate(situation.questions, start=1)
        ]

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
        for situation in self.situations:
            yield from self.situation_prompts(situation)
