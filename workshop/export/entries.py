"""What counts as an entry, and where an action came from: shared by the sections, the
summary and the follow-up comparison so that all of them count and name things alike."""

from __future__ import annotations

from workshop.links import SOURCE_KINDS, parse_source

from .textclean import clean, clean_line


def short(text: str, limit: int = 70) -> str:
    """The first line of a text, cut at a word for a table cell that names it."""
    line = clean_line(clean(text).split("\n", 1)[0])
    if len(line) <= limit:
        return line
    cut = line[:limit].rsplit(" ", 1)[0] or line[:limit]
    return cut.rstrip(",;:.") + "…"


# The tables whose rows the record names an action by, and the field that names one; other
# origins are named by their kind only (their words may be kept out of the record).
_NAMED_BY = {"concerns": "text", "dual_roles": "situation", "jd_duties": "title"}


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def source_of(action: dict) -> tuple[str, str] | None:
    """(table, id) an action was sent from, or None."""
    return parse_source(action.get("source"))


def origins(actions: list[dict], shown: dict[str, dict[str, dict]]) -> dict[str, str]:
    """Action id -> where it came from, in a few words ("Dual-role scenario: …").

    `shown`: the rows of each table that are in this record, by id. An item kept out of
    the record (or since deleted) is named by its kind only, never by its words."""
    out = {}
    for a in actions:
        kind = str(a.get("source") or "").partition(":")[0]
        src = source_of(a)
        if src is None:
            continue
        table, rid = src
        _table, _activity, label, a_thing = SOURCE_KINDS[kind]
        row = shown.get(table, {}).get(rid) if table in _NAMED_BY else None
        name = short(row.get(_NAMED_BY[table])) if row else ""
        out[str(a.get("id"))] = f"{_capital(label)}: {name}" if name else _capital(a_thing)
    return out


def has_content(row: dict, fields: tuple[str, ...]) -> bool:
    return any(clean(row.get(f)).strip() for f in fields)


def discussed(dual_role: dict) -> bool:
    """A dual-role row the group worked on: a preset situation left as it came is not a
    scenario of this workshop, and a row with nothing typed is no scenario at all."""
    if has_content(dual_role, ("challenge", "action_plan", "owner", "due", "policy")):
        return True
    return not dual_role.get("preset") and has_content(dual_role, ("situation",))
