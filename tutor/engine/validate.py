"""`tutor check`, engine side: each field's reference accepted, each listed mistake recognised.

Every reference answer must be judged correct by its own checker; every listed mistake must
be rejected with its own feedback (so it is neither equivalent to the reference nor to
another mistake); text fields' model answers must show every rubric idea. Errors point at
the YAML line and column of the answer in question, from the positions the loader kept
(`tutor.model.positions`): the engine never reads YAML.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from tutor.engine.api import check_unguarded
from tutor.engine.errors import ContentProblem, EngineError
from tutor.engine.variants import VARIANTS_CHECKED, render_part
from tutor.model.errors import ContentError
from tutor.model.positions import Key, SourceMap

if TYPE_CHECKING:
    from tutor.engine.result import Result
    from tutor.model.types import Exam, Field


def _forms(answer: str | tuple[str, ...] | None) -> tuple[str, ...]:
    return (answer,) if isinstance(answer, str) else tuple(answer or ())


def _reference_text(field: Field) -> str:
    if field.kind == "choice":
        return ", ".join(_forms(field.answer))
    return field.answer if isinstance(field.answer, str) else ""


def _brief(result: Result) -> str:
    return "; ".join(result.feedback) or result.verdict


def _said(field: Field, exc: BaseException) -> str:
    """The exception's message without a leading `PART.FIELD: ` (the caller names the field)."""
    text = str(exc)
    prefix = f"{field.full_id}: "
    while text.startswith(prefix):
        text = text[len(prefix):]
    return text


def _cycle(field: Field) -> list[str] | None:
    """A cycle in a graph field's reference edges (a computational graph flows one way)."""
    from tutor.engine.graphs import parse_edges

    try:
        edges = parse_edges(field.answer if isinstance(field.answer, str) else "")
    except EngineError:
        return None
    after: dict[str, list[str]] = {}
    for s, t in sorted(edges):
        after.setdefault(s, []).append(t)
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = 1
        for nxt in after.get(node, []):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt] if nxt in path else [node, nxt]
            if nxt not in state:
                found = visit(nxt, path + [nxt])
                if found:
                    return found
        state[node] = 2
        return None

    for start in sorted(after):
        if start not in state:
            found = visit(start, [start])
            if found:
                return found
    return None


def _same_number(field: Field, form: str) -> bool:
    """Whether a mistake's value equals the reference (not just within its tolerance)."""
    from tutor.engine.numbers import close, read, reference

    try:
        return close(read(form).value, reference(field).reading.value, 1e-12, 1e-15)
    except (ContentProblem, EngineError):
        return True


def _tolerance_notes(field: Field, where: SourceMap) -> list[ContentError]:
    """Warnings for a number field whose tolerance accepts a listed mistake, or a whole-number
    answer (a count) checked with a relative tolerance."""
    from tutor.engine.numbers import close, reference

    pid, fid = field.part_id, field.id
    try:
        ref = reference(field)
    except (ContentProblem, EngineError):
        return []
    value = ref.reading.value
    low, high = value - (field.atol + field.rtol * abs(value)), value + field.atol + field.rtol * abs(value)
    out: list[ContentError] = []
    if getattr(field, "exact", False):
        return out
    for mistake, values in ref.mistakes:
        for v in values:
            if close(v, value, field.rtol, field.atol) and not close(v, value, 1e-12, 1e-15):
                need = abs(v - value) / abs(value) / 2 if value else 0
                fix = "add `exact: true` (a count must match exactly)" if float(value).is_integer() \
                    else f"set rtol below {need:.2g}"
                note = where.error([(pid, fid, "mistake", mistake.id), (pid, fid)],
                                   f"{field.full_id}: mistake '{mistake.id}' ({v:.10g}) is within the answer's "
                                   f"tolerance (rtol {field.rtol:g} accepts {low:.10g} to {high:.10g}), so a "
                                   f"student who makes it is told they are right; {fix}")
                note.warning = True
                out.append(note)
    if not out and float(value).is_integer() and abs(value) >= 100 and field.rtol * abs(value) >= 1:
        note = where.error([(pid, fid, "answer"), (pid, fid)],
                           f"{field.full_id}: the answer {value:.10g} is a whole number, but rtol {field.rtol:g} "
                           f"accepts anything from {low:.10g} to {high:.10g}; if it is a count, add `exact: true`")
        note.warning = True
        out.append(note)
    return out


