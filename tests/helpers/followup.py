"""An earlier workshop to follow up, with something of every kind to carry (or not)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workshop.store import Session

EARLIER_DATE = "2026-12-03"
FOLLOWUP_DATE = "2027-02-01"


def build_earlier(path: Path, **fields: Any) -> dict[str, dict[str, Any]]:
    """Create and close the earlier workshop; returns its records by a short name."""
    fields.setdefault("title", "Riverside CMHT team day")
    fields.setdefault("team", "Riverside CMHT")
    fields.setdefault("organisation", "Riverside NHS Foundation Trust")
    fields.setdefault("venue", "The Boathouse")
    fields.setdefault("facilitators", ["Morag Ellison"])
    fields.setdefault("role_title", "Peer Support Practitioner")
    fields.setdefault("date", EARLIER_DATE)
    fields.setdefault("timeboxes", {"hopes_fears": 50, "expertise": 40, "job_description": 60,
                                    "dual_roles": 45, "concerns": 45, "action_plan": 30})
    fields.setdefault("template", {"name": "Riverside trust template", "extras": {"prompts": ["Who?"]}})
    out: dict[str, dict[str, Any]] = {}
    with Session.create(path, **fields) as session:
        session.insert_many("participants", [
            {"name": "Sam Whitford", "role": "Team manager", "name_in_record": True},
            {"name": "Priya Shah", "role": "Psychologist", "name_in_record": False},
            {"name": "", "role": "Occupational therapist"},
        ])
        out["fear"] = session.insert("hopes_fears", kind="fear", text="Without supervision we set them up to fail.")
        concerns = session.insert_many("concerns", [
            {"text": "Without supervision we set them up to fail.", "status": "open", "owner": "Priya Shah",
             "due": "2027-01-15", "response": "Monthly peer supervision from the Peer Lead.",
             "from_fear": out["fear"]["id"], "raised_by_role": "Nurse", "category": "stress_triggers"},
            {"text": "The post being pulled into the duty rota.", "status": "in_progress", "owner": "Sam Whitford",
             "due": "2026-12-20"},
            {"text": "Peer workers will become unwell.", "status": "resolved", "owner": "Sam Whitford"},
        ])
        out.update(c_open=concerns[0], c_progress=concerns[1], c_resolved=concerns[2])
        dual = session.insert_many("dual_roles", [
            {"situation": "Working in a service they used", "challenge": "Old notes on the same system",
             "action_plan": "Ask records to restrict access", "owner": "Sam Whitford", "due": "2027-01-10",
             "preset": True, "position": 0},
            {"situation": "Colleagues who supported them", "challenge": "Knowing their history", "position": 1},
            {"situation": "Using the service in future", "owner": "Priya Shah", "position": 2},
        ])
        out.update(d_plan=dual[0], d_none=dual[1], d_owner=dual[2])
        actions = session.insert_many("actions", [
            {"task": "Supervision arrangements", "who": "Priya Shah", "by_when": "2027-01-10",
             "source": f"concern:{concerns[0]['id']}", "stage": "support"},
            {"task": "Wellbeing plan for everyone", "who": "Sam Whitford", "by_when": "2027-01-15",
             "source": f"concern:{concerns[2]['id']}"},
            {"task": "Records access", "who": "Sam Whitford", "by_when": "2027-01-20",
             "source": f"dual_role:{dual[0]['id']}"},
            {"task": "Recruitment panel", "who": "Team manager", "by_when": "2027-03-01", "stage": "recruitment"},
            {"task": "Job description wording", "source": "jd_flag:0123"},
            {"task": "Newsletter item", "who": "Sam Whitford", "by_when": "2027-01-05"},
        ])
        out.update(a_concern=actions[0], a_resolved=actions[1], a_dual=actions[2], a_free=actions[3],
                   a_flag=actions[4], a_drop=actions[5])
        session.insert("notes", activity="concerns", text="We ran out of time on the last two.")
        out["workshop"] = session.workshop()
    return out
