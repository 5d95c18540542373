/**
 * Evaluation metrics of the model card (TypeScript twin of training/rampart_train/metrics.py):
 * unsafe precision/recall/F1 and AUROC, category micro/macro F1, severity accuracy, confusion
 * matrix, quadratic weighted kappa, expected calibration error.
 */

export interface BinaryScores {
  precision: number;
  recall: number;
  f1: number;
}

export function precisionRecallF1(truth: readonly number[], predicted: readonly number[]): BinaryScores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  truth.forEach((t, i) => {
    if (t === 1 && predicted[i] === 1) tp++;
    else if (t === 0 && predicted[i] === 1) fp++;
    else if (t === 1 && predicted[i] === 0) fn++;
  });
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

/** Area under the ROC curve (Mann-Whitney U, ties averaged). */
export function auroc(truth: readonly number[], scores: readonly number[]): number {
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(scores.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    for (let k = i; k <= j; k++) ranks[order[k]![1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  const positives = truth.filter((t) => t === 1).length;
  const negatives = truth.length - positives;
  if (!positives || !negatives) return Number.NaN;
  const rankSum = truth.reduce((sum, t, i) => (t === 1 ? sum + ranks[i]! : sum), 0);
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export function expectedCalibrationError(
  truth: readonly number[],
  probs: readonly number[],
  bins = 10,
): number {
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    const lo = b / bins;
    const hi = (b + 1) / bins;
    const idx = probs.flatMap((p, i) => (p >= lo && (b === bins - 1 ? p <= hi : p < hi) ? [i] : []));
    if (idx.length === 0) continue;
    const conf = idx.reduce((s, i) => s + probs[i]!, 0) / idx.length;
    const acc = idx.reduce((s, i) => s + truth[i]!, 0) / idx.length;
    ece += (idx.length / probs.length) * Math.abs(conf - acc);
  }
  return ece;
}

export function confusionMatrix(truth: readonly number[], predicted: readonly number[], k = 4): number[][] {
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  truth.forEach((t, i) => {
    m[t]![predicted[i]!]!++;
  });
  return m;
}

export function quadraticWeightedKappa(
  truth: readonly number[],
  predicted: readonly number[],
  k = 4,
): number {
  const observed = confusionMatrix(truth, predicted, k);
  const total = truth.length;
  const rowSums = observed.map((r) => r.reduce((a, b) => a + b, 0));
  const colSums = observed[0]!.map((_, j) => observed.reduce((a, r) => a + r[j]!, 0));
  let num = 0;
  let den = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const w = (i - j) ** 2 / (k - 1) ** 2;
      num += w * observed[i]![j]!;
      den += (w * rowSums[i]! * colSums[j]!) / total;
    }
  }
  return den ? 1 - num / den : 0;
}

export interface CategoryScores {
  microF1: number;
  macroF1: number;
  perCategoryF1: Record<string, number | null>;
}

/** Multi-label F1; macro averages over categories present in the truth. */
export function categoryF1(
  labels: readonly string[],
  truth: readonly (readonly number[])[],
  predicted: readonly (readonly number[])[],
): CategoryScores {
  let tpAll = 0;
  let fpAll = 0;
  let fnAll = 0;
  const perCategoryF1: Record<string, number | null> = {};
  const present: number[] = [];
  labels.forEach((label, c) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    truth.forEach((row, i) => {
      const t = row[c];
      const p = predicted[i]![c];
      if (t === 1 && p === 1) tp++;
      else if (t === 0 && p === 1) fp++;
      else if (t === 1 && p === 0) fn++;
    });
    tpAll += tp;
    fpAll += fp;
    fnAll += fn;
    const f1 = 2 * tp + fp + fn > 0 ? (2 * tp) / (2 * tp + fp + fn) : null;
    perCategoryF1[label] = f1;
    if (tp + fn > 0 && f1 !== null) present.push(f1);
  });
  const micro = 2 * tpAll + fpAll + fnAll > 0 ? (2 * tpAll) / (2 * tpAll + fpAll + fnAll) : 0;
  const macro = present.length ? present.reduce((a, b) => a + b, 0) / present.length : 0;
  return { microF1: micro, macroF1: macro, perCategoryF1 };
}
