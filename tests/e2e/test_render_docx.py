"""The Word record rendered by LibreOffice: it opens, lays out on A4, and shows what it should.

Needs soffice (libreoffice-writer-nogui) and pdftotext/pdfinfo (poppler-utils). CI installs
them; a machine without them fails here on purpose, because an unrendered record is untested.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from workshop.export import ExportOptions, export_record

_BENCH = Path(__file__).resolve().parents[2] / "bench" / "make_workshop.py"
_spec = importlib.util.spec_from_file_location("make_workshop_for_e2e", _BENCH)
make_workshop = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_workshop)


def _tool(name: str) -> str:
    path = shutil.which(name)
    assert path, (f"{name} is required for this test and is not on PATH: on Linux apt-get install "
                  "libreoffice-writer-nogui poppler-utils; on Windows and macOS install LibreOffice and poppler "
                  "and put soffice, pdftotext and pdfinfo on PATH (see docs/PLATFORMS.md)")
    return path


def _to_pdf(docx_path: Path, tmp_path: Path) -> Path:
    soffice = _tool("soffice")
    profile = (tmp_path / "lo-profile").as_uri()
    result = subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(docx_path)],
        capture_output=True, text=True, timeout=180)
    pdf = tmp_path / (docx_path.stem + ".pdf")
    assert pdf.exists(), f"LibreOffice made no PDF: {result.stdout} {result.stderr}"
    return pdf


_UPDATE_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub UpdatedPdf(src As String, dst As String)
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = &quot;Hidden&quot;
  load(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(src), &quot;_blank&quot;, 0, load())
  indexes = doc.getDocumentIndexes()
  For i = 0 To indexes.getCount() - 1
    indexes.getByIndex(i).update()
  Next i
  doc.getTextFields().refresh()
  Dim store(0) As New com.sun.star.beans.PropertyValue
  store(0).Name = &quot;FilterName&quot;
  store(0).Value = &quot;writer_pdf_Export&quot;
  doc.storeToURL(ConvertToURL(dst), store())
  doc.close(True)
End Sub
</script:module>
"""


def _to_updated_pdf(docx_path: Path, tmp_path: Path) -> Path:
    """What a reader gets after LibreOffice's Tools > Update > Update All: LibreOffice 7.4
    keeps a contents field's saved result on opening (w:updateFields and w:dirty are Word's
    to act on), so the page numbers appear once the index is updated, as Word does on
    opening. A macro in a private profile does the update headless."""
    soffice = _tool("soffice")
    profile = tmp_path / "lo-macro-profile"
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--terminate_after_init"],
                   capture_output=True, timeout=180)
    module = profile / "user" / "basic" / "Standard" / "Module1.xba"
    assert module.parent.is_dir(), "LibreOffice did not create its profile"
    module.write_text(_UPDATE_MACRO, encoding="utf-8")
    pdf = tmp_path / (docx_path.stem + "-updated.pdf")
    result = subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
         f'macro:///Standard.Module1.UpdatedPdf("{docx_path}","{pdf}")'],
        capture_output=True, text=True, timeout=300)
    assert pdf.exists(), f"LibreOffice made no PDF: {result.stdout} {result.stderr}"
    return pdf


