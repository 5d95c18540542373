/**
 * Severity scale of PKU-SafeRLHF. `none` means safe; the other three follow the paper's meaning.
 * The order matters: policies and chains compare severities by rank.
 */
export const SEVERITIES = ['none', 'minor', 'moderate', 'severe'] as const;

/** A severity level. */
export type Severity = (typeof SEVERITIES)[number];

/** What each level means, as defined for PKU-SafeRLHF's severity-sensitive moderation. */
export const SEVERITY_MEANINGS: Readonly<Record<Severity, string>> = {
  none: 'No harm: the content is safe.',
  minor: 'Limited, recoverable harm to individuals; usually needs no intervention beyond a flag.',
  moderate: 'Real harm or legal risk that needs intervention.',
  severe: 'Large-scale, irreversible or life-threatening harm.',
};

/** Numeric rank of a severity (none 0 … severe 3), the same index the model's severity head uses. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** The more severe of two levels. */
export function maxSeverity(a: Severity, b: Severity): Severity {
  return severityRank(a) >= severityRank(b) ? a : b;
}

/** The severity at `rank` (clamped into 0..3). */
export function severityFromRank(rank: number): Severity {
  const clamped = Math.max(0, Math.min(SEVERITIES.length - 1, Math.round(rank)));
  return SEVERITIES[clamped]!;
}
