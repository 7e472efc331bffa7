"""The answer language's grammar: a lark LALR parser, built once on first use, and `parse`.

Parsing builds the expression tree directly (lark's inline transformer), so deep input never
recurses; results are cached, so parsing the same text twice costs a dictionary look-up.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, cast

from tutor.engine import nodes as N
from tutor.engine.errors import MAX_CHARS, MAX_DEPTH, MAX_EXPONENT, EngineError
from tutor.engine.functions import PARENLESS
from tutor.engine.normalize import Normalized, normalize

if TYPE_CHECKING:
    from lark import Lark, Token, Transformer
    from lark.exceptions import UnexpectedInput

GRAMMAR = r"""
?start: comparison

?comparison: sum
    | sum COMP sum                  -> compare

?sum: product
    | sum ADDOP product             -> chain_add

?product: unary
    | product MULOP unary           -> chain_mul

?unary: power
    | ADDOP unary                   -> unary_op
    | FUNC npower                   -> apply
    | NUMBER ifactor                -> implicit_mul

// A number written straight before a name or a parenthesis multiplies it: 2x, 0.5(f - y).
?ifactor: ipostfix
    | ipostfix POW unary            -> pow

?ipostfix: NAME                     -> name
    | NAME LPAR [args] RPAR         -> call
    | FUNC LPAR [args] RPAR         -> call
    | LPAR comparison RPAR          -> paren
    | ipostfix QUOTE                -> transpose

?power: postfix
    | postfix POW unary             -> pow

?postfix: atom
    | postfix QUOTE                 -> transpose

?atom: NUMBER                       -> number
    | NAME                          -> name
    | NAME LPAR [args] RPAR         -> call
    | FUNC LPAR [args] RPAR         -> call
    | LPAR comparison RPAR          -> paren
    | BAR comparison BAR            -> absbar
    | DBAR comparison DBAR          -> normbar

?npower: npostfix
    | npostfix POW unary            -> pow

?npostfix: NUMBER                   -> number
    | NAME                          -> name
    | npostfix QUOTE                -> transpose

args: comparison (COMMA comparison)*

