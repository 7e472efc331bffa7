"""Load an exam from YAML into validated, frozen dataclasses.

Every problem in the file is reported (not just the first), each as `file:line:column:
message`, so a course's staff can fix a whole file in one pass.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from tutor.model import images
from tutor.model.errors import ContentError, ContentErrors
from tutor.model.fields import read_field
from tutor.model.textcheck import check_texts
from tutor.model.types import (
    SCAN_VERDICTS,
    WORDING,
    Concept,
    Exam,
    Field,
    FigurePlot,
    Part,
    Problem,
    Scan,
)
from tutor.model.yamlnodes import Reader, nearest, peek
from tutor.model.yamlsafe import compose, read_text

EXAM_KEYS = ("id", "title", "minutes", "points", "problems", "concepts")
EXAM_OPTIONAL = ("bonus", "instructions", "course", "wording")
PROBLEM_KEYS = ("id", "title", "points", "parts")
PROBLEM_OPTIONAL = ("context", "bonus")
PART_KEYS = ("id", "points", "concepts", "prompt", "fields")
PART_OPTIONAL = ("hints", "solution", "figure", "demo", "scan", "params")
CONCEPT_TAG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def load_exam(path: str | Path, *, demo_names: Collection[str] | None = None) -> Exam:
    """Load and validate one exam file; raise ContentErrors listing every problem found.

    `demo_names`, when given, is the set of demos a part may link to. The file is refused
    before parsing when it is too large, binary or not UTF-8 (`tutor.model.yamlsafe`).
    """
    path = Path(path)
    text = read_text(path)
    return load_exam_text(text, str(path), demo_names=demo_names)


def load_exam_text(text: str, file: str, *, demo_names: Collection[str] | None = None) -> Exam:
    """Load an exam from YAML text; `file` is the name used in error messages.

    Errors come root cause first: what is wrong where it is written (syntax, unknown or
    misplaced keys, wrong types) before what follows from it (missing keys, sums).
    """
    r = Reader(file, [])
    root = compose(text, file)
    if root is None:
        raise ContentErrors([ContentError(file, 1, 1, "the file is empty; an exam needs " + ", ".join(EXAM_KEYS))])
    exam = _read_exam(r, root, demo_names)
    r.errors.extend(check_texts(root, file, text.splitlines()))
    if r.errors or exam is None:
        raise ContentErrors(sorted(r.errors, key=lambda e: (e.rank, e.line, e.column)))
    return exam


def _read_exam(r: Reader, root: yaml.Node, demo_names: Collection[str] | None) -> Exam | None:
    raw = r.mapping(root, "exam", EXAM_KEYS, EXAM_OPTIONAL)
    if raw is None:
        return None
    get = raw.get
    exam_id = r.string(raw["id"], "exam id") if "id" in raw else ""
    concepts = _read_concepts(r, raw["concepts"]) if "concepts" in raw else {}
    problems: list[Problem] = []
    seen_parts: dict[str, yaml.Node] = {}
    unscored = False
    for node in r.sequence(raw["problems"], "problems") if "problems" in raw else []:
        problem = _read_problem(r, node, concepts, seen_parts, demo_names, problems)
        unscored = unscored or problem is None or peek(node, "points") is None
        if problem:
            problems.append(problem)
    points = r.number(raw["points"], "exam points", minimum=0) if "points" in raw else 0.0
    bonus = r.number(raw["bonus"], "exam bonus", minimum=0) if "bonus" in raw else 0.0
    if problems and "points" in raw and not unscored:
        regular = sum(p.points for p in problems if not p.bonus)
        if not math.isclose(regular, points):
            r.error(raw["points"], f"exam points are {points:g} but its (non-bonus) problems add up to {regular:g}")
        extra = sum(p.points for p in problems if p.bonus)
        if not math.isclose(extra, bonus):
            r.error(get("bonus", raw["points"]), f"exam bonus is {bonus:g} but its bonus problems add up to {extra:g}")
    return Exam(
        id=exam_id,
        title=r.string(raw["title"], "exam title") if "title" in raw else "",
        minutes=r.integer(raw["minutes"], "exam minutes", minimum=1) if "minutes" in raw else 0,
        points=points,
        bonus=bonus,
        concepts=concepts,
        problems=tuple(problems),
        instructions=r.string(raw["instructions"], "instructions") if "instructions" in raw else "",
        course=r.string(raw["course"], "course") if "course" in raw else "",
        source=r.file,
        wording=_read_wording(r, raw["wording"]) if "wording" in raw else {},
        positions=r.positions,
    )


def _read_wording(r: Reader, node: yaml.Node) -> dict[str, str]:
    raw = r.mapping(node, "wording", (), tuple(WORDING))
    return {key: r.string(value, f"wording: {key}") for key, value in (raw or {}).items()}


def _read_concepts(r: Reader, node: yaml.Node) -> dict[str, Concept]:
    out: dict[str, Concept] = {}
    if not isinstance(node, yaml.MappingNode):
        r.error(node, "concepts must be a mapping of tag: {title, summary}")
        return out
    for key_node, value_node in node.value:
        tag = r.string(key_node, "concept tag")
        if tag in out:
            r.error(key_node, f"concept '{tag}' is defined twice")
            continue
        if tag and not CONCEPT_TAG.match(tag):
            r.error(key_node, f"concept tag '{tag}' must be lowercase words joined by '-'")
        raw = r.mapping(value_node, f"concept {tag}", ("title", "summary"))
        if raw is None or not {"title", "summary"} <= raw.keys():
            out[tag] = Concept(tag, tag, "")  # reported above; parts may still name it
            continue
        out[tag] = Concept(tag, r.string(raw["title"], f"concept {tag}: title"), r.string(raw["summary"], f"concept {tag}: summary"))
    return out


def _read_problem(r: Reader, node: yaml.Node, concepts: dict[str, Concept], seen_parts: dict[str, yaml.Node],
                  demo_names: Collection[str] | None, earlier: list[Problem]) -> Problem | None:
    label = peek(node, "id")
    raw = r.mapping(node, f"problem {label}" if label else "problem", PROBLEM_KEYS, PROBLEM_OPTIONAL)
    if raw is None or "id" not in raw:
        return None
    problem_id = r.string(raw["id"], "problem id")
    if any(p.id == problem_id for p in earlier):
        r.error(raw["id"], f"duplicate problem id '{problem_id}'")
    where = f"problem {problem_id}"
    parts: list[Part] = []
    unscored = False   # a part without points: its own error says so, a sum here would only follow from it
    for part_node in r.sequence(raw["parts"], f"{where}: parts") if "parts" in raw else []:
        part = _read_part(r, part_node, problem_id, concepts, seen_parts, demo_names)
        unscored = unscored or part is None or peek(part_node, "points") is None
        if part:
            parts.append(part)
    points = r.number(raw["points"], f"{where}: points", minimum=0) if "points" in raw else 0.0
    if parts and "points" in raw and not unscored:
        total = sum(p.points for p in parts)
        if not math.isclose(total, points):
            detail = " + ".join(f"{p.points:g}" for p in parts)
            r.error(raw["points"], f"{where}: points are {points:g} but its parts add up to {total:g} ({detail})")
    return Problem(
        id=problem_id,
        title=r.string(raw["title"], f"{where}: title") if "title" in raw else "",
        points=points,
        parts=tuple(parts),
        context=r.string(raw["context"], f"{where}: context", allow_empty=True) if "context" in raw else "",
        bonus=r.boolean(raw["bonus"], f"{where}: bonus") if "bonus" in raw else False,
    )


def _read_part(r: Reader, node: yaml.Node, problem_id: str, concepts: dict[str, Concept],
               seen_parts: dict[str, yaml.Node], demo_names: Collection[str] | None) -> Part | None:
    label = peek(node, "id")
    raw = r.mapping(node, f"part {label}" if label else f"part of problem {problem_id}", PART_KEYS, PART_OPTIONAL)
    if raw is None or "id" not in raw:
        return None
    part_id = r.string(raw["id"], "part id")
    r.mark((part_id,), node)
    where = f"part {part_id}"
    if part_id in seen_parts:
        first = seen_parts[part_id].start_mark.line + 1
        r.error(raw["id"], f"duplicate part id '{part_id}' (first defined at line {first})")
    seen_parts[part_id] = raw["id"]
    if part_id and not part_id.startswith(problem_id):
        r.error(raw["id"], f"part id '{part_id}' should start with its problem's id '{problem_id}'")
    tags = r.strings(raw["concepts"], f"{where}: concepts") if "concepts" in raw else ()
    if "concepts" in raw:
        for tag, tag_node in zip(tags, raw["concepts"].value if isinstance(raw["concepts"], yaml.SequenceNode) else []):
            if tag not in concepts:
                hint = nearest(tag, concepts)
                suggestion = f" (did you mean '{hint}'?)" if hint else ""
                r.error(tag_node, f"{where}: concept '{tag}' is not defined under concepts{suggestion}")
        if not tags:
            r.error(raw["concepts"], f"{where}: needs at least one concept tag")
    points = r.number(raw["points"], f"{where}: points", minimum=0) if "points" in raw else 0.0
    fields = _read_fields(r, raw["fields"], part_id, points if "points" in raw else None) if "fields" in raw else ()
    prompt = r.string(raw["prompt"], f"{where}: prompt") if "prompt" in raw else ""
    fields = tuple(replace(f, question=prompt) if f.kind == "text" else f for f in fields)
    for f in fields:
        for m in f.misconceptions:
            if m.concept and m.concept not in concepts:
                hint = nearest(m.concept, concepts)
                suggestion = f" (did you mean '{hint}'?)" if hint else ""
                message = (f"{where}: field {f.id}: misconception {m.id}: concept '{m.concept}' "
                           f"is not defined under concepts{suggestion}")
                at = r.positions.get((f"field {f.full_id}", "misconception", m.id, "concept"))
                if at is None:
                    r.error(raw["fields"], message)
                else:
                    r.errors.append(ContentError(r.file, at.line, at.column, message))
    demo = r.string(raw["demo"], f"{where}: demo") if "demo" in raw else None
    if demo and demo_names is not None and demo not in demo_names:
        hint = nearest(demo, demo_names)
        suggestion = f" (did you mean '{hint}'?)" if hint else ""
        r.error(raw["demo"], f"{where}: unknown demo '{demo}'{suggestion}; demos: {', '.join(sorted(demo_names))}")
    return Part(
        id=part_id,
        problem_id=problem_id,
        points=points,
        concepts=tags,
        prompt=prompt,
        fields=fields,
        hints=r.strings(raw["hints"], f"{where}: hints") if "hints" in raw else (),
        solution=r.strings(raw["solution"], f"{where}: solution") if "solution" in raw else (),
        **(_read_figure(r, raw["figure"], where, demo_names) if "figure" in raw else {}),
        demo=demo,
        scan=_read_scan(r, raw["scan"], where, fields) if "scan" in raw else None,
        params=_read_params(r, raw["params"], where) if "params" in raw else None,
    )


def _read_fields(r: Reader, node: yaml.Node, part_id: str, part_points: float | None) -> tuple[Field, ...]:
    """The part's fields; their points are checked against `part_points` (None: the part gives none)."""
    read = [read_field(r, item, part_id) for item in r.sequence(node, f"part {part_id}: fields")]
    pairs = [x for x in read if x is not None]
    dropped = len(pairs) < len(read)   # a field that could not be read (its error says why): no sum
    if not pairs:
        if isinstance(node, yaml.SequenceNode) and not node.value:
            r.error(node, f"part {part_id}: needs at least one field")
        return ()
    seen: dict[str, yaml.Node] = {}
    for f, f_node in pairs:
        if f.id in seen:
            r.error(f_node, f"part {part_id}: duplicate field id '{f.id}'")
        seen[f.id] = f_node
    given = [f for f, _ in pairs if f.points >= 0]
    if not given:
        share = (part_points or 0.0) / len(pairs)
        return tuple(replace(f, points=share) for f, _ in pairs)
    if len(given) != len(pairs):
        missing = [f.id for f, _ in pairs if f.points < 0]
        r.error(node, f"part {part_id}: some fields give points and {missing} do not; give all or none")
        return tuple(f for f, _ in pairs)
    total = sum(f.points for f in given)
    if part_points is not None and not math.isclose(total, part_points) and not dropped:
        r.error(node, f"part {part_id}: its fields' points add up to {total:g}, but the part is worth {part_points:g}")
    return tuple(f for f, _ in pairs)


