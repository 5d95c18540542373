import type { Severity } from '../taxonomy/severity.js';

/** Heuristic score -> severity: >= 0.8 severe, >= 0.5 moderate, > 0 minor. */
export function severityFromScore(score: number): Severity {
  if (score >= 0.8) return 'severe';
  if (score >= 0.5) return 'moderate';
  return score > 0 ? 'minor' : 'none';
}
