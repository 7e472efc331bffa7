"""Content files are hostile input: `tutor check` answers every one with a located message,
quickly, and never with a traceback (binary, not UTF-8, huge, deeply nested, alias bombs,
tags, and every value of a real exam replaced by something of the wrong type)."""

from __future__ import annotations

import contextlib
import io
import random
import time
from pathlib import Path

import pytest
import yaml

from tutor.cli.main import main
from tutor.model import ContentErrors, load_exam_text

HERE = Path(__file__).parent
MINI = (HERE / "mini.yaml").read_text()


def _check(path: Path) -> tuple[int, str, float]:
    """Run `tutor check PATH` in this process: (exit status, everything printed, CPU seconds)."""
    out = io.StringIO()
    start = time.process_time()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        status = main(["check", str(path)])
    return status, out.getvalue(), time.process_time() - start


def _alias_bomb() -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    return "\n".join(lines) + "\n"


HOSTILE = {
    "binary.yaml": (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)) * 40,
                    ":3:1: this is a binary file, not YAML text"),
    "latin1.yaml": ("id: caf\xe9\n".encode("latin-1"), ":1:8: the file is not UTF-8 text (byte 0xe9 here)"),
    "huge.yaml": (b"id: x\nfiller: '" + b"a" * 700_000 + b"'\n", ":1:1: the file is 0.7 MB; an exam file may be at most 0.6 MB"),
    "deep.yaml": (b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n", ":1:"),
    "deep_block.yaml": ("".join(f"{'  ' * i}k{i}:\n" for i in range(200)).encode(), "nests deeper than 40 levels"),
    "bomb.yaml": (_alias_bomb().encode(), "more than 100,000 values"),
    "many_aliases.yaml": (("a: &a 1\nb: [" + ", ".join(["*a"] * 300) + "]\n").encode(), "more than 200 aliases"),
    "python.yaml": (b"id: !!python/object/apply:os.system [echo owned]\n", "the tag `!!python/object/apply:os.system` is not allowed"),
    "control.yaml": (b"id: a\x07b\n", ":1:6: the file holds a control character (U+0007)"),
    "empty.yaml": (b"", ":1:1: the file is empty"),
    "scalar.yaml": (b"just text\n", ":1:1: exam must be a mapping"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_files_get_a_located_message_fast_and_no_traceback(name, tmp_path):
    data, expected = HOSTILE[name]
    path = tmp_path / name
    path.write_bytes(data)
    status, printed, seconds = _check(path)
    assert status == 1
    assert "Traceback" not in printed
    assert expected in printed, printed
    assert printed.startswith(f"{path}:"), printed       # every message is file:line:col first
    assert seconds < 2.0                                   # refused before anything is built


def test_a_file_full_of_answers_is_checked_within_the_time_budget(tmp_path):
    part = ("      - id: 1p{i}\n        points: 1\n        concepts: [logs]\n"
            "        prompt: 'Part {i}: what is $W x + b$? Some more words to make it a real prompt.'\n"
            "        fields:\n          - id: f\n            kind: formula\n            answer: W @ x + b\n"
            "            symbols:\n              dims: {{m: [2, 7], n: [2, 7]}}\n"
            "              W: {{shape: [m, n]}}\n              x: {{shape: [n, 1]}}\n"
            "              b: {{shape: [m, 1]}}\n")
    head = MINI.split("problems:\n", 1)[0].replace("points: 10\n", "points: 1300\n").replace("bonus: 2\n", "")
    text = head + "problems:\n  - id: '1'\n    title: T\n    points: 1300\n    parts:\n"
    text += "".join(part.format(i=i) for i in range(1300))
    assert len(text) < 600_000
    path = tmp_path / "many.yaml"
    path.write_text(text)
    status, printed, seconds = _check(path)
    assert "Traceback" not in printed
    assert seconds < 4.0, seconds   # load (~0.5 s) + the engine's 1.8 s budget, in CPU time
    if status:
        assert "checking stopped here after" in printed


def _paths(data, path=()):
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, path + (index,))


WRONG = (["a", "b"], {"a": 1}, "²", 3, None, [[1]], "", -1, True, "{x}", {"x": [1, 2]})


def test_every_value_replaced_by_the_wrong_type_gives_messages_not_tracebacks():
    rng = random.Random(14)
    for source in (MINI,):
        data = yaml.safe_load(source)
        paths = [p for p in _paths(data) if p]
        for path in rng.sample(paths, min(len(paths), 40)):
            for wrong in WRONG:
                copy = yaml.safe_load(source)
                target = copy
                for key in path[:-1]:
                    target = target[key]
                target[path[-1]] = wrong
                text = yaml.safe_dump(copy, allow_unicode=True, sort_keys=False)
                try:
                    load_exam_text(text, "mutated.yaml")
                except ContentErrors as exc:
                    assert all(e.line >= 1 and e.column >= 1 and e.message for e in exc.errors)
