"""The nine demos: names, titles, summaries and their parameters.

Which exam parts a demo explains is the content's to say (a part's `demo:` key), never the
demo's: see `tutor.model.ids.demo_links`.

Numpy-free on purpose: listing demos and validating parameters never pays for numpy; each
demo's module is imported only when it runs (`Demo.target`).
"""

from __future__ import annotations

from collections.abc import Mapping

from tutor.demos.params import Demo, Param, Value

SEED_MAX = 2**31 - 1


def _seed() -> Param:
    return Param("seed", "int", 0, "random seed (same seed, same numbers)", 0, SEED_MAX)


def _batch_fits(p: Mapping[str, Value]) -> str | None:
    if p["batch_size"] > p["n"]:  # type: ignore[operator]
        return f"batch_size must be at most n ({p['n']}), got {p['batch_size']}"
    return None


def _drop_inside(p: Mapping[str, Value]) -> str | None:
    if p["drop_at"] >= p["iterations"]:  # type: ignore[operator]
        return f"drop_at must be less than iterations ({p['iterations']}), got {p['drop_at']}"
    return None


def _smoothing_ok(p: Mapping[str, Value]) -> str | None:
    k = int(p["classes"])
    if p["epsilon"] >= (k - 1) / k:  # type: ignore[operator]
        return f"epsilon must be less than (k−1)/k = {(k - 1) / k:.4g} for k={k}, got {p['epsilon']}"
    if p["confident"] <= 1 - p["epsilon"]:  # type: ignore[operator]
        return f"confident must be more than 1−epsilon = {1 - p['epsilon']:.4g}, got {p['confident']}"  # type: ignore[operator]
    return None


def _has_nullspace(p: Mapping[str, Value]) -> str | None:
    if p["m"] >= p["n_in"]:  # type: ignore[operator]
        return f"m must be less than n_in ({p['n_in']}) so that W₁ has a nullspace, got m={p['m']}"
    return None


