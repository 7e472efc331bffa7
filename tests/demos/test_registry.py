"""The registry and parameter specs: lookup, parsing and validation messages, lazy numpy."""

from __future__ import annotations

import inspect
import json
import re
import subprocess
import sys

import pytest

from tutor.demos import (
    REGISTRY,
    Param,
    ParamError,
    UnknownDemoError,
    get_demo,
    list_demos,
    run_demo,
    trace_to_json,
)

NAMES = ["vanishing", "symmetry", "batch-vs-minibatch", "lr-drop", "adam", "label-smoothing",
         "dropout", "nullspace", "cross-entropy"]


def test_the_nine_demos_are_registered_in_order():
    assert [d.name for d in list_demos()] == NAMES
    assert list(REGISTRY) == NAMES
    assert REGISTRY["adam"] is get_demo("adam")


def test_lookup_forgives_case_and_underscores():
    assert get_demo("Batch_vs_Minibatch").name == "batch-vs-minibatch"
    assert get_demo(" LR-drop ").name == "lr-drop"


def test_unknown_demo_lists_the_demos_and_suggests():
    with pytest.raises(UnknownDemoError) as info:
        get_demo("vanishng")
    message = str(info.value)
    assert "unknown demo 'vanishng'" in message and "did you mean 'vanishing'" in message
    assert all(name in message for name in NAMES)


