"""The content a workshop shows: the shipped content plus its organisation template's extras.

A workshop made from a template keeps a copy of it in its `template` field
(`workshop.template.Template.as_json`), so everything here reads that copy and never the
template file: a workshop reopened on another laptop, or after the template changed, shows
what it was made with. Each function takes the workshop record (`Session.workshop()`);
one without a template gets exactly the shipped content.

The copy may have been edited by hand, so every part is checked as it is read and a part
that does not fit is left out rather than stopping the day.

Plain Python: no Textual, no TinyDB.
"""

from __future__ import annotations

import re
from typing import Any

from workshop import content

TEMPLATE_GROUP = "template"
KEY_PREFIX = "template:"


def _template(workshop: dict[str, Any] | None) -> dict[str, Any]:
    value = (workshop or {}).get("template")
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _entries(workshop: dict[str, Any] | None, name: str, required: tuple[str, ...]) -> list[dict[str, Any]]:
    """Entries of the template's list `name` that have every `required` text and a template key."""
    rows = _template(workshop).get(name)
    if not isinstance(rows, list):
        return []
    out, keys = [], set()
    for row in rows:
        if not isinstance(row, dict) or not all(_text(row.get(k)) for k in required):
            continue
        key = _text(row.get("key"))
        if not key.startswith(KEY_PREFIX) or key in keys:
            continue  # never shadow a shipped entry, never show one twice
        keys.add(key)
        out.append(row)
    return out


def template_name(workshop: dict[str, Any] | None) -> str | None:
    """The name of the template the workshop was made from, or None."""
    tpl = _template(workshop)
    if not tpl:
        return None
    return _text(tpl.get("name")) or _text(tpl.get("file")) or "the organisation's template"


def prompts_for(activity: str, workshop: dict[str, Any] | None) -> list[str]:
    """The template's extra prompts for `activity` (empty for none)."""
    prompts = _template(workshop).get("prompts")
    items = prompts.get(activity) if isinstance(prompts, dict) else None
    if not isinstance(items, list):
        return []
    return [_text(p) for p in items if _text(p)]


def dual_role_presets(workshop: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The six shipped situations, then the template's own (each with `template`: True and
    `challenge` and `policy` to start the row with)."""
    presets = content.dual_role_presets()
    for row in _entries(workshop, "dual_roles", ("key", "situation")):
        presets.append({
            "key": row["key"], "situation": _text(row["situation"]), "prompt": _text(row.get("prompt")),
            "challenge": _text(row.get("challenge")), "policy": _text(row.get("policy")), "template": True,
        })
    return presets


def concern_library(workshop: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The shipped library, then the template's concerns (group "template")."""
    library = content.concern_library()
    shipped = {c["key"] for c in library}
    for row in _entries(workshop, "concerns", ("key", "label", "title")):
        gist = row.get("gist")
        points = [_text(p) for p in gist if _text(p)] if isinstance(gist, list) else []
        if row["key"] in shipped:
            continue
        library.append({
            "key": row["key"], "label": _text(row["label"]), "group": TEMPLATE_GROUP, "title": _text(row["title"]),
            "gist": points, "source": _text(row.get("source")),
        })
    return library


def concern_categories(workshop: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Category choices: the shipped library's, the template's, then "other" and the like."""
    shipped = content.concern_categories()
    library_keys = {c["key"] for c in content.concern_library()}
    head = [c for c in shipped if c["key"] in library_keys]
    tail = [c for c in shipped if c["key"] not in library_keys]
    extra = [{"key": c["key"], "label": c["label"]} for c in concern_library(workshop) if c["group"] == TEMPLATE_GROUP]
    return head + extra + tail


def wording_lexicon(workshop: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The template's wording entries first (an organisation's own phrase is the more specific
    and its reason should win), then the shipped lexicon."""
    return extra_wording(workshop) + content.wording_lexicon()


def extra_wording(workshop: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The template's wording entries, in the lexicon's shape. Entries whose pattern does
    not compile are left out."""
    extra = []
    for row in _entries(workshop, "wording", ("key", "pattern", "phrase", "reason")):
        try:
            re.compile(row["pattern"], re.IGNORECASE)
        except re.error:
            continue
        extra.append({
            "key": row["key"], "pattern": row["pattern"], "phrase": _text(row["phrase"]),
            "category": _text(row.get("category")) or "jargon", "reason": _text(row["reason"]),
            "suggestion": _text(row.get("suggestion")),
        })
    return extra


def has_template(workshop: dict[str, Any] | None) -> bool:
    return bool(_template(workshop))
