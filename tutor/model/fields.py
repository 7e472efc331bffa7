"""Building and checking answer fields (and their mistakes, rubrics, symbols) from YAML nodes."""

from __future__ import annotations

import re
from typing import Any

import yaml

from tutor.model.types import (
    FIELD_KINDS,
    Claim,
    Field,
    Misconception,
    Mistake,
    RubricItem,
    Symbols,
    SymbolSpec,
)
from tutor.model.yamlnodes import Reader, nearest, peek

IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")

COMMON_KEYS = ("id", "kind", "label", "points", "answer", "mistakes", "addition")
KIND_KEYS: dict[str, tuple[str, ...]] = {
    "number": ("rtol", "atol", "exact"),
    "formula": ("symbols", "rtol", "atol"),
    "shape": (),
    "choice": ("options", "multiple", "feedback", "aliases"),
    "graph": ("optional", "aliases"),
    "text": ("max_sentences", "model_answer", "rubric", "subjects", "misconceptions"),
}
ALL_KIND_KEYS = {key for keys in KIND_KEYS.values() for key in keys}
_TOLERANCE = "a number's tolerance is rtol, relative, or atol, absolute"
# words authors write for a key the format spells otherwise (where the nearest key misleads)
KEY_ADVICE = {"tolerance": _TOLERANCE, "tolerence": _TOLERANCE, "tol": _TOLERANCE, "rel_tol": _TOLERANCE,
              "abs_tol": _TOLERANCE, "choices": "the choices are `options`", "type": "a field's type is its `kind`",
              "correct": "the right answer is `answer`", "solution": "a field's right answer is `answer`; "
              "worked solutions belong to the part"}


def _kind_owner(key: str) -> str:
    kinds = [k for k, keys in KIND_KEYS.items() if key in keys]
    return "is only for " + " and ".join(kinds) + " fields"


