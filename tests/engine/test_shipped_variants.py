"""The shipped exam's variants: deterministic, variant 0 is the exam, 200 variants of each part right.

Every expected value is recomputed here with numpy from the rendered params (the texts a
learner sees), never with the engine's own `derive`; the engine is only asked to judge.
"""

from __future__ import annotations

import itertools
import json

import numpy as np
import pytest

from tutor.engine import check, part_params, render_part
from tutor.engine.validate import validate_field
from tutor.engine.variants import generate, texts
from tutor.model.positions import SourceMap

VARIANTS = range(1, 201)
VARIED = ("4a", "4b", "4c", "2b", "4g", "5a", "1c")
CLASSES = ["coronavirus", "RSV", "bacteria", "fungus"]


def vec(text: str) -> np.ndarray:
    """`(0.25, 0.25, 0.3, 0.2)` → array."""
    return np.array([float(x) for x in text.strip("()").split(",")])


def num(value: float) -> str:
    """A number as a learner could type it, with digits to spare."""
    return f"{value:.12g}"


def judge(field, answer: str, shown):
    """The engine's verdict on one answer for the variant whose params are `shown`."""
    return check(field, answer, params=shown)


def expect_mistakes(field, shown, expected: dict) -> None:
    """Each value must be recognised as its own mistake (so none equals the answer)."""
    for mistake_id, values in expected.items():
        for value in np.atleast_1d(values):
            result = judge(field, num(float(value)), shown)
            assert result.verdict != "correct" and result.mistake == mistake_id, (field.full_id, shown, mistake_id, value, result)


@pytest.fixture(scope="module")
def shown_of(exam):
    """The rendered params of variants 0..200 of every varied part."""
    return {pid: [part_params(exam.part(pid), v) for v in range(0, 201)] for pid in VARIED}


@pytest.fixture(scope="module")
def ce(shown_of):
    """Variants 1..200 of the shared 4a-4c params, parsed: (v, shown, p, q, k) per variant."""
    return [(v, shown, vec(shown["p"]), vec(shown["q"]), int(shown["k"]))
            for v, shown in enumerate(shown_of["4a"]) if v > 0]


# -- determinism and variant 0 ---------------------------------------------------------

@pytest.mark.parametrize("pid", VARIED)
def test_variants_are_deterministic_by_number(exam, shown_of, pid):
    part = exam.part(pid)
    for v in (0, 1, 3, 57, 199):
        fresh = texts(part.params, generate(part.params, v))
        assert fresh == texts(part.params, generate(part.params, v)) == part_params(part, v) == shown_of[pid][v]
        assert render_part(part, v) == render_part(part, v)
    shown = [tuple(sorted(s.items())) for s in shown_of[pid][1:41]]
    assert len(set(shown)) >= (20 if pid == "2b" else 36)   # 2b has one number with 46 values


@pytest.mark.parametrize("pid", ["4a", "4g", "1c"])
def test_consecutive_variants_never_repeat_the_numbers(shown_of, pid):
    shown = shown_of[pid]
    assert all(a != b for a, b in itertools.pairwise(shown))


def test_parts_4a_to_4c_share_one_draw(exam):
    for v in (0, 5, 77):
        a, b, c = (part_params(exam.part(pid), v) for pid in ("4a", "4b", "4c"))
        assert a == b == c


def test_variant_zero_is_the_exam(exam):
    a = render_part(exam.part("4a"), 0)
    assert "infected by bacteria" in a.prompt and r"$\hat{y} = (0.25, 0.25, 0.3, 0.2)^T$" in a.prompt
    assert a.fields[0].answer == "-ln(0.3)" and "−ln 0.3 ≈ 1.204" in a.fields[0].mistakes[0].feedback
    assert a.hints[2] == r"Plug in $\hat{y}_3 = 0.3$ and use the natural log."
    b = render_part(exam.part("4b"), 0)
    assert "to be\nfungus with probability distribution $(0, 0, 0.4, 0.6)^T$" in b.prompt
    assert b.fields[0].answer == "-ln(0.4)"
    c = render_part(exam.part("4c"), 0)
    assert c.prompt.rstrip().endswith("led to this undesirable phenomenon.")
    assert c.fields[0].answer == "b"
    assert c.fields[0].option_feedback["b"].startswith("Right: −ln 0.4 ≈ 0.916 < −ln 0.3 ≈ 1.204, even though")
    assert "(1.204 to 0.916) even though" in c.fields[1].model_answer and "(0.4 > 0.3)" in c.fields[1].model_answer

    alpha = part_params(exam.part("2b"), 0)
    assert alpha == {"alpha": "α"}                          # the exam's α stays a symbol ...
    dW = render_part(exam.part("2b"), 0).field("dW")
    assert dW.symbols.vars["alpha"].range == (0.05, 0.95)   # ... so the formula is not pinned
    assert judge(exam.field("2b.dW"), "((f - y) * where(g > 0, 1, 0.3)) @ x.T", alpha).verdict == "incorrect"

    g = part_params(exam.part("4g"), 0)
    assert (g["b1"], g["b2"], g["steps"], g["f1"]) == ("0.9", "0.999", "10", "1.5353")
    s = part_params(exam.part("5a"), 0)
    assert (s["k"], s["eps"], s["target"]) == ("4", "0.1", "0.0333")
    one = part_params(exam.part("1c"), 0)
    assert (one["n"], one["mult"], one["layers"], one["shrink"], one["expo"]) == ("100", "0.01", "10", "0.1", "-10")
    assert r"$0.1^{10} \approx 10^{-10}$" in render_part(exam.part("1c"), 0).solution[1]


