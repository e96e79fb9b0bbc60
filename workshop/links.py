"""How an action links back to where it came from: its `source`, "<kind>:<id>" (docs/FORMAT.md).

The one table of source kinds, read by the action plan, the record and the follow-up. Plain
Python with no imports of the store, so the export can read it."""

from __future__ import annotations

# `source` kind -> (table, activity that shows it, "from <label>: ...", "from <a thing> (gone)").
SOURCE_KINDS: dict[str, tuple[str, str, str, str]] = {
    "concern": ("concerns", "concerns", "concern", "a concern"),
    "dual_role": ("dual_roles", "dual_roles", "dual-role scenario", "a dual-role scenario"),
    "jd_flag": ("jd_flags", "job_description", "job description wording", "a job description wording flag"),
    "jd_check": ("jd_checks", "job_description", "job description criterion", "a job description criterion"),
    "jd_duty": ("jd_duties", "job_description", "example peer duty", "an example peer duty"),
    "job_description": ("job_descriptions", "job_description", "job description", "a job description"),
    "hope_fear": ("hopes_fears", "hopes_fears", "hopes and fears", "a hope or fear"),
}

# The field that names a linked record in a few words.
_NAME_FIELDS = {
    "concerns": ("text",),
    "dual_roles": ("situation",),
    "jd_flags": ("phrase",),
    "jd_checks": ("criterion",),
    "jd_duties": ("title", "duty"),
    "job_descriptions": ("title",),
    "hopes_fears": ("text",),
}


def parse_source(source: str | None) -> tuple[str, str] | None:
    """`"concern:ab12"` -> `("concerns", "ab12")`; None for no link or one we cannot read."""
    if not source or not isinstance(source, str) or ":" not in source:
        return None
    kind, _, rid = source.partition(":")
    if kind not in SOURCE_KINDS or not rid:
        return None
    return SOURCE_KINDS[kind][0], rid
