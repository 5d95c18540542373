import type { Severity } from '@rampart/core';
import type { Device } from './runtime.js';

/** A category and its probability. */
export interface CategoryScore {
  category: string;
  score: number;
}

/** What the classifier says about one input. */
export interface Verdict {
  /** P(unsafe), calibrated (max over response windows). */
  unsafe: number;
  /** True when `unsafe` reaches the manifest's threshold (prompt-only inputs use `unsafePrompt`). */
  flagged: boolean;
  /** `none` unless flagged; then the most likely of minor / moderate / severe. */
  severity: Severity;
  /** The severity distribution (sums to 1). */
  severityScores: Record<Severity, number>;
  /** Probability of each category id. */
  categories: Record<string, number>;
  /** Categories at or above the category threshold, highest first (the top one at least, when flagged). */
  topCategories: CategoryScore[];
  /** The threshold `flagged` was decided with. */
  threshold: number;
  device: Device;
  /** Wall time of the classify call that produced this verdict. */
  latencyMs: number;
  /** How many response windows were scored. */
  windows: number;
}

/** Raw per-row model outputs. */
export interface RowScores {
  unsafe: number;
  severity: [number, number, number, number];
  categories: number[];
}

const SEVERITY_NAMES: readonly Severity[] = ['none', 'minor', 'moderate', 'severe'];

/**
 * Combines window scores into a verdict: max P(unsafe) over windows, the severity distribution of
 * that worst window, and each category's max over windows.
 */
export function toVerdict(
  rows: readonly RowScores[],
  labels: readonly string[],
  thresholds: { unsafe: number; category: number },
  device: Device,
): Omit<Verdict, 'latencyMs'> {
  const worst = rows.reduce((a, b) => (b.unsafe > a.unsafe ? b : a));
  const categories: Record<string, number> = {};
  labels.forEach((label, i) => {
    categories[label] = Math.max(...rows.map((r) => r.categories[i] ?? 0));
  });
  const flagged = worst.unsafe >= thresholds.unsafe;
  let severity: Severity = 'none';
  if (flagged) {
    const harmful = worst.severity.slice(1);
    severity = SEVERITY_NAMES[1 + harmful.indexOf(Math.max(...harmful))]!;
  }
  const ranked = Object.entries(categories)
    .map(([category, score]) => ({ category, score }))
    .sort((a, b) => b.score - a.score);
  let topCategories = ranked.filter((c) => c.score >= thresholds.category);
  if (flagged && topCategories.length === 0) topCategories = ranked.slice(0, 1);
  if (!flagged) topCategories = [];
  const severityScores = Object.fromEntries(SEVERITY_NAMES.map((s, i) => [s, worst.severity[i]!])) as Record<
    Severity,
    number
  >;
  return {
    unsafe: worst.unsafe,
    flagged,
    severity,
    severityScores,
    categories,
    topCategories,
    threshold: thresholds.unsafe,
    device,
    windows: rows.length,
  };
}