FIGURE_KEYS = ("text",)
FIGURE_OPTIONAL = ("image", "plot")
PLOT_KEYS = ("demo",)
PLOT_OPTIONAL = ("set", "plot", "series", "labels", "title")


def _read_figure(r: Reader, node: yaml.Node, where: str, demo_names: Collection[str] | None) -> dict[str, Any]:
    """`figure:` is its text description, or {text, image: FILE | plot: {demo, set, …}}."""
    if not isinstance(node, yaml.MappingNode):
        return {"figure": r.string(node, f"{where}: figure")}
    raw = r.mapping(node, f"{where}: figure", FIGURE_KEYS, FIGURE_OPTIONAL)
    if raw is None:
        return {}
    out: dict[str, Any] = {"figure": r.string(raw["text"], f"{where}: figure text") if "text" in raw else None}
    if "image" in raw:
        name = r.string(raw["image"], f"{where}: figure image")
        path = (Path(r.file).parent / name) if name else None
        if path is not None and path.suffix.lower() not in images.SUFFIXES:
            r.error(raw["image"], f"{where}: figure image '{name}' must be one of {', '.join(images.SUFFIXES)}")
        elif path is not None and Path(r.file).exists():
            problem = images.image_problem(path)
            if problem is not None:
                r.error(raw["image"], f"{where}: figure image '{name}' {problem}")
        out["figure_image"] = str(path) if path is not None else None
    if "plot" in raw:
        out["figure_plot"] = _read_plot(r, raw["plot"], where, demo_names)
    if "image" in raw and "plot" in raw:
        r.error(raw["plot"], f"{where}: a figure is an image or a plot, not both")
    return out


