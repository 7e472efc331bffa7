"""Every command under a terminal that is not UTF-8, and with arguments that are not valid
text: a clean message (exit 2) or replaced characters, never a traceback; `--json` is
always valid UTF-8; the TUI says what the terminal lacks."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest

from tests.conftest import TUTOR
from tutor.cli.main import main

COMMANDS = [
    (["answer", "4a", "-ln(0.3)"], 0), (["answer", "2b.dW", "outer(x, x)"], 1), (["answer", "1a", "a word"], 3),
    (["answer", "4a", "-ln(0.3)", "--json"], 0), (["show", "2b"], 0), (["show", "4a", "--variant", "3", "--json"], 0),
    (["demo", "--list"], 0), (["demo", "--list", "--json"], 0), (["demo", "adam", "--json"], 0),
    (["check"], 0), (["list"], 0), (["list", "--json"], 0), (["stats"], 0), (["stats", "--json"], 0),
    (["--version"], 0), (["--help"], 0),
]
TUI = [[], ["practice", "4a"], ["mock"], ["review"], ["demo", "adam"]]


class Terminal:
    """stdout and stderr of a terminal with the given encoding (strict, like a real one)."""

    def __init__(self, encoding: str) -> None:
        self.out = io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors="strict", newline="\n")
        self.err = io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors="strict", newline="\n")

    def run(self, monkeypatch, argv: list[str]) -> tuple[int, bytes, bytes]:
        monkeypatch.setattr(sys, "stdout", self.out)
        monkeypatch.setattr(sys, "stderr", self.err)
        try:
            code = main(argv)
        except SystemExit as exit_:  # argparse's --help and --version
            code = int(exit_.code or 0)
        self.out.flush()
        self.err.flush()
        return code, self.out.buffer.getvalue(), self.err.buffer.getvalue()


@pytest.fixture(autouse=True)
def _data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("TUTOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TERM", "xterm-256color")


@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
@pytest.mark.parametrize(("argv", "expected"), COMMANDS, ids=lambda v: " ".join(v) if isinstance(v, list) else str(v))
def test_every_command_runs_on_a_terminal_that_is_not_utf8(monkeypatch, encoding, argv, expected):
    code, out, err = Terminal(encoding).run(monkeypatch, argv)
    assert code == expected, err
    assert b"Traceback" not in err and out
    if "--json" in argv:
        json.loads(out.decode("utf-8"))                  # valid UTF-8 (ASCII here) and valid JSON
        assert out.isascii()


@pytest.mark.parametrize("argv", TUI, ids=lambda v: " ".join(v) or "home")
def test_the_tui_says_it_needs_a_utf8_terminal(monkeypatch, argv):
    code, _, err = Terminal("latin-1").run(monkeypatch, argv)
    assert code == 2 and "needs a UTF-8 terminal (this one is latin-1)" in err.decode("latin-1")


@pytest.mark.parametrize("argv", TUI, ids=lambda v: " ".join(v) or "home")
def test_the_tui_refuses_term_dumb(monkeypatch, argv):
    monkeypatch.setenv("TERM", "dumb")
    code, _, err = Terminal("utf-8").run(monkeypatch, argv)
    assert code == 2 and "needs a terminal that can draw (TERM is 'dumb')" in err.decode()


@pytest.mark.parametrize("argv", [c for c, _ in COMMANDS if len(c) > 1] + [t for t in TUI if t],
                         ids=lambda v: " ".join(v))
def test_an_undecodable_argument_gets_a_clean_message_and_exit_2(monkeypatch, argv):
    spoiled = argv[:-1] + [argv[-1] + "\udcff"]           # what Python makes of the byte 0xff in argv
    code, out, err = Terminal("utf-8").run(monkeypatch, spoiled)
    assert code == 2 and out == b""
    assert f"argument {len(spoiled)} (" in err.decode() and "\\xff" in err.decode() and b"Traceback" not in err


def test_an_undecodable_folder_name_is_used_and_json_stays_valid_utf8(monkeypatch, tmp_path):
    folder = str(tmp_path) + "/data-\udcff"
    code, out, err = Terminal("utf-8").run(monkeypatch, ["--data-dir", folder, "stats", "--json"])
    assert code == 0 and err == b""
    data = json.loads(out.decode("utf-8"))
    assert data["store"] == folder + "/tutor.db"          # the escaped surrogate reads back as it was
    assert os.path.exists(os.fsencode(folder + "/tutor.db"))


@pytest.mark.parametrize("env", [{"LC_ALL": "C.UTF-8"}, {"LC_ALL": "C", "PYTHONIOENCODING": "latin-1"}],
                         ids=["utf8", "latin1"])
def test_real_undecodable_bytes_from_the_shell(tmp_path, env):
    base = dict(os.environ, TUTOR_DATA_DIR=str(tmp_path / "data"), **env)
    bad = subprocess.run([str(TUTOR), "answer", "4a", b"-ln(0.3)\xff"], env=base, capture_output=True, timeout=60)
    assert bad.returncode == 2 and b"is not valid text" in bad.stderr and b"Traceback" not in bad.stderr
    shown = subprocess.run([str(TUTOR), "show", "2b", "--json"], env=base, capture_output=True, timeout=60)
    assert shown.returncode == 0 and json.loads(shown.stdout.decode("utf-8"))["part"] == "2b"
