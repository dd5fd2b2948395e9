"""The reflection log's way out, one function each, used by the app and the CLI alike.

Kept apart from :mod:`tui.core.conversation` so that starting the app does not import the log
model, the privacy scanner or the exporter: they load when a log is first made.
"""

from __future__ import annotations

from pathlib import Path

from tui.core.content import Content
from tui.core.conversation import Conversation, export_stem
from tui.core.export import ExportError, write_new
from tui.core.log import Privacy, ReflectionLog, build_log, render_json, render_markdown
from tui.core.review import Decision, Finding
from tui.core.review import apply as apply_decision
from tui.core.store import Store


def load_or_build_log(
    model: Content, store: Store, session_id: str, answers: dict[str, str] | None = None
) -> ReflectionLog:
    """The saved log of ``session_id``; else one built from the archive (``answers`` replace
    the archived answers, for the running conversation whose newest answers are in memory)."""
    saved = store.saved_log(session_id)
    if saved is not None:
        return ReflectionLog.model_validate_json(saved)
    loaded = store.load(session_id)
    return build_log(
        model,
        loaded.session(),
        session_id,
        loaded.answers if answers is None else answers,
        Privacy(masked=0, kept=0),
        outcome=loaded.outcome,  # type: ignore[arg-type]
    )


def running_log(conversation: Conversation) -> ReflectionLog:
    """The log of the conversation being held, built from memory (nothing waits on the disk)."""
    conversation.save_everything()
    return build_log(
        conversation.model,
        conversation.session,
        conversation.session_id,
        conversation.answers,
        Privacy(masked=0, kept=0),
        focus=conversation.focus,
        outcome=conversation.outcome,  # type: ignore[arg-type]
    )


def saved_unchanged(store: Store, session_id: str, log: ReflectionLog) -> bool:
    """The archive already has this log as it stands (privacy counts aside): saving it again
    would only make a second pair of files with the same content."""
    saved = store.saved_log(session_id)
    if saved is None:
        return False
    old = ReflectionLog.model_validate_json(saved)
    return old == log.model_copy(update={"privacy": old.privacy})


def decide(
    conversation: Conversation,
    session_id: str,
    current: ReflectionLog,
    finding: Finding,
    decision: str,
) -> tuple[ReflectionLog, Decision]:
    """Record a privacy decision; a masked hit is masked in the archive and in memory too."""
    new_log, record, text = apply_decision(current, finding, decision)
    store = conversation.store
    key = f"decision:{session_id}:{record[0]}:{record[2]}"
    conversation.write(key, lambda: store.record_decision(session_id, *record))
    if decision == "mask":
        conversation.mask(session_id, finding.source, text)
    return new_log, record


def export_path(export_dir: Path, log: ReflectionLog, session_id: str, suffix: str) -> Path:
    """Where an export of ``log`` goes by default (``suffix`` is ``md`` or ``json``)."""
    return export_dir / f"{export_stem(log.date, log.start_time, session_id)}.{suffix}"


def render(model: Content, log: ReflectionLog, suffix: str) -> bytes:
    """The log as the bytes of a ``.md`` or ``.json`` file (UTF-8, ``\\n`` line ends)."""
    text = render_markdown(model, log) if suffix == "md" else render_json(log)
    return text.encode("utf-8")


class NotArchived(Exception):
    """The log could not be archived (the disk is full): nothing was exported; the log and
    every answer wait in memory and are written when the disk has room."""


def save_and_export(
    conversation: Conversation, session_id: str, log: ReflectionLog, export_dir: Path
) -> tuple[list[Path], str | None]:
    """Archive the reviewed log and write it as Markdown and JSON; returns the files written
    and, if writing stopped, why (what was written stays). Raises :class:`NotArchived` when the
    archive has not got the log (or anything typed before it): then nothing is exported."""
    store, model, text = conversation.store, conversation.model, render_json(log)
    if not conversation.write(f"log:{session_id}", lambda: store.save_log(session_id, text)):
        raise NotArchived(conversation.error)
    paths: list[Path] = []
    try:
        for suffix in ("md", "json"):
            target = export_path(export_dir, log, session_id, suffix)
            paths.append(write_new(target, render(model, log, suffix)))
    except ExportError as exc:
        return paths, str(exc)
    return paths, None
