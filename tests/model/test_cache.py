"""The exam cache: a hit skips the loader, any change to the file is a miss, `check` never reads it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import tutor.model.loader as loader
from tutor.cli.main import main
from tutor.model import ContentErrors, cache, default_content_dir, load_exams

HERE = Path(__file__).parent


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    """A private cache folder for the test."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_VAR, str(folder))
    return folder


@pytest.fixture
def loads(monkeypatch):
    """Counts the files the YAML loader parses."""
    seen: list[str] = []
    real = loader.load_exam

    def counting(path, **kwargs):
        seen.append(str(path))
        return real(path, **kwargs)

    monkeypatch.setattr(loader, "load_exam", counting)
    return seen


def _copy_mini(tmp_path: Path) -> Path:
    path = tmp_path / "content" / "mini.yaml"
    path.parent.mkdir()
    shutil.copy(HERE / "mini.yaml", path)
    return path


def test_a_second_load_comes_from_the_cache_and_equals_a_full_load(cache_dir, loads):
    first = load_exams()
    assert len(loads) == 1 and len(list(cache_dir.glob("exam-*.pickle"))) == 1
    second = load_exams()
    assert len(loads) == 1                     # not parsed again
    full = load_exams(cache=False)
    assert len(loads) == 2
    assert second == first == full
    exam = second[0]
    assert exam.source == full[0].source
    assert exam.part("4a").fields[0].full_id == "4a.loss"
    assert exam.field("2b.dW").symbols.alias_map() == full[0].field("2b.dW").symbols.alias_map()
    assert [p.id for p in exam.parts] == [p.id for p in full[0].parts]


def test_editing_the_file_invalidates_its_entry(cache_dir, loads, tmp_path):
    path = _copy_mini(tmp_path)
    assert load_exams([path])[0].title == "A tiny exam"
    assert load_exams([path])[0].title == "A tiny exam" and len(loads) == 1
    stat = path.stat()
    # same size and the same modification time: only the content differs
    path.write_text(path.read_text().replace("A tiny exam", "A tiny test"))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    assert load_exams([path])[0].title == "A tiny test" and len(loads) == 2
    # a different modification time alone is a miss too
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert load_exams([path])[0].title == "A tiny test" and len(loads) == 3
    assert load_exams([path])[0].title == "A tiny test" and len(loads) == 3


def test_a_file_with_errors_is_never_cached(cache_dir, tmp_path):
    path = _copy_mini(tmp_path)
    path.write_text(path.read_text().replace("minutes: 10", "minutes: ten"))
    for _ in range(2):
        with pytest.raises(ContentErrors):
            load_exams([path])
    assert not list(cache_dir.glob("exam-*.pickle"))


def test_a_damaged_entry_is_ignored_and_replaced(cache_dir, loads):
    exam = load_exams()[0]
    (entry,) = cache_dir.glob("exam-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert load_exams()[0] == exam and len(loads) == 2
    assert load_exams()[0] == exam and len(loads) == 2


def test_an_unwritable_cache_folder_just_means_no_cache(tmp_path, monkeypatch, loads):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv(cache.ENV_VAR, str(blocker / "cache"))
    assert load_exams()[0].id == "c147-w21-midterm"
    assert load_exams()[0].id == "c147-w21-midterm" and len(loads) == 2


def test_the_cache_can_be_turned_off(monkeypatch, loads, tmp_path):
    monkeypatch.setenv(cache.ENV_VAR, "off")
    load_exams()
    load_exams()
    assert len(loads) == 2


def test_check_never_reads_the_cache(cache_dir, tmp_path, monkeypatch, capsys):
    path = _copy_mini(tmp_path)
    good = load_exams([path])[0]
    # content broken on disk, but a current-looking entry that says it is fine
    path.write_text(path.read_text().replace("minutes: 10", "minutes: -1"))
    cache._write(cache_dir, next(cache_dir.glob("exam-*.pickle")), cache._key(path), good)
    assert load_exams([path])[0] == good          # the app would trust the entry
    assert main(["check", str(path)]) == 1
    assert "exam minutes" in capsys.readouterr().err

    def no_cache(*args, **kwargs):
        raise AssertionError("tutor check read the exam cache")

    monkeypatch.setattr(cache, "load", no_cache)
    assert main(["check", str(default_content_dir())]) == 0
