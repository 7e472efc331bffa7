"""The content model: frozen dataclasses for an exam and everything inside it.

The loader (`tutor.model.loader`) builds these from YAML after validating it; the rest of
the program only ever sees these immutable objects.

The annotations are evaluated when each class is built (no `from __future__ import
annotations`): the exam cache's codec (`tutor.model.plaindata`) reads them as types
straight from `dataclasses.fields`, instead of evaluating annotation strings at each start.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as _dc_field
from types import MappingProxyType

from tutor.model.positions import Position

FIELD_KINDS = ("number", "formula", "shape", "choice", "graph", "text")
SCAN_VERDICTS = ("correct", "partial", "wrong", "blank", "unreadable")
# what the tutor calls things, unless an exam's `wording:` says otherwise
WORDING = {"mock": "Mock midterm", "mocks": "Mock midterms", "scan": "scanned answer"}



@dataclass(frozen=True)
class Concept:
    """A concept tag: what review schedules and statistics count."""

    id: str
    title: str
    summary: str


@dataclass(frozen=True)
class Mistake:
    """A wrong answer the content anticipates, with feedback specific to it."""

    id: str
    answer: str | tuple[str, ...]
    feedback: str
    score: float = 0.0
    # Function names the answer must write to earn `score` (`log10`: the base is stated);
    # the same value typed as a bare number gets the feedback and no credit.
    credit_needs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Claim:
    """One way a written answer can state an idea: within one clause, a term of `says`
    (affirmed), `denies` (negated: "not", "never", "less …") or `mentions` (either way),
    optionally followed by a term of `then`, said of one of the `about` subjects (the
    nearest subject named before the term). Terms made only of the question's own words
    count only when `question_words` is true; a term of `unless` in the same sentence
    vetoes the claim ("after the first step, all updates differ")."""

    about: tuple[str, ...] = ()
    says: tuple[str, ...] = ()
    denies: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()
    then: tuple[str, ...] = ()
    question_words: bool = False
    unless: tuple[str, ...] = ()


@dataclass(frozen=True)
class RubricItem:
    """One key idea of a text answer: shown by any of its claims (or, in the older form, by
    any of its keywords)."""

    id: str
    idea: str
    points: float
    keywords: tuple[str, ...] = ()
    claims: tuple[Claim, ...] = ()


@dataclass(frozen=True)
class Misconception:
    """A wrong claim students make in a written answer: recognised by its claims, answered
    by its feedback; it leaves the idea it contradicts unticked and caps the suggested score
    at `cap` of the field's points."""

    id: str
    claims: tuple[Claim, ...]
    feedback: str
    concept: str | None = None
    idea: str | None = None
    cap: float = 0.4


@dataclass(frozen=True)
class SymbolSpec:
    """A symbol a formula may use: a matrix/vector of symbolic shape, or a scalar."""

    name: str
    shape: tuple[str | int, ...] | None = None
    range: tuple[float, float] | None = None
    integer: bool = False
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Symbols:
    """The symbols of a formula field: random dimensions, inputs and named intermediates."""

    dims: Mapping[str, tuple[int, int]]
    vars: Mapping[str, SymbolSpec]
    define: tuple[tuple[str, str], ...] = ()

    def alias_map(self) -> dict[str, str]:
        """Map every alias (and every name itself) to the canonical symbol name."""
        out = {name: name for name in self.vars}
        out.update({name: name for name, _ in self.define})
        for spec in self.vars.values():
            for alias in spec.aliases:
                out[alias] = spec.name
        return out


@dataclass(frozen=True)
class FigurePlot:
    """A figure drawn by a demo with fixed parameters: which of its plots, which curves
    (1-based, in order) and the names they carry on the figure."""

    demo: str
    params: Mapping[str, object] = _dc_field(default_factory=dict)
    plot: int = 1
    series: tuple[int, ...] = ()
    labels: tuple[str, ...] = ()
    title: str | None = None


@dataclass(frozen=True)
class Scan:
    """The scanned student's answer to a part, with a grader's verdict on it."""

    answer: str
    verdict: str
    why: str
    fields: Mapping[str, str] = _dc_field(default_factory=dict)


