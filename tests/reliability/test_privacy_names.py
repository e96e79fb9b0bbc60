"""Names and roles that identify, wherever they are typed, never reach a record without consent.

Workshops are built through the real store with the names of attendees who did not agree to
be named typed into every text field of every table (and the workshop's own details, the
notes, a follow-up's carried items and its review), in every position a sentence puts them:
first word, last word before a full stop, in brackets, possessive with either apostrophe,
in capitals, in lower case, broken over a line, in Markdown emphasis, lists, headings and
links. Roles held by one attendee are typed as "raised by" and "from". Each workshop is
exported with `workshop export` as .docx and Markdown with every combination of options, and
every part of each file is searched: all the parts of the .docx package (body, headers,
footers, core and app properties, comments if any) as raw XML and as text with the tags
taken out, and the Markdown. Markers that the options allow are searched for too, so a
seeding that silently failed cannot pass. The figures are printed at the end of a run of
this folder (tests/reliability/conftest.py) and quoted in docs/RELIABILITY.md.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from tests.helpers.followup import FOLLOWUP_DATE
from workshop import cli, followup, model
from workshop.history import History
from workshop.store import Session

SEARCHED = {"workshops": 0, "fields": 0, "exports": 0, "parts": 0, "leaks": 0}

# Attendees. Given names and surnames are unusual so that a search finds only them.
HIDDEN = [  # did not agree to be named
    ("Morwenna Quilliam", "Social worker"),  # the only social worker: her role names her too
    ("Dervla Okonkwo", "Psychologist"),
    ("Ffion Marchetti", ""),
    ("Ottilie Vantongeren", "Community psychiatric nurse"),
]
AGREED = [  # agreed to be named: named only with --include-names
    ("Ingrid Lattimore", "Psychologist"),
    ("Caspar Brightwater", "Art therapist"),  # the only art therapist
]
UNIQUE_ROLES_HIDDEN = ["Social worker", "Youth worker"]  # Youth worker: not on the attendee list
UNIQUE_ROLE_AGREED = "Art therapist"


def _parts(name: str) -> list[str]:
    return name.split()


# Sentence positions; {g} given name, {s} surname, {f} full name.
TEMPLATES = [
    "{f} will lead this.",
    "We asked {g} to help with the rota.",
    "This was raised with {S}.",
    "{g}'s idea, and {f}’s plan too",
    "owner: {gl}, with others",
    "Agreed by the team ({f})",
    "Followed up by {g}\n{s} after the meeting",
    "\"{g}\" said it first; {s}, later.",
    "{g} and {s}",
    "Talk to {f}. Then {g}!",
    "See notes_{g}_{s}.docx, -{g}-",
]
NOTE_TEMPLATES = [
    "# {f}\n\n- {g} will call\n- ask **{s}**\n\n1. {f}'s draft\n\n> {g} said so\n\n[{g}](mailto:{gl}@example.org)",
    "_{g}_ and __{s}__ agreed.\n\nDiscussion led by *{f}*; {S} took notes.\n\n| who | what |\n|---|---|\n| {g} | {s}'s task |",
]


def fill(template: str, name: str) -> str:
    given, surname = name.split()
    return template.format(f=name, g=given, s=surname, S=surname.upper(), gl=given.lower())


class Seeder:
    """Hands out sentences naming the hidden people in turn, and counts the fields seeded."""

    def __init__(self, people: list[str]):
        self.people = people
        self.n = 0

    def sentence(self, templates: list[str] = TEMPLATES) -> str:
        name = self.people[self.n % len(self.people)]
        text = fill(templates[self.n % len(templates)], name)
        self.n += 1
        SEARCHED["fields"] += 1
        return text

    def line(self) -> str:
        return " ".join(self.sentence().split())


_SKIP = {"id", "jd_id", "from_fear", "carried_from", "source", "author_role", "raised_by_role", "holder",
         "item_id", "origin_id"}


def seeded_fields(table: str, seeder: Seeder, **fixed) -> dict:
    """Every text and line field of `table` holding a sentence that names someone."""
    fields = dict(fixed)
    for name, field in model.TABLES[table].items():
        if name in fields or name in _SKIP or not isinstance(field.default(), (str, type(None))):
            continue
        try:
            field.check("text")
        except TypeError:
            continue  # a choice or a date
        value = seeder.sentence()
        try:
            fields[name] = field.check(value)
        except TypeError:
            fields[name] = field.check(" ".join(value.split()))  # a one-line field
    return fields


def build_day(path: Path, seeder: Seeder, *, facilitators: list[str]) -> None:
    with Session.create(path, title=seeder.line(), team=seeder.line(), organisation=seeder.line(),
                        venue=seeder.line(), facilitators=facilitators, date="2026-12-03") as session:
        history = History(session)
        for name, role in HIDDEN:
            history.insert("participants", name=name, role=role, name_in_record=False)
        for name, role in AGREED:
            history.insert("participants", name=name, role=role, name_in_record=True)
        history.insert("participants", name="", role="Community psychiatric nurse")
        history.insert("participants", name="", role="Community psychiatric nurse")
        for kind, role in (("hope", "Social worker"), ("fear", "Art therapist"), ("hope", "Psychologist"),
                           ("fear", "Youth worker"), ("hope", None)):
            history.insert("hopes_fears", **seeded_fields("hopes_fears", seeder, kind=kind, author_role=role))
        for source, holder in (("life", "Ingrid Lattimore"), ("professional", "Dervla Okonkwo"),
                               ("professional", "Stranger Holderfield"), ("life", None)):
            history.insert("expertise", **seeded_fields("expertise", seeder, source=source, holder=holder))
        for _ in range(2):  # two shareable entries of personal experience: a small number
            history.insert("expertise", **seeded_fields("expertise", seeder, source="lived", in_record=True))
        jd = history.insert("job_descriptions", **seeded_fields("job_descriptions", seeder))
        history.insert("jd_checks", **seeded_fields("jd_checks", seeder, jd_id=jd["id"], status="partly"))
        history.insert("jd_flags", **seeded_fields("jd_flags", seeder, jd_id=jd["id"], state="accepted"))
        history.insert("jd_compromise", **seeded_fields("jd_compromise", seeder, jd_id=jd["id"], present=True))
        history.insert("dual_roles", **seeded_fields("dual_roles", seeder, due="2027-01-05"))
        for role in ("Social worker", "Art therapist", "Youth worker", "Community psychiatric nurse"):
            history.insert("concerns", **seeded_fields("concerns", seeder, raised_by_role=role, due="2027-01-04"))
        history.insert("actions", **seeded_fields("actions", seeder, by_when="2027-01-03"))
        history.insert("actions", **seeded_fields("actions", seeder))
        history.insert("actions", task="Supervision rota", who="Ingrid Lattimore", by_when="2027-01-02")
        for activity in model.ACTIVITIES:
            history.insert("notes", activity=activity, text=seeder.sentence(NOTE_TEMPLATES))
        history.insert("notes", activity="expertise", kind="gaps", text=seeder.sentence(NOTE_TEMPLATES))


def build_followup(folder: Path, seeder: Seeder) -> Path:
    """A follow-up whose carried items, new items and review all name people."""
    earlier = folder / "earlier.json"
    build_day(earlier, seeder, facilitators=[])
    path = followup.create_followup(earlier, folder, on=FOLLOWUP_DATE)
    with Session.open(path) as session:
        history = History(session)
        for review in followup.reviews(session):
            followup.set_text(history, review["id"], "changed", seeder.sentence())
            followup.set_text(history, review["id"], "next", seeder.sentence())
        history.insert("concerns", **seeded_fields("concerns", seeder, raised_by_role="Social worker"))
        history.insert("notes", activity="review", text=seeder.sentence(NOTE_TEMPLATES))
    return path


WORKSHOPS = {
    # Facilitators are not attendees; one of them shares nothing with anyone.
    "day": lambda folder, seeder: _day(folder, seeder, ["Rhiannon Facilitator-Pugh", "Morwenna Quilliam"]),
    "followup": build_followup,
}


def _day(folder: Path, seeder: Seeder, facilitators: list[str]) -> Path:
    path = folder / "day.json"
    build_day(path, seeder, facilitators=facilitators)
    return path


def package_texts(path: Path) -> dict[str, str]:
    """Every part of the .docx as raw XML, and again with the tags taken out (a word split
    over two runs is found too)."""
    out = {}
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            raw = package.read(name).decode("utf-8", "replace")
            out[name] = raw
            out[f"{name} (text)"] = re.sub(r"<[^>]+>", "", raw)
    return out


def without_cover_roles(text: str, docx: bool) -> str:
    """The record without the cover's table of who took part, which may count by role."""
    if docx:
        start = text.index("Who took part")
        table = re.compile(r"<w:tbl>.*?</w:tbl>", re.S).search(text, start)
        return text[:table.start()] + text[table.end():] if table else text
    start = text.index("### Who took part")
    end = text.index("\n\n*", start)  # the table ends where the privacy sentences start
    return text[:start] + text[end:]


