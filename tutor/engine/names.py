"""Binding names: which symbol, constant or function each name in an expression means.

Binding is where "unknown name 'xs' — did you mean 'x'?" comes from. It also resolves the
content's aliases (`W_k` for `W`), spellings without underscores (`Wk`, `beta1` for
`beta_1`), a few synonyms (`eps` for `epsilon`), and `x^T` as a transpose.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import lru_cache

from tutor.engine import nodes as N
from tutor.engine.errors import EngineError
from tutor.engine.functions import (
    CONSTANTS,
    FUNCTIONS,
    SYNONYMS,
    canonical_function,
    function_names,
)
from tutor.engine.grammar import parse
from tutor.engine.normalize import normalize_name


@dataclass(frozen=True, eq=False)
class Scope:
    """The names an expression may use: spelling → canonical symbol name (hashable by content)."""

    spellings: dict[str, str] = field(default_factory=dict)
    what: str = "number"  # "number": numbers only; "formula": declared symbols
    scalars: bool = False  # every symbol is a scalar: there is nothing to transpose

    def _key(self) -> tuple[object, ...]:
        return (self.what, self.scalars, tuple(sorted(self.spellings.items())))

    def __hash__(self) -> int:
        return hash(self._key())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Scope) and self._key() == other._key()

    @classmethod
    def numbers(cls) -> Scope:
        """The scope of a number field: constants and functions only."""
        return cls({}, "number")

    @classmethod
    def build(cls, names: dict[str, tuple[str, ...]], scalars: bool = False) -> Scope:
        """A scope from canonical name → aliases (aliases may use Unicode: `α`, `W_{k}`);
        `scalars` when every symbol is a scalar."""
        spell: dict[str, str] = {}
        for name, aliases in names.items():
            for alias in (name, *aliases):
                spell.setdefault(normalize_name(alias), name)
        for alias, name in list(spell.items()):
            spell.setdefault(alias.replace("_", ""), name)
        for group in SYNONYMS:
            owner = next((spell[g] for g in group if g in spell), None)
            if owner:
                for g in group:
                    spell.setdefault(g, owner)
        return cls(spell, "formula", scalars)

    def lookup(self, name: str) -> str | None:
        """The canonical symbol a spelling means, or None."""
        return self.spellings.get(name) or self.spellings.get(name.replace("_", ""))

    def suggest(self, name: str, functions: bool = False) -> str | None:
        """The closest known name, for 'did you mean' (an alias is named by its symbol)."""
        if functions:
            lookalike = _lookalike_function(name)
            if lookalike:
                return lookalike
        pool = list(self.spellings) + list(CONSTANTS)
        if functions:
            pool = function_names()
        pool += [name.lower()] if name.lower() in pool else []
        match = difflib.get_close_matches(name, pool, n=1, cutoff=0.6)
        if not match and not functions:
            match = difflib.get_close_matches(name, function_names(), n=1, cutoff=0.75)
            if match:
                return match[0] + "(…)"
        if match and not functions:
            return self.spellings.get(match[0], match[0])
        return match[0] if match else None


# Letters a typist (or a phone's autocorrect) confuses with l: capital I and the digit 1.
_LOOKALIKE_L = str.maketrans({"I": "l", "1": "l", "|": "l"})


def _lookalike_function(name: str) -> str | None:
    """`In` → `ln`: a function name that differs only by a letter that looks like l."""
    fixed = name.translate(_LOOKALIKE_L)
    if fixed != name and canonical_function(fixed):
        return fixed if canonical_function(fixed) == fixed else canonical_function(fixed)
    return None


def _unknown(name: str, col: int, scope: Scope) -> EngineError:
    hint = scope.suggest(name)
    if hint:
        return EngineError(f"unknown name '{name}' — did you mean '{hint}'?", col)
    if scope.what == "number":
        return EngineError(f"unknown name '{name}' — a number answer uses numbers, pi, e and functions like ln(0.3)", col)
    known = ", ".join(sorted(set(scope.spellings.values())))
    return EngineError(f"unknown name '{name}' — the names here are {known}", col)


def bind(node: N.Node, scope: Scope) -> N.Node:
    """A copy of the tree with names resolved; raises EngineError for anything unknown."""
    if isinstance(node, N.Num):
        return node
    if isinstance(node, N.Name):
        canonical = scope.lookup(node.name)
        if canonical:
            return N.Sym(canonical, node.name, node.col)
        const = node.name if node.name in CONSTANTS else node.name.lower() if node.name.lower() in ("pi",) else None
        if const:
            return N.Num(CONSTANTS[const], const, node.col)
        if canonical_function(node.name):
            return_hint = f"{node.name}(…)"
            raise EngineError(f"'{node.name}' is a function — write {return_hint}", node.col)
        raise _unknown(node.name, node.col, scope)
    if isinstance(node, N.Neg):
        return N.Neg(bind(node.operand, scope), node.col, node.depth)
    if isinstance(node, N.Chain):
        return N.Chain(node.kind, tuple(bind(o, scope) for o in node.operands), node.ops, node.cols, node.col, node.depth)
    if isinstance(node, N.Pow):
        exp = node.exponent
        if isinstance(exp, N.Name) and exp.name in ("T", "top") and not scope.lookup(exp.name):
            if exp.name == "T" and scope.scalars and scope.lookup("t"):
                # only scalars and a symbol t (a step count): beta1^T is a power, as on paper
                return N.Pow(bind(node.base, scope), bind(N.Name("t", exp.col), scope), node.col, node.depth)
            return N.Transpose(bind(node.base, scope), node.col, node.depth)
        return N.Pow(bind(node.base, scope), bind(exp, scope), node.col, node.depth)
    if isinstance(node, N.Transpose):
        return N.Transpose(bind(node.operand, scope), node.col, node.depth)
    if isinstance(node, N.Compare):
        return N.Compare(node.op, bind(node.left, scope), bind(node.right, scope), node.col, node.depth)
    if isinstance(node, N.Call):
        return _bind_call(node, scope)
    raise EngineError("could not read this expression", getattr(node, "col", None))


def _bind_call(node: N.Call, scope: Scope) -> N.Call:
    func = canonical_function(node.func)
    if func is None:
        if scope.lookup(node.func) or node.func in CONSTANTS:
            raise EngineError(f"'{node.func}' is not a function — to multiply, write {node.func}*(…)", node.col)
        hint = scope.suggest(node.func, functions=True)
        tail = f" — did you mean '{hint}'?" if hint else ""
        raise EngineError(f"unknown function '{node.func}'{tail}", node.col)
    low, high, usage = FUNCTIONS[func]
    n = len(node.args)
    if high == 1 and n == 2 and all(_whole_number(a) for a in node.args):
        whole, frac = (a.text for a in node.args)  # type: ignore[union-attr]
        raise EngineError(f"'{whole},{frac}' — write a decimal point: {func}({whole}.{frac}) "
                          f"(a comma separates a function's arguments)", max(node.args[1].col - 1, 1))
    if not low <= n <= high:
        count = f"{low}" if low == high else f"{low} or {high}"
        noun = "argument" if high == 1 else "arguments"
        raise EngineError(f"{func} takes {count} {noun}, not {n}: {usage}", node.col)
    return N.Call(func, tuple(bind(a, scope) for a in node.args), node.col, node.depth, node.bare)


def _whole_number(node: N.Node) -> bool:
    """A literal written with digits only (`0`, `3`), as on either side of a decimal comma."""
    return isinstance(node, N.Num) and node.text.isdigit()


def symbols_used(node: N.Node) -> set[str]:
    """The canonical symbols a bound tree refers to."""
    return {n.name for n in N.walk(node) if isinstance(n, N.Sym)}


@lru_cache(maxsize=4096)
def bind_text(text: str, scope: Scope) -> N.Node:
    """Parse and bind in one step (cached): the tree an answer string means in a scope."""
    return bind(parse(text).root, scope)
