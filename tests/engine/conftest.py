"""Fields built directly from the model's dataclasses, mirroring the exam's parts."""

from __future__ import annotations

import pytest

from tutor.model.types import Field, Mistake, RubricItem, Symbols, SymbolSpec

SYMBOLS_2B = Symbols(
    dims={"m": (2, 7), "n": (2, 7)},
    vars={
        "x": SymbolSpec("x", shape=("n", 1)),
        "W": SymbolSpec("W", shape=("m", "n"), aliases=("W_k",)),
        "b": SymbolSpec("b", shape=("m", 1)),
        "y": SymbolSpec("y", shape=("m", 1)),
        "alpha": SymbolSpec("alpha", range=(0.05, 0.95), aliases=("α",)),
    },
    define=(("h", "W @ x"), ("g", "h + b"), ("f", "maximum(alpha*g, g)"),
            ("delta", "(f - y) * where(g > 0, 1, alpha)")),
)

DW_MISTAKES = (
    Mistake("no-leaky", "outer(f - y, x)", "You skipped the leaky-ReLU factor."),
    Mistake("relu-slope", "outer((f - y) * (g > 0), x)", "ReLU slope 0 instead of alpha."),
    Mistake("swapped", "outer((f - y) * where(g > 0, alpha, 1), x)", "The slopes are swapped."),
    Mistake("transposed", "x @ ((f - y) * where(g > 0, 1, alpha)).T", "Transposed: n×m."),
    Mistake("elementwise", "(f - y) * where(g > 0, 1, alpha) * x", "Elementwise instead of outer.", 0.0),
    Mistake("sign", "outer((y - f) * where(g > 0, 1, alpha), x)", "Sign error."),
    Mistake("half", "0.5 * outer((f - y) * where(g > 0, 1, alpha), x)", "The ½ was dropped twice.", 0.5),
    Mistake("dx", "W.T @ ((f - y) * where(g > 0, 1, alpha))", "That is dL/dx."),
)


def number_field(answer: str, mistakes=(), part: str = "4a", **kw) -> Field:
    """A number field of 3 points."""
    return Field(id="loss", part_id=part, kind="number", points=3, answer=answer, mistakes=tuple(mistakes), **kw)


@pytest.fixture(scope="session")
def f4a() -> Field:
    return number_field("-ln(0.3)", (
        Mistake("sign", "ln(0.3)", "Sign error."),
        Mistake("log10", "-log10(0.3)", "Base 10.", 0.5),
        Mistake("log2", "-log2(0.3)", "Base 2."),
        Mistake("wrong-class", "-ln(0.25)", "Wrong class."),
        Mistake("sum-all", "-(2*ln(0.25) + ln(0.3) + ln(0.2))", "Summed over all classes."),
        Mistake("one-minus-p", "-ln(0.7)", "Used 1 − p."),
    ))


@pytest.fixture(scope="session")
def f4b() -> Field:
    return number_field("-ln(0.4)", (
        Mistake("sign", "ln(0.4)", "Sign error."),
        Mistake("log10", "-log10(0.4)", "Base 10."),
        Mistake("log2", "-log2(0.4)", "Base 2."),
        Mistake("wrong-class", "-ln(0.6)", "Wrong class (or 1 − p)."),
        Mistake("sum-all", "-(ln(0.4) + ln(0.6))", "Summed over all classes."),
    ), part="4b")


@pytest.fixture(scope="session")
def dW() -> Field:
    return Field(id="dW", part_id="2b", kind="formula", points=7, label="∂L/∂W_k",
                 answer="outer((f - y) * where(g > 0, 1, alpha), x)", symbols=SYMBOLS_2B, mistakes=DW_MISTAKES)