def test_every_placeholder_is_filled(exam):
    for pid in VARIED:
        for v in (0, 1, 2, 150):
            part = render_part(exam.part(pid), v)
            names = set(exam.part(pid).params)
            texts_ = [part.prompt, *part.hints, *part.solution]
            for f in part.fields:
                texts_ += [f.label or "", f.model_answer or "", *f.option_feedback.values()]
                texts_ += [m.feedback for m in f.mistakes]
                texts_ += [a for m in f.mistakes for a in ((m.answer,) if isinstance(m.answer, str) else m.answer)]
                texts_ += [f.answer] if isinstance(f.answer, str) else list(f.answer or ())
            for t in texts_:
                assert not any("{" + n + "}" in t for n in names), (pid, v, t)


def test_a_list_of_requirements_is_tested_in_order():
    # ln(x - 5) cannot even be evaluated for x <= 5: the first test must stop those draws first
    params = {"x": {"integer": [1, 9], "exam": 7, "require": ["x > 5", "ln(x - 5) > 0.5"]}}
    drawn = {generate(params, v)["x"] for v in range(1, 60)}
    assert drawn == {7, 8, 9}


# -- 4a, 4b, 4c --------------------------------------------------------------------------

def _compositions(minimum: int) -> np.ndarray:
    """Every vector of 4 distinct hundredths >= minimum summing to 1, true class first."""
    out = [(a, b, c, 100 - a - b - c) for a in range(minimum, 100) for b in range(minimum, 100 - a)
           for c in range(minimum, 100 - a - b) if 100 - a - b - c >= minimum]
    out = np.array([v for v in out if len(set(v)) == 4]) / 100
    return out


def _apart(groups: dict, keep: np.ndarray) -> float:
    """The smallest relative gap between values of different groups over the kept rows."""
    names, worst = list(groups), 1.0
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            for x in groups[a]:
                for y in groups[b]:
                    gap = np.abs(x - y) / np.maximum(np.abs(x), np.abs(y))
                    worst = min(worst, gap[keep].min())
    return worst


def test_every_admissible_draw_keeps_the_mistakes_apart():
    """All vectors the `require:` tests admit, not just 200 of them: no two mistakes within 2%."""
    p = _compositions(15)
    pt, others = p[:, 0], p[:, 1:]
    h = -(p * np.log(p)).sum(1)
    keep = (pt > others.max(1)) & (pt <= 0.32 + 1e-9) & (np.abs(np.log(np.log10(pt) / np.log(1 - pt))) > 0.025)
    keep &= np.abs(np.log(np.log2(pt) / -h)) > 0.025
    for j in range(4):
        keep &= np.abs(np.log(np.log2(pt) / np.log(p[:, j]))) > 0.025
    loss = -np.log(pt)
    assert keep.sum() > 400 and sorted(set(np.round(pt[keep], 2))) == [0.27, 0.28, 0.29, 0.3, 0.31, 0.32]
    assert _apart({"answer": [loss], "sign": [-loss], "log10": [loss / np.log(10)], "log2": [loss / np.log(2)],
                   "wrong-class": [-np.log(others[:, j]) for j in range(3)] + [h],
                   "sum": [-np.log(p).sum(1)], "one-minus-p": [-np.log(1 - pt)]}, keep) > 0.02

    q = _compositions(1)
    qt, qo = q[:, 0], q[:, 1:].max(1)
    hq = -(q * np.log(q)).sum(1)
    keep = (qo > qt) & (np.abs(np.log(np.log(qt) / -hq)) > 0.025) & (np.abs(np.log(np.log10(qt) / -hq)) > 0.025)
    keep &= (np.abs(np.log(np.log10(qt) / np.log(qo))) > 0.025) & (np.abs(np.log(np.log10(qt) / np.log(1 - qt))) > 0.025)
    keep &= (qt >= 0.32) | (qt <= 0.27)         # 0.05 away from some admissible (a), either way
    loss = -np.log(qt)
    assert _apart({"answer": [loss], "sign": [-loss], "log10": [loss / np.log(10)], "log2": [loss / np.log(2)],
                   "wrong-class": [-np.log(qo), -np.log(1 - qt)], "sum": [np.round(-np.log(q).sum(1), 3)],
                   "entropy": [np.round(hq, 3)]}, keep) > 0.02


