"""Importing a draft job description from real files made in the test."""

from __future__ import annotations

import copy
import io
import os
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from workshop import model
from workshop.jd.importer import MAX_BYTES, DraftImportError, draft_from_paste, expand_path, read_draft


def make_docx(path: Path) -> Path:
    doc = Document()
    doc.add_heading("Peer Support Worker", level=1)
    doc.add_paragraph("Job purpose: to walk alongside people.")
    table = doc.add_table(rows=3, cols=3)
    table.cell(0, 0).text = "Area"
    table.cell(0, 1).text = "Essential"
    table.cell(0, 2).text = "Desirable"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "Knowledge"
    table.cell(1, 1).text = "Lived experience of mental health problems"
    table.cell(1, 2).text = "Peer support training"
    table.cell(1, 2).add_paragraph("WRAP")
    table.cell(2, 1).merge(table.cell(2, 2)).text = "Understanding of recovery"
    doc.add_heading("Main duties", level=2)
    doc.add_paragraph("Share experience intentionally", style="List Bullet")
    doc.add_paragraph("Closing paragraph after the table.")
    doc.save(path)
    return path


def test_docx_paragraphs_and_tables_in_document_order(tmp_path: Path) -> None:
    draft = read_draft(make_docx(tmp_path / "PSW_JD_v2.docx"))
    assert draft.text.split("\n") == [
        "# Peer Support Worker",
        "Job purpose: to walk alongside people.",
        "",
        "Area | Essential | Desirable",
        "Knowledge | Lived experience of mental health problems | Peer support training; WRAP",
        "Understanding of recovery",
        "",
        "## Main duties",
        "- Share experience intentionally",
        "Closing paragraph after the table.",
    ]
    assert draft.title == "Peer Support Worker", "named by its first heading, not its file"
    assert draft.imported_from == "PSW_JD_v2.docx"  # the name only: a full path can name a person
    assert not draft.truncated