def validate_field(field: Field, where: SourceMap) -> list[ContentError]:
    """The problems with one field's answers (empty when it is sound)."""
    pid, fid = field.part_id, field.id
    at_answer = [(pid, fid, "answer"), (pid, fid)]
    if field.kind == "graph":
        loop = _cycle(field)
        if loop:
            return [where.error(at_answer, f"{field.full_id}: the reference graph has a cycle "
                                           f"({' -> '.join(loop)}); a computational graph flows one way, "
                                           "from inputs to the loss: remove or reverse one of these edges")]
    if field.kind == "text":
        from tutor.engine.judge import judge
        from tutor.mathtext import render_text

        if not field.model_answer:
            return [where.error([(pid, fid)], f"{field.full_id}: a text field needs a model answer")]
        shown = judge(field, render_text(field.model_answer))  # as the learner sees it
        problems = [where.error([(pid, fid, "model_answer"), (pid, fid)],
                                f"{field.full_id}: the model answer does not show rubric idea '{i.item.id}' "
                                "(add a claim or a term that its wording uses)")
                    for i in shown.ideas if not i.found]
        problems += [where.error([(pid, fid, "model_answer"), (pid, fid)],
                                 f"{field.full_id}: the model answer states misconception '{m.misconception.id}' "
                                 f"(\"{m.evidence}\"); narrow that misconception's claims")
                     for m in shown.misconceptions]
        return problems
    errors: list[ContentError] = _alias_errors(field, where) if field.kind == "formula" else []
    reference = _reference_text(field)
    try:
        result = check_unguarded(field, reference)
    except (ContentProblem, EngineError) as exc:
        return [where.error(at_answer, f"{field.full_id}: {_said(field, exc)}")]
    if result.verdict != "correct":
        errors.append(where.error(at_answer, f"{field.full_id}: the reference answer '{reference}' is not accepted "
                                             f"by its own checker ({_brief(result)})"))
    for mistake in field.mistakes:
        at = [(pid, fid, "mistake", mistake.id), (pid, fid)]
        forms = (", ".join(_forms(mistake.answer)),) if field.kind == "choice" else _forms(mistake.answer)
        for form in forms:
            try:
                got = check_unguarded(field, form)
            except (ContentProblem, EngineError) as exc:
                errors.append(where.error(at, f"{field.full_id}: mistake '{mistake.id}': {_said(field, exc)}"))
                continue
            if got.verdict == "correct" and field.kind == "number" and not _same_number(field, form):
                continue  # near, not equal: a warning with the tolerance it falls within
            if got.verdict == "correct":
                errors.append(where.error(at, f"{field.full_id}: mistake '{mistake.id}' ('{form}') is equivalent to "
                                              f"the reference answer, so it can never be shown"))
            elif got.mistake != mistake.id:
                why = (f"it is taken for mistake '{got.mistake}' — the two are equivalent; merge them"
                       if got.mistake else f"the checker says {got.verdict}: {_brief(got)}")
                errors.append(where.error(at, f"{field.full_id}: mistake '{mistake.id}' ('{form}') is not "
                                              f"recognised as itself: {why}"))
    if field.kind == "number":
        errors.extend(_tolerance_notes(field, where))
    return errors


CHECK_SECONDS = 1.5  # the engine's share of `tutor check`'s time for one file


def _alias_errors(field: Field, where: SourceMap) -> list[ContentError]:
    """Each symbol's aliases must read, in the answer language, as that symbol: an alias a
    learner cannot type (`x̂`: a combining accent) is refused as soon as it is typed."""
    from tutor.engine import nodes as N
    from tutor.engine.names import bind_text
    from tutor.engine.trials import scope_of

    symbols = field.symbols
    if symbols is None:
        return []
    scope = scope_of(symbols)
    out: list[ContentError] = []
    for name, spec in symbols.vars.items():
        for alias in spec.aliases:
            try:
                node = bind_text(alias, scope)
            except EngineError as exc:
                problem = f"a learner who types it is told: {exc}"
            else:
                if isinstance(node, N.Sym) and node.name == name:
                    continue
                problem = "it is not read as that symbol"
            out.append(where.error([(field.part_id, field.id, "symbols"), (field.part_id, field.id)],
                                   f"{field.full_id}: symbol {name}: alias '{alias}' cannot be typed as {name} "
                                   f"({problem}); use letters, digits, `_`, Greek letters or subscripts"))
    return out


def _work_clock() -> float:
    """The clock time budgets are kept on: this process's CPU time, so a busy machine
    (a loaded server, a parallel test run) slows checking down without making a sound file
    look too large to check."""
    import time

    return time.process_time()


def validate_exam(exam: Exam, *, seconds: float = CHECK_SECONDS) -> list[ContentError]:
    """Every field of the exam checked against its own answers; errors in file order.

    Bounded in time (CPU seconds): a file with more fields than can be checked in `seconds` gets an error
    saying where checking stopped (a real exam takes a fraction of that). Parts with
    params get their exam numbers (variant 0) checked first, and further variants while
    the time lasts.
    """
    stop_at = _work_clock() + seconds
    where = SourceMap(exam.source, exam.positions)
    errors: list[ContentError] = []
    for part in exam.parts:
        if part.params:  # checked on each variant (0 = the exam's numbers) by validate_variants
            continue
        if _work_clock() > stop_at:
            errors.append(where.error([(part.id,)], f"part {part.id}: checking stopped here after {seconds:g} s; "
                                                    "the file has more answers than one exam should (split it)"))
            break
        for field in part.fields:
            errors.extend(_reported(where, [(part.id, field.id), (part.id,)], f"{field.full_id}:",
                                    partial(validate_field, field, where)))
    errors.extend(_figure_errors(exam, where))
    errors.extend(_reported(where, [], "the scanned answers", partial(_scan_errors, exam, where)))
    errors.extend(_variant_errors(exam, where, stop_at))
    errors.extend(_reported(where, [], "the parts' params", partial(_fixed_answer_notes, exam, where)))
    return sorted(errors, key=lambda e: (e.warning, e.rank, e.line, e.column))