def read_field(r: Reader, node: yaml.Node, part_id: str) -> tuple[Field, yaml.Node] | None:
    """Build one Field from its node; `points` is filled in later by the part (may be -1)."""
    label = peek(node, "id")
    where = f"field {part_id}.{label}" if label else f"field of part {part_id}"
    declared = peek(node, "kind")
    if isinstance(declared, str) and declared in KIND_KEYS:  # the keys of that kind, and why not others
        others = sorted(ALL_KIND_KEYS - set(KIND_KEYS[declared]))
        raw = r.mapping(node, where, ("id", "kind"), COMMON_KEYS + KIND_KEYS[declared],
                        not_for={key: f"{_kind_owner(key)}, not {declared}" for key in others},
                        advice=KEY_ADVICE, valid_name=f"valid keys for a {declared} field")
    else:
        raw = r.mapping(node, where, ("id", "kind"), COMMON_KEYS + tuple(ALL_KIND_KEYS), advice=KEY_ADVICE)
    if raw is None or "id" not in raw or "kind" not in raw:
        return None
    field_id = r.string(raw["id"], f"{where}: id")
    if field_id and not IDENT.match(field_id):
        r.error(raw["id"], f"field id '{field_id}' must be a plain identifier (letters, digits, _)")
    where = f"field {part_id}.{field_id}"
    r.mark((part_id, field_id), node)
    for key in ("answer", "model_answer", "symbols", "optional"):
        r.mark((part_id, field_id, key), raw.get(key))
    kind = r.string(raw["kind"], f"{where}: kind")
    if kind not in FIELD_KINDS:
        hint = nearest(kind, FIELD_KINDS)
        suggestion = f" (did you mean '{hint}'?)" if hint else ""
        r.error(raw["kind"], f"{where}: unknown field kind '{kind}'{suggestion}; kinds: {', '.join(FIELD_KINDS)}")
        return None
    if kind != "text" and "answer" not in raw:
        r.error(node, f"{where}: missing key 'answer'")
    kw: dict[str, Any] = {"id": field_id, "part_id": part_id, "kind": kind, "points": -1.0}
    if "label" in raw:
        kw["label"] = r.string(raw["label"], f"{where}: label")
    if "addition" in raw:
        kw["addition"] = r.boolean(raw["addition"], f"{where}: addition")
    if "points" in raw:
        kw["points"] = r.number(raw["points"], f"{where}: points", minimum=0)
    if "answer" in raw and kind in ("number", "formula") and isinstance(raw["answer"], yaml.SequenceNode):
        r.error(raw["answer"], f"{where}: YAML read this answer as a list; write a vector or matrix in quotes, "
                               "e.g. answer: '[1, 2; 3, 4]' (rows split by ';')")
    elif "answer" in raw:
        kw["answer"] = r.string_or_strings(raw["answer"], f"{where}: answer")
    if "rtol" in raw:
        kw["rtol"] = r.number(raw["rtol"], f"{where}: rtol", minimum=0)
    if "atol" in raw:
        kw["atol"] = r.number(raw["atol"], f"{where}: atol", minimum=0)
    if "exact" in raw:
        kw["exact"] = r.boolean(raw["exact"], f"{where}: exact")
        if kw["exact"] and ("rtol" in raw or "atol" in raw):
            r.error(raw["exact"], f"{where}: exact: true leaves no tolerance; remove rtol and atol")
    if "mistakes" in raw:
        kw["mistakes"] = _read_mistakes(r, raw["mistakes"], where, (part_id, field_id))
    if kind == "choice":
        _read_choice(r, raw, node, where, kw)
    elif kind == "formula":
        if "symbols" not in raw:
            r.error(node, f"{where}: missing key 'symbols' (a formula declares its symbols)")
        else:
            kw["symbols"] = read_symbols(r, raw["symbols"], where)
    elif kind == "graph":
        if "optional" in raw:
            kw["optional"] = r.string(raw["optional"], f"{where}: optional")
        if "aliases" in raw:
            kw["aliases"] = _read_str_map(r, raw["aliases"], f"{where}: aliases")
    elif kind == "text":
        _read_text(r, raw, node, where, kw)
    if isinstance(kw.get("answer"), tuple) and not kw.get("multiple"):
        r.error(raw["answer"], f"{where}: a list of answers needs a choice field with multiple: true")
    return Field(**kw), node


def _read_mistakes(r: Reader, node: yaml.Node, where: str, key: tuple[str, str]) -> tuple[Mistake, ...]:
    out: list[Mistake] = []
    seen: set[str] = set()
    for item in r.sequence(node, f"{where}: mistakes"):
        raw = r.mapping(item, f"{where}: mistake", ("id", "answer", "feedback"), ("score", "credit_needs"))
        if raw is None or not {"id", "answer", "feedback"} <= raw.keys():
            continue
        mistake_id = r.string(raw["id"], f"{where}: mistake id")
        r.mark((*key, "mistake", mistake_id), raw["answer"])
        if mistake_id in seen:
            r.error(raw["id"], f"{where}: duplicate mistake id '{mistake_id}'")
        seen.add(mistake_id)
        score = r.number(raw["score"], f"{where}: mistake {mistake_id}: score", minimum=0) if "score" in raw else 0.0
        if score > 1:
            r.error(raw["score"], f"{where}: mistake {mistake_id}: score is a fraction of the field's points (0 to 1), got {score:g}")
        out.append(
            Mistake(
                id=mistake_id,
                answer=r.string_or_strings(raw["answer"], f"{where}: mistake {mistake_id}: answer"),
                feedback=r.string(raw["feedback"], f"{where}: mistake {mistake_id}: feedback"),
                score=score,
                credit_needs=_credit_needs(r, raw, f"{where}: mistake {mistake_id}"),
            )
        )
    return tuple(out)


