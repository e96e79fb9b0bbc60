"""What counts as an entry, and where an action came from: shared by the sections, the
summary and the follow-up comparison so that all of them count and name things alike."""

from __future__ import annotations

from .textclean import clean, clean_line


def short(text: str, limit: int = 70) -> str:
    """The first line of a text, cut at a word for a table cell that names it."""
    line = clean_line(clean(text).split("\n", 1)[0])
    if len(line) <= limit:
        return line
    cut = line[:limit].rsplit(" ", 1)[0] or line[:limit]
    return cut.rstrip(",;:.") + "…"


# An action's `source` kind -> (table it points into, what that is called, the field that
# names it, what to call one that cannot be named here).
_ORIGINS = {
    "concern": ("concerns", "Concern", "text", "A concern"),
    "dual_role": ("dual_roles", "Dual-role scenario", "situation", "A dual-role scenario"),
    "jd_flag": ("", "", "", "Job description wording"),
    "jd_check": ("", "", "", "A job description criterion"),
    "jd_duty": ("jd_duties", "Example peer duty", "title", "An example peer duty"),
    "job_description": ("", "", "", "The job description review"),
    "hope_fear": ("", "", "", "Hopes and fears"),
}


def source_of(action: dict) -> tuple[str, str] | None:
    """(table, id) an action was sent from, or None."""
    kind, _, rid = str(action.get("source") or "").partition(":")
    table = _ORIGINS.get(kind, ("",))[0]
    return (table, rid) if table and rid else None


def origins(actions: list[dict], shown: dict[str, dict[str, dict]]) -> dict[str, str]:
    """Action id -> where it came from, in a few words ("Dual-role scenario: …").

    `shown`: the rows of each table that are in this record, by id. An item kept out of
    the record (or since deleted) is named by its kind only, never by its words."""
    out = {}
    for a in actions:
        kind, _, rid = str(a.get("source") or "").partition(":")
        if kind not in _ORIGINS:
            continue
        table, label, name_field, unnamed = _ORIGINS[kind]
        row = shown.get(table, {}).get(rid) if table else None
        name = short(row.get(name_field)) if row else ""
        out[str(a.get("id"))] = f"{label}: {name}" if name else unnamed
    return out


def has_content(row: dict, fields: tuple[str, ...]) -> bool:
    return any(clean(row.get(f)).strip() for f in fields)


def discussed(dual_role: dict) -> bool:
    """A dual-role row the group worked on: a preset situation left as it came is not a
    scenario of this workshop, and a row with nothing typed is no scenario at all."""
    if has_content(dual_role, ("challenge", "action_plan", "owner", "due", "policy")):
        return True
    return not dual_role.get("preset") and has_content(dual_role, ("situation",))
