"""A synthetic, realistic-looking workshop snapshot for benchmarks (format v1 shape).

    from bench.make_workshop import make_snapshot
    snap = make_snapshot(n_items=2000, seed=0)

Deterministic for a given seed. Items are spread over the tables roughly as a very busy
day would spread them; every string is plausible prose of varied length.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, timedelta, timezone

_WORDS = (
    "peer support team recovery hope trust supervision boundaries role worker service people "
    "wellbeing training induction policy review record share experience listen agree plan "
    "confidential referral community group time budget band manager colleague mentor values "
    "honest open change culture language strengths future connection meaning identity choice "
    "empowerment mutual learning support space safe respect access travel timing evidence "
    "outcome evaluation career network pay hours contract interview panel readiness offer"
).split()

# (table, share of n_items)
_SHARES = (
    ("hopes_fears", 0.25), ("expertise", 0.15), ("jd_checks", 0.05), ("jd_flags", 0.03),
    ("jd_compromise", 0.01), ("dual_roles", 0.02), ("concerns", 0.15), ("actions", 0.3),
    ("notes", 0.02), ("participants", 0.02),
)
_THEMES = ["Support", "Culture", "Role drift", "Boundaries", "Hope", "Connection", "Pay", None]
_ROLES = ["Team manager", "Nurse", "Social worker", "Psychologist", "Occupational therapist",
          "Psychiatrist", "Support worker", "Administrator", "Peer worker (visiting)"]
_CRITERIA = ["hear_me.hope", "hear_me.experience", "hear_me.authenticity", "hear_me.responsibility",
             "hear_me.mutuality", "hear_me.empowerment", "components.intentional_sharing",
             "components.mutual_relationships", "cm_principles.core_principles", "cm_principles.room_to_grow",
             "person_spec.knowledge_experience", "person_spec.values_attitudes"]
_SIGNS = ["indistinguishable", "cost_or_cast_offs", "band_too_low", "induction_by_band",
          "fixed_duties", "every_committee", "hr_not_briefed"]


def make_snapshot(n_items: int = 2000, seed: int = 0) -> dict:
    rng = random.Random(seed)
    base = datetime(2026, 12, 3, 9, 0, tzinfo=timezone.utc)
    clock = [0]

    def stamp() -> str:
        clock[0] += 1
        return (base + timedelta(seconds=7 * clock[0])).isoformat().replace("+00:00", "Z")

    def text(lo: int, hi: int) -> str:
        words = [rng.choice(_WORDS) for _ in range(rng.randint(lo, hi))]
        return " ".join(words).capitalize() + "."

    def day() -> str | None:
        return None if rng.random() < 0.2 else (date(2027, 1, 1) + timedelta(days=rng.randint(0, 300))).isoformat()

    def rec(**fields) -> dict:
        now = stamp()
        return {"id": uuid.UUID(int=rng.getrandbits(128)).hex, "created_at": now, "updated_at": now, **fields}

    counts = {t: max(1, round(n_items * share)) for t, share in _SHARES}
    counts["actions"] += n_items - sum(counts.values()) - 3  # the three job descriptions below
    jds = [rec(title=f"Peer Support Worker draft {i + 1}", text=text(300, 600), imported_from=f"jd_v{i}.docx")
           for i in range(3)]
    snap: dict = {
        "workshop": rec(schema_version=1, title="Riverside CMHT team day (benchmark)", team="Riverside CMHT",
                        organisation="Riverside NHS Foundation Trust", date="2026-12-03",
                        venue="The Boathouse, Room 2", facilitators=["Morag Ellison", "Dev Okafor"],
                        role_title="Peer Support Worker", current_activity="action_plan",
                        timeboxes={"hopes_fears": 30}),
        "participants": [rec(name=f"Person {i}", role=rng.choice(_ROLES), name_in_record=rng.random() < 0.5)
                         for i in range(counts["participants"])],
        "hopes_fears": [rec(kind=rng.choice(("hope", "fear")), text=text(6, 30), theme=rng.choice(_THEMES),
                            votes=rng.randint(0, 8), author_role=rng.choice(_ROLES + [None]),
                            about=rng.choice(("people", "peer_workers", "team", "organisation", None)))
                        for _ in range(counts["hopes_fears"])],
        "expertise": [rec(source=(src := rng.choice(("life", "lived", "professional"))), text=text(3, 15),
                          holder=rng.choice((None, "Person 1", "Person 2")),
                          in_record=src != "lived" or rng.random() < 0.5)
                      for _ in range(counts["expertise"])],
        "job_descriptions": jds,
        "jd_checks": [rec(jd_id=rng.choice(jds)["id"], criterion=rng.choice(_CRITERIA),
                          status=rng.choice(("met", "partly", "not_met", "not_discussed")), note=text(4, 25))
                      for _ in range(counts["jd_checks"])],
        "jd_flags": [rec(jd_id=rng.choice(jds)["id"], phrase=text(1, 4), reason=text(5, 15),
                         suggestion=text(2, 8), state=rng.choice(("open", "accepted", "dismissed")))
                     for _ in range(counts["jd_flags"])],
        "jd_compromise": [rec(jd_id=rng.choice(jds)["id"], sign=rng.choice(_SIGNS), present=rng.random() < 0.4,
                              note=text(3, 12)) for _ in range(counts["jd_compromise"])],
        "dual_roles": [rec(situation=text(5, 12), challenge=text(10, 30), action_plan=text(10, 35),
                           owner=rng.choice(_ROLES), due=day(), preset=i < 6, position=i,
                           scope=rng.choice(("universal", "tailored", None)), policy=text(1, 4))
                       for i in range(counts["dual_roles"])],
        "concerns": [rec(text=text(6, 25), category=rng.choice(("becoming_unwell", "boundaries", "other", None)),
                         raised_by_role=rng.choice(_ROLES + [None]), raised_how=rng.choice(("group", "individual")),
                         response=text(10, 45), status=rng.choice(("open", "in_progress", "resolved")),
                         owner=rng.choice(_ROLES), due=day(), from_fear=None)
                     for _ in range(counts["concerns"])],
        "actions": [rec(stage=rng.choice(("preparation", "recruitment", "support", "sustaining")),
                        task=text(2, 5), what=text(8, 30), who=rng.choice(_ROLES), by_when=day(),
                        outcome=text(0, 12) if rng.random() < 0.5 else "", source=None)
                    for _ in range(counts["actions"])],
        "notes": [rec(activity=rng.choice(("hopes_fears", "expertise", "job_description", "dual_roles",
                                           "concerns", "action_plan")),
                      kind="discussion",
                      text=f"## {text(2, 4)}\n\n{text(20, 60)} **{text(2, 4)}** *{text(2, 4)}*\n\n"
                           f"- {text(4, 10)}\n- {text(4, 10)}\n\n1. {text(3, 8)}\n2. {text(3, 8)}\n\n"
                           f"> {text(5, 15)}\n\nSee [the guidance](https://example.org/guide).")
                  for _ in range(counts["notes"])],
    }
    return snap


def make_sample_snapshot() -> dict:
    """A small hand-written workshop that touches every table and the awkward cases:
    tombstones, consent on and off, shareable and private lived experience, unknown
    criteria, stages and extra fields, out-of-order positions and Markdown notes."""
    n = [0]

    def rec(**fields) -> dict:
        n[0] += 1
        return {"id": f"id{n[0]:04d}", "created_at": "2026-12-03T09:00:00Z",
                "updated_at": "2026-12-03T09:00:00Z", **fields}

    jd = rec(title="Peer Support Worker, Band 4", text="Draft text.", imported_from="C:\\Users\\jo\\jd v2.docx")
    fear = rec(kind="fear", text="Being on their own in a big team", theme="Support", votes=4,
               author_role="Nurse", about="peer_workers")
    return {
        "workshop": rec(schema_version=1, title="Riverside CMHT team day", team="Riverside CMHT",
                        organisation="Riverside NHS Foundation Trust", date="2026-12-03",
                        venue="The Boathouse", facilitators=["Morag Ellison", "Dev Okafor"],
                        role_title="Peer Support Worker", current_activity="concerns",
                        timeboxes={"hopes_fears": 30}, extra_field="ignored"),
        "participants": [
            rec(name="Sam Whitford", role="Team manager", name_in_record=True),
            rec(name="Alex Private", role="Nurse", name_in_record=False),
            rec(name="", role="Nurse", name_in_record=False),
            rec(name="Jo Visiting", role="Visiting peer worker", name_in_record=True),
            {"id": "gone1", "deleted_at": "2026-12-03T10:00:00Z"},
        ],
        "hopes_fears": [
            rec(kind="hope", text="Less 'them and us'", theme="Culture", votes=5, author_role="Nurse", about="team"),
            rec(kind="hope", text="Recovery is visible", theme="Hope", votes=6, author_role=None, about="people"),
            rec(kind="hope", text="More community links", theme=None, votes=0, author_role=None, about=None),
            rec(kind="hope", text="A culture of learning", theme="culture", votes=1, author_role=None, about=None),
            fear,
            rec(kind="fear", text="Tick-box exercise", theme="Role drift", votes=2, author_role=None, about=None),
            {"id": "gone2", "deleted_at": "2026-12-03T10:00:00Z"},
        ],
        "expertise": [
            rec(source="life", text="Fluent in Polish", holder="Sam Whitford", in_record=True),
            rec(source="life", text="Allotment", holder="Alex Private", in_record=True),
            rec(source="professional", text="CBT skills", holder=None, in_record=True),
            rec(source="lived", text="Caring for a family member", holder=None, in_record=True),
        ],
        "job_descriptions": [jd],
        "jd_checks": [
            rec(jd_id=jd["id"], criterion="hear_me.hope", status="met", note="Clear on hope"),
            rec(jd_id=jd["id"], criterion="hear_me:mutuality", status="partly", note="Needs work"),
            rec(jd_id=jd["id"], criterion="made_up.thing", status="not_met", note="Unknown criterion"),
        ],
        "jd_flags": [
            rec(jd_id=jd["id"], phrase="patients", reason="Clinical label", suggestion="people we support",
                state="accepted"),
            rec(jd_id=jd["id"], phrase="manage caseload", reason="Clinical", suggestion="walk alongside",
                state="dismissed"),
            rec(jd_id=jd["id"], phrase="suffering from", reason="Deficit", suggestion="living with", state="open"),
        ],
        "jd_compromise": [
            rec(jd_id=jd["id"], sign="band_too_low", present=True, note="Band 3 in draft"),
            rec(jd_id=jd["id"], sign="indistinguishable", present=False, note=""),
        ],
        "dual_roles": [
            rec(situation="Working with colleagues who supported them", challenge="Role confusion",
                action_plan="Team session", owner="Alex Private", due="2027-01-31", preset=True, position=5,
                scope="tailored", policy="Supervision"),
            rec(situation="Working in a service they used", challenge="Old records",
                action_plan="Restrict access", owner="Sam Whitford", due=None, preset=True, position=0,
                scope="universal", policy="Records"),
        ],
        "concerns": [
            rec(text="Set up to fail without supervision", category="stress_triggers", raised_by_role="Nurse",
                raised_how="group", response="Monthly peer supervision", status="in_progress",
                owner="Team manager", due="2027-01-15", from_fear=fear["id"]),
            rec(text="Pulled into the duty rota", category=None, raised_by_role=None, raised_how="individual",
                response="", status="open", owner="", due=None, from_fear=None),
            rec(text="What if they become unwell", category="becoming_unwell", raised_by_role="Psychiatrist",
                raised_how=None, response="Same policies as everyone", status="resolved", owner="Sam Whitford",
                due=None, from_fear=None),
        ],
        "actions": [
            rec(stage="preparation", task="Job description", what="Revise the draft", who="Sam Whitford",
                by_when="2027-01-10", outcome="", source="concern:x"),
            rec(stage="recruitment", task="Interview panel", what="Invite a person with lived experience",
                who="Alex Private", by_when="2027-02-01", outcome="", source=None),
            rec(stage="support", task="Induction", what="Peer-specific induction", who="Team manager",
                by_when=None, outcome="", source=None),
            rec(stage="someday", task="Celebrate", what="Party", who="Everyone", by_when=None, outcome="",
                source=None),
        ],
        "notes": [
            rec(activity="hopes_fears", kind="discussion",
                text="Jo talked about her first year:\n\n- the team *asked* her\n- a second peer worker helped\n\n"
                     "The strongest theme was **support**. See [the framework](https://example.org/framework)."),
            rec(activity="expertise", kind="gaps", text="Nobody speaks **Urdu**; nobody under 25."),
            rec(activity="expertise", text="## Balance\n\nMostly professional.\n\n> A quote\n\n```\ncode line\n```"),
            rec(activity="job_description", kind="discussion",
                text="1. Remove caseload\n2. Add intentional sharing\n\n| Change | Who |\n|---|---|\n| Band | HR |"),
            rec(activity="concerns", kind="discussion", text="Revisit at six months."),
        ],
        "some_future_table": [rec(anything="ignored")],
    }


if __name__ == "__main__":
    snap = make_snapshot()
    print({k: len(v) for k, v in snap.items() if isinstance(v, list)})
