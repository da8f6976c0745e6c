"""Fits the signal classifier's model (intake/signals.py) and stores it in the package.

The model is a multinomial logistic regression, one for the kind and one for the mood, on the
encoder's 512-d vector of a message followed by the rules' cues (`signals.CUES`); a second pair
on the vector alone is what the benchmark reports as "encoder alone". Fitted on:

* `data/signals_train.jsonl`: the training messages (text, language, kind, mood), written for
  training in the ten languages, apart from every evaluation set of `bench/data/`, none of which
  is read here;
* the labelled phrases of `signal_phrases` (a kind's phrases for the kind, a mood's for the mood;
  the information and thanks phrases also count as calm).

The regularisation is chosen by five-fold cross-validation on the training messages only. The
stored `.npz` (about 40 kB) records a fingerprint of everything it was fitted from; a test fails
when the data, the phrases or the rules change and the model was not fitted again:

    .venv/bin/python -m goodwill.intake.signal_model          # fits and writes data/…npz
    .venv/bin/python -m goodwill.intake.signal_model --check  # says whether it is up to date
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from goodwill.intake import signal_phrases, signals

TRAINING = Path(__file__).resolve().parent / "data" / "signals_train.jsonl"
L2_CHOICES = (0.001, 0.01, 0.1)
FOLDS = 5


def training_messages() -> list[dict[str, str]]:
    lines = TRAINING.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def fingerprint() -> str:
    """What the model was fitted from: the messages, the phrases, the cues and their patterns."""
    digest = hashlib.sha256(TRAINING.read_bytes())
    for part in (
        signal_phrases.KINDS,
        signal_phrases.MOODS,
        signals.CUES,
        signals.cue_patterns(),
        L2_CHOICES,
    ):
        digest.update(json.dumps(part, ensure_ascii=False, sort_keys=True).encode())
    return digest.hexdigest()


def _softmax_fit(x: Any, y: Any, classes: int, l2: float) -> dict[str, Any]:
    """Multinomial logistic regression by gradient descent (full batch, Adam), classes weighted
    by their inverse frequency, features standardised on the data."""
    import numpy as np

    mean = x.mean(axis=0)
    std = x.std(axis=0)
    std[std < 1e-6] = 1.0
    z = (x - mean) / std
    n, d = z.shape
    counts = np.bincount(y, minlength=classes).astype(np.float64)
    weight = (n / (classes * np.maximum(counts, 1)))[y]
    target = np.eye(classes)[y]
    w = np.zeros((d, classes))
    b = np.zeros(classes)
    m_w, v_w, m_b, v_b = (np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b))
    rate, beta1, beta2 = 0.05, 0.9, 0.999
    for step in range(1, 401):
        logits = z @ w + b
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        error = (p - target) * weight[:, None] / weight.sum()
        g_w = z.T @ error + l2 * w
        g_b = error.sum(axis=0)
        for param, grad, m, v in ((w, g_w, m_w, v_w), (b, g_b, m_b, v_b)):
            m *= beta1
            m += (1 - beta1) * grad
            v *= beta2
            v += (1 - beta2) * grad * grad
            param -= rate * (m / (1 - beta1**step)) / (np.sqrt(v / (1 - beta2**step)) + 1e-8)
    return {
        "w": w.astype(np.float32),
        "b": b.astype(np.float32),
        "mean": mean.astype(np.float32),
        "std": std.astype(np.float32),
    }


def _heads(
    x_rules: Any, kinds: list[str | None], moods: list[str | None], l2: float
) -> dict[str, Any]:
    """The four fitted heads: kind and mood, with the cues and on the vector alone (the first
    512 columns of the features)."""
    import numpy as np

    fitted: dict[str, Any] = {}
    for suffix, x in (("", x_rules), ("_enc", x_rules[:, :512])):
        for head, labels, names in (("kind", kinds, signals.KINDS), ("mood", moods, signals.MOODS)):
            keep = [i for i, label in enumerate(labels) if label is not None]
            y = np.asarray([names.index(str(labels[i])) for i in keep])
            for key, value in _softmax_fit(x[keep], y, len(names), l2).items():
                fitted[f"{head}{suffix}_{key}"] = value
    return fitted


def _phrases() -> tuple[list[str], list[str | None], list[str | None]]:
    texts: list[str] = []
    kinds: list[str | None] = []
    moods: list[str | None] = []
    for kind, phrases in signal_phrases.KINDS.items():
        for phrase in phrases:
            texts.append(phrase)
            kinds.append(kind)
            moods.append("calm" if kind in ("information", "thanks") else None)
    for mood, phrases in signal_phrases.MOODS.items():
        for phrase in phrases:
            texts.append(phrase)
            kinds.append(None)
            moods.append(mood)
    return texts, kinds, moods


def _scores(rows: list[dict[str, str]], kinds: list[str], moods: list[str]) -> dict[str, float]:
    def pr(truth: list[bool], said: list[bool]) -> tuple[float, float]:
        tp = sum(t and s for t, s in zip(truth, said, strict=True))
        return tp / max(sum(said), 1), tp / max(sum(truth), 1)

    def alarming(kind: str, mood: str) -> bool:
        return kind == "complaint" or mood in signals.ALARMING_MOODS

    chaser_p, chaser_r = pr([r["kind"] == "chaser" for r in rows], [k == "chaser" for k in kinds])
    alarm_p, alarm_r = pr(
        [alarming(r["kind"], r["mood"]) for r in rows],
        [alarming(k, m) for k, m in zip(kinds, moods, strict=True)],
    )
    return {"chaser_p": chaser_p, "chaser_r": chaser_r, "alarm_p": alarm_p, "alarm_r": alarm_r}


def cross_validate(x: Any, rows: list[dict[str, str]], phrases: Any, l2: float) -> dict[str, float]:
    """Five folds of the training messages (the phrases always in the fit)."""
    import numpy as np

    _, p_kinds, p_moods = _phrases()
    order = np.random.default_rng(11).permutation(len(rows))
    said_kinds: list[str] = [""] * len(rows)
    said_moods: list[str] = [""] * len(rows)
    for fold in range(FOLDS):
        test = order[fold::FOLDS]
        train = np.setdiff1d(order, test)
        fitted = _heads(
            np.concatenate([x[train], phrases]),
            [*(rows[i]["kind"] for i in train), *p_kinds],
            [*(rows[i]["mood"] for i in train), *p_moods],
            l2,
        )
        fitted["np"] = np
        for i, k, m in zip(
            test,
            signals.probabilities(fitted, "kind", x[test]).argmax(axis=1),
            signals.probabilities(fitted, "mood", x[test]).argmax(axis=1),
            strict=True,
        ):
            said_kinds[i], said_moods[i] = signals.KINDS[k], signals.MOODS[m]
    return _scores(rows, said_kinds, said_moods)


def build(*, quiet: bool = False) -> dict[str, Any]:
    """Chooses the regularisation by cross-validation, fits on everything and writes the model."""
    import numpy as np

    rows = training_messages()
    texts = [r["text"] for r in rows]
    x = signals.features(signals.encode(texts), texts, rules=True)
    p_texts, p_kinds, p_moods = _phrases()
    phrases = signals.features(signals.encode(p_texts), p_texts, rules=True)
    results = {}
    for l2 in L2_CHOICES:
        results[l2] = cross_validate(x, rows, phrases, l2)
        if not quiet:
            print(f"l2 {l2}: " + ", ".join(f"{k} {v:.3f}" for k, v in results[l2].items()))

    def merit(s: dict[str, float]) -> float:
        f1 = [2 * p * r / max(p + r, 1e-9) for p, r in ((s["chaser_p"], s["chaser_r"]),)]
        f1 += [2 * s["alarm_p"] * s["alarm_r"] / max(s["alarm_p"] + s["alarm_r"], 1e-9)]
        return sum(f1)

    l2 = max(L2_CHOICES, key=lambda c: merit(results[c]))
    fitted = _heads(
        np.concatenate([x, phrases]),
        [*(r["kind"] for r in rows), *p_kinds],
        [*(r["mood"] for r in rows), *p_moods],
        l2,
    )
    cv = results[l2]
    np.savez_compressed(
        signals.MODEL,
        fingerprint=np.asarray(fingerprint()),
        l2=np.asarray(l2),
        cv=np.asarray([cv["chaser_p"], cv["chaser_r"], cv["alarm_p"], cv["alarm_r"]]),
        messages=np.asarray(len(rows)),
        **fitted,
    )
    if not quiet:
        print(f"chose l2 {l2}; {len(rows)} messages and {len(p_texts)} phrases; {signals.MODEL}")
    return {"l2": l2, "cv": cv}


def stored_fingerprint() -> str:
    import numpy as np

    with np.load(signals.MODEL, allow_pickle=False) as stored:
        return str(stored["fingerprint"])


def main() -> None:
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)  # OpenBLAS's threads spin against each other on a busy machine
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether it is up to date")
    args = parser.parse_args()
    if args.check:
        fresh = stored_fingerprint() == fingerprint()
        print("up to date" if fresh else "stale: fit it again")
        sys.exit(0 if fresh else 1)
    build()


if __name__ == "__main__":
    main()
