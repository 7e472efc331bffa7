"""Evaluating a bound expression tree with numpy, inside the engine's bounds.

Scalars are floats; vectors and matrices are 2-D arrays (vectors are columns). Strict mode
(number answers) turns the first undefined step into an EngineError at its column
("col 2: ln of −0.3 is undefined"); lenient mode (formula trials) lets NaN flow so the
comparison can reject it. Every operand checks the deadline; array sizes, matrix-product
work and exponents are bounded before anything is computed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeAlias

import numpy as np
from numpy.typing import NDArray

from tutor.engine import nodes as N
from tutor.engine.errors import (
    MAX_ELEMENTS,
    MAX_EXPONENT,
    MAX_FLOPS,
    Deadline,
    EngineError,
    ShapeMismatch,
)

Value: TypeAlias = "float | NDArray[np.float64]"
"""What an expression evaluates to: a float, or a 2-D array (vectors are columns)."""

Label: TypeAlias = Callable[[tuple[int, ...]], str]


def plain_label(shape: tuple[int, ...]) -> str:
    """`3×5`, or "a scalar" for ()."""
    return "×".join(str(d) for d in shape) if shape else "a scalar"


def fmt(value: Value) -> str:
    """A value for a message: 6 significant digits, a Unicode minus."""
    if isinstance(value, np.ndarray):
        if value.size == 1:
            value = value.item()
        else:
            return f"a {plain_label(value.shape)} array"
    return f"{float(value):.6g}".replace("-", "−")


class Evaluator:
    """Evaluates trees against one environment of symbol values."""

    __slots__ = ("deadline", "env", "label", "strict")

    def __init__(self, env: Mapping[str, Value], *, strict: bool, deadline: Deadline,
                 label: Label = plain_label) -> None:
        self.env = env
        self.strict = strict
        self.deadline = deadline
        self.label = label

    def run(self, node: N.Node) -> Value:
        """The value of `node`; EngineError (or ShapeMismatch) when it cannot be computed."""
        with np.errstate(all="ignore"):
            return self.ev(node)

    # -- dispatch ---------------------------------------------------------------------------
    def ev(self, node: N.Node) -> Value:
        """Evaluate one node (recursion depth is bounded by the tree's depth)."""
        self.deadline.check()
        if isinstance(node, N.Num):
            return node.value
        if isinstance(node, N.Sym):
            return self.env[node.name]
        if isinstance(node, N.Chain):
            return self._chain(node)
        if isinstance(node, N.Call):
            return self._call(node)
        if isinstance(node, N.Neg):
            return -self.ev(node.operand)
        if isinstance(node, N.Pow):
            return self._pow(node)
        if isinstance(node, N.Transpose):
            value = self.ev(node.operand)
            return value.T if isinstance(value, np.ndarray) else value
        if isinstance(node, N.Compare):
            return self._compare(node)
        raise EngineError("could not evaluate this expression", getattr(node, "col", None))

    # -- helpers ----------------------------------------------------------------------------
    def _finite(self, value: Value, col: int, what: str) -> Value:
        if self.strict and not np.all(np.isfinite(value)):
            raise EngineError(what, col)
        return value

    def _broadcast(self, a: Value, b: Value, col: int, verb: str) -> None:
        if not (isinstance(a, np.ndarray) and isinstance(b, np.ndarray)):
            return
        if a.shape == b.shape:
            return
        shape = []
        for x, y in zip(a.shape, b.shape):
            if x != y and x != 1 and y != 1:
                raise ShapeMismatch(f"can't {verb} {self.label(a.shape)} and {self.label(b.shape)}: the shapes don't match", col)
            shape.append(max(x, y))
        if shape[0] * shape[1] > MAX_ELEMENTS:
            raise EngineError(f"the result would be too large (over {MAX_ELEMENTS:,} elements)", col)

    def _chain(self, node: N.Chain) -> Value:
        acc = self.ev(node.operands[0])
        for op, col, operand in zip(node.ops, node.cols, node.operands[1:]):
            right = self.ev(operand)
            if op == "+":
                self._broadcast(acc, right, col, "add")
                acc = acc + right
            elif op == "-":
                self._broadcast(acc, right, col, "subtract")
                acc = acc - right
            elif op == "*":
                self._broadcast(acc, right, col, "multiply elementwise")
                acc = self._finite(acc * right, col, "the product overflows")
            elif op == "/":
                self._broadcast(acc, right, col, "divide")
                if self.strict and np.any(np.asarray(right) == 0):
                    raise EngineError("division by zero", col)
                acc = self._finite(np.divide(acc, right), col, "the quotient overflows")
            else:
                acc = self._matmul(acc, right, col)
            if op in "+-":
                acc = self._finite(acc, col, "the sum overflows")
        return acc

    def _matmul(self, a: Value, b: Value, col: int) -> Value:
        if not isinstance(a, np.ndarray) or not isinstance(b, np.ndarray):
            scalar = b if isinstance(a, np.ndarray) else a
            raise ShapeMismatch(f"@ is a matrix product, but one side is a scalar ({fmt(scalar)}) — use * to scale", col)
        if a.shape[1] != b.shape[0]:
            tip = ""
            if a.shape[1] == 1 and b.shape[1] == 1:
                tip = " (two columns: transpose the second, as in u @ vᵀ, for their outer product)"
            elif b.shape[1] == a.shape[0]:
                tip = " (the other order fits)"
            elif a.shape[0] == b.shape[0] or a.shape[1] == b.shape[1]:
                tip = " (a transpose would fit)"
            raise ShapeMismatch(
                f"can't multiply {self.label(a.shape)} @ {self.label(b.shape)}: "
                f"the inner sizes {self.label(a.shape[1:])} and {self.label(b.shape[:1])} differ{tip}", col)
        if a.shape[0] * b.shape[1] > MAX_ELEMENTS or a.shape[0] * a.shape[1] * b.shape[1] > MAX_FLOPS:
            raise EngineError("this matrix product is too large to compute", col)
        return self._finite(a @ b, col, "the matrix product overflows")

    def _pow(self, node: N.Pow) -> Value:
        base = self.ev(node.base)
        exp = self.ev(node.exponent)
        self._broadcast(base, exp, node.col, "raise")
        biggest = np.max(np.abs(exp)) if isinstance(exp, np.ndarray) else abs(exp)
        if not biggest <= MAX_EXPONENT:
            raise EngineError(f"exponent too large ({fmt(biggest)}; at most {MAX_EXPONENT})", node.col)
        if self.strict:
            if np.any((np.asarray(base) < 0) & (np.asarray(exp) != np.round(exp))):
                raise EngineError(f"a negative number to a fractional power is undefined ({fmt(base)}^{fmt(exp)})", node.col)
            if np.any((np.asarray(base) == 0) & (np.asarray(exp) < 0)):
                raise EngineError("0 to a negative power is a division by zero", node.col)
        return self._finite(np.power(base, exp), node.col, "the power overflows (the result is too large)")

    def _compare(self, node: N.Compare) -> Value:
        a = self.ev(node.left)
        b = self.ev(node.right)
        self._broadcast(a, b, node.col, "compare")
        op = node.op
        out = a > b if op == ">" else a < b if op == "<" else a >= b if op == ">=" else a <= b if op == "<=" else a == b if op == "==" else a != b
        return out.astype(float) if isinstance(out, np.ndarray) else float(out)

    def _call(self, node: N.Call) -> Value:
        args = [self.ev(a) for a in node.args]
        func = node.func
        impl = _UNARY.get(func)
        if impl is not None:
            x = args[0]
            guard = _DOMAIN.get(func)
            if self.strict and guard and np.any(guard[0](np.asarray(x))):
                raise EngineError(guard[1].format(arg=fmt(x)), node.col)
            return self._finite(impl(x), node.col, f"{func}(…) overflows or is undefined here")
        return _CALLS[func](self, node, args)


def _as_array(value: Value) -> NDArray[np.float64]:
    return value if isinstance(value, np.ndarray) else np.array([[float(value)]])


def _sigmoid(x: Value) -> Value:
    return 0.5 * (1.0 + np.tanh(0.5 * x))


_UNARY: dict[str, Callable[[Value], Value]] = {
    "ln": np.log, "log10": np.log10, "log2": np.log2, "exp": np.exp, "sqrt": np.sqrt,
    "abs": np.abs, "sign": np.sign, "tanh": np.tanh, "sigmoid": _sigmoid,
    "relu": lambda x: np.maximum(x, 0.0),
}
_DOMAIN: dict[str, tuple[Callable[[NDArray[np.float64]], NDArray[np.bool_]], str]] = {
    "ln": (lambda x: x <= 0, "ln of {arg} is undefined (ln needs a positive number)"),
    "log10": (lambda x: x <= 0, "log10 of {arg} is undefined (it needs a positive number)"),
    "log2": (lambda x: x <= 0, "log2 of {arg} is undefined (it needs a positive number)"),
    "sqrt": (lambda x: x < 0, "sqrt of {arg} is undefined (it needs a number ≥ 0)"),
}


Call: TypeAlias = "Callable[[Evaluator, N.Call, list[Value]], Value]"


def _extreme(pick: Callable[[Value, Value], Value], reduce: Callable[[Value], Value]) -> Call:
    def call(ev: Evaluator, node: N.Call, args: list[Value]) -> Value:
        if len(args) == 1:
            x = args[0]
            return float(reduce(x)) if isinstance(x, np.ndarray) else x
        ev._broadcast(args[0], args[1], node.col, f"take the {node.func} of")
        return pick(args[0], args[1])
    return call


def _elementwise2(pick: Callable[[Value, Value], Value]) -> Call:
    def call(ev: Evaluator, node: N.Call, args: list[Value]) -> Value:
        ev._broadcast(args[0], args[1], node.col, f"take the {node.func} of")
        return pick(args[0], args[1])
    return call


def _where(ev: Evaluator, node: N.Call, args: list[Value]) -> Value:
    cond, a, b = args
    ev._broadcast(cond, a, node.col, "combine (where)")
    ev._broadcast(cond, b, node.col, "combine (where)")
    ev._broadcast(a, b, node.col, "combine (where)")
    out = np.where(np.asarray(cond) != 0, a, b)
    return out if any(isinstance(v, np.ndarray) for v in args) else float(out)


def _outer(ev: Evaluator, node: N.Call, args: list[Value]) -> Value:
    a, b = (_as_array(v).ravel() for v in args)
    if a.size * b.size > MAX_ELEMENTS:
        raise EngineError(f"the result would be too large (over {MAX_ELEMENTS:,} elements)", node.col)
    return np.outer(a, b)


def _dot(ev: Evaluator, node: N.Call, args: list[Value]) -> Value:
    a, b = args
    if not isinstance(a, np.ndarray) or not isinstance(b, np.ndarray):
        return a * b
    if 1 in a.shape and 1 in b.shape and a.size == b.size:
        return float(a.ravel() @ b.ravel())
    return ev._matmul(a, b, node.col)


def _diag(ev: Evaluator, node: N.Call, args: list[Value]) -> Value:
    x = args[0]
    if not isinstance(x, np.ndarray):
        return x
    if 1 in x.shape:
        if x.size * x.size > MAX_ELEMENTS:
            raise EngineError(f"the result would be too large (over {MAX_ELEMENTS:,} elements)", node.col)
        return np.diagflat(x.ravel())
    return np.diagonal(x).reshape(-1, 1).copy()


def _reduce(func: Callable[[Value], Value]) -> Call:
    def call(ev: Evaluator, node: N.Call, args: list[Value]) -> Value:
        x = args[0]
        return float(func(x)) if isinstance(x, np.ndarray) else x
    return call


def _norm(ev: Evaluator, node: N.Call, args: list[Value]) -> Value:
    x = args[0]
    return float(np.sqrt(np.sum(np.square(x)))) if isinstance(x, np.ndarray) else abs(x)


def _transpose(ev: Evaluator, node: N.Call, args: list[Value]) -> Value:
    x = args[0]
    return x.T if isinstance(x, np.ndarray) else x


_CALLS: dict[str, Call] = {
    "max": _extreme(np.maximum, np.max), "min": _extreme(np.minimum, np.min),
    "maximum": _elementwise2(np.maximum), "minimum": _elementwise2(np.minimum),
    "where": _where, "outer": _outer, "dot": _dot, "diag": _diag,
    "sum": _reduce(np.sum), "mean": _reduce(np.mean), "norm": _norm, "transpose": _transpose,
}


def evaluate(node: N.Node, env: Mapping[str, Value] | None = None, *, strict: bool = True,
             deadline: Deadline | None = None, label: Label = plain_label) -> Value:
    """Evaluate a bound tree (see `names.bind`) with symbol values from `env`."""
    return Evaluator(env or {}, strict=strict, deadline=deadline or Deadline(), label=label).run(node)
