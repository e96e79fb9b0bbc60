"""The neutral record: ordering, counts and fallbacks, before any writer sees it."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import workshop.export.labels as labels_module
from workshop.export import ExportOptions
from workshop.export.blocks import Bars, GroupRow, Heading, Para, Table
from workshop.export.record import build_record

_BENCH = Path(__file__).resolve().parents[2] / "bench" / "make_workshop.py"
_spec = importlib.util.spec_from_file_location("make_workshop_for_record", _BENCH)
make_workshop = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_workshop)

NOW = datetime(2026, 12, 4, 12, 0, tzinfo=timezone.utc)


def _section(record, key):
    return next(s for s in record.sections if s.key == key)


def _tables(section) -> list[Table]:
    return [i for i in section.items if isinstance(i, Table)]


def test_sections_in_order_with_anchors():
    record = build_record(make_workshop.make_sample_snapshot(), ExportOptions(), now=NOW)
    assert [s.key for s in record.sections] == [
        "cover", "contents", "summary", "opening", "hopes_fears", "expertise", "job_description", "dual_roles", "concerns",
        "action_plan", "sources"]
    assert [s.key for s in record.sections if s.landscape] == ["dual_roles", "concerns", "action_plan"]
    assert [s.key for s in record.sections if s.starts_page] == ["contents"]
    for s in record.sections[2:]:
        first = s.items[0]
        assert isinstance(first, Heading) and first.level == 1 and first.anchor == f"sec_{s.key}"


def test_summary_counts_and_coming_up():
    snap = make_workshop.make_snapshot(400, seed=3)
    record = build_record(snap, ExportOptions(include_lived=True), now=NOW)
    summary = _section(record, "summary")
    coming, themes, open_concerns, counts = _tables(summary)
    rows = {r[0]: r for r in counts.rows}
    assert [r[0] for r in themes.rows if r[0]] == ["Hopes", "Fears"] and len(themes.rows) == 6
    hopes = sum(r["kind"] == "hope" for r in snap["hopes_fears"])
    assert rows["Hopes and fears"][1].startswith(f"{hopes} hope")
    assert rows["Action plan"][1] == f"{len(snap['actions'])} actions"
    unresolved = [c for c in snap["concerns"] if c["status"] != "resolved"]
    assert f"({len(unresolved)} not yet resolved)" in rows["Concerns log"][1]
    assert len(open_concerns.rows) == 10 and len(coming.rows) == 10
    notes = [i.text for i in summary.items if isinstance(i, Para) and i.style == "note"]
    assert f"{len(unresolved) - 10} more in the concerns log." in notes
    dates = [datetime.strptime(r[2], "%d %b %Y") for r in coming.rows]
    assert dates == sorted(dates)


def test_action_plan_grouped_by_stage_with_unknown_stages_last():
    record = build_record(make_workshop.make_sample_snapshot(), ExportOptions(), now=NOW)
    section = _section(record, "action_plan")
    headings = [i.text for i in section.items if isinstance(i, Heading) and i.level == 2]
    # A stage with no actions is left out rather than shown empty.
    assert headings == ["Preparation and planning", "Recruitment", "Supporting peer workers", "Other actions"]
    assert section.shown == 4


def test_expertise_balance_marks_lived_experience_as_not_shared_when_off():
    record = build_record(make_workshop.make_sample_snapshot(), ExportOptions(), now=NOW)
    bars = next(i for i in _section(record, "expertise").items if isinstance(i, Bars))
    assert [(b.count, b.remark) for b in bars.rows] == [(2, ""), (None, "Not included in this record"), (1, "")]
    on = build_record(make_workshop.make_sample_snapshot(), ExportOptions(include_lived=True), now=NOW)
    bars = next(i for i in _section(on, "expertise").items if isinstance(i, Bars))
    # One shared entry of personal experience: shown as a small number, not exactly.
    assert [(b.count, b.remark) for b in bars.rows] == [(2, ""), (None, "Fewer than 3"), (1, "")]


def test_hopes_group_rows_lead_each_theme():
    record = build_record(make_workshop.make_sample_snapshot(), ExportOptions(), now=NOW)
    hopes = _tables(_section(record, "hopes_fears"))[0]
    groups = [r.label for r in hopes.rows if isinstance(r, GroupRow)]
    assert groups == ["Culture (2 hopes, 6 votes)", "Hope (1 hope, 6 votes)", "No theme (1 hope, 0 votes)"]


def test_optional_columns_nobody_filled_are_left_out():
    snap = {"workshop": {"title": "T"}, "concerns": [{"id": "c", "text": "x", "status": "open"}],
            "dual_roles": [{"id": "d", "situation": "s", "position": 0}]}
    record = build_record(snap, ExportOptions(), now=NOW)
    concern_cols = [c.title for c in _tables(_section(record, "concerns"))[0].columns]
    assert "Category" not in concern_cols and "Raised" not in concern_cols and "Owner" in concern_cols
    dual_cols = [c.title for c in _tables(_section(record, "dual_roles"))[0].columns]
    assert "Universal or tailored; policy" not in dual_cols


def test_without_content_labels_the_record_still_builds(monkeypatch):
    monkeypatch.setattr(labels_module, "_call", lambda name: None)
    record = build_record(make_workshop.make_sample_snapshot(), ExportOptions(), now=NOW)
    titles = [s.title for s in record.sections]
    assert "Hopes and fears" in titles and "Action plan" in titles
    criteria = _tables(_section(record, "job_description"))[0]
    assert ("hear_me.hope", "Met", "Clear on hope") in criteria.rows  # key shown as itself
    sources = _section(record, "sources")
    assert any("could not be read" in i.text for i in sources.items if isinstance(i, Para))


def test_properties_come_from_the_workshop():
    props = build_record({"workshop": {"title": "T", "organisation": "Org", "created_at": "2026-01-02T03:04:05Z"}},
                         ExportOptions(), now=NOW).properties
    assert props.author == "Org" and props.created == datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    assert props.modified == NOW


def test_record_building_needs_no_word_library():
    code = ("import sys, workshop.export.record as r\n"
            "assert 'docx' not in sys.modules and 'lxml' not in sys.modules, sorted(sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
