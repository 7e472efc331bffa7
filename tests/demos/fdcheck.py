"""Central finite differences, for checking every backward pass against its forward pass."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def numeric_grad(loss: Callable[[], float], array: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """∂loss/∂array by central differences, perturbing `array` in place (restored after)."""
    grad = np.zeros(array.shape, dtype=np.float64)
    for i in np.ndindex(array.shape):
        old = array[i]
        array[i] = old + eps
        up = loss()
        array[i] = old - eps
        down = loss()
        array[i] = old
        grad[i] = (up - down) / (2 * eps)
    return grad


def assert_close_grad(analytic: np.ndarray, numeric: np.ndarray, rtol: float = 1e-5, atol: float = 1e-8) -> None:
    """Analytic and numeric gradients agree entrywise, and neither is trivially zero."""
    assert analytic.shape == numeric.shape
    assert np.abs(numeric).max() > 1e-6, "the finite-difference gradient is zero: the check would be empty"
    np.testing.assert_allclose(analytic, numeric, rtol=rtol, atol=atol * max(1.0, np.abs(numeric).max()))
