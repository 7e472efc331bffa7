"""Printing an expression tree back the way it was read: `−ln(0.3)`, `δ @ xᵀ`, `1/(1 − β₁ᵗ)`."""

from __future__ import annotations

from tutor.engine import nodes as N
from tutor.engine.functions import SUBSCRIPT_DIGITS
from tutor.engine.normalize import GREEK_NAMES

_PREC = {"compare": 1, "sum": 2, "product": 3, "neg": 4, "pow": 5, "postfix": 6, "atom": 7}
_SUPERSCRIPT = str.maketrans("0123456789+-=()nitT", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱᵗᵀ")


def pretty_name(name: str) -> str:
    """`alpha` → `α`, `beta1` → `β₁`, `beta_1` → `β₁`; other names unchanged."""
    base = name.rstrip("0123456789")
    digits = name[len(base):]
    core = base[:-1] if digits and base.endswith("_") else base
    if core in GREEK_NAMES:
        return GREEK_NAMES[core] + digits.translate(SUBSCRIPT_DIGITS)
    return name


def _prec(node: N.Node) -> int:
    if isinstance(node, N.Compare):
        return _PREC["compare"]
    if isinstance(node, N.Chain):
        return _PREC[node.kind]
    if isinstance(node, N.Neg):
        return _PREC["neg"]
    if isinstance(node, N.Pow):
        return _PREC["pow"]
    if isinstance(node, N.Transpose):
        return _PREC["postfix"]
    if isinstance(node, N.Num) and node.value < 0:
        return _PREC["neg"]
    return _PREC["atom"]


def _wrap(node: N.Node, minimum: int) -> str:
    text = render(node)
    return f"({text})" if _prec(node) < minimum else text


def _number(node: N.Num) -> str:
    if node.text == "pi":
        return "π"
    text = node.text if node.text else f"{node.value:.12g}"
    return text.replace("-", "−")


def render(node: N.Node) -> str:
    """The expression as readable text with only the parentheses it needs."""
    if isinstance(node, N.Num):
        return _number(node)
    if isinstance(node, (N.Sym, N.Name)):
        return pretty_name(node.text if isinstance(node, N.Sym) else node.name)
    if isinstance(node, N.Neg):
        inner = node.operand
        if isinstance(inner, N.Chain) and inner.kind == "product" and not render(inner).startswith("−"):
            return "−" + render(inner)  # −(2·x) = (−2)·x: a minus in front of a product needs no parentheses
        return "−" + _wrap(inner, _PREC["neg"] + 1)
    if isinstance(node, N.Chain):
        return _chain(node)
    if isinstance(node, N.Pow):
        base = _wrap(node.base, _PREC["pow"] + 1)
        exp = node.exponent
        if isinstance(exp, (N.Num, N.Sym)) and len(render(exp)) <= 3:
            small = render(exp)
            sup = small.translate(_SUPERSCRIPT)
            if all(c in "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱᵗᵀ" for c in sup) and "." not in small:
                return base + sup
            return f"{base}^{small}"
        return f"{base}^({render(exp)})"
    if isinstance(node, N.Transpose):
        return _wrap(node.operand, _PREC["postfix"]) + "ᵀ"
    if isinstance(node, N.Call):
        return f"{node.func}({', '.join(render(a) for a in node.args)})"
    if isinstance(node, N.Compare):
        op = {">=": "≥", "<=": "≤", "!=": "≠"}.get(node.op, node.op)
        return f"{_wrap(node.left, 2)} {op} {_wrap(node.right, 2)}"
    return "?"


def _chain(node: N.Chain) -> str:
    mine = _PREC[node.kind]
    parts = [_wrap(node.operands[0], mine)]
    for op, operand in zip(node.ops, node.operands[1:]):
        text = _wrap(operand, mine + 1)
        if node.kind == "sum":
            parts.append((" + " if op == "+" else " − ") + text)
        elif op == "@":
            parts.append(" @ " + text)
        elif op == "*":
            parts.append("·" + text)
        else:
            parts.append("/" + text)
    return "".join(parts)
