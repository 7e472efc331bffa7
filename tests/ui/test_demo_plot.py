"""The demo plot's log-axis ticks: as many as the canvas has room for, ends labelled."""

from __future__ import annotations

from tutor.ui.widgets.demo_plot import decade_ticks, plottable


def test_decade_ticks_fit_the_room_and_keep_both_ends_when_a_step_divides_the_span():
    assert decade_ticks(-10, 0, most=7)[1] == ["1e-10", "1e-8", "1e-6", "1e-4", "0.01", "1"]
    assert decade_ticks(-10, 0, most=4)[1] == ["1e-10", "1e-5", "1"]      # a short plot: fewer ticks
    positions, labels = decade_ticks(-9.3, 0.2, most=4)
    assert labels[-1] == "10" and len(labels) <= 4                         # the top decade is always there
    assert positions == sorted(positions)


def test_narrow_ranges_get_one_two_five_ticks():
    _positions, labels = decade_ticks(-1.0, 0.0)
    assert labels == ["0.1", "0.2", "0.5", "1"]


def test_plottable_drops_what_a_log_axis_cannot_show():
    xs, ys = plottable([1, 2, 3, 4], [1.0, 0.0, float("nan"), -1.0], ylog=True)
    assert (xs, ys) == ([1.0], [1.0])


def test_the_axis_gets_headroom_only_when_data_would_run_under_the_legend():
    from tutor.ui.widgets.demo_plot import legend_headroom

    xs = [float(x) for x in range(1, 11)]
    rising = [float(x) for x in range(1, 11)]                 # top right: clear of the legend
    flat_high = [10.0] * 10                                  # along the top: under the legend
    assert legend_headroom(xs, rising, ["a", "b"], cols=80, rows=12) is None
    top = legend_headroom(xs + xs, rising + flat_high, ["a", "b"], cols=80, rows=12)
    assert top is not None and top > 10.0
    # the raised top leaves the legend's rows (plus half a row) above every point
    assert (top - 10.0) / (top - 1.0) * 12 >= 2.5 - 1e-9
    assert legend_headroom(xs + xs, rising + flat_high, ["a", "b", "c", "d", "e"], cols=80, rows=12) is None
