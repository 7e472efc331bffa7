"""`tutor check`, engine side: each field's reference accepted, each listed mistake recognised.

Every reference answer must be judged correct by its own checker; every listed mistake must
be rejected with its own feedback (so it is neither equivalent to the reference nor to
another mistake); text fields' model answers must show every rubric idea. Errors point at
the YAML line and column of the answer in question.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias, cast

from tutor.engine.api import check_unguarded
from tutor.engine.errors import ContentProblem, EngineError
from tutor.engine.variants import VARIANTS_CHECKED, render_part
from tutor.model.errors import ContentError

if TYPE_CHECKING:
    import yaml

    from tutor.engine.result import Result
    from tutor.model.types import Exam, Field

Key: TypeAlias = tuple[str, ...]



class Locator:
    """Finds the YAML position of a field's answer, mistakes and model answer."""

    def __init__(self, source: str) -> None:
        self.file = source or "<content>"
        self.marks: dict[Key, tuple[int, int]] = {}
        try:
            import yaml

            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            root = yaml.compose(Path(source).read_text(encoding="utf-8"), Loader=loader)
        except Exception:  # noqa: BLE001 - no file, or unreadable: positions fall back to 1:1
            return
        for problem in self._seq(self._get(root, "problems")):
            for part in self._seq(self._get(problem, "parts")):
                part_id = self._scalar(self._get(part, "id"))
                self._mark((part_id,), part)
                for fnode in self._seq(self._get(part, "fields")):
                    fid = self._scalar(self._get(fnode, "id"))
                    self._mark((part_id, fid), fnode)
                    for key in ("answer", "model_answer", "symbols", "optional"):
                        self._mark((part_id, fid, key), self._get(fnode, key))
                    for mnode in self._seq(self._get(fnode, "mistakes")):
                        mid = self._scalar(self._get(mnode, "id"))
                        self._mark((part_id, fid, "mistake", mid), self._get(mnode, "answer") or mnode)

    @staticmethod
    def _get(node: yaml.Node | None, key: str) -> yaml.Node | None:
        import yaml

        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if getattr(k, "value", None) == key:
                    return cast("yaml.Node", v)
        return None

    @staticmethod
    def _seq(node: yaml.Node | None) -> list[yaml.Node]:
        import yaml

        return node.value if isinstance(node, yaml.SequenceNode) else []

    @staticmethod
    def _scalar(node: yaml.Node | None) -> str:
        return str(getattr(node, "value", "")) if node is not None else ""

    def _mark(self, key: Key, node: yaml.Node | None) -> None:
        if node is not None:
            self.marks[key] = (node.start_mark.line + 1, node.start_mark.column + 1)

    def error(self, keys: list[Key], message: str) -> ContentError:
        """A ContentError at the first of `keys` that has a position."""
        for key in keys:
            if key in self.marks:
                line, column = self.marks[key]
                return ContentError(self.file, line, column, message)
        return ContentError(self.file, 1, 1, message)


def _forms(answer: str | tuple[str, ...] | None) -> tuple[str, ...]:
    return (answer,) if isinstance(answer, str) else tuple(answer or ())


def _reference_text(field: Field) -> str:
    if field.kind == "choice":
        return ", ".join(_forms(field.answer))
    return field.answer if isinstance(field.answer, str) else ""


def _brief(result: Result) -> str:
    return "; ".join(result.feedback) or result.verdict


def validate_field(field: Field, where: Locator) -> list[ContentError]:
    """The problems with one field's answers (empty when it is sound)."""
    pid, fid = field.part_id, field.id
    at_answer = [(pid, fid, "answer"), (pid, fid)]
    if field.kind == "text":
        from tutor.engine.texts import evidence
        from tutor.model.mathtext import render_text

        if not field.model_answer:
            return [where.error([(pid, fid)], f"{field.full_id}: a text field needs a model answer")]
        return [where.error([(pid, fid, "model_answer"), (pid, fid)],
                            f"{field.full_id}: the model answer does not show rubric idea '{e.item.id}' "
                            f"(none of its keywords: {', '.join(e.item.keywords)})")
                for e in evidence(field, render_text(field.model_answer)) if not e.found]  # as shown
    errors: list[ContentError] = []
    reference = _reference_text(field)
    try:
        result = check_unguarded(field, reference)
    except (ContentProblem, EngineError) as exc:
        return [where.error(at_answer, f"{field.full_id}: {exc}")]
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
                errors.append(where.error(at, f"{field.full_id}: mistake '{mistake.id}': {exc}"))
                continue
            if got.verdict == "correct":
                errors.append(where.error(at, f"{field.full_id}: mistake '{mistake.id}' ('{form}') is equivalent to "
                                              f"the reference answer, so it can never be shown"))
            elif got.mistake != mistake.id:
                why = (f"it is taken for mistake '{got.mistake}' — the two are equivalent; merge them"
                       if got.mistake else f"the checker says {got.verdict}: {_brief(got)}")
                errors.append(where.error(at, f"{field.full_id}: mistake '{mistake.id}' ('{form}') is not "
                                              f"recognised as itself: {why}"))
    return errors


def validate_exam(exam: Exam) -> list[ContentError]:
    """Every field of the exam checked against its own answers; errors in file order."""
    where = Locator(exam.source)
    errors: list[ContentError] = []
    for part in exam.parts:
        if part.params:  # checked on each variant (0 = the exam's numbers) by validate_variants
            continue
        for field in part.fields:
            errors.extend(validate_field(field, where))
    errors.extend(validate_variants(exam, where))
    return sorted(errors, key=lambda e: (e.line, e.column))


def validate_variants(exam: Exam, where: Locator, count: int = VARIANTS_CHECKED) -> list[ContentError]:
    """For every part with params: variants 0..count-1 generate, and each field passes its checks."""
    errors: list[ContentError] = []
    for part in exam.parts:
        if not part.params:
            continue
        for variant in range(count):
            try:
                rendered = render_part(part, variant)
            except ValueError as exc:
                errors.append(where.error([(part.id,)], f"part {part.id}: variant {variant}: {exc}"))
                break
            found: list[ContentError] = []
            for field in rendered.fields:
                found.extend(validate_field(field, where))
            if found:
                for error in found:
                    error.message = f"variant {variant}: {error.message}"
                    error.args = (f"{error.file}:{error.line}:{error.column}: {error.message}",)
                errors.extend(found)
                break
    return errors
