"""Checking `graph` fields: edges written `A, B -> C; C -> D` (also `→`, chains `a -> b -> c`).

Input order doesn't matter, the field's aliases apply (`W_k` for `W`), `optional` edges may
be present or not, and the feedback names the missing and the extra edges.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeAlias

from tutor.engine.cache import per_field
from tutor.engine.errors import MAX_CHARS, ContentProblem, EngineError
from tutor.engine.normalize import normalize_name
from tutor.engine.render import pretty_name
from tutor.engine.result import Preview, Result, graded, invalid

if TYPE_CHECKING:
    from tutor.model.types import Field, Mistake


_ARROW = re.compile(r"\s*(?:-+>|=+>|→|⟶|⇒|➔)\s*")
_STATEMENT = re.compile(r"[;\n]")
_NODE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*'?$")

Edge = tuple[str, str]


def _same_name(name: str) -> str:
    return name


def parse_edges(text: str, resolve: Callable[[str], str] = _same_name) -> frozenset[Edge]:
    """The set of edges an answer writes; EngineError (with a column) for malformed input."""
    if len(text) > MAX_CHARS:
        raise EngineError(f"the answer is too long (at most {MAX_CHARS} characters)", MAX_CHARS + 1)
    edges: set[Edge] = set()
    for start, statement in _statements(text):
        if not statement.strip():
            continue
        bounds = [0]
        for m in _ARROW.finditer(statement):
            bounds.extend((m.start(), m.end()))
        bounds.append(len(statement))
        if len(bounds) < 4:
            col = start + len(statement) - len(statement.lstrip()) + 1
            raise EngineError(f"'{statement.strip()[:30]}' has no arrow — write edges like a, b -> c", col)
        groups = []
        for a, b in zip(bounds[::2], bounds[1::2]):
            piece = statement[a:b]
            names = [(m.group(), m.start()) for m in re.finditer(r"[^,+&\s]+", piece) if m.group() != "and"]
            if not names:
                raise EngineError("an arrow needs a node on each side (like x -> h)", start + a + 1)
            nodes = []
            for raw, at in names:
                name = normalize_name(raw)
                if not _NODE.match(name):
                    raise EngineError(f"'{raw}' is not a node name", start + a + at + 1)
                nodes.append(resolve(name))
            groups.append(nodes)
        for sources, targets in itertools.pairwise(groups):
            edges.update((s, t) for s in sources for t in targets)
    if not edges:
        raise EngineError("write the graph's edges, like a, b -> c; c -> d")
    return frozenset(edges)


def _statements(text: str) -> list[tuple[int, str]]:
    """(offset, statement) pieces of an answer: split at `;` and newlines, and at the commas
    between edges when a piece holds several (`x -> h, W -> h` is two edges, as people write
    them). Names before an edge's arrow stay its inputs: `x, W -> h, b -> g`."""
    out: list[tuple[int, str]] = []
    offset = 0
    for statement in _STATEMENT.split(text):
        start, offset = offset, offset + len(statement) + 1
        commas = [m.start() for m in re.finditer(",", statement)]
        pieces = list(zip([0] + [c + 1 for c in commas], commas + [len(statement)]))
        if sum(1 for a, b in pieces if _ARROW.search(statement[a:b])) < 2:
            out.append((start, statement))
            continue
        begin = 0
        for a, b in pieces:
            if _ARROW.search(statement[a:b]):
                out.append((start + begin, statement[begin:b]))
                begin = b + 1
        if statement[begin:].strip():  # names after the last edge: more outputs of it
            last_start, _last = out.pop()
            out.append((last_start, statement[last_start - start:]))
    return out


def _resolver(field: Field, nodes: set[str]) -> Callable[[str], str]:
    aliases = {normalize_name(k): v for k, v in field.aliases.items()}
    aliases.update({k.replace("_", ""): v for k, v in list(aliases.items())})
    stripped = {n.replace("_", ""): n for n in nodes}
    lowered: dict[str, list[str]] = {}
    for n in nodes:
        lowered.setdefault(n.lower(), []).append(n)

    def resolve(name: str) -> str:
        if name in nodes:
            return name
        if name in aliases:
            return aliases[name]
        if name.replace("_", "") in stripped:
            return stripped[name.replace("_", "")]
        if len(lowered.get(name.lower(), [])) == 1:
            return lowered[name.lower()][0]
        return name

    return resolve


