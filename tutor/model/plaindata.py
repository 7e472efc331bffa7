"""An exam as JSON-ready plain data and back, checked against the model's declared types.

This is the exam cache's format. Decoding builds nothing but the model's own dataclasses
and plain values, and only where the dataclass declares them: a value of the wrong type, a
missing or extra key, or anything deeper or larger than the bounds raises `NotAnExam`. Nothing
read can name a class or a function, so a planted file can at worst be refused.

Encoding follows each dataclass field's type hint. Mappings become lists of `[key, value]`
pairs (keys keep their types). Free-form values (a part's `params:`) are tagged, so lists,
tuples and mappings with non-string keys (YAML reads `true:` as the key True) come back as
they were: `{"l": [...]}`, `{"t": [...]}`, `{"m": [[k, v], ...]}`.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from tutor.model.types import Exam

MAX_DEPTH = 64         # free-form values nested deeper are not cached
MAX_NODES = 200_000    # nor are ones larger than this (an alias bomb expands on encoding)

Codec = tuple[Callable[[Any], Any], Callable[[Any, int], Any]]


class NotAnExam(ValueError):
    """The data is not an exam as this version of the model declares it."""


def encode_exam(exam: Exam) -> Any:
    """The exam as plain JSON-ready data; NotAnExam if it holds values outside the model."""
    budget = [MAX_NODES]
    return _codec(Exam)[0]((exam, budget))


def decode_exam(data: Any) -> Exam:
    """The exam that `encode_exam` produced; NotAnExam for anything else."""
    exam = _codec(Exam)[1](data, 0)
    if not isinstance(exam, Exam):
        raise _fail("an exam", exam)
    return exam


# The exact JSON types each scalar decodes from (`json.loads` makes no subclasses). Decoders
# check scalars in place, by type, rather than through a function call each: the cache is
# read at every start.
_SCALAR_TYPES: dict[Any, frozenset[type]] = {
    type(None): frozenset({type(None)}), bool: frozenset({bool}), int: frozenset({int}),
    float: frozenset({int, float}), str: frozenset({str}),
}


@cache
def _accepts(tp: Any) -> frozenset[type] | None:
    """The types a scalar type, or a union of scalars, decodes from; None for any other type."""
    if tp in _SCALAR_TYPES:
        return _SCALAR_TYPES[tp]
    if typing.get_origin(tp) not in (typing.Union, types.UnionType):
        return None
    accepted: set[type] = set()
    for option in typing.get_args(tp):
        scalar = _accepts(option)
        if scalar is None:
            return None
        accepted |= scalar
    return frozenset(accepted)


@cache
def _codec(tp: Any) -> Codec:
    """(encode, decode) for a declared type. Encoders take (value, budget) pairs."""
    origin = typing.get_origin(tp)
    if dataclasses.is_dataclass(tp):
        return _dataclass_codec(tp)
    if tp is type(None):
        return _scalar(lambda v: v is None, "null", tp)
    if tp is bool:
        return _scalar(lambda v: isinstance(v, bool), "true or false", tp)
    if tp is int:
        return _scalar(lambda v: isinstance(v, int) and not isinstance(v, bool), "an integer", tp)
    if tp is float:
        return _scalar(lambda v: isinstance(v, (int, float)) and not isinstance(v, bool), "a number", tp)
    if tp is str:
        return _scalar(lambda v: type(v) is str, "a string", tp)
    if tp is object:
        return _free_codec()
    if origin in (typing.Union, types.UnionType):
        return _union_codec(tp)
    if origin is tuple:
        return _tuple_codec(typing.get_args(tp))
    if origin in (Mapping, dict, typing.Mapping):
        key, value = typing.get_args(tp)
        return _mapping_codec(key, value)
    raise TypeError(f"no plain-data codec for {tp!r}")  # a model change this module must learn


def _fail(what: str, value: Any) -> NotAnExam:
    return NotAnExam(f"expected {what}, found {type(value).__name__}")


def _scalar(ok: Callable[[Any], bool], what: str, tp: Any) -> Codec:
    def enc(pair: Any) -> Any:
        value, _ = pair
        if not ok(value):
            raise _fail(what, value)
        return value

    return enc, _scalar_decoder(tp, what)


def _scalar_decoder(tp: Any, what: str) -> Callable[[Any, int], Any]:
    accepted = _accepts(tp)
    assert accepted is not None

    def dec(data: Any, depth: int) -> Any:
        if type(data) not in accepted:
            raise _fail(what, data)
        return data

    return dec


def _field_types(cls: Any) -> dict[str, Any]:
    """Each field's declared type. The model's annotations are evaluated when its classes
    are built; were one a string (postponed annotations), `typing.get_type_hints` resolves
    them all (slower: it compiles each string at every start)."""
    declared = {f.name: f.type for f in dataclasses.fields(cls)}
    if any(isinstance(tp, str) for tp in declared.values()):
        return typing.get_type_hints(cls)
    return declared


def _dataclass_codec(cls: Any) -> Codec:
    hints = _field_types(cls)
    fields = [(f.name, hints[f.name]) for f in dataclasses.fields(cls) if f.init and not f.name.startswith("_")]
    names = {name for name, _ in fields}

    codecs = [(name, _codec(tp)) for name, tp in fields]
    # per field: the scalar types it accepts (checked here), else its decoder
    plan = [(name, _accepts(tp), codec[1]) for (name, tp), (_, codec) in zip(fields, codecs)]

    def enc(pair: Any) -> Any:
        value, budget = pair
        if type(value) is not cls:
            raise _fail(cls.__name__, value)
        return {name: codec[0]((getattr(value, name), budget)) for name, codec in codecs}

    def dec(data: Any, depth: int) -> Any:
        if type(data) is not dict or data.keys() != names:
            raise NotAnExam(f"expected the fields of {cls.__name__}")
        values = {}
        for name, accepted, decode in plan:
            value = data[name]
            if accepted is None:
                value = decode(value, depth + 1)
            elif type(value) not in accepted:
                raise _fail(f"{cls.__name__}.{name} of another type", value)
            values[name] = value
        return cls(**values)

    return enc, dec


def _union_codec(tp: Any) -> Codec:
    options = typing.get_args(tp)
    codecs = [_codec(option) for option in options]

    def enc(pair: Any) -> Any:
        for codec in codecs:
            try:
                return codec[0](pair)
            except NotAnExam:
                continue
        raise _fail(" or ".join(getattr(o, "__name__", str(o)) for o in options), pair[0])

    if _accepts(tp) is not None:          # scalars only (`str | None`): one check by type
        return enc, _scalar_decoder(tp, "one of a union")

    def dec(data: Any, depth: int) -> Any:
        if data is None and type(None) in options:
            return None
        for codec in codecs:
            try:
                return codec[1](data, depth)
            except NotAnExam:
                continue
        raise _fail("one of a union", data)

    return enc, dec


def _tuple_codec(args: tuple[Any, ...]) -> Codec:
    repeated = len(args) == 2 and args[1] is Ellipsis
    codecs = [_codec(args[0])] if repeated else [_codec(tp) for tp in args]
    scalars = _accepts(args[0]) if repeated else None

    def item_codecs(n: int) -> list[Codec]:
        if repeated:
            return codecs * n
        if n != len(codecs):
            raise NotAnExam(f"expected {len(codecs)} items, found {n}")
        return codecs

    def enc(pair: Any) -> Any:
        value, budget = pair
        if not isinstance(value, tuple):
            raise _fail("a tuple", value)
        return [codec[0]((v, budget)) for codec, v in zip(item_codecs(len(value)), value)]

    def dec(data: Any, depth: int) -> Any:
        if type(data) is not list:
            raise _fail("a list", data)
        if scalars is not None:
            for v in data:
                if type(v) not in scalars:
                    raise _fail("an item of another type", v)
            return tuple(data)
        if repeated:
            item = codecs[0][1]
            return tuple([item(v, depth + 1) for v in data])
        return tuple([codec[1](v, depth + 1) for codec, v in zip(item_codecs(len(data)), data)])

    return enc, dec


def _mapping_codec(key_tp: Any, value_tp: Any) -> Codec:
    keys, values = _codec(key_tp), _codec(value_tp)
    key_types, value_types = _accepts(key_tp), _accepts(value_tp)

    def enc(pair: Any) -> Any:
        value, budget = pair
        if not isinstance(value, Mapping):
            raise _fail("a mapping", value)
        return [[keys[0]((k, budget)), values[0]((v, budget))] for k, v in value.items()]

    def dec(data: Any, depth: int) -> Any:
        if type(data) is not list or not all(type(p) is list and len(p) == 2 for p in data):
            raise _fail("a list of pairs", data)
        if key_types is not None and value_types is not None:   # scalars (hashable): checked in place
            for k, v in data:
                if type(k) not in key_types or type(v) not in value_types:
                    raise _fail("a pair of other types", k if type(k) not in key_types else v)
            return dict(data)
        try:
            return {keys[1](k, depth + 1): values[1](v, depth + 1) for k, v in data}
        except TypeError:  # an unhashable key
            raise NotAnExam("a mapping key must be a scalar") from None

    return enc, dec


def _free_codec() -> Codec:
    """Free-form plain data (YAML scalars, lists, mappings), tagged so types survive."""

    def enc(pair: Any) -> Any:
        value, budget = pair
        return _enc_free(value, budget, 0)

    def dec(data: Any, depth: int) -> Any:
        return _dec_free(data, depth)

    return enc, dec


def _enc_free(value: Any, budget: list[int], depth: int) -> Any:
    budget[0] -= 1
    if budget[0] < 0 or depth > MAX_DEPTH:
        raise NotAnExam("a free-form value is too large or too deep to cache")
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return {"l": [_enc_free(v, budget, depth + 1) for v in value]}
    if isinstance(value, tuple):
        return {"t": [_enc_free(v, budget, depth + 1) for v in value]}
    if isinstance(value, Mapping):
        return {"m": [[_enc_free(k, budget, depth + 1), _enc_free(v, budget, depth + 1)] for k, v in value.items()]}
    raise _fail("plain data", value)


_FREE_SCALARS = frozenset({type(None), bool, int, float, str})


def _dec_free(data: Any, depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise NotAnExam("a free-form value is nested too deeply")
    if type(data) in _FREE_SCALARS:
        return data
    if type(data) is not dict or len(data) != 1:
        raise _fail("a tagged value", data)
    (tag, items), = data.items()
    if not isinstance(items, list):
        raise _fail("a list", items)
    if tag == "l":
        return [_dec_free(v, depth + 1) for v in items]
    if tag == "t":
        return tuple(_dec_free(v, depth + 1) for v in items)
    if tag == "m":
        out = {}
        for pair in items:
            if not isinstance(pair, list) or len(pair) != 2:
                raise _fail("a [key, value] pair", pair)
            key = _dec_free(pair[0], depth + 1)
            try:
                out[key] = _dec_free(pair[1], depth + 1)
            except TypeError:  # an unhashable key
                raise NotAnExam("a mapping key must be a scalar or a tuple of them") from None
        return out
    raise NotAnExam(f"unknown tag {tag!r}")
