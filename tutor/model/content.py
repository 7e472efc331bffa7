"""Finding the content that ships with tutor, and loading every exam in a folder."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from pathlib import Path

from tutor.model import cache as exam_cache
from tutor.model.errors import ContentError, ContentErrors
from tutor.model.types import Exam


def default_content_dir() -> Path:
    """The shipped content: inside the installed package, or `content/` in a source tree."""
    packaged = Path(__file__).resolve().parent.parent / "_content"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent.parent / "content"


def content_files(paths: Iterable[str | Path] | None = None) -> list[Path]:
    """Expand files and folders into the exam files (`*.yaml`, `*.yml`) they hold, sorted."""
    found: list[Path] = []
    for path in [Path(p) for p in (paths or [default_content_dir()])]:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml")))
        else:
            found.append(path)
    return found


def load_exams(paths: Iterable[str | Path] | None = None, *, demo_names: Collection[str] | None = None,
               cache: bool = True) -> list[Exam]:
    """Load every exam in the given files/folders (default: the shipped content).

    Raises ContentErrors with every problem in every file; exam ids must be unique.
    An exam that loaded cleanly before and has not changed since comes from the cache
    (`tutor.model.cache`), unless `cache` is False or `demo_names` is given: checking the
    content (`tutor check`, which passes the demo names) always parses and validates.
    """
    exams: list[Exam] = []
    errors: list[ContentError] = []
    files = content_files(paths)
    if not files:
        raise ContentErrors([ContentError(str(next(iter(paths or []), ".")), 1, 1, "no exam files (*.yaml) found")])
    for file in files:
        if not file.exists():
            errors.append(ContentError(str(file), 1, 1, "no such file or folder"))
            continue
        try:
            if cache and demo_names is None:
                exam = exam_cache.load(file, _load_exam)
            else:
                exam = _load_exam(file, demo_names=demo_names)
        except ContentErrors as exc:
            errors.extend(exc.errors)
            continue
        if any(e.id == exam.id for e in exams):
            errors.append(ContentError(str(file), 1, 1, f"exam id '{exam.id}' is also used by another file"))
        exams.append(exam)
    if errors:
        raise ContentErrors(errors)
    return exams


def _load_exam(path: Path, *, demo_names: Collection[str] | None = None) -> Exam:
    """Parse and validate one file (the YAML loader is imported here, on first use)."""
    from tutor.model.loader import load_exam

    return load_exam(path, demo_names=demo_names)


def user_exams_dir(data_dir: str | Path | None = None) -> Path:
    """The per-user exams folder: `exams/` in the data folder (`--data-dir`, else
    $TUTOR_DATA_DIR, else the platform's user data dir), so an installed tutor finds exams
    dropped there without reinstalling."""
    import os

    if data_dir:
        return Path(data_dir).expanduser() / "exams"
    env = os.environ.get("TUTOR_DATA_DIR")
    if env:
        return Path(env).expanduser() / "exams"
    import platformdirs

    return Path(platformdirs.user_data_dir("tutor", appauthor=False)) / "exams"


def discover_exams(content: str | Path | None = None, data_dir: str | Path | None = None,
                   ) -> tuple[list[Exam], list[ContentError]]:
    """Every exam to offer: `content` (a folder or file) when given; otherwise the shipped
    exams and those in the user's exams folder.

    Returns (exams, skipped): a broken file in the user's folder is skipped (its errors are
    returned, for a warning), so it never keeps the shipped exam from opening. Errors in
    `content` or the shipped exams raise ContentErrors.
    """
    if content:
        return load_exams([content]), []
    exams = load_exams(None)
    skipped: list[ContentError] = []
    folder = user_exams_dir(data_dir)
    try:
        files = content_files([folder]) if folder.is_dir() else []
    except OSError:
        files = []
    for file in files:
        try:
            [exam] = load_exams([file])
        except ContentErrors as exc:
            skipped.extend(exc.errors)
            continue
        if any(e.id == exam.id for e in exams):
            skipped.append(ContentError(str(file), 1, 1, f"exam id '{exam.id}' is already used by another exam; "
                                                         "give this one its own id"))
            continue
        exams.append(exam)
    return exams, skipped