def test_4a_references_and_mistakes_on_200_variants(exam, ce):
    field = exam.field("4a.loss")
    for v, shown, p, _, k in ce:
        assert np.isclose(p.sum(), 1) and np.all(np.round(p, 2) == p) and len(set(p)) == 4 and p.min() >= 0.15
        assert p.argmax() == k - 1 and shown["cls"] == CLASSES[k - 1]   # (a) predicts correctly
        prompt = render_part(exam.part("4a"), v).prompt
        assert f"infected by {CLASSES[k - 1]}" in prompt and f"$\\hat{{y}} = {shown['p']}^T$" in prompt
        pt = p[k - 1]
        expected = -np.log(pt)
        assert judge(field, num(expected), shown).verdict == "correct"
        assert judge(field, num(expected * 1.03), shown).verdict != "correct"
        others = np.delete(p, k - 1)
        expect_mistakes(field, shown, {
            "sign": np.log(pt), "log10": -np.log10(pt), "log2": -np.log2(pt),
            "wrong-class-or-entropy": np.append(-np.log(others), -(p * np.log(p)).sum()),
            "sum-all-classes": -np.log(p).sum(), "one-minus-p": -np.log(1 - pt),
        })
        assert judge(field, f"-log10({shown['p_true']})", shown).score == 1.5   # right term, base stated
        assert judge(field, num(-np.log10(pt)), shown).score == 0           # the base not stated: no credit


def test_4b_references_and_mistakes_on_200_variants(exam, ce):
    field = exam.field("4b.loss")
    for v, shown, p, q, k in ce:
        assert np.isclose(q.sum(), 1) and np.all(np.round(q, 2) == q) and len(set(q)) == 4 and q.min() >= 0.01
        assert q.argmax() != k - 1 and shown["pred"] == CLASSES[q.argmax()]   # (b) predicts wrongly
        assert abs(q[k - 1] - p[k - 1]) > 0.045
        prompt = render_part(exam.part("4b"), v).prompt
        assert f"to be\n{CLASSES[q.argmax()]} with probability distribution ${shown['q']}^T$" in prompt
        qt = q[k - 1]
        expected = -np.log(qt)
        assert judge(field, num(expected), shown).verdict == "correct"
        assert judge(field, num(expected * 0.97), shown).verdict != "correct"
        expect_mistakes(field, shown, {
            "sign": np.log(qt), "log10": -np.log10(qt), "log2": -np.log2(qt),
            "wrong-class-or-one-minus-p": [-np.log(q.max()), -np.log(1 - qt)],
            "sum-all-classes": -np.log(q).sum(), "entropy": -(q * np.log(q)).sum(),
        })


def test_4c_follows_from_4a_and_4b_and_mostly_shows_the_phenomenon(exam, ce):
    field = exam.field("4c.lower")
    lower_b = 0
    for v, shown, p, q, k in ce:
        loss_a, loss_b = -np.log(p[k - 1]), -np.log(q[k - 1])
        right, wrong = ("b", "a") if loss_b < loss_a else ("a", "b")
        lower_b += right == "b"
        assert judge(field, right, shown).verdict == "correct"
        assert judge(field, wrong, shown).verdict == "incorrect"
        part = render_part(exam.part("4c"), v)
        assert part.field("lower").option_feedback[right].startswith("Right: ")
        assert part.field("lower").option_feedback[wrong].startswith("No: ")
        assert ("(In this version (b) also gives the true class less probability" in part.prompt) == (right == "a")
        assert f"{loss_a:.3f}".rstrip("0").rstrip(".") in part.field("why").model_answer
    assert 0.7 * len(ce) <= lower_b <= 0.9 * len(ce)     # the wrong prediction has the lower loss in most


