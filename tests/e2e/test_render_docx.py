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
    assert path, f"{name} is required for this test (apt-get install libreoffice-writer-nogui poppler-utils)"
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
    assert len(sizes) >= 9  # every part of the record starts a page
    portrait = [(w, h) for w, h in sizes if h > w]
    landscape = [(w, h) for w, h in sizes if w > h]
    assert portrait and landscape
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
