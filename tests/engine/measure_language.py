"""Measure the language tools on the written-answer batteries: `python -m tests.engine.measure_language`.

For each way of comparing words (Snowball stemmer or exact words; close misspellings on or
off) it prints how many answers get the verdict a TA would give, on the batteries as written,
with one typo in every long word of the right answers, and with every word's number flipped
(singular ↔ plural). The README quotes this table.
"""

from __future__ import annotations

from tests.engine.written_battery import BATTERY, LIMITS
from tests.engine.written_heldout import HELDOUT
from tutor.engine.judge import Options, judge
from tutor.model.content import load_exams


def typo(text: str) -> str:
    """Swap two inner letters of every word of seven letters or more."""
    out = []
    for word in text.split(" "):
        if len(word) >= 7 and word.isalpha():
            i = len(word) // 2
            word = word[:i - 1] + word[i] + word[i - 1] + word[i + 1:]
        out.append(word)
    return " ".join(out)


def inflect(text: str) -> str:
    """Flip every longer word's number: plural to singular and back."""
    out = []
    for word in text.split(" "):
        if len(word) >= 5 and word.isalpha():
            word = word[:-1] if word.endswith("s") else word + "s"
        out.append(word)
    return " ".join(out)


def passes(field, item, options: Options, change=None) -> bool:
    """Whether one battery answer gets its verdict."""
    kind, text = item[0], item[1]
    j = judge(field, change(text) if change else text, options)
    low, high = LIMITS[kind]
    named = [m.misconception.id for m in j.misconceptions]
    ok = low - 1e-9 <= j.fraction <= high + 1e-9
    if kind == "false" and len(item) > 2:
        ok = ok and item[2] in named
    if kind == "right":
        ok = ok and not named
    return ok


def main() -> None:
    """Print the table."""
    exam = load_exams()[0]
    items = [(exam.field(fid), item) for bat in (BATTERY, HELDOUT) for fid, rows in bat.items() for item in rows]
    right = [x for x in items if x[1][0] == "right"]
    wrong = [x for x in items if x[1][0] != "right"]
    print(f"{'words compared by':<34} {'right':>9} {'false/echo/word':>16} {'right+typo':>11} {'right+number':>13}")
    for stemmer in ("snowball", "none"):
        for fuzzy in (True, False):
            o = Options(stemmer, fuzzy)
            a = sum(passes(f, i, o) for f, i in right)
            b = sum(passes(f, i, o) for f, i in wrong)
            c = sum(passes(f, i, o, typo) for f, i in right)
            d = sum(passes(f, i, o, inflect) for f, i in right)
            name = f"{'Snowball stems' if stemmer == 'snowball' else 'exact words'}, {'misspellings' if fuzzy else 'no misspellings'}"
            print(f"{name:<34} {a:>4}/{len(right):<4} {b:>7}/{len(wrong):<8} {c:>5}/{len(right):<5} {d:>6}/{len(right):<6}")


if __name__ == "__main__":
    main()
