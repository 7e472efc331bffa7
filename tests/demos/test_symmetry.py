"""symmetry (1d): constant init keeps every unit identical, exactly; random init does not."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.demos import get_demo


@settings(max_examples=15, deadline=None)
@given(
    constant=st.floats(-3, 3).filter(lambda c: abs(c) > 0.05),
    width=st.integers(2, 24),
    hidden=st.integers(1, 3),
    activation=st.sampled_from(["tanh", "relu", "sigmoid"]),
    seed=st.integers(0, 10_000),
)
def test_constant_init_spread_is_exactly_zero_after_every_step(constant, width, hidden, activation, seed):
    trace = get_demo("symmetry").run(constant=constant, width=width, hidden=hidden, activation=activation,
                                     steps=25, lr=0.3, seed=seed)
    assert all(s == 0.0 for s in trace.spread_constant)
    assert trace.distinct_constant == (1,) * hidden


def test_random_init_breaks_symmetry():
    trace = get_demo("symmetry").run()
    assert min(trace.spread_random) > 0.1
    assert trace.distinct_random == (8, 8)
    assert "acts like a single unit" in " ".join(trace.notes)


def test_constant_init_learns_less_than_random_init():
    trace = get_demo("symmetry").run(steps=300)
    assert trace.loss_random[-1] < trace.loss_constant[-1]
    assert trace.loss_constant[-1] < trace.loss_constant[0]  # it does learn, as one unit


def test_weights_do_move_under_constant_init():
    """Spread 0 is not because nothing trains: the loss changes step by step."""
    trace = get_demo("symmetry").run(steps=10)
    assert len(set(trace.loss_constant)) > 5
    assert len(trace.steps) == 11 and trace.steps[0] == 0