NUMBER: /(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/
FUNC.2: /(?i:{funcs})(?![A-Za-z0-9_])/
NAME: /[A-Za-z_][A-Za-z0-9_]*/
COMP: />=|<=|==|!=|>|</
ADDOP: /[+-]/
POW.3: /\*\*|\^/
MULOP: /[*\/@]/
QUOTE: "'"
LPAR: "("
RPAR: ")"
COMMA: ","
BAR: "|"
DBAR: "‖"
%ignore /[ ]+/
""".format(funcs="|".join(sorted(PARENLESS, key=len, reverse=True)))

_LITERAL_EXP = re.compile(r"[eE]([+-]?\d+)$")


@dataclass(frozen=True)
class Parsed:
    """A parsed answer: its tree and the cleaned text it came from."""

    root: N.Node
    norm: Normalized


class _BuildState:
    """What the builder needs while one parse runs (set under the parse lock)."""

    def __init__(self) -> None:
        self.norm = Normalized("", ())
        self.implicit: set[int] = set()  # ids of the products written without an operator (2x)


_STATE = _BuildState()


def _builder_class() -> type[Transformer[Token, N.Node]]:
    from lark import Token, Transformer, v_args

    @v_args(inline=True)
    class Builder(Transformer[Token, N.Node]):
        """Turns each grammar rule into a tree node as the parser reduces it."""

        def _col(self, tok: Token) -> int:
            return _STATE.norm.column(tok.start_pos or 0)

        def number(self, tok: Token) -> N.Num:
            col = self._col(tok)
            text = str(tok)
            m = _LITERAL_EXP.search(text)
            if m and abs(int(m.group(1))) > MAX_EXPONENT:
                raise EngineError(f"exponent too large in {text} (at most {MAX_EXPONENT})", col)
            value = float(text)
            if value == float("inf"):
                raise EngineError(f"number too large: {text[:20]}{'…' if len(text) > 20 else ''}", col)
            return N.Num(value, text, col)

        def name(self, tok: Token) -> N.Name:
            return N.Name(str(tok), self._col(tok))

        def call(self, func: Token, _lpar: Token, args: list[N.Node] | None, _rpar: Token) -> N.Call:
            return N.make_call(str(func), tuple(args or ()), self._col(func))

        def apply(self, func: Token, arg: N.Node) -> N.Call:
            return N.make_call(str(func), (arg,), self._col(func), bare=True)

        def args(self, *items: N.Node | Token) -> list[N.Node]:
            return [i for i in items if not _is_token(i)]  # type: ignore[misc]

        def paren(self, lpar: Token, inner: N.Node, _rpar: Token) -> N.Node:
            return N.deepen(inner, self._col(lpar))

        def absbar(self, bar: Token, inner: N.Node, _bar: Token) -> N.Call:
            return N.make_call("abs", (inner,), self._col(bar))

        def normbar(self, bar: Token, inner: N.Node, _bar: Token) -> N.Call:
            return N.make_call("norm", (inner,), self._col(bar))

        def chain_add(self, left: N.Node, op: Token, right: N.Node) -> N.Chain:
            return N.make_chain("sum", left, str(op), right, self._col(op))

        def chain_mul(self, left: N.Node, op: Token, right: N.Node) -> N.Chain:
            if str(op) == "/" and id(right) in _STATE.implicit:
                raise EngineError("ambiguous: a / 2x could mean (a/2)·x or a/(2x) — write the one you mean "
                                  "with * and parentheses", self._col(op))
            return N.make_chain("product", left, str(op), right, self._col(op))

        def implicit_mul(self, number: Token, factor: N.Node) -> N.Chain:
            left = self.number(number)
            node = N.make_chain("product", left, "*", factor, left.col)
            _STATE.implicit.add(id(node))
            return node

        def unary_op(self, op: Token, operand: N.Node) -> N.Node:
            if str(op) == "+":
                return N.deepen(operand, self._col(op))
            return N.make_neg(operand, self._col(op))

        def pow(self, base: N.Node, op: Token, exponent: N.Node) -> N.Pow:
            return N.make_pow(base, exponent, self._col(op))

        def transpose(self, operand: N.Node, quote: Token) -> N.Transpose:
            return N.make_transpose(operand, self._col(quote))

        def compare(self, left: N.Node, op: Token, right: N.Node) -> N.Compare:
            return N.make_compare(str(op), left, right, self._col(op))

    return Builder


def _is_token(item: object) -> bool:
    from lark import Token

    return isinstance(item, Token)


_LOCK = threading.Lock()
_PARSER: Lark | None = None


def _parser() -> Lark:
    global _PARSER
    if _PARSER is None:
        from lark import Lark

        _PARSER = Lark(GRAMMAR, parser="lalr", lexer="contextual", transformer=_builder_class()(), maybe_placeholders=True)
    return _PARSER


def _prescan(norm: Normalized) -> None:
    """Unbalanced parentheses and runaway nesting, reported before the parser sees them."""
    stack: list[int] = []
    for i, ch in enumerate(norm.text):
        if ch == "(":
            stack.append(i)
            if len(stack) > MAX_DEPTH:
                raise EngineError(f"the expression is nested too deeply (at most {MAX_DEPTH} levels)", norm.column(i))
        elif ch == ")":
            if not stack:
                raise EngineError("this ')' closes nothing", norm.column(i))
            stack.pop()
    if stack:
        raise EngineError("this '(' is never closed", norm.column(stack[-1]))


@lru_cache(maxsize=4096)
def parse(text: str) -> Parsed:
    """Parse an answer-language expression; raises EngineError with a column and a reason."""
    if len(text) > MAX_CHARS:
        raise EngineError(f"the answer is too long (at most {MAX_CHARS} characters)", MAX_CHARS + 1)
    norm = normalize(text)
    if not norm.text.strip():
        raise EngineError("the answer is empty")
    _prescan(norm)
    from lark.exceptions import UnexpectedInput

    parser = _parser()
    with _LOCK:
        _STATE.norm, _STATE.implicit = norm, set()
        try:
            root = cast(N.Node, parser.parse(norm.text))
        except UnexpectedInput as exc:
            raise _explain(exc, norm) from None
        except RecursionError:
            raise EngineError(f"the expression is nested too deeply (at most {MAX_DEPTH} levels)") from None
    return Parsed(root, norm)


_OPERAND_END = {"NUMBER", "NAME", "RPAR", "QUOTE", "BAR", "DBAR"}


def _explain(exc: UnexpectedInput, norm: Normalized) -> EngineError:
    """A learner-friendly message for a lark syntax error."""
    from lark.exceptions import UnexpectedCharacters, UnexpectedToken

    text = norm.text
    if isinstance(exc, UnexpectedCharacters):
        pos = exc.pos_in_stream or 0
        ch = text[pos]
        col = norm.column(pos)
        if ch == "=":
            return EngineError("write only the expression, without 'name =' in front", col)
        if ch == ".":
            return EngineError("'.' is only used in numbers (0.3) and for transposes (x.T)", col)
        if ch in "\"`;:!#$&?\\~{}":
            return EngineError(f"unexpected character '{ch}'", col)
        return EngineError(f"unexpected character '{ch}'", col)
    if isinstance(exc, UnexpectedToken):
        tok = exc.token
        if tok.type == "$END":
            return EngineError("the expression ends too early — something is missing at the end", norm.column(len(text)))
        col = norm.column(tok.start_pos or 0)
        shown = str(tok)
        expected = set(exc.expected or ())
        if tok.type in ("NUMBER", "NAME", "FUNC", "LPAR") and expected & {"ADDOP", "MULOP", "POW"}:
            return EngineError(f"missing operator before '{shown}' — write * (or @ for a matrix product)", col)
        if tok.type == "RPAR":
            return EngineError("something is missing before ')'", col)
        if tok.type == "COMMA":
            return EngineError("',' only separates the arguments of a function, like max(a, b)", col)
        return EngineError(f"unexpected '{shown}'", col)
    return EngineError("could not read this expression")
