"""The exam cache: a hit skips the loader, any change to the file is a miss, `check` never reads it."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tutor.cli.main import main
from tutor.model import ContentErrors, cache, default_content_dir, load_exams, loader

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
    assert len(loads) == 1 and len(list(cache_dir.glob("exam-*.json"))) == 1
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
    assert exam.positions == full[0].positions and exam.positions    # `tutor check`'s positions too


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
    assert not list(cache_dir.glob("exam-*.json"))


def test_a_damaged_entry_is_ignored_and_replaced(cache_dir, loads):
    exam = load_exams()[0]
    (entry,) = cache_dir.glob("exam-*.json")
    entry.write_bytes(b"not an entry")
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
    cache._write(cache_dir, next(cache_dir.glob("exam-*.json")), cache._key(path), good)
    assert load_exams([path])[0] == good          # the app would trust the entry
    assert main(["check", str(path)]) == 1
    assert "exam minutes" in capsys.readouterr().err

    def no_cache(*args, **kwargs):
        raise AssertionError("tutor check read the exam cache")

    monkeypatch.setattr(cache, "load", no_cache)
    assert main(["check", str(default_content_dir())]) == 0


def _pickle_payload(marker: Path) -> bytes:
    """A pickle that, when loaded, creates `marker` (what a planted entry would do)."""
    import pickle

    class Payload:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    return pickle.dumps(Payload())


def test_a_planted_pickle_runs_nothing_and_the_entry_is_rebuilt(cache_dir, loads, tmp_path):
    exam = load_exams()[0]
    (entry,) = cache_dir.glob("exam-*.json")
    marker = tmp_path / "ran"
    entry.write_bytes(_pickle_payload(marker))
    entry.with_suffix(".pickle").write_bytes(_pickle_payload(marker))   # where the old format lived
    assert load_exams()[0] == exam and len(loads) == 2                  # ignored, loaded in full
    assert not marker.exists()
    assert json.loads(entry.read_text())["exam"]["id"] == exam.id       # rebuilt as plain JSON
    assert load_exams()[0] == exam and len(loads) == 2
    assert not list(cache_dir.glob("*.pickle"))


@pytest.mark.parametrize("tamper", ["wrong type", "wrong item", "wrong value", "extra key", "unknown tag",
                                    "deep", "not json", "huge"])
def test_a_current_looking_entry_that_is_not_an_exam_is_ignored(cache_dir, loads, tamper):
    exam = load_exams()[0]
    (entry,) = cache_dir.glob("exam-*.json")
    data = json.loads(entry.read_text())
    part = data["exam"]["problems"][0]["parts"][0]
    if tamper == "wrong type":
        part["points"] = "__import__('os').system('true')"
    elif tamper == "wrong item":
        part["concepts"] = [part["concepts"][0], 1]
    elif tamper == "wrong value":
        data["exam"]["wording"] = [["mock", ["Mock"]]]
    elif tamper == "extra key":
        part["__class__"] = "os.system"
    elif tamper == "unknown tag":
        data["exam"]["problems"][3]["parts"][0]["params"] = [["x", {"py/object": "os.system"}]]
    elif tamper == "deep":
        data["exam"]["problems"][3]["parts"][0]["params"] = [["x", "DEEP"]]
    text = json.dumps(data).replace('"DEEP"', '{"l":[' * 100 + "1" + "]}" * 100)
    if tamper == "not json":
        text = text[: len(text) // 2]
    elif tamper == "huge":
        text += " " * (cache.MAX_BYTES + 1)
    entry.write_text(text)
    assert load_exams()[0] == exam and len(loads) == 2
    assert load_exams()[0] == exam and len(loads) == 2   # the rebuilt entry is used


def test_no_module_of_tutor_can_unpickle():
    import tutor

    root = Path(tutor.__file__).parent
    for source in root.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        assert "import pickle" not in text and "import marshal" not in text and "shelve" not in text, source


def test_plain_data_keeps_the_types_yaml_gives_free_form_params():
    from dataclasses import replace

    from tutor.model.plaindata import decode_exam, encode_exam

    exam = load_exams(cache=False)[0]
    params = {"p": {"probs": 4, True: 3, "exam": [0.25, 0.25, 0.3, 0.2]}, "t": ("a", 1, 1.0, None, False)}
    part = replace(exam.problems[0].parts[0], params=params)
    odd = replace(exam, problems=(replace(exam.problems[0], parts=(part,)),))
    back = decode_exam(json.loads(json.dumps(encode_exam(odd))))
    assert back == odd
    got = back.problems[0].parts[0].params
    assert list(got["p"]) == ["probs", True, "exam"] and type(got["p"]["exam"]) is list
    assert [type(v) for v in got["t"]] == [str, int, float, type(None), bool] and type(got["t"]) is tuple


@dataclass(frozen=True)
class _Postponed:
    """Annotations kept as strings (this file has `from __future__ import annotations`)."""

    name: str
    sizes: tuple[int, ...] = ()


def test_the_codec_reads_field_types_evaluated_or_postponed():
    import dataclasses

    from tutor.model import types
    from tutor.model.plaindata import NotAnExam, _codec

    # the model's annotations are types already: no annotation strings to evaluate at start-up
    assert not [f for cls in (types.Exam, types.Part, types.Field)
                for f in dataclasses.fields(cls) if isinstance(f.type, str)]
    assert all(isinstance(f.type, str) for f in dataclasses.fields(_Postponed))
    encode, decode = _codec(_Postponed)
    data = encode((_Postponed("a", (1, 2)), [100]))
    assert data == {"name": "a", "sizes": [1, 2]}
    assert decode(data, 0) == _Postponed("a", (1, 2))
    with pytest.raises(NotAnExam):
        decode({"name": "a", "sizes": ["1"]}, 0)
