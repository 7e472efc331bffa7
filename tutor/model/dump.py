"""Turning a loaded exam back into plain data in the content format (YAML/JSON ready).

`load(dump(exam))` gives an equal exam; the test suite relies on that round trip.
"""

from __future__ import annotations

from typing import Any

from tutor.model.types import (
    Claim,
    Exam,
    Field,
    Misconception,
    Part,
    Problem,
    RubricItem,
    Symbols,
    SymbolSpec,
)


def exam_to_data(exam: Exam) -> dict[str, Any]:
    """The exam as the mapping its YAML file would hold."""
    data: dict[str, Any] = {
        "id": exam.id,
        "title": exam.title,
        "minutes": exam.minutes,
        "points": exam.points,
        "bonus": exam.bonus,
    }
    if exam.course:
        data["course"] = exam.course
    if exam.instructions:
        data["instructions"] = exam.instructions
    if exam.wording:
        data["wording"] = dict(exam.wording)
    data["concepts"] = {c.id: {"title": c.title, "summary": c.summary} for c in exam.concepts.values()}
    data["problems"] = [_problem(p) for p in exam.problems]
    return data


def _problem(problem: Problem) -> dict[str, Any]:
    data: dict[str, Any] = {"id": problem.id, "title": problem.title, "points": problem.points}
    if problem.bonus:
        data["bonus"] = True
    if problem.context:
        data["context"] = problem.context
    data["parts"] = [part_to_data(p) for p in problem.parts]
    return data


def part_to_data(part: Part) -> dict[str, Any]:
    """One part as the mapping its YAML holds."""
    data: dict[str, Any] = {
        "id": part.id,
        "points": part.points,
        "concepts": list(part.concepts),
        "prompt": part.prompt,
        "fields": [field_to_data(f) for f in part.fields],
    }
    figure: str | dict[str, Any] | None = part.figure
    if part.figure_image or part.figure_plot:
        figure_data: dict[str, Any] = {"text": part.figure}
        figure = figure_data
        if part.figure_image:
            figure_data["image"] = part.figure_image
        if part.figure_plot:
            fp = part.figure_plot
            plot: dict[str, Any] = {"demo": fp.demo, "set": dict(fp.params), "plot": fp.plot}
            if fp.series:
                plot["series"] = list(fp.series)
            if fp.labels:
                plot["labels"] = list(fp.labels)
            if fp.title is not None:
                plot["title"] = fp.title
            figure_data["plot"] = plot
    optional = {
        "hints": list(part.hints),
        "solution": list(part.solution),
        "figure": figure,
        "demo": part.demo,
        "params": part.params,
    }
    data.update({k: v for k, v in optional.items() if v})
    if part.scan:
        data["scan"] = {"answer": part.scan.answer, "verdict": part.scan.verdict, "why": part.scan.why}
        if part.scan.fields:
            data["scan"]["fields"] = dict(part.scan.fields)
    return data


def field_to_data(field: Field) -> dict[str, Any]:
    """One field as the mapping its YAML holds (only the keys its kind uses)."""
    data: dict[str, Any] = {"id": field.id, "kind": field.kind, "points": field.points}
    if field.label:
        data["label"] = field.label
    if field.addition:
        data["addition"] = True
    if field.answer is not None:
        data["answer"] = list(field.answer) if isinstance(field.answer, tuple) else field.answer
    if field.exact:
        data["exact"] = True
    elif field.kind in ("number", "formula"):
        data.update(rtol=field.rtol, atol=field.atol)
    if field.mistakes:
        data["mistakes"] = [
            {"id": m.id, "answer": list(m.answer) if isinstance(m.answer, tuple) else m.answer, "feedback": m.feedback, "score": m.score}
            | ({"credit_needs": list(m.credit_needs)} if m.credit_needs else {})
            for m in field.mistakes
        ]
    if field.kind == "choice":
        data.update(options=list(field.options), multiple=field.multiple, feedback=dict(field.option_feedback))
        if field.aliases:
            data["aliases"] = dict(field.aliases)
    if field.symbols is not None:
        data["symbols"] = _symbols(field.symbols)
    if field.kind == "graph":
        if field.optional:
            data["optional"] = field.optional
        if field.aliases:
            data["aliases"] = dict(field.aliases)
    if field.kind == "text":
        if field.max_sentences:
            data["max_sentences"] = field.max_sentences
        data["model_answer"] = field.model_answer
        if field.subjects:
            data["subjects"] = {k: list(v) for k, v in field.subjects.items()}
        data["rubric"] = [_idea(i) for i in field.rubric]
        if field.misconceptions:
            data["misconceptions"] = [_misconception(m) for m in field.misconceptions]
    return data


def _idea(item: RubricItem) -> dict[str, Any]:
    data: dict[str, Any] = {"id": item.id, "idea": item.idea, "points": item.points}
    if item.keywords:
        data["keywords"] = list(item.keywords)
    if item.claims:
        data["claims"] = [_claim(c) for c in item.claims]
    return data


def _claim(claim: Claim) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key in ("about", "says", "denies", "mentions", "then", "unless"):
        value = getattr(claim, key)
        if value:
            data[key] = list(value)
    if claim.question_words:
        data["question_words"] = True
    return data


def _misconception(m: Misconception) -> dict[str, Any]:
    data: dict[str, Any] = {"id": m.id, "claims": [_claim(c) for c in m.claims], "feedback": m.feedback, "cap": m.cap}
    if m.concept:
        data["concept"] = m.concept
    if m.idea:
        data["idea"] = m.idea
    return data


def _symbols(symbols: Symbols) -> dict[str, Any]:
    data: dict[str, Any] = {"dims": {k: list(v) for k, v in symbols.dims.items()}}
    for name, spec in symbols.vars.items():
        data[name] = _symbol(spec)
    if symbols.define:
        data["define"] = dict(symbols.define)
    return data


def _symbol(spec: SymbolSpec) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if spec.shape is not None:
        data["shape"] = list(spec.shape)
    if spec.range is not None:
        data["range"] = list(spec.range)
    if spec.integer:
        data["integer"] = True
    if spec.aliases:
        data["aliases"] = list(spec.aliases)
    return data
