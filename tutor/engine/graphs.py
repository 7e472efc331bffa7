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

# Operation nodes may be drawn as their symbol (`x, W -> * -> h`); they get a name that no
# variable can have, and are collapsed away like any other operation node.
OP_PREFIX = "op:"
_OP_SYMBOLS = {"*": "×", "×": "×", "·": "×", "@": "×", "+": "+", "⊙": "×"}


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
            if piece.strip() in _OP_SYMBOLS:  # an operation node drawn as its symbol: x, W -> * -> h
                groups.append([f"{OP_PREFIX}{_OP_SYMBOLS[piece.strip()]}"])
                continue
            names = [(m.group(), m.start()) for m in re.finditer(r"[^,+&\s()]+", piece) if m.group() != "and"]
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


def targets_in_order(edges: frozenset[Edge]) -> list[str]:
    """The nodes that have inputs, from the inputs' end to the output's: h, g, f."""
    targets = {t for _, t in edges}
    level = {n: 0 for e in edges for n in e}
    for _ in range(len(level)):
        changed = False
        for s, t in edges:
            if level[t] < level[s] + 1 <= len(level):
                level[t] = level[s] + 1
                changed = True
        if not changed:
            break
    return sorted(targets, key=lambda t: (level[t], t))


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


def find_cycle(edges: frozenset[Edge]) -> list[str] | None:
    """One directed cycle of the graph as its nodes (`[f, h, g, f]`), or None."""
    succ: dict[str, list[str]] = {}
    for s, t in sorted(edges):
        succ.setdefault(s, []).append(t)
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    for root in sorted(succ):
        if state.get(root):
            continue
        path, stack = [root], [iter(succ.get(root, []))]
        state[root] = 1
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            elif not state.get(nxt):
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(succ.get(nxt, [])))
    return None


def collapse(edges: frozenset[Edge], known: set[str]) -> tuple[frozenset[Edge], list[str]]:
    """The graph with its operation nodes taken out: a node that is not one of the answer's
    variables and has both inputs and outputs (`W, x -> mul -> h`, or `g -> ag; ag, g -> f`
    for max(αg, g)) becomes edges from each of its inputs to each of its outputs. Returns
    the collapsed edges and the names of the nodes taken out. Assumes no cycle."""
    current = set(edges)
    removed: list[str] = []
    while True:
        inner = sorted({n for e in current for n in e if n not in known
                        and any(t == n for _, t in current) and any(s == n for s, _ in current)})
        if not inner:
            return frozenset(current), removed
        node = inner[0]
        preds = {s for s, t in current if t == node}
        succs = {t for s, t in current if s == node}
        current = {e for e in current if node not in e} | {(p, q) for p in preds for q in succs if p != q}
        removed.append(node)


def _inputs(edges: Iterable[Edge], target: str) -> set[str]:
    return {s for s, t in edges if t == target}


def _names(nodes: Iterable[str]) -> str:
    return ", ".join(pretty_name(n) for n in sorted(nodes, key=lambda n: (n.lower(), n))) or "nothing"


def check(field: Field, text: str) -> Result:
    """Check a graph answer: the same edges (optional ones allowed), node by node.

    Operation nodes (`mul`, `*`, an expanded `αg`) are taken out first. A graph with a cycle
    earns nothing. Otherwise each node the answer must have (every target of the reference's
    edges) is right when its inputs are exactly the reference's (plus optional ones); the
    score is (right − wrong − missing − extra nodes) / nodes, at least 0, so a misplaced
    input, a missing node or a missing parameter leaves little or no credit.
    """
    required, optional, resolve, mistakes = _reference(field)
    try:
        raw = parse_edges(text, resolve)
    except EngineError as exc:
        return invalid(field, exc.message, exc.column)
    cycle = find_cycle(raw)
    if cycle:
        loop = " → ".join(pretty_name(n) for n in cycle)
        return graded(field, 0.0, interpreted=show(raw), feedback=[
            f"This graph has a cycle ({loop}). A computational graph is acyclic: every value is "
            f"computed once, from values computed before it, so a graph with a cycle earns no credit."])
    nodes = {n for e in required | optional for n in e}
    got, taken_out = collapse(raw, nodes)
    shown = show(got)
    if taken_out:
        ops = ", ".join(n.removeprefix(OP_PREFIX) for n in taken_out)
        shown += f"   (operation nodes {ops} read as the edges through them)"
    missing = required - got
    extra = got - required - optional
    if not missing and not extra:
        return graded(field, 1.0, interpreted=shown, exact=show(required))
    for mistake, forms in mistakes:
        if any(got - optional == f - optional for f in forms):
            return graded(field, mistake.score, interpreted=shown, feedback=[mistake.feedback], mistake=mistake.id)
    feedback: list[str] = []
    targets = targets_in_order(required)
    right = wrong = 0
    for target in targets:
        need, may, have = _inputs(required, target), _inputs(optional, target), _inputs(got, target)
        if need <= have <= need | may:
            right += 1
        elif not have:
            wrong += 1
            feedback.append(f"nothing computes {pretty_name(target)}: its node takes {_names(need)}")
        else:
            wrong += 1
            feedback.append(f"the node that computes {pretty_name(target)} takes {_names(need)}"
                            f"{' (and may take ' + _names(may - need) + ')' if may - need else ''}; "
                            f"yours takes {_names(have)}")
    strays = sorted({t for _, t in got if t not in targets and _inputs(got, t) - _inputs(optional, t)})
    for target in strays:
        feedback.append(f"edge{'s' if len(_inputs(got, target) - _inputs(optional, target)) > 1 else ''} not in the graph: "
                        f"{_edge_list({(s, target) for s in _inputs(got, target) - _inputs(optional, target)})}")
    strangers = sorted({n for e in got for n in e} - nodes)
    if strangers:
        feedback.append(f"unknown node{'s' if len(strangers) > 1 else ''} {', '.join(pretty_name(n) for n in strangers)} "
                        f"(the graph's nodes are {', '.join(pretty_name(n) for n in sorted(nodes))})")
    fraction = max(0.0, (right - wrong - len(strays)) / len(targets))
    feedback.append(f"Scored as the exam's key does: each of the {len(targets)} operation nodes (the ones that "
                    f"compute {', '.join(pretty_name(t) for t in targets)}) must take exactly its inputs, and each wrong, missing or extra "
                    f"node cancels a right one.")
    return graded(field, fraction, interpreted=shown, feedback=feedback)


def preview(field: Field, text: str) -> Preview:
    """The edges an answer writes so far."""
    _, _, resolve, _ = _reference(field)
    try:
        return Preview(True, show(parse_edges(text, resolve)))
    except EngineError as exc:
        return Preview(False, str(exc), exc.column)
