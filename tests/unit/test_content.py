"""Tests for workshop.content: the shipped data files and their loader."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from workshop import content

# Enums of session format v1 (docs/FORMAT.md, DESIGN.md).
HF_KINDS = {"hope", "fear"}
EXPERTISE_SOURCES = {"life", "lived", "professional"}
CONCERN_STATUSES = {"open", "in_progress", "resolved"}
GUIDE_HEADINGS = (
    "Purpose",
    "How to run it",
    "Prompts to ask the room",
    "Pitfalls to avoid",
    "What goes in the record",
)
# Words our own text must never use (the lexicon's patterns and phrases name them on purpose).
BANNED = re.compile(r"patient|service[\s_-]*users?|sufferer", re.IGNORECASE)


def _unique(keys: list[str]) -> bool:
    return len(keys) == len(set(keys))


def _strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string inside nested dicts/lists, with a path for error messages."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, f"{path}.{k}")
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            yield from _strings(v, f"{path}[{i}]")


def _source_keys() -> set[str]:
    return {s["key"] for s in content.sources()}


def _is_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is not None


# -- activities ----------------------------------------------------------------


def test_activity_keys_match_data_in_order():
    assert content.ACTIVITY_KEYS == (
        "opening",
        "hopes_fears",
        "expertise",
        "job_description",
        "dual_roles",
        "concerns",
        "action_plan",
    )
    assert tuple(a.key for a in content.activities()) == content.ACTIVITY_KEYS


def test_activities_are_well_formed():
    for a in content.activities():
        assert a.title and a.summary
        assert 1 <= len(a.short) <= 10, a.short
        assert isinstance(a.minutes, int) and 5 <= a.minutes <= 120
        assert a.summary.endswith("."), a.key
        assert ". " not in a.summary.rstrip("."), f"{a.key}: summary should be one sentence"


def test_activity_lookup_and_unknown_key():
    assert content.activity("concerns").title == "Concerns log"
    with pytest.raises(KeyError):
        content.activity("no_such_activity")


def test_activities_are_immutable_and_list_is_a_copy():
    first = content.activities()
    with pytest.raises(AttributeError):
        first[0].title = "changed"  # type: ignore[misc]
    first.clear()
    assert len(content.activities()) == 7


# -- guides --------------------------------------------------------------------


@pytest.mark.parametrize("key", content.GUIDE_KEYS)
def test_guide_has_headings_length_and_credit(key: str):
    text = content.guide(key)
    headings = re.findall(r"^##\s+(.+?)\s*$", text, flags=re.MULTILINE)
    for wanted in GUIDE_HEADINGS:
        assert wanted in headings, f"{key}: missing heading {wanted!r}"
    words = len(text.split())
    assert 150 <= words <= 350, f"{key}: {words} words"
    assert re.search(r"^Based on: .+", text, flags=re.MULTILINE), key
    how = text.split("## How to run it", 1)[1].split("##", 1)[0]
    assert re.search(r"\d+\s*min", how), f"{key}: no time guidance"


def test_guides_cover_every_activity_plus_welcome_and_details():
    assert set(content.GUIDE_KEYS) == {*content.ACTIVITY_KEYS, "welcome", "details"}


def test_welcome_guide_has_consent_statement():
    text = content.guide("welcome").lower()
    for needle in ("anonymous", "nobody has to share", "shareable", "agrees", "word record", "planning group"):
        assert needle in text, needle


def test_guide_unknown_key():
    with pytest.raises(KeyError):
        content.guide("nonsense")


def test_guide_override_wins(tmp_path):
    (tmp_path / "concerns.md").write_text("# Our own guide\n", encoding="utf-8")
    assert content.guide("concerns", override_dir=tmp_path) == "# Our own guide\n"
    # Only the overridden key changes; the shipped guide is untouched.
    assert content.guide("expertise", override_dir=tmp_path) == content.guide("expertise")
    assert "Our own guide" not in content.guide("concerns")


def test_guide_override_dir_missing(tmp_path):
    missing = tmp_path / "nowhere"
    assert content.guide("welcome", override_dir=missing) == content.guide("welcome")


# -- activity content ------------------------------------------------------------


def test_hopes_fears():
    hf = content.hopes_fears()
    assert set(hf) >= {"prompts", "about", "seed_hopes", "readiness"}
    assert hf["prompts"] and all(p.strip() for p in hf["prompts"])
    assert [a["key"] for a in hf["about"]] == ["people", "peer_workers", "team", "organisation"]
    assert all(a["label"] for a in hf["about"])
    about_keys = {a["key"] for a in hf["about"]}
    assert len(hf["seed_hopes"]) >= 10
    for seed in hf["seed_hopes"]:
        assert seed["about"] in about_keys and seed["text"]
    assert {s["about"] for s in hf["seed_hopes"]} >= {"people", "peer_workers", "team"}
    assert len(hf["readiness"]) >= 4


def test_expertise_sources():
    rows = content.expertise_sources()
    assert [r["key"] for r in rows] == ["life", "lived", "professional"]
    for r in rows:
        for field in ("title", "short", "prompt", "explainer"):
            assert r[field].strip(), (r["key"], field)
    lived = rows[1]["explainer"].lower()
    assert "nobody is asked to disclose" in lived
    assert "shareable" in lived and "record" in lived


def test_concern_library():
    lib = content.concern_library()
    keys = [c["key"] for c in lib]
    assert _unique(keys)
    assert len([c for c in lib if c["group"] == "common"]) == 7
    assert {"referral_reluctance", "tokenism"} <= set(keys)
    for c in lib:
        assert c["title"] and c["label"]
        assert c["gist"] and all(isinstance(g, str) and g for g in c["gist"])
        assert c["source"] in _source_keys()


def test_concern_categories_are_library_plus_other():
    cats = content.concern_categories()
    assert [c["key"] for c in cats] == [c["key"] for c in content.concern_library()] + ["other"]
    assert all(c["label"] for c in cats)


def test_dual_role_presets():
    rows = content.dual_role_presets()
    assert len(rows) == 6
    assert _unique([r["key"] for r in rows])
    assert rows[0]["situation"] == "Working in a service that they have previously used"
    for r in rows:
        assert r["situation"] and r["prompt"].endswith("?")


def test_jd_criteria():
    groups = content.jd_criteria()
    assert [g["key"] for g in groups] == ["hear_me", "components", "cm_principles", "person_spec"]
    counts = {g["key"]: len(g["items"]) for g in groups}
    assert counts == {"hear_me": 6, "components": 4, "cm_principles": 7, "person_spec": 3}
    by_key = {g["key"]: g for g in groups}
    assert [i["title"] for i in by_key["hear_me"]["items"]] == [
        "Hope", "Experience", "Authenticity", "Responsibility", "Mutuality", "Empowerment",
    ]
    assert [i["key"] for i in by_key["person_spec"]["items"]] == [
        "knowledge_experience", "skills_attributes", "values_attitudes",
    ]
    for g in groups:
        assert g["title"] and g["source"] in _source_keys()
        assert _unique([i["key"] for i in g["items"]])
        for item in g["items"]:
            assert item["title"] and item["description"], (g["key"], item["key"])
    for item in by_key["hear_me"]["items"]:
        assert len(item["practice"]) >= 3
    for item in by_key["person_spec"]["items"]:
        assert len(item["examples"]) >= 3
        assert item["description"].count(";") >= 2


def test_compromise_signs():
    signs = content.compromise_signs()
    assert len(signs) >= 6
    assert _unique([s["key"] for s in signs])
    assert all(s["text"] for s in signs)


def test_taking_stock_uses_corrected_recruitment_topics():
    stages = content.taking_stock()
    assert [s["key"] for s in stages] == ["preparation", "recruitment", "support", "sustaining"]
    by_key = {s["key"]: s for s in stages}
    assert by_key["recruitment"]["topics"] == [
        "Planning for recruitment", "Interview", "Job readiness", "Job offer",
    ]
    assert not set(by_key["recruitment"]["topics"]) & set(by_key["support"]["topics"])
    for s in stages:
        assert s["title"] and s["topics"]
    assert content.taking_stock_columns() == [
        "Task", "What needs to be done", "Who is responsible", "By when", "Outcome",
    ]


def test_sources():
    rows = content.sources()
    assert len(rows) == 4
    assert _unique([r["key"] for r in rows])
    for r in rows:
        for field in ("short", "title", "publisher", "year", "note"):
            assert isinstance(r[field], str) and r[field].strip(), (r["key"], field)
    assert "Experts by Experience guidelines, SRN" in {r["short"] for r in rows}


# -- lexicon ---------------------------------------------------------------------


def test_lexicon_entries_are_well_formed():
    lex = content.wording_lexicon()
    assert len(lex) >= 30
    assert _unique([t["key"] for t in lex])
    for t in lex:
        assert t["category"] in content.LEXICON_CATEGORIES, t["key"]
        for field in ("phrase", "reason", "suggestion"):
            assert t[field].strip(), (t["key"], field)


@pytest.mark.parametrize("term", content.wording_lexicon(), ids=lambda t: t["key"])
def test_lexicon_pattern_compiles_matches_phrase_and_is_word_bounded(term):
    rx = re.compile(term["pattern"], re.IGNORECASE)
    assert rx.search(term["phrase"]), term["key"]
    assert rx.search(term["phrase"].upper()), f"{term['key']}: not case-insensitive"
    assert not rx.search(f"x{term['phrase']}x"), f"{term['key']}: not word-bounded"


def test_lexicon_is_ordered_most_specific_first():
    lex = content.wording_lexicon()
    for term in lex:
        first = next(t for t in lex if re.search(t["pattern"], term["phrase"], re.IGNORECASE))
        assert first["key"] == term["key"], f"{term['phrase']!r} is caught first by {first['key']}"


@pytest.mark.parametrize(
    "text",
    [
        "patients", "a patient", "service users", "service-user", "sufferers", "suffering from",
        "mentally ill", "the mentally ill", "non-compliant", "compliance with medication", "deliver treatment",
        "interventions", "managing patients", "case load", "caseload", "symptoms",
        "diagnosed with", "challenging behaviour", "vulnerable", "deficits", "fix people",
        "disorder", "a schizophrenic", "a psychotic", "personality disorder", "commit suicide",
        "clients", "risk management", "stakeholders", "service delivery", "multi-disciplinary",
        "multidisciplinary", "provide care co-ordination", "act as care coordinator",
    ],
)
def test_lexicon_covers_the_wording_we_query(text):
    assert any(re.search(t["pattern"], text, re.IGNORECASE) for t in content.wording_lexicon()), text


@pytest.mark.parametrize(
    "text",
    ["psychotic experiences", "a fixed-term contract", "fixed term", "the team", "recovery", "people who use services"],
)
def test_lexicon_leaves_fine_wording_alone(text):
    hits = [t["key"] for t in content.wording_lexicon() if re.search(t["pattern"], text, re.IGNORECASE)]
    assert hits == [], (text, hits)


def test_peer_essentials():
    rows = content.peer_essentials()
    keys = [r["key"] for r in rows]
    assert keys == [
        "lived_experience", "intentional_sharing", "supervision", "training",
        "room_to_grow", "occupational_requirement", "recovery_focus", "peer_values",
    ]
    for r in rows:
        assert r["title"] and r["reason"] and r["suggestion"]
        assert isinstance(r["uk_only"], bool)
        assert r["patterns"]
        for p in r["patterns"]:
            re.compile(p, re.IGNORECASE)
    assert [r["key"] for r in rows if r["uk_only"]] == ["occupational_requirement"]


GOOD_JD = """
Essential: lived experience of mental health problems.
You will share your own experience intentionally, in ways that bring hope.
You will receive monthly peer supervision and peer support training.
There is room for professional development and career progression.
Permitted under Schedule 9, Part 1 of the Equality Act 2010.
Support people towards their own recovery, working with mutuality and empowerment.
"""


def _present(essential: dict, text: str) -> bool:
    return any(re.search(p, text, re.IGNORECASE) for p in essential["patterns"])


def test_peer_essentials_find_good_content_and_miss_on_blank():
    for e in content.peer_essentials():
        assert _present(e, GOOD_JD), e["key"]
        assert not _present(e, "Duties as required by the team manager."), e["key"]


# -- demo workshop -------------------------------------------------------------------


@pytest.fixture
def demo() -> dict:
    return content.demo_workshop()


def test_demo_workshop_fields(demo):
    w = demo["workshop"]
    assert w["title"] == "Riverside CMHT team day"
    assert w["date"] == "2026-12-03"
    assert w["role_title"] == "Peer Support Worker"
    assert w["team"] and w["organisation"] and w["venue"]
    assert len(w["facilitators"]) == 2 and all(w["facilitators"])
    assert w["current_activity"] in content.ACTIVITY_KEYS
    assert set(w["timeboxes"]) == set(content.ACTIVITY_KEYS)
    assert all(isinstance(m, int) and m > 0 for m in w["timeboxes"].values())
    assert not any(k.startswith("_") for k in demo)
    for forbidden in ("id", "created_at", "updated_at"):
        assert forbidden not in w
        for table, rows in demo.items():
            if isinstance(rows, list):
                assert all(forbidden not in r for r in rows), (table, forbidden)


def test_demo_participants(demo):
    people = demo["participants"]
    assert 6 <= len(people) <= 10
    for p in people:
        assert isinstance(p["name"], str) and p["role"]
        assert isinstance(p["name_in_record"], bool)
        if not p["name"]:
            assert p["name_in_record"] is False
    named = [p for p in people if p["name"]]
    assert 1 <= len(named) <= 2 and all(p["name_in_record"] for p in named)


def test_demo_hopes_fears(demo):
    rows = demo["hopes_fears"]
    about = {a["key"] for a in content.hopes_fears()["about"]}
    assert all(r["kind"] in HF_KINDS for r in rows)
    assert sum(r["kind"] == "hope" for r in rows) >= 6
    assert sum(r["kind"] == "fear" for r in rows) >= 6
    for r in rows:
        assert r["text"] and r["about"] in about
        assert isinstance(r["votes"], int) and r["votes"] >= 0
        assert r["theme"] is None or isinstance(r["theme"], str)
        assert r["author_role"] is None or isinstance(r["author_role"], str)
    assert any(r["theme"] for r in rows) and any(r["votes"] for r in rows)


def test_demo_expertise(demo):
    rows = demo["expertise"]
    assert {r["source"] for r in rows} == EXPERTISE_SOURCES
    for r in rows:
        assert r["source"] in EXPERTISE_SOURCES and r["text"]
        assert isinstance(r["in_record"], bool)
        if r["source"] != "lived":
            assert r["in_record"] is True
    lived = [r for r in rows if r["source"] == "lived"]
    assert len(lived) >= 2
    assert sum(r["in_record"] for r in lived) == 1
    assert all(r["holder"] is None for r in lived)


def test_demo_job_description_has_lexicon_hits_and_lacks_or_statement(demo):
    (jd,) = demo["job_descriptions"]
    assert jd["title"] and "text_file" not in jd
    words = len(jd["text"].split())
    assert 300 <= words <= 550, words
    found = {t["key"] for t in content.wording_lexicon() if re.search(t["pattern"], jd["text"], re.IGNORECASE)}
    assert {"patients", "service_users", "manage_symptoms"} <= found
    essentials = {e["key"]: e for e in content.peer_essentials()}
    assert not _present(essentials["occupational_requirement"], jd["text"])
    assert _present(essentials["lived_experience"], jd["text"])


def test_demo_dual_roles(demo):
    rows = demo["dual_roles"]
    assert [r["situation"] for r in rows] == [p["situation"] for p in content.dual_role_presets()]
    assert [r["position"] for r in rows] == list(range(len(rows)))
    assert all(r["preset"] is True for r in rows)
    filled = [r for r in rows if r["challenge"] and r["action_plan"] and r["owner"] and r["due"]]
    assert len(filled) == 3
    for r in rows:
        assert r["due"] is None or _is_date(r["due"])


def test_demo_concerns_and_links(demo):
    rows = demo["concerns"]
    assert 5 <= len(rows) <= 6
    categories = {c["key"] for c in content.concern_categories()}
    for r in rows:
        assert r["text"] and r["status"] in CONCERN_STATUSES
        assert r["category"] is None or r["category"] in categories
        assert r["due"] is None or _is_date(r["due"])
        assert r["from_fear"] is None  # the store fills it from from_fear_ref
    assert len({r["status"] for r in rows}) >= 2
    fear_refs = {r["ref"] for r in demo["hopes_fears"] if r["kind"] == "fear" and "ref" in r}
    linked = [r for r in rows if "from_fear_ref" in r]
    assert len(linked) == 1 and linked[0]["from_fear_ref"] in fear_refs
    all_refs = [r["ref"] for rows_ in demo.values() if isinstance(rows_, list) for r in rows_ if "ref" in r]
    assert _unique(all_refs)


def test_demo_actions_and_notes(demo):
    stages = {s["key"] for s in content.taking_stock()}
    actions = demo["actions"]
    assert 6 <= len(actions) <= 10  # a plan a room could make in half an hour
    for a in actions:
        assert a["stage"] in stages and a["task"] and a["what"] and a["who"]
        assert a["by_when"] is None or _is_date(a["by_when"])
    assert len({a["stage"] for a in actions}) >= 3
    # The opening's vision and motivation answers, then one set of discussion notes per activity.
    answers = [n for n in demo["notes"] if n.get("kind") in ("vision", "motivation")]
    assert {n["activity"] for n in answers} == {"opening"}
    assert {(n["kind"], n.get("question")) for n in answers} == {(b["kind"], None if b["kind"] == "vision" else b["key"])
                                                                  for p in content.opening()["pages"] for b in p.get("box", [])}
    notes = [n for n in demo["notes"] if n not in answers]
    assert 2 <= len(notes) <= 3
    assert _unique([n["activity"] for n in notes])
    assert all(n["activity"] in content.ACTIVITY_KEYS and n["text"].strip() for n in notes)


# -- caching and copies ---------------------------------------------------------------


@pytest.mark.parametrize(
    "loader",
    [
        content.hopes_fears, content.expertise_sources, content.concern_library,
        content.concern_categories, content.dual_role_presets, content.jd_criteria,
        content.compromise_signs, content.wording_lexicon, content.peer_essentials,
        content.taking_stock, content.sources, content.demo_workshop,
    ],
)
def test_callers_cannot_corrupt_the_cache(loader):
    before = loader()
    spoiled = loader()
    if isinstance(spoiled, dict):
        for v in spoiled.values():
            if isinstance(v, list) and v and isinstance(v[0], dict):
                v[0].clear()
        spoiled.clear()
    else:
        spoiled[0].clear()
        spoiled.append({"key": "junk"})
    assert loader() == before


def test_text_of():
    assert "[[term]]" in content.text_of("lexicon.toml")
    assert content.text_of("guides/welcome.md") == content.guide("welcome")
    with pytest.raises(ValueError):
        content.text_of("../__init__.py")
    with pytest.raises(FileNotFoundError):
        content.text_of("missing.toml")


# -- house rules ---------------------------------------------------------------------


def test_content_does_not_import_textual_or_tinydb():
    code = (
        "import workshop.content, sys; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'tinydb') "
        "or m.startswith(('workshop.tui', 'workshop.store'))]; "
        "assert not bad, bad"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def _our_text() -> Iterator[tuple[str, str]]:
    """All text we wrote, except the lexicon's patterns, phrases and keys (which name
    the wording on purpose) and the demo job description (a deliberately poor draft) with
    the phrases its wording flags quote."""
    for key in content.GUIDE_KEYS:
        yield f"guide:{key}", content.guide(key)
    for a in content.activities():
        yield from _strings(a._asdict(), f"activity:{a.key}")
    loaders = {
        "hopes_fears": content.hopes_fears, "expertise": content.expertise_sources,
        "concerns": content.concern_library, "categories": content.concern_categories,
        "dual_roles": content.dual_role_presets, "jd": content.jd_criteria,
        "signs": content.compromise_signs, "essentials": content.peer_essentials,
        "stock": content.taking_stock, "sources": content.sources,
    }
    for name, loader in loaders.items():
        data = loader()
        if name == "essentials":
            data = [{k: v for k, v in e.items() if k != "patterns"} for e in data]
        yield from _strings(data, name)
    lexicon = [{k: v for k, v in t.items() if k not in ("pattern", "phrase", "key", "neutral")}
               for t in content.wording_lexicon()]
    yield from _strings(lexicon, "lexicon")
    demo = content.demo_workshop()
    demo["job_descriptions"] = [{k: v for k, v in jd.items() if k != "text"}
                                for jd in demo["job_descriptions"]]
    # A flag's phrase quotes the draft, as the lexicon's phrases do.
    demo["jd_flags"] = [{k: v for k, v in f.items() if k != "phrase"} for f in demo.get("jd_flags", [])]
    yield from _strings(demo, "demo")


def test_our_text_uses_person_first_language():
    offending = [(where, BANNED.search(text).group()) for where, text in _our_text() if BANNED.search(text)]
    assert offending == []


def test_language_check_can_fail():
    # Guards the check above against silently matching nothing.
    assert list(_our_text())
    assert BANNED.search("Support PATIENTS and service-users")
    assert BANNED.search("a sufferer")
