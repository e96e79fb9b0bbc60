"""How the rows of the job description review read: criteria, wording flags, signs and duties.

Every state is a word and a mark, never colour alone, so the rows read on a washed-out
projector and in black and white.
"""

from __future__ import annotations

from rich.text import Text

from workshop.jd.check import MISSING_PREFIX
from workshop.jd.duties import MARK_LABEL, MARK_SYMBOL, DutyRow
from workshop.jd.review import STATUS_LABEL, STATUS_MARK, Criterion, FlagRow

FLAG_STATE = {"open": "OPEN", "accepted": "ACCEPTED ✓", "dismissed": "DISMISSED ✗"}
LABEL_WIDTH = max(len(v) for v in STATUS_LABEL.values())


def criterion_prompt(item: Criterion, check: dict | None) -> Text:
    status = (check or {}).get("status", "not_discussed")
    note = " ".join(str((check or {}).get("note", "")).split())
    text = Text()
    label = STATUS_LABEL.get(status, status)
    style = "bold" if status != "not_discussed" else "dim"
    text.append(f"{STATUS_MARK.get(status, '?')} {label:<{LABEL_WIDTH}} ", style=style)
    text.append(item.title, style="bold" if status != "not_discussed" else "")
    if note:
        text.append(f" — {note}", style="italic")
    return text


def spaced(prompt: Text, on: bool) -> Text:
    """A blank line under each row in projector mode, so rows stand apart on the wall.
    (OptionList does not count an option's vertical padding, so the gap is in the text.)"""
    if on:
        prompt = prompt.copy()
        prompt.append("\n")
    return prompt


def group_header(title: str, detail: str = "") -> Text:
    return Text(f"── {title}{f' ({detail})' if detail else ''} ──", style="bold")


def flag_prompt(row: FlagRow) -> Text:
    record = row.record
    state = record.get("state", "open")
    text = Text()
    text.append(f"⟨{row.number}⟩ ", style="bold")
    text.append(f"{FLAG_STATE.get(state, state.upper())}", style="bold reverse" if state == "open" else "bold")
    if row.missing:
        text.append("  " + str(record.get("phrase", "")).removeprefix(MISSING_PREFIX), style="bold")
        text.append("  missing from the draft" if not row.gone else "  now in the draft: resolved", style="italic")
    else:
        text.append(f"  “{record.get('phrase', '')}”", style="bold")
        if row.group is not None:
            count = len(row.group.spans)
            detail = [row.group.flag.category] if row.group.flag.category else []
            if count > 1:
                detail.append(f"{count} places")
            if detail:
                text.append("  " + " · ".join(detail), style="italic")
        else:
            text.append("  no longer in the draft: resolved", style="italic")
    if row.sent:
        text.append("  → in action plan", style="bold")
    text.append(f"\nWhy: {record.get('reason', '')}")
    suggestion = record.get("suggestion", "")
    if suggestion:
        text.append(f"\nTry: {suggestion}", style="italic")
    return text


def sign_prompt(sign: dict, record: dict | None) -> Text:
    present = bool((record or {}).get("present"))
    note = " ".join(str((record or {}).get("note", "")).split())
    text = Text()
    text.append("[x] PRESENT " if present else "[ ] ", style="bold" if present else "")
    text.append(sign.get("text", sign.get("key", "")))
    if note:
        text.append(f" — {note}", style="italic")
    return text


DUTY_WIDTH = max(len(v) for v in MARK_LABEL.values())


def duty_prompt(row: DutyRow, sent: bool = False) -> Text:
    """"✓ Present  Supporting recovery goals  found by the check": the mark as a symbol and
    a word, and whether the group marked it or it is the check's suggestion."""
    mark = row.mark
    text = Text()
    text.append(f"{MARK_SYMBOL[mark]} {MARK_LABEL[mark]:<{DUTY_WIDTH}} ", style="bold" if row.decided else "")
    text.append(row.title, style="bold" if row.decided else "")
    if not row.decided:
        text.append("  (found by the check)" if row.found else "  (not found by the check)", style="italic")
    if sent:
        text.append("  → in action plan", style="bold")
    if row.note:
        # On a line of its own under the mark, so the marks stay one column to scan down.
        text.append(f"\n{' ' * (DUTY_WIDTH + 3)}{row.note}", style="italic")
    return text
