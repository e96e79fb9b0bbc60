"""workshop.model: the fields of format v1, their defaults, checks and text cleaning."""

from __future__ import annotations

import re
import uuid
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop import fields, model


@pytest.mark.parametrize("dirty, clean", [
    ("plain", "plain"),
    ("tab\tand\nnewline", "tab\tand\nnewline"),
    ("windows\r\nline\rends", "windows\nline\nends"),
    ("nul\x00 esc\x1b bell\x07 vt\x0b ff\x0c del\x7f", "nul esc bell vt  ff  del"),
    ("lone \ud800 surrogates \udfff", "lone  surrogates "),
    ("non\ufffe\uffff\ufdd0chars", "nonchars"),
    ("emoji 🙂 and accents é", "emoji 🙂 and accents é"),
])
def test_clean_text(dirty: str, clean: str):
    assert model.clean_text(dirty) == clean


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.one_of(
    st.characters(codec=None, categories=None),
    # every character some cleaning touches, and those either side of each range
    st.sampled_from([chr(c) for c in [*range(0x00, 0x21), 0x7e, 0x7f, 0x80, 0xd7ff, 0xd800, 0xdbff, 0xdc00,
                                      0xdfff, 0xe000, 0xfdcf, 0xfdd0, 0xfdef, 0xfdf0, 0xfffd, 0xfffe, 0xffff]]),
), max_size=40))
def test_clean_text_leaves_text_alone_only_when_nothing_needs_cleaning(text):
    # clean_text skips its replacements when a search finds nothing to clean: the result
    # must be what the replacements alone give, for any text at all.
    dropped = re.compile(fields._DROPPED)
    slow = dropped.sub("", fields._SEPARATORS.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n")))
    assert model.clean_text(text) == slow


def test_clean_text_caps_and_converts():
    assert len(model.clean_text("x" * (model.MAX_TEXT + 10))) == model.MAX_TEXT
    assert model.clean_text("abcdef", limit=3) == "abc"
    assert model.clean_text(42) == "42"


def test_clean_line_joins_lines_and_trims():
    assert model.clean_line("  one\n two\tthree  ") == "one two three"
    assert len(model.clean_line("y" * 5000)) == model.MAX_SHORT


@pytest.mark.parametrize("given, expected", [
    ("2026-12-03", "2026-12-03"), (" 2026-01-31 ", "2026-01-31"), ("", None), ("   ", None), (None, None),
])
def test_parse_date_accepts(given, expected):
    assert model.parse_date(given) == expected


@pytest.mark.parametrize("given", ["2026-13-01", "2026-02-30", "03/12/2026", "2026-1-3", "tomorrow", "20261203"])
def test_parse_date_refuses_with_a_plain_reason(given):
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        model.parse_date(given)


def test_ids_and_times():
    rid = model.new_id()
    assert re.fullmatch(r"[0-9a-f]{32}", rid) and uuid.UUID(rid).version == 4
    assert model.new_id() != rid
    stamp = model.now_iso()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", stamp)
    datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def test_defaults_for_every_table():
    for table in model.TABLES:
        record = model.defaults_for(table)
        assert set(record) == set(model.TABLES[table])
        model.validate_record(table, {"id": "x", **record, **({"title": "T"} if table == "workshop" else {})})
    workshop = model.defaults_for("workshop")
    assert workshop["schema_version"] == model.SCHEMA_VERSION
    assert workshop["role_title"] == "Peer Support Worker"
    assert set(workshop["timeboxes"]) == set(model.ACTIVITIES)
    assert model.defaults_for("workshop")["facilitators"] is not workshop["facilitators"]


def test_lived_experience_is_out_of_the_record_by_default():
    assert model.defaults_for("expertise", {"source": "lived"})["in_record"] is False
    assert model.defaults_for("expertise", {"source": "life"})["in_record"] is True
    assert model.defaults_for("expertise")["in_record"] is True


def test_check_fields_cleans_known_and_passes_unknown():
    unknown = {"nested": [1]}
    out = model.check_fields("hopes_fears", {"text": "a\x00b", "theme": " x\ny ", "x_future": unknown})
    assert out == {"text": "ab", "theme": "x y", "x_future": unknown}
    assert model.check_fields("x_table", {"anything": object}) == {"anything": object}
    assert model.check_fields("workshop", {"facilitators": ["  A ", "", "B\nC"]})["facilitators"] == ["A", "B C"]


@pytest.mark.parametrize("table, field, value, words", [
    ("hopes_fears", "kind", "maybe", "hope, fear"),
    ("hopes_fears", "votes", -1, "0 or more"),
    ("hopes_fears", "votes", True, "whole number"),
    ("hopes_fears", "text", 5, "text"),
    ("workshop", "title", "  ", "empty"),
    ("workshop", "schema_version", 1, "should be 2"),
    ("workshop", "schema_version", 3, "should be 2"),
    ("workshop", "timeboxes", {"hopes_fears": 601}, "0 to 600"),
    ("workshop", "timeboxes", [], "minutes"),
    ("workshop", "current_activity", "lunch", "one of"),
    ("participants", "name_in_record", "yes", "true or false"),
    ("dual_roles", "scope", "sometimes", "universal, tailored"),
    ("concerns", "raised_how", "email", "group, individual"),
    ("concerns", "due", 20261203, "date"),
    ("actions", "stage", "later", "preparation"),
    ("notes", "kind", "minutes", "discussion, gaps, vision, motivation"),
    ("jd_checks", "status", "good", "not_discussed"),
    ("jd_compromise", "present", None, "true or false"),
])
def test_check_fields_names_the_bad_field(table, field, value, words):
    with pytest.raises(model.FieldError) as caught:
        model.check_fields(table, {field: value})
    assert caught.value.field == field and words in caught.value.reason
    assert str(caught.value).startswith(f"{field}: ")


def test_optional_fields_accept_none():
    assert model.check_fields("concerns", {"category": None, "raised_how": None, "due": None, "from_fear": None})
    assert model.check_fields("dual_roles", {"scope": None})["scope"] is None


def test_validate_record_rules():
    model.validate_record("hopes_fears", {"id": "a", "kind": "hope", "text": ""})
    model.validate_record("hopes_fears", {"id": "a", "deleted_at": "2026-12-03T10:00:00.000Z"})
    model.validate_record("x_unknown", {"id": "a", "whatever": 1})
    for record, field in [
        ("text", "(record)"),
        ({"kind": "hope", "text": ""}, "id"),
        ({"id": "", "kind": "hope", "text": ""}, "id"),
        ({"id": "a", "kind": "hope"}, "text"),
        ({"id": "a", "kind": "hope", "text": "", "created_at": 5}, "created_at"),
        ({"id": "a", "deleted_at": None}, "deleted_at"),
    ]:
        with pytest.raises(model.FieldError) as caught:
            model.validate_record("hopes_fears", record)
        assert caught.value.field == field
    assert model.is_tombstone({"id": "a", "deleted_at": "t"}) and not model.is_tombstone({"id": "a"})


def test_required_fields_are_known_fields():
    for table, names in model.REQUIRED.items():
        assert set(names) <= set(model.TABLES[table]), table
    assert set(model.REQUIRED) == set(model.TABLES)


def test_characters_that_separate_words_become_spaces_not_nothing():
    assert model.clean_text("hope\x0bfor\x0cclear\x1froles\x00.") == "hope for clear roles."
    assert model.clean_line("a\x0bb") == "a b"


_json = st.recursive(st.none() | st.integers() | st.text(max_size=3),
                     lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=2), inner, max_size=3),
                     max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(st.lists(_json, max_size=3) | st.dictionaries(st.text(max_size=2), _json, max_size=3), st.integers(-1, 6))
def test_deeper_than_agrees_with_nesting(value, limit):
    assert fields.deeper_than(value, limit) == (fields.nesting(value) > limit)


_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 3), st.floats(allow_nan=False),
    st.text(alphabet=st.one_of(st.characters(codec=None, categories=None),
                               st.sampled_from(list(" \t\n\r\x0b\x1f\x7f\ud800\ufffe"))), max_size=12),
    st.sampled_from(["hope", "fear", "open", "lived", "", " x", "x ", "a  b", "x" * 2001]),
    st.lists(st.text(max_size=3), max_size=2),
)
_QUICK = [(table, name, field.check) for table, fields_ in model.TABLES.items() for name, field in fields_.items()
          if getattr(field.check, "fast", None) is not None]


@settings(max_examples=60, deadline=None)
@given(_VALUES)
@pytest.mark.parametrize("table, name, check", _QUICK, ids=[f"{t}.{n}" for t, n, _ in _QUICK])
def test_a_quick_test_passes_only_values_the_check_keeps_as_they_are(table, name, check, value):
    if check.fast(value):
        assert check(value) == value and type(check(value)) is type(value), (table, name, value)
