"""Small numpy building blocks shared by the demos: seeded streams, activations, softmax
cross-entropy, generated data sets, and a fully connected network with its backward pass.

Conventions follow the exam: a layer is h = W a + b with W of shape (n_out, n_in); arrays
hold one example per row, so in code h = a @ W.T + b. Gradients are of the batch-mean loss.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np

Layer = tuple[np.ndarray, np.ndarray]  # (W, b)


def stream(seed: int, *key: int) -> np.random.Generator:
    """An independent random stream for (seed, key…): changing one stream's use leaves the
    others untouched (e.g. a larger batch does not change the weights)."""
    return np.random.Generator(np.random.SFC64(np.random.SeedSequence(seed, spawn_key=key)))


# --- activations -----------------------------------------------------------------------

ACTIVATIONS = ("tanh", "relu", "sigmoid")


def activate(name: str, h: np.ndarray) -> np.ndarray:
    """φ(h) for tanh, relu or sigmoid."""
    out: np.ndarray
    if name == "tanh":
        out = np.tanh(h)
        return out
    if name == "relu":
        out = np.maximum(h, 0)
        return out
    if name == "sigmoid":
        return 0.5 * (np.tanh(0.5 * h) + 1)  # = 1/(1+e^-h), without overflow warnings
    raise ValueError(f"unknown activation {name!r}")


def activation_slope(name: str, h: np.ndarray, a: np.ndarray) -> np.ndarray:
    """φ'(h), computed from h and a = φ(h)."""
    out: np.ndarray
    if name == "tanh":
        out = 1 - a * a
        return out
    if name == "relu":
        return (h > 0).astype(h.dtype)
    if name == "sigmoid":
        out = a * (1 - a)
        return out
    raise ValueError(f"unknown activation {name!r}")


# --- softmax cross-entropy ---------------------------------------------------------------

def softmax(z: np.ndarray) -> np.ndarray:
    """Row-wise softmax, stable for large logits."""
    shifted = z - z.max(axis=-1, keepdims=True)
    e = np.exp(shifted)
    out: np.ndarray = e / e.sum(axis=-1, keepdims=True)
    return out


def log_softmax(z: np.ndarray) -> np.ndarray:
    """Row-wise log-softmax, stable for large logits."""
    shifted = z - z.max(axis=-1, keepdims=True)
    out: np.ndarray = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
    return out


def one_hot(labels: np.ndarray, k: int) -> np.ndarray:
    """Labels 0..k-1 as one-hot rows."""
    out = np.zeros((labels.shape[0], k))
    out[np.arange(labels.shape[0]), labels] = 1.0
    return out


def softmax_xent(logits: np.ndarray, targets: np.ndarray) -> tuple[float, np.ndarray]:
    """Mean cross-entropy -Σ y log softmax(z) over rows (targets may be soft), and ∂L/∂z."""
    n = logits.shape[0]
    loss = float(-(targets * log_softmax(logits)).sum() / n)
    return loss, (softmax(logits) - targets) / n


# --- data ------------------------------------------------------------------------------

def blobs(rng: np.random.Generator, n: int, k: int, d: int, spread: float) -> tuple[np.ndarray, np.ndarray]:
    """n points in d dimensions from k Gaussian clusters (unit-distance scale, std `spread`),
    with balanced labels. Returns (X, labels)."""
    centres = rng.standard_normal((k, d)) * 1.5
    labels = np.arange(n) % k
    rng.shuffle(labels)
    x = centres[labels] + spread * rng.standard_normal((n, d))
    return x, labels


# --- fully connected network -------------------------------------------------------------

def init_layers(rng: np.random.Generator, sizes: Sequence[int], *, constant: float | None = None) -> list[Layer]:
    """Layers for sizes (n0, n1, …): Xavier-normal weights (var 2/(n_in+n_out)) and zero
    biases, or every weight equal to constant/√n_in and every bias 0 when `constant` is set."""
    layers = []
    for n_in, n_out in itertools.pairwise(sizes):
        if constant is None:
            w = rng.standard_normal((n_out, n_in)) * np.sqrt(2.0 / (n_in + n_out))
        else:
            w = np.full((n_out, n_in), constant / np.sqrt(n_in))
        layers.append((w, np.zeros(n_out)))
    return layers


def _dense(a: np.ndarray, w: np.ndarray, exact: bool) -> np.ndarray:
    if exact:
        # Every output unit is the same sequence of multiply-adds, so units with equal
        # weights give bit-identical results (a BLAS kernel may order sums by position).
        out: np.ndarray = (a[:, None, :] * w[None, :, :]).sum(axis=-1)
        return out
    product: np.ndarray = a @ w.T
    return product


