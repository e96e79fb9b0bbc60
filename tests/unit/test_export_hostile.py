"""Text XML cannot hold is cleaned; long, emoji and right-to-left text come out intact;
malformed snapshots still give a record instead of a traceback."""

from __future__ import annotations

import random
import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from workshop.export import ExportOptions, export_record
from workshop.export.textclean import clean, clean_line, is_rtl, slugify

BAD = ("\x00\x01\x08\x0b\x0c\x0e\x1b\x1f\x7f\x80\x9f\udfff\ud800\ufffe\uffff\ufdd0\ufdef"
       "\U0001fffe\U0010ffff")
EMOJI = "👩🏽‍⚕️ 🎉 🏳️‍🌈"
ARABIC = "مرحبا بكم في يوم الفريق"
HEBREW = "שלום לכולם"


def _long_text() -> str:
    rng = random.Random(4)
    words = [rng.choice(["hope", "trust", "peer", "recovery", "🙂", "لا", "é"]) for _ in range(30_000)]
    text = ("START7Q " + " ".join(words))[:99_990]
    return text + " END7Q"


LONG = _long_text()


def _hostile(tag: str) -> str:
    return f"{tag}{BAD}<b>&amp;</b> ]]> \"quote\" *md* | pipe # {EMOJI}\ttab\r\nline2"


def _snapshot() -> dict:
    h = _hostile
    return {
        "workshop": {"id": "w", "title": h("TITLE"), "team": h("TEAM"), "organisation": h("ORG"),
                     "date": "not a date", "venue": h("VENUE"), "facilitators": [h("FAC"), None, 3],
                     "role_title": h("ROLE"), "created_at": "garbage"},
        "participants": [{"id": "p", "name": h("NAME"), "role": h("PROLE"), "name_in_record": True}],
        "hopes_fears": [
            {"id": "1", "kind": "hope", "text": LONG, "theme": h("THEME"), "votes": "many"},
            {"id": "2", "kind": "fear", "text": EMOJI, "theme": None, "votes": -3},
            {"id": "3", "kind": "hope", "text": ARABIC, "votes": None},
            {"id": "4", "kind": "strange", "text": HEBREW},
        ],
        "expertise": [{"id": "e", "source": "life", "text": h("EXP"), "holder": h("HOLD")}],
        "job_descriptions": [{"id": "j", "title": h("JD"), "text": h("JDTEXT"), "imported_from": h("FILE")}],
        "jd_checks": [{"id": "c", "jd_id": "j", "criterion": h("CRIT"), "status": "weird", "note": h("NOTE")}],
        "jd_flags": [{"id": "f", "jd_id": "j", "phrase": h("PHR"), "reason": h("WHY"), "suggestion": h("SUG"),
                      "state": "accepted"}],
        "jd_compromise": [{"id": "s", "jd_id": "j", "sign": h("SIGN"), "present": "yes", "note": None}],
        "dual_roles": [{"id": "d", "situation": h("SIT"), "position": "first", "due": "2027-13-45",
                        "scope": ["list"], "policy": {"a": 1}}],
        "concerns": [{"id": "k", "text": h("CON"), "status": None, "due": 20270101, "category": h("CAT")}],
        "actions": [{"id": "a", "stage": None, "task": h("TASK"), "by_when": "2027-01-01T00:00"}],
        "notes": [
            {"id": "n1", "activity": "concerns", "text": "> " * 500 + "deep " + "*" * 3000 + "\n```\nunclosed"},
            {"id": "n2", "activity": "hopes_fears", "text": f"[x](javascript:alert(1)) <script>alert(1)</script> {BAD}"},
            {"id": "n3", "activity": "nowhere", "text": f"Stray note {ARABIC}"},
            {"id": "n4", "activity": "expertise", "kind": "gaps", "text": None},
            "not a record",
        ],
        "extra": "not a table",
    }


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    snap = _snapshot()
    word = export_record(snap, folder / "h.docx", ExportOptions(include_names=True, include_lived=True))
    md = export_record(snap, folder / "h.md", ExportOptions("md", include_names=True, include_lived=True))
    return word, md


def test_clean_removes_what_xml_cannot_hold():
    # BAD's three word separators (vertical tab, form feed, unit separator) become spaces.
    assert clean("a" + BAD + "b") == "a   b"
    assert clean("one\x0btwo\x0cthree\x1efour") == "one two three four"
    assert clean("caf\u00e9\x0bau\x0clait") == "caf\u00e9 au lait"
    assert clean("\ufeff# Notes") == "# Notes" and clean("\ufeffplain") == "plain"
    assert clean("line\r\nnext\rlast\x85end") == "line\nnext\nlast\nend"
    assert clean("\ud83d\ude00") == "😀"  # a split surrogate pair is rejoined
    assert clean(EMOJI + ARABIC) == EMOJI + ARABIC
    assert clean(None) == "" and clean(42) == "42"
    assert clean_line("  a \n\t b  ") == "a b"


def test_direction_and_slugs():
    assert is_rtl(ARABIC) and is_rtl("  42 " + HEBREW + " abc") and not is_rtl("abc " + HEBREW)
    assert slugify("Équipe / Team: CON?") == "equipe-team-con" and slugify("🙂") == "team-day"


def test_docx_opens_and_keeps_long_emoji_and_rtl_text(exported):
    word, _ = exported
    document = docx.Document(str(word))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert LONG in cells  # 100,000 characters, intact
    assert EMOJI in cells and ARABIC in cells
    assert any(HEBREW == c for c in cells)
    for p in document.paragraphs:
        for ch in BAD:
            assert ch not in p.text


def test_rtl_paragraphs_are_marked_right_to_left(exported):
    word, _ = exported
    document = docx.Document(str(word))
    bidi = [tc for t in document.tables for tr in t._tbl.tr_lst for tc in tr.tc_lst
            if tc.p_lst[0].pPr is not None and tc.p_lst[0].pPr.find(qn("w:bidi")) is not None]
    assert bidi and all(tc.p_lst[0].xpath("string(.)") in (ARABIC, HEBREW) for tc in bidi)


def test_markup_in_text_stays_text(exported):
    word, md = exported
    xml = zipfile.ZipFile(word).read("word/document.xml").decode()
    assert "&lt;script&gt;" in xml and "<script>" not in xml
    assert "javascript:" not in zipfile.ZipFile(word).read("word/_rels/document.xml.rels").decode()
    text = md.read_text("utf-8")
    assert "<script>" not in text and "\\<script\\>" in text
    assert "\\[x\\](javascript:alert(1))" in text  # shown as typed, not a link


def test_markdown_keeps_long_text_and_cleans_bad_characters(exported):
    _, md = exported
    text = md.read_text("utf-8")
    assert "START7Q" in text and "END7Q" in text and EMOJI in text and ARABIC in text
    for ch in BAD:
        assert ch not in text


def test_stray_notes_and_odd_values_still_show(exported):
    _, md = exported
    text = md.read_text("utf-8")
    assert "Stray note" in text  # a note for an unknown activity is kept, not lost
    assert "not a date" in text and "2027-13-45" in text  # unparseable dates are shown as typed


@pytest.mark.parametrize("snapshot", [{}, {"workshop": None}, {"workshop": {}, "actions": None},
                                      {"workshop": [{"title": "as a table"}]}])
def test_empty_or_odd_snapshots_still_export(tmp_path, snapshot):
    out = export_record(snapshot, tmp_path / "e.docx", ExportOptions())
    assert docx.Document(str(out)).paragraphs[0].style.name == "Title"
    assert export_record(snapshot, tmp_path / "e.md", ExportOptions("md")).read_text().startswith("**Confidential")
