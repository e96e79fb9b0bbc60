"""Starting rows for the action plan: the guidance's taking-stock topics, stage by stage.

The guidance lists, for each stage of introducing peer roles, the topics a planning group
should take stock of. The action plan offers them as empty tasks to fill in, never twice.
No Textual here.
"""

from __future__ import annotations

from typing import Any, Iterable

from workshop import content


def stages() -> list[dict[str, Any]]:
    """The four stages in order, each with `key`, `title` and `topics`."""
    return content.taking_stock()


def stage_keys() -> list[str]:
    return [stage["key"] for stage in stages()]


def stage_titles() -> dict[str, str]:
    return {stage["key"]: stage["title"] for stage in stages()}


def _norm(task: str | None) -> str:
    return " ".join((task or "").split()).casefold()


def planned_tasks(actions: Iterable[dict[str, Any]]) -> set[str]:
    """Every task already in the plan, compared without case or extra spaces."""
    return {_norm(a.get("task")) for a in actions}


def missing_topics(actions: Iterable[dict[str, Any]], stage: str) -> list[str]:
    """The topics of `stage` that no task in the plan (in any stage) is named after yet."""
    have = planned_tasks(actions)
    for entry in stages():
        if entry["key"] == stage:
            return [topic for topic in entry["topics"] if _norm(topic) not in have]
    raise KeyError(stage)


def starting_rows(actions: Iterable[dict[str, Any]], stage_list: Iterable[str] | None = None,
                  topics: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """New, empty action rows for the topics not yet in the plan.

    `stage_list` limits them to some stages (all four by default); `topics` limits them to
    the topics named (as the guidance spells them). A topic named twice is added once."""
    existing = list(actions)
    wanted_stages = list(stage_list) if stage_list is not None else stage_keys()
    wanted_topics = {_norm(t) for t in topics} if topics is not None else None
    have = planned_tasks(existing)
    rows: list[dict[str, Any]] = []
    for entry in stages():
        if entry["key"] not in wanted_stages:
            continue
        for topic in entry["topics"]:
            key = _norm(topic)
            if key in have or (wanted_topics is not None and key not in wanted_topics):
                continue
            have.add(key)
            rows.append({"stage": entry["key"], "task": topic, "what": "", "who": "",
                         "by_when": None, "outcome": "", "source": None})
    return rows


def topic_checklist(actions: Iterable[dict[str, Any]]) -> list[tuple[str, str, bool]]:
    """`(stage, topic, already in the plan)` for every topic, in the guidance's order."""
    have = planned_tasks(actions)
    return [(entry["key"], topic, _norm(topic) in have) for entry in stages() for topic in entry["topics"]]
