import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createGuardChain } from '../chain/guard-chain.js';
import type { Guard } from '../guard.js';
import { normalizeForMatching } from '../normalize/normalize.js';
import { denylistGuard } from './denylist-guard.js';
import { injectionGuard } from './injection-guard.js';
import { INJECTION_RULES } from './injection-rules.js';
import { piiGuard } from './pii-guard.js';
import { PII_PATTERNS } from './pii-patterns.js';
import { sizeLimitGuard } from './size-limit-guard.js';

const ctx = { stage: 'input' as const, signal: new AbortController().signal };
const builtInGuards = (): Guard[] => [
  piiGuard(),
  injectionGuard(),
  denylistGuard({ terms: ['bomb', 'nerve agent'] }),
  sizeLimitGuard({ maxChars: 2_000_000 }),
];

/** Strings with lone surrogates, controls, astral and combining characters. */
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.string({
    unit: fc.constantFrom(
      '\uD800',
      '\uDFFF',
      '\u0000',
      '\u0007',
      '\u200B',
      '\u202E',
      'a',
      '@',
      '.',
      ' ',
      '1',
      '-',
      '\u0301',
      '😀',
    ),
    maxLength: 400,
  }),
);

describe('rule guards on hostile input', () => {
  it('never throw on random unicode, and spans stay inside the text (property)', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, async (text) => {
        for (const guard of builtInGuards()) {
          for (const f of await guard.check(text, ctx)) {
            if (f.span) {
              expect(f.span.start).toBeGreaterThanOrEqual(0);
              expect(f.span.end).toBeLessThanOrEqual(text.length);
              expect(f.span.end).toBeGreaterThan(f.span.start);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('decide on a 1 MB text with controls and lone surrogates', async () => {
    const unit = 'Plain words, a\u0000control, a lone \uD83D surrogate, mail x@y.io. ';
    const text = unit.repeat(Math.ceil(1_048_576 / unit.length)).slice(0, 1_048_576);
    const chain = createGuardChain({ guards: builtInGuards() });
    const decision = await chain.check('input', text);
    expect(decision.action).toBe('redact');
    expect(decision.text).not.toContain('x@y.io');
    expect(decision.text).toContain('\uD83D');
  });

  it('block 1 MB + 1 through the size limit', async () => {
    const chain = createGuardChain({ guards: [sizeLimitGuard({ maxChars: 1_048_576 })] });
    expect((await chain.check('input', 'a'.repeat(1_048_577))).categories).toEqual(['size_limit']);
  });
});

/** Inputs crafted to make backtracking regexes explode: long runs of near-matches. */
function adversarialInputs(): string[] {
  const n = 100_000;
  const fill = (unit: string) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
  return [
    fill('a'),
    fill('1'),
    fill('1 '),
    fill('1-'),
    fill('a.'),
    fill('a@'),
    `${fill('a')}@`,
    fill('a@a.'),
    fill(':'),
    fill('1:'),
    fill('eyJ'),
    `eyJ${fill('a')}`,
    fill('A1'),
    fill('GB82 '),
    fill('ignore '),
    fill('ignore previous '),
    fill('sk-'),
    fill('1.1.'),
    fill('(123) '),
    fill('aB+/'),
  ];
}

describe('built-in regexes on 100 KB adversarial input', () => {
  const regexes: Array<[string, RegExp]> = [
    ...PII_PATTERNS.map((p) => [`pii:${p.type}`, p.regex] as [string, RegExp]),
    ...INJECTION_RULES.map((r) => [`injection:${r.id}`, r.regex] as [string, RegExp]),
  ];

  it.each(regexes)('%s stays linear', (_name, regex) => {
    for (const input of adversarialInputs()) {
      const text = normalizeForMatching(input, { leet: true }).text;
      const started = performance.now();
      for (const _ of text.matchAll(new RegExp(regex.source, regex.flags))) {
        // drain
      }
      // Catastrophic backtracking on 100 KB takes minutes; linear matching takes milliseconds.
      expect(performance.now() - started).toBeLessThan(1_500);
    }
  });
});
