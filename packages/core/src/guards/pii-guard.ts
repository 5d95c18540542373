import type { Finding, Guard, Stage } from '../guard.js';
import { normalizeForMatching, toOriginalSpan } from '../normalize/normalize.js';
import { PII_PATTERNS, type PiiType } from './pii-patterns.js';

/** How a PII match is rewritten when the policy redacts it. */
export type PiiStrategy = 'redact' | 'mask';

/** Options of {@link piiGuard}. */
export interface PiiGuardOptions {
  name?: string;
  /** Kinds to detect (all by default). */
  types?: readonly PiiType[];
  /** `redact` -> `[EMAIL]`; `mask` -> `****************1111` keeping the last 4 characters. */
  strategy?: PiiStrategy;
  stages?: readonly Stage[];
  timeoutMs?: number;
}

function replacementFor(type: PiiType, original: string, strategy: PiiStrategy): string {
  if (strategy === 'redact') return `[${type.toUpperCase()}]`;
  const keep = original.length > 8 ? 4 : 0;
  return '*'.repeat(original.length - keep) + original.slice(original.length - keep);
}

/**
 * Finds personal data and secrets (emails, phone numbers, Luhn-valid card numbers, US SSNs,
 * checksum-valid IBANs, IP addresses, API keys, JWTs, private keys). Findings have category
 * `pii`, a span and a replacement, so the default policy redacts them.
 * Matching runs on NFKC text without invisible characters, so `j\u200Bohn@x.io` is still caught,
 * and spans point into the original text.
 */
export function piiGuard(options: PiiGuardOptions = {}): Guard {
  const strategy = options.strategy ?? 'redact';
  const patterns = options.types ? PII_PATTERNS.filter((p) => options.types!.includes(p.type)) : PII_PATTERNS;
  return {
    name: options.name ?? 'pii',
    stages: options.stages ?? ['input', 'output', 'tool'],
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    check(text) {
      const normalized = normalizeForMatching(text, {
        lowercase: false,
        confusables: false,
        stripMarks: false,
      });
      const findings: Finding[] = [];
      const taken: Array<[number, number]> = [];
      for (const pattern of patterns) {
        for (const match of normalized.text.matchAll(pattern.regex)) {
          const start = match.index;
          const end = start + match[0].length;
          if (pattern.validate && !pattern.validate(match[0])) continue;
          // Earlier patterns are more specific (a card number is also digit-shaped like a phone).
          if (taken.some(([s, e]) => start < e && end > s)) continue;
          taken.push([start, end]);
          const span = toOriginalSpan(normalized, start, end);
          const original = text.slice(span.start, span.end);
          findings.push({
            guard: this.name,
            category: 'pii',
            severity: pattern.severity,
            score: 1,
            span,
            replacement: replacementFor(pattern.type, original, strategy),
            message: `Detected ${pattern.type.replace(/_/g, ' ')}`,
            metadata: { piiType: pattern.type },
          });
        }
      }
      return findings;
    },
  };
}