def _read_plot(r: Reader, node: yaml.Node, where: str, demo_names: Collection[str] | None) -> FigurePlot | None:
    raw = r.mapping(node, f"{where}: figure plot", PLOT_KEYS, PLOT_OPTIONAL)
    if raw is None or "demo" not in raw:
        return None
    demo = r.string(raw["demo"], f"{where}: figure plot demo")
    if demo and demo_names is not None and demo not in demo_names:
        hint = nearest(demo, demo_names)
        suggestion = f" (did you mean '{hint}'?)" if hint else ""
        r.error(raw["demo"], f"{where}: figure plot: unknown demo '{demo}'{suggestion}")
    params: dict[str, Any] = {}
    if "set" in raw:
        plain = r.plain(raw["set"])
        if not isinstance(plain, dict) or not all(isinstance(k, str) for k in plain) \
                or not all(isinstance(v, (int, float, str)) for v in plain.values()):
            r.error(raw["set"], f"{where}: figure plot: set must map the demo's parameters to values, e.g. set: {{seed: 0}}")
        else:
            params = plain
    series = tuple(r.integer(n, f"{where}: figure plot series", minimum=1)
                   for n in r.sequence(raw["series"], f"{where}: figure plot series")) if "series" in raw else ()
    labels = r.strings(raw["labels"], f"{where}: figure plot labels") if "labels" in raw else ()
    if series and labels and len(series) != len(labels):
        r.error(raw["labels"], f"{where}: figure plot: {len(labels)} labels for {len(series)} series; give one each")
    return FigurePlot(demo=demo, params=params,
                      plot=r.integer(raw["plot"], f"{where}: figure plot number", minimum=1) if "plot" in raw else 1,
                      series=series, labels=labels,
                      title=r.string(raw["title"], f"{where}: figure plot title") if "title" in raw else None)