GraphReference: TypeAlias = (
    "tuple[frozenset[Edge], frozenset[Edge], Callable[[str], str], tuple[tuple[Mistake, tuple[frozenset[Edge], ...]], ...]]")


def _reference(field: Field) -> GraphReference:
    def build() -> GraphReference:
        plain_alias = {normalize_name(k): v for k, v in field.aliases.items()}
        try:
            required = parse_edges(field.answer if isinstance(field.answer, str) else "",
                                   lambda n: plain_alias.get(n, n))
            optional = parse_edges(field.optional, lambda n: plain_alias.get(n, n)) if field.optional else frozenset()
        except EngineError as exc:
            raise ContentProblem(f"{field.full_id}: {exc}") from None
        nodes = {n for e in required | optional for n in e}
        resolve = _resolver(field, nodes)
        mistakes = []
        for mistake in field.mistakes:
            forms = (mistake.answer,) if isinstance(mistake.answer, str) else mistake.answer
            try:
                mistakes.append((mistake, tuple(parse_edges(f, resolve) for f in forms)))
            except EngineError as exc:
                raise ContentProblem(f"{field.full_id}: mistake '{mistake.id}': {exc}") from None
        return required, optional, resolve, tuple(mistakes)
    return per_field(field, "graph", build)


def show(edges: frozenset[Edge]) -> str:
    """Edges grouped by target, in the graph's order: `W, x → h; b, h → g; g → f`."""
    targets: dict[str, list[str]] = {}
    for s, t in sorted(edges, key=lambda e: (e[0].lower(), e)):
        targets.setdefault(t, []).append(s)
    level = {n: 0 for e in edges for n in e}
    for _ in range(len(level)):
        changed = False
        for s, t in edges:
            if level[t] < level[s] + 1 <= len(level):
                level[t] = level[s] + 1
                changed = True
        if not changed:
            break
    order = sorted(targets, key=lambda t: (level[t], t))
    return "; ".join(f"{', '.join(pretty_name(s) for s in targets[t])} → {pretty_name(t)}" for t in order)


def _edge_list(edges: Iterable[Edge]) -> str:
    return ", ".join(f"{pretty_name(s)} → {pretty_name(t)}" for s, t in sorted(edges))


def check(field: Field, text: str) -> Result:
    """Check a graph answer: the same edges (optional ones allowed)."""
    required, optional, resolve, mistakes = _reference(field)
    try:
        got = parse_edges(text, resolve)
    except EngineError as exc:
        return invalid(field, exc.message, exc.column)
    shown = show(got)
    missing = required - got
    extra = got - required - optional
    if not missing and not extra:
        return graded(field, 1.0, interpreted=shown, exact=show(required))
    for mistake, forms in mistakes:
        if any(got - optional == f - optional for f in forms):
            return graded(field, mistake.score, interpreted=shown, feedback=[mistake.feedback], mistake=mistake.id)
    feedback = []
    if missing:
        feedback.append(f"missing edge{'s' if len(missing) > 1 else ''}: {_edge_list(missing)}")
    if extra:
        feedback.append(f"edge{'s' if len(extra) > 1 else ''} not in the graph: {_edge_list(extra)}")
    nodes = {n for e in required | optional for n in e}
    strangers = sorted({n for e in got for n in e} - nodes)
    if strangers:
        feedback.append(f"unknown node{'s' if len(strangers) > 1 else ''} {', '.join(strangers)} "
                        f"(the graph's nodes are {', '.join(pretty_name(n) for n in sorted(nodes))})")
    fraction = max(0.0, (len(required & got) - len(extra)) / len(required))
    return graded(field, fraction, interpreted=shown, feedback=feedback)


def preview(field: Field, text: str) -> Preview:
    """The edges an answer writes so far."""
    _, _, resolve, _ = _reference(field)
    try:
        return Preview(True, show(parse_edges(text, resolve)))
    except EngineError as exc:
        return Preview(False, str(exc), exc.column)
