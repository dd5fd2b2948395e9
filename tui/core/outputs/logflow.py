"""The reflection log's way out, one function each, used by the app and the CLI alike.

Kept apart from :mod:`tui.core.conversation.conversation` so that starting the app does not
import the log model, the privacy scanner or the exporter: they load when a log is first made.
"""

from __future__ import annotations

from pathlib import Path

from tui.core.archive.store import Store
from tui.core.conversation.conversation import Conversation, export_stem
from tui.core.model.content import Content
from tui.core.outputs import formats
from tui.core.outputs.export import ExportError, write_new
from tui.core.outputs.log import Privacy, ReflectionLog, build_log, render_json
from tui.core.outputs.review import Decision, Finding, counted, pending
from tui.core.outputs.review import apply as apply_decision
from tui.core.outputs.review import mask_all as mask_all_hits


def log_for(model: Content, store: Store, session_id: str) -> ReflectionLog:
    """The log of ``session_id`` as the archive has it: the saved (reviewed) log, else one built
    from what is archived. The app's reflection and ``veiviser export`` both come here, so a
    log written either way is the same, byte for byte."""
    saved = store.saved_log(session_id)
    if saved is not None:
        return ReflectionLog.model_validate_json(saved)
    return build_from_archive(model, store, session_id)


def build_from_archive(model: Content, store: Store, session_id: str) -> ReflectionLog:
    """A log built from what the archive holds of ``session_id`` (its focus and outcome too)."""
    loaded = store.load(session_id)
    return build_log(
        model,
        loaded.session(),
        session_id,
        loaded.answers,
        Privacy(masked=0, kept=0),
        focus=loaded.focus,
        outcome=loaded.outcome,  # type: ignore[arg-type]
    )


def running_log(conversation: Conversation) -> ReflectionLog:
    """The log of the conversation being held, once everything typed is saved: built from the
    archive, as ``veiviser export`` builds it."""
    conversation.save_everything()
    return build_from_archive(conversation.model, conversation.store, conversation.session_id)


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
    """Where an export of ``log`` goes by default (``suffix``: one of :data:`formats.LOG`)."""
    return export_dir / f"{export_stem(log.date, log.start_time, session_id)}.{suffix}"


def export_paths(export_dir: Path, log: ReflectionLog, session_id: str) -> list[Path]:
    """Where the app writes ``log``: one file per format of :data:`formats.LOG`."""
    return [export_path(export_dir, log, session_id, suffix) for suffix in formats.LOG]


def render(model: Content, log: ReflectionLog, suffix: str) -> bytes:
    """The log as the bytes of one of :data:`formats.LOG` (UTF-8, ``\\n`` line ends)."""
    return formats.LOG[suffix].encode(model, log)


def for_export(store: Store, log: ReflectionLog, session_id: str,
               mask_all: bool) -> tuple[ReflectionLog, list[Finding], int]:  # fmt: skip
    """The log as ``veiviser export`` writes it: with every open privacy finding masked when
    ``mask_all`` (recorded in the archive unless the app has it open), else the findings still
    open (then nothing may be written), and how many were masked now."""
    decisions = list(store.load(session_id).decisions)
    todo = pending(log, decisions)
    if todo and not mask_all:
        return log, todo, 0
    if todo:
        log, new, texts = mask_all_hits(log, decisions)
        if not store.read_only:
            for record in new:
                store.record_decision(session_id, *record)
            for source, text in texts.items():
                store.replace_text(session_id, source, text)
        decisions += new
    return counted(log, decisions), [], len(todo)


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
        for target in export_paths(export_dir, log, session_id):
            paths.append(write_new(target, render(model, log, target.suffix[1:])))
    except ExportError as exc:
        return paths, str(exc)
    return paths, None
