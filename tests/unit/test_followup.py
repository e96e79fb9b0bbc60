"""Follow-up reviews: what is carried, the links kept, the review's changes, chains."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest

from tests.helpers.followup import EARLIER_DATE, FOLLOWUP_DATE, build_earlier
from tests.helpers.sessions import fingerprint
from workshop import content, followup, model
from workshop.history import History
from workshop.store import (
    SaveError,
    Session,
    SessionFileError,
    StoreError,
    activity_counts,
    read_session_file,
    summarise,
)


@pytest.fixture
def earlier(tmp_path: Path) -> tuple[Path, dict]:
    path = tmp_path / "riverside.json"
    return path, build_earlier(path)


def _make(earlier_path: Path, on: str = FOLLOWUP_DATE) -> Path:
    return followup.create_followup(earlier_path, earlier_path.parent, on=on)


def _by_origin(session: Session, table: str) -> dict[str, dict]:
    return {r["carried_from"]: r for r in session.records(table)}


# --- carrying over ----------------------------------------------------------------------------


def test_the_earlier_file_is_only_read(earlier):
    path, _ = earlier
    before = fingerprint(path)
    backup = path.with_name(path.name + ".bak")
    backup_before = fingerprint(backup)
    _make(path)
    assert fingerprint(path) == before
    assert fingerprint(backup) == backup_before
    assert not path.with_name(path.name + ".lock").exists()


def test_the_new_workshop_follows_the_earlier_one(earlier):
    path, made = earlier
    new = _make(path)
    assert new.parent == path.parent and new.name == "riverside-cmht-team-day-follow-up-on-1-feb-2027.json"
    assert stat.S_IMODE(new.stat().st_mode) == 0o600
    assert not new.with_name(new.name + ".lock").exists()
    with Session.open(new, read_only=True) as session:
        ws = session.workshop()
    assert ws["title"] == "Riverside CMHT team day: follow-up on 1 Feb 2027"
    assert ws["date"] == FOLLOWUP_DATE and ws["current_activity"] == "review"
    for name in ("team", "organisation", "venue", "facilitators", "role_title", "template"):
        assert ws[name] == made["workshop"][name], name
    assert ws["timeboxes"] == {**made["workshop"]["timeboxes"], "review": content.review_activity().minutes}
    follows = ws["follows"]
    assert {k: follows[k] for k in ("id", "title", "date", "file", "round")} == {
        "id": made["workshop"]["id"], "title": "Riverside CMHT team day", "date": EARLIER_DATE,
        "file": "riverside.json", "round": 1}
    assert (follows["concerns"], follows["concerns_open"], follows["concerns_in_progress"],
            follows["concerns_resolved"], follows["actions"], follows["dual_roles"]) == (3, 1, 1, 1, 6, 3)
    assert (follows["carried_concerns"], follows["carried_dual_roles"], follows["carried_actions"]) == (2, 2, 6)
    assert follows["participant_names"] == ["Sam Whitford", "Priya Shah"]
    assert follows["participant_roles"] == ["Team manager", "Psychologist"]
    assert follows["participants_named"] == ["Sam Whitford"]


def test_open_and_in_progress_concerns_are_carried_with_their_words(earlier):
    path, made = earlier
    with Session.open(_make(path), read_only=True) as session:
        concerns = _by_origin(session, "concerns")
        earlier_ids = {r["id"] for r in read_session_file(path)["concerns"].values()}
    assert set(concerns) == {made["c_open"]["id"], made["c_progress"]["id"]}
    carried = concerns[made["c_open"]["id"]]
    for name in ("text", "status", "owner", "due", "response", "raised_by_role", "category"):
        assert carried[name] == made["c_open"][name], name
    assert carried["from_fear"] is None, "the fear stayed behind in the earlier workshop"
    assert carried["id"] not in earlier_ids
    assert carried["created_at"] > made["c_open"]["created_at"]


def test_only_dual_roles_with_a_plan_are_carried(earlier):
    path, made = earlier
    with Session.open(_make(path), read_only=True) as session:
        dual = _by_origin(session, "dual_roles")
    assert set(dual) == {made["d_plan"]["id"], made["d_owner"]["id"]}
    assert dual[made["d_plan"]["id"]]["action_plan"] == "Ask records to restrict access"
    assert dual[made["d_plan"]["id"]]["preset"] is True


def test_every_action_is_carried_and_its_link_follows_the_copy(earlier):
    path, made = earlier
    with Session.open(_make(path), read_only=True) as session:
        actions = _by_origin(session, "actions")
        concerns = _by_origin(session, "concerns")
        dual = _by_origin(session, "dual_roles")
    assert len(actions) == 6
    assert actions[made["a_concern"]["id"]]["source"] == f"concern:{concerns[made['c_open']['id']]['id']}"
    assert actions[made["a_dual"]["id"]]["source"] == f"dual_role:{dual[made['d_plan']['id']]['id']}"
    # Links to what stayed behind are dropped; carried_from still names the origin.
    assert actions[made["a_resolved"]["id"]]["source"] is None
    assert actions[made["a_flag"]["id"]]["source"] is None
    assert actions[made["a_free"]["id"]]["source"] is None
    assert actions[made["a_free"]["id"]]["stage"] == "recruitment"


def test_one_review_per_carried_item_in_walking_order(earlier):
    path, made = earlier
    with Session.open(_make(path), read_only=True) as session:
        rows = followup.reviews(session)
        items = {t: {r["id"]: r for r in session.records(t)} for t in followup.CARRIED_TABLES}
    assert [r["item_table"] for r in rows] == ["concerns"] * 2 + ["dual_roles"] * 2 + ["actions"] * 6
    assert [r["position"] for r in rows] == list(range(10))
    assert all(r["status"] == "not_reviewed" and r["done_on"] is None for r in rows)
    for row in rows:
        item = items[row["item_table"]][row["item_id"]]
        assert item["carried_from"] == row["origin_id"]
    first = rows[0]
    assert first["origin_id"] == made["c_open"]["id"]
    assert first["then"] == {"text": "Without supervision we set them up to fail.", "category": "stress_triggers",
                             "status": "open", "owner": "Priya Shah", "due": "2027-01-15",
                             "response": "Monthly peer supervision from the Peer Lead."}
    action = next(r for r in rows if r["origin_id"] == made["a_concern"]["id"])
    assert action["then"]["task"] == "Supervision arrangements" and action["then"]["by_when"] == "2027-01-10"
    assert "status" not in action["then"], "actions had no status at the day itself"


def test_a_workshop_with_nothing_open_still_makes_a_followup(tmp_path: Path):
    path = tmp_path / "quiet.json"
    with Session.create(path, title="Quiet day", date=EARLIER_DATE) as session:
        session.insert("concerns", text="All worked through", status="resolved")
        session.insert("dual_roles", situation="Nothing planned")
    new = _make(path)
    with Session.open(new, read_only=True) as session:
        assert session.records("reviews") == [] and session.records("concerns") == []
        assert session.workshop()["follows"]["carried_concerns"] == 0


def test_few_saves_for_many_items(tmp_path: Path, monkeypatch):
    path = tmp_path / "busy.json"
    with Session.create(path, title="Busy day") as session:
        session.insert_many("concerns", [{"text": f"Concern {n}"} for n in range(300)])
        session.insert_many("actions", [{"task": f"Action {n}"} for n in range(300)])
    writes = []
    original = Session.insert_many
    monkeypatch.setattr(Session, "insert_many",
                        lambda self, table, items: writes.append(table) or original(self, table, items))
    new = _make(path, on="2027-01-01")
    assert writes == ["concerns", "dual_roles", "actions", "reviews"]
    with Session.open(new, read_only=True) as session:
        assert session.count("reviews") == 600


# --- refusals ----------------------------------------------------------------------------------


@pytest.mark.parametrize("on, words", [
    ("2027-02-30", "is not a date"),
    ("next week", "is not a date"),
    ("2026-11-01", "before the workshop it follows (2026-12-03)"),
])
def test_a_bad_date_is_refused_and_nothing_is_made(earlier, on, words):
    path, _ = earlier
    before = sorted(p.name for p in path.parent.iterdir())
    with pytest.raises(followup.FollowupError, match=re.escape(words)):
        _make(path, on=on)
    assert sorted(p.name for p in path.parent.iterdir()) == before


def test_the_same_day_is_allowed_and_no_date_means_today(earlier, tmp_path: Path):
    path, _ = earlier
    assert _make(path, on=EARLIER_DATE).exists()
    long_ago = tmp_path / "long-ago.json"
    build_earlier(long_ago, date="2020-01-01")
    today = followup.create_followup(long_ago, tmp_path)
    with Session.open(today, read_only=True) as session:
        assert session.workshop()["date"] == followup.date.today().isoformat()


def test_a_bad_earlier_file_is_refused_and_left_alone(tmp_path: Path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"workshop": {"1": {"id": "x", "schema_version": 1, "title": ""}}}')
    before = fingerprint(bad)
    with pytest.raises(SessionFileError):
        followup.create_followup(bad, tmp_path, on=FOLLOWUP_DATE)
    assert fingerprint(bad) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json"]
    with pytest.raises(StoreError, match="There is no workshop file"):
        followup.create_followup(tmp_path / "missing.json", tmp_path, on=FOLLOWUP_DATE)


def test_a_failed_save_half_way_leaves_no_half_made_followup(earlier, monkeypatch):
    path, _ = earlier
    before = sorted(p.name for p in path.parent.iterdir())
    original = Session.insert_many

    def failing(self, table, items):
        if table == "reviews":
            raise SaveError("Not saved: the disk is full.")
        return original(self, table, items)

    monkeypatch.setattr(Session, "insert_many", failing)
    with pytest.raises(SaveError):
        _make(path)
    assert sorted(p.name for p in path.parent.iterdir()) == before


# --- the review ----------------------------------------------------------------------------


@pytest.fixture
def review(earlier):
    path, made = earlier
    session = Session.open(_make(path))
    yield session, History(session), made
    session.close()


def _row(session: Session, origin: str) -> dict:
    return next(r for r in followup.reviews(session) if r["origin_id"] == origin)


def test_a_concern_status_set_in_the_review_is_the_concern_status(review):
    session, history, made = review
    row = _row(session, made["c_open"]["id"])
    followup.set_status(history, row["id"], "resolved")
    assert session.get("reviews", row["id"])["status"] == "resolved"
    assert session.get("concerns", row["item_id"])["status"] == "resolved"
    history.undo()
    assert session.get("reviews", row["id"])["status"] == "not_reviewed"
    assert session.get("concerns", row["item_id"])["status"] == "open"
    history.redo()
    assert session.get("concerns", row["item_id"])["status"] == "resolved"


def test_statuses_are_checked_per_kind(review):
    session, history, made = review
    concern = _row(session, made["c_open"]["id"])
    action = _row(session, made["a_free"]["id"])
    with pytest.raises(followup.FollowupError):
        followup.set_status(history, concern["id"], "done")
    with pytest.raises(followup.FollowupError):
        followup.set_status(history, action["id"], "resolved")
    assert followup.statuses_for("concerns") == ("open", "in_progress", "resolved")
    assert followup.statuses_for("actions") == followup.statuses_for("dual_roles") == (
        "not_started", "in_progress", "done", "dropped")
    for table in followup.CARRIED_TABLES:
        assert set(followup.statuses_for(table)) <= set(model.REVIEW_STATUSES)


def test_done_on_belongs_to_done_items(review):
    session, history, made = review
    action = _row(session, made["a_concern"]["id"])
    with pytest.raises(followup.FollowupError, match="Mark it done first"):
        followup.set_done_on(history, action["id"], "2027-01-08")
    followup.set_status(history, action["id"], "done")
    followup.set_done_on(history, action["id"], " 2027-01-08 ")
    assert session.get("reviews", action["id"])["done_on"] == "2027-01-08"
    with pytest.raises(ValueError, match="is not a date"):
        followup.set_done_on(history, action["id"], "8th Jan")
    followup.set_status(history, action["id"], "in_progress")
    assert session.get("reviews", action["id"])["done_on"] is None, "no longer done: no done date"
    history.undo()
    restored = session.get("reviews", action["id"])
    assert (restored["status"], restored["done_on"]) == ("done", "2027-01-08")


def test_what_changed_and_what_next_are_saved_and_undone(review):
    session, history, made = review
    row = _row(session, made["d_plan"]["id"])
    followup.set_text(history, row["id"], "changed", "Records agreed to restrict access.\n")
    followup.set_text(history, row["id"], "next", "Check it with the new peer worker.")
    saved = session.get("reviews", row["id"])
    assert (saved["changed"], saved["next"]) == ("Records agreed to restrict access.",
                                                 "Check it with the new peer worker.")
    history.undo()
    assert session.get("reviews", row["id"])["next"] == ""
    with pytest.raises(KeyError):
        followup.set_text(history, row["id"], "status", "x")


def test_a_review_whose_item_was_deleted_still_records_status(review):
    session, history, made = review
    row = _row(session, made["c_progress"]["id"])
    session.delete("concerns", row["item_id"])
    assert followup.item_of(session, row) is None
    followup.set_status(history, row["id"], "resolved")
    assert session.get("reviews", row["id"])["status"] == "resolved"


def test_progress_and_the_agenda_count(review):
    session, history, made = review
    assert followup.progress(followup.reviews(session)) == (0, 10)
    followup.set_status(history, _row(session, made["a_free"]["id"])["id"], "in_progress")
    assert followup.progress(followup.reviews(session)) == (1, 10)
    assert activity_counts(session.db.storage.read())["review"] == 1
    summary = summarise(session.path)
    assert summary.follows == "Riverside CMHT team day"


def test_an_ordinary_workshop_has_no_review_count(earlier):
    path, _ = earlier
    assert "review" not in activity_counts(read_session_file(path))
    assert summarise(path).follows is None


def test_then_lines_read_as_words(review):
    session, _history, made = review
    row = _row(session, made["c_open"]["id"])
    lines = dict(followup.then_lines(row))
    assert lines["Concern"] == "Without supervision we set them up to fail."
    assert lines["Status"] == "Open" and lines["By when"] == "15 Jan 2027" and lines["Owner"] == "Priya Shah"


# --- a chain: the follow-up of a follow-up -----------------------------------------------------


def test_following_up_a_followup(review):
    session, history, made = review
    rows = {r["origin_id"]: r for r in followup.reviews(session)}
    followup.set_status(history, rows[made["c_open"]["id"]]["id"], "resolved")
    followup.set_status(history, rows[made["c_progress"]["id"]]["id"], "in_progress")
    followup.set_status(history, rows[made["a_concern"]["id"]]["id"], "done")
    followup.set_status(history, rows[made["a_drop"]["id"]]["id"], "dropped")
    followup.set_status(history, rows[made["a_free"]["id"]]["id"], "in_progress")
    followup.set_text(history, rows[made["a_free"]["id"]]["id"], "next", "Book the panel room.")
    followup.set_status(history, rows[made["d_plan"]["id"]]["id"], "done")
    first = session.workshop()
    middle = {r["carried_from"]: r for r in session.records("concerns")}
    session.close()
    middle_file = fingerprint(session.path)

    second = followup.create_followup(session.path, session.path.parent, on="2027-06-01")
    assert second.name == "riverside-cmht-team-day-follow-up-2-on-1-jun-2027.json"
    with Session.open(second, read_only=True) as chained:
        ws = chained.workshop()
        assert ws["title"] == "Riverside CMHT team day: follow-up 2 on 1 Jun 2027"
        assert ws["follows"]["id"] == first["id"] and ws["follows"]["round"] == 2
        assert ws["follows"]["participants_named"] == ["Sam Whitford"], "names from the first day still count"
        concerns = chained.records("concerns")
        assert [c["carried_from"] for c in concerns] == [middle[made["c_progress"]["id"]]["id"]]
        actions = {a["task"] for a in chained.records("actions")}
        assert actions == {"Wellbeing plan for everyone", "Records access", "Recruitment panel",
                           "Job description wording"}, "done and dropped at the last review stay closed"
        assert [d["situation"] for d in chained.records("dual_roles")] == ["Using the service in future"], \
            "the records plan was done at the last review"
        panel = next(r for r in followup.reviews(chained) if r["then"].get("task") == "Recruitment panel")
        assert panel["then"]["status"] == "in_progress" and panel["then"]["agreed_next"] == "Book the panel room."
    assert fingerprint(session.path) == middle_file


# --- content --------------------------------------------------------------------------------


BANNED = re.compile(r"patient|service[\s_-]*users?|sufferer", re.IGNORECASE)


def test_review_content_is_complete_and_in_our_words():
    words = content.review()
    assert [k["table"] for k in words["kinds"]] == list(followup.CARRIED_TABLES)
    assert set(words["statuses"]) == set(model.REVIEW_STATUSES)
    activity = content.activity("review")
    assert activity == content.review_activity() and 1 <= len(activity.short) <= 10
    assert "review" not in content.ACTIVITY_KEYS and len(content.activities()) == 7
    guide = content.guide("review")
    for heading in ("Purpose", "How to run it", "Prompts to ask the room", "Pitfalls to avoid",
                    "What goes in the record"):
        assert f"## {heading}" in guide
    assert 150 <= len(guide.split()) <= 350 and re.search(r"^Based on: ", guide, re.MULTILINE)
    texts = [guide, activity.title, activity.summary, *(str(v) for v in words["text"].values()),
             *(k["question"] for k in words["kinds"]), *(s["label"] for s in words["statuses"].values())]
    assert not [t for t in texts if BANNED.search(t)]


def test_two_follow_ups_of_the_same_day_are_named_apart(earlier):
    path, _ = earlier
    first = _make(path, on="2027-02-01")
    second = _make(path, on="2027-05-04")
    assert first.name != second.name and "4-may-2027" in second.name
    with Session.open(first, read_only=True) as a, Session.open(second, read_only=True) as b:
        assert a.workshop()["title"] != b.workshop()["title"]
        assert b.workshop()["title"] == "Riverside CMHT team day: follow-up on 4 May 2027"
