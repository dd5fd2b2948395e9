"""The user's config file (YAML), validated like content. Every field has a default.

Veiviser writes back only what the user changes in the app (plain words, theme); comments in
the file are not kept when it does.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Annotated, Any

from tui.core.base.keynames import KeyNameError, check_keys
from tui.core.base.problems import ContentError, Problem
from tui.core.base.strings import t
from tui.core.model.rules import Bool, Checked, Rule, Str, validate


@dataclass(frozen=True, kw_only=True)
class Config(Checked):
    """config.yaml in the platform's config folder (or ``$VEIVISER_CONFIG``)."""

    retention_days: Annotated[int, Rule(ge=1, le=3650)] = 180
    """Sessions older than this are offered for deletion at start (storage limitation)."""
    export_dir: Str | None = None
    """Where reflection logs are exported; default ``eksport`` in the data folder."""
    lang: Str | None = None
    """Language of the content and the app (``nb``, ``en`` or one from an overlay)."""
    theme: Str | None = None
    """Colour theme (see ``themes/``)."""
    plain_words: Bool = True
    """Plain words (True) or theory terms (False) for Kolb and the karriereknapper."""
    nudge_after: Annotated[int, Rule(ge=1, le=100)] | None = None
    """Suggest a knapp not used in this many conversations (in Kommunikasjon); off when unset."""
    team_dir: Str | None = None
    """A (shared) folder with the service's ``team.yaml``: the vaktleder's dagens knapp."""
    overlays: list[Str] = field(default_factory=list)
    """Folders with the service's own content, layered over the built-in content."""
    keymap: dict[Str, Str] = field(default_factory=dict)
    """Other keys for actions, by binding id (``Ctrl+G`` in the app lists the ids)."""


def load_config(
    path: Path,
    binding_ids: set[str] | None = None,
    letter_ids: frozenset[str] = frozenset(),
    groups: tuple[dict[str, str], ...] = (),
) -> Config:
    """Load ``path`` if it exists; a missing file means the defaults.

    Args:
        path: The config file.
        binding_ids: The known binding ids; keymap entries for others are errors.
        letter_ids: Ids that may take a plain letter (answers in modals without a text field).
        groups: For each screen, the ids live on it and their default keys: one key may not
            act for two of them.

    Raises:
        ContentError: With ``file:line: message`` for each problem.
    """
    if not path.exists():
        return Config()
    from pydantic import ValidationError

    from tui.core.model.loader import located
    from tui.core.model.yamlreader import read_file

    doc = read_file(path)
    try:
        config = validate(Config, doc.data)
    except ValidationError as exc:
        raise ContentError(located(doc, exc)) from None
    problems = []
    keymap: dict[str, str] = {}
    for binding_id, keys in config.keymap.items():
        file, line = doc.where(("keymap", binding_id))
        if binding_ids is not None and binding_id not in binding_ids:
            problems.append(
                Problem(
                    file,
                    line,
                    t(
                        "msg.config.keymap_unknown_action_there",
                        binding_id=binding_id,
                        names=", ".join(sorted(binding_ids)),
                    ),
                )
            )
            continue
        try:
            keys = check_keys(keys)
        except KeyNameError as exc:
            problems.append(Problem(file, line, f"keymap: {binding_id}: {exc}"))
            continue
        if binding_id not in letter_ids and any(len(k) == 1 for k in keys.split(",")):
            problems.append(Problem(file, line, t("msg.config.keymap_letter_or_digit", keys=keys)))
            continue
        keymap[binding_id] = keys
    problems += _clashes(doc, keymap, groups)
    if problems:
        raise ContentError(problems)
    return replace(config, keymap=keymap)


def _clashes(doc: Any, keymap: dict[str, str], groups: tuple[dict[str, str], ...]) -> list[Problem]:
    """A key that two actions on one screen would both answer to (both in the keymap, or one
    moved onto another's key), said once, at the line that made it."""
    problems: list[Problem] = []
    said: set[tuple[str, str]] = set()
    for group in groups:
        owner: dict[str, str] = {}
        for binding_id, default in group.items():  # defaults first, in the screen's order
            for key in keymap.get(binding_id, default).split(","):
                other = owner.setdefault(key, binding_id)
                if other == binding_id or (key, binding_id) in said:
                    continue
                mover = binding_id if binding_id in keymap else other
                if mover not in keymap:
                    continue  # two defaults on one key: the app's own design, not the file's
                said.add((key, binding_id))
                file, line = doc.where(("keymap", mover))
                partner = other if mover == binding_id else binding_id
                problems.append(
                    Problem(
                        file,
                        line,
                        t("msg.config.keymap_clash", key=key, binding_id=mover, other=partner),
                    )
                )
    return problems


def save_setting(path: Path, key: str, value: Any) -> None:
    """Set one top-level ``key`` in the config file, atomically (the rest is kept)."""
    from tui.core.model.yamlreader import read_file

    data: dict[str, Any] = {}
    if path.exists():
        loaded = read_file(path).data
        if isinstance(loaded, dict):
            data = loaded
    data[key] = value
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    import yaml

    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    fd, tmp = tempfile.mkstemp(prefix=".config-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
