"""The demo workshop shows the day as it would be: hurdles filed where they belong, and a
job-description review that has been worked through."""

from __future__ import annotations

from pathlib import Path

from workshop import content
from workshop.demo import create_demo
from workshop.jd.check import check_wording, flag_identity, group_flags
from workshop.jd.review import ReviewData
from workshop.store import Session


def test_the_demo_files_the_duty_rota_under_role_drift() -> None:
    demo = content.demo_workshop()
    rota = next(c for c in demo["concerns"] if "duty rota" in c["text"])
    assert rota["category"] == "role_drift"
    keys = {c["key"] for c in content.concern_library()}
    assert all(c["category"] in keys | {"other"} for c in demo["concerns"])
    peerness = next(a for a in demo["actions"] if a["task"] == "Maintaining peerness")
    assert "peer lead" in peerness["who"].casefold()


def test_the_demo_flags_are_what_the_check_finds_in_the_demo_draft() -> None:
    demo = content.demo_workshop()
    text = demo["job_descriptions"][0]["text"]
    found = {g.identity for g in group_flags(check_wording(text))}
    saved = {flag_identity(f["phrase"], f["reason"]) for f in demo["jd_flags"]}
    assert saved == found
    assert {f["state"] for f in demo["jd_flags"]} == {"open", "accepted", "dismissed"}


def test_the_demo_review_opens_with_ratings_flags_and_signs(tmp_path: Path) -> None:
    path = create_demo(tmp_path)
    session = Session.open(path)
    try:
        draft = session.records("job_descriptions")[0]
        data = ReviewData(session)
        data.load()
        assert data.groups_for(draft)
        checks = [r for r in session.records("jd_checks") if r["jd_id"] == draft["id"]]
        signs = [r for r in session.records("jd_compromise") if r["jd_id"] == draft["id"]]
        flags = [r for r in session.records("jd_flags") if r["jd_id"] == draft["id"]]
        assert len(checks) >= 8 and {c["status"] for c in checks} >= {"met", "partly", "not_met"}
        criteria = {f"{g['key']}:{i['key']}" for g in content.jd_criteria() for i in g["items"]}
        assert {c["criterion"] for c in checks} <= criteria
        signs_known = {s["key"] for s in content.compromise_signs()}
        assert signs and {s["sign"] for s in signs} <= signs_known
        assert len(flags) == len(content.demo_workshop()["jd_flags"])
    finally:
        session.close()


def test_becoming_unwell_carries_the_sickness_absence_point() -> None:
    library = {c["key"]: c for c in content.concern_library()}
    assert any("sickness absence" in g for g in library["becoming_unwell"]["gist"])
    assert not any("sickness absence" in g for g in library["referral_reluctance"]["gist"])


def test_the_hurdles_are_in_the_library_with_ways_through() -> None:
    library = {c["key"]: c for c in content.concern_library()}
    hurdles = [c for c in library.values() if c["group"] == "hurdles"]
    assert {"working_alone", "speaking_up", "overwork", "career_ladder", "staff_trust", "peer_focus",
            "role_drift"} <= {c["key"] for c in hurdles}
    assert library["role_drift"]["label"] == "Role drift"
    assert all(len(c["gist"]) >= 2 for c in hurdles)
    assert {"key": "role_drift", "label": "Role drift"} in content.concern_categories()