def _catalog() -> tuple[Demo, ...]:
    return (
        Demo(
            "vanishing", "Vanishing gradients",
            "A deep fully connected net, forward and backward: activation std and gradient norms "
            "layer by layer, under small, Xavier, He or custom init.",
            (
                Param("depth", "int", 10, "number of layers", 2, 100, step=5),
                Param("width", "int", 64, "units per layer (n_in = n_out)", 8, 512, log=True),
                Param("batch", "int", 64, "examples in the batch", 1, 1024, log=True),
                Param("activation", "choice", "tanh", "nonlinearity φ", choices=("tanh", "relu", "sigmoid")),
                Param("init", "choice", "small", "weight init: small = scale·2/(n_in+n_out), xavier, he, custom",
                      choices=("small", "xavier", "he", "custom")),
                Param("scale", "float", 0.01, "small init: var(w) = scale·2/(n_in+n_out)", 1e-4, 1.0, log=True, step=10 ** 0.5,
                      only_when=("init", "small")),
                Param("variance", "float", 0.001, "custom init: var(w)", 1e-6, 10.0, log=True, step=10 ** 0.5,
                      only_when=("init", "custom")),
                _seed(),
            ),
            "tutor.demos.vanishing:run",
        ),
        Demo(
            "symmetry", "Symmetry: constant init",
            "Train the same net from a constant init and from a random one: with constant weights "
            "every unit of a layer stays identical, step after step.",
            (
                Param("constant", "float", 1.0, "constant init: every weight = c/√n_in", -3.0, 3.0, step=0.25),
                Param("width", "int", 8, "units per hidden layer", 2, 64, log=True),
                Param("hidden", "int", 2, "hidden layers", 1, 4),
                Param("activation", "choice", "tanh", "nonlinearity", choices=("tanh", "relu", "sigmoid")),
                Param("steps", "int", 200, "SGD steps", 1, 1000, step=50),
                Param("lr", "float", 0.5, "learning rate", 0.001, 5.0, log=True),
                _seed(),
            ),
            "tutor.demos.symmetry:run",
        ),
        Demo(
            "batch-vs-minibatch", "Batch vs mini-batch",
            "Softmax regression trained by full-batch gradient descent and by mini-batch SGD: "
            "a smooth loss curve against a jagged one.",
            (
                Param("n", "int", 512, "training examples", 32, 4096, log=True),
                Param("classes", "int", 3, "classes", 2, 10),
                Param("batch_size", "int", 16, "mini-batch size", 1, 512, log=True),
                Param("lr", "float", 0.5, "learning rate (both runs)", 0.001, 10.0, log=True),
                Param("iterations", "int", 200, "updates", 10, 2000, step=50),
                Param("noise", "float", 1.0, "spread of each class cluster", 0.1, 5.0, step=0.25),
                _seed(),
            ),
            "tutor.demos.minibatch:run",
            check=_batch_fits,
        ),
        Demo(
            "lr-drop", "Step learning-rate decay",
            "SGD on a noisy quadratic: the loss plateaus at a height set by the learning rate, "
            "then drops suddenly when the rate is cut.",
            (
                Param("lr", "float", 0.5, "learning rate before the drop (above 2 it diverges)", 0.01, 2.5, log=True),
                Param("drop_at", "int", 300, "iteration of the drop", 1, 5000, step=50),
                Param("factor", "float", 0.1, "the rate is multiplied by this at the drop", 0.001, 1.0, log=True),
                Param("iterations", "int", 600, "updates", 20, 5000, step=100),
                Param("batch_size", "int", 1, "mini-batch size B (gradient noise variance ∝ 1/B)", 1, 256, log=True),
                Param("noise", "float", 1.0, "gradient noise σ", 0.0, 5.0, step=0.25),
                _seed(),
            ),
            "tutor.demos.lrdrop:run",
            check=_drop_inside,
        ),
        Demo(
            "adam", "Adam's bias correction",
            "The factors 1/(1−βᵗ) over t, and the biased against the corrected moving averages "
            "of a noisy gradient stream.",
            (
                Param("beta1", "float", 0.9, "first-moment decay β₁", 0.0, 0.9999, step=0.01),
                Param("beta2", "float", 0.999, "second-moment decay β₂", 0.0, 0.99999, step=0.001),
                Param("steps", "int", 200, "length of the gradient stream", 10, 10000, log=True),
                Param("mean", "float", 1.0, "mean of the gradient stream", -10.0, 10.0, step=0.5),
                Param("noise", "float", 0.5, "std of the gradient stream", 0.0, 10.0, step=0.25),
                _seed(),
            ),
            "tutor.demos.adam:run",
        ),
        Demo(
            "label-smoothing", "Label smoothing",
            "Targets ε/(k−1) and 1−ε: the smoothed loss has a finite best logit gap "
            "ln((1−ε)(k−1)/ε); a confident prediction is penalised.",
            (
                Param("classes", "int", 4, "classes k", 2, 1000, log=True),
                Param("epsilon", "float", 0.1, "smoothing ε", 0.001, 0.5, log=True),
                Param("confident", "float", 0.999, "p_true of the confident prediction", 0.5, 0.999999, step=0.01),
            ),
            "tutor.demos.smoothing:run",
            check=_smoothing_ok,
        ),
        Demo(
            "dropout", "Dropout",
            "A small MLP that overfits, trained with and without dropout; then the average over "
            "random masks against the single weight-scaled network.",
            (
                Param("keep", "float", 0.5, "keep probability p (1 = no dropout)", 0.05, 1.0, step=0.05),
                Param("width", "int", 128, "hidden units", 8, 512, log=True),
                Param("train", "int", 60, "training examples", 10, 1000, log=True),
                Param("epochs", "int", 500, "full-batch Adam steps", 10, 3000, step=100),
                Param("label_noise", "float", 0.2, "fraction of training labels flipped", 0.0, 0.5, step=0.05),
                Param("masks", "int", 100, "random masks averaged at test time", 1, 1000, log=True),
                _seed(),
            ),
            "tutor.demos.dropout:run",
        ),
        Demo(
            "nullspace", "Nullspace inputs",
            "Train on x and on x+λz with W₁z = 0: which gradients differ at the first step, "
            "and what happens to W₁z after it.",
            (
                Param("n_in", "int", 4, "input size n (W₁ is m×n)", 2, 32),
                Param("m", "int", 2, "first-layer outputs m (< n)", 1, 31),
                Param("lam", "float", 3.0, "λ, the multiple of z added to every input", -100.0, 100.0, step=1.0),
                Param("alpha", "float", 0.1, "leaky slope α of f = max(αg, g)", 0.01, 0.99, step=0.05),
                Param("lr", "float", 0.05, "learning rate", 0.001, 1.0, log=True),
                Param("steps", "int", 50, "SGD steps", 1, 500, step=10),
                _seed(),
            ),
            "tutor.demos.nullspace:run",
            check=_has_nullspace,
        ),
        Demo(
            "cross-entropy", "Cross-entropy vs accuracy",
            "The losses of a right and a wrong prediction, the loss as p_true varies, and where the argmax and the loss "
            "disagree.",
            (
                Param("p_true", "float", 0.35, "probability of the true class in your own prediction", 0.001, 1.0, step=0.05),
                Param("classes", "int", 4, "classes", 2, 20),
                Param("rest", "choice", "one", "the remaining probability: all on one wrong class, or even",
                      choices=("one", "even")),
            ),
            "tutor.demos.crossentropy:run",
        ),
    )


DEMOS = _catalog()
