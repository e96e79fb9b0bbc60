"""Labels for keys stored in a session (criteria, signs, stages, sources), read from
workshop.content. Every lookup falls back to something readable so an export still
works with a partial or newer content package: an unknown key shows as itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Callable

# Headings the record cannot do without; the wording mirrors DESIGN.md and is only used
# when workshop.content cannot be read.
_ACTIVITY_FALLBACK = [
    ("opening", "Opening: why peer support"),
    ("hopes_fears", "Hopes and fears"),
    ("expertise", "Three sources of expertise"),
    ("job_description", "Job description review"),
    ("dual_roles", "Dual-role scenarios"),
    ("concerns", "Concerns log"),
    ("action_plan", "Action plan"),
]
_STOCK_COLUMNS = ["Task", "What needs to be done", "Who is responsible", "By when", "Outcome"]


def _get(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _call(name: str) -> Any:
    """content.<name>() or None when the module or the function is missing or fails."""
    try:
        from workshop import content
    except Exception:
        return None
    func: Callable[[], Any] | None = getattr(content, name, None)
    if not callable(func):
        return None
    try:
        return func()
    except Exception:
        return None


def humanise(key: str) -> str:
    text = str(key).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


@dataclass(slots=True)
class Criterion:
    group_key: str
    group_title: str
    title: str
    order: tuple[int, int]


@dataclass
class Labels:
    activities: list[tuple[str, str]] = field(default_factory=lambda: list(_ACTIVITY_FALLBACK))
    summaries: dict[str, str] = field(default_factory=dict)
    criteria: dict[str, Criterion] = field(default_factory=dict)
    signs: dict[str, tuple[int, str]] = field(default_factory=dict)
    stages: list[tuple[str, str]] = field(default_factory=list)
    stock_columns: list[str] = field(default_factory=lambda: list(_STOCK_COLUMNS))
    expertise: list[tuple[str, str]] = field(default_factory=list)
    sources: list[dict[str, str]] = field(default_factory=list)
    about: dict[str, str] = field(default_factory=dict)
    categories: dict[str, str] = field(default_factory=dict)

    def activity(self, key: str) -> str:
        found = dict(self.activities).get(key)
        if not found and key == "review":  # a follow-up's review: not one of the day's activities
            found = _get(_call("review_activity"), "title")
        return str(found or humanise(key))

    def criterion(self, key: str) -> Criterion:
        norm = key.replace(":", ".", 1)
        found = self.criteria.get(norm)
        if found:
            return found
        group, _, item = norm.partition(".")
        return Criterion(group, humanise(group) if item else "Other criteria", key, (10**6, 0))

    def stage(self, key: str | None) -> str:
        return dict(self.stages).get(key or "") or (humanise(key) if key else "Other actions")

    def with_workshop(self, workshop: dict[str, Any]) -> "Labels":
        """These labels plus what the workshop's organisation template adds (its concern
        categories), read from the copy the workshop keeps."""
        try:
            from workshop.template import customise

            extra = {str(c["key"]): str(c["label"]) for c in customise.concern_categories(workshop)
                     if c["key"] not in self.categories}
        except Exception:
            return self  # the record still prints: an unknown category shows as its key
        return replace(self, categories={**self.categories, **extra}) if extra else self


def load_labels() -> Labels:
    labels = Labels()
    acts = _call("activities")
    if acts:
        pairs = [(str(_get(a, "key")), str(_get(a, "title") or _get(a, "key"))) for a in acts]
        labels.activities = [p for p in pairs if p[0] != "None"] or labels.activities
        labels.summaries = {str(_get(a, "key")): str(_get(a, "summary") or "") for a in acts}
    for gi, group in enumerate(_call("jd_criteria") or ()):
        gkey, gtitle = str(_get(group, "key", "")), str(_get(group, "title", "") or "")
        for ii, item in enumerate(_get(group, "items", ()) or ()):
            ikey = str(_get(item, "key", ""))
            labels.criteria[f"{gkey}.{ikey}"] = Criterion(
                gkey, gtitle or humanise(gkey), str(_get(item, "title", "") or ikey), (gi, ii))
    for i, sign in enumerate(_call("compromise_signs") or ()):
        labels.signs[str(_get(sign, "key", ""))] = (i, str(_get(sign, "text", "") or ""))
    stock = _call("taking_stock")
    if stock:
        labels.stages = [(str(_get(s, "key")), str(_get(s, "title") or _get(s, "key"))) for s in stock]
    columns = _call("taking_stock_columns")
    if columns and len(columns) == 5:
        labels.stock_columns = [str(c) for c in columns]
    for src in _call("expertise_sources") or ():
        labels.expertise.append((str(_get(src, "key")), str(_get(src, "title") or _get(src, "key"))))
    for src in _call("sources") or ():
        labels.sources.append({k: str(_get(src, k, "") or "") for k in
                               ("key", "short", "title", "publisher", "year", "note")})
    hf = _call("hopes_fears")
    for opt in (_get(hf, "about", ()) or ()) if hf else ():
        key, label = _get(opt, "key"), _get(opt, "label")
        if key and label:
            labels.about[str(key)] = str(label)
    for entry in _call("concern_categories") or _call("concern_library") or ():
        key, label = _get(entry, "key"), _get(entry, "label") or _get(entry, "title")
        if key and label:
            labels.categories[str(key)] = str(label)
    return labels