# the keys of one `params:` generator (see tutor.engine.variants); `true` is `class`'s old name
GENERATOR_KEYS = ("exam", "uniform", "integer", "choice", "probs", "derive", "if", "then", "else", "pick",
                  "index", "decimals", "min", "class", "true", "distinct", "require")


def _read_params(r: Reader, node: yaml.Node, where: str) -> Any:
    """`params:` name -> generator (a mapping) or a derived expression (text); generators'
    keys are checked here, their values when variants are drawn (`tutor check`)."""
    if not isinstance(node, yaml.MappingNode):
        r.error(node, f"{where}: params must be a mapping of name: generator, e.g. p: {{uniform: [0, 1], exam: 0.5}}")
        return None
    for name_node, spec in node.value:
        name = name_node.value if isinstance(name_node, yaml.ScalarNode) else None
        if not isinstance(name, str) or not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", name):
            r.error(name_node, f"{where}: param names are plain identifiers (letters, digits, _)")
            continue
        if isinstance(spec, yaml.MappingNode):
            r.mapping(spec, f"{where}: param {name}", (), GENERATOR_KEYS)
        elif not isinstance(spec, yaml.ScalarNode):
            r.error(spec, f"{where}: param {name} must be a generator mapping or an expression")
    return r.plain(node)