def _figure_errors(exam: Exam, where: SourceMap) -> list[ContentError]:
    """Figures drawn by a demo: the demo, its parameters, plot and curves must exist."""
    out: list[ContentError] = []
    for part in exam.parts:
        spec = getattr(part, "figure_plot", None)
        if spec is None:
            continue
        from tutor.demos.figures import FigureError, draw_figure

        try:
            draw_figure(spec)
        except FigureError as exc:
            out.append(where.error([(part.id,)], f"part {part.id}: figure plot: {exc}"))
    return out


def _scan_errors(exam: Exam, where: SourceMap) -> list[ContentError]:
    """A scan's `verdict` must be what the checks give the scan: the critique tells the learner
    the checks' verdict, beside the grader's `why` written for the other one."""
    from tutor.engine.critique import judge_scan

    out: list[ContentError] = []
    for part in exam.parts:
        scan = part.scan
        try:
            judged = judge_scan(part) if scan is not None else None
        except ValueError:   # the part's numbers cannot be drawn: validate_variants says why
            continue
        if scan is None or judged is None or not judged.results or judged.verdict == scan.verdict:
            continue
        given = "; ".join(f"{r.field_id}: {_scan_result(r)} {r.score:g}/{r.max:g}" for r in judged.results)
        out.append(where.error(
            [(part.id, "scan:verdict"), (part.id,)],
            f"part {part.id}: the scan's verdict is '{scan.verdict}', but the checks give the scan "
            f"'{judged.verdict}' ({given}), and that is the verdict the critique shows; make `verdict` (and "
            "`why`) match, or change what the checks read (the scan's `fields`, a mistake's `score`, the rubric)"))
    return out


def _fixed_answer_notes(exam: Exam, where: SourceMap) -> list[ContentError]:
    """A warning for a number (or numeric shape) answer written without placeholders in a part whose
    prompt changes with the variant: every variant would then expect the exam's own answer."""
    out: list[ContentError] = []
    for part in exam.parts:
        fixed = [f for f in part.fields if isinstance(f.answer, str) and "{" not in f.answer
                 and (f.kind == "number" or (f.kind == "shape" and any(c.isdigit() for c in f.answer)))]
        if not part.params or not fixed:
            continue
        try:
            changes = render_part(part, 0).prompt != render_part(part, 1).prompt
        except ValueError:   # validate_variants reports it
            continue
        for field in fixed if changes else []:
            note = where.error([(part.id, field.id, "answer"), (part.id, field.id)],
                               f"{field.full_id}: the answer '{field.answer}' uses no {{placeholder}}, but the "
                               f"prompt's numbers change with the variant, so every variant expects this same "
                               f"answer; write it from the params (as the prompt does), or drop the part's params")
            note.warning = True
            out.append(note)
    return out


def _scan_result(result: Result) -> str:
    return "the rubric suggests" if result.verdict == "self-grade" else result.verdict


def _variant_errors(exam: Exam, where: SourceMap, stop_at: float | None = None) -> list[ContentError]:
    return _reported(where, [], "the parts' params", partial(validate_variants, exam, where, stop_at=stop_at))


def _reported(where: SourceMap, keys: list[Key], what: str,
              run: Callable[[], list[ContentError]]) -> list[ContentError]:
    """`run()`'s errors; if the check itself fails, one error that says so, located at `keys`."""
    try:
        return run()
    except Exception as exc:  # noqa: BLE001 - the top of `tutor check`: a report, never a traceback
        return [where.error(keys, f"{what} could not be checked ({type(exc).__name__}: {exc})")]


def validate_variants(exam: Exam, where: SourceMap, count: int = VARIANTS_CHECKED, *,
                      stop_at: float | None = None) -> list[ContentError]:
    """For every part with params: variants 0..count-1 generate, and each field passes its checks.

    Variant 0 (the exam's numbers) of every part comes first, then variant 1 of every part,
    and so on; with `stop_at` (a `_work_clock()` deadline) the later variants are checked
    only while time is left, so a large file cannot hold `tutor check` up.
    """
    errors: list[ContentError] = []
    parts = [part for part in exam.parts if part.params]
    failed: set[str] = set()
    for variant in range(count):
        if variant and stop_at is not None and _work_clock() > stop_at:
            break
        for part in parts:
            if part.id in failed:
                continue
            try:
                rendered = render_part(part, variant)
            except ValueError as exc:
                errors.append(where.error([(part.id,)], f"part {part.id}: variant {variant}: {exc}"))
                failed.add(part.id)
                continue
            found: list[ContentError] = []
            for field in rendered.fields:
                found.extend(e for e in validate_field(field, where) if not e.warning or variant == 0)
            if found:
                for error in found:
                    error.message = f"variant {variant}: {error.message}"
                    error.args = (f"{error.file}:{error.line}:{error.column}: {error.message}",)
                errors.extend(found)
                if any(not e.warning for e in found):
                    failed.add(part.id)
    return errors