def test_mistakes_stay_distinct_from_the_answer_on_200_variants(exam):
    """`tutor check`'s test on 200 variants (number fields also get `expect_mistakes` above)."""
    where = SourceMap(exam.source, exam.positions)
    for pid in VARIED:
        for v in VARIANTS if pid != "2b" else range(1, 51):   # 2b's formulas: test_validate covers 50 more
            for field in render_part(exam.part(pid), v).fields:
                if field.kind != "number" or v <= 50:
                    assert validate_field(field, where) == [], (pid, v, field.full_id)


# -- 2b ----------------------------------------------------------------------------------

def _numeric_dW(alpha: float, rng) -> None:
    """Finite differences of L = ½‖max(αg, g) − y‖² agree with ((f − y)·where(g > 0, 1, α)) xᵀ."""
    m, n = rng.integers(2, 8, size=2)
    x, W, b, y = rng.normal(size=(n, 1)), rng.normal(size=(m, n)), rng.normal(size=(m, 1)), rng.normal(size=(m, 1))

    def loss(W, b):
        g = W @ x + b
        return 0.5 * np.sum((np.maximum(alpha * g, g) - y) ** 2)

    g = W @ x + b
    delta = (np.maximum(alpha * g, g) - y) * np.where(g > 0, 1, alpha)
    h = 1e-6
    numeric = np.zeros_like(W)
    for i in range(m):
        for j in range(n):
            step = np.zeros_like(W)
            step[i, j] = h
            numeric[i, j] = (loss(W + step, b) - loss(W - step, b)) / (2 * h)
    assert np.allclose(numeric, delta @ x.T, rtol=1e-4, atol=1e-6)
    numeric_b = np.array([[(loss(W, b + h * e) - loss(W, b - h * e)) / (2 * h)] for e in np.eye(m)[:, :, None]]).reshape(m, 1)
    assert np.allclose(numeric_b, delta, rtol=1e-4, atol=1e-6)


def test_2b_alpha_on_200_variants(exam):
    part, dW, db = exam.part("2b"), exam.field("2b.dW"), exam.field("2b.db")
    rng = np.random.default_rng(7)
    for v in VARIANTS:
        shown = part_params(part, v)
        alpha = float(shown["alpha"])
        assert 0.05 <= alpha <= 0.5 and round(alpha, 2) == alpha
        assert f"negative inputs is {shown['alpha']}." in render_part(part, v).prompt
        _numeric_dW(alpha, rng)
        if v <= 40:   # the engine's judgement (formula checks cost more)
            assert judge(dW, f"((f - y) * where(g > 0, 1, {shown['alpha']})) @ x.T", shown).verdict == "correct"
            assert judge(dW, "((f - y) * where(g > 0, 1, alpha)) @ x.T", shown).verdict == "correct"
            assert judge(dW, f"((f - y) * where(g > 0, 1, {alpha + 0.1:.2f})) @ x.T", shown).verdict == "incorrect"
            assert judge(db, f"(f - y) * where(g > 0, 1, {shown['alpha']})", shown).verdict == "correct"
            assert judge(dW, "(f - y) @ x.T", shown).mistake == "no-leaky-factor"


# -- 4g ----------------------------------------------------------------------------------

def test_4g_correction_factors_on_200_variants(exam):
    part = exam.part("4g")
    v_field, a_field, limit, factor = (exam.field(f"4g.{f}") for f in ("v_factor", "a_factor", "limit", "factor"))
    for v in VARIANTS:
        shown = part_params(part, v)
        b1, b2, t = float(shown["b1"]), float(shown["b2"]), int(shown["steps"])
        assert 0.8 <= b1 <= 0.95 and 0.99 <= b2 <= 0.999 and 2 <= t <= 40
        f1, f2 = 1 / (1 - np.power(b1, t)), 1 / (1 - np.power(b2, t))
        assert f1 >= 1.05                                    # the limit 1 is never right
        assert judge(v_field, num(f1), shown).verdict == "correct"
        assert judge(a_field, num(f2), shown).verdict == "correct"
        assert judge(limit, "1", shown).verdict == "correct"
        expect_mistakes(v_field, shown, {"t-dropped": 1 / (1 - b1), "not-reciprocal": 1 - b1 ** t,
                                         "power-misplaced": (1 - b1) ** -t, "limit-already": 1.0})
        expect_mistakes(a_field, shown, {"t-dropped": 1 / (1 - b2), "not-reciprocal": 1 - b2 ** t,
                                         "power-misplaced": (1 - b2) ** -t, "beta1-instead": f1})
        label = render_part(part, v).field("v_factor").label
        assert label == f"1/(1 − β₁ᵗ) for β₁ = {shown['b1']}, t = {t}"
    shown = part_params(part, 3)
    assert judge(factor, "1/(1 - beta1^t)", shown).verdict == "correct"    # still symbolic, not pinned
    f1 = 1 / (1 - float(shown["b1"]) ** int(shown["steps"]))
    assert judge(factor, num(f1), shown).verdict != "correct"


