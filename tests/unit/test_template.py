"""Organisation templates: reading and checking, the line locator, and every place that shows
what a template adds (prompts, dual-role seeding, concern library, wording check, record)."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import docx
import pytest

from workshop import content, model
from workshop.template import customise
from workshop import dual_roles_seed as seed
from workshop.export import ExportOptions, export_record
from workshop.jd.check import check_wording, lexicon_for
from workshop.jd.review import ReviewData
from workshop.store import Session, StoreError
from workshop.template import (
    MAX_BYTES,
    Template,
    TemplateError,
    find_templates,
    key_lines,
    load_template,
    locate,
    parse_template,
)

EXAMPLE = Path(content.__file__).parent / "templates" / "example.toml"

JD = """# Peer Recovery Worker

The PSW will help any bed blocker home from the ward and follow up people who did not attend.
"""


@pytest.fixture
def example() -> Template:
    return load_template(EXAMPLE)


def make(tmp_path: Path, template: Template | None, name: str = "w.json") -> Session:
    fields = template.workshop_fields() if template is not None else {}
    return Session.create(tmp_path / name, title="Northvale team day", **fields)


# --- the shipped example, applied ------------------------------------------------------------


def test_example_loads_with_every_part(example):
    assert example.name == "Northvale adult community teams"
    assert example.file == "example.toml"
    assert example.role_title == "Peer Recovery Worker"
    assert example.timeboxes == {"hopes_fears": 40, "concerns": 50}
    assert set(example.prompts) == {"hopes_fears", "concerns", "action_plan"}
    assert [d["key"] for d in example.dual_roles] == ["template:1", "template:2"]
    assert example.dual_roles[1]["challenge"].startswith("Their story is theirs")
    assert [c["key"] for c in example.concerns] == ["template:bank_shifts", "template:access_to_records"]
    assert all(c["group"] == "template" and c["gist"] for c in example.concerns)
    assert [w["phrase"] for w in example.wording] == ["bed blocker", "did not attend", "PSW"]
    assert example.wording[2]["category"] == "jargon"  # the default
    assert "role title: Peer Recovery Worker" in example.summary()


def test_every_field_is_applied_and_survives_reopening(tmp_path, example):
    path = make(tmp_path, example).path
    with Session.open(path, read_only=True) as session:
        ws = session.workshop()
    assert ws["role_title"] == "Peer Recovery Worker"
    assert ws["timeboxes"] == {**model.DEFAULT_TIMEBOXES, "hopes_fears": 40, "concerns": 50}
    assert ws["template"] == example.as_json()
    assert ws["template"]["name"] == example.name and ws["template"]["file"] == "example.toml"
    # The copy is self-contained: the workshop shows the extras with the template file gone.
    moved = tmp_path / "elsewhere.toml"
    moved.write_bytes(EXAMPLE.read_bytes())
    template = load_template(moved)
    with make(tmp_path, template, "second.json") as session:
        pass
    moved.unlink()
    with Session.open(session.path, read_only=True) as again:
        ws = again.workshop()
    assert customise.prompts_for("concerns", ws) == ["Which of our own policies would need to change?"]
    assert customise.template_name(ws) == example.name


def test_a_template_that_sets_nothing_changes_nothing(tmp_path):
    template = parse_template("# nothing but a comment\n", "empty.toml")
    assert template.name == "empty"
    assert template.workshop_fields() == {"template": template.as_json()}
    with make(tmp_path, template) as session:
        ws = session.workshop()
    assert ws["role_title"] == "Peer Support Worker" and ws["timeboxes"] == model.DEFAULT_TIMEBOXES
    assert customise.concern_library(ws) == content.concern_library()
    assert customise.dual_role_presets(ws) == content.dual_role_presets()


def test_text_is_cleaned(tmp_path):
    template = parse_template('name = "North\\u0007vale  teams"\nrole_title = "  Peer\\tWorker "\n')
    assert template.name == "Northvale teams"
    assert template.role_title == "Peer Worker"


# --- mistakes: each refused with its line and a reason in plain words ------------------------

BAD = [
    ("syntax", 'name = "x"\nrole_title = Peer worker\n', 2, "text needs quotes"),
    ("syntax: unclosed", 'name = "x\n', 1, "quotation mark is not closed"),
    ("syntax: given twice", 'name = "a"\nname = "b"\n', 2, "given a value twice"),
    ("unknown key", 'name = "x"\n\ntimebox = 3\n', 3,
     "'timebox' is not a setting a template can have; did you mean 'timeboxes'?"),
    ("unknown key in a section", '[[concern]]\nlabel = "A"\ntitle = "B"\ngist = ["C"]\nsorce = "D"\n', 5,
     "concern 1: 'sorce' is not a setting a template can have; did you mean 'source'?"),
    ("minutes out of range", "[timeboxes]\nhopes_fears = 30\nconcerns = 700\n", 3,
     "timeboxes.concerns should be a whole number of minutes from 0 to 600"),
    ("minutes negative", "timeboxes.expertise = -5\n", 1, "timeboxes.expertise should be a whole number"),
    ("minutes not whole", "[timeboxes]\nconcerns = 45.5\n", 2, "whole number of minutes"),
    ("minutes as text", '[timeboxes]\nconcerns = "45"\n', 2, "whole number of minutes"),
    ("minutes as true", "[timeboxes]\nconcerns = true\n", 2, "whole number of minutes"),
    ("unknown activity", '[prompts]\nconcern = ["What helps?"]\n', 2,
     "prompts.concern is not an activity; did you mean 'concerns'?"),
    ("unknown activity in timeboxes", "[timeboxes]\nreview = 30\n", 2, "timeboxes.review is not an activity"),
    ("timeboxes not a section", "timeboxes = 45\n", 1, "timeboxes should be a section"),
    ("role title not text", "role_title = 5\n", 1, "role_title should be text in quotes"),
    ("prompts not a list", '[prompts]\nconcerns = "What helps?"\n', 2, "prompts.concerns should be a list of text"),
    ("prompt not text", "[prompts]\nconcerns = [1, 2]\n", 2, "prompts.concerns (item 1) should be text"),
    ("empty name", 'name = "   "\n', 1, "name is empty"),
    ("empty prompt", '[prompts]\nexpertise = [\n  "What do you bring?",\n  "",\n]\n', 2,
     "prompts.expertise (item 2) is empty"),
    ("same prompt twice", '[prompts]\nexpertise = ["Why?", " why? "]\n', 2, "has the same text twice"),
    ("prompts too long", '[prompts]\nconcerns = ["' + "a" * 120 + '", "' + "b" * 100 + '"]\n', 2,
     "come to 220 characters; keep them to 200"),
    ("gist not a list", '[[concern]]\nlabel = "A"\ntitle = "B"\ngist = "C"\n', 4,
     "concern 1, gist should be a list of text"),
    ("empty gist", '[[concern]]\nlabel = "A"\ntitle = "B"\ngist = []\n', 4, "concern 1, gist should be a list"),
    ("empty gist point", '[[concern]]\nlabel = "A"\ntitle = "B"\ngist = ["ok", " "]\n', 4,
     "concern 1, gist (item 2) is empty"),
    ("missing title", '[[concern]]\nlabel = "A"\ntitle = "T"\ngist = ["C"]\n\n'
     '[[concern]]\nlabel = "B"\ngist = ["D"]\n', 6,
     "concern 2 has no title"),
    ("label already shipped", '[[concern]]\nlabel = "boundaries"\ntitle = "B"\ngist = ["C"]\n', 2,
     "is already a category in Team Day"),
    ("same label twice", '[[concern]]\nlabel = "Rota"\ntitle = "B"\ngist = ["C"]\n'
     '[[concern]]\nlabel = "rota"\ntitle = "D"\ngist = ["E"]\n', 6, "is also the label of concern 1"),
    ("same key twice", '[[concern]]\nkey = "rota"\nlabel = "Rota"\ntitle = "B"\ngist = ["C"]\n'
     '[[concern]]\nkey = "rota"\nlabel = "Shifts"\ntitle = "D"\ngist = ["E"]\n', 7, "has the same key as concern 1"),
    ("bad key", '[[concern]]\nkey = "Bank Shifts"\nlabel = "A"\ntitle = "B"\ngist = ["C"]\n', 2,
     "should be made of lower-case letters"),
    ("label too long", '[[concern]]\nlabel = "' + "x" * 41 + '"\ntitle = "B"\ngist = ["C"]\n', 2,
     "is 41 characters long; keep it to 40 or fewer"),
    ("duplicate situation",
     '[[dual_role]]\nsituation = "Living nearby"\n\n[[dual_role]]\nsituation = " living  NEARBY"\n',
     5, "dual_role 2, situation is the same as dual_role 1"),
    ("situation already shipped", '[[dual_role]]\nsituation = "Friends with people who use the service"\n', 2,
     "is one of the six situations"),
    ("situation missing", '[[dual_role]]\nprompt = "Why?"\n', 1, "dual_role 1 has no situation"),
    ("dual role as a single table", '[dual_role]\nsituation = "Living nearby"\n', 1,
     "headed [[dual_role]] (double brackets)"),
    ("situation not text", "[[dual_role]]\nsituation = 2026-01-01\n", 2, "situation should be text in quotes"),
    ("duplicate wording", '[[wording]]\nphrase = "PSW"\nreason = "r"\nsuggestion = "s"\n'
     '[[wording]]\nphrase = "psw"\nreason = "r2"\nsuggestion = "s2"\n', 6, "is also in wording 1"),
    ("bad category", '[[wording]]\nphrase = "PSW"\nreason = "r"\nsuggestion = "s"\ncategory = "rude"\n', 5,
     "should be one of clinical, deficit, jargon, label"),
    ("bad pattern", "[[wording]]\nphrase = \"PSW\"\nreason = \"r\"\nsuggestion = \"s\"\npattern = '(unclosed'\n", 5,
     "is not a valid regular expression"),
    ("empty-matching pattern", "[[wording]]\nphrase = \"PSW\"\nreason = \"r\"\nsuggestion = \"s\"\npattern = 'x*'\n", 5,
     "matches empty text"),
    ("top-level setting under a section", '[timeboxes]\nconcerns = 50\nrole_title = "Peer Mentor"\n', 3,
     "'role_title' is written under a [section] heading, so it belongs to that section; move it above"),
    ("top-level setting after a list of sections", '[[concern]]\nlabel = "A"\ntitle = "B"\ngist = ["C"]\nname = "x"\n',
     5, "'name' is written under a [section] heading"),
    ("newer format", "format = 2\n", 1, "written for format 2; this Team Day reads format 1; please use a newer"),
]


@pytest.mark.parametrize("text, line, reason", [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_a_mistake_is_refused_with_its_line_and_reason(text, line, reason):
    with pytest.raises(TemplateError) as caught:
        parse_template(text, "ours.toml")
    error = caught.value
    assert isinstance(error, StoreError)
    assert error.line == line, str(error)
    assert reason in error.reason, str(error)
    assert str(error).startswith(f"ours.toml, line {line}: ")
    assert "Traceback" not in str(error) and "\n" not in str(error)


def test_too_many_sections_names_the_first_one_over(tmp_path):
    text = "".join(f'[[dual_role]]\nsituation = "Situation {n}"\n' for n in range(31))
    with pytest.raises(TemplateError) as caught:
        parse_template(text, "many.toml")
    assert caught.value.line == 61 and "at most 30" in caught.value.reason


def test_too_large_is_refused_unread(tmp_path):
    path = tmp_path / "huge.toml"
    path.write_bytes(b"# " + b"x" * MAX_BYTES + b"\n")
    with pytest.raises(TemplateError) as caught:
        load_template(path)
    assert caught.value.line is None
    assert str(caught.value).startswith("huge.toml: the file is 1,000,003 bytes; a template is at most 1,000,000")


def test_not_utf8_names_the_line(tmp_path):
    path = tmp_path / "latin.toml"
    path.write_bytes('name = "Northvale"\nrole_title = "Travailleur café"\n'.encode("latin-1"))
    with pytest.raises(TemplateError) as caught:
        load_template(path)
    assert caught.value.line == 2 and "not UTF-8" in caught.value.reason


def test_a_utf8_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes('name = "Café team"\n'.encode("utf-8-sig"))
    assert load_template(path).name == "Café team"


@pytest.mark.parametrize("make_path, reason", [
    (lambda d: d / "missing.toml", "there is no such file"),
    (lambda d: d, "this is a folder, not a template file"),
])
def test_missing_file_or_folder(tmp_path, make_path, reason):
    with pytest.raises(TemplateError) as caught:
        load_template(make_path(tmp_path))
    assert caught.value.reason == reason


def test_a_pipe_is_refused_without_being_read(tmp_path):
    path = tmp_path / "pipe.toml"
    os.mkfifo(path)  # reading it would wait for a writer for ever
    with pytest.raises(TemplateError) as caught:
        load_template(path)
    assert caught.value.reason == "this is not an ordinary file"


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "locked.toml"
    path.write_text('name = "x"\n')

    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", refuse)  # a chmod would not stop root, who runs the CI
    with pytest.raises(TemplateError) as caught:
        load_template(path)
    assert str(caught.value) == "locked.toml: the file cannot be read (permission denied)"


def test_templates_in_a_folder(tmp_path):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "b-good.toml").write_text('name = "Good one"\n')
    (folder / "a-broken.toml").write_text("[timeboxes]\nconcerns = 900\n")
    (folder / "notes.txt").write_text("not a template")
    found = find_templates(folder)
    assert [f.path.name for f in found] == ["a-broken.toml", "b-good.toml"]
    assert found[0].template is None and found[0].label.startswith("Cannot be used: a-broken.toml, line 2: ")
    assert found[1].template.name == "Good one" and found[1].label == "Good one"
    assert find_templates(tmp_path / "absent") == []


# --- the locator -----------------------------------------------------------------------------

LOCATOR_TEXT = '''# a comment with [brackets] and key = value
name = "Northvale"
notes = """
timeboxes = 99
[concern]
"""
"quoted.key" = 1
a.b . c = 2

[timeboxes]
concerns = 50   # [not a header]

[[concern]]
label = "A"
gist = [
  "first",
  "fake = value",
]

[[concern]]
label = 'B'
inline = { x = 1, y = [2, 3] }

[concern.extra]
deep = true

[[concern.more]]
item = 1
'''


@pytest.mark.parametrize("path, line", [
    (("name",), 2),
    (("notes",), 3),
    (("quoted.key",), 7),
    (("a", "b", "c"), 8),
    (("a",), 8),  # only set through a dotted key: its first line
    (("timeboxes",), 10),
    (("timeboxes", "concerns"), 11),
    (("timeboxes", "expertise"), 10),  # not written: its table
    (("concern",), 13),
    (("concern", 0), 13),
    (("concern", 0, "label"), 14),
    (("concern", 0, "gist"), 15),
    (("concern", 0, "gist", 1), 15),
    (("concern", 1), 20),
    (("concern", 1, "label"), 21),
    (("concern", 1, "inline", "y"), 22),
    (("concern", 1, "extra", "deep"), 25),
    (("concern", 1, "more", 0, "item"), 28),
    (("unknown",), None),
])
def test_locator(path, line):
    assert locate(LOCATOR_TEXT, path) == line


def test_locator_skips_comments_multiline_strings_and_arrays():
    assert tomllib.loads(LOCATOR_TEXT)["concern"][1]["more"] == [{"item": 1}]  # the text is real TOML
    lines = [line for _, line in key_lines(LOCATOR_TEXT)]
    assert 1 not in lines  # a comment
    assert [n for n in lines if 3 <= n <= 6] == [3]  # inside a multi-line string
    assert [n for n in lines if 16 <= n <= 18] == []  # inside a multi-line array
    assert [n for n in lines if n in (11, 22)] == [11, 22]  # brackets after the key or in a comment


def test_locator_agrees_with_tomllib_on_the_example():
    text = EXAMPLE.read_text(encoding="utf-8")
    lines = text.split("\n")
    assert lines[locate(text, ("timeboxes", "concerns")) - 1].startswith("concerns = 50")
    assert lines[locate(text, ("concern", 1, "label")) - 1] == 'label = "Access to records"'
    assert lines[locate(text, ("wording", 2)) - 1] == "[[wording]]"
    assert lines[locate(text, ("dual_role", 1, "challenge")) - 1].startswith("challenge = ")


# --- what the extras change, for a workshop with a template and one without -----------------


@pytest.fixture
def pair(tmp_path, example):
    with make(tmp_path, example, "templated.json") as templated, make(tmp_path, None, "plain.json") as plain:
        yield templated, plain


def test_prompts(pair):
    templated, plain = pair
    assert customise.prompts_for("hopes_fears", templated.workshop()) == [
        "What did people who use our service tell us they want from peer support?"]
    assert customise.prompts_for("expertise", templated.workshop()) == []
    assert customise.prompts_for("hopes_fears", plain.workshop()) == []


def test_dual_role_seeding_adds_the_template_situations(pair):
    templated, plain = pair
    assert seed.ensure_presets(templated) == 8
    rows = seed.ordered(templated.records("dual_roles"))
    assert [r["preset_key"] for r in rows[6:]] == ["template:1", "template:2"]
    assert [r["position"] for r in rows] == list(range(8))
    assert rows[6]["situation"].startswith("Living in the small town") and rows[6]["preset"] is True
    assert rows[6]["policy"] == "Community contact and lone working policy" and rows[6]["challenge"] == ""
    assert rows[7]["challenge"].startswith("Their story is theirs to tell")
    presets = customise.dual_role_presets(templated.workshop())
    assert seed.preset_prompt(rows[7], presets) == "What can they share about the work, and what stays private?"
    assert seed.preset_prompt(rows[0], presets) == content.dual_role_presets()[0]["prompt"]
    assert seed.ensure_presets(templated) == 0
    assert seed.ensure_presets(plain) == 6
    assert all(not r["preset_key"].startswith("template:") for r in plain.records("dual_roles"))


def test_concern_library_and_categories(pair):
    templated, plain = pair
    library = customise.concern_library(templated.workshop())
    extra = [c for c in library if c["group"] == customise.TEMPLATE_GROUP]
    assert [c["title"] for c in extra] == ["Peer workers will be asked to cover bank shifts on the ward",
                                          "Peer workers could read the records of people they know"]
    assert extra[0]["source"] == "Northvale peer worker agreement, 2026"
    categories = customise.concern_categories(templated.workshop())
    keys = [c["key"] for c in categories]
    assert "template:bank_shifts" in keys and keys[-1] == "other"
    assert {"key": "template:access_to_records", "label": "Access to records"} in categories
    assert customise.concern_library(plain.workshop()) == content.concern_library()
    assert customise.concern_categories(plain.workshop()) == content.concern_categories()


def test_wording_check_flags_template_phrases(pair):
    templated, plain = pair
    flags = check_wording(JD, lexicon=lexicon_for(templated.workshop()))
    found = {f.phrase.casefold(): f for f in flags if f.kind == "wording"}
    assert {"psw", "bed blocker", "did not attend"} <= set(found)
    assert found["did not attend"].category == "deficit"
    assert found["bed blocker"].reason.startswith("Blames a person for a delay")
    assert lexicon_for(plain.workshop()) is None
    plain_flags = {f.phrase.casefold(): f for f in check_wording(JD, lexicon=lexicon_for(plain.workshop()))}
    # The shipped lexicon queries "bed blocker" and "did not attend" too, for its own reasons;
    # only the template knows the local initials.
    assert "psw" not in plain_flags
    assert {"bed blocker", "did not attend"} <= set(plain_flags)
    assert plain_flags["bed blocker"].reason != found["bed blocker"].reason
    # The job-description review reads the workshop's own lexicon.
    for session in (templated, plain):
        draft = session.insert("job_descriptions", title="Draft 1", text=JD)
        data = ReviewData(session)
        data.load()
        phrases = {g.flag.phrase.casefold() for g in data.groups_for(draft)}
        assert ("psw" in phrases) is (session is templated)


def test_record_prints_a_template_category_by_its_label(pair, tmp_path):
    templated, plain = pair
    for session in (templated, plain):
        session.insert("concerns", text="Will they be moved onto the ward rota?", category="template:bank_shifts")
    out = tmp_path / "record.docx"
    export_record(templated.snapshot(), out, ExportOptions())
    cells = [c.text for t in docx.Document(str(out)).tables for row in t.rows for c in row.cells]
    assert "Bank shifts" in cells
    assert not [c for c in cells if "template:" in c.casefold()]
    plain_out = tmp_path / "plain.docx"
    export_record(plain.snapshot(), plain_out, ExportOptions())
    cells = [c.text for t in docx.Document(str(plain_out)).tables for row in t.rows for c in row.cells]
    # Without the template the key is all there is to show.
    assert "Bank shifts" not in cells and "Template:bank shifts" in cells


def test_a_hand_edited_copy_is_read_defensively():
    workshop = {"template": {
        "name": "Edited",
        "prompts": {"concerns": ["Kept", 3, ""], "expertise": "not a list"},
        "dual_roles": [{"key": "template:1", "situation": "Kept"}, {"key": "x", "situation": "no prefix"},
                       {"key": "template:1", "situation": "a second with the same key"}, "junk"],
        "concerns": [{"key": "template:a", "label": "A", "title": "T", "gist": "not a list"},
                     {"key": "template:b", "label": "", "title": "no label"}],
        "wording": [{"key": "template:w", "pattern": "(", "phrase": "bad", "reason": "r"},
                    {"key": "template:v", "pattern": r"\bvalid\b", "phrase": "valid", "reason": "r"}],
    }}
    assert customise.prompts_for("concerns", workshop) == ["Kept"]
    assert customise.prompts_for("expertise", workshop) == []
    assert [p["situation"] for p in customise.dual_role_presets(workshop)][6:] == ["Kept"]
    extra = [c for c in customise.concern_library(workshop) if c["group"] == "template"]
    assert [(c["key"], c["gist"]) for c in extra] == [("template:a", [])]
    assert [w["key"] for w in customise.extra_wording(workshop)] == ["template:v"]
    assert customise.template_name({"template": "not an object"}) is None
    assert customise.template_name(workshop) == "Edited"
