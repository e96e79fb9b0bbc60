"""Spreadsheets: one CSV per activity table, reopened with the csv module: a byte-order
mark, the headers, the record's privacy rules, and no cell a spreadsheet would run."""

from __future__ import annotations

import codecs
import copy
import csv
import os
import stat
from pathlib import Path

import pytest

from tests.unit.test_export_privacy import ALWAYS_HIDDEN, _snapshot
from workshop.export import ExportOptions, TargetExists, TargetRefused, export_spreadsheets, privacy_report
from workshop.export.spreadsheet import FORMULA_START, build_sheets, neutralise

SHEETS = ["hopes-and-fears", "expertise", "job-description-criteria", "job-description-wording", "dual-roles",
          "concerns", "actions", "notes"]


def read(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return list(csv.reader(handle))


def everything(paths: list[Path]) -> str:
    return "\n".join(p.read_bytes().decode("utf-8-sig") for p in paths)


def export(snapshot: dict, folder: Path, names: bool = False, lived: bool = False, **kw) -> list[Path]:
    folder.mkdir(exist_ok=True)
    return export_spreadsheets(snapshot, folder, ExportOptions("csv", names, lived), **kw)


def test_one_csv_per_activity_table_with_a_bom_and_headers(tmp_path: Path):
    snap = _snapshot()
    before = copy.deepcopy(snap)
    paths = export(snap, tmp_path / "out")
    assert snap == before
    stem = paths[0].name[: -len("-hopes-and-fears.csv")]
    assert [p.name for p in paths] == [f"{stem}-{name}.csv" for name in SHEETS]
    for path in paths:
        assert path.read_bytes().startswith(codecs.BOM_UTF8)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        rows = read(path)
        assert rows and all(len(row) == len(rows[0]) for row in rows)
    assert read(paths[0])[0] == ["Hope or fear", "What was said", "Theme", "Votes", "Said by (role)"]
    concerns = read(paths[SHEETS.index("concerns")])
    assert concerns[0] == ["Concern", "Category", "Raised by (role)", "Raised in", "Response", "Status", "Owner", "Due"]
    assert len(concerns) > 1
    actions = read(paths[SHEETS.index("actions")])
    assert actions[0][:2] == ["Stage", "Action"]
    owner_check = next(row for row in actions if row[1] == "Owner check")
    assert owner_check[4] == "2027-01-01"  # dates as YYYY-MM-DD, which spreadsheets sort


@pytest.mark.parametrize("names, lived", [(False, False), (True, False), (False, True), (True, True)])
def test_the_records_privacy_rules_hold(tmp_path: Path, names: bool, lived: bool):
    text = everything(export(_snapshot(), tmp_path / "out", names, lived))
    for marker in ALWAYS_HIDDEN + ["LIVEDDEFAULT7Q", "HOLDERPRIV7Q", "NAMEDECLINED7Q"]:
        assert marker not in text, marker
    assert ("LIVEDSHARED7Q" in text) == lived  # personal experience: marked shareable AND asked for
    assert ("NAMEAGREED7Q" in text) == names  # names: consent AND asked for
    assert "PROFSHOWN7Q" in text and "HELDBYNAME7Q" in text


def test_a_non_consenting_name_and_a_private_lived_entry_are_absent(tmp_path: Path):
    snap = {"workshop": {"id": "w", "title": "Riverside day", "date": "2026-12-03"},
            "participants": [{"id": "p1", "name": "Morag Ellison", "role": "Nurse", "name_in_record": False},
                             {"id": "p2", "name": "Ade Okafor", "role": "Nurse", "name_in_record": True}],
            "expertise": [{"id": "e1", "source": "lived", "text": "My own time in hospital", "in_record": False},
                          {"id": "e2", "source": "lived", "text": "Shared on purpose", "in_record": True}],
            "concerns": [{"id": "c1", "text": "Morag Ellison worries about cover", "status": "open",
                          "owner": "Morag"}]}
    text = everything(export(snap, tmp_path / "out", names=True, lived=True))
    assert "Morag" not in text and "Ellison" not in text
    assert "My own time in hospital" not in text
    assert "Shared on purpose" in text
    report = privacy_report(snap, ExportOptions("csv", True, True))
    assert report.names_replaced == 2


def test_formulas_are_neutralised(tmp_path: Path):
    snap = {"workshop": {"id": "w", "title": "=HYPERLINK(\"http://x\")", "date": "2026-12-03"},
            "hopes_fears": [{"id": f"h{n}", "kind": "hope", "text": text, "theme": "+theme"}
                            for n, text in enumerate(["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=tab", "\r=cr",
                                                      "plain = fine", " =leading space"])]}
    paths = export(snap, tmp_path / "out")
    rows = read(paths[0])[1:]
    # A typed CR is a line end by the time the record's cleaning is done; a CR that reached
    # a cell would be neutralised too (below).
    assert [row[1] for row in rows] == ["'=1+1", "'+SUM(A1)", "'-2+3", "'@cmd", "'\t=tab", "\n=cr",
                                        "plain = fine", " =leading space"]
    assert {row[2] for row in rows} == {"'+theme"}
    for path in paths:
        for row in read(path):
            for cell in row:
                assert not cell.startswith(FORMULA_START), (path.name, cell)
    assert neutralise(None) == "" and neutralise(3) == "3" and neutralise("\r=cr") == "'\r=cr"


def test_sheets_are_built_without_writing(tmp_path: Path):
    sheets, report = build_sheets(_snapshot(), ExportOptions("csv"))
    assert [s.name for s in sheets] == SHEETS and report.include_names is False


def test_existing_files_are_refused_unless_forced_or_numbered(tmp_path: Path):
    snap = _snapshot()
    first = export(snap, tmp_path / "out")
    first[3].write_bytes(b"a coordinator's own edits")
    with pytest.raises(TargetExists):
        export(snap, tmp_path / "out")
    assert first[3].read_bytes() == b"a coordinator's own edits"
    second = export(snap, tmp_path / "out", free_names=True)
    assert all(p.name.endswith("-2.csv") for p in second) and first[3].read_bytes() == b"a coordinator's own edits"
    export(snap, tmp_path / "out", overwrite=True)
    assert first[3].read_bytes().startswith(codecs.BOM_UTF8)


def test_the_export_guard_refuses_a_workshop_in_the_way(tmp_path: Path):
    snap = _snapshot()
    out = tmp_path / "out"
    out.mkdir()
    stem = export(snap, tmp_path / "probe")[0].name[: -len("-hopes-and-fears.csv")]
    (out / f"{stem}-concerns.csv").mkdir()  # a folder where a file would go
    with pytest.raises(TargetRefused):
        export(snap, out, overwrite=True)
    assert sorted(os.listdir(out)) == [f"{stem}-concerns.csv"]  # nothing written: all or none