@pytest.fixture(scope="module", params=sorted(WORKSHOPS))
def workshop(request, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp(request.param)
    SEARCHED["workshops"] += 1
    return WORKSHOPS[request.param](folder, Seeder([n for n, _ in HIDDEN]))


@pytest.mark.parametrize("fmt", ["docx", "md"])
@pytest.mark.parametrize("names", [False, True], ids=["no-names", "names"])
@pytest.mark.parametrize("lived", [False, True], ids=["no-lived", "lived"])
def test_no_name_or_identifying_role_without_consent(workshop, tmp_path, capsys, fmt, names, lived):
    out = tmp_path / f"record.{fmt}"
    options = [*(["--include-names"] if names else []), *(["--include-lived"] if lived else [])]
    assert cli.main(["export", str(workshop), "--format", fmt, "--out", str(out), *options]) == cli.OK
    told = capsys.readouterr().err
    SEARCHED["exports"] += 1
    if fmt == "docx":
        parts = package_texts(out)
        names_in_package = set(parts)
        assert {"docProps/core.xml", "docProps/app.xml", "word/document.xml"} <= names_in_package
        assert any(p.startswith("word/header") for p in parts) and any(p.startswith("word/footer") for p in parts)
    else:
        parts = {"record.md": out.read_text("utf-8")}
    SEARCHED["parts"] += len(parts)
    everything = "\n".join(parts.values())

    never = [w for name, _ in HIDDEN for w in (name, *_parts(name))] + ["Stranger", "Holderfield"]
    if not names:
        never += [w for name, _ in AGREED for w in (name, *_parts(name))]
    leaks = sorted({f"{w} in {part}" for part, text in parts.items() for w in never if w.casefold() in text.casefold()})
    assert "\ue000" not in everything and "\ue001" not in everything and "\ue002" not in everything
    body = without_cover_roles(parts["word/document.xml" if fmt == "docx" else "record.md"], fmt == "docx")
    body += "\n" + re.sub(r"<[^>]+>", "", body)
    main = ("word/document.xml", "word/document.xml (text)", "record.md")
    rest = body + "\n".join(t for p, t in parts.items() if p not in main)
    hidden_roles = UNIQUE_ROLES_HIDDEN + ([] if names else [UNIQUE_ROLE_AGREED])
    leaks += sorted({f"role {r}" for r in hidden_roles if r.casefold() in rest.casefold()})
    SEARCHED["leaks"] += len(leaks)
    assert leaks == []

    # What is allowed is there, so the seeding and the search are real.
    day = workshop.name == "day.json"
    if names:
        assert "Ingrid Lattimore" in everything  # a carried owner in the follow-up
        if day:
            assert "Caspar Brightwater" in everything
            assert UNIQUE_ROLE_AGREED in rest, "a unique role is shown when its holder agreed to be named"
        assert "Names appear only for people who agreed to be named." in everything
        assert "Names of participants are left out of this record." not in everything
    else:
        assert "Names of participants are left out of this record." in everything
    assert "a team member" in everything.casefold()
    if day:  # a follow-up lists no attendees of its own: every role is unique
        assert "Psychologist" in rest, "a role two attendees hold is shown"
    if lived:
        assert "fewer than 3" in everything.casefold()

    # The count told on the command line before writing is the one the record states.
    count = re.search(r"^(\d+) names? of ", told, re.M)
    assert count and int(count.group(1)) > 20, told
    assert f"{count.group(1)} name" in everything
