"""The YAML loader: a faithful round trip, and line-precise errors for broken content."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tutor.model import ContentErrors, default_content_dir, load_exam, load_exam_text
from tutor.model.dump import exam_to_data

HERE = Path(__file__).parent
BROKEN = sorted((HERE / "broken").glob("*.yaml"))
EXPECT = re.compile(r"^# expect: (\d+):(\d+): (.*)$")


def test_mini_exam_loads_into_the_model():
    exam = load_exam(HERE / "mini.yaml")
    assert exam.id == "mini" and exam.points == 10 and exam.bonus == 2
    assert [p.id for p in exam.parts] == ["1a", "1b", "2a"]
    assert exam.field("1a").full_id == "1a.loss"
    assert exam.field("1b.why").max_sentences == 2
    # unquoted Yes/No in YAML 1.1 are booleans; in content they mean the words
    assert exam.field("1b.pick").options == ("Yes", "No")
    # points of a single field default to the part's points
    assert exam.field("2a.shape").points == 2
    assert exam.problem_of("2a").bonus is True
    with pytest.raises(KeyError):
        exam.field("1b")  # two fields: the field id is required


def test_the_loader_keeps_where_parts_fields_answers_and_mistakes_are_written():
    from tutor.model.positions import Position, SourceMap

    exam = load_exam(HERE / "mini.yaml")
    at = exam.positions
    assert at[("1a",)] == Position(19, 9)
    assert at[("1a", "loss")] == Position(24, 13)
    assert at[("1a", "loss", "answer")] == Position(26, 21)
    assert at[("1a", "loss", "mistake", "sign")] == Position(29, 25)
    assert at[("1b", "why", "model_answer")] == Position(49, 27)
    assert ("1b", "why", "answer") not in at
    error = SourceMap(exam.source, at).error([("1b", "why", "answer"), ("1b", "why")], "m")
    assert str(error) == f"{HERE / 'mini.yaml'}:45:13: m"        # the first key written wins
    assert str(SourceMap().error([("9z",)], "m")) == "<content>:1:1: m"


def test_the_engine_locates_errors_without_reading_yaml_again(tmp_path):
    """`tutor check`'s engine errors come from the positions the loader kept: the file may
    even be gone by the time the engine checks the exam."""
    from tutor.engine import validate_exam

    path = tmp_path / "cyclic.yaml"
    path.write_text((HERE / "broken" / "cyclic_graph.yaml").read_text())
    exam = load_exam(path)
    path.unlink()
    [error] = validate_exam(exam)
    assert (error.line, error.column) == (65, 21) and "has a cycle" in error.message


@pytest.mark.parametrize("path", [HERE / "mini.yaml", *default_content_dir().glob("*.yaml")], ids=lambda p: p.name)
def test_round_trip_through_yaml_gives_an_equal_exam(path, tmp_path):
    exam = load_exam(path)
    text = yaml.safe_dump(exam_to_data(exam), allow_unicode=True, sort_keys=False)
    again = load_exam_text(text, str(path))
    assert again == exam
    assert exam_to_data(again) == exam_to_data(exam)


def test_there_is_a_broad_corpus_of_broken_files():
    assert len(BROKEN) >= 15


def _problems(path):
    """What `tutor check` finds in a file: the loader's errors, else the engine's."""
    from tutor.engine import validate_exam

    try:
        exam = load_exam(path)
    except ContentErrors as exc:
        return exc.errors
    return validate_exam(exam)


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.stem)
def test_broken_content_is_reported_root_cause_first_at_its_line_and_column(path):
    expected = EXPECT.match(path.read_text().splitlines()[0])
    assert expected, f"{path.name} must start with '# expect: LINE:COL: message'"
    line, column, message = int(expected[1]), int(expected[2]), expected[3]
    problems = _problems(path)
    assert problems, f"{path.name} was accepted"
    first = problems[0]
    shown = ("warning: " if first.warning else "") + first.message
    assert (first.line, first.column, shown) == (line, column, message)
    assert f"{path}:{line}:{column}: {message}" == str(first)


def test_every_error_in_a_file_is_reported_at_once():
    text = (HERE / "mini.yaml").read_text()
    text = text.replace("minutes: 10", "minuets: 10").replace("verdict: correct", "verdict: right")
    with pytest.raises(ContentErrors) as info:
        load_exam_text(text, "two.yaml")
    messages = [e.message for e in info.value.errors]
    assert any("unknown key 'minuets'" in m for m in messages)
    assert any("scan verdict 'right'" in m for m in messages)
    assert any("missing key 'minutes'" in m for m in messages)


def test_unknown_demo_is_rejected_when_demo_names_are_given():
    text = (HERE / "mini.yaml").read_text().replace("        hints: [Think of -log.]", "        demo: cross-entropi\n        hints: [Think of -log.]")
    load_exam_text(text, "demo.yaml")  # without a list of demos, any name passes
    with pytest.raises(ContentErrors) as info:
        load_exam_text(text, "demo.yaml", demo_names={"cross-entropy", "adam"})
    assert "unknown demo 'cross-entropi' (did you mean 'cross-entropy'?)" in str(info.value)


def test_unreadable_and_empty_files_get_a_message(tmp_path):
    empty = tmp_path / "empty.yaml"
    empty.write_text("")
    with pytest.raises(ContentErrors) as info:
        load_exam(empty)
    assert f"{empty}:1:1: the file is empty" in str(info.value)
    with pytest.raises(ContentErrors) as info:
        load_exam(tmp_path / "missing.yaml")
    assert "cannot read the file: No such file" in str(info.value)


def _with_claims(rubric: str) -> str:
    text = (HERE / "mini.yaml").read_text()
    old = "              - {id: because, idea: A reason, points: 1, keywords: [because]}"
    assert old in text
    return text.replace(old, rubric)


def test_claims_and_misconceptions_load_and_name_their_mistakes():
    good = _with_claims(
        "              - {id: because, idea: A reason, points: 1, claims: [{about: gd, says: [exact]}]}\n"
        "            subjects: {gd: [GD, full batch]}\n"
        "            misconceptions:\n"
        "              - {id: flip, idea: because, concept: logs, feedback: Backwards., claims: [{about: gd, says: [noisy]}]}")
    exam = load_exam_text(good, "claims.yaml")
    field = next(f for p in exam.parts for f in p.fields if f.kind == "text")
    assert field.subjects == {"gd": ("GD", "full batch")}
    assert field.rubric[0].claims[0].about == ("gd",) and field.rubric[0].claims[0].says == ("exact",)
    assert field.misconceptions[0].idea == "because" and field.misconceptions[0].cap == 0.4
    assert field.question  # the part's prompt, for echo checks
    bad = _with_claims(
        "              - {id: because, idea: A reason, points: 1, claims: [{about: gb, says: [exact]}, {about: gd}]}\n"
        "            subjects: {gd: [GD]}\n"
        "            misconceptions:\n"
        "              - {id: flip, idea: becuase, concept: logz, cap: 2, feedback: x, claims: [{says: [y]}]}")
    with pytest.raises(ContentErrors) as info:
        load_exam_text(bad, "bad.yaml")
    messages = "\n".join(e.message for e in info.value.errors)
    assert "claim about 'gb', which subjects does not name" in messages
    assert "a claim needs terms under says, denies or mentions" in messages
    assert "idea 'becuase' is not a rubric id (did you mean 'because'?)" in messages
    assert "concept 'logz' is not defined under concepts (did you mean 'logs'?)" in messages
    assert "cap is a share of the field's points (0 to 1)" in messages


@pytest.mark.parametrize("name", ["part_points_missing", "claim_key_misspelt", "field_kind_misspelt"])
def test_a_mistake_is_reported_alone_not_with_the_sums_and_checks_that_only_follow_from_it(name):
    """A part without points, a misspelt claim key or field kind: once each also gave a points
    sum or "a claim needs terms" that only followed from it (and the sum came first)."""
    problems = _problems(HERE / "broken" / f"{name}.yaml")
    assert len(problems) == 1, [str(p) for p in problems]
