"""The Word record on paper: rows kept whole, headings kept with what follows, the running
header and the cover's status line."""

from __future__ import annotations

import importlib.util
import re
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from workshop.export import ExportError, ExportOptions, export_record
from workshop.export.record import build_record, status_line

_BENCH = Path(__file__).resolve().parents[2] / "bench" / "make_workshop.py"
_spec = importlib.util.spec_from_file_location("make_workshop_for_print", _BENCH)
make_workshop = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_workshop)

NOW = datetime(2026, 12, 4, 12, 30, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("print") / "big.docx"
    export_record(make_workshop.make_snapshot(2000, seed=7), out, ExportOptions(include_names=True))
    return out


def test_every_table_row_is_kept_whole_across_pages(big):
    document = docx.Document(str(big))
    rows = [tr for t in document.tables for tr in t._tbl.tr_lst]
    assert len(rows) > 1500
    for tr in rows:
        assert tr.trPr is not None and tr.trPr.find(qn("w:cantSplit")) is not None


@pytest.mark.parametrize("which", ["sample", "big"])
def test_headings_and_table_headers_keep_with_what_follows(big, which, tmp_path):
    if which == "sample":  # the sample's notes hold a Markdown table too
        big = export_record(make_workshop.make_sample_snapshot(), tmp_path / "s.docx", ExportOptions())
    document = docx.Document(str(big))
    styles = document.styles
    for name in ("Heading 1", "Heading 2", "Heading 3", "Subtitle", "Cover Heading", "TOC Heading"):
        style = styles[name]
        keep = style.paragraph_format.keep_with_next
        while keep is None and style.base_style is not None:
            style = style.base_style
            keep = style.paragraph_format.keep_with_next
        assert keep, name
    for table in document.tables:
        # The header row and the first two rows below it start a page together.
        for tr in table._tbl.tr_lst[:3][:len(table._tbl.tr_lst) - 1]:
            assert all(p.pPr is not None and p.pPr.keepNext is not None for tc in tr.tc_lst for p in tc.p_lst)


def test_a_sentence_leading_into_a_table_stays_with_it(tmp_path):
    from tests.helpers.followup import FOLLOWUP_DATE, build_earlier
    from workshop import followup
    from workshop.store import Session

    build_earlier(tmp_path / "earlier.json")
    with Session.open(followup.create_followup(tmp_path / "earlier.json", tmp_path, on=FOLLOWUP_DATE)) as session:
        snap = session.snapshot()
    document = docx.Document(str(export_record(snap, tmp_path / "f.docx", ExportOptions())))
    body = list(document.element.body.iterchildren())
    intro = next(i for i, el in enumerate(body) if el.tag == qn("w:p")
                 and docx.text.paragraph.Paragraph(el, document).text.startswith("6 actions carried forward"))
    assert body[intro].pPr.keepNext is not None and body[intro + 1].tag == qn("w:tbl")


def test_the_last_lines_before_a_change_of_orientation_move_together(big):
    document = docx.Document(str(big))
    body = list(document.element.body.iterchildren())
    breaks = [i for i, el in enumerate(body) if el.tag == qn("w:p") and el.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None]
    assert breaks
    for i in breaks:
        tail = body[i - 3:i]
        assert all(el.tag == qn("w:p") and el.pPr is not None and el.pPr.keepNext is not None for el in tail)


def test_running_header_holds_the_title_and_date_of_the_day(tmp_path):
    snap = {"workshop": {"title": "Northside team day", "date": "2027-02-09"}}
    document = docx.Document(str(export_record(snap, tmp_path / "r.docx", ExportOptions())))
    for section in document.sections:
        assert section.header.paragraphs[0].text == "Northside team day, 9 February 2027\tConfidential: for the planning group"
    undated = docx.Document(str(export_record({"workshop": {"title": "Undated"}}, tmp_path / "u.docx", ExportOptions())))
    assert undated.sections[0].header.paragraphs[0].text == "Undated\tConfidential: for the planning group"


def test_cover_status_line_draft_by_default_or_final(tmp_path):
    snap = make_workshop.make_sample_snapshot()
    draft = build_record(snap, ExportOptions(), now=NOW)
    cover = draft.sections[0]
    status = [i.text for i in cover.items if getattr(i, "style", None) == "status"]
    assert status == ["Draft; version of 3 December 2026 at 09:00 UTC; exported 4 December 2026 at 12:30 UTC."]
    final = export_record(snap, tmp_path / "final.docx", ExportOptions(status="final"))
    document = docx.Document(str(final))
    assert [p.text for p in document.paragraphs if p.style.name == "Record Status"][0].startswith("Final; version of ")
    assert document.core_properties.content_status == "Final"
    with zipfile.ZipFile(final) as z:
        assert "<cp:contentStatus>Final</cp:contentStatus>" in z.read("docProps/core.xml").decode()


def test_status_line_without_dates_and_unknown_status():
    assert status_line("Final", None, NOW) == "Final; exported 4 December 2026 at 12:30 UTC."
    with pytest.raises(ExportError, match="use draft or final"):
        ExportOptions(status="approved")