@pytest.fixture(scope="session")
def db() -> Field:
    return Field(id="db", part_id="2b", kind="formula", points=7, label="∂L/∂b",
                 answer="(f - y) * where(g > 0, 1, alpha)", symbols=SYMBOLS_2B, mistakes=(
                     Mistake("no-leaky", "f - y", "Skipped the leaky-ReLU factor."),
                     Mistake("sign", "(y - f) * where(g > 0, 1, alpha)", "Sign error."),
                     Mistake("times-x", "outer((f - y) * where(g > 0, 1, alpha), x)", "That is dW."),
                 ))


@pytest.fixture(scope="session")
def factor() -> Field:
    symbols = Symbols(dims={}, vars={
        "beta1": SymbolSpec("beta1", range=(0.5, 0.999), aliases=("β1", "beta_1")),
        "t": SymbolSpec("t", range=(1, 50), integer=True)})
    return Field(id="factor", part_id="4g", kind="formula", points=3, label="correction factor",
                 answer="1/(1 - beta1^t)", symbols=symbols, mistakes=(
                     Mistake("t-dropped", "1/(1 - beta1)", "The exponent t is missing."),
                     Mistake("not-reciprocal", "1 - beta1^t", "Not the reciprocal."),
                 ))


@pytest.fixture(scope="session")
def shape_mn() -> Field:
    return Field(id="dW_shape", part_id="2b", kind="shape", points=1, answer="m x n",
                 mistakes=(Mistake("vector", "m", "That is a vector's shape."),))


@pytest.fixture(scope="session")
def shape_m() -> Field:
    return Field(id="db_shape", part_id="2b", kind="shape", points=1, answer="m",
                 mistakes=(Mistake("like-W", "m x n", "That is W's shape."),))


@pytest.fixture(scope="session")
def choice() -> Field:
    return Field(id="more_accurate", part_id="1b", kind="choice", points=2, answer="GD", options=("SGD", "GD"),
                 option_feedback={"SGD": "SGD's gradient is noisy.", "GD": "Right: the exact gradient."})


@pytest.fixture(scope="session")
def multi() -> Field:
    return Field(id="changed", part_id="2c", kind="choice", points=4, answer=("W_1", "b_k"), multiple=True,
                 options=("W_1", "b_1", "W_k", "b_k"),
                 option_feedback={"W_1": "W1 fb", "b_1": "b1 fb", "W_k": "Wk fb", "b_k": "bk fb"},
                 mistakes=(Mistake("all-weights", ("W_1", "W_k"), "Only the weights? Look at the biases."),))


@pytest.fixture(scope="session")
def graph() -> Field:
    return Field(id="graph", part_id="2a", kind="graph", points=11, answer="x, W -> h; h, b -> g; g -> f",
                 optional="alpha -> f", aliases={"W_k": "W", "α": "alpha"},
                 mistakes=(Mistake("no-bias", "x, W -> h; h -> g; g -> f", "Where does b enter?"),))


@pytest.fixture(scope="session")
def text() -> Field:
    return Field(id="explain", part_id="1a", kind="text", points=5, max_sentences=3,
                 model_answer="Classification predicts a discrete class; regression predicts a continuous value (both train on mini-batches).",
                 rubric=(RubricItem("discrete", "classification predicts discrete labels", 2, ("discret", "categor", "class label")),
                         RubricItem("continuous", "regression predicts continuous values", 2, ("continu", "real-valued", "real number")),
                         RubricItem("mini", "mentions mini-batches", 1, ("mini-batch",))))


def run_timed(func, *args):
    """(result or raised EngineError, CPU seconds, wall seconds) of one call, with GC paused.

    CPU time is the fair measure on a shared machine (a descheduled process is not a slow
    engine); wall time still catches a hang.
    """
    import gc
    import time

    from tutor.engine import EngineError

    enabled = gc.isenabled()
    gc.disable()
    cpu, wall = time.process_time(), time.perf_counter()
    try:
        outcome = func(*args)
    except EngineError as exc:
        outcome = exc
    finally:
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        if enabled:
            gc.enable()
    return outcome, cpu, wall


@pytest.fixture(scope="session")
def timed():
    """The `run_timed` helper as a fixture."""
    return run_timed
