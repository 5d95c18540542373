"""`pnpm train -- --data ../shared/data`: builds the default model from scratch.

Trains each candidate architecture, keeps the best on a dev split carved from train (grouped
by prompt), calibrates it, picks thresholds on dev, exports ONNX + manifest + golden vectors,
and reports metrics on the PKU test split (reported only: nothing is tuned on it).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from .data import Example, augment, load_pku, load_training_examples, pku_examples, split_dev
from .embeddings import ensure_embeddings, vectors_for
from .encode import collate, encode_example
from .export import export_model
from .featurizer import Featurizer, tokenize
from .metrics import full_report
from .model import Ensemble, SeverityClassifier

REPO = Path(__file__).resolve().parents[2]


def build_vocab(examples: list[Example], size: int, min_count: int = 2) -> list[str]:
    counts: Counter[str] = Counter()
    for e in examples:
        counts.update(tokenize(e.prompt))
        if e.response:
            counts.update(tokenize(e.response))
    ranked = sorted((w for w, c in counts.items() if c >= min_count), key=lambda w: (-counts[w], w))
    return ranked[:size]


def targets(batch: list[Example]) -> dict[str, torch.Tensor]:
    unsafe = torch.tensor([e.unsafe for e in batch], dtype=torch.float32)
    sev = [e.severity for e in batch]
    # Conditional ordinal targets: step k is trained only on rows known to have reached step k-1.
    m2 = torch.tensor([1.0 if s is not None and s >= 1 else 0.0 for s in sev])
    t2 = torch.tensor([1.0 if s is not None and s >= 2 else 0.0 for s in sev])
    m3 = torch.tensor([1.0 if s is not None and s >= 2 else 0.0 for s in sev])
    t3 = torch.tensor([1.0 if s is not None and s >= 3 else 0.0 for s in sev])
    cats = torch.tensor([e.categories for e in batch], dtype=torch.float32)
    # Categories are learnt as P(category | unsafe): only unsafe rows train them (the runtime reads
    # categories only for flagged inputs). Labels of sources other than PKU are mapped proxies,
    # trusted half as much.
    cm = torch.tensor([
        (1.0 if e.source == "pku" else 0.5) if e.category_known and e.unsafe == 1 else 0.0 for e in batch
    ])
    w = torch.tensor([e.weight for e in batch], dtype=torch.float32)
    return {"unsafe": unsafe, "m2": m2, "t2": t2, "m3": m3, "t3": t3, "cats": cats, "cm": cm, "w": w}


PROMPT_DROPOUT = 0.3


def with_prompt_dropout(encoded: tuple, rng: random.Random) -> tuple:
    """Blanks the prompt of a prompt+response row 30% of the time, so the response itself must carry
    the verdict (a refusal to a harmful prompt is safe; prompts alone must not decide)."""
    pw, pg, rw, rg, has = encoded
    if has and rng.random() < PROMPT_DROPOUT:
        return [], [], rw, rg, has
    return encoded


def masked_bce(logits, target, mask):
    loss = F.binary_cross_entropy_with_logits(logits, target, reduction="none")
    return (loss * mask).sum() / mask.sum().clamp(min=1.0)


def loss_fn(ordinal, category, t):
    w = t["w"]
    l1 = masked_bce(ordinal[:, 0], t["unsafe"], w)
    l2 = masked_bce(ordinal[:, 1], t["t2"], t["m2"] * w)
    l3 = masked_bce(ordinal[:, 2], t["t3"], t["m3"] * w)
    cat_mask = (t["cm"] * w).unsqueeze(1).expand_as(category)
    lc = masked_bce(category, t["cats"], cat_mask) * 4.0
    return l1 + l2 + l3 + lc


@torch.no_grad()
def predict(model, encoded: list[tuple], batch_size: int = 256) -> tuple[np.ndarray, np.ndarray]:
    model.eval()
    ords, cats = [], []
    for i in range(0, len(encoded), batch_size):
        o, c = model(*collate(encoded[i: i + batch_size]))
        ords.append(o)
        cats.append(c)
    return torch.cat(ords).numpy(), torch.cat(cats).numpy()


def probabilities(ordinal: np.ndarray, category: np.ndarray, t_unsafe: float = 1.0, t_cat: float = 1.0):
    sig = lambda x: 1 / (1 + np.exp(-x))  # noqa: E731
    c1 = sig(ordinal[:, 0] / t_unsafe)
    c2 = c1 * sig(ordinal[:, 1])
    c3 = c2 * sig(ordinal[:, 2])
    sev = np.stack([1 - c1, c1 - c2, c2 - c3, c3], axis=1)
    return c1, sev, sig(category / t_cat)


def report_for(examples: list[Example], ordinal, category, threshold, cat_threshold, t_unsafe=1.0, t_cat=1.0):
    unsafe_prob, sev, cat = probabilities(ordinal, category, t_unsafe, t_cat)
    return full_report(
        np.array([e.unsafe for e in examples]), unsafe_prob,
        np.array([e.categories for e in examples]), cat,
        np.array([e.severity if e.severity is not None else 0 for e in examples]), sev,
        threshold, cat_threshold,
    )


def best_threshold(y: np.ndarray, p: np.ndarray, balanced: bool = False) -> float:
    """Threshold maximising F1 on dev. `balanced` weighs both classes equally first, so a dev set that
    is mostly positive (prompt-only rows: most sources are harmful prompts) does not push the
    threshold down into everyday benign traffic."""
    w_pos = 1.0
    w_neg = float((y == 1).sum()) / max(float((y == 0).sum()), 1.0) if balanced else 1.0
    best_t, best_f1 = 0.5, -1.0
    for t in np.arange(0.05, 0.96, 0.01):
        pred = p >= t
        tp = w_pos * (pred & (y == 1)).sum()
        fp = w_neg * (pred & (y == 0)).sum()
        f1 = 2 * tp / max(2 * tp + fp + w_pos * (~pred & (y == 1)).sum(), 1e-9)
        if f1 > best_f1:
            best_t, best_f1 = float(t), f1
    return round(best_t, 2)


def fit_temperature(logits: np.ndarray, y: np.ndarray) -> float:
    """Temperature minimising NLL on dev (grid search: robust and dependency-free)."""
    best_t, best_nll = 1.0, float("inf")
    for t in np.arange(0.5, 3.01, 0.05):
        p = np.clip(1 / (1 + np.exp(-logits / t)), 1e-7, 1 - 1e-7)
        nll = -(y * np.log(p) + (1 - y) * np.log(1 - p)).mean()
        if nll < best_nll:
            best_t, best_nll = float(t), nll
    return round(best_t, 2)


def tuned_thresholds(examples: list[Example], ordinal, category, t_unsafe: float = 1.0) -> tuple[float, float]:
    """Unsafe threshold maximising F1, then the category threshold maximising micro-F1, on `examples`."""
    unsafe_prob, _, cat_prob = probabilities(ordinal, category, t_unsafe)
    threshold = best_threshold(np.array([e.unsafe for e in examples]), unsafe_prob)
    cat_true = np.array([e.categories for e in examples])
    cat_threshold, best_micro = 0.5, -1.0
    for t in np.arange(0.1, 0.91, 0.05):
        pred = (cat_prob >= t) & (unsafe_prob >= threshold)[:, None]
        tp = (pred & (cat_true == 1)).sum()
        micro = 2 * tp / max(pred.sum() + cat_true.sum(), 1)
        if micro > best_micro:
            cat_threshold, best_micro = round(float(t), 2), micro
    return threshold, cat_threshold


def selection_score(examples: list[Example], ordinal, category) -> tuple[dict, float]:
    """Model selection on dev at tuned thresholds: AUROC + F1 + severity accuracy + category micro-F1."""
    threshold, cat_threshold = tuned_thresholds(examples, ordinal, category)
    rep = report_for(examples, ordinal, category, threshold, cat_threshold)
    score = rep["unsafe"]["auroc"] + rep["unsafe"]["f1"] + rep["severity"]["accuracy"] + rep["category"]["micro_f1"]
    return rep, score


def train_arch(arch, featurizer, glove, train, train_enc, dev_pku, dev_pku_enc, args):
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    model = SeverityClassifier(featurizer.word_table_size, featurizer.ngram_table_size, arch)
    with torch.no_grad():
        model.encoder.word.weight[1: 1 + len(glove)] = torch.from_numpy(glove)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    order = list(range(len(train)))
    best = (-1.0, None, 0)
    history = []
    for epoch in range(args.epochs):
        model.train()
        rng.shuffle(order)
        started, total = time.time(), 0.0
        for i in range(0, len(order), args.batch_size):
            idx = order[i: i + args.batch_size]
            ordinal, category = model(*collate([with_prompt_dropout(train_enc[j], rng) for j in idx]))
            loss = loss_fn(ordinal, category, targets([train[j] for j in idx]))
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += float(loss) * len(idx)
        ordinal, category = predict(model, dev_pku_enc)
        rep, score = selection_score(dev_pku, ordinal, category)
        history.append({"epoch": epoch + 1, "loss": total / len(order), "dev_unsafe_f1": rep["unsafe"]["f1"],
                        "dev_severity_acc": rep["severity"]["accuracy"], "dev_cat_micro_f1": rep["category"]["micro_f1"],
                        "seconds": round(time.time() - started, 1)})
        print(f"[{arch}] epoch {epoch + 1}: {history[-1]}", flush=True)
        if score > best[0]:
            best = (score, {k: v.clone() for k, v in model.state_dict().items()}, epoch + 1)
    model.load_state_dict(best[1])
    return model, {"best_epoch": best[2], "dev_score": best[0], "history": history}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", required=True, type=Path)
    parser.add_argument("--out", type=Path, default=REPO / "packages" / "inference" / "models")
    parser.add_argument("--archs", default="bag,cnn")
    parser.add_argument("--epochs", type=int, default=7)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--vocab-size", type=int, default=15000)
    parser.add_argument("--cache", type=Path, default=REPO / "training" / ".cache")
    # `pnpm train -- --data …` hands the separator through; argparse would read the rest as positionals.
    argv = sys.argv[1:]
    args = parser.parse_args(argv[1:] if argv[:1] == ["--"] else argv)

    torch.set_num_threads(2)
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.use_deterministic_algorithms(True)
    started = time.time()

    examples = load_training_examples(args.data, args.seed)
    train, dev = split_dev(examples, 0.15, args.seed)
    train += augment(train, args.seed)
    print(f"examples: {len(train)} train, {len(dev)} dev; sources {Counter(e.source for e in train + dev)}")
    vocab = build_vocab(train, args.vocab_size)
    featurizer = Featurizer(vocab, oov_buckets=2000, ngram_buckets=16384)
    glove, found = vectors_for(vocab, ensure_embeddings(args.cache), args.cache)
    print(f"vocab {len(vocab)}, {found} with GloVe vectors")

    enc = lambda rows: [encode_example(featurizer, e.prompt, e.response) for e in rows]  # noqa: E731
    train_enc = enc(train)
    dev_pku = [e for e in dev if e.source == "pku"]
    dev_prompt = [e for e in dev if e.response is None]
    dev_pku_enc, dev_prompt_enc = enc(dev_pku), enc(dev_prompt)

    candidates = {}
    for arch in args.archs.split(","):
        model, info = train_arch(arch, featurizer, glove, train, train_enc, dev_pku, dev_pku_enc, args)
        candidates[arch] = (model, info)
    if len(candidates) > 1:
        ensemble = Ensemble([m for m, _ in candidates.values()])
        ordinal, category = predict(ensemble, dev_pku_enc)
        rep, score = selection_score(dev_pku, ordinal, category)
        candidates["ensemble"] = (ensemble, {"members": list(candidates), "dev_score": score,
                                             "dev_unsafe_f1": rep["unsafe"]["f1"]})
        print(f"[ensemble] dev score {score:.4f}")
    chosen = max(candidates, key=lambda a: candidates[a][1]["dev_score"])
    model = candidates[chosen][0]
    print(f"chosen architecture: {chosen}")

    # Calibration and thresholds, all on dev.
    ordinal, category = predict(model, dev_pku_enc)
    p_ord, p_cat = predict(model, dev_prompt_enc)
    t_unsafe = fit_temperature(np.concatenate([ordinal[:, 0], p_ord[:, 0]]),
                               np.array([e.unsafe for e in dev_pku + dev_prompt], dtype=float))
    threshold, cat_threshold = tuned_thresholds(dev_pku, ordinal, category, t_unsafe)
    prompt_prob, _, _ = probabilities(p_ord, p_cat, t_unsafe)
    prompt_threshold = best_threshold(np.array([e.unsafe for e in dev_prompt]), prompt_prob, balanced=True)
    dev_report = report_for(dev_pku, ordinal, category, threshold, cat_threshold, t_unsafe)
    dev_prompt_report = report_for(dev_prompt, p_ord, p_cat, prompt_threshold, cat_threshold, t_unsafe)

    # Reported only: the PKU test split never influences any choice above.
    test = [e for e in pku_examples(load_pku(args.data, "test")) if e.response is not None]
    t_ord, t_cat = predict(model, enc(test))
    test_report = report_for(test, t_ord, t_cat, threshold, cat_threshold, t_unsafe)
    print("dev:", json.dumps({k: dev_report[k] for k in ("unsafe", "severity")}))
    print("PKU test:", json.dumps({"unsafe": test_report["unsafe"], "severity_acc": test_report["severity"]["accuracy"],
                                   "cat_micro": test_report["category"]["micro_f1"]}))

    infos = {a: info for a, (_, info) in candidates.items()}
    summary = {
        "examples": {"train": len(train), "dev": len(dev), "by_source": dict(Counter(e.source for e in train + dev))},
        "vocab": {"size": len(vocab), "glove_found": found},
        "architectures": infos,
        "chosen": chosen,
        "calibration": {"unsafe_temperature": t_unsafe},
        "thresholds": {"unsafe": threshold, "unsafePrompt": prompt_threshold, "category": cat_threshold},
        "metrics": {"dev_pku": dev_report, "dev_prompt_only": dev_prompt_report, "pku_test": test_report},
        "seed": args.seed,
        "train_seconds": round(time.time() - started, 1),
    }
    export_model(model, featurizer, summary, args.out)
    print(f"done in {time.time() - started:.0f}s -> {args.out}")


if __name__ == "__main__":
    main()
