"""Evaluation metrics (numpy only): unsafe P/R/F1 and AUROC, category micro/macro F1, severity
accuracy, confusion matrix, quadratic weighted kappa, expected calibration error."""
from __future__ import annotations

import numpy as np


def prf(y_true: np.ndarray, y_pred: np.ndarray) -> dict:
    tp = float(np.sum((y_true == 1) & (y_pred == 1)))
    fp = float(np.sum((y_true == 0) & (y_pred == 1)))
    fn = float(np.sum((y_true == 1) & (y_pred == 0)))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def auroc(y_true: np.ndarray, scores: np.ndarray) -> float:
    """Mann-Whitney U with average ranks for ties."""
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    sorted_scores = scores[order]
    i = 0
    while i < len(scores):
        j = i
        while j + 1 < len(scores) and sorted_scores[j + 1] == sorted_scores[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    pos = y_true == 1
    n_pos, n_neg = int(pos.sum()), int((~pos).sum())
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    return float((ranks[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def expected_calibration_error(y_true: np.ndarray, probs: np.ndarray, bins: int = 10) -> float:
    edges = np.linspace(0, 1, bins + 1)
    ece = 0.0
    for k in range(bins):
        upper = probs <= edges[k + 1] if k == bins - 1 else probs < edges[k + 1]
        sel = (probs >= edges[k]) & upper
        if sel.any():
            ece += sel.mean() * abs(probs[sel].mean() - y_true[sel].mean())
    return float(ece)


def quadratic_weighted_kappa(y_true: np.ndarray, y_pred: np.ndarray, k: int = 4) -> float:
    observed = confusion(y_true, y_pred, k).astype(float)
    weights = np.array([[(i - j) ** 2 / (k - 1) ** 2 for j in range(k)] for i in range(k)])
    expected = np.outer(observed.sum(1), observed.sum(0)) / observed.sum()
    denom = (weights * expected).sum()
    return float(1 - (weights * observed).sum() / denom) if denom else 0.0


def confusion(y_true: np.ndarray, y_pred: np.ndarray, k: int = 4) -> np.ndarray:
    m = np.zeros((k, k), dtype=int)
    for t, p in zip(y_true, y_pred):
        m[int(t), int(p)] += 1
    return m


def category_f1(y_true: np.ndarray, y_pred: np.ndarray) -> dict:
    tp = ((y_true == 1) & (y_pred == 1)).sum(0).astype(float)
    fp = ((y_true == 0) & (y_pred == 1)).sum(0).astype(float)
    fn = ((y_true == 1) & (y_pred == 0)).sum(0).astype(float)
    micro_p = tp.sum() / max(tp.sum() + fp.sum(), 1)
    micro_r = tp.sum() / max(tp.sum() + fn.sum(), 1)
    micro = 2 * micro_p * micro_r / (micro_p + micro_r) if micro_p + micro_r else 0.0
    per = np.where(2 * tp + fp + fn > 0, 2 * tp / np.maximum(2 * tp + fp + fn, 1), np.nan)
    present = (y_true.sum(0) > 0)
    macro = float(np.nanmean(per[present])) if present.any() else 0.0
    return {"micro_f1": float(micro), "macro_f1": macro, "per_category_f1": [None if np.isnan(x) else float(x) for x in per]}


def predict_severity(severity_probs: np.ndarray, unsafe: np.ndarray) -> np.ndarray:
    """`none` when not flagged unsafe, else the most likely of minor/moderate/severe."""
    harmful = 1 + np.argmax(severity_probs[:, 1:], axis=1)
    return np.where(unsafe == 1, harmful, 0)


def full_report(unsafe_true, unsafe_prob, cat_true, cat_prob, sev_true, sev_probs, threshold, cat_threshold) -> dict:
    unsafe_pred = (unsafe_prob >= threshold).astype(int)
    cat_pred = (cat_prob >= cat_threshold).astype(int) * unsafe_pred[:, None]
    sev_pred = predict_severity(sev_probs, unsafe_pred)
    cats = category_f1(cat_true, cat_pred)
    return {
        "n": int(len(unsafe_true)),
        "unsafe": {**prf(unsafe_true, unsafe_pred), "auroc": auroc(unsafe_true, unsafe_prob),
                   "ece": expected_calibration_error(unsafe_true, unsafe_prob)},
        "category": cats,
        "severity": {
            "accuracy": float((sev_pred == sev_true).mean()),
            "qwk": quadratic_weighted_kappa(sev_true, sev_pred),
            "confusion": confusion(sev_true, sev_pred).tolist(),
        },
        "threshold": threshold,
        "category_threshold": cat_threshold,
    }
