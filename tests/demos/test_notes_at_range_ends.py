"""Every demo's notes at both ends of every parameter's range: what they claim is what the
numbers show (a note written for the defaults must not turn false at the edges)."""

from __future__ import annotations

import re

import pytest

from tutor.demos import ParamError, get_demo, list_demos
from tutor.demos.view import fmt

# the longest runs are cut to keep the suite quick; their notes do not depend on the length
CAPS = {("dropout", "epochs"): 800, ("dropout", "masks"): 200, ("dropout", "train"): 400,
        ("lr-drop", "iterations"): 2000, ("lr-drop", "drop_at"): 1500, ("adam", "steps"): 3000,
        ("vanishing", "batch"): 256}


def _ends():
    for demo in list_demos():
        for param in demo.params:
            if param.kind == "choice":
                values = param.choices
            elif param.name == "seed":
                continue
            else:
                values = (param.low, param.high)
            for value in values:
                value = min(value, CAPS.get((demo.name, param.name), value)) if param.kind != "choice" else value
                yield pytest.param(demo.name, param.name, value, id=f"{demo.name}-{param.name}={value}")


def _run(name: str, param: str, value):
    demo = get_demo(name)
    values = demo.defaults()
    values[param] = int(value) if demo.param(param).kind == "int" else value
    try:
        resolved = demo.resolve(values)
    except ParamError:
        return None   # a combination the demo refuses (checked by its own tests)
    return demo.function()(**resolved)


@pytest.mark.parametrize("name, param, value", list(_ends()))
def test_notes_hold_at_the_ends_of_each_range(name, param, value):
    trace = _run(name, param, value)
    if trace is None:
        assert name in ("batch-vs-minibatch", "lr-drop", "label-smoothing", "nullspace")
        return
    notes = " ".join(trace.notes)
    assert trace.notes and all(isinstance(n, str) and n.strip() for n in trace.notes)
    assert "nan" not in notes.lower().split()
    CHECKS.get(name, lambda trace, notes: None)(trace, notes)


def _vanishing(trace, notes):
    ratio = trace.ratio_first_last
    assert ("keeps roughly its size" in trace.notes[0]) == (1 / 5 <= ratio <= 5), (ratio, trace.notes[0])
    assert f"var(w) = {fmt(trace.weight_variance)}" in notes                 # the variance in use
    stds = [s.activation_std for s in trace.layers]
    first, last = stds[0], stds[-2] if len(stds) > 1 else stds[0]
    if "Activation std keeps roughly its size" in notes:
        assert first / 5 <= last <= first * 5, (first, last)


def _dropout(trace, notes):
    if "dropout helps" in notes:
        assert trace.val_loss_dropout[-1] < trace.val_loss_plain[-1]
        assert trace.val_acc_dropout >= trace.val_acc_plain
    if "does not help" in notes:
        assert trace.val_loss_dropout[-1] >= trace.val_loss_plain[-1] and trace.val_acc_dropout <= trace.val_acc_plain


def _symmetry(trace, notes):
    m = re.search(r"spread (\S+) at step 0, (\S+) after (\d+) steps", notes)
    assert m, notes
    assert m.group(1) == fmt(trace.spread_random[0]) and m.group(2).rstrip(";") == fmt(trace.spread_random[-1])


CHECKS = {"vanishing": _vanishing, "dropout": _dropout, "symmetry": _symmetry}


def test_vanishing_says_keeps_its_size_only_when_it_does():
    from tutor.demos import vanishing

    grows = vanishing.run(init="custom", variance=0.1, activation="tanh", depth=10)
    assert 5 < grows.ratio_first_last < 100
    assert "keeps" not in grows.notes[0] and "grows ×" in grows.notes[0]


def test_dropout_does_not_claim_to_help_when_accuracy_falls():
    from tutor.demos.dropout import _verdict

    assert _verdict(True, 0.80, 0.81) == "lowers the validation loss but not the accuracy"
    assert _verdict(True, 0.81, 0.80) == "helps"
    assert _verdict(False, 0.82, 0.80) == "raises the validation accuracy but not the loss"
    assert _verdict(False, 0.80, 0.80) == "does not help here"