def test_importing_the_package_does_not_import_numpy():
    code = ("import sys, tutor.demos as d; d.list_demos(); d.get_demo('vanishing').parse(['depth=50']); "
            "assert 'numpy' not in sys.modules, 'numpy imported'; print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


@pytest.mark.parametrize("name", NAMES)
def test_function_defaults_match_the_catalog(name):
    demo = get_demo(name)
    signature = inspect.signature(demo.function())
    assert {k: p.default for k, p in signature.parameters.items()} == demo.defaults()
    assert all(p.kind == inspect.Parameter.KEYWORD_ONLY for p in signature.parameters.values())


@pytest.mark.parametrize("name", NAMES)
def test_every_demo_runs_with_defaults_to_strict_json_with_notes(name, exam):
    demo = get_demo(name)
    trace = demo.run()
    linked = [p.id for p in exam.parts if p.demo == name]
    data = trace_to_json(trace, linked)
    text = json.dumps(data, allow_nan=False)
    assert json.loads(text)["demo"] == name
    assert data["parts"] == linked and linked
    assert data["params"] == demo.defaults()
    assert 3 <= len(trace.notes) <= 5
    # the part a demo explains is the content's to say: a demo never names an exam's parts
    words = " ".join((*trace.notes, trace.headline(), demo.title, demo.summary,
                      *(p.title for p in trace.plots()), *(s.label for p in trace.plots() for s in p.series)))
    assert not [p.id for p in exam.parts if re.search(rf"(?<![\w.]){p.id}(?![\w+-])", words)], words
    assert "Figure" not in words
    assert trace.plots() and all(s.x and len(s.x) == len(s.y) for p in trace.plots() for s in p.series)
    table = trace.table()
    assert table.rows and all(len(row) == len(table.columns) for row in table.rows)
    assert trace.headline()


@pytest.mark.parametrize("name", NAMES)
def test_traces_are_frozen(name):
    trace = get_demo(name).run()
    with pytest.raises(AttributeError):
        trace.notes = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        trace.params["x"] = 1  # type: ignore[index]


def test_parse_reads_k_equals_v_and_fills_defaults():
    params = get_demo("vanishing").parse(["depth=50", "init=Xavier", "scale=1e-3", "batch = 3"])
    assert params["depth"] == 50 and params["init"] == "xavier" and params["scale"] == 0.001 and params["batch"] == 3
    assert params["width"] == 64
    assert get_demo("batch-vs-minibatch").parse(["batch-size=32"])["batch_size"] == 32


@pytest.mark.parametrize("assignment,expected", [
    ("depth=500", "depth must be an integer from 2 to 100, got '500'"),
    ("depth=2.5", "depth must be an integer from 2 to 100, got '2.5'"),
    ("depth=ten", "depth must be an integer from 2 to 100, got 'ten'"),
    ("scale=0", "scale must be a number from 0.0001 to 1, got '0'"),
    ("scale=nan", "scale must be a number from 0.0001 to 1, got 'nan'"),
    ("init=zeros", "init must be one of small, xavier, he, custom, got 'zeros'"),
    ("activation=tahn", "did you mean 'tanh'?"),
    ("dpth=5", "vanishing has no parameter 'dpth' (did you mean 'depth'?); its parameters: depth, width"),
    ("depth", "expected NAME=VALUE (like depth=50), got 'depth'"),
])
def test_bad_parameters_name_the_valid_range(assignment, expected):
    with pytest.raises(ParamError) as info:
        get_demo("vanishing").parse([assignment])
    assert expected in str(info.value)


@pytest.mark.parametrize("name,assignments,expected", [
    ("batch-vs-minibatch", ["n=64", "batch_size=128"], "batch_size must be at most n (64)"),
    ("lr-drop", ["iterations=100", "drop_at=100"], "drop_at must be less than iterations (100)"),
    ("nullspace", ["n_in=3", "m=3"], "m must be less than n_in (3)"),
    ("label-smoothing", ["classes=2", "epsilon=0.5"], "epsilon must be less than (k−1)/k = 0.5"),
    ("label-smoothing", ["epsilon=0.1", "confident=0.8"], "confident must be more than 1−epsilon"),
])
def test_combinations_are_checked(name, assignments, expected):
    with pytest.raises(ParamError) as info:
        get_demo(name).parse(assignments)
    assert expected in str(info.value)


def test_run_demo_takes_overrides_as_values_or_text():
    assert run_demo("adam", beta1="0.5").params["beta1"] == 0.5
    assert run_demo("adam", {"beta1": 0.5}).factor_beta1[0] == pytest.approx(2.0)


def test_step_moves_within_range():
    depth = get_demo("vanishing").param("depth")
    assert depth.stepped(10, 1) == 15 and depth.stepped(98, 1) == 100 and depth.stepped(3, -1) == 2
    width = get_demo("vanishing").param("width")
    assert width.stepped(64, 1) == 128 and width.stepped(8, -1) == 8 and width.stepped(512, 1) == 512
    init = get_demo("vanishing").param("init")
    assert init.stepped("small", 1) == "xavier" and init.stepped("small", -1) == "custom"
    scale = get_demo("vanishing").param("scale")
    assert scale.stepped(0.01, 1) == pytest.approx(0.0316228)
    beta = get_demo("adam").param("beta1")
    assert beta.stepped(0.9, 1) == pytest.approx(0.91) and beta.stepped(0.9999, 1) == 0.9999


def test_a_param_with_a_bad_default_is_rejected():
    with pytest.raises(ValueError):
        Param("x", "int", 0, "help", 1, 5)
    with pytest.raises(ValueError):
        Param("x", "choice", "c", "help", choices=("a", "b"))


def test_the_content_says_which_parts_link_a_demo(exam):
    from tutor.model.ids import demo_links

    assert [p.id for _, p in demo_links([exam], "vanishing")] == ["1c"]
    assert [p.id for _, p in demo_links([exam], "cross-entropy")] == ["4a", "4b", "4c", "4d"]
    assert not any(hasattr(d, "parts") for d in list_demos())   # a demo never names exam parts


def test_every_demo_link_in_the_content_is_registered_and_every_demo_is_linked(exam):
    linked = {p.demo for p in exam.parts if p.demo}
    assert linked == set(NAMES)


def test_a_cancelled_run_stops_at_the_next_checkpoint_and_leaves_no_trace():
    from tutor.demos import Cancelled, cancellable

    calls = []

    def check():
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(Cancelled), cancellable(check):
        get_demo("dropout").run(epochs=3000)
    assert len(calls) == 4
    trace = get_demo("vanishing").run(depth=12)       # outside the block nothing is checked
    assert len(trace.layers) == 12
    with cancellable(lambda: False):
        assert get_demo("vanishing").run(depth=12) == trace


def test_no_demo_module_names_an_exam_part_or_figure():
    # "2c", "(4e)", "Figure 1": the links from parts to demos live in the content only
    import tutor.demos

    folder = __import__("pathlib").Path(tutor.demos.__file__).parent
    pattern = re.compile(r"(?<![\w.{])[1-9][a-g](?![\w+{-])|Figure \d")
    named = [(path.name, m.group()) for path in sorted(folder.glob("*.py"))
             for m in pattern.finditer(path.read_text(encoding="utf-8"))]
    assert not named
