"""Number fields: many equivalent forms accepted, every anticipated mistake named, the reading shown."""

from __future__ import annotations

import pytest

from tutor.engine import check, preview
from tutor.engine.numbers import digits_needed, significant_digits

FORMS_4A = [
    "-ln(0.3)", "-log(0.3)", "ln(10/3)", "log(1/0.3)", "1.204", "-ln(3/10)", "−ln(0.3)", "-ln 0.3",
    "-log 0.3", "ln(10) - ln(3)", "log(10)-log(3)", "1.20397", "-ln(.3)", "ln(1/0.3)", "-\\ln(0.3)",
    "1.2040", "-(ln(3) - ln(10))", "ln(3.3333)", "-1*ln(0.3)", "0 - ln(0.3)", "log(0.3)*-1", "-LN(0.3)",
    "-ln(3e-1)", "12.04e-1", "ln(1) - ln(0.3)", "-ln(30/100)", "-ln[0.3]",
]
FORMS_4B = ["-ln(0.4)", "-log(0.4)", "ln(5/2)", "ln(2.5)", "0.916", "0.9163", "-ln(4/10)", "ln(1/0.4)", "−log 0.4"]


@pytest.mark.parametrize("answer", FORMS_4A)
def test_4a_accepts_equivalent_forms(f4a, answer):
    result = check(f4a, answer)
    assert result.verdict == "correct", (answer, result)
    assert result.score == 3 and result.max == 3


@pytest.mark.parametrize("answer", FORMS_4B)
def test_4b_accepts_equivalent_forms(f4b, answer):
    assert check(f4b, answer).verdict == "correct"


@pytest.mark.parametrize("answer, mistake", [
    ("ln(0.3)", "sign"), ("-1.204", "sign"), ("-log10(0.3)", "log10"), ("0.523", "log10"),
    ("-log_10(0.3)", "log10"), ("-log2(0.3)", "log2"), ("1.737", "log2"), ("-ln(0.25)", "wrong-class"),
    ("-(2*ln(0.25) + ln(0.3) + ln(0.2))", "sum-all"), ("-ln(0.7)", "one-minus-p"), ("0.357", "one-minus-p"),
])
def test_4a_names_each_anticipated_mistake(f4a, answer, mistake):
    result = check(f4a, answer)
    assert result.mistake == mistake
    assert result.verdict in ("incorrect", "partial")
    assert result.feedback == (next(m.feedback for m in f4a.mistakes if m.id == mistake),)
    assert result.to_json()["mistake"] == mistake


@pytest.mark.parametrize("answer, mistake", [
    ("ln(0.4)", "sign"), ("-log10(0.4)", "log10"), ("-log2(0.4)", "log2"), ("-ln(0.6)", "wrong-class"),
    ("-(ln(0.4) + ln(0.6))", "sum-all"),
])
def test_4b_names_each_anticipated_mistake(f4b, answer, mistake):
    assert check(f4b, answer).mistake == mistake


def test_partial_credit_from_a_mistake(f4a):
    result = check(f4a, "-log10(0.3)")
    assert result.verdict == "partial" and result.score == pytest.approx(1.5)


def test_unanticipated_wrong_values_are_incorrect(f4a):
    result = check(f4a, "2.5")
    assert result.verdict == "incorrect" and result.mistake is None and result.score == 0
    assert result.feedback == ("That is not the expected value.",)
    assert "mistake" not in result.to_json()


def test_shows_the_reading_and_the_exact_value(f4a):
    result = check(f4a, "-log(0.3)")
    assert result.interpreted == "−ln(0.3) = 1.20397"
    assert result.exact == "−ln(0.3) = 1.203972804"
    assert check(f4a, "1.204").interpreted == "1.204"
    assert check(f4a, "ln(0.3)").exact is None   # the exact value is shown after a right answer only


def test_warns_about_too_few_significant_digits(f4a):
    result = check(f4a, "1.2")
    assert result.verdict == "correct"
    assert result.warnings == ("you gave 2 significant digits; this time it lands within the 1% tolerance, "
                               "but give at least 3 so that rounding cannot take you outside it",)
    assert check(f4a, "1.20").warnings == ()
    assert check(f4a, "-ln(0.3)").warnings == ()
    assert significant_digits("0.0030") == 2 and significant_digits("1.204") == 4 and significant_digits("1200") == 2
    assert digits_needed(1e-2) == 3 and digits_needed(1e-3) == 4


def test_a_bare_function_before_a_division_gets_a_note(f4a):
    result = check(f4a, "ln 10/3")
    assert result.interpreted == "ln(10)/3 = 0.767528"
    assert any("write ln(10/3) if you meant that" in w for w in result.warnings)


def test_tolerances_are_per_field():
    from tests.engine.conftest import number_field

    tight = number_field("-ln(0.3)", rtol=1e-5)
    assert check(tight, "1.204").verdict == "incorrect"
    assert check(tight, "1.20397").verdict == "correct"
    zero = number_field("0", atol=1e-6)
    assert check(zero, "1e-7").verdict == "correct" and check(zero, "1e-3").verdict == "incorrect"


@pytest.mark.parametrize("answer, words", [
    ("ln(-0.3)", "ln of −0.3 is undefined"),
    ("1/0", "division by zero"),
    ("sqrt(-1)", "sqrt of −1 is undefined"),
    ("x", "unknown name 'x'"),
    ("10^400", "overflows"),
    ("", "empty"),
    ("0.3 0.4", "missing operator"),
])
def test_unreadable_numbers_are_invalid_with_a_reason(f4a, answer, words):
    result = check(f4a, answer)
    assert result.verdict == "invalid" and result.score == 0
    assert words in result.feedback[0]


def test_preview_reads_as_you_type(f4a):
    assert preview(f4a, "-ln(0.3)").text == "−ln(0.3) = 1.20397"
    p = preview(f4a, "-ln(0.3")
    assert not p.ok and p.column == 4
    assert preview(f4a, "").ok is False


def test_too_few_digits_that_miss_the_tolerance_say_how_many_are_needed():
    from tests.engine.conftest import number_field

    tight = number_field("-ln(0.3)", rtol=1e-3)
    result = check(tight, "1.2")                  # 1.2 is 0.3% off: outside 0.1%, explained by rounding
    assert result.verdict == "incorrect"
    assert result.warnings == ("you gave 2 significant digits; this answer needs at least 4 (the tolerance is 0.1%)",)