@dataclass(frozen=True)
class Field:
    """One answer box of a part. Which attributes matter depends on `kind`."""

    id: str
    part_id: str
    kind: str
    points: float
    label: str | None = None
    answer: str | tuple[str, ...] | None = None
    rtol: float = 1e-2
    atol: float = 1e-9
    exact: bool = False
    mistakes: tuple[Mistake, ...] = ()
    options: tuple[str, ...] = ()
    multiple: bool = False
    option_feedback: Mapping[str, str] = _dc_field(default_factory=dict)
    symbols: Symbols | None = None
    optional: str | None = None
    aliases: Mapping[str, str] = _dc_field(default_factory=dict)
    max_sentences: int | None = None
    model_answer: str | None = None
    rubric: tuple[RubricItem, ...] = ()
    subjects: Mapping[str, tuple[str, ...]] = _dc_field(default_factory=dict)
    misconceptions: tuple[Misconception, ...] = ()
    question: str = ""
    # True for a field the tutor added to the exam's question (a numeric companion): shown
    # as the tutor's addition in practice; the exam as printed does not have it.
    addition: bool = False

    @property
    def full_id(self) -> str:
        """The id learners and the CLI use: `PART.FIELD`, e.g. `2b.dW`."""
        return f"{self.part_id}.{self.id}"


@dataclass(frozen=True)
class Part:
    """A lettered part of a problem (`4a`), with its fields, hints and worked solution."""

    id: str
    problem_id: str
    points: float
    concepts: tuple[str, ...]
    prompt: str
    fields: tuple[Field, ...]
    hints: tuple[str, ...] = ()
    solution: tuple[str, ...] = ()
    figure: str | None = None
    demo: str | None = None
    figure_image: str | None = None
    figure_plot: FigurePlot | None = None
    scan: Scan | None = None
    params: Mapping[str, object] | None = None

    def field(self, field_id: str) -> Field:
        """The field with this (short) id; KeyError if there is none."""
        for f in self.fields:
            if f.id == field_id:
                return f
        raise KeyError(f"{self.id}.{field_id}")


@dataclass(frozen=True)
class Problem:
    """A numbered problem: a shared stem (`context`) and its parts."""

    id: str
    title: str
    points: float
    parts: tuple[Part, ...]
    context: str = ""
    bonus: bool = False


@dataclass(frozen=True)
class Exam:
    """A whole exam as loaded from one content file."""

    id: str
    title: str
    minutes: int
    points: float
    bonus: float
    concepts: Mapping[str, Concept]
    problems: tuple[Problem, ...]
    instructions: str = ""
    course: str = ""
    source: str = ""
    wording: Mapping[str, str] = _dc_field(default_factory=dict)
    # where each part, field, answer and mistake is written (`tutor.model.positions`)
    positions: Mapping[tuple[str, ...], Position] = _dc_field(default_factory=dict, repr=False, compare=False)
    _index: Mapping[str, Part] = _dc_field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        index = {p.id: p for prob in self.problems for p in prob.parts}
        object.__setattr__(self, "_index", MappingProxyType(index))

    def word(self, key: str) -> str:
        """The exam's own wording for a thing the tutor names (`mock`, `mocks`, `scan`), or the
        default ("Mock midterm", "Mock midterms", "scanned answer")."""
        return self.wording.get(key) or WORDING[key]

    @property
    def parts(self) -> tuple[Part, ...]:
        """Every part, in exam order."""
        return tuple(self._index.values())

    def part(self, part_id: str) -> Part:
        """The part with this id (`4a`); KeyError if there is none."""
        return self._index[part_id]

    def problem_of(self, part_id: str) -> Problem:
        """The problem that contains this part."""
        part = self.part(part_id)
        return next(p for p in self.problems if p.id == part.problem_id)

    def field(self, full_id: str) -> Field:
        """Resolve `PART.FIELD`, or a bare `PART` when that part has exactly one field."""
        part_id, _, field_id = full_id.partition(".")
        part = self.part(part_id)
        if field_id:
            return part.field(field_id)
        if len(part.fields) == 1:
            return part.fields[0]
        raise KeyError(full_id)

    def field_ids(self) -> list[str]:
        """Every field's full id, in exam order."""
        return [f.full_id for p in self.parts for f in p.fields]
