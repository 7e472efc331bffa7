"""A params block shaped like a YAML alias bomb (a list of ten references to a list of ten
references …, 10⁹ leaves when printed) neither hangs nor eats memory: cache keys are a
digest that visits each shared list once, and shown values are bounded."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tutor.engine.plainhash import NotPlainData, digest

# Runs in its own process under a 1 GB address-space limit, so a regression fails fast
# instead of swallowing the machine's memory.
_SCRIPT = r"""
import json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
from tutor.engine.variants import part_params
from tutor.model import Field, Part

def bomb(levels=9, width=10):
    node = ["lol"]
    for _ in range(levels):
        node = [node] * width
    return node

def part(params):
    field = Field(id="x", part_id="1a", kind="number", points=1, answer="{a}")
    return Part(id="1a", problem_id="1", points=1, concepts=(), prompt="a = {a}", fields=(field,), params=params)

cases = {
    "unused key": {"a": {"uniform": [0, 1], "exam": 0.5, "note": bomb()}},
    "exam value": {"a": {"uniform": [0, 1], "exam": bomb()}},
    "derived": {"a": bomb()},
    "then": {"a": {"if": "1 > 0", "then": bomb(), "else": 1}},
}
out = {}
for name, params in cases.items():
    start = time.monotonic()
    try:
        result = part_params(part(params), 0)
    except ValueError as exc:
        result = "ValueError: " + str(exc)
    out[name] = [result, time.monotonic() - start]
print(json.dumps(out))
"""


def test_a_billion_laughs_params_block_is_cheap_to_key_and_refused_as_a_value():
    proc = subprocess.run([sys.executable, "-c", _SCRIPT], check=False, capture_output=True, text=True, timeout=60,
                          env={"PATH": "/usr/bin:/bin", "OPENBLAS_NUM_THREADS": "1", "PYTHONPATH": ":".join(sys.path)})
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout)
    assert out["unused key"][0] == {"a": "0.5"}
    assert "more than 1000 items" in out["exam value"][0]
    assert "expected an expression" in out["derived"][0] and "not a list" in out["derived"][0]
    assert "more than 1000 items" in out["then"][0]
    assert all(seconds < 2 for _, seconds in out.values()), out


def test_the_digest_is_plain_data_equality():
    assert digest({"a": [1, 2.5, "x"], "b": None}) == digest({"b": None, "a": (1, 2.5, "x")})
    assert len({digest(v) for v in (1, 1.0, True, "1", [1], {"1": 1})}) == 6
    shared = [1, 2]
    assert digest([shared, shared]) == digest([[1, 2], [1, 2]])


@pytest.mark.parametrize("bad", ["cycle", "deep", "object"])
def test_the_digest_refuses_what_is_not_bounded_plain_data(bad):
    if bad == "cycle":
        value: list = []
        value.append(value)
    elif bad == "deep":
        value = []
        for _ in range(100):
            value = [value]
    else:
        value = [object()]
    with pytest.raises(NotPlainData):
        digest(value)