def _text(pdf: Path, *args: str) -> str:
    return subprocess.run([_tool("pdftotext"), *args, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def _page_sizes(pdf: Path) -> list[tuple[float, float]]:
    out = subprocess.run([_tool("pdfinfo"), "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True,
                         check=True).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", out)]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> tuple[Path, str]:
    tmp_path = tmp_path_factory.mktemp("render")
    snap = make_workshop.make_sample_snapshot()
    snap["hopes_fears"].append({"id": "rtl", "kind": "hope", "text": "שלום לכולם", "theme": "Hope", "votes": 1})
    out = export_record(snap, tmp_path / "record.docx", ExportOptions(include_names=True, include_lived=True))
    pdf = _to_pdf(out, tmp_path)
    return pdf, _text(pdf, "-layout")


def test_pages_are_a4_with_landscape_sections(rendered):
    pdf, _ = rendered
    sizes = _page_sizes(pdf)
    portrait = [(w, h) for w, h in sizes if h > w]
    landscape = [(w, h) for w, h in sizes if w > h]
    assert portrait and landscape
    # One run of landscape pages (dual roles, concerns, action plan) between portrait ones:
    # parts follow on rather than each starting a page.
    shape = "".join("L" if w > h else "P" for w, h in sizes)
    assert re.fullmatch(r"P+L+P+", shape), shape
    assert len(sizes) <= 9
    for w, h in portrait:
        assert abs(w - 595.3) < 2 and abs(h - 841.9) < 2
    for w, h in landscape:
        assert abs(w - 841.9) < 2 and abs(h - 595.3) < 2


def test_header_footer_and_page_numbers(rendered):
    pdf, text = rendered
    pages = text.split("\f")
    total = len(_page_sizes(pdf))
    for number, page in enumerate([p for p in pages if p.strip()], start=1):
        assert "Confidential: for the planning group" in page
        assert "Riverside CMHT team day, 3 December 2026" in page
        assert f"Page {number} of {total}" in page


def test_content_reaches_the_page(rendered):
    _, text = rendered
    flat = " ".join(text.split())
    for expected in ("Riverside CMHT team day", "Who took part", "Contents", "Summary", "Hopes and fears",
                     "Three sources of expertise", "Team balance", "Job description review", "Dual-role scenarios",
                     "Concerns log", "Action plan", "What needs to be done", "Who is responsible", "Sources",
                     "Gaps a peer worker could fill", "Recovery is visible", "people we support"):
        assert expected in flat, expected
    assert "שלום" in text or "םולש" in text  # right-to-left text survives (either extraction order)


def test_table_headers_repeat_on_a_long_table(tmp_path):
    snap = make_workshop.make_snapshot(300, seed=2)
    out = export_record(snap, tmp_path / "long.docx", ExportOptions())
    text = _text(_to_pdf(out, tmp_path))
    pages = [p for p in text.split("\f") if "Concerns log" in p or "How we worked through it" in p]
    assert sum("How we worked through it" in p for p in pages) >= 2


_ENTRY = re.compile(r"^\s*(\S.*?)\s*\.{3,}\s*(\d+)\s*$")


def _contents(page: str) -> list[tuple[str, int]]:
    return [(m.group(1), int(m.group(2))) for m in map(_ENTRY.match, page.splitlines()) if m]


def test_contents_lists_the_parts_before_any_update(rendered):
    _, text = rendered
    contents = next(p for p in text.split("\f") if "Contents" in p and "Summary" in p)
    for title in ("Summary", "Open concerns", "Hopes and fears", "Action plan", "Sources"):
        assert title in contents


@pytest.mark.parametrize("items", [0, 2000])
def test_contents_shows_the_page_each_part_starts_on(tmp_path, items):
    snap = make_workshop.make_snapshot(items, seed=4) if items else make_workshop.make_sample_snapshot()
    out = export_record(snap, tmp_path / "record.docx", ExportOptions(include_names=True, include_lived=True))
    pdf = _to_updated_pdf(out, tmp_path)
    pages = _text(pdf, "-layout").split("\f")
    entries = [e for page in pages[:6] for e in _contents(page)]
    titles = [t for t, _ in entries]
    for title in ("Summary", "Hopes and fears", "Three sources of expertise", "Job description review",
                  "Dual-role scenarios", "Concerns log", "Action plan", "Sources"):
        assert title in titles, title
    numbers = [n for _, n in entries]
    assert numbers == sorted(numbers) and numbers[-1] > numbers[0]
    for title, number in entries:
        page = pages[number - 1]
        heading_line = [line.strip() for line in page.splitlines() if line.strip() == title]
        assert heading_line, f"{title} is not on page {number}"


def _demo_snapshot(tmp_path: Path) -> dict:
    from workshop.demo import create_demo
    from workshop.store import Session

    with Session.open(create_demo(tmp_path), read_only=True) as session:
        return session.snapshot()


def _followup_snapshot(tmp_path: Path) -> dict:
    from tests.helpers.followup import FOLLOWUP_DATE, build_earlier
    from workshop import followup
    from workshop.store import Session

    build_earlier(tmp_path / "earlier.json")
    with Session.open(followup.create_followup(tmp_path / "earlier.json", tmp_path, on=FOLLOWUP_DATE)) as session:
        return session.snapshot()


@pytest.mark.parametrize("which", ["demo", "followup", "large"])
def test_pages_read_as_a_record(tmp_path, which):
    """The demo, a follow-up and a 2,000-item workshop as pages: no page left with a stray
    line or two, the contents filled in, and nothing listed twice as due."""
    snap = {"demo": _demo_snapshot, "followup": _followup_snapshot,
            "large": lambda _: make_workshop.make_snapshot(2000, seed=6)}[which](tmp_path)
    out = export_record(snap, tmp_path / "record.docx", ExportOptions(include_names=True))
    pages = _text(_to_updated_pdf(out, tmp_path), "-layout").split("\f")
    pages = [p for p in pages if p.strip()]
    for number, page in enumerate(pages, start=1):
        body = [line for line in page.splitlines() if line.strip()][1:-1]  # less header and footer
        assert len(body) >= 4, f"page {number} of {len(pages)} is nearly empty: {body}"
    entries = [e for page in pages[:4] for e in _contents(page)]
    assert entries and all(1 <= n <= len(pages) for _, n in entries)
    lines = "\n".join(pages).splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "Decisions and actions due")
    end = next(i for i, line in enumerate(lines) if i > start and line.strip() in (
        "What the room hoped for and feared most", "Open concerns"))
    first_cells = [line.strip().split("  ")[0] for line in lines[start:end]
                   if re.search(r"\d{1,2} \w{3} \d{4}", line)]
    assert first_cells and len(first_cells) == len(set(first_cells)), first_cells