def _credit_needs(r: Reader, raw: dict[str, yaml.Node], where: str) -> tuple[str, ...]:
    """`credit_needs: log10` (or a list): function names the answer must write to earn the score."""
    if "credit_needs" not in raw:
        return ()
    names = r.string_or_strings(raw["credit_needs"], f"{where}: credit_needs")
    names = (names,) if isinstance(names, str) else names
    for name in names:
        if not IDENT.match(name):
            r.error(raw["credit_needs"], f"{where}: credit_needs names functions (like log10), got '{name}'")
    return tuple(names)


def _read_choice(r: Reader, raw: dict[str, yaml.Node], node: yaml.Node, where: str, kw: dict[str, Any]) -> None:
    if "options" not in raw:
        r.error(node, f"{where}: missing key 'options'")
        return
    options = r.strings(raw["options"], f"{where}: options")
    if len(set(options)) != len(options):
        r.error(raw["options"], f"{where}: options repeat")
    if len(options) < 2:
        r.error(raw["options"], f"{where}: a choice needs at least two options")
    kw["options"] = options
    kw["multiple"] = r.boolean(raw["multiple"], f"{where}: multiple") if "multiple" in raw else False
    answers = kw.get("answer")
    answers = answers if isinstance(answers, tuple) else (answers,) if answers else ()
    for answer in answers:
        if PLACEHOLDER.search(answer):
            continue  # filled in per variant; the engine checks every variant's answer
        if answer not in options:
            hint = nearest(answer, options)
            suggestion = f" (did you mean '{hint}'?)" if hint else ""
            r.error(raw.get("answer", node), f"{where}: answer '{answer}' is not one of the options {list(options)}{suggestion}")
    if "feedback" in raw:
        feedback = _read_str_map(r, raw["feedback"], f"{where}: feedback")
        for key in feedback:
            if key not in options:
                r.error(raw["feedback"], f"{where}: feedback for '{key}', which is not an option")
        missing = [o for o in options if o not in feedback]
        if missing:
            r.error(raw["feedback"], f"{where}: feedback missing for option(s) {missing}")
        kw["option_feedback"] = feedback
    if "aliases" in raw:  # other words learners use for an option: {full batch: GD}
        aliases = _read_str_map(r, raw["aliases"], f"{where}: aliases")
        for alias, option in aliases.items():
            if option not in options:
                r.error(raw["aliases"], f"{where}: alias '{alias}' names '{option}', which is not an option")
            if alias in options:
                r.error(raw["aliases"], f"{where}: alias '{alias}' is itself an option")
        kw["aliases"] = aliases


CLAIM_TERMS = ("says", "denies", "mentions")
CLAIM_KEYS = ("about", "then", "unless", "question_words") + CLAIM_TERMS