# -- 5a ----------------------------------------------------------------------------------

def test_5a_smoothed_target_on_200_variants(exam):
    part, field = exam.part("5a"), exam.field("5a.target")
    for v in VARIANTS:
        shown = part_params(part, v)
        k, eps = int(shown["k"]), float(shown["eps"])
        assert 3 <= k <= 12 and 0.05 <= eps <= 0.3
        targets = np.full(k, eps / (k - 1))
        targets[0] = 1 - eps
        assert np.isclose(targets.sum(), 1) and targets.argmax() == 0
        assert judge(field, num(targets[1]), shown).verdict == "correct"
        expect_mistakes(field, shown, {"divided-by-k": eps / k, "not-divided": eps, "true-class-target": targets[0]})
        assert f"with $k = {k}$ classes and $\\epsilon = {shown['eps']}$" in render_part(part, v).prompt


# -- 1c ----------------------------------------------------------------------------------

def test_1c_shrink_factor_and_gradient_ratio_on_200_variants(exam):
    part, shrink_f, ratio_f = exam.part("1c"), exam.field("1c.shrink"), exam.field("1c.ratio")
    for v in VARIANTS:
        shown = part_params(part, v)
        n, mult, layers = int(shown["n"]), float(shown["mult"]), int(shown["layers"])
        var = mult * 2 / (n + n)                             # a multiple of Xavier's 2/(n_in + n_out)
        shrink = np.sqrt(n * var)
        ratio = shrink ** layers
        assert judge(shrink_f, num(shrink), shown).verdict == "correct"
        assert judge(ratio_f, num(ratio), shown).verdict == "correct"
        assert judge(ratio_f, "0", shown).verdict != "correct"         # tiny, but not zero
        assert judge(ratio_f, num(ratio * 1.2), shown).verdict != "correct"
        expect_mistakes(shrink_f, shown, {"no-sqrt": n * var, "inverted": 1 / shrink})
        expect_mistakes(ratio_f, shown, {"no-sqrt": (n * var) ** layers, "added-not-multiplied": layers * shrink,
                                         "one-factor-short": shrink ** (layers - 1)})
        assert judge(ratio_f, num(shrink ** (layers - 1)), shown).score == ratio_f.points / 2
        assert f"$\\mathrm{{var}}(w) = {shown['mult']}/{n}$" in render_part(part, v).prompt


@pytest.mark.parametrize("v", [0, 4, 9])
def test_1c_ratio_matches_a_simulated_linear_network(exam, v):
    """Backpropagating through `layers` random linear layers shrinks the gradient as predicted."""
    shown = part_params(exam.part("1c"), v)
    n, mult, layers = int(shown["n"]), float(shown["mult"]), int(shown["layers"])
    rng = np.random.default_rng(v)
    grads = rng.normal(size=(n, 20))                        # 20 upstream gradients at the top
    top = np.linalg.norm(grads, axis=0)
    for _ in range(layers):
        W = rng.normal(scale=np.sqrt(mult / n), size=(n, n))
        grads = W.T @ grads
    measured = np.exp(np.mean(np.log(np.linalg.norm(grads, axis=0) / top)))
    assert abs(np.log10(measured) - layers * np.log10(np.sqrt(mult))) < 0.5


# -- the CLI, end to end -------------------------------------------------------------------

def test_show_and_answer_variant_3_through_the_console_script(exam, run_tutor):
    shown = part_params(exam.part("4a"), 3)
    vector = shown["p"]
    out = run_tutor("show", "4a", "--variant", "3")
    assert out.returncode == 0, out.stderr
    assert "(variant 3)" in out.stdout and f"= {vector}ᵀ, what is" in out.stdout and f"infected by {shown['cls']}" in out.stdout
    p_true = vec(vector)[int(shown["k"]) - 1]
    right = run_tutor("answer", "4a", num(-np.log(p_true)), "--variant", "3", "--json")
    assert right.returncode == 0 and json.loads(right.stdout)["verdict"] == "correct", right.stdout + right.stderr
    sign = run_tutor("answer", "4a", f"ln({shown['p_true']})", "--variant", "3")
    assert sign.returncode == 1 and "Sign error" in sign.stdout and f"−ln {shown['p_true']}" in sign.stdout
    assert p_true != 0.3
    assert run_tutor("answer", "4a", "-ln(0.3)", "--variant", "3").returncode == 1   # the exam's answer is wrong here