def test_docx_content_controls_are_read(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("Before")
    inside = doc.add_paragraph("Inside a content control")
    sdt = inside._p.makeelement(qn("w:sdt"), {})
    content = sdt.makeelement(qn("w:sdtContent"), {})
    sdt.append(content)
    inside._p.addprevious(sdt)
    content.append(inside._p)
    doc.add_paragraph("After")
    doc.save(tmp_path / "sdt.docx")
    assert read_draft(tmp_path / "sdt.docx").text == "Before\nInside a content control\nAfter"


def test_markdown_and_text_files(tmp_path: Path) -> None:
    md = tmp_path / "draft.md"
    md.write_text("# Peer worker\r\n\r\n\r\n\r\nSupport people\x07 to lead their recovery.\n", encoding="utf-8")
    draft = read_draft(md)
    assert draft.text == "# Peer worker\n\nSupport people to lead their recovery."
    assert draft.title == "Peer worker" and draft.imported_from == "draft.md"

    bom = tmp_path / "bom.txt"
    bom.write_bytes("\ufeffCafé culture".encode("utf-8"))
    assert read_draft(bom).text == "Café culture"

    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes("Peer support\nworker".encode("utf-16"))
    assert read_draft(utf16).text == "Peer support\nworker"

    windows = tmp_path / "old.txt"
    windows.write_bytes("Café – role".encode("cp1252"))
    assert read_draft(windows).text == "Café – role"


def test_a_draft_without_a_heading_is_named_by_a_short_first_line_or_else_its_file(tmp_path: Path) -> None:
    short = tmp_path / "jd.txt"
    short.write_text("Peer Support Worker, Riverside CMHT\n\nSupport people to lead their recovery.\n")
    assert read_draft(short).title == "Peer Support Worker, Riverside CMHT"
    sentence = tmp_path / "psw_draft.txt"
    sentence.write_text("Support people to lead their recovery.\nMore.\n")
    assert read_draft(sentence).title == "psw draft"


def test_paste() -> None:
    draft = draft_from_paste("\n\n## Peer Support Worker\nSupport people.\n", "")
    assert draft.title == "Peer Support Worker"
    assert draft.text == "## Peer Support Worker\nSupport people."
    assert draft.imported_from is None
    assert draft_from_paste("Text", "  My   title ").title == "My title"
    with pytest.raises(DraftImportError, match="no text"):
        draft_from_paste(" \n\t ", "A title")


def test_very_long_text_is_cut_to_what_a_field_holds(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("word " * (model.MAX_TEXT // 5 + 100), encoding="utf-8")
    draft = read_draft(path)
    assert draft.truncated and len(draft.text) <= model.MAX_TEXT
    assert draft_from_paste("x" * (model.MAX_TEXT + 5)).truncated


def test_home_folder_quotes_and_escaped_spaces(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "My drafts").mkdir()
    target = tmp_path / "My drafts" / "jd.md"
    target.write_text("Peer role", encoding="utf-8")
    assert expand_path("~/My drafts/jd.md") == target
    assert expand_path("'~/My drafts/jd.md'") == target
    assert expand_path("~/My\\ drafts/jd.md") == target
    assert read_draft("  ~/My drafts/jd.md ").text == "Peer role"


# --- files that cannot be read: a clear message, and nothing else -----------------------------


def message(typed) -> str:
    with pytest.raises(DraftImportError) as caught:
        read_draft(typed)
    text = str(caught.value)
    assert "Traceback" not in text and "Error" not in text  # words, not exception names
    return text


def test_missing_file_and_empty_path(tmp_path: Path) -> None:
    assert "There is no file at" in message(tmp_path / "nowhere.docx")
    assert "Type the path" in message("   ")


def test_folder(tmp_path: Path) -> None:
    folder = tmp_path / "drafts.docx"
    folder.mkdir()
    assert "is a folder" in message(folder)


def test_not_a_docx_though_named_so(tmp_path: Path) -> None:
    fake = tmp_path / "fake.docx"
    fake.write_text("just some words", encoding="utf-8")
    assert "is not a Word document" in message(fake)


def test_old_doc_renamed_or_password_protected(tmp_path: Path) -> None:
    ole = tmp_path / "old.docx"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert "older Word file" in message(ole)


def test_corrupt_zip(tmp_path: Path) -> None:
    good = make_docx(tmp_path / "good.docx").read_bytes()
    broken = tmp_path / "broken.docx"
    broken.write_bytes(good[: len(good) // 2])
    text = message(broken)
    assert "Word document" in text and ("damaged" in text or "not a Word document" in text)


def test_zip_that_is_not_a_word_document(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    other = tmp_path / "archive.docx"
    other.write_bytes(buffer.getvalue())
    assert "could not be opened as a Word document" in message(other)


def test_docx_with_broken_xml(tmp_path: Path) -> None:
    source = make_docx(tmp_path / "good.docx")
    broken = tmp_path / "badxml.docx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(broken, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            new.writestr(item, data)
    assert "could not be opened as a Word document" in message(broken)


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked.md"
    locked.write_text("Peer role", encoding="utf-8")
    real_open = Path.open

    def refuse(self, *args, **kwargs):
        if self == locked:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    assert "not allowed to read" in message(locked)


def test_unknown_extensions(tmp_path: Path) -> None:
    for name, words in (("jd.pdf", "PDF"), ("jd.doc", "older Word file"), ("jd.odt", "OpenDocument"),
                        ("jd.xyz", "a .xyz file"), ("README", "without an ending")):
        path = tmp_path / name
        path.write_bytes(b"%PDF-1.4 something")
        text = message(path)
        assert words in text and ".docx" in text, (name, text)


def test_binary_junk_in_a_text_file(tmp_path: Path) -> None:
    nul = tmp_path / "junk.txt"
    nul.write_bytes(b"Peer\x00support\x00" * 20)
    assert "does not contain plain text" in message(nul)
    noise = tmp_path / "noise.md"
    noise.write_bytes(bytes(range(256)) * 20)
    assert "does not contain plain text" in message(noise)
    disguised = tmp_path / "disguised.txt"
    disguised.write_bytes(make_docx(tmp_path / "real.docx").read_bytes())
    assert "Rename it to end in .docx" in message(disguised)


def test_over_five_megabytes(tmp_path: Path) -> None:
    big = tmp_path / "big.docx"
    with big.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    text = message(big)
    assert "5 MB" in text and "paste" in text


def test_empty_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert "has no text" in message(empty)
    blank = tmp_path / "blank.docx"
    Document().save(blank)
    assert "has no text" in message(blank)


def test_reading_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "keep.docx")
    before = (path.read_bytes(), os.stat(path).st_mtime_ns)
    read_draft(path)
    assert (path.read_bytes(), os.stat(path).st_mtime_ns) == before
    assert copy.copy(sorted(p.name for p in tmp_path.iterdir())) == ["keep.docx"]