def _read_text(r: Reader, raw: dict[str, yaml.Node], node: yaml.Node, where: str, kw: dict[str, Any]) -> None:
    """A written field: model answer, subjects, rubric ideas (claims or keywords), misconceptions.

    ```yaml
    subjects:                      # who a claim is about: name -> the words that name it
      gd: [GD, full-batch, batch gradient descent]
      sgd: [SGD, stochastic, mini-batch]
    rubric:
      - id: gd-exact
        idea: GD's gradient is exact; SGD's is a noisy estimate
        points: 2                  # field points; ideas may add up to more (capped)
        claims:                    # any one claim shows the idea
          - {about: gd, says: [exact, more accurate, true gradient], question_words: true}
          - {about: sgd, denies: [exact, accurate]}     # "SGD is not exact", "less accurate"
          - {about: sgd, says: [noisy, approximate, estimate]}
          - {says: [choose, pick], then: [validation]}  # two terms in order, same clause
          - {about: later, says: [differ], unless: [after the first step]}  # vetoed in that sentence
    misconceptions:
      - id: sgd-more-accurate
        claims: [{about: sgd, says: [more accurate, exact]}]
        feedback: Backwards: GD's full-data gradient is the exact one.
        concept: sgd-vs-gd         # optional concept tag (defined under concepts)
        idea: gd-exact             # the idea it contradicts: left unticked
        cap: 0.4                   # the suggested score is at most this share (default 0.4)
    ```
    A term is a word or phrase; each word matches its inflections (a stemmer), a close
    misspelling, and `word*` any word that starts so. Maths is read as the answer language
    writes it: `β^t → 0` matches "β₁ᵗ → 0", "beta1^t tends to zero".
    """
    if "max_sentences" in raw:
        kw["max_sentences"] = r.integer(raw["max_sentences"], f"{where}: max_sentences", minimum=1)
    if "model_answer" not in raw:
        r.error(node, f"{where}: missing key 'model_answer' (text fields show a model answer)")
    else:
        kw["model_answer"] = r.string(raw["model_answer"], f"{where}: model_answer")
    subjects: dict[str, tuple[str, ...]] = {}
    if "subjects" in raw:
        if not isinstance(raw["subjects"], yaml.MappingNode):
            r.error(raw["subjects"], f"{where}: subjects must be a mapping NAME: [words that name it]")
        else:
            for key_node, value_node in raw["subjects"].value:
                name = r.string(key_node, f"{where}: subject name")
                subjects[name] = r.strings(value_node, f"{where}: subject {name}")
                if not subjects[name]:
                    r.error(value_node, f"{where}: subject {name}: needs at least one word")
        kw["subjects"] = subjects
    if "rubric" not in raw:
        r.error(node, f"{where}: missing key 'rubric' (text fields are graded against key ideas)")
        return
    items: list[RubricItem] = []
    for n, item in enumerate(r.sequence(raw["rubric"], f"{where}: rubric"), 1):
        rub = r.mapping(item, f"{where}: rubric item", ("idea",), ("id", "points", "keywords", "claims"))
        if rub is None or "idea" not in rub:
            continue
        item_id = r.string(rub["id"], f"{where}: rubric id") if "id" in rub else f"idea{n}"
        if any(i.id == item_id for i in items):
            r.error(rub.get("id", item), f"{where}: duplicate rubric id '{item_id}'")
        if "keywords" not in rub and "claims" not in rub:
            r.error(item, f"{where}: rubric {item_id}: needs claims (or keywords) that show the idea")
        keywords = tuple(k.lower() for k in r.strings(rub["keywords"], f"{where}: rubric {item_id}: keywords")) \
            if "keywords" in rub else ()
        if "keywords" in rub and not keywords:
            r.error(rub["keywords"], f"{where}: rubric {item_id}: needs at least one keyword")
        claims = _read_claims(r, rub["claims"], f"{where}: rubric {item_id}", subjects) if "claims" in rub else ()
        points = r.number(rub["points"], f"{where}: rubric {item_id}: points", minimum=0) if "points" in rub else 1.0
        items.append(RubricItem(item_id, r.string(rub["idea"], f"{where}: rubric idea"), points, keywords, claims))
    if not items and isinstance(raw["rubric"], yaml.SequenceNode):
        r.error(raw["rubric"], f"{where}: rubric needs at least one idea")
    kw["rubric"] = tuple(items)
    if "misconceptions" in raw:
        kw["misconceptions"] = _read_misconceptions(r, raw["misconceptions"], where, subjects, items)