def _read_scan(r: Reader, node: yaml.Node, where: str, fields: tuple[Field, ...]) -> Scan | None:
    raw = r.mapping(node, f"{where}: scan", ("answer", "verdict", "why"), ("fields",))
    if raw is None or not {"answer", "verdict", "why"} <= raw.keys():
        return None
    r.mark((where.removeprefix("part "), "scan:verdict"), raw["verdict"])   # for `tutor check`'s verdict check
    verdict = r.string(raw["verdict"], f"{where}: scan verdict")
    if verdict not in SCAN_VERDICTS:
        hint = nearest(verdict, SCAN_VERDICTS)
        suggestion = f" (did you mean '{hint}'?)" if hint else ""
        r.error(raw["verdict"], f"{where}: scan verdict '{verdict}' is not one of {', '.join(SCAN_VERDICTS)}{suggestion}")
    return Scan(
        answer=r.string(raw["answer"], f"{where}: scan answer", allow_empty=True),
        verdict=verdict,
        why=r.string(raw["why"], f"{where}: scan why"),
        fields=_read_scan_fields(r, raw["fields"], where, fields) if "fields" in raw else {},
    )


def _read_scan_fields(r: Reader, node: yaml.Node, where: str, fields: tuple[Field, ...]) -> dict[str, str]:
    """`fields: {FIELD: ANSWER}`: what the scanned answer gives for a field that is not
    written text (a choice, a number), in the answer language. Each FIELD must be one of the
    part's fields that is not written text (the scan's `answer` is a written field's text)."""
    if not isinstance(node, yaml.MappingNode):
        r.error(node, f"{where}: scan fields must be a mapping FIELD: ANSWER")
        return {}
    checked = [f.id for f in fields if f.kind != "text"]
    out: dict[str, str] = {}
    for key, value in node.value:
        name = r.string(key, f"{where}: scan field")
        if fields and name in {f.id for f in fields if f.kind == "text"}:
            r.error(key, f"{where}: scan fields: '{name}' is a written field, judged on the scan's `answer`; "
                         "list only the other fields here")
        elif fields and name not in checked:
            hint = nearest(name, checked)
            suggestion = f" (did you mean '{hint}'?)" if hint else ""
            r.error(key, f"{where}: scan fields: '{name}' is not a field of this part{suggestion}; "
                         f"its fields: {', '.join(checked) or 'none but written ones'}")
        out[name] = r.string(value, f"{where}: scan field answer")
    return out