# (input a, pre-activation h, activation z, dropout mask) of one layer; z and mask are None
# for the last (linear) layer.
CacheEntry = tuple[np.ndarray, np.ndarray, np.ndarray | None, np.ndarray | None]


def forward(layers: Sequence[Layer], x: np.ndarray, activation: str, *,
            masks: Sequence[np.ndarray] | None = None, exact: bool = False) -> tuple[np.ndarray, list[CacheEntry]]:
    """Logits of the network and the cache for `backward`.

    Hidden layers apply `activation`; `masks` (one per hidden layer, already divided by
    the keep probability) implement inverted dropout; the last layer is linear.
    """
    a = x
    cache: list[CacheEntry] = []
    last = len(layers) - 1
    for i, (w, b) in enumerate(layers):
        h = _dense(a, w, exact) + b
        if i == last:
            cache.append((a, h, None, None))
            return h, cache
        z = activate(activation, h)
        mask = masks[i] if masks is not None else None
        out = z * mask if mask is not None else z
        cache.append((a, h, z, mask))
        a = out
    raise ValueError("a network needs at least one layer")


def backward(layers: Sequence[Layer], cache: Sequence[CacheEntry], dlogits: np.ndarray, activation: str, *,
             exact: bool = False) -> list[Layer]:
    """Gradients (dW, db) of every layer, given ∂L/∂logits from the loss."""
    grads: list[Layer] = [None] * len(layers)  # type: ignore[list-item]
    d: np.ndarray | None = dlogits
    for i in range(len(layers) - 1, -1, -1):
        assert d is not None  # only the first layer has no input gradient, and it comes last
        a, h, z, mask = cache[i]
        if z is not None:  # hidden layer: back through the mask and the activation
            if mask is not None:
                d = d * mask
            d = d * activation_slope(activation, h, z)
        w = layers[i][0]
        if exact:
            dw = (d[:, :, None] * a[:, None, :]).sum(axis=0)
            da = (d[:, :, None] * w[None, :, :]).sum(axis=1) if i else None
        else:
            dw = d.T @ a
            da = d @ w if i else None
        grads[i] = (dw, d.sum(axis=0))
        d = da
    return grads


def loss_and_grads(layers: Sequence[Layer], x: np.ndarray, targets: np.ndarray, activation: str, *,
                   masks: Sequence[np.ndarray] | None = None, exact: bool = False) -> tuple[float, list[Layer]]:
    """Mean softmax cross-entropy of the network on (x, targets) and its gradients."""
    logits, cache = forward(layers, x, activation, masks=masks, exact=exact)
    loss, dlogits = softmax_xent(logits, targets)
    return loss, backward(layers, cache, dlogits, activation, exact=exact)


def predict(layers: Sequence[Layer], x: np.ndarray, activation: str) -> np.ndarray:
    """Class probabilities of the network (no dropout)."""
    return softmax(forward(layers, x, activation)[0])


def accuracy(probs: np.ndarray, labels: np.ndarray) -> float:
    """Fraction of rows whose argmax is the label."""
    return float((probs.argmax(axis=1) == labels).mean())


def sgd_step(layers: list[Layer], grads: Sequence[Layer], lr: float) -> list[Layer]:
    """New layers after one plain gradient step."""
    return [(w - lr * dw, b - lr * db) for (w, b), (dw, db) in zip(layers, grads)]


class Adam:
    """Adam with bias correction over a list of layers (used to train the dropout demo)."""

    def __init__(self, layers: Sequence[Layer], lr: float, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8) -> None:
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.t = 0
        self.m = [(np.zeros_like(w), np.zeros_like(b)) for w, b in layers]
        self.v = [(np.zeros_like(w), np.zeros_like(b)) for w, b in layers]

    def step(self, layers: Sequence[Layer], grads: Sequence[Layer]) -> list[Layer]:
        """New layers after one Adam step."""
        self.t += 1
        c1 = 1 / (1 - self.beta1 ** self.t)
        c2 = 1 / (1 - self.beta2 ** self.t)
        out = []
        for i, (params, g) in enumerate(zip(layers, grads)):
            new = []
            for j in range(2):
                grad = np.where(np.abs(g[j]) < 1e-100, 0.0, g[j])  # no subnormals: they are slow
                m = self.beta1 * self.m[i][j] + (1 - self.beta1) * grad
                v = self.beta2 * self.v[i][j] + (1 - self.beta2) * grad * grad
                self.m[i] = (m, self.m[i][1]) if j == 0 else (self.m[i][0], m)
                self.v[i] = (v, self.v[i][1]) if j == 0 else (self.v[i][0], v)
                new.append(params[j] - self.lr * (m * c1) / (np.sqrt(v * c2) + self.eps))
            out.append((new[0], new[1]))
        return out