def _read_claims(r: Reader, node: yaml.Node, where: str, subjects: dict[str, tuple[str, ...]]) -> tuple[Claim, ...]:
    out: list[Claim] = []
    for item in r.sequence(node, f"{where}: claims"):
        raw = r.mapping(item, f"{where}: claim", (), CLAIM_KEYS)
        if raw is None:
            continue
        terms = {key: r.strings(raw[key], f"{where}: claim {key}")
                 for key in CLAIM_TERMS + ("then", "unless") if key in raw}
        misspelt = isinstance(item, yaml.MappingNode) and any(
            getattr(k, "value", None) not in CLAIM_KEYS for k, _ in item.value)   # its own error names the key
        if not any(terms.get(k) for k in CLAIM_TERMS) and not misspelt:
            r.error(item, f"{where}: a claim needs terms under says, denies or mentions")
        about = r.string_or_strings(raw["about"], f"{where}: claim about") if "about" in raw else ()
        about = (about,) if isinstance(about, str) else about
        for name in about:
            if name not in subjects:
                hint = nearest(name, subjects)
                suggestion = f" (did you mean '{hint}'?)" if hint else ""
                r.error(raw["about"], f"{where}: claim about '{name}', which subjects does not name{suggestion}")
        echo = r.boolean(raw["question_words"], f"{where}: question_words") if "question_words" in raw else False
        out.append(Claim(tuple(about), terms.get("says", ()), terms.get("denies", ()), terms.get("mentions", ()),
                         terms.get("then", ()), echo, terms.get("unless", ())))
    if not out and isinstance(node, yaml.SequenceNode):
        r.error(node, f"{where}: needs at least one claim")
    return tuple(out)


def _read_misconceptions(r: Reader, node: yaml.Node, where: str, subjects: dict[str, tuple[str, ...]],
                         items: list[RubricItem]) -> tuple[Misconception, ...]:
    out: list[Misconception] = []
    for item in r.sequence(node, f"{where}: misconceptions"):
        raw = r.mapping(item, f"{where}: misconception", ("id", "claims", "feedback"), ("concept", "idea", "cap"))
        if raw is None or not {"id", "claims", "feedback"} <= raw.keys():
            continue
        mid = r.string(raw["id"], f"{where}: misconception id")
        if any(m.id == mid for m in out):
            r.error(raw["id"], f"{where}: duplicate misconception id '{mid}'")
        idea = r.string(raw["idea"], f"{where}: misconception {mid}: idea") if "idea" in raw else None
        if idea is not None and all(i.id != idea for i in items):
            hint = nearest(idea, [i.id for i in items])
            suggestion = f" (did you mean '{hint}'?)" if hint else ""
            r.error(raw["idea"], f"{where}: misconception {mid}: idea '{idea}' is not a rubric id{suggestion}")
        if "concept" in raw:   # checked against the exam's concepts once the part is read
            r.mark((where, "misconception", mid, "concept"), raw["concept"])
        cap = r.number(raw["cap"], f"{where}: misconception {mid}: cap", minimum=0) if "cap" in raw else 0.4
        if cap > 1:
            r.error(raw["cap"], f"{where}: misconception {mid}: cap is a share of the field's points (0 to 1)")
        out.append(Misconception(
            id=mid, claims=_read_claims(r, raw["claims"], f"{where}: misconception {mid}", subjects),
            feedback=r.string(raw["feedback"], f"{where}: misconception {mid}: feedback"),
            concept=r.string(raw["concept"], f"{where}: misconception {mid}: concept") if "concept" in raw else None,
            idea=idea, cap=cap))
    return tuple(out)


def _read_str_map(r: Reader, node: yaml.Node, what: str) -> dict[str, str]:
    if not isinstance(node, yaml.MappingNode):
        r.error(node, f"{what} must be a mapping, got something else")
        return {}
    out: dict[str, str] = {}
    for key_node, value_node in node.value:
        key = r.string(key_node, f"{what} key")
        if key in out:
            r.error(key_node, f"{what}: duplicate key '{key}'")
        out[key] = r.string(value_node, f"{what}: {key}")
    return out


def _name(r: Reader, node: yaml.Node, what: str) -> str | None:
    """A plain identifier used as a key (a dimension or a defined name), or None after an error."""
    text = node.value if isinstance(node, yaml.ScalarNode) else None
    if not isinstance(text, str) or not IDENT.match(text):
        r.error(node, f"{what} must be a plain identifier (letters, digits, _), not {text if text else 'a list or mapping'!r}")
        return None
    return text


