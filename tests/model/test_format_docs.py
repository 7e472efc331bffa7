"""The format reference (docs/content-format.md) and the JSON Schema are held to the loader:
every key the loader accepts is documented and in the schema, and nothing else is; the
reference's example exam is the test fixture, and both exams validate against the schema."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from tests.model.keyprobe import EXAMPLE, SECTIONS, accepted
from tutor.model import default_content_dir, load_exam

ROOT = Path(__file__).parents[2]
DOC = ROOT / "docs" / "content-format.md"
SCHEMA = ROOT / "tutor" / "schema" / "exam.schema.json"


def documented() -> dict[str, set[str]]:
    """Section -> the keys in the first column of the table after `<!-- keys: SECTION -->`."""
    out: dict[str, set[str]] = {}
    lines = DOC.read_text().splitlines()
    for index, line in enumerate(lines):
        marker = re.fullmatch(r"<!-- keys: (.+) -->", line.strip())
        if not marker:
            continue
        keys: set[str] = set()
        for row in lines[index + 1:]:
            if not row.startswith("|"):
                break
            first = row.split("|")[1]
            keys.update(re.findall(r"`([a-z_]+)`", first))
        out[marker.group(1)] = keys
    return out


@pytest.mark.parametrize("section", sorted(SECTIONS))
def test_the_reference_documents_exactly_the_keys_the_loader_accepts(section):
    docs = documented()
    assert section in docs, f"docs/content-format.md has no `<!-- keys: {section} -->` table"
    assert docs[section] == set(accepted()[section]), (
        f"{section}: undocumented {sorted(set(accepted()[section]) - docs[section])}, "
        f"documented but refused {sorted(docs[section] - set(accepted()[section]))}")


def test_the_reference_s_example_is_the_test_exam_and_it_loads():
    text = DOC.read_text()
    block = re.search(r"## A complete example.*?```yaml\n(.*?)```", text, re.S)
    assert block and block.group(1) == EXAMPLE.read_text()
    exam = load_exam(EXAMPLE)
    assert {f.kind for p in exam.parts for f in p.fields} == {"number", "formula", "shape", "choice", "graph", "text"}


def _schema_keys(schema: dict, section: str) -> set[str]:
    name = "field_" + section.split(": ")[1] if section.startswith("field: ") else section.replace(" ", "_")
    return set(schema["$defs"][name]["properties"])


@pytest.mark.parametrize("section", sorted(SECTIONS))
def test_the_schema_has_exactly_the_keys_the_loader_accepts(section):
    schema = json.loads(SCHEMA.read_text())
    assert _schema_keys(schema, section) == set(accepted()[section])


@pytest.mark.parametrize("path", [EXAMPLE, *default_content_dir().glob("*.yaml")], ids=lambda p: p.name)
def test_both_exams_validate_against_the_schema(path):
    import jsonschema

    schema = json.loads(SCHEMA.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(yaml.safe_load(path.read_text())))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


def test_the_schema_refuses_what_the_loader_refuses():
    import jsonschema

    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text()))
    data = yaml.safe_load(EXAMPLE.read_text())
    data["problems"][0]["parts"][0]["pionts"] = 2
    data["problems"][0]["parts"][0]["fields"][0]["kind"] = "numbr"
    messages = " ".join(e.message for e in validator.iter_errors(data))
    assert "pionts" in messages


def test_the_readme_links_the_reference_and_shows_the_schema_line():
    readme = (ROOT / "README.md").read_text()
    assert "docs/content-format.md" in readme
    assert "# yaml-language-server: $schema=" in readme and "exam.schema.json" in readme


def test_the_schema_takes_the_image_files_the_loader_takes():
    import jsonschema

    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text()))
    data = yaml.safe_load(EXAMPLE.read_text())
    part = data["problems"][0]["parts"][0]
    for name, ok in (("curve.png", True), ("Photo.JPG", True), ("a.jpeg", True), ("b.gif", True),
                     ("figure.svg", False), ("figure.png.txt", False)):
        part["figure"] = {"text": "A figure.", "image": name}
        assert (not list(validator.iter_errors(data))) == ok, name
