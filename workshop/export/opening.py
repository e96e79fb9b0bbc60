"""The record's opening section: the team's vision statement and its answers to the
motivation questions, near the start of the record (they say why the day happened)."""

from __future__ import annotations

from .blocks import Heading, Notes, Para, Section
from .labels import Labels
from .mdparse import parse_notes
from .sections import held_back_line, notes_items

KEY = "opening"
VISION, MOTIVATION = "vision", "motivation"
# Used when the content cannot be read: the record still prints what the room wrote.
_FALLBACK = {"vision_heading": "Our vision for peer support", "motivation_heading": "Why we are doing this",
             "nothing_written": "The room did not write a vision statement or answers to the motivation questions."}


def opening_words() -> tuple[dict, list[dict]]:
    try:
        from workshop import content

        words = content.opening()
    except Exception:
        return dict(_FALLBACK), []
    boxes = [box for page in words["pages"] for box in page.get("box", [])]
    return {**_FALLBACK, **words["text"]}, boxes


def opening_section(notes: list[dict], held: int, labels: Labels) -> Section:
    """`notes` are the opening's notes the record may show (vision, motivation, discussion)."""
    text, boxes = opening_words()
    sec = Section(KEY, labels.activity(KEY))
    sec.items.append(Heading(1, sec.title, f"sec_{KEY}"))
    summary = labels.summaries.get(KEY)
    if summary:
        sec.items.append(Para(summary, "lead"))
    visions = [n for n in notes if n.get("kind") == VISION and parse_notes(n.get("text") or "")]
    answers = [n for n in notes if n.get("kind") == MOTIVATION and parse_notes(n.get("text") or "")]
    if visions:
        sec.items.append(Heading(2, text["vision_heading"]))
        sec.items += [Notes(parse_notes(n["text"])) for n in visions]
    if answers:
        sec.items.append(Heading(2, text["motivation_heading"]))
        labels_of = {box["key"]: box["label"] for box in boxes}
        order = {key: i for i, key in enumerate(labels_of)}
        for note in sorted(answers, key=lambda n: order.get(str(n.get("question")), len(order))):
            question = labels_of.get(str(note.get("question")), str(note.get("question") or "Other answers"))
            sec.items.append(Para(question, "lead"))
            sec.items.append(Notes(parse_notes(note["text"])))
    if not visions and not answers:
        sec.items.append(Para(text["nothing_written"]))
    sec.shown = len(visions) + len(answers)
    sec.items += notes_items([n for n in notes if n.get("kind") not in (VISION, MOTIVATION)], "Discussion notes")
    sec.held_back = held
    sec.items += held_back_line(held)
    return sec


def credit(labels: Labels) -> Para | None:
    """The appendix's line on where the opening's pages come from (their sources' short
    names), or None when the content cannot be read."""
    try:
        from workshop import content

        words = content.opening()
        pages = words["pages"]
    except Exception:
        return None
    short = {src["key"]: src["short"] for src in labels.sources}
    used = dict.fromkeys(key for page in pages for key in page.get("sources", []))
    names = "; ".join(short.get(key, key) for key in used)
    return Para(words["text"]["record_credit"].format(sources=names))
