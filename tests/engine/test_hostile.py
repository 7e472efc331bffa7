"""Known sandbox-escape and resource-exhaustion strings: all invalid, all fast, nothing escapes."""

from __future__ import annotations

import pytest

from tutor.engine import check
from tutor.engine.api import check_unguarded

HOSTILE = [
    "__import__('os').system('echo pwned')",
    "().__class__.__bases__[0].__subclasses__()",
    "x.__class__",
    "__builtins__",
    "getattr(x, '__dict__')",
    "eval('1+1')",
    "exec('import os')",
    "open('/etc/passwd').read()",
    "import os",
    "lambda: 0",
    "[c for c in ().__class__.__base__.__subclasses__()]",
    "globals()",
    "sys.exit(1)",
    "os.system('rm -rf /')",
    "9^9^9^9",
    "9**9**9**9",
    "10**10**10",
    "2^1e9",
    "exp(exp(exp(10)))",
    "1e999999",
    "9" * 400,
    "1" + "0" * 499,
    "(" * 100 + "1" + ")" * 100,
    "-" * 400 + "1",
    "sqrt(" * 60 + "2" + ")" * 60,
    "ones(10^9)",
    "zeros((10000, 10000))",
    "outer(outer(outer(x, x), outer(x, x)), outer(outer(x, x), outer(x, x)))",
    "x" * 501,
    "1+" * 260 + "1",
    "\x00",
    "'; DROP TABLE attempts; --",
    "{{config.items()}}",
    "${7*7}",
    "\\input{/etc/passwd}",
    "x.T.__class__",
    "2 ** -1e10",
]


@pytest.fixture(scope="module", autouse=True)
def warm(f4a, dW):
    check(f4a, "1")       # build the parser and the trials outside the timed checks
    check(dW, "W")


@pytest.mark.parametrize("answer", HOSTILE)
def test_hostile_input_is_invalid_and_fast(f4a, dW, timed, answer):
    for field in (f4a, dW):
        result, cpu, wall = timed(check, field, answer)
        assert result.verdict in ("invalid", "incorrect"), (answer, result)
        assert result.score == 0
        assert cpu < 0.1 and wall < 1.0, (answer, cpu, wall)
    assert check(f4a, answer).verdict == "invalid"


def test_the_hostile_list_is_long_enough():
    assert len(HOSTILE) >= 20


def test_giant_outer_products_are_refused_before_computing(dW, timed):
    deep = "outer(" * 9 + "W" + ", W)" * 9
    result, cpu, _ = timed(check_unguarded, dW, deep)
    assert result.verdict == "invalid"
    assert "the result would be too large (over 1,000,000 elements)" in result.feedback[0]
    assert cpu < 0.1


def test_time_limit_stops_a_slow_expression(dW, monkeypatch):
    import tutor.engine.errors as errors

    monkeypatch.setattr(errors, "TIME_LIMIT", 0.0)
    monkeypatch.setattr(errors.Deadline.__init__, "__defaults__", (0.0,))
    result = check(dW, "outer(delta, x) + outer(delta, x)")
    assert result.verdict == "invalid" and "takes too long" in result.feedback[0]


def test_no_eval_exec_or_compile_in_the_engine():
    import re
    from pathlib import Path

    import tutor.engine

    pattern = re.compile(r"(^|[^a-zA-Z_.])(eval|exec|compile)\(")
    root = Path(tutor.engine.__file__).parent
    offenders = [p.name for p in root.glob("*.py") if pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
