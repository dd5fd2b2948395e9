"""A strict YAML reader for hand-edited content: plain data with line numbers, or clear errors.

PyYAML's ``safe_load`` silently accepts duplicate keys, turns ``no`` into ``False`` and ``0150``
into ``104``, expands alias bombs and raises ``RecursionError`` on deep nesting. Content files
are written by counsellors, not programmers, so this reader builds the data itself from
libyaml's event stream (the C parser, one pass) and:

- caps the file size and decodes strict UTF-8 (a BOM is fine, UTF-16 is not);
- refuses anchors, aliases and explicit tags (``!!python/...``) with their line;
- refuses duplicate keys, naming the line of the first one;
- types plain scalars conservatively: ``true``/``false``, ``null``/``~``/empty, and decimal
  numbers without a leading zero; everything else (``no``, ``0150``, ``1:30``, ``2024-03-01``)
  stays the string it looks like;
- builds iteratively with a depth cap, so no ``RecursionError``;
- records the line of every value, so later validation errors can name ``file:line``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.core.base.files import reason
from tui.core.base.problems import ContentError, Problem
from tui.core.base.strings import t

if TYPE_CHECKING:
    import yaml

MAX_BYTES = 1_000_000
"""Largest content file read (1 MB); content files are a few kB."""

MAX_DEPTH = 40
"""Deepest nesting allowed; the model needs about six levels."""

Path_ = tuple[str | int, ...]

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(0|[1-9][0-9]*)\.[0-9]+")


@dataclass
class Document:
    """A parsed YAML file: plain Python data plus the line of every path in it."""

    file: str
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    files: dict[Path_, str] = field(default_factory=dict)
    """For merged documents: which file each path came from (default ``file``)."""

    def line_of(self, path: Path_) -> int | None:
        """Return the line of ``path``, or of its nearest ancestor that has one."""
        return self.where(path)[1]

    def where(self, path: Path_) -> tuple[str, int | None]:
        """Return (file, line) of ``path`` or of its nearest ancestor that has a line."""
        for cut in range(len(path), -1, -1):
            key = tuple(path[:cut])
            line = self.lines.get(key)
            if line is not None:
                return self.files.get(key, self.file), line
        return self.file, None


def merge(base: Document, over: Document) -> Document:
    """Layer ``over`` on ``base`` (a service's overlay on the built-in content).

    Mappings merge key by key. Lists of items with an ``id`` merge by id (new ids are added).
    Other lists are replaced. A key ending in ``+`` appends to the list of that name, and one
    ending in ``!`` replaces it whole. Every value keeps the file and line it came from.
    """
    result = Document(base.file, None, dict(base.lines), dict(base.files))
    for path in result.lines:
        result.files.setdefault(path, base.file)

    def drop(rpath: Path_) -> None:
        n = len(rpath)
        for path in [p for p in result.lines if p[:n] == rpath]:
            del result.lines[path]
            result.files.pop(path, None)

    def copy(opath: Path_, rpath: Path_) -> None:
        n = len(opath)
        for path, line in over.lines.items():
            if path[:n] == opath:
                new = rpath + path[n:]
                result.lines[new] = line
                result.files[new] = over.file

    def walk(b: Any, o: Any, rpath: Path_, opath: Path_) -> Any:
        if isinstance(b, dict) and isinstance(o, dict):
            out = dict(b)
            for key, value in o.items():
                name, mode = key, ""
                if isinstance(key, str) and key[-1:] in ("+", "!") and len(key) > 1:
                    name, mode = key[:-1], key[-1]
                if mode == "+" and isinstance(out.get(name), list) and isinstance(value, list):
                    start = len(out[name])
                    out[name] = out[name] + value
                    for i in range(len(value)):
                        copy((*opath, key, i), (*rpath, name, start + i))
                elif name in out and mode != "!":
                    out[name] = walk(out[name], value, (*rpath, name), (*opath, key))
                else:
                    out[name] = value
                    drop((*rpath, name))
                    copy((*opath, key), (*rpath, name))
                line = over.lines.get((*opath, key))
                if line is not None:
                    result.lines[(*rpath, name)] = line
                    result.files[(*rpath, name)] = over.file
            return out
        if (
            isinstance(b, list)
            and isinstance(o, list)
            and all(isinstance(x, dict) and "id" in x for x in b + o)
        ):
            out_list = list(b)
            index = {item["id"]: i for i, item in enumerate(out_list)}
            for i, item in enumerate(o):
                if item["id"] in index:
                    j = index[item["id"]]
                    out_list[j] = walk(out_list[j], item, (*rpath, j), (*opath, i))
                else:
                    index[item["id"]] = len(out_list)
                    copy((*opath, i), (*rpath, len(out_list)))
                    out_list.append(item)
            return out_list
        drop(rpath)
        copy(opath, rpath)
        return o

    result.data = walk(base.data, over.data, (), ())
    return result


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""C0 controls but tab and newline, DEL and C1: ESC sequences from a file must never reach a
terminal (a team.yaml line would retitle or recolour every counsellor's screen)."""


def _scalar(event: yaml.ScalarEvent) -> Any:
    value: str = _CONTROL.sub("", event.value)
    if event.style:  # quoted or block scalars are always text
        return value
    if value in ("", "~", "null", "Null", "NULL"):
        return None
    if value in ("true", "True", "TRUE"):
        return True
    if value in ("false", "False", "FALSE"):
        return False
    if _INT.fullmatch(value):
        try:
            return int(value)
        except ValueError:  # more digits than Python converts: not a number anyone meant
            return value
    if _FLOAT.fullmatch(value):
        return float(value)
    return value


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ContentError(
            [
                Problem(
                    name,
                    1,
                    t("msg.yaml.file_utf_16_save"),
                )
            ]
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError(
            [
                Problem(
                    name,
                    line,
                    t("msg.yaml.not_valid_utf_8", start=exc.start),
                )
            ]
        ) from None


def read_file(path: Path, name: str | None = None) -> Document:
    """Read and parse one YAML file strictly.

    Args:
        path: The file to read.
        name: How to name the file in messages (defaults to ``path`` as given).

    Returns:
        The document with its data and line map.

    Raises:
        ContentError: With the file, line and a message saying what to do.
    """
    label = name or str(path)
    if path.is_dir():  # Windows says "permission denied" when a folder is opened as a file
        raise ContentError([Problem(label, None, t("msg.yaml.folder_not_file"))])
    from tui.core.base.files import NotRegular, TooLarge, read_regular

    too_large = False
    try:
        raw = read_regular(path, MAX_BYTES)
    except FileNotFoundError:
        raise ContentError([Problem(label, None, t("msg.check.file_does_not_exist"))]) from None
    except NotRegular:  # a FIFO or a device: never waited on, never read
        raise ContentError([Problem(label, None, t("msg.yaml.not_regular"))]) from None
    except TooLarge:
        raw = b""  # its size is said below
        too_large = True
    except OSError as exc:
        raise ContentError(
            [
                Problem(
                    label,
                    None,
                    t("msg.yaml.cannot_be_read", strerror=reason(exc)),
                )
            ]
        ) from None
    if too_large:
        raise ContentError(
            [
                Problem(
                    label,
                    None,
                    t("msg.yaml.file_larger_than_mb", megabytes=MAX_BYTES // 1_000_000),
                )
            ]
        )
    return parse_text(_decode(raw, label), label)


def parse_text(text: str, name: str) -> Document:
    """Parse YAML text strictly (see the module docstring)."""
    import yaml  # imported when a file is read: a start from the cache reads none

    try:  # libyaml's C parser: about 5x faster than the pure-Python one.
        from yaml import CSafeLoader as _Loader
    except ImportError:  # pragma: no cover - only on builds without libyaml
        from yaml import SafeLoader as _Loader  # type: ignore[assignment]

    doc = Document(name, None)
    # A stack of open containers: (container, path, pending key, key line, key lines seen).
    stack: list[tuple[Any, Path_, Any, dict[Any, int]]] = []
    root_set = False
    loader = _Loader(text)
    try:
        while True:
            event = loader.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                break
            line = event.start_mark.line + 1  # type: ignore[union-attr]
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise ContentError(
                    [
                        Problem(
                            name,
                            line,
                            t("msg.yaml.anchors_aliases_are_not"),
                        )
                    ]
                )
            tag = getattr(event, "tag", None)
            if tag is not None and tag != "!":
                raise ContentError(
                    [
                        Problem(
                            name,
                            line,
                            t("msg.yaml.yaml_tags_are_not", tag=tag),
                        )
                    ]
                )

            if isinstance(event, yaml.ScalarEvent | yaml.CollectionStartEvent):
                value: Any
                if isinstance(event, yaml.ScalarEvent):
                    value = _scalar(event)
                else:
                    value = [] if isinstance(event, yaml.SequenceStartEvent) else {}
                if not stack:
                    if root_set:
                        raise ContentError(
                            [
                                Problem(
                                    name,
                                    line,
                                    t("msg.yaml.only_one_yaml_document"),
                                )
                            ]
                        )
                    root_set = True
                    doc.data = value
                    path: Path_ = ()
                else:
                    parent, ppath, pkey, seen = stack[-1]
                    if isinstance(parent, list):
                        path = (*ppath, len(parent))
                        parent.append(value)
                    elif pkey is _NO_KEY:
                        # This value is a mapping key.
                        if not isinstance(value, str | int | float | bool) or value is None:
                            raise ContentError(
                                [
                                    Problem(
                                        name,
                                        line,
                                        t("msg.yaml.key_must_be_plain"),
                                    )
                                ]
                            )
                        key = value if isinstance(value, str) else str(value).lower()
                        if key in seen:
                            raise ContentError(
                                [
                                    Problem(
                                        name,
                                        line,
                                        t(
                                            "msg.yaml.key_appears_twice_first",
                                            key=key,
                                            first=seen[key],
                                        ),
                                    )
                                ]
                            )
                        seen[key] = line
                        stack[-1] = (parent, ppath, key, seen)
                        doc.lines[(*ppath, key)] = line
                        continue
                    else:
                        path = (*ppath, pkey)
                        parent[pkey] = value
                        stack[-1] = (parent, ppath, _NO_KEY, seen)
                doc.lines.setdefault(path, line)
                if isinstance(event, yaml.CollectionStartEvent):
                    if len(stack) >= MAX_DEPTH:
                        raise ContentError(
                            [
                                Problem(
                                    name,
                                    line,
                                    t("msg.yaml.nested_too_deep_over", MAX_DEPTH=MAX_DEPTH),
                                )
                            ]
                        )
                    stack.append((value, path, _NO_KEY, {}))
            elif isinstance(event, yaml.CollectionEndEvent):
                stack.pop()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = mark.line + 1 if mark is not None else None
        if exc.problem and "nesting depth" in exc.problem:  # libyaml's own depth limit
            raise ContentError([Problem(name, where, t("msg.yaml.nested_too_deep"))]) from None
        msg = t("msg.yaml.yaml_syntax_error", problem=exc.problem)
        if exc.context_mark is not None and exc.context:
            msg += t("msg.yaml.line", context=exc.context, line=exc.context_mark.line + 1)
        raise ContentError([Problem(name, where, msg)]) from None
    except yaml.YAMLError as exc:
        raise ContentError([Problem(name, None, t("msg.yaml.yaml_error", exc=exc))]) from None
    except RecursionError:
        raise ContentError([Problem(name, None, t("msg.yaml.nested_too_deep"))]) from None
    finally:
        loader.dispose()
    if not root_set or doc.data is None:
        raise ContentError([Problem(name, None, t("msg.yaml.file_empty"))])
    return doc


class _NoKey:
    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return "<no key>"


_NO_KEY: Any = _NoKey()
