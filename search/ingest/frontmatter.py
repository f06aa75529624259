"""The small YAML subset used in front matter: ``key: "value"`` and lists."""

from __future__ import annotations

import json
import re

from .decode import SourceError

_KEY = re.compile(r"([A-Za-z_][\w-]*):\s*(.*)$")
_ITEM = re.compile(r"\s+-\s*(.*)$")


def has_front_matter(text: str) -> bool:
    """Tell whether the text opens with a ``---`` line."""
    return text.lstrip("\n").split("\n", 1)[0].strip() == "---"


def split_front_matter(text: str) -> tuple[dict[str, str | list[str]], str]:
    """Split ``---``-fenced front matter from the body that follows it.

    Values are read as JSON strings that may hold raw control characters
    (hkcnews titles do; a strict YAML loader rejects those files). Unquoted
    values are taken as they stand. A key with no value followed by
    ``  - "item"`` lines is a list.

    :raises SourceError: when the closing ``---`` is missing or a line is not
        ``key: value``.
    """
    lines = text.lstrip("\n").split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    meta: dict[str, str | list[str]] = {}
    key = None
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == "---":
            return meta, "\n".join(lines[number:])
        if not line.strip():
            continue
        item = _ITEM.match(line)
        if item and key is not None and isinstance(meta.get(key), list):
            meta[key].append(_value(item.group(1), number))
            continue
        match = _KEY.match(line)
        if not match:
            raise SourceError(f"front matter line {number} is not 'key: value'")
        key, raw = match.group(1), match.group(2).strip()
        meta[key] = _value(raw, number) if raw else []
    raise SourceError("front matter has no closing '---' line")


def _value(raw: str, number: int) -> str:
    raw = raw.strip()
    if raw.startswith('"'):
        try:
            value = json.loads(raw, strict=False)
        except json.JSONDecodeError as exc:
            raise SourceError(f"front matter line {number}: bad quoted value ({exc.msg})") from exc
        return value if isinstance(value, str) else str(value)
    if len(raw) >= 2 and raw[0] == raw[-1] == "'":
        return raw[1:-1].replace("''", "'")
    return raw
