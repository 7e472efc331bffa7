"""The expression tree the parser builds and the evaluator walks (immutable, depth-bounded).

Every node keeps the learner's 1-based column (`col`) for error messages and its `depth`
(1 for a leaf), which never exceeds MAX_DEPTH: building a deeper node raises EngineError.
Sums and products are flat chains, so `1+1+…+1` is shallow however long it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from tutor.engine.errors import MAX_DEPTH, EngineError


def _depth(col: int, *children: Node) -> int:
    depth = 1 + max((c.depth for c in children), default=0)
    if depth > MAX_DEPTH:
        raise EngineError(f"the expression is nested too deeply (at most {MAX_DEPTH} levels)", col)
    return depth


@dataclass(frozen=True, slots=True)
class Num:
    """A number literal (or a constant once bound: `pi`, `e`)."""

    value: float
    text: str
    col: int
    depth: int = 1


@dataclass(frozen=True, slots=True)
class Name:
    """A name as typed; binding turns it into a Sym or a constant Num."""

    name: str
    col: int
    depth: int = 1


@dataclass(frozen=True, slots=True)
class Sym:
    """A bound symbol: `name` is canonical (`W`), `text` is what the learner typed (`W_k`)."""

    name: str
    text: str
    col: int
    depth: int = 1


@dataclass(frozen=True, slots=True)
class Neg:
    """Unary minus."""

    operand: Node
    col: int
    depth: int = 1


@dataclass(frozen=True, slots=True)
class Chain:
    """`a + b - c` (kind "sum") or `a * b / c @ d` (kind "product"), evaluated left to right.

    `ops[i]` joins operands[i] and operands[i+1]; `cols[i]` is that operator's column.
    """

    kind: str
    operands: tuple[Node, ...]
    ops: tuple[str, ...]
    cols: tuple[int, ...]
    col: int
    depth: int = 1


@dataclass(frozen=True, slots=True)
class Pow:
    """`base ^ exponent` (elementwise)."""

    base: Node
    exponent: Node
    col: int
    depth: int = 1


@dataclass(frozen=True, slots=True)
class Transpose:
    """`x'`, `x.T`, `x^T`, `xᵀ`."""

    operand: Node
    col: int
    depth: int = 1


@dataclass(frozen=True, slots=True)
class Call:
    """`f(a, b)`; `bare` when written without parentheses (`ln 0.3`)."""

    func: str
    args: tuple[Node, ...]
    col: int
    depth: int = 1
    bare: bool = False


@dataclass(frozen=True, slots=True)
class Compare:
    """`a > b` and friends, giving 1 where true and 0 where false."""

    op: str
    left: Node
    right: Node
    col: int
    depth: int = 1


Node = Num | Name | Sym | Neg | Chain | Pow | Transpose | Call | Compare


def make_neg(operand: Node, col: int) -> Neg:
    """Unary minus, depth-checked."""
    return Neg(operand, col, _depth(col, operand))


def make_chain(kind: str, left: Node, op: str, right: Node, col: int) -> Chain:
    """Extend `left` when it is a chain of the same kind (left-associative), else start one."""
    if isinstance(left, Chain) and left.kind == kind:
        operands = left.operands + (right,)
        return Chain(kind, operands, left.ops + (op,), left.cols + (col,), left.col, max(left.depth, _depth(col, right)))
    return Chain(kind, (left, right), (op,), (col,), left.col, _depth(col, left, right))


def make_pow(base: Node, exponent: Node, col: int) -> Pow:
    """Power, depth-checked."""
    return Pow(base, exponent, col, _depth(col, base, exponent))


def make_transpose(operand: Node, col: int) -> Transpose:
    """Transpose, depth-checked."""
    return Transpose(operand, col, _depth(col, operand))


def make_call(func: str, args: tuple[Node, ...], col: int, bare: bool = False) -> Call:
    """A function call, depth-checked."""
    return Call(func, args, col, _depth(col, *args), bare)


def make_compare(op: str, left: Node, right: Node, col: int) -> Compare:
    """A comparison, depth-checked."""
    return Compare(op, left, right, col, _depth(col, left, right))


def deepen(node: Node, col: int) -> Node:
    """The same node one level deeper (what a pair of parentheses costs)."""
    from dataclasses import replace

    return replace(node, depth=_depth(col, node))


def walk(node: Node) -> Iterator[Node]:
    """Every node of the tree, parents before children."""
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        if isinstance(n, (Neg, Transpose)):
            stack.append(n.operand)
        elif isinstance(n, Chain):
            stack.extend(n.operands)
        elif isinstance(n, Pow):
            stack.extend((n.base, n.exponent))
        elif isinstance(n, Call):
            stack.extend(n.args)
        elif isinstance(n, Compare):
            stack.extend((n.left, n.right))
