"""`tutor demo`: --list, --json with --set, errors with exit 2, and opening the TUI."""

from __future__ import annotations

import json

import pytest

from tutor.cli.main import main


def _run(capsys, *args):
    code = main(["demo", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_list_shows_every_demo_and_its_parameters(capsys):
    code, out, _ = _run(capsys, "--list")
    assert code == 0
    for name in ("vanishing", "symmetry", "batch-vs-minibatch", "lr-drop", "adam", "label-smoothing",
                 "dropout", "nullspace", "cross-entropy"):
        assert f"\n{name}  —  " in "\n" + out
    assert "depth=10" in out and "2..100" in out and "small|xavier|he|custom" in out


def test_list_as_json(capsys):
    code, out, _ = _run(capsys, "--list", "--json")
    demos = json.loads(out)
    assert code == 0 and len(demos) == 9
    depth = next(p for p in demos[0]["params"] if p["name"] == "depth")
    assert depth == {"name": "depth", "kind": "int", "default": 10, "help": "number of layers", "min": 2, "max": 100}
    assert demos[0]["parts"] == ["1c"]


def test_json_trace_with_set(capsys):
    code, out, _ = _run(capsys, "vanishing", "--json", "--set", "depth=12", "init=xavier", "--set", "width=32")
    data = json.loads(out)
    assert code == 0
    assert data["params"]["depth"] == 12 and data["params"]["init"] == "xavier" and data["params"]["width"] == 32
    assert len(data["layers"]) == 12 and 0.05 < data["ratio_first_last"] < 5


def test_adam_json(capsys):
    code, out, _ = _run(capsys, "adam", "--json")
    data = json.loads(out)
    assert code == 0 and {1, 10, 100, 1000, 10000} <= set(data["t"])
    assert data["factor_beta1"][0] == pytest.approx(10)


@pytest.mark.parametrize("args,message", [
    (["vanishing", "--json", "--set", "depth=500"], "depth must be an integer from 2 to 100, got '500'"),
    (["vanishing", "--json", "--set", "colour=red"], "vanishing has no parameter 'colour'"),
    (["vanishing", "--json", "--set", "depth"], "expected NAME=VALUE"),
    (["nullspace", "--json", "--set", "m=5"], "m must be less than n_in (4)"),
    (["vanishng", "--json"], "unknown demo 'vanishng' (did you mean 'vanishing'?); the demos are: vanishing, symmetry"),
    (["--json"], "name a demo (one of: vanishing, symmetry"),
])
def test_errors_exit_2_with_a_message(capsys, args, message):
    code, out, err = _run(capsys, *args)
    assert code == 2 and out == ""
    assert message in err


def test_without_json_the_tui_opens_at_the_demo(monkeypatch, capsys):
    calls = []
    import tutor.cli.launch as launch

    monkeypatch.setattr(launch, "launch_tui", lambda args, exams, start: calls.append(start) or 0)
    assert _run(capsys, "vanishing")[0] == 0
    assert _run(capsys, "adam", "--set", "beta1=0.5")[0] == 0
    assert _run(capsys)[0] == 0
    assert calls[0] == ("demo", "vanishing")
    assert calls[1][:2] == ("demo", "adam") and calls[1][2]["beta1"] == 0.5
    assert calls[2] == ("demo", None)
    assert _run(capsys, "vanishing", "--set", "depth=1")[0] == 2 and len(calls) == 3


def test_console_script_prints_the_cross_entropy_trace(run_tutor):
    result = run_tutor("demo", "cross-entropy", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert round(data["right_loss"], 4) == 1.204 and round(data["wrong_loss"], 4) == 0.9163
