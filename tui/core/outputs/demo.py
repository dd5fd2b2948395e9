"""Invented conversations for trying «Min praksis» and for the tests: ``veiviser demo N`` fills
a data folder (never the user's own archive unless asked) through the same conversation layer
the app uses, so every figure comes from real moves, notes and copies.

The notes are invented and anonymous. Each conversation walks the 4K phases with a random
pace, sometimes renews the contract or starts a new round, tags some knapper (some never) and
copies some lines from the guide.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from tui.core.archive.store import Store
from tui.core.conversation.conversation import Conversation
from tui.core.model.content import Content, PromptRef
from tui.core.outputs.log import render_json
from tui.core.outputs.logflow import running_log

NOTES = (
    "vurderer yrkesfag eller studiespesialisering",
    "usikker på om hen kommer inn på ønsket studie",
    "foreldrene har sterke meninger",
    "vil jobbe med mennesker",
    "lurer på opptakskrav",
    "har fått tilbud om læreplass",
)


class Clock:
    """A clock the generator moves forward."""

    def __init__(self, start: float) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


def generate(
    store: Store,
    model: Content,
    count: int,
    start: float,
    seed: int = 1,
    skip_knapper: tuple[str, ...] = ("valg-og-tilfeldigheter",),
    on_each: Callable[[str], None] | None = None,
) -> list[str]:
    """Make ``count`` finished conversations, one every few hours from ``start``; return ids.

    ``skip_knapper`` are never tagged nor copied (so «Min praksis» has one to point out).
    """
    rng = random.Random(seed)
    clock = Clock(start)
    knapper = [k.id for k in model.knapper if k.id not in skip_knapper]
    kolb = [ref for ref in model.all_prompts() if ref.kolb is not None]
    ids: list[str] = []
    store_clock, store.clock = store.clock, clock  # the archive dates them on the same clock
    try:
        for _ in range(count):
            ids.append(_one(store, model, rng, clock, knapper, kolb, skip_knapper))
            if on_each is not None:
                on_each(ids[-1])
    finally:
        store.clock = store_clock
    return ids


def _one(
    store: Store,
    model: Content,
    rng: random.Random,
    clock: Clock,
    knapper: list[str],
    kolb: list[PromptRef],
    skip_knapper: tuple[str, ...],
) -> str:
    clock.now += rng.uniform(2, 30) * 3600
    conversation = Conversation(model, store, clock=clock, monotonic=clock)
    conversation.start_new(rng.choice(("chat", "chat", "phone")))
    conversation.move(lambda s: s.start("kontakt"))
    path = ["kontrakt", "kommunikasjon"]
    if rng.random() < 0.3:
        path += ["kontrakt", "kommunikasjon"]  # the conversation turned: a renewal
    if rng.random() < 0.75:
        path.append("konklusjon")
    for phase in path:
        clock.now += rng.uniform(0.5, 6) * 60
        if rng.random() < 0.5:
            knapp = rng.choice(knapper) if knapper and rng.random() < 0.5 else None
            conversation.add_note(rng.choice(NOTES), knapp=knapp, pinned=rng.random() < 0.25)
        if rng.random() < 0.6:
            targets = list(model.copy_targets(conversation.session.phase or "kontakt").values())
            targets = [t for t in targets if t.knapp not in skip_knapper]
            if kolb and rng.random() < 0.3:
                targets = kolb
            if targets:
                ref = rng.choice(targets)
                conversation.record_copy(ref.id, ref.prompt.text("chat"))
        conversation.move(lambda s, phase=phase: s.jump(phase))  # type: ignore[misc]
    clock.now += rng.uniform(0.5, 4) * 60
    conversation.finish()
    # Reflected and archived, as a real conversation ends (no export files are written).
    store.save_log(conversation.session_id, render_json(running_log(conversation)))
    return conversation.session_id
