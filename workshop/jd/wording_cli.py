"""`workshop wording FILE`: the job-description wording check on a draft outside a workshop,
for HR or a planning group before the day. Same check as the review screen: wording to
talk about, with line, phrase, reason and suggestion, the peer-essential content found
or missing, and which of the guidance's example peer duties the draft seems to include. Plain Python: no Textual, no session file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from workshop import content, model
from workshop.template import customise
from workshop.jd.check import find_duties, find_missing, find_wording
from workshop.jd.importer import DraftImportError, read_draft

CLEAN, FLAGGED, UNREADABLE = 0, 1, 2


class WordingError(Exception):
    """The draft or the template cannot be read; the message is one line."""


def lexicon_from_template(path: str | None) -> list[dict[str, Any]] | None:
    """The template's own wording ahead of the shipped lexicon, or None for the shipped one."""
    if not path:
        return None
    from workshop.template import TemplateError, load_template  # noqa: PLC0415 - only when asked

    try:
        fields = load_template(Path(path).expanduser()).workshop_fields()
    except TemplateError as exc:
        raise WordingError(f"The template cannot be used: {exc}.") from None
    return customise.wording_lexicon(fields) if customise.extra_wording(fields) else None


def report(path: str, template: str | None = None, *, uk: bool = True) -> dict[str, Any]:
    """What the check finds in the draft at `path`, as plain data (the JSON output)."""
    lexicon = lexicon_from_template(template)
    try:
        draft = read_draft(path)
    except DraftImportError as exc:
        # The import messages are written for the review screen, where P pastes a draft.
        raise WordingError(re.sub(r"\s*\(P\)", "", str(exc))) from None
    text = draft.text
    flags = []
    for flag in find_wording(text, lexicon):
        start = flag.start or 0
        line_start = text.rfind("\n", 0, start) + 1
        flags.append({
            "line": text.count("\n", 0, start) + 1,
            "column": start - line_start + 1,
            "phrase": flag.phrase,
            "category": flag.category,
            "reason": flag.reason,
            "suggestion": flag.suggestion,
        })
    missing = {f.key for f in find_missing(text, uk=uk)}
    essentials = [
        {"key": e["key"], "title": e["title"], "found": e["key"] not in missing,
         "uk_only": bool(e.get("uk_only")), "reason": e["reason"], "suggestion": e["suggestion"]}
        for e in content.peer_essentials() if uk or not e.get("uk_only")
    ]
    duties = [{"key": key, "title": title, "found": found} for key, title, found in find_duties(text)]
    return {"file": draft.imported_from or str(path), "truncated": draft.truncated, "flags": flags,
            "essentials": essentials, "example_duties": duties}


def exit_code(result: dict[str, Any]) -> int:
    """0 when nothing is flagged (no wording to query, no essential missing), else 1."""
    clean = not result["flags"] and all(e["found"] for e in result["essentials"])
    return CLEAN if clean else FLAGGED


def as_text(result: dict[str, Any]) -> str:
    flags, essentials = result["flags"], result["essentials"]
    missing = [e for e in essentials if not e["found"]]
    out = [f"Wording check: {result['file']}",
           f"{len(flags)} wording flag{'s' * (len(flags) != 1)}, "
           f"{len(missing)} essential{'s' * (len(missing) != 1)} missing"]
    if result["truncated"]:
        out.append(f"Only the first {model.MAX_TEXT:,} characters were checked.")
    if flags:
        out += ["", "Wording to talk about"]
        for flag in flags:
            out.append(f"  line {flag['line']}: \"{flag['phrase']}\" ({flag['category'] or 'wording'})")
            out.append(f"    why: {flag['reason']}")
            if flag["suggestion"]:
                out.append(f"    try: {flag['suggestion']}")
    out += ["", "Essential content"]
    for item in essentials:
        title = item["title"] + (" (UK law)" if item["uk_only"] else "")
        if item["found"]:
            out.append(f"  found:   {title}")
        else:
            out.append(f"  missing: {title}")
            out.append(f"    why: {item['reason']}")
            out.append(f"    try: {item['suggestion']}")
    duties = result.get("example_duties", [])
    if duties:
        out += ["", "Example peer duties from the guidance (a draft need not have them all)"]
        for duty in duties:
            out.append(f"  {'seems present' if duty['found'] else 'not found    '}  {duty['title']}")
    out += ["", "An aid to discussion: it decides nothing. Talk each flag through with the team."]
    return "\n".join(out)


def as_json(result: dict[str, Any]) -> str:
    return json.dumps(result, ensure_ascii=False, indent=2)