def read_symbols(r: Reader, node: yaml.Node, where: str) -> Symbols | None:
    """The `symbols:` block of a formula field: dims, variables and ordered definitions."""
    if not isinstance(node, yaml.MappingNode):
        r.error(node, f"{where}: symbols must be a mapping")
        return None
    dims: dict[str, tuple[int, int]] = {}
    variables: dict[str, SymbolSpec] = {}
    define: list[tuple[str, str]] = []
    for key_node, value_node in node.value:
        key = r.string(key_node, f"{where}: symbol name")
        if key == "dims":
            if not isinstance(value_node, yaml.MappingNode):
                r.error(value_node, f"{where}: dims must be a mapping of name: [low, high], e.g. dims: {{m: [2, 7]}}")
                continue
            for dim_key, dim_value in value_node.value:
                name = _name(r, dim_key, f"{where}: dimension name")
                if name is None:
                    continue
                bounds = [r.integer(v, f"{where}: dim {name}", minimum=1) for v in r.sequence(dim_value, f"{where}: dim {name}")]
                if len(bounds) != 2 or bounds[0] > bounds[1]:
                    r.error(dim_value, f"{where}: dim {name} must be [low, high] with low <= high")
                    continue
                dims[name] = (bounds[0], bounds[1])
        elif key == "define":
            if not isinstance(value_node, yaml.MappingNode):
                r.error(value_node, f"{where}: define must be a mapping of name: expression, e.g. define: {{h: W @ x}}")
                continue
            for def_key, def_value in value_node.value:
                name = _name(r, def_key, f"{where}: defined name")
                if name is not None:
                    define.append((name, r.string(def_value, f"{where}: define {name}")))
        else:
            spec = _read_symbol(r, key, value_node, where)
            if spec:
                variables[key] = spec
    for spec in variables.values():
        for dim in spec.shape or ():
            if isinstance(dim, str) and dim not in dims:
                hint = nearest(dim, dims)
                suggestion = f" (did you mean '{hint}'?)" if hint else ""
                r.error(node, f"{where}: symbol {spec.name} uses dimension '{dim}', which dims does not declare{suggestion}")
    return Symbols(dims=dims, vars=variables, define=tuple(define))


def _read_symbol(r: Reader, name: str, node: yaml.Node, where: str) -> SymbolSpec | None:
    raw = r.mapping(node, f"{where}: symbol {name}", (), ("shape", "range", "integer", "aliases"))
    if raw is None:
        return None
    if not IDENT.match(name):
        r.error(node, f"{where}: symbol name '{name}' must be a plain identifier")
    shape = None
    if "shape" in raw:
        items = r.sequence(raw["shape"], f"{where}: symbol {name}: shape")
        dims_out: list[str | int] = []
        for item in items:
            text = str(item.value) if isinstance(item, yaml.ScalarNode) else ""
            if text.isascii() and text.isdigit() and int(text) >= 1:
                dims_out.append(int(text))
            elif IDENT.match(text):
                dims_out.append(text)
            else:
                r.error(item, f"{where}: symbol {name}: shape entries are dimension names or whole numbers "
                              f"(like [n, 1]), not {text or 'a ' + type(item).__name__.replace('Node', '').lower()!r}")
        shape = tuple(dims_out)
    value_range = None
    if "range" in raw:
        bounds = [r.number(v, f"{where}: symbol {name}: range") for v in r.sequence(raw["range"], f"{where}: symbol {name}: range")]
        if len(bounds) != 2 or bounds[0] >= bounds[1]:
            r.error(raw["range"], f"{where}: symbol {name}: range must be [low, high] with low < high")
        else:
            value_range = (bounds[0], bounds[1])
    if shape is None and value_range is None:
        r.error(node, f"{where}: symbol {name} needs a shape (matrix/vector) or a range (scalar)")
    integer = r.boolean(raw["integer"], f"{where}: symbol {name}: integer") if "integer" in raw else False
    aliases = r.strings(raw["aliases"], f"{where}: symbol {name}: aliases") if "aliases" in raw else ()
    return SymbolSpec(name=name, shape=shape, range=value_range, integer=integer, aliases=aliases)
