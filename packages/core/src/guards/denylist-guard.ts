import { ConfigValidationError } from '../errors.js';
import type { Finding, Guard, Stage } from '../guard.js';
import { normalizeForMatching, toOriginalSpan } from '../normalize/normalize.js';
import type { Severity } from '../taxonomy/severity.js';

/** Options of {@link denylistGuard}. */
export interface DenylistGuardOptions {
  /** Words or phrases to find. Matched whole-word, after the same folding as the text. */
  terms: readonly string[];
  name?: string;
  /** Category of the findings (default `denylist`); may be a harm category id. */
  category?: string;
  severity?: Severity;
  /** Text that replaces a match when the policy redacts (default `[REMOVED]`). */
  replacement?: string;
  stages?: readonly Stage[];
  timeoutMs?: number;
}

const FOLDING = { leet: true } as const;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Finds denylisted words and phrases, whole-word, robust to case, accents, homoglyphs,
 * leetspeak and zero-width characters ("Ｂ0мb" matches "bomb"). Findings carry spans of the
 * original text.
 */
export function denylistGuard(options: DenylistGuardOptions): Guard {
  const terms = options.terms
    .map((t) => normalizeForMatching(t.trim(), FOLDING).text)
    .filter((t) => t.length > 0);
  if (terms.length === 0) {
    throw new ConfigValidationError('denylist guard', [
      { path: 'terms', message: 'needs at least one non-empty term' },
    ]);
  }
  // Longest first so "bomb making" wins over "bomb"; one alternation keeps matching linear.
  const alternation = [...new Set(terms)]
    .sort((a, b) => b.length - a.length)
    .map((t) => escapeRegExp(t).replace(/\s+/g, '\\s+'))
    .join('|');
  const regex = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternation})(?![\\p{L}\\p{N}])`, 'gu');
  const name = options.name ?? 'denylist';
  return {
    name,
    stages: options.stages ?? ['input', 'output', 'tool'],
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    check(text) {
      const normalized = normalizeForMatching(text, FOLDING);
      const findings: Finding[] = [];
      for (const match of normalized.text.matchAll(regex)) {
        findings.push({
          guard: name,
          category: options.category ?? 'denylist',
          severity: options.severity ?? 'severe',
          score: 1,
          span: toOriginalSpan(normalized, match.index, match.index + match[0].length),
          replacement: options.replacement ?? '[REMOVED]',
          message: `Denylisted term "${match[0]}"`,
          metadata: { term: match[0] },
        });
      }
      return findings;
    },
  };
}
